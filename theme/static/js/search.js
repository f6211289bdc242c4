// The search page: runs the query in ?q= (and the filters in ?section= &year= &issue= &author=)
// over the Pagefind bundles listed in pagefind/bundles.json, and shows the articles that hold
// every term, titles first. The index holds Han text as overlapping character pairs spelt in
// ASCII: the encoding below must stay identical to qhgy/search/tokens.py (a test runs both).

const TITLE_REGION = 128;
const HAN_PREFIX = "x";
const RUN_END = "w";
const SPACE = "\u2420";
const PAGE_SIZE = 10;
const AUTHOR_SEPARATOR = "、";  // index.py: the authors of a result, as one field
const HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{323af}";
const RUNS = new RegExp(
  `(?<han>[${HAN}]+)|(?<word>(?:(?![${HAN}])[\\p{L}\\p{M}\\p{N}])+)|(?<space>\\s+)|(?<other>(?:(?!\\s)[^\\p{L}\\p{M}\\p{N}])+)`,
  "gu",
);
const TOKEN = new RegExp(`^${HAN_PREFIX}([0-9a-v]{4})(?:[0-9a-v]{4}|${RUN_END})$`);

export const fold = (text) =>
  text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

// One spelling for one text: composed (NFC), full-width letters and digits as ASCII, invisible
// characters (zero-width space, soft hyphen) gone.
export const prepare = (text) => fold(text.normalize("NFC").replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, ""));

// A word that starts with x gets another x in front: no word meets a Han token (x + digit).
export const wordToken = (run) => (/^[xX]/.test(run) ? HAN_PREFIX + run : run);

export const runs = (text) => [...prepare(text).matchAll(RUNS)].map((m) => {
  const kind = Object.keys(m.groups).find((k) => m.groups[k] !== undefined);
  return [kind, m[0]];
});

const code = (char) => char.codePointAt(0).toString(32).padStart(4, "0");

export function hanTokens(run) {
  const chars = Array.from(run);
  const tokens = [];
  for (let i = 0; i + 1 < chars.length; i++) tokens.push(HAN_PREFIX + code(chars[i]) + code(chars[i + 1]));
  tokens.push(HAN_PREFIX + code(chars[chars.length - 1]) + RUN_END);
  return tokens;
}

// [offset, token] of a Han run in a query term: every other pair and the last pair; the
// run's end if a word follows; a lone final character as a prefix (tokens.py, query_han).
export function queryHan(run, ends) {
  const chars = Array.from(run);
  const m = chars.length;
  const offsets = [];
  for (let i = 0; i < m - 1; i += 2) offsets.push(i);
  if (m >= 2 && offsets[offsets.length - 1] !== m - 2) offsets.push(m - 2);
  const out = offsets.map((i) => [i, HAN_PREFIX + code(chars[i]) + code(chars[i + 1])]);
  if (ends) out.push([m - 1, HAN_PREFIX + code(chars[m - 1]) + RUN_END]);
  else if (m === 1) out.push([0, HAN_PREFIX + code(chars[0])]);
  return out;
}

export function indexTokens(text) {
  const tokens = [];
  for (const [kind, run] of runs(text)) {
    if (kind === "han") tokens.push(...hanTokens(run));
    else if (kind === "space") tokens.push(SPACE);
    else if (kind === "other") tokens.push(run.replaceAll(SPACE, "?"));
    else tokens.push(wordToken(run));
  }
  return tokens;
}

export function decode(tokens) {
  return tokens.map((token) => {
    const m = TOKEN.exec(token.endsWith(".") ? token.slice(0, -1) : token); // Pagefind ends a block with "."
    if (m) return String.fromCodePoint(parseInt(m[1], 32));
    if (token === SPACE) return " ";
    return token.slice(0, 2).toLowerCase() === HAN_PREFIX + HAN_PREFIX ? token.slice(1) : token;
  }).join("");
}

