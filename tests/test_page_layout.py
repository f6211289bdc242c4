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


def box(page, selector: str) -> dict:
    return page.evaluate(f"(() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect();"
                         " return {left: r.left, right: r.right, top: r.top, width: r.width}; })()")


def test_a_desktop_article_puts_its_headings_and_citation_beside_the_text(browser, base):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "/2017/9-10/10/")
    body, outline, cite = box(page, ".article-body"), box(page, ".article-outline"), box(page, ".cite")
    assert outline["left"] >= body["right"] + 32 and cite["left"] >= body["right"] + 32
    assert outline["top"] < 400  # beside the start of the text, not under it
    assert 1280 - cite["right"] < 200  # the width is used: no half-empty screen on the right
    # the outline is the article's own headings, and each link lands on one
    links = page.eval_on_selector_all(".article-outline a", "as => as.map(a => [a.getAttribute('href'), a.textContent])")
    headings = page.eval_on_selector_all(".article-body h2[id], .article-body h3[id]",
                                         "hs => hs.map(h => ['#' + h.id, h.textContent])")
    assert links == headings and len(links) > 5
    page.click(f".article-outline a[href='{links[2][0]}']")
    assert abs(page.evaluate(f"document.getElementById({links[2][0][1:]!r}).getBoundingClientRect().top")) < 60
    page.set_viewport_size({"width": 390, "height": 800})  # a phone: the text, then 引用本文; no outline
    assert page.is_hidden(".article-outline")
    assert box(page, ".cite")["top"] > box(page, ".article-body")["top"]
    page.close()


def test_the_text_size_persists_across_pages_without_moving_anything(browser, base):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    size = "parseFloat(getComputedStyle(document.querySelector('.article-body')).fontSize)"
    page.goto(base + "/2017/9-10/07/")
    page.evaluate("localStorage.clear()")
    page.reload()
    standard = page.evaluate(size)
    assert page.get_attribute(".text-size button[data-size='']", "aria-pressed") == "true"
    page.click(".text-size button[data-size='large']")
    assert page.evaluate(size) == pytest.approx(standard * 1.15, abs=0.1)
    assert page.get_attribute(".text-size button[data-size='large']", "aria-pressed") == "true"
    # another article: the size is there from the first paint, so nothing shifts as it loads
    page.goto(base + "/2017/9-10/10/")
    assert page.evaluate(size) == pytest.approx(standard * 1.15, abs=0.1)
    shift = page.evaluate("""new Promise((done) => { let total = 0;
        new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
          .observe({type: 'layout-shift', buffered: true});
        setTimeout(() => done(total), 300); })""")
    assert shift == 0
    page.keyboard.press("Tab")  # the control works from the keyboard
    page.focus(".text-size button[data-size='larger']")
    page.keyboard.press("Enter")
    assert page.evaluate(size) == pytest.approx(standard * 1.3, abs=0.1)
    page.click(".text-size button[data-size='']")
    page.reload()
    assert page.evaluate(size) == pytest.approx(standard, abs=0.1)
    page.close()


def test_each_article_ends_with_a_way_back_to_its_place_in_the_contents(browser_page):
    base, page = browser_page
    for path, issue in (("/2017/9-10/07/", "/2017/9-10/"), ("/en/2017/9-10/07/", "/en/2017/9-10/"),
                        ("/en/2017/9-10/01/", "/en/2017/9-10/")):
        page.goto(base + path)
        link = page.locator(".back-to-toc a")
        assert link.count() == 1
        link.click()
        page.wait_for_url(f"**{issue}#toc-*")
        target = page.evaluate("document.querySelector(':target .toc-title').getAttribute('href')")
        assert target.rstrip("/").endswith(path.rstrip("/").rsplit("/", 1)[1]), (path, target)


def test_the_header_says_where_the_reader_is(browser_page):
    base, page = browser_page
    for path, current, value in (("/", "/", "page"), ("/archive/", "/archive/", "page"),
                                 ("/sections/xin-xi-duan-bo/", "/sections/", "true"),
                                 ("/authors/li-zhong/", "/authors/", "true"), ("/submit/", "/submit/", "page"),
                                 ("/en/about/", "/en/about/", "page")):
        page.goto(base + path)
        marked = page.eval_on_selector_all(".site-nav a[aria-current]",
                                           "as => as.map(a => [a.getAttribute('href'), a.getAttribute('aria-current')])")
        assert marked == [[current, value]], path
    page.goto(base + "/2017/9-10/07/")
    assert page.locator(".site-nav a[aria-current]").count() == 0


