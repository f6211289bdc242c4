"""Incremental builds (plugin qhgy_writer, qhgy.incremental): after each edit an editor makes — an
issue added, an article corrected, renamed, deleted, a template changed — a build into the same
folder gives, file for file and byte for byte, what a cold build of the same content gives; a
build with nothing changed renders no page and rewrites no file."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

def re_sub(pattern: str, replacement: str, text: str) -> str:
    return re.sub(pattern, replacement, text, count=1, flags=re.M)


CACHES = ("QHGY_PDF_CACHE", "QHGY_IMAGE_CACHE", "QHGY_SEARCH_CACHE", "QHGY_HTML_CACHE")


# Every language's Pelican run, as `qhgy build` makes them (qhgy.site.run_sites), with a theme of the test's.
# Each run's writer says how many pages it rendered (its INFO line, printed).
RUN_SITES = ("import logging, sys; from qhgy.site import run_sites; log = logging.getLogger('qhgy_writer'); "
             "log.setLevel(logging.INFO); log.propagate = False; log.addHandler(logging.StreamHandler(sys.stdout)); "
             "run_sites('pelicanconf.py', {'PATH': sys.argv[1], 'OUTPUT_PATH': sys.argv[2], 'THEME': sys.argv[3]})")


def build(content: Path, output: Path, cache: Path, theme: Path) -> list[int]:
    """A real build in a subprocess (Pelican, once per language), with its own caches (the ids
    assigned first, as `invoke build` does); how many pages each language's run rendered."""
    from qhgy.check import check_content

    check_content(content, assign_ids=True).journal_or_raise()
    env = {**os.environ, **{name: str(cache / name.lower()) for name in CACHES}}
    result = subprocess.run([sys.executable, "-c", RUN_SITES, str(content), str(output), str(theme)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return [int(n) for n in re.findall(r"qhgy_writer: (\d+) pages rendered", result.stdout)]


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def stamps(root: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(set(a) ^ set(b)) + sorted(path for path in set(a) & set(b) if a[path] != b[path])


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Three small synthetic issues (devtools.archive_gen): 2026/11-12, 9-10 and 7-8."""
    from devtools.archive_gen import generate_archive

    folder = tmp_path_factory.mktemp("archive")
    generate_archive(folder, 3, articles_per_issue=10, seed=3)
    return folder


def test_each_edit_builds_what_a_cold_build_does(archive, tmp_path):
    content, site, cache, theme = tmp_path / "content", tmp_path / "site", tmp_path / "cache", tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    shutil.copytree(archive, content, ignore=lambda folder, names: [n for n in names if n == "11-12"])
    build(content, site, cache, theme)
    cold_builds = iter(range(100))

    def same_as_cold(step: str) -> None:
        build(content, site, cache, theme)
        n = next(cold_builds)
        cold = tmp_path / f"cold-{n}"
        build(content, cold, tmp_path / f"cold-cache-{n}", theme)
        assert differences(files(site), files(cold)) == [], step

    before = stamps(site)
    assert build(content, site, cache, theme) == [0, 0], "nothing changed: no page rendered, in either language"
    rewritten = {p for p, s in stamps(site).items() if before.get(p) != s}
    # the search index's own folder is its step's (tests/test_search_index.py)
    assert {p for p in rewritten if not p.startswith(("pagefind/", "en/pagefind/"))} == set(), \
        "nothing changed: no file rewritten"
    assert (site / "en/2026/9-10/01/index.html").is_file()  # the English site is built too

    for kind in ("issues", "articles"):  # the newest issue arrives
        shutil.copytree(archive / kind / "2026" / "11-12", content / kind / "2026" / "11-12")
    same_as_cold("an issue added")

    article = content / "articles/2026/9-10/03.md"  # a title and a sentence corrected
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("title: ", "title: 更正", 1) + "\n补充一句。\n", encoding="utf-8")
    same_as_cold("an article corrected")

    original = (content / "articles/2026/9-10/02.md").read_text(encoding="utf-8")  # a translation arrives
    head, _ = original.split("\n---\n", 1)
    translation = content / "articles/2026/9-10/02.en.md"
    translation.write_text(re_sub(r"^title: .*$", "title: A Translated Title", head.replace("lang: zh-CN", "lang: en"))
                           + "\n---\n\nThe translated text.\n", encoding="utf-8")
    same_as_cold("a translation added")
    assert "A Translated Title" in (site / "en/2026/9-10/index.html").read_text(encoding="utf-8")
    assert (site / "en/2026/9-10/02/qhgy-2026-9-10-02.pdf").is_file()

    section = next(line.split(": ")[1] for line in original.splitlines() if line.startswith("category: "))
    names = content / "names" / "en.yaml"  # the section gets its English name
    names.parent.mkdir(exist_ok=True)
    names.write_text(f"sections:\n  {section}: Renamed in English\n", encoding="utf-8")
    same_as_cold("a section named in English")
    assert "Renamed in English" in (site / "en/2026/9-10/02/index.html").read_text(encoding="utf-8")
    translation.unlink()  # the translation withdrawn: its page becomes the English page of the original
    same_as_cold("a translation withdrawn")
    assert not (site / "en/2026/9-10/02/qhgy-2026-9-10-02.pdf").exists()

    article.rename(article.with_name("03-corrected.md"))  # the file renamed: its page stays
    last = sorted((content / "articles/2026/7-8").glob("*.md"))[-1]
    url = f"2026/7-8/{last.stem}/index.html"
    assert (site / url).is_file()
    last.unlink()  # the issue's last article deleted: its page, PDF and citation files go
    same_as_cold("an article renamed and another deleted")
    assert not (site / url).exists()
    assert not any((site / "2026/7-8" / last.stem).glob("*"))

    page = theme / "templates" / "article.html"  # a template changed
    page.write_text(page.read_text(encoding="utf-8").replace('<article class="article">',
                                                              '<article class="article changed">'), encoding="utf-8")
    same_as_cold("a template changed")
    assert 'class="article changed"' in (site / "2026/9-10/01/index.html").read_text(encoding="utf-8")


def test_a_folder_built_before_without_a_manifest_is_emptied(tmp_path, archive):
    """Output the build did not make (an old build's, or a folder a manifest does not describe) does not survive."""
    content, site = tmp_path / "content", tmp_path / "site"
    shutil.copytree(archive, content)
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    (site / "2020" / "1-2").mkdir(parents=True)
    (site / "2020" / "1-2" / "index.html").write_text("old", encoding="utf-8")
    build(content, site, tmp_path / "cache", ROOT / "theme")
    assert not (site / "2020").exists()
    assert (site / "index.html").read_text(encoding="utf-8") != "old"
