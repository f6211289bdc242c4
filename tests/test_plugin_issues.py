"""Plugin qhgy_issues, in an in-process build of the tiny site: one page per issue (its 目录 by
section, in print order, with page ranges) and each article's citation files, RIS, BibTeX and
EndNote, with absolute URLs when the site has its address (SITEURL)."""

import pytest

from qhgy.citation import DOWNLOADS

from plugin_build import ARTICLES, CALL_URL, ISSUE_URL, build, plugins

SITEURL = "https://qhgy.example.org"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(tmp_path_factory.mktemp("issues"), plugins("qhgy_issues"), SITEURL=SITEURL)


@pytest.fixture(scope="module")
def toc(site):
    return site.soup(f"{ISSUE_URL}index.html").select_one(".toc")


def test_the_build_logs_no_warning(site):
    assert site.problems() == []


def test_the_issue_page_lists_the_three_articles_in_print_order_with_their_pages(site, toc):
    page = site.soup(f"{ISSUE_URL}index.html")
    assert page.h1.get_text() == "《青海工运》2030年第3-4期"
    items = toc.select(".toc-item:not(.toc-notice)")
    assert [(i.select_one(".toc-title").get_text(), i.select_one(".toc-page").get_text()) for i in items] == [
        (title, f"第{pages}页") for _, title, _, pages, _ in ARTICLES]
    assert [i.select_one(".toc-title")["href"] for i in items] == [f"{SITEURL}/{ISSUE_URL}{o}/" for o, *_ in ARTICLES]
    assert [[a.get_text() for a in i.select(".toc-authors a")] for i in items] == [list(a) for _, _, a, *_ in ARTICLES]


def test_every_link_of_the_toc_is_a_page_of_the_build(site, toc):
    for link in toc.select("a[href]"):
        path = link["href"].removeprefix(SITEURL + "/")
        assert (site.output / path / "index.html").exists(), link["href"]


def test_the_toc_is_set_by_section_and_sub_column_with_the_call_at_its_place(toc):
    sections = toc.select(".toc-section")
    assert [s.select_one(".toc-section-name").get_text() for s in sections] == ["工作指导", "综艺之旅"]
    assert [len(s.select(".toc-item")) for s in sections] == [2, 2]
    assert [h.get_text() for h in sections[1].select(".toc-subcolumn")] == ["生活感悟"]
    notice = sections[1].select(".toc-item")[-1]  # printed fourth, after 高原上的一盏灯, on p. 6
    assert "toc-notice" in notice["class"] and notice.select_one(".toc-title")["href"] == f"{SITEURL}/{CALL_URL}"
    assert notice.select_one(".toc-page").get_text() == "第6页"


def test_bibtex_of_an_article_with_two_authors_over_two_pages(site):
    assert site.read(f"{ISSUE_URL}01/qhgy-2030-3-4-01.bib") == (
        "@article{qhgy-2030-3-4-01,\n"
        "  title = {推进产业工人队伍建设改革},\n"
        "  author = {赵明 and 钱红},\n"
        "  journal = {青海工运},\n"
        "  year = {2030},\n"
        "  number = {3-4},\n"
        "  pages = {2--3},\n"
        "  language = {zh-CN},\n"
        f"  url = {{{SITEURL}/2030/3-4/01/}}\n"
        "}\n")


def test_ris_of_an_article_with_two_authors_over_two_pages(site):
    lines = site.read(f"{ISSUE_URL}01/qhgy-2030-3-4-01.ris").splitlines()
    assert lines[0] == "TY  - JOUR" and lines[-1].rstrip() == "ER  -"
    fields = [tuple(line.split("  - ", 1)) for line in lines[1:-1]]
    assert fields == [("AU", "赵明"), ("AU", "钱红"), ("TI", "推进产业工人队伍建设改革"), ("T2", "青海工运"),
                      ("PY", "2030"), ("DA", "2030/04/10"), ("IS", "3-4"), ("SP", "2"), ("EP", "3"), ("LA", "zh-CN"),
                      ("UR", f"{SITEURL}/2030/3-4/01/"), ("L1", f"{SITEURL}/2030/3-4/01/qhgy-2030-3-4-01.pdf"),
                      ("ID", "qhgy-2030-3-4-01")]


def test_endnote_of_an_article_with_two_authors_over_two_pages(site):
    assert site.read(f"{ISSUE_URL}01/qhgy-2030-3-4-01.enw").splitlines() == [
        "%0 Journal Article", "%A 赵明", "%A 钱红", "%T 推进产业工人队伍建设改革", "%J 青海工运", "%D 2030",
        "%8 2030-04-10", "%N 3-4", "%P 2-3", "%G zh-CN", f"%U {SITEURL}/2030/3-4/01/", "%F qhgy-2030-3-4-01"]


@pytest.mark.parametrize("order, title, authors, pages, slug", ARTICLES)
def test_every_article_has_every_citation_file(site, order, title, authors, pages, slug):
    bib = site.read(f"{ISSUE_URL}{order}/{slug}.bib")
    ris = site.read(f"{ISSUE_URL}{order}/{slug}.ris")
    first, _, last = pages.partition("—")
    assert f"title = {{{title}}}" in bib and f"TI  - {title}" in ris
    if last:
        assert f"pages = {{{first}--{last}}}" in bib and f"SP  - {first}\n" in ris and f"EP  - {last}\n" in ris
    else:  # one page: no range
        assert f"pages = {{{first}}}" in bib and f"SP  - {first}\n" in ris and "EP  - " not in ris
    assert [line[6:] for line in ris.splitlines() if line.startswith("AU  - ")] == list(authors)
    assert ("author = " in bib) == bool(authors)
    enw = site.read(f"{ISSUE_URL}{order}/{slug}.enw").splitlines()
    assert f"%T {title}" in enw and f"%P {first}{'-' + last if last else ''}" in enw
    assert [line[3:] for line in enw if line.startswith("%A ")] == list(authors)

def test_the_citation_files_are_the_ones_the_article_page_offers(site):
    for order, *_, slug in ARTICLES:
        page = site.soup(f"{ISSUE_URL}{order}/index.html")
        offered = {a["href"].removeprefix(SITEURL + "/") for a in page.select(".cite-files a")}
        assert offered == {f"{ISSUE_URL}{order}/{slug}{suffix}" for suffix in (".ris", ".bib", ".enw")}
        assert all((site.output / path).is_file() for path in offered)


def test_without_the_plugin_there_is_no_issue_page_and_no_citation_file(tmp_path):
    result = build(tmp_path, plugins())
    assert result.problems() == []
    assert f"{ISSUE_URL}index.html" not in result.files()
    assert not [f for f in result.files() if f.endswith((".bib", ".ris", ".enw"))]


def test_the_incremental_writer_counts_every_citation_file_as_the_builds(tmp_path):
    """qhgy_writer removes what the last build produced and this one did not; files written outside
    it are declared (expected_files), or a later build would leave them out of its manifest."""
    result = build(tmp_path, plugins("qhgy_issues", "qhgy_writer"), SITEURL=SITEURL)
    written = {f for f in result.files() if f.endswith(tuple(DOWNLOADS))}
    assert len(written) == len(ARTICLES) * len(DOWNLOADS) == 9
    assert written <= result.settings["QHGY_OUTPUT_STATE"].produced
