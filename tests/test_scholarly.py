"""The optional scholarly keys of an article (摘要 and 关键词 in Chinese and English, 作者简介,
基金项目, 中图分类号, DOI, 收稿 and 修回 dates): each is validated by `check`, shown on the article
page when present, and carried in its meta (Highwire, Dublin Core and PRISM), in a real build."""

from __future__ import annotations

import pytest
import yaml

from site_helpers import build_site, soup

from qhgy.check import check_content

SCHOLARLY = {
    "abstract": "文章从工会改革向基层延伸的角度，提出了推进改革的总体思路。",
    "keywords": ["工会改革", "基层工会"],
    "summary_en": "The article sets out how the reform of the trade unions reaches the grassroots.",
    "keywords_en": ["trade union reform", "grassroots unions"],
    "fund": "青海省社会科学规划项目“工会改革研究”（17049）",
    "clc": "D412.6",
    "doi": "10.12345/qhgy.2017.09.034",
    "received": "2017-08-01",
    "revised": "2017-09-01",
}


def with_keys(content, order: str, **keys) -> None:
    path = content / "articles" / "2017" / "9-10" / f"{order}.md"
    text = path.read_text(encoding="utf-8")
    head, body = text[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head)
    meta.update(keys)
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body,
                    encoding="utf-8")


@pytest.fixture(scope="module")
def scholarly_site(tmp_path_factory):
    import shutil

    from conftest import CONTENT

    work = tmp_path_factory.mktemp("scholarly")
    shutil.copytree(CONTENT, work / "content")
    with_keys(work / "content", "34", **SCHOLARLY)
    result = build_site(work / "output", content=work / "content")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "output"


def test_the_article_page_shows_each_key(scholarly_site):
    html = soup(scholarly_site, "2017/9-10/34/index.html")
    abstract, english = html.select(".article-abstract")
    assert SCHOLARLY["abstract"] in abstract.get_text() and abstract.get_text().strip().startswith("摘要：")
    keywords = [(a.get_text(), a["href"]) for a in abstract.select("a")]
    assert keywords[0][0] == "工会改革" and keywords[0][1].startswith("/search/?q=")
    assert english["lang"] == "en" and english.get_text().split()[0] == "Abstract:"
    assert "trade union reform; grassroots unions" in english.get_text()
    record = {div.dt.get_text(): div.dd for div in html.select(".article-record > div")}
    assert record["基金项目"].get_text() == SCHOLARLY["fund"] and record["中图分类号"].get_text() == "D412.6"
    assert record["DOI"].a["href"] == "https://doi.org/10.12345/qhgy.2017.09.034"
    assert record["收稿日期"].time["datetime"] == "2017-08-01" and record["修回日期"].time["datetime"] == "2017-09-01"
    # an article without them shows none of it
    plain = soup(scholarly_site, "2017/9-10/07/index.html")
    assert plain.select(".article-abstract") == [] and plain.select(".article-record") == []


def test_the_meta_carries_them_in_each_vocabulary(scholarly_site):
    html = soup(scholarly_site, "2017/9-10/34/index.html")

    def meta(name):
        return [(m.get("lang"), m.get("xml:lang"), m["content"]) for m in html.find_all("meta", attrs={"name": name})]

    assert meta("citation_doi") == [(None, None, SCHOLARLY["doi"])]
    assert meta("citation_keywords") == [(None, None, "工会改革; 基层工会")]
    assert meta("citation_abstract") == [(None, None, SCHOLARLY["abstract"])]
    assert meta("DC.description") == [("zh-CN", "zh-CN", SCHOLARLY["abstract"]), ("en", "en", SCHOLARLY["summary_en"])]
    assert [c for _, _, c in meta("DC.subject")] == SCHOLARLY["keywords"] + SCHOLARLY["keywords_en"]
    title, title_en = meta("DC.title")  # the title in both languages, each marked
    assert title == ("zh-CN", "zh-CN", "关于推进工会改革向基层延伸的总体思考")
    assert title_en[:2] == ("en", "en") and title_en[2].startswith("Overall Thoughts")
    assert meta("DC.identifier")[1][2] == "doi:" + SCHOLARLY["doi"] and meta("prism.doi")[0][2] == SCHOLARLY["doi"]
    assert meta("prism.startingPage")[0][2] == "37" and meta("prism.endingPage")[0][2] == "39"
    card = {m["property"]: m["content"] for m in html.find_all("meta", attrs={"property": True})}
    assert card["og:description"].startswith("文章从工会改革") and int(card["og:image:width"]) >= 300
    assert int(card["og:image:height"]) >= 300 and card["og:image"].endswith("-og.jpg")


