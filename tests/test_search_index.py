"""Search records, bundles and the Pagefind runs (qhgy.search.records, .bundles, .index)."""

import gzip
import json

from qhgy.search.bundles import plan_bundles
from qhgy.search.index import build_search_index, render_page
from qhgy.search.records import SearchRecord, html_to_text
from qhgy.search.tokens import TITLE_REGION, decode


def record(year: str, n: int, text: str = "农民工入会", lang: str = "zh-CN", title: str = "题目") -> SearchRecord:
    return SearchRecord(url=f"{year}/1/{n:02d}/", title=title, text=text, year=year, issue=f"{year}年第1期",
                        section="工作研究", authors=("李忠", "汪军"), lang=lang)


def test_html_to_text_keeps_inline_runs_whole_and_blocks_apart():
    html = ("<p><strong>在做实做强基层工作基础上深入推进。</strong>深入开展</p><p>第二段</p>"
            "<figure><figcaption>座谈会现场</figcaption></figure><h2>一、总体要求</h2>")
    assert html_to_text(html).splitlines() == ["在做实做强基层工作基础上深入推进。深入开展", "第二段", "座谈会现场", "一、总体要求"]


def test_bundles_are_whole_years_oldest_first_and_listed_newest_first():
    records = [record(str(y), n) for y in range(2010, 2016) for n in range(1, 5)]  # 4 per year
    bundles = plan_bundles(records, max_articles=9)
    assert [b.name for b in bundles] == ["2014-2015", "2012-2013", "2010-2011"]
    assert all(len(b.records) <= 9 for b in bundles)
    assert sorted(r.url for b in bundles for r in b.records) == sorted(r.url for r in records)  # none dropped


def test_a_new_year_changes_only_the_newest_bundle():
    old = [record(str(y), n) for y in range(2010, 2015) for n in range(1, 5)]
    before = {b.name: b.records for b in plan_bundles(old, max_articles=9)}
    after = {b.name: b.records for b in plan_bundles(old + [record("2015", 1)], max_articles=9)}
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {"2014-2015"} and "2014" in before


def test_a_year_larger_than_the_limit_is_a_bundle_of_its_own():
    records = [record("2020", n) for n in range(1, 20)] + [record("2021", 1)]
    assert [(b.name, len(b.records)) for b in plan_bundles(records, max_articles=5)] == [("2021", 1), ("2020", 19)]


def test_languages_get_bundles_of_their_own():
    bundles = plan_bundles([record("2017", 1), record("2017", 2, lang="en")])
    assert sorted((b.lang, len(b.records)) for b in bundles) == [("en", 1), ("zh-CN", 1)]


def test_the_indexed_page_holds_title_region_body_and_facets_but_no_chrome():
    page = render_page(record("2017", 7, text="第一段\n第二段", title="关于<工会>"))
    assert page.count("data-pagefind-body") == 1 and 'data-pagefind-filter="author">汪军<' in page
    assert 'data-pagefind-meta="title">关于&lt;工会&gt;<' in page
    assert "<nav" not in page and "<footer" not in page


def test_index_is_built_cached_and_rebuilt_only_where_content_changed(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    records = [record(str(y), n, text=f"{y}年第{n}篇 农民工入会") for y in (2016, 2017) for n in (1, 2)]
    first = build_search_index(records, site, cache, max_articles=2, log=lambda m: None)
    assert [(b.path, b.cached) for b in first] == [("pagefind/2017/", False), ("pagefind/2016/", False)]
    assert json.loads((site / "pagefind/bundles.json").read_text()) == [
        {"path": "pagefind/2017/", "years": "2017", "articles": 2}, {"path": "pagefind/2016/", "years": "2016", "articles": 2}]
    entry = json.loads((site / "pagefind/2017/pagefind-entry.json").read_text())
    assert entry["languages"]["zh-cn"]["page_count"] == 2
    fragments = [json.loads(gzip.decompress(p.read_bytes())[12:]) for p in (site / "pagefind/2017/fragment").iterdir()]
    words = fragments[0]["content"].split(" ")
    assert decode(words[TITLE_REGION:]).endswith("农民工入会")
    assert {f["meta"]["url"] for f in fragments} == {"2017/1/01/", "2017/1/02/"}

    second = build_search_index(records, site, cache, max_articles=2, log=lambda m: None)
    assert all(b.cached for b in second)
    changed = records[:3] + [record("2017", 2, text="改过的正文")]
    third = build_search_index(changed, site, cache, max_articles=2, log=lambda m: None)
    assert {b.name: b.cached for b in third} == {"2017": False, "2016": True}
