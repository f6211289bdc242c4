"""Accessibility of the site in Debian's chromium (Playwright): no serious or critical axe-core
violation on any kind of page, and a visible keyboard focus."""

import json

import pytest


PAGES = {"home": "/", "issue": "/2017/9-10/", "article": "/2017/9-10/07/", "section": "/sections/xin-xi-duan-bo/",
         "author": "/authors/li-zhong/", "404": "/404.html", "archive": "/archive/", "about": "/about/",
         "search": "/search/?q=%E5%86%9C%E6%B0%91%E5%B7%A5"}


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_accessibility_violations(browser_page, name):
    from axe_playwright_python.sync_playwright import Axe

    base, page = browser_page
    page.goto(base + PAGES[name])
    if name == "search":  # the results, highlights and filters as a reader sees them
        page.wait_for_function("() => document.querySelector('[data-search]').dataset.state == 'done'")
        page.click(".search-filters summary")
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False)


def test_keyboard_focus_is_visible(browser_page):
    base, page = browser_page
    page.goto(base + "/2017/9-10/07/")
    page.keyboard.press("Tab")
    focused = page.evaluate("(() => { const e = document.activeElement; const s = getComputedStyle(e);"
                            " return [e.className, s.outlineStyle, s.outlineWidth, e.getBoundingClientRect().left]; })()")
    assert focused[0] == "skip-link" and focused[1] != "none" and focused[3] >= 0