export const normalise = (text) => prepare(text).toLowerCase().replace(/\s+/g, " ");

// Punctuation that separates terms as a space does (search_reference.py, SEPARATORS): the
// Chinese marks that end a clause or part a list never stand inside a word; the ASCII ones do
// (1,600  3.5  7:30), so they separate only where a letter or digit is not on both sides.
const LATIN = `(?:(?![${HAN}])[\\p{L}\\p{M}\\p{N}])`;
const SEPARATORS = new RegExp(`[\uff0c\u3001\uff1b\uff1a\u3002\uff01\uff1f\uff64\uff61]`
  + `|(?<!${LATIN})[,;:.!?]|[,;:.!?](?!${LATIN})`, "gu");

export const separate = (query) => normalise(query).replace(SEPARATORS, " ");

// The terms of a query, each {text, tokens, offsets} (tokens.py, query_terms): what stands
// between spaces (or separating punctuation), punctuation inside it included, at its edges
// dropped; all must occur.
export function queryTerms(query) {
  const terms = [];
  for (const chunk of separate(query).split(" ")) {
    const part = chunk.replace(/^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, "");
    if (!part || terms.some((t) => t.text === part)) continue;
    const tokens = [];
    const offsets = [];
    let at = 0;
    const parts = runs(part);
    parts.forEach(([kind, run], i) => {
      if (kind === "han") {
        for (const [offset, token] of queryHan(run, i + 1 < parts.length)) {
          offsets.push(at + offset);
          tokens.push(token);
        }
        at += Array.from(run).length;
      } else if (kind === "word") {
        offsets.push(at);
        tokens.push(wordToken(run));
        at += 1;
      } else {
        at += 1;  // a run of punctuation: one position, no token
      }
    });
    if (tokens.length) terms.push({ text: part, tokens, offsets });
  }
  return terms;
}

// Wherever a term occurs, at position p, its i-th token lies at p + offsets[i]: is there such
// a p (below `limit`: TITLE_REGION asks for a title match)? `positions[i]`: where token i is.
function hasPattern(positions, offsets, limit = Infinity) {
  const span = offsets[offsets.length - 1] - offsets[0];
  for (const first of positions[0]) {
    const p = first - offsets[0];
    if (p + offsets[0] + span < limit && offsets.every((o, i) => positions[i].has(p + o))) return true;
  }
  return false;
}

// ---- Pagefind bundles ------------------------------------------------------------------

// The (from, to) word ranges of a bundle's index chunks, read from its pf_meta (gzip, the
// signature "pagefind_dcd", then CBOR: [version, [pages], [[from, to, hash]], ...]), named in
// bundles.json. Pagefind fetched the same file moments before, so it comes from the browser's cache.
async function chunkRanges(bundle) {
  let meta = bundle.meta;
  if (!meta) {  // a list written before bundles.json named the metadata
    const entry = await (await fetch(`${bundle.path}pagefind-entry.json`)).json();
    const language = entry.languages["zh-cn"] || Object.values(entry.languages)[0];
    meta = `pagefind.${language.hash}.pf_meta`;
  }
  const response = await fetch(`${bundle.path}${meta}`);
  const gunzip = response.body.pipeThrough(new DecompressionStream("gzip"));
  const bytes = new Uint8Array(await new Response(gunzip).arrayBuffer()).subarray(12);
  return cbor(bytes)[2].map(([from, to]) => ({ from, to }));
}

// The little of CBOR Pagefind's metadata uses: unsigned integers, text strings, arrays.
function cbor(bytes) {
  let at = 0;
  const text = new TextDecoder();
  const head = () => {
    const byte = bytes[at++];
    const info = byte & 31;
    let value = info;
    if (info >= 24) {
      const size = 1 << (info - 24);
      value = 0;
      for (let i = 0; i < size; i++) value = value * 256 + bytes[at++];
    }
    return [byte >> 5, value];
  };
  const item = () => {
    const [major, value] = head();
    if (major === 0) return value;
    if (major === 3) { const s = text.decode(bytes.subarray(at, at + value)); at += value; return s; }
    if (major === 4) return Array.from({ length: value }, item);
    throw new Error(`unexpected CBOR type ${major} in Pagefind metadata`);
  };
  return item();
}

