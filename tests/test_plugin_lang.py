"""Plugin qhgy_lang, in in-process builds of the tiny site, one run per language as qhgy.site
runs them: an article written `lang: zh-CN` is in the site's language (Pelican lowercases
DEFAULT_LANG to zh-cn and would otherwise take every article for a translation); a piece with
no version in a run's language still gets a page in that run, at the URL its translation would
have, that says so (template `untranslated`), and nothing is written under another language."""

import pytest

from qhgy.site import JOURNAL_SETTING, language_settings

from plugin_build import ARTICLES, CALL_URL, ISSUE_URL, SETTINGS_FILE, build, copy_content, plugins

ENGLISH_URL = "en/2030/3-4/05/"


def add_english_piece(content):
    """An English piece of the issue (its own order and slug: not a translation)."""
    source = (content / "articles/2030/3-4/03.md").read_text(encoding="utf-8")
    english = (source.replace("lang: zh-CN", "lang: en").replace("title: 高原上的一盏灯", "title: A Lamp on the Plateau")
               .replace("order: '03'", "order: '05'").replace("first_page: '5'", "first_page: '7'")
               .replace("last_page: '5'", "last_page: '7'").replace("qhgy-2030-3-4-03", "qhgy-2030-3-4-05"))
    (content / "articles/2030/3-4/05.md").write_text(english, encoding="utf-8")
    return content


def english_settings() -> dict:
    from pelican.settings import read_settings

    return language_settings(read_settings(str(SETTINGS_FILE)), "en")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The Chinese run, then the English run, into one output folder."""
    work = tmp_path_factory.mktemp("lang")
    content = add_english_piece(copy_content(work / "content"))
    chinese = build(work, plugins("qhgy_lang"), content=content)
    chinese.written_alone = chinese.files()
    english = build(work, plugins("qhgy_lang"), content=content, **english_settings())
    return chinese, english


@pytest.fixture(scope="module")
def without_lang(tmp_path_factory):
    return build(tmp_path_factory.mktemp("no-lang"), plugins(without=("qhgy_lang",)))


def test_articles_in_the_sites_language_are_written_at_their_own_url_in_that_language(sites):
    chinese, english = sites
    assert chinese.problems() == [] and english.problems() == []
    for order, title, *_ in ARTICLES:
        page = chinese.soup(f"{ISSUE_URL}{order}/index.html")
        assert page.html["lang"] == "zh-CN" and page.h1.get_text() == title
    assert chinese.soup(f"{CALL_URL}index.html").html["lang"] == "zh-CN"
    page = english.soup(f"{ENGLISH_URL}index.html")
    assert page.html["lang"] == "en" and page.h1.get_text() == "A Lamp on the Plateau"
    piece = next(a for a in english.settings[JOURNAL_SETTING].articles if a.lang == "en")
    assert piece.url == ENGLISH_URL  # where the model (and so every link and the search) says it is


def test_a_piece_without_a_version_in_the_runs_language_gets_a_page_that_says_where_it_is(sites):
    chinese, english = sites
    for order, title, *_ in ARTICLES:  # the English site's page of each Chinese article
        page = english.soup(f"en/{ISSUE_URL}{order}/index.html")
        assert page.html["lang"] == "en" and "untranslated" in page.article["class"]
        assert page.select_one(".in-other-language a")["href"] == f"/{ISSUE_URL}{order}/"
        assert title in page.get_text()
    # and the Chinese site's page of the English piece, in Chinese, pointing to it
    page = chinese.soup(f"{ISSUE_URL}05/index.html")
    assert page.html["lang"] == "zh-CN" and "untranslated" in page.article["class"]
    assert page.select_one(".in-other-language a")["href"] == f"/{ENGLISH_URL}"


def test_each_run_writes_only_under_its_own_prefix(sites):
    chinese, english = sites
    assert chinese.written_alone and not any(path.startswith("en/") for path in chinese.written_alone)
    assert {path for path in english.files() - chinese.written_alone if not path.startswith("en/")} == set()
    journal = chinese.settings[JOURNAL_SETTING]
    files = english.files()  # both runs, one folder
    for item in journal.articles + journal.pages:
        assert f"{item.url}index.html" in files, item.url
        prefix = "" if item.url.startswith("en/") else "en/"
        twin = f"{prefix}{item.url}" if prefix else item.url[len("en/"):]
        assert f"{twin}index.html" in files, twin  # every page has its twin in the other language


def test_without_the_plugin_pelican_takes_the_sites_own_language_for_a_translation(without_lang):
    # what the plugin is for: the articles would count as translations and not be written at all
    assert without_lang.problems() == []  # and Pelican would not even say so
    files = without_lang.files()
    assert not any(f"{ISSUE_URL}{order}/index.html" in files for order, *_ in ARTICLES)
    assert f"{CALL_URL}index.html" not in files
