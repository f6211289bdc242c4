"""A reference receiver for the submission form, for local testing only (`invoke submissions`): it
takes the form's multipart POST, keeps each submission in a folder of its own (fields.json and the
files, as sent), and answers JSON. It turns away a bot's submission (the honeypot field filled in),
and with `fail=True` answers every POST with a 500, so the form's failure path can be seen.

Not for the journal's real site: it has no authentication, no rate limit, no virus scan and no
mail. The README (Submissions) names what to run in production."""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import http.server
import json
import re
import threading
import time
from pathlib import Path
from urllib.parse import urljoin

MAX_BYTES = 60 * 1024 * 1024  # a manuscript and its photographs at the form's limits, with room
HONEYPOT = "website"


def parse_multipart(content_type: str, body: bytes) -> tuple[dict[str, str], list[tuple[str, str, bytes]]]:
    """The fields (name → text) and the files (field name, file name, bytes) of a multipart/form-data body."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode("latin-1") + body)
    fields: dict[str, str] = {}
    files: list[tuple[str, str, bytes]] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        payload = part.get_payload(decode=True) or b""
        if filename is not None:
            if filename or payload:
                files.append((name, filename, payload))
        elif name:
            fields[name] = payload.decode(part.get_content_charset() or "utf-8")
    return fields, files


class Receiver(http.server.ThreadingHTTPServer):
    def __init__(self, folder: Path, port: int = 0, fail: bool = False):
        super().__init__(("127.0.0.1", port), _Handler)
        self.folder, self.fail = Path(folder), fail
        self.received: list[dict] = []  # what each accepted POST held (fields, and file names and sizes)
        self.turned_away = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/submit"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: Receiver

    def _answer(self, status: int, body: dict, back: str = "") -> None:
        referer = self.headers.get("Referer", "")
        if "application/json" not in self.headers.get("Accept", "") and referer and back and status == 200:
            # a form sent without JavaScript: back to its page (the form's return_to), which shows its #received note
            self.send_response(303)
            self.send_header("Location", urljoin(referer, back))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Access-Control-Allow-Origin", "*")  # the form's page is on another origin
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_OPTIONS(self):  # noqa: N802
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Access-Control-Allow-Headers", "Accept")
        self.end_headers()

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BYTES:
            return self._answer(413, {"error": "too large"})
        body = self.rfile.read(length)
        if self.server.fail:
            return self._answer(500, {"error": "the receiver is down for a test"})
        content_type = self.headers.get("Content-Type", "")
        if not content_type.startswith("multipart/form-data"):
            return self._answer(400, {"error": "expected multipart/form-data"})
        fields, files = parse_multipart(content_type, body)
        if fields.get(HONEYPOT):
            self.server.turned_away += 1
            return self._answer(200, {"ok": True}, fields.get("return_to", ""))  # a bot is told it worked
        folder = self.server.folder / time.strftime("%Y%m%d-%H%M%S") / str(len(self.server.received) + 1)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "fields.json").write_text(json.dumps(fields, ensure_ascii=False, indent=1), encoding="utf-8")
        for n, (_name, filename, data) in enumerate(files):
            safe = re.sub(r"[^\w.\-]+", "_", Path(filename).name) or f"file-{n}"
            (folder / f"{n:02d}-{safe}").write_bytes(data)
        self.server.received.append({"fields": fields, "files": [(name, fn, len(data)) for name, fn, data in files]})
        self._answer(200, {"ok": True}, fields.get("return_to", ""))

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def receiving(folder: Path, fail: bool = False, port: int = 0):
    """A receiver on 127.0.0.1 in a thread; yields the server (its .url, .received)."""
    server = Receiver(folder, port, fail)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def serve_forever(folder: Path, port: int) -> None:
    with receiving(folder, port=port) as server:
        print(f"receiving submissions at {server.url}, kept in {folder}/ (Ctrl-C stops)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
