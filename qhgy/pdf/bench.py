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

from qhgy.citation import CitationData, gbt7714
from qhgy.content import load_content, markdown_renderer
from qhgy.pdf.blocks import blocks
from qhgy.pdf.documents import ArticleInput, PageSettings, article_document, as_date, issue_document
from qhgy.pdf.render import Renderer


def inputs_from_content(content_dir: Path) -> list[tuple[dict, list[ArticleInput]]]:
    """(issue meta, its articles in print order) straight from a content folder, rendered with
    the site's Markdown settings (no Pelican build)."""
    content = load_content(Path(content_dir))
    md = markdown_renderer()
    out = []
    for issue in content.issues:
        meta = issue.meta
        date = as_date(meta["date"])
        articles = []
        for article in sorted((a for a in content.articles if a.meta["issue"] == issue.ref),
                              key=lambda a: a.meta["order"]):
            m = article.meta
            authors = list(m.get("authors") or [])
            citation = gbt7714(CitationData(id=m["slug"], title=m["title"], authors=tuple(authors),
                                            year=str(meta["year"]), number=str(meta["number"]),
                                            first_page=int(m["first_page"]), last_page=int(m["last_page"]), date=date))
            articles.append(ArticleInput(
                slug=m["slug"], title=m["title"], section=m["category"], blocks=blocks(md.reset().convert(article.body)),
                order=m["order"], first_page=m["first_page"], last_page=m["last_page"], citation=citation,
                subcolumn=m.get("subcolumn", ""), kicker=m.get("kicker", ""), subtitle=m.get("subtitle", ""),
                authors=authors, roles=m.get("author_roles") or {},
                article_date=as_date(m.get("article_date")),
                source_unit=m.get("source_unit", ""), reprinted_from=m.get("reprinted_from", ""),
                credits=m.get("credits", ""), author_note=m.get("author_note", "")))
        out.append((meta, articles))
    return out


def render_all(content_dir: str, cache: str, out: str) -> dict:
    """Render every PDF of the content (in this process); timings and what was rendered."""
    Path(out).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    renderer = Renderer(cache=Path(cache), root=Path(out))
    setup = time.perf_counter() - started
    times, issue_times = [], []
    settings = PageSettings()
    for meta, articles in inputs_from_content(Path(content_dir)):
        for a in articles:
            t = time.perf_counter()
            renderer.render(article_document(a, meta, settings), Path(out) / f"{a.slug}.pdf", a.slug)
            times.append(time.perf_counter() - t)
        t = time.perf_counter()
        renderer.render(issue_document(meta, articles, settings), Path(out) / "issue.pdf", "issue")
        issue_times.append(time.perf_counter() - t)
    return {"total": time.perf_counter() - started, "setup": setup, "articles": times, "issues": issue_times,
            "rendered": len(renderer.rendered), "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _child(content_dir: Path, cache: Path, out: Path) -> dict:
    code = ("import json, sys; from qhgy.pdf.bench import render_all; "
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
