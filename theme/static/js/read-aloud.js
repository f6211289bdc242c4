// 朗读: the article read aloud by the browser's own speech synthesis (the Web Speech API), where the
// browser has it and a voice for the article's language; elsewhere the buttons stay hidden. The
// text goes to the synthesiser a sentence or so at a time: some engines stop a long utterance
// part-way (Chrome after about 15 seconds).
const MAX_CHARS = 160;

// The title and the body's paragraphs and headings, cut into utterances at sentence ends.
export function chunks(article) {
  const blocks = [article.querySelector("h1"), ...article.querySelectorAll(".article-body :is(p, h2, h3, h4, li, figcaption)")];
  const out = [];
  for (const block of blocks) {
    const text = (block?.textContent || "").replace(/\s+/g, " ").trim();
    if (!text) continue;
    const sentences = text.match(/[^。！？；!?;]+[。！？；!?;”’」』）)]*|[。！？；!?;]+/g) || [text];
    let current = "";
    for (const sentence of sentences) {
      if (current && current.length + sentence.length > MAX_CHARS) { out.push(current); current = ""; }
      current += sentence;
      while (current.length > MAX_CHARS) { out.push(current.slice(0, MAX_CHARS)); current = current.slice(MAX_CHARS); }
    }
    if (current.trim()) out.push(current.trim());
  }
  return out;
}

function voiceFor(lang) {
  const voices = speechSynthesis.getVoices();
  const base = lang.toLowerCase().split("-")[0];
  return voices.find((v) => v.lang.toLowerCase().replace("_", "-") === lang.toLowerCase())
      || voices.find((v) => v.lang.toLowerCase().startsWith(base)) || null;
}

export function main(tools) {
  if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance !== "function") { tools.hidden = true; return; }
  const article = document.querySelector("article.article");
  const lang = article.closest("[lang]")?.lang || document.documentElement.lang;
  const [play, pause, stop] = ["play", "pause", "stop"].map((name) => tools.querySelector(`[data-action=${name}]`));
  const status = tools.querySelector(".read-aloud-status");
  const text = JSON.parse(tools.dataset.text);
  const state = (reading, paused) => {
    play.hidden = reading; pause.hidden = !reading; stop.hidden = !reading;
    pause.setAttribute("aria-pressed", String(paused));
    pause.textContent = paused ? text.resume : text.pause;
  };
  // Shown once the browser says it can speak the article's language (voices may load late).
  const offer = () => {
    const known = speechSynthesis.getVoices().length > 0;
    tools.hidden = known && !voiceFor(lang);
  };
  offer();
  speechSynthesis.addEventListener?.("voiceschanged", offer);
  state(false, false);
  play.addEventListener("click", () => {
    speechSynthesis.cancel();
    const parts = chunks(article);
    const voice = voiceFor(lang);
    parts.forEach((part, i) => {
      const utterance = new SpeechSynthesisUtterance(part);
      utterance.lang = lang;
      if (voice) utterance.voice = voice;
      if (i === parts.length - 1) utterance.onend = () => { state(false, false); status.textContent = text.done; };
      speechSynthesis.speak(utterance);
    });
    state(true, false);
    status.textContent = text.reading;
  });
  pause.addEventListener("click", () => {
    if (speechSynthesis.paused) { speechSynthesis.resume(); state(true, false); status.textContent = text.reading; }
    else { speechSynthesis.pause(); state(true, true); status.textContent = text.paused; }
  });
  stop.addEventListener("click", () => {
    speechSynthesis.cancel();
    state(false, false);
    status.textContent = text.stopped;
    play.focus();
  });
  // Leaving the page stops the voice: it would otherwise go on reading over the next page.
  window.addEventListener("pagehide", () => speechSynthesis.cancel());
}

const tools = document.querySelector(".read-aloud");
if (tools) main(tools);
