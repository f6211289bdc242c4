"""Plugin qhgy_i18n, in an in-process build of the tiny site: the theme's catalog
(theme/translations/zh_CN/LC_MESSAGES/messages.po, compiled at the build) speaks in every page,
plural forms included, and `long_date` writes dates as Chinese does; without a catalog the
build says so and falls back to the message ids."""

import pytest
from babel.messages.pofile import read_po

from plugin_build import ISSUE_URL, ROOT, build, plugins

PO = ROOT / "theme/translations/zh_CN/LC_MESSAGES/messages.po"


@pytest.fixture(scope="module")
def catalog():
    with PO.open("rb") as fp:
        return read_po(fp, locale="zh_CN")


def translated(catalog, msgid) -> str:
    message = catalog.get(msgid)
    assert message is not None and message.string, msgid
    return message.string


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(tmp_path_factory.mktemp("i18n"), plugins("qhgy_i18n"))


def test_the_build_logs_no_warning(site):
    assert site.problems() == []


def test_the_interface_speaks_the_catalogs_chinese(site, catalog):
    home = site.soup("index.html")
    assert home.select_one(".skip-link").get_text() == translated(catalog, "Skip to the content") == "跳到正文"
    assert home.select_one(".toc-heading").get_text() == translated(catalog, "Contents") == "目录"
    about = site.soup("about/index.html")
    assert about.h1.get_text() == translated(catalog, "About the journal")


def test_dates_are_written_as_chinese_writes_them(site, catalog):
    published = translated(catalog, "Published %(date)s")
    assert site.soup("index.html").select_one(".issue-date").get_text() == published % {"date": "2030年4月10日"}
    assert site.soup(f"{ISSUE_URL}01/index.html").select_one("time").get_text() == "2030年4月10日"


def test_plural_forms_come_from_the_catalog(tmp_path, catalog):
    result = build(tmp_path, plugins("qhgy_i18n", "qhgy_issues"))
    assert result.problems() == []
    forms = catalog.get(("%(num)d article", "%(num)d articles")).string
    counts = [p.get_text() for p in result.soup(f"{ISSUE_URL}index.html").select(".issue-head p")]
    assert forms[0] % {"num": 3} == "3篇文章" and "3篇文章" in counts


def test_without_a_catalog_the_build_warns_and_falls_back_to_the_message_ids(tmp_path):
    empty = tmp_path / "no-translations"
    empty.mkdir()
    result = build(tmp_path, plugins("qhgy_i18n"), I18N_TRANSLATIONS_DIR=str(empty))
    catalog_path = empty / "zh_CN" / "LC_MESSAGES" / "messages.po"
    assert f"WARNING qhgy_i18n: qhgy_i18n: no catalog {catalog_path}: the interface falls back to the message ids" \
        in result.problems()
    home = result.soup("index.html")
    assert home.select_one(".skip-link").get_text() == "Skip to the content"
    assert home.select_one(".toc-heading").get_text() == "Contents"