@pytest.mark.parametrize("keys, message", [
    ({"doi": "https://doi.org/10.12345/x"}, "'doi'"),
    ({"clc": "d412.6"}, "'clc'"),
    ({"received": "2017-09-01", "revised": "2017-08-01"}, "'revised' 2017-09-01"[:10]),
    ({"received": "2017-11-01"}, "'received' 2017-11-01"),
    ({"keywords": "工会改革，基层工会"}, "'keywords'"),
])
def test_a_wrong_value_is_an_error_naming_the_key_and_line(bundled_copy, keys, message):
    with_keys(bundled_copy, "34", **keys)
    checked = check_content(bundled_copy)
    problems = [str(p) for p in checked.problems]
    assert any(message in p and "34.md:" in p for p in problems), problems


def test_the_citations_carry_them(scholarly_site):
    import rispy

    html = soup(scholarly_site, "2017/9-10/34/index.html")
    lines = [p.get_text() for p in html.select(".cite-gbt")]
    assert all(line.endswith(f"DOI:{SCHOLARLY['doi']}.") or line.endswith(f"DOI:{SCHOLARLY['doi']}")
               for line in lines), lines  # the standards end the line with the DOI
    ris = rispy.loads((scholarly_site / "2017/9-10/34/qhgy-2017-9-10-34.ris").read_text(encoding="utf-8"))[0]
    assert ris["doi"] == SCHOLARLY["doi"] and ris["abstract"] == SCHOLARLY["abstract"]
    assert set(SCHOLARLY["keywords"] + SCHOLARLY["keywords_en"]) <= set(ris["keywords"])
    enw = (scholarly_site / "2017/9-10/34/qhgy-2017-9-10-34.enw").read_text(encoding="utf-8")
    assert f"%R {SCHOLARLY['doi']}" in enw and "%K 工会改革" in enw and "%L D412.6" in enw


# Dublin Core's fifteen elements (DCMES 1.1) and the PRISM basic names the pages use.
DC_ELEMENTS = {"title", "creator", "subject", "description", "publisher", "contributor", "date", "type", "format",
               "identifier", "source", "language", "relation", "coverage", "rights"}
PRISM_NAMES = {"publicationName", "number", "volume", "publicationDate", "startingPage", "endingPage", "doi",
               "issn", "keyword"}


def test_the_meta_is_valid(scholarly_site):
    """Every name is one of its vocabulary's, DC and PRISM have their schema link, an xml:lang has
    the same lang (HTML's rule for it), and the page parses as strict HTML5."""
    import html5lib

    text = (scholarly_site / "2017/9-10/34/index.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(text)
    html = soup(scholarly_site, "2017/9-10/34/index.html")
    names = [m["name"] for m in html.find_all("meta", attrs={"name": True})]
    assert {n.split(".", 1)[1] for n in names if n.startswith("DC.") and n != "DC.Title.Alternative"} <= DC_ELEMENTS
    assert {n.split(".", 1)[1] for n in names if n.startswith("prism.")} <= PRISM_NAMES
    assert html.find("link", rel="schema.DC")["href"] == "http://purl.org/dc/elements/1.1/"
    for meta in html.find_all("meta", attrs={"xml:lang": True}):
        assert meta.get("lang") == meta["xml:lang"], meta


def test_a_page_with_every_key_is_accessible(browser, scholarly_site):
    from axe_playwright_python.sync_playwright import Axe

    from devtools.browser import serve

    with serve(scholarly_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "/2017/9-10/34/")
        results = Axe().run(page)
        page.close()
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
