"""Search over an archive indexed in several Pagefind bundles (one run per period), in
Debian's chromium: every bundle answers, every time (Pagefind 1.5.2 loses a bundle's results
at random when bundles run as separate instances; search.js merges them into one)."""

import dataclasses
import json
import shutil

import pytest

from devtools.archive_gen import generate_archive
from devtools.browser import chromium, serve
from qhgy.search.index import build_search_index
from qhgy.check import load_journal
from qhgy.search.tokens import normalise
from search_reference import query_terms, chunk_ranges

QUERIES = ["工会", "职工", "会", "西宁", "改革 创新", "汪军"]


@pytest.fixture(scope="module")
def archive(site, tmp_path_factory):
    """A generated archive of two years, indexed in bundles of at most 150 articles, served with
    the bundled site's real search page and script."""
    work = tmp_path_factory.mktemp("bundles")
    generate_archive(work / "content", issues=8, start_year=2021, seed=5)
    journal = load_journal(work / "content")
    journal.render_bodies()
    records = [a.search_record for a in journal.articles]
    root = work / "site"
    shutil.copytree(site / "search", root / "search")
    shutil.copytree(site / "theme", root / "theme")
    bundles = build_search_index(records, root, work / "cache", max_articles=150, log=lambda m: None)
    assert [b.name for b in bundles] == ["2021", "2020"]
    return root, records


def expected(records, query) -> set[str]:
    """The articles holding every term in their title region (title, byline…) or text."""
    terms = [t["text"] for t in query_terms(query)]
    return {"/" + r.url for r in records if all(t in normalise("\n".join(r.heads) + "\n" + r.text) for t in terms)}


def test_every_bundle_answers_every_time(archive):
    root, records = archive
    with serve(root) as base, chromium() as browser:
        years = set()
        for attempt in range(3):  # the failure measured was random: a fresh page each time
            page = browser.new_page()
            for query in QUERIES:
                page.goto(f"{base}/search/?q={query}")
                page.wait_for_function("() => ['done', 'error'].includes(document.querySelector('[data-search]').dataset.state)",
                                       timeout=60_000)
                assert page.get_attribute("[data-search]", "data-state") == "done", (attempt, query)
                want = expected(records, query)
                years |= {url.split("/")[1] for url in want}
                status = page.inner_text(".search-status")
                assert f"{len(want)}篇" in status, (attempt, query, status, len(want))
                shown = page.eval_on_selector_all(".search-result-title a", "links => links.map(a => a.pathname)")
                assert shown and set(shown) <= want, (attempt, query)
            page.close()
    assert years == {"2020", "2021"}  # the queries' hits lie in both bundles


def test_a_character_whose_pairs_span_chunks_is_found_in_every_bundle(archive):
    import re

    root, records = archive
    spanning = set()
    for bundle in ("2021", "2020"):
        ranges = chunk_ranges(root / "pagefind" / bundle)
        spanning |= {chr(int(frm[1:5], 32)) for (_, to), (frm, _) in zip(ranges, ranges[1:])
                     if re.fullmatch(r"x[0-9a-v]{4}.*", frm) and to[:5] == frm[:5]}
    assert spanning
    with serve(root) as base, chromium() as browser:
        page = browser.new_page()
        for char in sorted(spanning)[:4]:
            page.goto(f"{base}/search/?q={char}")
            page.wait_for_function("() => document.querySelector('[data-search]').dataset.state == 'done'", timeout=60_000)
            assert f"{len(expected(records, char))}篇" in page.inner_text(".search-status"), char


def test_a_year_filter_searches_only_the_bundle_holding_that_year(archive):
    root, records = archive
    fetched = []
    with serve(root) as base, chromium() as browser:
        page = browser.new_page()
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(f"{base}/search/?q=职工&year=2020")
        page.wait_for_function("() => document.querySelector('[data-search]').dataset.state == 'done'", timeout=60_000)
        want = {url for url in expected(records, "职工") if url.startswith("/2020/")}
        assert f"{len(want)}篇" in page.inner_text(".search-status")
        assert any("/pagefind/2020/" in url for url in fetched)
        assert not any("/pagefind/2021/" in url for url in fetched)
        page.click(".search-filters summary")  # every year is offered, not only the one searched
        page.wait_for_function("() => document.querySelector('select[name=year]').options.length > 2")
        years = page.eval_on_selector_all("select[name=year] option", "os => os.map(o => o.value)")
        assert years == ["", "2021", "2020"]


def first_query_bound(root, tokens: list[str], results: int = 10) -> tuple[int, dict]:
    """The most a first query may download of the index, from the files themselves: Pagefind's
    runtime (script, worker, WebAssembly) once; each bundle's entry and metadata once; for each
    query token, in each bundle, the index chunks whose word range can hold it (a prefix: every
    chunk its range runs into); a page of results' fragments (the largest ones); the filters."""
    from qhgy.search.canonical import read_pagefind_file

    bundles = [root / b["path"] for b in json.loads((root / "pagefind/bundles.json").read_text())]
    size = lambda p: p.stat().st_size  # noqa: E731
    parts = {"runtime": sum(size(bundles[0] / n) for n in ("pagefind.js", "pagefind-worker.js"))
             + sum(size(p) for p in bundles[0].glob("wasm.*.pagefind"))}
    parts["entries and metadata"] = sum(size(b / "pagefind-entry.json") + size(next(b.glob("*.pf_meta"))) for b in bundles)
    chunks = 0
    for b in bundles:
        meta = read_pagefind_file(next(b.glob("*.pf_meta")))
        for token in tokens:
            chunks += sum(size(b / "index" / f"{h}.pf_index") for frm, to, h in meta[2]
                          if frm <= token + "\uffff" and to >= token)
    parts["index chunks"] = chunks
    fragments = sorted((size(p) for b in bundles for p in (b / "fragment").iterdir()), reverse=True)
    parts["fragments"] = sum(fragments[:results])
    parts["filters"] = sum(size(p) for b in bundles for p in (b / "filter").iterdir())
    return sum(parts.values()), parts


