"""Preview a built site on this computer: the output folder served as the web server will serve it.

Python's http.server with what a preview of this site needs: a missing URL answers 404 with the
site's own 404.html (never an empty page), a folder answers its index.html and never a listing,
the files Pelican, Pagefind and the PDF step write go out with their types, and a busy port is
one line naming --port rather than a traceback."""

from __future__ import annotations

import errno
import functools
import http.server
import socket
import socketserver
from http import HTTPStatus
from pathlib import Path

from qhgy.errors import QhgyError
from qhgy.i18n import _

NOT_FOUND_PAGE = "404.html"  # written by the build (the theme's 404.html, a direct template)

# By extension; what the table does not name, http.server and mimetypes guess.
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",  # sitemap.xml, the Atom feeds
    ".txt": "text/plain; charset=utf-8",  # robots.txt
    ".bib": "application/x-bibtex; charset=utf-8",
    ".ris": "application/x-research-info-systems; charset=utf-8",
    ".enw": "application/x-endnote-refer; charset=utf-8",  # EndNote tagged import
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".wasm": "application/wasm",
    # Pagefind's index, fragments, filters and its compressed WebAssembly: read by pagefind.js as bytes
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}


class ServeError(QhgyError):
    """The preview server cannot start: what stands in the way and what to do."""


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Answers from one output folder (the `directory` given to it)."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def list_directory(self, path):
        """A folder without index.html is not a page of the site: 404, as on the web server."""
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / NOT_FOUND_PAGE
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_request(self, code="-", size="-"):
        """Only what went wrong: a missing page or a server error, not every file of every page."""
        if isinstance(code, int) and code >= 400:
            super().log_request(code, size)


class SiteServer(http.server.ThreadingHTTPServer):
    """The preview server: binds its port at once (a busy port is a ServeError before any build),
    serves `root` with SiteHandler, one thread per request."""

    daemon_threads = True

    def __init__(self, root: Path | str, port: int = 8000, bind: str = "127.0.0.1",
                 command: str = "invoke serve"):
        self.root = Path(root).absolute()  # not resolved: a published link is followed on every request
        handler = functools.partial(SiteHandler, directory=str(self.root))
        self.address_family = socket.AF_INET6 if ":" in bind else socket.AF_INET
        try:
            super().__init__((bind, port), handler)
        except OSError as err:
            raise port_error(err, port, bind, command) from None

    def server_bind(self):
        # HTTPServer.server_bind asks DNS for the host's full name; a preview needs none of it.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"


def port_error(err: OSError, port: int, bind: str, command: str) -> ServeError:
    """One line for an editor: what is wrong with the port and which --port to try."""
    if err.errno == errno.EADDRINUSE:
        return ServeError(None, _("port {port} is in use").format(port=port),
                          _("choose another with --port, e.g. {command} --port {free}").format(
                              command=command, free=free_port_near(port, bind)))
    if err.errno == errno.EACCES:
        return ServeError(None, _("port {port} may only be used by the administrator").format(port=port),
                          _("choose one above 1023 with --port, e.g. {command} --port 8000").format(command=command))
    return ServeError(None, _("cannot listen on {bind} port {port}: {reason}").format(
                          bind=bind, port=port, reason=err.strerror or err),
                      _("check --bind, or choose another port with --port"))


def free_port_near(port: int, bind: str = "127.0.0.1", tries: int = 20) -> int:
    """The first port after `port` that can be bound now (a suggestion: it may be taken by the time
    it is used), else port + 1."""
    for candidate in range(port + 1, min(port + 1 + tries, 65536)):
        with socket.socket(socket.AF_INET6 if ":" in bind else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as HTTPServer binds
            try:
                probe.bind((bind, candidate))
            except OSError:
                continue
            return candidate
    return port + 1


def ensure_port_free(port: int, bind: str = "127.0.0.1", command: str = "invoke livereload") -> None:
    """For a server that is not ours (livereload): the same one-line ServeError for a busy port,
    before a build is spent on it."""
    with socket.socket(socket.AF_INET6 if ":" in bind else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((bind, port))
        except OSError as err:
            raise port_error(err, port, bind, command) from None
