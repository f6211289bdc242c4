"""The search benchmark (`invoke bench-search`, never run by the tests): index a generated
archive and measure the indexer and what a browser downloads for a query.

Reported: indexing time, the indexer's peak memory (the largest Pagefind run: runs are
sequential), the index's size and file count, and the bytes the search page downloads for a
first query and for a second, different one, counted by Chromium (DevTools network events)
against a local static server that gzips text files as common static hosts do (Pagefind's own
files are gzip-compressed already and are sent as they are).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import math
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from devtools.archive_gen import generate_archive, pair_statistics
from qhgy.check import load_journal
from qhgy.content import ISSUES_DIR
from qhgy.search.bundles import DEFAULT_MAX_ARTICLES
from qhgy.search.index import DEFAULT_CHUNK_SIZE, build_search_index

# (first query, second query): a common word, a phrase, a single character, a name, no hits
QUERY_PAIRS = [("农民工", "集体协商"), ("工会", "困难职工"), ("会", "改革"), ("汪军", "西宁"), ("量子纠缠", "职工")]
TEXT_TYPES = (".html", ".js", ".css", ".json", ".svg", ".txt", ".xml")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text types gzip-compressed when the browser accepts it (as nginx's gzip on).
    Counts the body bytes it sends, per URL (the server's view: cache hits cost nothing)."""

    sent: list[tuple[str, int]]

    def log_message(self, *args):
        pass

    def copyfile(self, source, outputfile):
        data = source.read()
        self.sent.append((self.path, len(data)))
        outputfile.write(data)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix in TEXT_TYPES and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")
                and "If-Modified-Since" not in self.headers):
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
            self.end_headers()
            self.wfile.write(body)
            self.sent.append((self.path, len(body)))
            return None
        return super().send_head()


def _serve(root: Path, sent: list):
    handler = type("Handler", (_GzipHandler,), {"sent": sent})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _site_shell(dest: Path) -> None:
    """The real search page, stylesheet and script: a build of the bundled site, minus its index."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(out),
                        "--fatal", "errors"], check=True, capture_output=True)
        shutil.copytree(out / "search", dest / "search")
        shutil.copytree(out / "theme", dest / "theme")


def query_bytes(site: Path, pairs=QUERY_PAIRS) -> list[dict]:
    from devtools.browser import chromium

    received: list[tuple[str, int]] = []
    server, base = _serve(site, received)
    results = []
    try:
        with chromium() as browser:
            for first, second in pairs:
                context = browser.new_context()  # a fresh cache for each pair
                page = context.new_page()
                row = {"first": first, "second": second}
                for label, query in (("first", first), ("second", second)):
                    received.clear()
                    page.goto(f"{base}/search/?q={query}")
                    page.wait_for_function("() => document.querySelector('[data-search]').dataset.state == 'done'",
                                           timeout=120_000)
                    page.wait_for_timeout(300)
                    row[f"{label}_bytes"] = sum(n for _, n in received)
                    row[f"{label}_index_bytes"] = sum(n for url, n in received if url.startswith("/pagefind/"))
                    row[f"{label}_requests"] = len(received)  # answered with a body (not 304)
                    row[f"{label}_results"] = page.locator(".search-result").count()
                    row[f"{label}_status"] = page.inner_text(".search-status")
                results.append(row)
                context.close()
    finally:
        server.shutdown()
    return results


def _tree(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def run(articles: int = 3000, bundle_articles: int = DEFAULT_MAX_ARTICLES, keep: str | None = None, chunk_size: int | None = None) -> dict:
    chunk_size = chunk_size or DEFAULT_CHUNK_SIZE
    work = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="qhgy-bench-search-"))
    content, site, cache = work / "content", work / "site", work / "cache"
    for folder in (site, cache):
        shutil.rmtree(folder, ignore_errors=True)
    real = [a.body for a in load_journal(Path("content")).articles]
    if not (content / ISSUES_DIR).exists():
        started = time.perf_counter()
        written = generate_archive(content, issues=math.ceil(articles / 50), domain_texts=real)
        print(f"generated {written} articles in {time.perf_counter() - started:.1f} s into {content}")
    started = time.perf_counter()
    journal = load_journal(content)
    journal.render_bodies()  # the site's Markdown settings, without a Pelican build
    records = [a.search_record for a in journal.articles if a.published]
    prepare = time.perf_counter() - started
    sample = [r.text for r in records[: len(real)]]
    print(f"character pairs, generated (first {len(sample)} articles): {pair_statistics(sample)}")
    print(f"character pairs, the real issue ({len(real)} articles):     {pair_statistics(real)}")
    site.mkdir(parents=True)
    _site_shell(site)
    started = time.perf_counter()
    bundles = build_search_index(records, site, cache, max_articles=bundle_articles, chunk_size=chunk_size,
                                 log=lambda m: None)
    indexing = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # MiB, the largest Pagefind run
    size, files = _tree(site / "pagefind")
    print(f"{len(records)} articles, {len(bundles)} bundles of ≤{bundle_articles}, chunks of {chunk_size}: "
          f"records {prepare:.1f} s, "
          f"indexing {indexing:.1f} s, peak {peak:.0f} MiB (largest Pagefind run), "
          f"index {size / 2**20:.1f} MiB in {files} files")
    # one more article in the newest year: only the newest bundle is indexed again
    started = time.perf_counter()
    again = build_search_index(records[:-1], site, cache, max_articles=bundle_articles, chunk_size=chunk_size,
                               log=lambda m: None)
    print(f"rebuild after a change in the newest year: {time.perf_counter() - started:.1f} s, "
          f"{sum(not b.cached for b in again)} of {len(again)} bundles indexed again")
    build_search_index(records, site, cache, max_articles=bundle_articles, chunk_size=chunk_size, log=lambda m: None)
    rows = query_bytes(site)
    for row in rows:
        print(f"  {row['first']!r:>8} then {row['second']!r:>8}: first {row['first_bytes'] / 1024:6.0f} KB "
              f"({row['first_index_bytes'] / 1024:.0f} KB search files, {row['first_requests']} requests, "
              f"{row['first_results']} shown), second {row['second_bytes'] / 1024:6.0f} KB "
              f"({row['second_index_bytes'] / 1024:.0f} KB search files, {row['second_requests']} requests)")
    return {"articles": len(records), "indexing_s": indexing, "peak_mib": peak, "index_bytes": size,
            "index_files": files, "queries": rows}
