"""The journal's WeChat official account (setting WECHAT_ACCOUNT): its QR code, from the content
folder, in every page's footer in both languages, put in the output unresampled (a real decoder
reads it back); a wrong file stops the build, named."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import segno

from conftest import CONTENT, ROOT
from site_helpers import build_site, soup

ACCOUNT_URL = "http://weixin.qq.com/r/qhgh-example"


def settings_file(tmp_path, account) -> str:
    path = tmp_path / "settings.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                    f"WECHAT_ACCOUNT = {account!r}\n", encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def wechat_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("wechat")
    shutil.copytree(CONTENT, work / "content")
    segno.make(ACCOUNT_URL, error="m").save(str(work / "content" / "wechat-qr.png"), kind="png", scale=8)
    result = build_site(work / "output", content=work / "content",
                        settings=settings_file(work, {"name": "青海工会", "qr": "wechat-qr.png"}))
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "output"


def test_every_page_shows_the_accounts_code(wechat_site):
    for path in ("index.html", "2017/9-10/07/index.html", "about/index.html", "en/index.html"):
        block = soup(wechat_site, path).select_one(".site-footer .wechat")
        assert "青海工会" in block.get_text() and block.img["src"] == "/images/wechat/wechat-qr.png", path
    english = soup(wechat_site, "en/index.html").select_one(".wechat span span")
    assert english["lang"] == "zh-CN" and english.get_text() == "青海工会"
    image = wechat_site / "images" / "wechat" / "wechat-qr.png"
    assert image.read_bytes() == (wechat_site.parent / "content" / "wechat-qr.png").read_bytes()  # not resampled
    if shutil.which("zbarimg"):
        read = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True).stdout.split()
        assert read == [ACCOUNT_URL]


def test_a_code_too_small_or_missing_stops_the_build_named(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    segno.make(ACCOUNT_URL).save(str(content / "tiny.png"), kind="png", scale=2)
    for qr, words in (("tiny.png", "WECHAT_ACCOUNT"), ("missing.png", "WECHAT_ACCOUNT")):
        result = build_site(tmp_path / "output", content=content,
                            settings=settings_file(tmp_path, {"name": "青海工会", "qr": qr}))
        assert result.returncode == 1 and words in result.stderr and qr in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
