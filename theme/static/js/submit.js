// The submission form (templates/submit.html): checks each field in the browser with a message
// beside it in the page's language, keeps a draft in localStorage, and sends the manuscript: a
// multipart POST to the form's endpoint where one is set, otherwise a prepared e-mail (mailto:)
// to the editorial office. Bots are turned away by a honeypot field and a minimum fill time.

// Below this, the form was filled by a program: people take longer to type a title and an abstract.
export const MIN_FILL_MS = 3000;
// Mail programs and browsers refuse longer mailto: URLs (Outlook: about 2,000 characters).
export const MAILTO_LIMIT = 1900;
const DRAFTED = ["name", "unit", "address", "postcode", "mobile", "landline", "email", "title", "section", "genre",
                 "abstract", "keywords", "captions"];

const format = (template, values) => template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));
const megabytes = (bytes) => (bytes / 1048576).toFixed(1);
const extension = (name) => (name.match(/\.[^.]+$/) || [""])[0].toLowerCase();
// a field's name as its label says it, without the required mark
const labelOf = (form, field) => form.querySelector(`label[for="${field.id}"]`).textContent.replace(/\s*\*\s*$/, "").trim();

// A value against its field's pattern, whole, as the browser's own check reads it.
const matches = (field, value) => new RegExp(`^(?:${field.getAttribute("pattern")})$`, "v").test(value);
// A file input's accepted extensions (its `accept` also names MIME types, for the file chooser).
const types = (field) => field.accept.split(",").filter((type) => type.startsWith("."));

// Each field's problem ("" for none), in the order of the form.
export function problems(form, text, maxMb) {
  const value = (name) => (form.elements[name].value || "").trim();
  const found = {};
  for (const field of form.querySelectorAll("[required]")) {
    if (field.type === "checkbox") { if (!field.checked) found[field.name] = text.requiredCheck; }
    else if (field.type === "file") { if (!field.files.length) found[field.name] = text.required; }
    else if (field.tagName === "SELECT") { if (!field.value) found[field.name] = text.requiredChoice; }
    else if (!field.value.trim()) found[field.name] = text.required;
  }
  // the patterns are the form's own (qhgy/submission.py states them once, for the receiver too)
  for (const name of ["postcode", "mobile", "landline", "email"]) {
    if (value(name) && !matches(form.elements[name], value(name))) found[name] = text[name];
  }
  if (!value("mobile") && !value("landline")) found.mobile = text.phone;
  const limit = maxMb * 1048576;
  const manuscript = form.elements.manuscript.files[0];
  if (manuscript && !types(form.elements.manuscript).includes(extension(manuscript.name))) found.manuscript = text.fileType;
  else if (manuscript && manuscript.size > limit) {
    found.manuscript = format(text.fileSize, { size: megabytes(manuscript.size), max: maxMb });
  }
  const photos = Array.from(form.elements.photos.files);
  if (photos.some((photo) => !types(form.elements.photos).includes(extension(photo.name)))) found.photos = text.photoType;
  else if (photos.reduce((sum, photo) => sum + photo.size, 0) > limit) {
    found.photos = format(text.photoSize, { size: megabytes(photos.reduce((s, p) => s + p.size, 0)), max: maxMb });
  }
  return found;
}

function show(form, summary, found, text) {
  for (const error of form.querySelectorAll(".field-error")) {
    const name = error.id.slice(2);
    const field = form.querySelector(`#f-${name}`);
    const key = field ? field.name : name;
    error.textContent = found[key] || "";
    error.hidden = !found[key];
    if (field) field.setAttribute("aria-invalid", found[key] ? "true" : "false");
  }
  // in the order of the form, as a reader goes through it
  const order = Array.from(form.elements).map((field) => field.name);
  const names = Object.keys(found).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  summary.replaceChildren();
  summary.hidden = names.length === 0;
  if (!names.length) return;
  const intro = document.createElement("p");
  intro.textContent = names.length === 1 ? text.summaryOne : format(text.summary, { count: names.length });
  const list = document.createElement("ul");
  for (const name of names) {
    const field = form.elements[name];
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `#${field.id}`;
    link.textContent = format(text.summaryItem, { field: labelOf(form, field), problem: found[name] });
    item.append(link);
    list.append(item);
  }
  summary.append(intro, list);
  summary.focus();
}

// label: value of every field a person filled in, in the order of the form (the e-mail's body, the registration form).
export function entries(form, text) {
  const out = [];
  for (const field of form.querySelectorAll("input, select, textarea")) {
    if (!field.name || field.name === "website" || field.type === "hidden") continue;
    // a declaration's short name (data-label) rather than its whole sentence: the e-mail's URL is short
    const label = field.dataset.label || labelOf(form, field);
    let value;
    if (field.type === "checkbox") value = field.checked ? text.yes : "";
    else if (field.type === "file") value = Array.from(field.files).map((f) => f.name).join(", ");
    else value = field.value.trim();
    if (value) out.push([label, value]);
  }
  return out;
}

