"""Benchmarks (run by `invoke bench`, never by the tests): the importer on the bundled issue."""

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


def run(rounds: int = 5) -> None:
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


def _sample_pdf(tmp: Path) -> Path | None:
    try:
        import sys

        sys.path.insert(0, str(Path("tests").resolve()))
        from pdf_fixtures import make_issue_pdf
    except ImportError:
        print("(no PDF measurement: install the test extra for typst)")
        return None
    return make_issue_pdf(SAMPLE.read_text(encoding="utf-8"), tmp / "sample.pdf")
