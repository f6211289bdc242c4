"""Reproducible output: the bundled content built twice from cold, into other folders, at other
times, in other time zones and locales, gives the same bytes in every file (pages, feeds, PDFs,
photos, the Pagefind index); a build that reuses the caches gives them too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import CONTENT, ROOT

CACHES = ("QHGY_PDF_CACHE", "QHGY_IMAGE_CACHE", "QHGY_SEARCH_CACHE")


def build(output: Path, cache: Path, **env) -> None:
    """A real build with the production settings in a subprocess, with caches of its own."""
    environment = {**os.environ, **{name: str(cache / name.lower()) for name in CACHES}, **env}
    result = subprocess.run([sys.executable, "-m", "pelican", str(CONTENT), "-s", "publishconf.py", "-o", str(output),
                             "--fatal", "errors"], cwd=ROOT, env=environment, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(set(a) ^ set(b)) + sorted(path for path in set(a) & set(b) if a[path] != b[path])


def test_two_builds_of_the_same_content_give_the_same_bytes(tmp_path):
    build(tmp_path / "one" / "output", tmp_path / "cache-one", TZ="UTC", LC_ALL="C.UTF-8")
    build(tmp_path / "two" / "site", tmp_path / "cache-two", TZ="America/Los_Angeles", LC_ALL="en_US.UTF-8",
          LANG="en_US.UTF-8")
    one, two = files(tmp_path / "one" / "output"), files(tmp_path / "two" / "site")
    kinds = {path.rsplit(".", 1)[-1] for path in one}
    assert {"html", "pdf", "xml", "pf_meta", "pf_filter", "pf_index", "pf_fragment"} <= kinds  # everything built
    assert (tmp_path / "cache-one").exists() and (tmp_path / "cache-two").exists()  # each build was cold
    assert differences(one, two) == []

    build(tmp_path / "three", tmp_path / "cache-one")  # warm: PDFs, photos and index from the cache
    assert differences(one, files(tmp_path / "three")) == []


def test_the_pagefind_index_is_written_in_one_order(tmp_path):
    """Pagefind orders filter values at random per run: the same pages indexed twice from cold,
    compared file by file, are equal: qhgy.search.canonical sorts what Pagefind leaves unordered."""
    from qhgy.check import check_content
    from qhgy.search.canonical import read_pagefind_file
    from qhgy.search.index import build_search_index

    journal = check_content(CONTENT).journal_or_raise()
    journal.render_bodies()
    records = [a.search_record for a in journal.articles if a.published]
    sites = []
    for name in ("a", "b"):
        site = tmp_path / name
        build_search_index(records, site, tmp_path / f"cache-{name}", log=lambda message: None)
        sites.append(files(site))
    assert differences(*sites) == []
    meta = next(p for p in (tmp_path / "a" / "pagefind" / "2017").glob("*.pf_meta"))
    filters = read_pagefind_file(meta)[3]
    assert [name for name, _ in filters] == sorted(name for name, _ in filters)
    for _, hash_ in filters:
        values = read_pagefind_file(tmp_path / "a" / "pagefind" / "2017" / "filter" / f"{hash_}.pf_filter")[1]
        assert [v for v, _ in values] == sorted(v for v, _ in values)