@pytest.mark.parametrize("query", ["职工", "会", "改革 创新"])
def test_a_first_query_downloads_each_index_file_once_and_no_more_than_it_needs(archive, query):
    """Per bundle, the entry (fetched with a fixed cache tag, not a time stamp) and the metadata
    once; the whole first query within the bound computed from the index's own files above."""
    root, _records = archive
    got: dict[str, list[int]] = {}
    with serve(root) as base, chromium() as browser:
        page = browser.new_page()

        def done(request):
            response = request.response()
            if response and response.status == 200 and "/pagefind/" in request.url:
                got.setdefault(request.url, []).append(len(response.body()))

        page.on("requestfinished", done)
        page.goto(f"{base}/search/?q={query}")
        page.wait_for_function("() => document.querySelector('[data-search]').dataset.state == 'done'", timeout=60_000)
        page.wait_for_timeout(300)
    # a prefix query (会) reads the chunk ranges from the metadata too: from the browser's cache
    # where the server allows caching (this test server sends no cache headers)
    again = {u for u, sizes in got.items() if len(sizes) > 1}
    assert again <= ({u for u in got if u.endswith(".pf_meta")} if query == "会" else set()), again
    listing = json.loads((root / "pagefind/bundles.json").read_text())
    entries = sorted(u.split(base, 1)[1] for u in got if "pagefind-entry.json" in u)
    assert entries == sorted(f"/{b['path']}pagefind-entry.json?ts={b['meta']}" for b in listing)
    tokens = [t for term in query_terms(query) for t in term["tokens"]]
    bound, parts = first_query_bound(root, tokens)
    bound += sum(got[u][0] for u in again)  # the metadata read a second time, at most once more
    total = sum(sum(s) for s in got.values())
    assert total <= bound, (total, parts)
    assert total < 300_000  # the issue's target for a first query, with room at this size (2 bundles, 400 articles)


def unused_name(records) -> str:
    """A two-character name that no record holds (the generated archive draws real names)."""
    for surname in "鞠蒯邝隗":
        for given in "骞翀骁珏":
            if not expected(records, surname + given):
                return surname + given
    raise AssertionError("every candidate name occurs in the archive")


@pytest.fixture(scope="module")
def gapped(site, tmp_path_factory):
    """A generated archive whose articles are of 2017 and 2019 only (one bundle, 2017-2019), where
    one article is by a name (李忠), one by a longer name (李忠杰) and one has the longer name in
    its title, both of those holding the name more often than its own article does (so that they
    would score above it)."""
    work = tmp_path_factory.mktemp("gapped")
    generate_archive(work / "content", issues=2, articles_per_issue=30, start_year=2021, seed=7)
    journal = load_journal(work / "content")
    journal.render_bodies()
    records = []
    for n, article in enumerate(a for a in journal.articles if a.published):
        year = ("2017", "2019")[n % 2]
        records.append(dataclasses.replace(article.search_record, year=year, issue=f"{year}年第1期"))
    name = unused_name(records)
    longer = f"{name}杰"
    records[0] = dataclasses.replace(records[0], authors=(name,), text=records[0].text * 3)  # long: a low score
    records[1] = dataclasses.replace(records[1], authors=(longer,), kicker=longer, text=f"{longer}。\n" * 5)
    records[2] = dataclasses.replace(records[2], title=f"{longer}：{records[2].title}", subtitle=longer,
                                     text=f"{longer}。\n" * 5)
    root = work / "site"
    shutil.copytree(site / "search", root / "search")
    shutil.copytree(site / "theme", root / "theme")
    bundles = build_search_index(records, root, work / "cache", log=lambda m: None)
    assert [b.name for b in bundles] == ["2017-2019"]
    return root, records, name


def test_the_year_filter_lists_the_years_held_not_those_between(gapped):
    root, _records, _name = gapped
    with serve(root) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}/search/?q=工作")
        page.wait_for_function("() => document.querySelector('[data-search]').dataset.state == 'done'", timeout=60_000)
        page.click(".search-filters summary")
        page.wait_for_function("() => document.querySelector('select[name=year]').options.length > 1")
        years = page.eval_on_selector_all("select[name=year] option", "os => os.map(o => o.value)")
        assert years == ["", "2019", "2017"]  # not 2018


def test_an_authors_own_article_ranks_above_a_longer_name_holding_theirs(gapped):
    root, records, name = gapped
    with serve(root) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}/search/?q={name}")
        page.wait_for_function("() => document.querySelector('[data-search]').dataset.state == 'done'", timeout=60_000)
        shown = page.eval_on_selector_all(".search-result-title a", "links => links.map(a => a.pathname)")
        assert shown[0] == "/" + records[0].url
        assert set(shown) == expected(records, name) == {"/" + r.url for r in records[:3]}
