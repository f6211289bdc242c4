"""A third language is a catalog plus settings (README, The English site): a pseudo-Tibetan site
(`bo`) built from a temporary copy of the catalogs and a settings file that only adds it to
SITE_LANGUAGES, with a Tibetan names file in a copy of the content. Its pages speak the test
catalog's strings, every other site offers it, and its Tibetan is set in Noto Serif Tibetan."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import CONTENT, ROOT
from site_helpers import build_site, soup

MARK = "༄"  # the Tibetan head mark: every pseudo-translated string starts with it
SECTION_BO = "ལས་དོན་མཛུབ་སྟོན།"  # 工作指导, in Tibetan
SITENAME_BO = "མཚོ་སྔོན་ངལ་རྩོལ།"


def pseudo_catalog(translations: Path) -> None:
    """theme/translations/bo/: the English catalog with every string marked, its placeholders kept."""
    with open(translations / "en" / "LC_MESSAGES" / "messages.po", "rb") as fp:
        catalog = read_po(fp, locale="en")
    catalog.locale = "bo"
    for message in catalog:
        if message.id:
            message.string = (tuple(f"{MARK} {form}" for form in message.id) if isinstance(message.id, tuple)
                              else f"{MARK} {message.id}")
    folder = translations / "bo" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.po", "wb") as fp:
        write_po(fp, catalog)


@pytest.fixture(scope="module")
def three_sites(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("bo")
    translations = work / "translations"
    shutil.copytree(ROOT / "theme" / "translations", translations)
    pseudo_catalog(translations)
    content = work / "content"
    shutil.copytree(CONTENT, content)
    (content / "names" / "bo.yaml").write_text(f"sections:\n  工作指导: {SECTION_BO}\n", encoding="utf-8")
    settings = work / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"SITE_LANGUAGES = {{**SITE_LANGUAGES, 'bo': {{'SITENAME': {SITENAME_BO!r}, 'SITENAME_QUOTED': {SITENAME_BO!r}}}}}\n"
        f"I18N_TRANSLATIONS_DIR = {str(translations)!r}\n", encoding="utf-8")
    output = work / "output"
    result = build_site(output, content, settings=str(settings))
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_the_third_language_speaks_its_catalog(three_sites):
    home = soup(three_sites, "bo/index.html")
    assert home.html["lang"] == "bo"
    nav = [a.get_text() for a in home.select(".site-nav a")]
    assert nav and all(text.startswith(MARK) for text in nav)
    assert home.select_one(".site-name").get_text().startswith(SITENAME_BO)
    # its names file names the section; the others fall back to the Chinese name, marked as Chinese
    section = soup(three_sites, "bo/sections/gong-zuo-zhi-dao/index.html")
    assert section.h1.get_text() == SECTION_BO
    article = soup(three_sites, "bo/2017/9-10/13/index.html")
    assert "untranslated" in article.article["class"]
    assert article.select_one(".in-other-language").get_text().startswith(MARK)
    assert article.select_one(".in-other-language a")["href"] == "/2017/9-10/13/"


def test_every_site_offers_every_other_language(three_sites):
    for path, expected in (("index.html", {"/en/": "English", "/bo/": "བོད་སྐད་"}),
                           ("en/2017/9-10/07/index.html", {"/2017/9-10/07/": "中文", "/bo/2017/9-10/07/": "བོད་སྐད་"}),
                           ("bo/archive/index.html", {"/archive/": "中文", "/en/archive/": "English"})):
        page = soup(three_sites, path)
        assert {a["href"]: a.get_text() for a in page.select(".lang-switch a")} == expected, path
    # the Chinese and English sites are untouched by the third: no string of its catalog leaks
    for path in ("index.html", "en/index.html", "en/2017/9-10/07/index.html"):
        assert MARK not in (three_sites / path).read_text(encoding="utf-8").replace(
            'lang="bo">བོད་སྐད་', ""), path


def test_each_language_has_its_search_index(three_sites):
    for prefix in ("", "en/", "bo/"):
        listing = three_sites / prefix / "pagefind" / "bundles.json"
        assert listing.is_file(), prefix
        assert re.search(rf'"path": "{prefix}pagefind/', listing.read_text(encoding="utf-8")), prefix


def test_tibetan_is_set_in_noto_serif_tibetan(three_sites, browser):
    """Chromium's own account of the face it drew the section's Tibetan name with."""
    from devtools.browser import serve

    with serve(three_sites) as base:
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.goto(f"{base}/bo/sections/gong-zuo-zhi-dao/")
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        page.close()
    used = {font["familyName"]: font["glyphCount"] for font in fonts}
    assert any("Tibetan" in name for name in used), used
    tibetan = sum(count for name, count in used.items() if "Tibetan" in name)
    assert tibetan >= len(SECTION_BO.replace("་", "")) - 2, used  # the letters, not a tofu or two
