"""The site in Debian's chromium (Playwright): accessibility (axe-core), layout at phone and
desktop widths, and screenshots a person can look at."""

import json

import pytest

from devtools.browser import chromium, serve

PAGES = {"home": "/", "issue": "/2017/9-10/", "article": "/2017/9-10/07/", "section": "/sections/xin-xi-duan-bo/",
         "author": "/authors/li-zhong/", "404": "/404.html", "archive": "/archive/", "about": "/about/",
         "search": "/search/?q=%E5%86%9C%E6%B0%91%E5%B7%A5"}


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:  # one Playwright per module: its sync API cannot nest
        yield browser


@pytest.fixture(scope="module")
def base(site):
    with serve(site) as base:
        yield base


@pytest.fixture(scope="module")
def browser_page(browser, base):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield base, page
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_accessibility_violations(browser_page, name):
    from axe_playwright_python.sync_playwright import Axe

    base, page = browser_page
    page.goto(base + PAGES[name])
    if name == "search":  # the results, highlights and filters as a reader sees them
        page.wait_for_function("document.querySelector('[data-search]').dataset.state == 'done'")
        page.click(".search-filters summary")
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False)


@pytest.mark.parametrize("width", [360, 390, 1280])
def test_no_horizontal_scrolling_and_readable_measure(browser, base, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    for path in ("/", "/2017/9-10/", "/2017/9-10/07/", "/archive/", "/about/"):
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    page.goto(base + "/2017/9-10/07/")
    # a comfortable measure: a body line holds at most ~40 Chinese characters
    line = page.evaluate("(() => { const p = document.querySelector('.article-body p');"
                         " return p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize); })()")
    assert 15 <= line <= 42
    page.close()


def test_cover_image_loads_and_keeps_its_space(browser_page):
    base, page = browser_page
    page.goto(base + "/2017/9-10/")
    size = page.evaluate("(() => { const i = document.querySelector('.cover img');"
                         " return [i.naturalWidth, i.getAttribute('width'), i.getAttribute('height'), i.currentSrc]; })()")
    assert size[0] > 0 and size[1] and size[2]
    assert size[3].endswith(".webp")  # chromium takes the modern format


def test_keyboard_focus_is_visible(browser_page):
    base, page = browser_page
    page.goto(base + "/2017/9-10/07/")
    page.keyboard.press("Tab")
    focused = page.evaluate("(() => { const e = document.activeElement; const s = getComputedStyle(e);"
                            " return [e.className, s.outlineStyle, s.outlineWidth, e.getBoundingClientRect().left]; })()")
    assert focused[0] == "skip-link" and focused[1] != "none" and focused[3] >= 0


def test_screenshots_at_phone_and_desktop_width(site, browser, tmp_path):
    from devtools.browser import screenshots

    shots = screenshots(site, tmp_path, browser=browser)
    assert len(shots) == 6
    from PIL import Image

    widths = {Image.open(p).size[0] for p in shots}
    assert widths == {390, 1280}


# Each character of the h1 with the top of its line box (no markup assumed: a Range per character).
H1_CHARACTER_TOPS = """(() => {
  const out = [], walker = document.createTreeWalker(document.querySelector('h1'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      out.push([node.data[i], Math.round(range.getBoundingClientRect().top)]);
    }
  return out; })()"""


@pytest.mark.parametrize("width", [360, 390])
def test_issue_label_of_the_h1_stays_on_one_line_on_a_phone(browser, base, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    for path in ("/", "/2017/9-10/"):
        page.goto(base + path)
        chars = page.evaluate(H1_CHARACTER_TOPS)
        text = "".join(c for c, _ in chars)
        start = text.index("2017年第9-10期")
        tops = {top for _, top in chars[start:start + len("2017年第9-10期")]}
        assert len(tops) == 1, (path, chars)  # not '…2017年第9-10' / '期'
    page.close()


def test_both_columns_of_the_toc_start_level_on_a_desktop(browser_page):
    base, page = browser_page  # 1280 px: the 目录 is set in two columns
    for path in ("/", "/2017/9-10/"):
        page.goto(base + path)
        boxes = page.evaluate("[...document.querySelectorAll('.toc .toc-section-name')]"
                              ".map(h => { const r = h.getBoundingClientRect(); return [r.left, r.top]; })")
        left = boxes[0]
        right = next(b for b in boxes if b[0] > left[0] + 100)
        assert abs(right[1] - left[1]) <= 1, (path, left, right)
