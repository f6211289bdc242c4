// 字号: the article's text size, chosen with the buttons of partials/text_size.html and kept in
// localStorage for every page. base.html's inline script applies the kept size before the page is
// drawn (so nothing moves as a page opens); this script only changes it.
const KEY = "qhgy-text-size";
const root = document.documentElement;

function show(group) {
  const current = root.dataset.textSize || "";
  for (const button of group.querySelectorAll("button[data-size]")) {
    button.setAttribute("aria-pressed", String(button.dataset.size === current));
  }
}

export function main(group) {
  show(group);
  group.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-size]");
    if (!button) return;
    const size = button.dataset.size;
    if (size) root.dataset.textSize = size;
    else delete root.dataset.textSize;
    try {
      if (size) localStorage.setItem(KEY, size);
      else localStorage.removeItem(KEY);
    } catch { /* storage refused: the size holds on this page only */ }
    show(group);
  });
}

for (const group of document.querySelectorAll(".text-size")) main(group);