// The prepared e-mail: subject and a body listing every field. While the URL is over MAILTO_LIMIT,
// the field that takes most of it is shortened, down to the note that the manuscript holds it all
// (each Chinese character takes 9 characters of URL); fields no longer than that note stay whole.
export function mailtoUrl(address, form, text) {
  const rows = entries(form, text);
  const subject = format(text.subject, { title: form.elements.title.value.trim() });
  const build = (list) => `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(
    `${list.map(([label, value]) => format(text.entry, { field: label, value })).join("\n")}\n\n${text.attach}\n`)}`;
  const note = text.shortened;
  let url = build(rows);
  while (url.length > MAILTO_LIMIT) {
    const candidates = rows.map((row, i) => i).filter((i) => rows[i][1].length > note.length + 5);
    if (!candidates.length) break;
    const size = (i) => encodeURIComponent(rows[i][1]).length;
    const largest = candidates.reduce((best, i) => (size(i) > size(best) ? i : best));
    const [label, value] = rows[largest];
    const perChar = size(largest) / value.length;
    const keep = Math.floor(value.length - (url.length - MAILTO_LIMIT) / perChar) - note.length - 2;
    rows[largest] = [label, keep > 10 ? `${value.slice(0, keep)}… ${note}` : note];
    url = build(rows);
  }
  return url;
}

function saveDraft(form, key) {
  const draft = {};
  for (const name of DRAFTED) draft[name] = form.elements[name].value;
  for (const name of ["original", "privacy"]) draft[name] = form.elements[name].checked;
  try { localStorage.setItem(key, JSON.stringify(draft)); } catch { /* storage full or refused: no draft */ }
}

function restoreDraft(form, key) {
  let draft = null;
  try { draft = JSON.parse(localStorage.getItem(key) || "null"); } catch { draft = null; }
  if (!draft) return false;
  for (const name of DRAFTED) if (typeof draft[name] === "string") form.elements[name].value = draft[name];
  for (const name of ["original", "privacy"]) form.elements[name].checked = Boolean(draft[name]);
  return DRAFTED.some((name) => draft[name]);
}

function fillRegistration(form, text) {
  const list = document.querySelector(".registration-fields");
  list.replaceChildren();
  for (const [label, value] of entries(form, text)) {
    const term = document.createElement("dt");
    term.textContent = label;
    const detail = document.createElement("dd");
    detail.textContent = value;
    list.append(term, detail);
  }
}

async function post(form, endpoint) {
  const response = await fetch(endpoint, { method: "POST", body: new FormData(form), headers: { Accept: "application/json" } });
  if (response.ok) return "";
  let reason = `${response.status} ${response.statusText}`.trim();
  try {
    const body = await response.json();
    if (body && body.error) reason = body.error;
  } catch { /* not JSON: the status says it */ }
  return reason;
}

export function main(form) {
  const text = JSON.parse(document.getElementById("submit-text").textContent);
  const summary = document.querySelector(".form-summary");
  const status = form.querySelector(".form-status");
  const mailto = form.querySelector(".form-mailto");
  const { draftKey, endpoint, mailto: address } = form.dataset;
  const maxMb = Number(form.dataset.maxMb);
  const started = Date.now();
  form.noValidate = true; // this script checks, with messages in the page's language
  if (restoreDraft(form, draftKey)) status.textContent = text.restored;
  form.addEventListener("input", () => saveDraft(form, draftKey));
  form.addEventListener("change", () => saveDraft(form, draftKey));
  form.querySelector(".form-clear").addEventListener("click", () => {
    try { localStorage.removeItem(draftKey); } catch { /* nothing kept */ }
    form.reset();
    show(form, summary, {}, text);
    mailto.hidden = true;
    status.textContent = text.cleared;
  });
  form.querySelector(".form-print").addEventListener("click", () => {
    fillRegistration(form, text);
    window.print();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    mailto.hidden = true;
    if (form.elements.website.value) { status.textContent = text.sent; return; } // the honeypot: a bot is told it worked, and nothing is sent
    if (Date.now() - started < MIN_FILL_MS) { status.textContent = text.tooFast; return; }
    const found = problems(form, text, maxMb);
    show(form, summary, found, text);
    if (Object.keys(found).length) { status.textContent = ""; return; }
    if (endpoint) {
      status.textContent = text.sending;
      let reason;
      try { reason = await post(form, endpoint); } catch (error) { reason = error.message || String(error); }
      status.textContent = reason ? format(text.failed, { reason }) : text.sent;
      if (!reason) { try { localStorage.removeItem(draftKey); } catch { /* nothing kept */ } }
      return;
    }
    const url = mailtoUrl(address, form, text);
    mailto.querySelector("a").href = url;
    mailto.hidden = false;
    status.textContent = text.mailReady;
    window.location.href = url;
  });
}

const form = document.getElementById("submit-form");
if (form) main(form);
