"""The site benchmark's harness (devtools.site_bench): it runs end to end on a tiny archive, writes
every key as a number, and counts rewritten files right. Timings are never asserted."""

from __future__ import annotations

import json
import os
import numbers

import pytest

from devtools.site_bench import PartClock, rewrites, run, snapshot, table

KEYS = ["articles", "cold_s", "cold_html_s", "cold_search_s", "cold_pdf_s", "baseline_cold_s", "add_issue_s",
        "baseline_add_issue_s", "fix_article_s", "nochange_s", "nochange_files_written", "peak_rss_mb",
        "search_peak_rss_mb", "search_first_query_kb"]


def _write(path, text="x"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_rewrites_counts_new_replaced_and_touched_files_and_not_hard_links_to_themselves(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    for name in ("same.html", "touched.html", "replaced.html", "deleted.html", "a/deep.html"):
        _write(site / name)
    _write(cache / "cover.webp")
    os.link(cache / "cover.webp", site / "cover.webp")
    before = snapshot(site)
    assert set(before) == {"same.html", "touched.html", "replaced.html", "deleted.html", "a/deep.html", "cover.webp"}

    stat = (site / "touched.html").stat()
    os.utime(site / "touched.html", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    replaced = (site / "replaced.html").stat()
    _write(site / "replaced.new")
    os.utime(site / "replaced.new", ns=(replaced.st_atime_ns, replaced.st_mtime_ns))  # same time, new inode
    os.replace(site / "replaced.new", site / "replaced.html")
    (site / "deleted.html").unlink()
    _write(site / "new.html")
    (site / "cover.webp").unlink()
    os.link(cache / "cover.webp", site / "cover.webp")  # put back from the cache: nothing written

    changes = rewrites(before, snapshot(site))
    assert (changes.written, changes.deleted, changes.total, changes.unchanged) == (3, 1, 6, 3)


def test_rewrites_of_an_untouched_folder_is_nothing(tmp_path):
    _write(tmp_path / "index.html")
    assert rewrites(snapshot(tmp_path), snapshot(tmp_path)).written == 0


def test_part_clock_counts_a_hook_inside_another_once_and_times_a_generators_two_phases():
    clock = PartClock()

    class Generator:
        def generate_context(self):
            return inner()

        def generate_output(self, writer):
            return writer

    inner = clock.wrap("qhgy_inner", lambda: "done")
    get_generators = clock.wrap("qhgy_outer", lambda pelican: Generator)
    assert get_generators(None) is Generator
    assert get_generators(None) is Generator  # the class is wrapped once, however often it is returned
    generator = Generator()
    assert generator.generate_context() == "done"
    assert generator.generate_output("writer") == "writer"
    assert {part: times["calls"] for part, times in clock.parts.items()} == {"qhgy_outer": 4, "qhgy_inner": 1}
    assert all(times["s"] >= 0 for times in clock.parts.values())


@pytest.fixture(scope="module")
def tiny_results(tmp_path_factory):
    work = tmp_path_factory.mktemp("bench")
    results = work / "results.json"
    run(sizes=(2,), keep=str(work / "work"), browser=True, results=results, articles_per_issue=10,
        query_pairs=[("工会", "职工")])
    return work, json.loads(results.read_text(encoding="utf-8"))


def test_bench_writes_one_object_per_size_with_every_key_a_number(tiny_results):
    _, results = tiny_results
    assert len(results) == 1
    result = results[0]
    missing = [key for key in KEYS if not isinstance(result.get(key), numbers.Number)]
    assert missing == []
    assert result["issues"] == 2 and result["articles"] >= 20


def test_plain_pelican_builds_the_same_articles(tiny_results):
    _, (result,) = tiny_results
    assert result["baseline_articles"] == result["articles"]


def test_every_step_is_counted_against_the_output_it_found(tiny_results):
    _, (result,) = tiny_results
    assert result["cold_files_written"] == result["cold_files"] > 0
    for step in ("nochange", "fix_article", "add_issue", "remove_issue", "add_earlier_issue"):
        assert 0 <= result[f"{step}_files_written"] <= result[f"{step}_files"]
    assert result["add_issue_files"] > result["nochange_files"]  # the issue added has pages
    assert result["remove_issue_files"] < result["add_issue_files"]


def test_every_cache_is_in_the_work_folder(tiny_results):
    work, _ = tiny_results
    size = work / "work" / "2-issues"
    assert {p.name for p in (size / ".cache").iterdir()} >= {"images", "pdf", "search"}
    assert (size / "pelican-cache" / "cached").is_dir()  # plain Pelican's content cache, when on


def test_the_table_has_a_row_per_measurement_and_the_ratio_to_plain_pelican(tiny_results):
    _, results = tiny_results
    text = table(results)
    for label in ("cold build", "HTML + images", "search", "PDFs", "no change", "one article corrected",
                  "one issue added (newest)", "one issue added (earlier year)"):
        assert label in text
    assert "×" in text and "first search" in text


def test_pagefind_default_indexes_the_article_pages_of_the_cold_build(tiny_results):
    work, (result,) = tiny_results
    default = result["steps"]["baseline_pagefind"]
    assert default["files"] > 0 and result["baseline_pagefind_s"] > 0
    entry = json.loads((work / "work" / "2-issues" / "pagefind-default" / "pagefind-entry.json").read_text())
    # the article pages, not the lists: one page per article
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == result["articles"]


def test_profile_writes_where_a_build_spends_its_time(tiny_results, tmp_path):
    from devtools.profile import run as profile

    work, _ = tiny_results
    code = profile(str(work / "work" / "2-issues" / "content"), str(tmp_path / "output"), dest=tmp_path / "bench")
    assert code == 0 and (tmp_path / "output" / "index.html").exists()
    text = (tmp_path / "bench" / "profile.txt").read_text(encoding="utf-8")
    # the build's own frames (pyinstrument leaves out those under 1% of the time: a 2-issue check is)
    assert "run_sites" in text and "run_pelican" in text and "Pelican.run" in text
    assert (tmp_path / "bench" / "profile.html").stat().st_size > 10_000
