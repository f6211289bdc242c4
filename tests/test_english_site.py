"""The English site (/en/) in Debian's chromium: the language switch both ways, the page of an
article without a translation, no page mixing the languages of its interface, its own search
with English stemming that finds Chinese titles too, and axe on its pages."""

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from qhgy.languages import issue_label

CONTENT = Path(__file__).resolve().parents[1] / "content"

ENGLISH_PAGES = {"home": "/en/", "archive": "/en/archive/", "issue": "/en/2017/9-10/",
                 "translation": "/en/2017/9-10/07/", "untranslated": "/en/2017/9-10/28/",
                 "section": "/en/sections/xin-xi-duan-bo/", "sections": "/en/sections/", "author": "/en/authors/li-zhong/",
                 "authors": "/en/authors/", "tags": "/en/tags/", "about": "/en/about/",
                 "call": "/en/call-for-submissions-2017-9-10/", "search": "/en/search/", "404": "/en/404.html"}
CHINESE_PAGES = {name: path[len("/en"):] for name, path in ENGLISH_PAGES.items()}

# Chinese in an English page must be marked as Chinese (a title, a name, an address quoted as
# printed); an interface string in Chinese would not be.
HAN_OUTSIDE_CHINESE = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!/\\p{Script=Han}/u.test(node.textContent) || el.closest("script, style, noscript")) continue;
    if (!el.closest("[lang]").getAttribute("lang").toLowerCase().startsWith("zh")) found.push(node.textContent.trim().slice(0, 40));
  }
  for (const el of document.querySelectorAll("[aria-label], [placeholder]")) {
    for (const value of [el.getAttribute("aria-label"), el.getAttribute("placeholder")]) {
      if (value && /\\p{Script=Han}/u.test(value)) found.push(value);
    }
  }
  return found;
}"""
# The Chinese interface: English words in its chrome (header, footer, labels, breadcrumbs) are
# the file formats' own names, an address, or a language's name marked as that language.
LATIN_IN_CHINESE_UI = """() => {
  const allowed = new Set(["PDF", "BibTeX", "RIS", "EndNote", "Zotero", "E-mail", "Atom"]);
  const found = [];
  const chrome = document.querySelectorAll(".site-header, .site-footer, .breadcrumbs, dt, .pager span, .toc-heading, #cite-heading, .cite-files, .eyebrow, .in-other-language, .translated-from");
  for (const root of chrome) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, el = node.parentElement;
      if (el.closest('[lang="en"], a[href^="mailto:"], .site-name')) continue;
      for (const word of node.textContent.match(/[A-Za-z][A-Za-z-]+/g) || []) if (!allowed.has(word)) found.push(word);
    }
  }
  return found;
}"""


def test_switching_a_translated_article_lands_on_its_translation_and_back(page, base):
    page.goto(f"{base}/2017/9-10/07/")
    page.click(".lang-switch a[hreflang=en]")
    assert page.url == f"{base}/en/2017/9-10/07/"
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("h1") == (CONTENT / "articles/2017/9-10/07.en.md").read_text(
        encoding="utf-8").split("title: ", 1)[1].split("\n", 1)[0]
    page.click(".lang-switch a[hreflang=zh-CN]")
    assert page.url == f"{base}/2017/9-10/07/"
    assert page.get_attribute("html", "lang") == "zh-CN"


def test_switching_an_untranslated_article_lands_on_its_english_page(page, base):
    page.goto(f"{base}/2017/9-10/28/")
    page.click(".lang-switch a[hreflang=en]")
    assert page.url == f"{base}/en/2017/9-10/28/"
    assert page.inner_text("h1") == "Second Provincial Agricultural Machinery Skills Contest Held in Huzhu County"
    assert page.inner_text(".original-title") == "全省第二届农机技能大赛在互助县举办"
    assert "published in Chinese only" in page.inner_text(".in-other-language")
    page.click(".in-other-language a")
    assert page.url == f"{base}/2017/9-10/28/"


def test_every_kind_of_page_switches_to_its_twin(page, base):
    for name, path in ENGLISH_PAGES.items():
        page.goto(base + path)
        assert page.get_attribute(".lang-switch a", "href") == CHINESE_PAGES[name], name
        response = page.goto(base + CHINESE_PAGES[name])
        assert response.ok, name
        assert page.get_attribute(".lang-switch a", "href") == path, name


@pytest.mark.parametrize("name", ENGLISH_PAGES)
def test_an_english_page_has_no_chinese_interface(page, base, name):
    page.goto(base + ENGLISH_PAGES[name])
    assert page.get_attribute("html", "lang") == "en"
    assert page.evaluate(HAN_OUTSIDE_CHINESE) == []


@pytest.mark.parametrize("name", CHINESE_PAGES)
def test_a_chinese_page_has_no_english_interface(page, base, name):
    page.goto(base + CHINESE_PAGES[name])
    assert page.get_attribute("html", "lang") == "zh-CN"
    assert page.evaluate(LATIN_IN_CHINESE_UI) == []


def test_english_lists_mark_untranslated_articles_in_chinese(page, base):
    page.goto(f"{base}/en/2017/9-10/")
    items = page.eval_on_selector_all(".toc-item .toc-title", "links => links.map(a => [a.getAttribute('href'), a.innerText])")
    translated = {f"/en/2017/9-10/{p.name[:2]}/" for p in (CONTENT / "articles/2017/9-10").glob("*.en.md")}
    translated |= {"/en/" + re.search(r"^slug: (.+)$", p.read_text(encoding="utf-8"), re.M)[1] + "/"
                   for p in (CONTENT / "pages").rglob("*.en.md")}  # the call for submissions
    assert len(items) >= 50
    for href, text in items:
        assert href.startswith("/en/")
        assert text.endswith("in Chinese") == (href not in translated), (href, text)
    han = [text for href, text in items if re.search(r"[\u4e00-\u9fff]", text)]
    assert han == []  # every bundled article has an English title


def english_search(page, base, query: str, **filters) -> list[str]:
    page.goto(f"{base}/en/search/?" + "&".join(f"{k}={quote(v)}" for k, v in {"q": query, **filters}.items()))
    page.wait_for_function("() => ['done', 'error'].includes(document.querySelector('[data-search]').dataset.state)",
                           timeout=30_000)
    assert page.get_attribute("[data-search]", "data-state") == "done"
    while page.is_visible(".search-more"):
        page.click(".search-more")
        page.wait_for_function("() => document.querySelector('[data-search]').dataset.state == 'done'")
    return [re.sub(r"^https?://[^/]+", "", h) for h in
            page.eval_on_selector_all(".search-result-title a", "links => links.map(a => a.href)")]


def test_english_search_stems_english_words(page, base):
    """12.en.md says only "workers": an English stemmer finds it for "worker"; 39 and 43 say neither."""
    text = (CONTENT / "articles/2017/9-10/12.en.md").read_text(encoding="utf-8")
    assert re.search(r"\bworkers\b", text) and not re.search(r"\bworker\b", text)
    found = english_search(page, base, "worker")
    assert "/en/2017/9-10/12/" in found and "/en/2017/9-10/07/" in found
    assert "/en/2017/9-10/39/" not in found and "/en/2017/9-10/43/" not in found
    assert all(url.startswith("/en/") for url in found)


def test_english_search_finds_untranslated_articles_by_either_title(page, base):
    assert english_search(page, base, "Huzhu") == ["/en/2017/9-10/28/"]
    assert "/en/2017/9-10/28/" in english_search(page, base, "农机技能")
    # the Chinese site's search is unchanged: its own index, Chinese pages only
    page.goto(f"{base}/search/?q={quote('农机技能')}")
    page.wait_for_function("() => document.querySelector('[data-search]').dataset.state == 'done'")
    found = page.eval_on_selector_all(".search-result-title a", "links => links.map(a => a.getAttribute('href'))")
    assert found and all(not re.sub(r"^https?://[^/]+", "", h).startswith("/en/") for h in found)


@pytest.mark.parametrize("name", ["home", "issue", "translation", "untranslated", "author", "about", "search"])
def test_no_serious_or_critical_accessibility_violations_in_english(page, base, name):
    from axe_playwright_python.sync_playwright import Axe

    path = ENGLISH_PAGES[name] + ("?q=union" if name == "search" else "")
    page.goto(base + path)
    if name == "search":
        page.wait_for_function("() => document.querySelector('[data-search]').dataset.state == 'done'")
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False)


def test_english_search_finds_the_english_pages_and_says_in_english_what_it_searched(page, base, site):
    found = english_search(page, base, "Call for Submissions")
    assert found[0] == "/en/call-for-submissions-2017-9-10/"
    assert page.locator(".search-result-meta").first.inner_text() == "A page of this site"
    assert all(not url.startswith("/call") for url in found)  # the Chinese pages are the Chinese site's
    listing = json.loads((site / "en/pagefind/bundles.json").read_text())
    entry = json.loads((site / "en/pagefind/2017/pagefind-entry.json").read_text())
    counted = sum(b["articles"] for b in listing)
    assert counted == entry["languages"]["en"]["page_count"] >= 50
    assert page.inner_text(".search-scope") == f"Searched {counted:,} articles."
    page.goto(f"{base}/en/search/?q={quote('union')}")
    page.wait_for_function("() => document.querySelector('[data-search]').dataset.state == 'done'")
    assert page.evaluate("document.activeElement.id") == "search-results-heading"
    assert "union" in page.inner_text("#search-results-heading")
    # an English issue label names its year after the number: the filter loads that year's bundle
    label = issue_label(2017, "9-10", "en")
    articles = {url for url in english_search(page, base, "union") if re.match(r"/en/\d{4}/", url)}
    assert articles and set(english_search(page, base, "union", issue=label)) == articles
