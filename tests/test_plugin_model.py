"""Plugin qhgy_model, in an in-process build of the tiny site: every article and page Pelican
reads carries its model object (the templates print the model's values), the templates get
the journal (latest issue, issues by year, the call for submissions), and each model object
takes the body as the site prints it once every context is built."""

import pytest

from qhgy.site import JOURNAL_SETTING

from plugin_build import ARTICLES, CALL_URL, ISSUE_URL, build, plugins


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(tmp_path_factory.mktemp("model"), plugins())


@pytest.fixture(scope="module")
def journal(site):
    return site.settings[JOURNAL_SETTING]


def test_the_build_logs_no_warning(site):
    assert site.problems() == []


@pytest.mark.parametrize("order, title, authors, pages, slug", ARTICLES)
def test_each_article_page_prints_its_model(site, order, title, authors, pages, slug):
    page = site.soup(f"{ISSUE_URL}{order}/index.html")
    assert page.h1.get_text() == title
    assert [a.get_text() for a in page.select(".byline a")] == list(authors)
    assert f"2030年第3-4期，第{pages}页" in page.select_one(".article-facts").get_text()
    assert page.select_one(f'a[href="/{ISSUE_URL}{order}/{slug}.pdf"]') is not None
    assert page.select_one(f'a[href="/{ISSUE_URL}{order}/{slug}.bib"]') is not None


def test_an_articles_byline_role_and_citation_come_from_the_model(site):
    page = site.soup(f"{ISSUE_URL}01/index.html")
    assert page.select_one(".byline").get_text() == "赵明（省总工会副主席）、钱红"
    assert [p.get_text() for p in page.select(".cite-gbt")] == [
        "赵明，钱红. 推进产业工人队伍建设改革[J]. 青海工运，2030（3/4）：2-3.",  # GB/T 7714-2025, the default, first
        "赵明, 钱红. 推进产业工人队伍建设改革[J]. 青海工运, 2030(3/4): 2-3."]


def test_articles_link_to_their_neighbours_in_print_order(site):
    def pager(order):
        return {a["rel"][0]: a["href"] for a in site.soup(f"{ISSUE_URL}{order}/index.html").select(".pager a[rel]")}

    assert pager("01") == {"next": f"/{ISSUE_URL}02/"}
    assert pager("02") == {"prev": f"/{ISSUE_URL}01/", "next": f"/{ISSUE_URL}03/"}
    assert pager("03") == {"prev": f"/{ISSUE_URL}02/"}


def test_the_templates_get_the_journal(site):
    home = site.soup("index.html")  # latest_issue
    assert home.h1.get_text() == "《青海工运》2030年第3-4期"
    assert [a.get_text() for a in home.select(".toc-title")] == [t for _, t, *_ in ARTICLES] + ["《青海工运》征稿启事"]
    archive = site.soup("archive/index.html")  # issues_by_year
    assert [h.get_text() for h in archive.select("h2[id^=y]")] == ["2030年"]
    assert [a["href"] for a in archive.select(".year a")] == [f"/{ISSUE_URL}"]
    about = site.soup("about/index.html")  # latest_issue.masthead, call_for_submissions
    assert [(d.dt.get_text(), d.dd.get_text()) for d in about.select("dl.masthead")[0].select("div")] == [
        ("主编", "韩立新"), ("责任编辑", "周文")]
    assert about.select_one("#submissions ~ p a")["href"] == f"/{CALL_URL}"


def test_the_page_carries_its_model_too(site):
    page = site.soup(f"{CALL_URL}index.html")
    assert page.html["lang"] == "zh-CN" and page.h1.get_text() == "《青海工运》征稿启事"


def test_each_model_object_takes_the_body_as_the_site_prints_it(site, journal):
    for item in journal.articles + journal.pages:
        assert item.html, item.url
        printed = site.read(f"{item.url}index.html")
        assert item.html.strip() in printed, item.url  # the very HTML of the page, not a second rendering
    first = journal.issues[0].articles[0]
    assert "<strong>一是强化思想引领。</strong>" in first.html and "<h2 id=\"一提高政治站位\">一、提高政治站位</h2>" in first.html  # with its id, for the outline
