"""The journal's receiver (qhgy.receiver) on 127.0.0.1 for local testing and the tests: any origin
may post, submissions are kept in a folder given, nothing is mailed, and `fail = True` answers every
POST with a 500, so the form's failure path can be seen. `received` lists what arrived (fields, and
each file's field, name and size).

The public site runs `qhgy receive` behind nginx instead (README, Submissions)."""

from __future__ import annotations

import contextlib
import json
import threading
from pathlib import Path

from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from qhgy.receiver.app import ReceiverApp
from qhgy.receiver.config import ReceiverConfig


class LocalReceiver:
    def __init__(self, folder: Path, fail: bool = False):
        self.fail = fail
        self.received: list[dict] = []
        self.app = ReceiverApp(ReceiverConfig(storage=Path(folder), allowed_origins=("*",), per_hour=10_000),
                               on_stored=self._stored)
        self.url = ""

    def _stored(self, submission, folder) -> None:
        self.received.append({"fields": submission.fields, "folder": folder,
                              "files": [(u.field, u.filename, len(u.data)) for u in submission.files]})

    def __call__(self, environ, start_response):
        if environ["REQUEST_METHOD"] == "POST" and self.fail:
            return Response(json.dumps({"error": "the receiver is down for a test"}), status=500,
                            mimetype="application/json",
                            headers={"Access-Control-Allow-Origin": "*"})(environ, start_response)
        return self.app(environ, start_response)


@contextlib.contextmanager
def receiving(folder: Path, fail: bool = False, port: int = 0):
    """A receiver on 127.0.0.1 in a thread; yields it (its .url, .received, .fail)."""
    receiver = LocalReceiver(folder, fail)
    server = make_server("127.0.0.1", port, receiver, threaded=True)
    receiver.url = f"http://127.0.0.1:{server.server_port}/submit"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


def serve_forever(folder: Path, port: int) -> None:
    with receiving(folder, port=port) as receiver:
        print(f"receiving submissions at {receiver.url}, kept in {folder}/ (Ctrl-C stops)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
