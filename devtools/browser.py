"""Debian's chromium through Playwright, and a static server for a built site: used by the
browser tests and the screenshot task. Never downloads a browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

from qhgy.errors import QhgyError

CHROMIUM = "/usr/bin/chromium"
# Without these, chromium tries the network at start-up, which a closed machine refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    headers_to_send: tuple[tuple[str, str], ...] = ()

    def end_headers(self):
        for name, value in self.headers_to_send:
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(root: Path, port: int = 0, headers=()):
    """Serve root on 127.0.0.1 in a thread, sending `headers` (name, value) with every answer (the
    web server's, e.g. its Content Security Policy); yield the base URL (ends without '/')."""
    handler_class = type("_Handler", (_QuietHandler,), {"headers_to_send": tuple(headers)})
    handler = functools.partial(handler_class, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise QhgyError(CHROMIUM, "is missing", "run `bash scripts/setup.sh --test` (installs Debian's chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


# Every kind of page, in both languages where the English one differs in shape.
SCREENSHOT_PAGES = {
    "home": "/", "archive": "/archive/", "issue": "/2017/9-10/", "article": "/2017/9-10/07/",
    "article-outline": "/2017/9-10/10/", "news-captions": "/2017/9-10/01/", "sections": "/sections/",
    "section": "/sections/xin-xi-duan-bo/", "authors": "/authors/", "author": "/authors/li-zhong/",
    "tags": "/tags/", "about": "/about/", "search": "/search/?q=工会", "submit": "/submit/",
    "call": "/call-for-submissions-2017-9-10/", "404": "/404.html",
    "en-home": "/en/", "en-translation": "/en/2017/9-10/07/", "en-untranslated": "/en/2017/9-10/01/",
    "en-author": "/en/authors/li-zhong/", "en-submit": "/en/submit/",
}
# A small phone, a common phone, a desktop.
WIDTHS = (320, 390, 1280)


def screenshots(site: Path, dest: Path, pages: dict[str, str] = SCREENSHOT_PAGES, browser=None) -> list[Path]:
    """Full-page PNGs of the given pages at phone and desktop widths (in a browser given, or a new one)."""
    if browser is None:
        with chromium() as own:
            return screenshots(site, dest, pages, own)
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site) as base:
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in pages.items():
                page.goto(base + path)
                out = dest / f"{name}-{width}.png"
                page.screenshot(path=str(out), full_page=True)
                written.append(out)
            page.close()
    return written