// Pagefind loads only the chunk whose range holds a prefix itself, not the following chunks
// holding longer words that start with it: load those first (a preload of a chunk's first
// word loads it), so a prefix finds every word in every bundle.
async function ensurePrefix(search, prefix) {
  const end = prefix + "\uffff";  // above every word that starts with the prefix
  for (const bundle of search.bundles) {
    bundle.chunks ??= chunkRanges(bundle);
    for (const { from, to } of await bundle.chunks) {
      if (from > prefix && from <= end && to >= prefix) await search.pagefind.preload(from);
    }
  }
}

// The newest bundle is Pagefind's primary index and the others are merged into it: Pagefind
// then searches them together and merges their results. (Separate instances, one per bundle,
// each load Pagefind's WebAssembly again and break the others: measured with 1.5.2.)
async function loadBundles(root, filters = {}) {
  const base = root.dataset.siteurl || "";
  let list = (await (await fetch(`${base}/${root.dataset.index}bundles.json`)).json())
    .map((b) => ({ ...b, held: b.held || [] }));
  // the years some article is of (a bundle named 2015-2019 may hold 2017 and 2019 only), and
  // how many articles the index holds: what the page says it searched
  const years = [...new Set(list.flatMap((b) => b.held))];
  const articles = list.reduce((sum, b) => sum + (b.articles || 0), 0);
  // A year (or an issue, whose label names its year: 2017年第9-10期, No. 9–10, 2017) needs only
  // the bundle holding it; any filter leaves out the pages' bundle (a page has no section, year,
  // issue or author).
  const year = filters.year || (filters.issue || "").match(/\d{4}/)?.[0];
  if (year) list = list.filter((b) => b.held.includes(year));
  if (Object.keys(filters).length) list = list.filter((b) => b.held.length);
  const bundles = list.map((b) => ({ path: `${base}/${b.path}`, meta: b.meta, chunks: null }));
  if (!bundles.length) return { pagefind: null, bundles, years, articles };
  // metaCacheTag: Pagefind fetches each bundle's entry with ?ts=<tag>, by default the time, which
  // downloads it again on every page; the name of the bundle's metadata changes with its content.
  const options = (bundle) => (bundle.meta ? { baseUrl: "/", metaCacheTag: bundle.meta } : { baseUrl: "/" });
  const pagefind = await import(`${bundles[0].path}pagefind.js`);
  await pagefind.options(options(bundles[0]));
  // Pagefind 1.5.2's mergeIndex waits without end for the primary's WebAssembly when that failed
  // to load (refused by a Content-Security-Policy, say); an empty preload waits for the primary,
  // throws its error instead, and loads nothing.
  if (bundles.length > 1) await pagefind.preload("");
  for (const bundle of bundles.slice(1)) await pagefind.mergeIndex(bundle.path, options(bundle));
  return { pagefind, bundles, years, articles };
}

const PREFIX = /^x[0-9a-v]{4}$/;
const NAME = new RegExp(`^[${HAN}]{2,}$`, "u");  // a term that may be a whole Chinese name
const WHOLE_HAN = /^x[0-9a-v]{4}(?:[0-9a-v]{4}|w)$/;  // a pair or a run's end: no longer word starts with it

