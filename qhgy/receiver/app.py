"""The receiver as a WSGI application (Werkzeug): one POST address for the submission form.

Per POST: the origin must be the journal's site; one address may send `per_hour` times an hour; a
filled honeypot is answered as a success and dropped; the fields and files are checked against the
form's rules; the submission is stored (qhgy.receiver.store), then mailed to the editors. Only when
it is stored is the contributor told it arrived: a mail that fails is marked in its folder and
logged, and the submission is not lost.

The answer: JSON ({"ok": true} or {"error": "…"}) to the page's script, which asks for it
(`Accept: application/json`) and reads it across origins (Access-Control-Allow-Origin); to a form
sent without JavaScript, a redirect (303) to the form's `return_to` on the site, or a short page
with the error and a link back.
"""

from __future__ import annotations

import collections
import datetime as dt
import html
import json
import logging
import threading
import time
from typing import Callable
from urllib.parse import urljoin, urlsplit

from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Request, Response

from qhgy.i18n import N_, translations
from qhgy.receiver.config import ReceiverConfig
from qhgy.receiver.intake import Submission, Upload, problems
from qhgy.receiver.mail import message, send
from qhgy.receiver.store import mark_mail_failed, registration_text, store

log = logging.getLogger("qhgy.receiver")
HOUR = 3600.0


class ReceiverApp:
    def __init__(self, config: ReceiverConfig, on_stored: Callable[[Submission, object], None] | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.config = config
        self.on_stored = on_stored  # the tests' and devtools' window on what arrived
        self.clock = clock
        self._sends: dict[str, collections.deque] = collections.defaultdict(collections.deque)
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        request = Request(environ)
        request.max_content_length = self.config.max_body
        request.max_form_memory_size = 1024 * 1024  # the text fields together
        return self.respond(request)(environ, start_response)

    # ---------------------------------------------------------------- the request

    def respond(self, request: Request) -> Response:
        origin = request.headers.get("Origin", "")
        if origin and origin != "null" and not self._allowed(origin):
            log.warning("refused a POST from %s (not in allowed_origins)", origin)
            return self._answer(request, 403, N_("This address takes submissions from the journal's site only."))
        if request.method == "OPTIONS":
            return self._cors(request, Response(status=204, headers={
                "Access-Control-Allow-Methods": "POST", "Access-Control-Allow-Headers": "Accept"}))
        if request.method != "POST":
            return self._answer(request, 405, N_("Send the form on the journal's submission page."))
        if self._too_many(request.remote_addr or ""):
            log.warning("refused a POST from %s (more than %d in an hour)", request.remote_addr, self.config.per_hour)
            return self._answer(request, 429, N_("Too many submissions from your address: try again in an hour."))
        if request.mimetype != "multipart/form-data":
            return self._answer(request, 400, N_("Send the form on the journal's submission page."))
        try:
            submission = Submission(
                fields={key: value for key, value in request.form.items()},
                files=[Upload(name, upload.filename, upload.read())
                       for name, upload in request.files.items(multi=True) if upload.filename])
        except RequestEntityTooLarge:
            return self._answer(request, 413, N_("The files are larger than the form accepts."))
        if submission.is_bot:
            log.info("dropped a submission with the honeypot filled in")
            return self._received(request, submission)  # a bot is told it worked
        found = problems(submission, self.config.max_mb)
        if found:
            return self._answer(request, 400, " ".join(found), submission.language)
        return self._keep(request, submission)

    def _keep(self, request: Request, submission: Submission) -> Response:
        now = dt.datetime.now()
        try:
            folder = store(submission, self.config.storage, now)
        except OSError as err:
            log.error("could not store a submission: %s", err)
            return self._answer(request, 500, N_("The submission could not be saved on the server."),
                                submission.language)
        log.info("received %s", folder)
        if self.config.mail:
            try:
                send(message(submission, registration_text(submission, now), folder, self.config.mail),
                     self.config.mail)
            except Exception as err:  # noqa: BLE001 — stored is received: the mail is the editors' notice
                log.error("stored %s, but the e-mail to the editors failed: %s", folder, err)
                mark_mail_failed(folder, str(err))
        if self.on_stored:
            self.on_stored(submission, folder)
        return self._received(request, submission)

    def _allowed(self, origin: str) -> bool:
        return "*" in self.config.allowed_origins or origin.rstrip("/") in self.config.allowed_origins

    def _too_many(self, address: str) -> bool:
        now = self.clock()
        with self._lock:
            sends = self._sends[address]
            while sends and now - sends[0] > HOUR:
                sends.popleft()
            if len(sends) >= self.config.per_hour:
                return True
            sends.append(now)
            if len(self._sends) > 10000:  # forget quiet addresses
                for key in [k for k, v in self._sends.items() if not v or now - v[-1] > HOUR]:
                    del self._sends[key]
            return False

    # ---------------------------------------------------------------- the answer

    @staticmethod
    def _wants_json(request: Request) -> bool:
        return "application/json" in request.headers.get("Accept", "")

    def _cors(self, request: Request, response: Response) -> Response:
        origin = request.headers.get("Origin", "")
        if origin and self._allowed(origin):
            response.headers["Access-Control-Allow-Origin"] = origin
            response.vary.add("Origin")
        return response

    def _back(self, request: Request, submission: Submission) -> str | None:
        """The form's return_to, if it is on the journal's site (never a redirect elsewhere)."""
        base = request.headers.get("Origin") or request.headers.get("Referer") or ""
        target = urljoin(base, submission.return_to) if submission.return_to else ""
        parts = urlsplit(target)
        if parts.scheme in ("http", "https") and self._allowed(f"{parts.scheme}://{parts.netloc}"):
            return target
        return None

    def _received(self, request: Request, submission: Submission) -> Response:
        if self._wants_json(request):
            return self._cors(request, Response(json.dumps({"ok": True}), mimetype="application/json"))
        back = self._back(request, submission)
        if back:
            return Response(status=303, headers={"Location": back})
        return self._page(200, translations(submission.language).gettext(
            N_("Thank you: the manuscript has been received. The editorial office will be in touch.")), None)

    def _answer(self, request: Request, status: int, text: str, language: str | None = None) -> Response:
        language = language or ("en" if request.headers.get("Accept-Language", "zh").lower().startswith("en")
                                else "zh_CN")
        text = translations(language).gettext(text)
        if self._wants_json(request):
            body = json.dumps({"error": text}, ensure_ascii=False)
            return self._cors(request, Response(body, status=status, mimetype="application/json"))
        return self._page(status, text, request.referrer)

    @staticmethod
    def _page(status: int, text: str, back: str | None) -> Response:
        link = f'<p><a href="{html.escape(back)}">←</a></p>' if back else ""
        body = (f'<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
                f"<title>{html.escape(text[:40])}</title><p>{html.escape(text)}</p>{link}")
        return Response(body, status=status, mimetype="text/html")
