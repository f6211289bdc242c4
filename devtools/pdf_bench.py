"""The PDF benchmark (`invoke bench-pdf`, never run by the tests): the bundled issue's PDFs
rendered from cold, per article and for the issue, their sizes, a rebuild with nothing
changed, and peak memory (each measurement in a fresh process)."""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from qhgy.check import load_journal
from qhgy.pdf.blocks import blocks
from qhgy.pdf.documents import PageSettings, article_document, issue_document
from qhgy.pdf.render import Renderer


def render_all(content_dir: str, cache: str, out: str) -> dict:
    """Render every PDF of the content (in this process); timings and what was rendered."""
    Path(out).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    renderer = Renderer(cache=Path(cache), root=Path(out))
    setup = time.perf_counter() - started
    times, issue_times = [], []
    settings = PageSettings()
    journal = load_journal(Path(content_dir))
    journal.render_bodies()  # the site's Markdown settings, without a Pelican build
    for issue in journal.issues:
        bodies = {a: blocks(a.html) for a in issue.articles}
        for a in issue.articles:
            t = time.perf_counter()
            renderer.render(article_document(a, bodies[a], settings), Path(out) / f"{a.slug}.pdf", a.slug)
            times.append(time.perf_counter() - t)
        t = time.perf_counter()
        renderer.render(issue_document(issue, bodies, settings), Path(out) / "issue.pdf", "issue")
        issue_times.append(time.perf_counter() - t)
    return {"total": time.perf_counter() - started, "setup": setup, "articles": times, "issues": issue_times,
            "rendered": len(renderer.rendered), "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _child(content_dir: Path, cache: Path, out: Path) -> dict:
    code = ("import json, sys; from devtools.pdf_bench import render_all; "
            "print(json.dumps(render_all(*sys.argv[1:4])))")
    done = subprocess.run([sys.executable, "-c", code, str(content_dir), str(cache), str(out)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(content_dir: str = "content") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cache, out = Path(tmp) / "cache", Path(tmp) / "out"
        started = time.perf_counter()
        cold = _child(Path(content_dir), cache, out)
        wall = time.perf_counter() - started
        a = cold["articles"]
        print(f"cold, all PDFs of the bundled content: {cold['total']:.2f} s in-process ({wall:.2f} s with Python's "
              f"start), {cold['rendered']} rendered, peak {cold['peak_mib']:.0f} MiB")
        print(f"  per article PDF: median {statistics.median(a):.3f} s (min {min(a):.3f}, max {max(a):.3f}); "
              f"issue PDF: {', '.join(f'{t:.2f} s' for t in cold['issues'])}; font loading {cold['setup']:.2f} s")
        sizes = [p.stat().st_size for p in out.glob("qhgy-*.pdf")]
        issue = (out / "issue.pdf").stat().st_size
        print(f"  sizes: article PDFs median {statistics.median(sizes) / 1024:.0f} KB, largest {max(sizes) / 1024:.0f} KB,"
              f" all {sum(sizes) / 2**20:.1f} MiB; issue PDF {issue / 2**20:.2f} MiB "
              f"({len(__import__('pypdf').PdfReader(out / 'issue.pdf').pages)} pages)")
        warm = _child(Path(content_dir), cache, out)
        print(f"no-change rebuild: {warm['total']:.2f} s, {warm['rendered']} rendered, peak {warm['peak_mib']:.0f} MiB")