async function searchTerm(search, term, filters) {
  const hits = new Map();
  // Pagefind matches every query word as a prefix too (app → apps, 201 → 2017, 会 → 会议)
  for (const token of term.tokens) if (!WHOLE_HAN.test(token)) await ensurePrefix(search, token);
  const found = await search.pagefind.search(term.tokens.join(" "), { filters });
  // A result's `words` are where any of the tokens matched; where each one did comes from a
  // search for that token alone (the index chunks are loaded already: no more bytes).
  const perToken = [];
  if (term.tokens.length > 1) {
    for (const token of term.tokens) {
      const alone = await search.pagefind.search(token, { filters });
      perToken.push(new Map(alone.results.map((r) => [r.id, new Set(r.words)])));
    }
  }
  for (const result of found.results) {
    const positions = perToken.length ? perToken.map((m) => m.get(result.id) || new Set()) : [new Set(result.words)];
    if (!hasPattern(positions, term.offsets)) continue;
    const inTitle = hasPattern(positions, term.offsets, TITLE_REGION);
    hits.set(result.id, { result, score: result.score, inTitle, byline: false });
  }
  await markBylines(search, term, filters, hits);
  return hits;
}

// A term that is the whole name of one of an article's authors ranks that article above those
// where it is part of a longer name (李忠 in 李忠杰) or appears in a title or the text. The
// byline is in the title region, so only title matches are asked; the author filter holds whole
// names only, so the answer is exact, at the cost of each bundle's author filter, loaded once.
async function markBylines(search, term, filters, hits) {
  if (filters.author || !NAME.test(term.text) || ![...hits.values()].some((h) => h.inTitle)) return;
  const found = await search.pagefind.search(term.tokens.join(" "), { filters: { ...filters, author: term.text } });
  for (const result of found.results) if (hits.has(result.id)) hits.get(result.id).byline = true;
}

// Candidates holding every term, ranked: a term that is one of the authors' whole names first,
// then every term in the title region, then Pagefind's score (BM25; each bundle scores with its
// own statistics), then the id for a stable order.
export async function candidates(search, terms, filters) {
  if (!search.pagefind) return [];
  let merged = null;
  for (const term of terms) {
    const hits = await searchTerm(search, term, filters);
    if (merged === null) {
      merged = hits;
    } else {
      for (const [id, hit] of merged) {
        const other = hits.get(id);
        if (!other) merged.delete(id);
        else {
          merged.set(id, { result: hit.result, score: hit.score + other.score, inTitle: hit.inTitle && other.inTitle,
            byline: hit.byline || other.byline });
        }
      }
    }
  }
  return [...(merged || new Map()).values()].sort((a, b) => (b.byline - a.byline)
    || (b.inTitle - a.inTitle) || (b.score - a.score) || (a.result.id < b.result.id ? -1 : 1));
}

// A result's readable text, checked literally: no result is shown that lacks a term.
export async function verify(candidate, terms) {
  const data = await candidate.result.data();
  const words = data.content.split(" ");
  const body = decode(words.slice(TITLE_REGION));
  const title = data.meta.title || "";
  // the title region also holds the 引题, 副题, authors and source unit (records.py, heads)
  const { kicker, subtitle, authors, source } = data.meta;
  const heads = normalise([kicker, title, subtitle, ...(authors || "").split(AUTHOR_SEPARATOR), source]
    .filter(Boolean).join("\n"));
  const haystack = heads + "\n" + normalise(body);
  if (!terms.every((t) => haystack.includes(t.text))) return null;
  return { url: data.meta.url, title, body, meta: data.meta, inTitle: terms.every((t) => heads.includes(t.text)),
    byline: candidate.byline };
}

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

// Wraps every occurrence of a term in <mark>; text and terms are compared normalised, which
// keeps lengths (folding and lowercasing only), so offsets carry over to the original.
export function highlight(text, terms) {
  const norm = normalise(text);
  const marks = new Array(text.length).fill(false);
  for (const { text: t } of terms) {
    for (let i = norm.indexOf(t); i >= 0; i = norm.indexOf(t, i + 1)) marks.fill(true, i, i + t.length);
  }
  let out = "";
  let open = false;
  for (let i = 0; i < text.length; i++) {
    if (marks[i] !== open) { out += marks[i] ? "<mark>" : "</mark>"; open = marks[i]; }
    out += escapeHtml(text[i]);
  }
  return out + (open ? "</mark>" : "");
}