def test_a_caption_without_its_photo_reads_as_a_caption(browser_page):
    base, page = browser_page
    page.goto(base + "/2017/9-10/01/")
    style = page.evaluate("""(() => { const f = document.querySelector('figure.caption'), c = f.querySelector('figcaption');
        return [getComputedStyle(f).backgroundColor, getComputedStyle(f).borderLeftWidth,
                getComputedStyle(c, '::before').content, getComputedStyle(c).textAlign]; })()""")
    assert style[0] == "rgba(0, 0, 0, 0)" and style[1] == "0px"  # no tinted box that reads as a warning
    assert "▲" in style[2] and style[3] == "center"


def test_printing_an_article_drops_the_sites_controls(browser_page):
    base, page = browser_page
    page.goto(base + "/2017/9-10/10/")
    page.emulate_media(media="print")
    try:
        for selector in (".site-nav", ".site-search", ".lang-switch", ".text-size", ".back-to-toc",
                         ".article-outline", ".pager", ".cite-files"):
            assert page.is_hidden(selector), selector
        assert page.is_visible(".article-body") and page.is_visible(".cite-gbt")
    finally:
        page.emulate_media(media="screen")


# The Web Speech API as a recorder: the browser's synthesiser is the boundary, and headless chromium
# has no voices to hear; the script's own work (what it sends, in which language, and the controls) is real.
RECORDING_SYNTHESIS = """(() => {
  const log = [];
  const synth = { paused: false, speaking: false, log,
    getVoices: () => [{ lang: 'zh-CN', name: 'Test Chinese' }, { lang: 'en-GB', name: 'Test English' }],
    speak(u) { log.push(['speak', u.text, u.lang, u.voice && u.voice.name]); this.speaking = true; },
    pause() { log.push(['pause']); this.paused = true; }, resume() { log.push(['resume']); this.paused = false; },
    cancel() { log.push(['cancel']); this.speaking = false; },
    addEventListener() {} };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})()"""


def test_read_aloud_sends_the_whole_article_in_its_language_and_can_pause_and_stop(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORDING_SYNTHESIS)
    page = context.new_page()
    page.goto(base + "/2017/9-10/07/")
    assert page.is_visible(".read-aloud [data-action=play]")
    page.click(".read-aloud [data-action=play]")
    spoken = page.evaluate("speechSynthesis.log.filter((e) => e[0] === 'speak')")
    assert {(lang, voice) for _, _, lang, voice in spoken} == {("zh-CN", "Test Chinese")}
    assert all(len(text) <= 160 for _, text, _, _ in spoken)
    said = "".join(text for _, text, _, _ in spoken)
    body = page.evaluate("document.querySelector('.article-body').textContent").split()
    title = page.inner_text("h1")
    assert said.startswith(title) and all(word in said for word in body[:50] + body[-50:])
    assert page.inner_text(".read-aloud-status") == "正在朗读……"
    page.click(".read-aloud [data-action=pause]")
    assert page.get_attribute(".read-aloud [data-action=pause]", "aria-pressed") == "true"
    page.click(".read-aloud [data-action=pause]")
    page.click(".read-aloud [data-action=stop]")
    assert [e[0] for e in page.evaluate("speechSynthesis.log") if e[0] != "speak"][-3:] == ["pause", "resume", "cancel"]
    assert page.is_visible(".read-aloud [data-action=play]") and page.is_hidden(".read-aloud [data-action=stop]")
    page.goto(base + "/en/2017/9-10/07/")  # a translation is read in English
    page.click(".read-aloud [data-action=play]")
    assert {e[2] for e in page.evaluate("speechSynthesis.log") if e[0] == "speak"} == {"en"}
    context.close()


def test_read_aloud_is_hidden_where_the_browser_cannot_speak(browser, base):
    context = browser.new_context()
    context.add_init_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    page = context.new_page()
    page.goto(base + "/2017/9-10/07/")
    page.wait_for_load_state("load")
    assert page.is_hidden(".read-aloud")
    context.close()
    no_js = browser.new_context(java_script_enabled=False)
    page = no_js.new_page()
    page.goto(base + "/2017/9-10/07/")
    assert page.is_hidden(".read-aloud") and page.is_hidden(".text-size")
    no_js.close()
