"""Plugin qhgy_lang, in an in-process build of the tiny site: an article written `lang: zh-CN`
is in the site's language (Pelican lowercases DEFAULT_LANG to zh-cn and would otherwise take
every article for a translation, saved under en/); a piece in another language keeps its own."""

import pytest

from qhgy.site import JOURNAL_SETTING

from plugin_build import ARTICLES, CALL_URL, ISSUE_URL, build, copy_content, plugins

ENGLISH_URL = "en/2030/3-4/05/"


def add_english_piece(content):
    """An English piece of the issue (its own order and slug: not a translation)."""
    source = (content / "articles/2030/3-4/03.md").read_text(encoding="utf-8")
    english = (source.replace("lang: zh-CN", "lang: en").replace("title: 高原上的一盏灯", "title: A Lamp on the Plateau")
               .replace("order: '03'", "order: '05'").replace("first_page: '5'", "first_page: '7'")
               .replace("last_page: '5'", "last_page: '7'").replace("qhgy-2030-3-4-03", "qhgy-2030-3-4-05"))
    (content / "articles/2030/3-4/05.md").write_text(english, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("lang")
    return build(work, plugins("qhgy_lang"), content=add_english_piece(copy_content(work / "content")))


@pytest.fixture(scope="module")
def without_lang(tmp_path_factory):
    return build(tmp_path_factory.mktemp("no-lang"), plugins(without=("qhgy_lang",)))


def test_articles_in_the_sites_language_are_written_at_their_own_url_in_that_language(site):
    assert site.problems() == []
    for order, title, *_ in ARTICLES:
        page = site.soup(f"{ISSUE_URL}{order}/index.html")
        assert page.html["lang"] == "zh-CN" and page.h1.get_text() == title
    assert site.soup(f"{CALL_URL}index.html").html["lang"] == "zh-CN"
    assert [f for f in site.files() if f.startswith("en/")] == [f"{ENGLISH_URL}index.html"]


def test_a_piece_in_another_language_is_written_under_its_language_in_that_language(site):
    page = site.soup(f"{ENGLISH_URL}index.html")
    assert page.html["lang"] == "en" and page.h1.get_text() == "A Lamp on the Plateau"
    english = next(a for a in site.settings[JOURNAL_SETTING].articles if a.lang == "en")
    assert english.url == ENGLISH_URL  # where the model (and so every link and the search) says it is


def test_every_page_is_written_where_the_model_says(site):
    journal = site.settings[JOURNAL_SETTING]
    for item in journal.articles + journal.pages:
        assert f"{item.url}index.html" in site.files(), item.url


def test_without_the_plugin_pelican_takes_the_sites_own_language_for_a_translation(without_lang):
    # what the plugin is for: the articles would move under en/, the call to pages/…-zh-CN.html
    assert without_lang.problems() == []  # and Pelican would not even say so
    files = without_lang.files()
    assert {f"en/{ISSUE_URL}{order}/index.html" for order, *_ in ARTICLES} <= files
    assert not any(f"{ISSUE_URL}{order}/index.html" in files for order, *_ in ARTICLES)
    assert f"{CALL_URL}index.html" not in files