export function excerpt(body, terms, width = 90) {
  const norm = normalise(body);
  let at = -1;
  for (const { text: t } of terms) {
    const i = norm.indexOf(t);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) return highlight(body.slice(0, width), terms) + (body.length > width ? "…" : "");
  const start = Math.max(0, at - Math.floor(width / 3));
  const end = Math.min(body.length, start + width);
  return (start > 0 ? "…" : "") + highlight(body.slice(start, end), terms) + (end < body.length ? "…" : "");
}

// ---- the page ----------------------------------------------------------------------------

const FILTERS = ["section", "year", "issue", "author"];

function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const key of FILTERS) {
    const value = (params.get(key) || "").trim();
    if (value) filters[key] = value;
  }
  return { query: (params.get("q") || "").trim(), filters };
}

const fmt = (template, values) => template.replace(/%\((\w+)\)s/g, (_, k) => values[k] ?? "");

// Where a result stands: an article's section, issue, authors (a name searched for marked) and
// pages; a page of the site says only that.
function resultMeta(item, terms, text) {
  if (item.meta.kind === "page") return escapeHtml(text.page);
  const { section, issue, authors, pages } = item.meta;
  return [section && escapeHtml(section), issue && escapeHtml(issue), authors && highlight(authors, terms),
    pages && escapeHtml(fmt(text.pages, { pages }))].filter(Boolean).join(" · ");
}

function renderResult(item, terms, text, base) {
  const li = document.createElement("li");
  li.className = "search-result";
  const byline = resultMeta(item, terms, text);
  li.innerHTML = `<h2 class="search-result-title"><a href="${escapeHtml(`${base}/${item.url}`)}">${highlight(item.title, terms)}</a></h2>`
    + `<p class="search-result-meta">${byline}</p><p class="search-result-excerpt">${excerpt(item.body, terms)}</p>`;
  return li;
}

async function fillFilters(search, form, state, text) {
  const counts = search.pagefind ? await search.pagefind.filters() : {};
  for (const key of FILTERS) {
    const field = form.elements[key];
    if (!field || field.tagName !== "SELECT") continue;
    // years from the list of bundles: a year filter loads only its bundle, so the others'
    // counts are not at hand
    const values = key === "year" ? search.years : Object.keys(counts[key] || {});
    const collator = new Intl.Collator("zh-CN", { numeric: true });
    values.sort((a, b) => (key === "year" || key === "issue" ? collator.compare(b, a) : collator.compare(a, b)));
    field.replaceChildren(new Option(text.any, ""), ...values.map((v) => new Option(v, v, false, v === state.filters[key])));
  }
  const authors = form.querySelector("#search-authors");
  if (authors) authors.replaceChildren(...Object.keys(counts.author || {}).map((v) => new Option(v)));
}

// The outcome of a search goes in the results' heading, which then takes keyboard focus: a screen
// reader reads it, and one Tab reaches the first result. The search runs when the page loads
// with ?q= (the form is sent by reloading the page), so focus is moved only if the reader has not
// put it somewhere meanwhile (typing a new query in a box while this one ran).
function announce(heading, html) {
  heading.innerHTML = html;
  heading.hidden = false;
  const active = document.activeElement;
  if (!active || active === document.body || active === document.documentElement) heading.focus();
}

// "Searched 1,234 articles": the number of articles the index holds (bundles.json).
function showScope(root, text, articles) {
  const scope = root.querySelector(".search-scope");
  const count = new Intl.NumberFormat(document.documentElement.lang || undefined).format(articles);
  scope.textContent = fmt(text.scope, { count });
  scope.hidden = false;
}

