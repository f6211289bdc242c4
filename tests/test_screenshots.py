"""Screenshots a person can look at: the home, issue and article pages at a phone's and a
desktop's width, in Debian's chromium (devtools.browser.screenshots, also `invoke screenshots`)."""

from PIL import Image

from devtools.browser import SCREENSHOT_PAGES, WIDTHS, screenshots


def test_screenshots_at_phone_and_desktop_width(site, browser, tmp_path):
    shots = screenshots(site, tmp_path, browser=browser)
    assert len(shots) == 6
    widths = {Image.open(p).size[0] for p in shots}
    assert widths == {390, 1280}
    assert len(SCREENSHOT_PAGES) * len(WIDTHS) == len(shots)
