"""Search records, bundles and the Pagefind runs (qhgy.search.records, .bundles, .index)."""

import gzip
import json

import pytest

from qhgy.search.bundles import period, plan_bundles
from qhgy.search.index import build_search_index, bundle_key, render_page
from qhgy.search.records import PendingRecord, SearchRecord, html_to_text
from qhgy.search.tokens import TITLE_REGION, decode


def record(year: str, n: int, text: str = "农民工入会", lang: str = "zh-CN", title: str = "题目") -> SearchRecord:
    return SearchRecord(url=f"{year}/1/{n:02d}/", title=title, text=text, year=year, issue=f"{year}年第1期",
                        section="工作研究", authors=("李忠", "汪军"), lang=lang)


def test_html_to_text_keeps_inline_runs_whole_and_blocks_apart():
    html = ("<p><strong>在做实做强基层工作基础上深入推进。</strong>深入开展</p><p>第二段</p>"
            "<figure><figcaption>座谈会现场</figcaption></figure><h2>一、总体要求</h2>")
    assert html_to_text(html).splitlines() == ["在做实做强基层工作基础上深入推进。深入开展", "第二段", "座谈会现场", "一、总体要求"]


def test_bundles_are_fixed_periods_of_whole_years_listed_newest_first():
    records = [record(str(y), n) for y in range(2012, 2027) for n in range(1, 5)]  # 4 per year
    bundles = plan_bundles(records)
    assert [b.name for b in bundles] == ["2025-2026", "2020-2024", "2015-2019", "2012-2014"]
    assert [period(b.years[0]) for b in bundles] == [2025, 2020, 2015, 2010]
    assert {period(y) for b in bundles for y in b.years} == {2025, 2020, 2015, 2010}  # one period a bundle
    assert sorted(r.url for b in bundles for r in b.records) == sorted(r.url for r in records)  # none dropped


def test_a_period_larger_than_the_limit_is_indexed_year_by_year():
    records = [record(str(y), n) for y in range(2010, 2016) for n in range(1, 5)]  # 4 per year
    bundles = plan_bundles(records, max_articles=9)  # 2010-2014 holds 20
    assert [b.name for b in bundles] == ["2015", "2014", "2013", "2012", "2011", "2010"]


def _changed(before, after) -> set[str]:
    old = {b.name: [(r.url, r.fingerprint) for r in b.records] for b in before}
    return {b.name for b in after if old.get(b.name) != [(r.url, r.fingerprint) for r in b.records]}


@pytest.mark.parametrize("year", ["2026", "2017", "2011"])
def test_an_issue_added_to_any_year_changes_the_records_of_one_bundle_only(year):
    """The boundaries do not move: an issue added to an earlier year (or the newest) leaves every
    other bundle's records, and so its cache key, as they were."""
    old = [record(str(y), n) for y in range(2008, 2027) for n in range(1, 5)]
    new_issue = [SearchRecord(url=f"{year}/9/{n:02d}/", title="新", text="新的一期", year=year, issue=f"{year}年第9期",
                              section="工作研究") for n in range(1, 6)]
    before, after = plan_bundles(old), plan_bundles(old + new_issue)
    assert [b.name for b in before] == [b.name for b in after]
    assert len(_changed(before, after)) == 1
    keys = {b.name: bundle_key(b) for b in before}
    assert [b.name for b in after if bundle_key(b) != keys[b.name]] == [b.name for b in after if year in b.years]


def test_correcting_one_article_changes_only_its_bundle_key():
    old = [record(str(y), n) for y in range(2012, 2027) for n in range(1, 5)]
    fixed = list(old)
    fixed[5] = record("2013", 2, text="改正后的正文")
    keys = {b.name: bundle_key(b) for b in plan_bundles(old)}
    assert [b.name for b in plan_bundles(fixed) if bundle_key(b) != keys[b.name]] == ["2012-2014"]


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
    listing = json.loads((site / "pagefind/bundles.json").read_text())
    assert [{k: b[k] for k in ("path", "years", "articles")} for b in listing] == [
        {"path": "pagefind/2017/", "years": "2017", "articles": 2}, {"path": "pagefind/2016/", "years": "2016", "articles": 2}]
    for b in listing:  # the metadata file each bundle's search reads, named so the browser need not ask
        assert (site / b["path"] / b["meta"]).is_file() and b["meta"].endswith(".pf_meta")
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


def _stamps(folder):
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_with_nothing_changed_indexes_nothing_and_writes_no_file(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    records = [record(str(y), n, text=f"{y}年第{n}篇 农民工入会") for y in (2018, 2021) for n in (1, 2)]
    build_search_index(records, site, cache, log=lambda m: None)
    before = _stamps(site)
    assert {"pagefind/bundles.json", "pagefind/2021/pagefind-entry.json", "pagefind/2018/pagefind-entry.json"} <= set(before)

    def unreadable():
        raise AssertionError("a record was made for a bundle that did not change")

    # the same articles, as the plugin hands them: no record is made to decide that nothing changed
    pending = [PendingRecord(r.url, r.year, r.lang, r.fingerprint, unreadable) for r in records]
    messages = []
    again = build_search_index(pending, site, cache, log=messages.append)
    assert all(b.cached for b in again)
    assert _stamps(site) == before  # every file kept: same inode, same time
    assert "0 files written" in messages[-1]


def test_correcting_one_article_indexes_only_its_bundle_and_leaves_the_others_files_alone(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    records = [record(str(y), n, text=f"{y}年第{n}篇 农民工入会") for y in (2018, 2021) for n in (1, 2)]
    build_search_index(records, site, cache, log=lambda m: None)
    before = _stamps(site / "pagefind/2018")
    fixed = records[:3] + [record("2021", 2, text="改过的正文")]
    again = build_search_index(fixed, site, cache, log=lambda m: None)
    assert {b.name: b.cached for b in again} == {"2021": False, "2018": True}
    assert _stamps(site / "pagefind/2018") == before
    fragments = [gzip.decompress(p.read_bytes()).decode() for p in (site / "pagefind/2021/fragment").iterdir()]
    assert len(fragments) == 2  # the old version's files are gone from the output
    cold = tmp_path / "cold"
    build_search_index(fixed, cold, tmp_path / "cache-cold", log=lambda m: None)
    assert {p: (site / p).read_bytes() for p in _stamps(site)} == {p: (cold / p).read_bytes() for p in _stamps(cold)}


def test_a_bundle_whose_period_is_renamed_leaves_no_folder_behind(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    build_search_index([record("2025", 1)], site, cache, log=lambda m: None)
    build_search_index([record("2025", 1), record("2026", 1)], site, cache, log=lambda m: None)
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == ["2025-2026", "bundles.json"]