export async function main(root) {
  const text = JSON.parse(root.querySelector("#search-text").textContent);
  const progress = root.querySelector(".search-progress");
  const status = root.querySelector(".search-status");
  const list = root.querySelector(".search-results");
  const more = root.querySelector(".search-more");
  const form = root.querySelector("form.search-form");
  const state = readState();
  form.elements.q.value = state.query;
  for (const key of FILTERS) {
    const field = form.elements[key];
    if (field && state.filters[key]) {
      if (field.tagName === "SELECT") field.replaceChildren(new Option(text.any, ""), new Option(state.filters[key], state.filters[key], true, true));
      else field.value = state.filters[key];
    }
  }
  if (Object.keys(state.filters).length) form.querySelector("details").open = true;
  // Empty fields stay out of the URL (?q=…&section=…). A filter applies when the form is sent,
  // not on change: arrow keys on a list must not leave the page (WCAG 3.2.2).
  form.addEventListener("submit", () => {
    for (const field of form.querySelectorAll("input, select")) if (!field.value) field.disabled = true;
  });
  window.addEventListener("pageshow", () => { for (const field of form.querySelectorAll("[disabled]")) field.disabled = false; });
  root.dataset.state = "idle";
  let bundles = null;
  const ready = () => (bundles ??= loadBundles(root, state.filters));
  form.querySelector("details").addEventListener("toggle", async (event) => {
    if (event.target.open && !form.dataset.filled) {
      form.dataset.filled = "1";
      await fillFilters(await ready(), form, state, text);
    }
  });
  const terms = queryTerms(state.query);
  if (!terms.length) {
    if (state.query) announce(status, escapeHtml(text.unusable));
    else progress.textContent = text.prompt;
    return;
  }
  root.dataset.state = "searching";
  progress.textContent = text.searching;
  const search = await ready();
  const ranked = await candidates(search, terms, state.filters);
  let shown = 0;
  let next = 0;
  const showMore = async () => {
    more.disabled = true;
    const batch = [];
    while (batch.length < PAGE_SIZE && next < ranked.length) {
      const item = await verify(ranked[next++], terms);
      if (item) batch.push(item);
    }
    batch.sort((a, b) => (b.byline - a.byline) || (b.inTitle - a.inTitle));  // within a batch, as checked literally
    const added = batch.map((item) => renderResult(item, terms, text, root.dataset.siteurl || ""));
    list.append(...added);
    shown += batch.length;
    more.hidden = next >= ranked.length;
    more.disabled = false;
    return added;
  };
  await showMore();
  const singleHan = terms.some((t) => Array.from(t.text).length === 1 && PREFIX.test(t.tokens[0]));
  const query = state.query;
  progress.textContent = "";
  showScope(root, text, search.articles);
  if (!shown) {
    const none = Object.keys(state.filters).length ? text.noneFiltered : text.none;
    announce(status, fmt(escapeHtml(none), { query: `<strong>${escapeHtml(query)}</strong>` }));
    root.querySelector(".search-help").hidden = false;
  } else {
    // ranked.length counts candidates; all but a rare few pass the literal check.
    announce(status, escapeHtml(fmt(text.found, { count: String(ranked.length - (next - shown)), query })
      + (singleHan ? " " + text.single : "")));
  }
  more.addEventListener("click", async () => {
    root.dataset.state = "searching";
    const added = await showMore();
    // the button may vanish: keyboard focus goes on to the first new result
    if (added.length) added[0].querySelector("a").focus();
    root.dataset.state = "done";
  });
  root.dataset.state = "done";
}

const root = document.querySelector("[data-search]");
if (root) main(root).catch((err) => {
  root.dataset.state = "error";
  root.querySelector(".search-progress").textContent = JSON.parse(root.querySelector("#search-text").textContent).failed;
  root.querySelector(".search-help").hidden = false;  // the links to browse instead
  console.error(err);
});
