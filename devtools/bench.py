"""Benchmarks (run by `invoke bench`, never by the tests): the site build against plain Pelican on a
generated archive (devtools/site_bench.py, the default), and, with --importer, the importer on the
bundled issue, the bundled site's build and its article page weight."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

SAMPLE = Path("content/issues/2017/9-10/qhgy-2017-09-10.txt")


def _time(fn, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def _print(label: str, times: list[float]) -> None:
    print(f"{label:<48} median {statistics.median(times):.3f} s  (min {min(times):.3f}, max {max(times):.3f}, "
          f"{len(times)} runs)")


def page_weight(site: Path) -> None:
    """Bytes of an article page with its stylesheet, before images: raw and gzip-compressed."""
    import gzip

    css = site / "theme/css/site.css"
    css_raw, css_gz = css.stat().st_size, len(gzip.compress(css.read_bytes(), 9))
    weights = []
    for page in sorted(site.glob("20*/*/*/index.html")):
        data = page.read_bytes()
        weights.append((len(data) + css_raw, len(gzip.compress(data, 9)) + css_gz, page.relative_to(site)))
    raw = [w[0] for w in weights]
    gz = [w[1] for w in weights]
    heaviest = max(weights)
    print(f"article page + CSS, {len(weights)} pages: median {statistics.median(raw) / 1024:.1f} KB raw "
          f"({statistics.median(gz) / 1024:.1f} KB gzip); heaviest {heaviest[0] / 1024:.1f} KB raw "
          f"({heaviest[1] / 1024:.1f} KB gzip): {heaviest[2]}")


def site(rounds: int = 3) -> None:
    """Time a full build of the bundled site (cold image cache, then warm) and weigh its pages."""
    import subprocess
    import sys

    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "output"
        env_cache = {"QHGY_IMAGE_CACHE": str(Path(tmp) / "cache")}
        times = []
        for n in range(rounds):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(output),
                            "--fatal", "errors", "-q"], check=True, env={**__import__("os").environ, **env_cache})
            times.append(time.perf_counter() - started)
        print(f"{'site build, first (cold image cache)':<48} {times[0]:.2f} s")
        _print("site build, unchanged (warm cache)", times[1:] or times)
        page_weight(output)


def run(issues: int | None = None, keep: str | None = None, browser: bool = True, importer: bool = False,
        rounds: int = 5) -> None:
    """`invoke bench`: the site benchmark at 60 and 240 issues (or `issues` only); with importer, the
    importer's benchmarks instead."""
    if importer:
        return importer_bench(rounds)
    from devtools.site_bench import SIZES
    from devtools.site_bench import run as site_bench

    site_bench(sizes=(issues,) if issues else SIZES, keep=keep, browser=browser)


def importer_bench(rounds: int = 5) -> None:
    """The importer on the sample issue (text, then a typst-rendered PDF), then the bundled site's build."""
    from qhgy.importer.pipeline import import_issue

    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        _print("import sample .txt into an empty folder", _time(
            lambda: import_issue(SAMPLE, Path(tempfile.mkdtemp(dir=tmp)) / "content"), rounds))
        import_issue(SAMPLE, content)
        _print("re-import sample .txt (nothing changes)", _time(lambda: import_issue(SAMPLE, content), rounds))
        pdf = _sample_pdf(Path(tmp))
        if pdf is not None:
            _print("import sample .pdf (typst-rendered, 2 columns)", _time(
                lambda: import_issue(pdf, Path(tempfile.mkdtemp(dir=tmp)) / "content"), rounds))
    site()


def _sample_pdf(tmp: Path) -> Path | None:
    try:
        import sys

        sys.path.insert(0, str(Path("tests").resolve()))
        from pdf_fixtures import make_issue_pdf
    except ImportError:
        print("(no PDF measurement: install the test extra for typst)")
        return None
    return make_issue_pdf(SAMPLE.read_text(encoding="utf-8"), tmp / "sample.pdf")
