"""Screenshots a person can look at: every kind of page at a small phone's, a phone's and a
desktop's width, in Debian's chromium (devtools.browser.screenshots, also `invoke screenshots`).
A full-page screenshot is as wide as the page can scroll: one wider than the window is a page
that scrolls sideways."""

from PIL import Image

from devtools.browser import SCREENSHOT_PAGES, WIDTHS, screenshots


def test_every_kind_of_page_at_phone_and_desktop_width_without_sideways_scrolling(site, browser, tmp_path):
    shots = screenshots(site, tmp_path, browser=browser)
    assert len(shots) == len(SCREENSHOT_PAGES) * len(WIDTHS)
    wrong = []
    for shot in shots:
        width = int(shot.stem.rsplit("-", 1)[1])
        with Image.open(shot) as image:
            if image.size[0] != width:
                wrong.append((shot.name, image.size[0]))
    assert wrong == []
