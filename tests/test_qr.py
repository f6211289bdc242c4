"""An article's QR code (qhgy.qr, plugin qhgy_qr): on its page (wide screens and paper) and in the
bottom corner of its PDF's first page, read back with a real decoder (zbarimg), leading to the
article's public address; made once and kept in a cache between builds."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from qhgy.qr import QrCache, qr_svg

PUBLIC = "https://qhgy.example.org"  # pelicanconf's PUBLIC_SITEURL without QHGY_SITEURL

needs_zbar = pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) is installed by setup")


def decode(png) -> list[str]:
    done = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
    return done.stdout.split()


@needs_zbar
def test_the_article_page_shows_a_qr_code_of_its_public_address(browser, base, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for path in ("/2017/9-10/07/", "/en/2017/9-10/07/"):
        page.goto(base + path)
        qr = page.locator(".article-qr")
        assert qr.is_visible()
        label = page.get_attribute(".article-qr [role=img]", "aria-label")
        assert label.endswith(PUBLIC + path), label
        qr.screenshot(path=str(tmp_path / "qr.png"))
        assert decode(tmp_path / "qr.png") == [PUBLIC + path]
    page.set_viewport_size({"width": 390, "height": 800})  # a phone is already where the code leads
    assert page.is_hidden(".article-qr")
    page.emulate_media(media="print")  # on paper it is the way back
    assert page.is_visible(".article-qr")
    page.close()


@needs_zbar
def test_the_article_pdf_carries_it_without_moving_a_page(site, tmp_path):
    from pypdf import PdfReader

    pdf = site / "2017/9-10/07/qhgy-2017-9-10-07.pdf"
    subprocess.run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")], check=True)
    assert decode(next(tmp_path.glob("p*.png"))) == [f"{PUBLIC}/2017/9-10/07/"]
    assert PdfReader(pdf).page_labels == ["9", "10"]  # printed in the margin: the print pages hold
    translation = site / "en/2017/9-10/07/qhgy-2017-9-10-07.pdf"
    subprocess.run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", str(translation), str(tmp_path / "e")],
                   check=True)
    assert decode(next(tmp_path.glob("e*.png"))) == [f"{PUBLIC}/en/2017/9-10/07/"]


def test_codes_are_made_once_and_kept(tmp_path):
    first = QrCache(tmp_path)
    a, b = f"{PUBLIC}/2017/9-10/07/", f"{PUBLIC}/2017/9-10/08/"
    assert first.svg(a) == qr_svg(a) and first.svg(a) == first.svg(a) and first.made == 1
    first.save()
    second = QrCache(tmp_path)
    assert second.svg(a) == qr_svg(a) and second.made == 0  # from the cache
    second.svg(b)
    second.save()
    third = QrCache(tmp_path)
    assert third.svg(a) and third.svg(b) and third.made == 0  # nothing dropped that a later build may need
    (tmp_path / "qr.pickle").write_bytes(b"not a pickle")
    broken = QrCache(tmp_path)
    assert broken.svg(a) == qr_svg(a) and broken.made == 1  # an unreadable cache is made again, not an error


def test_the_svg_is_sized_by_css_and_has_no_script():
    svg = qr_svg(f"{PUBLIC}/2017/9-10/07/")
    assert svg.startswith("<svg") and 'viewBox="0 0 ' in svg and " width=" not in svg.split(">")[0]
    assert "<script" not in svg and "style=" not in svg  # the page's policy allows neither inline


def test_the_cache_is_no_setting_of_the_pages():
    """The cache object is the build's own, not a setting: hashed, it would differ every build and
    every page would be rendered again."""
    from qhgy.incremental import NOT_SETTINGS
    from qhgy.qr import QR_CACHE_SETTING

    assert QR_CACHE_SETTING in NOT_SETTINGS
