"""Layout of the site at phone and desktop widths in Debian's chromium (Playwright): no
sideways scrolling, a readable measure, a cover that keeps its space, an issue label never
broken across lines, and the two columns of the 目录 level."""

import pytest



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


def test_a_translation_is_set_as_english_prose_and_the_original_as_chinese(browser_page):
    """Chinese print conventions (2em indent, justified between characters) stay with Chinese
    text; an English translation is flush left with unindented paragraphs, and offers the
    Chinese back in its language switch."""
    base, page = browser_page
    style = ("(() => { const p = document.querySelector('.article-body p'), s = getComputedStyle(p);"
             " return [s.textIndent, s.textAlign, getComputedStyle(p.parentElement).hyphens]; })()")
    page.goto(base + "/en/2017/9-10/43/")
    assert page.evaluate(style) == ["0px", "start", "auto"]
    assert page.inner_text(".lang-switch") == "中文"
    page.goto(base + "/2017/9-10/43/")
    indent, align, _ = page.evaluate(style)
    assert float(indent.removesuffix("px")) > 30 and align == "justify"
    assert page.inner_text(".lang-switch") == "English"
