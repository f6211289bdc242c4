"""The journal's submission receiver (qhgy.receiver): the real WSGI application with a real SMTP
server on 127.0.0.1 (aiosmtpd), and `qhgy receive` served by waitress in a process of its own.
The form's side, in the browser, is tests/test_submit.py (which posts to the same application)."""

from __future__ import annotations

import email
import email.policy
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from werkzeug.test import Client, EnvironBuilder

from qhgy.receiver.app import ReceiverApp
from qhgy.receiver.config import MailSettings, ReceiverConfig, ReceiverConfigError, load
from qhgy.receiver.store import MAIL_FAILED, RECORD
from qhgy.submission import BY_NAME, FIELDS

ROOT = Path(__file__).resolve().parent.parent
SITE = "https://qhgy.example.org"
MANUSCRIPT = b"PK\x03\x04" + b"x" * 2044


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


def mail_settings(port: int, attach_max_mb: int = 20) -> MailSettings:
    return MailSettings(to=("tougao@qhgy.example.org",), sender="submissions@qhgy.example.org", host="127.0.0.1",
                        port=port, security="none", attach_max_mb=attach_max_mb, timeout=5)


def fields(**changes) -> dict:
    out = {"name": "卓玛", "unit": "西宁市总工会", "address": "西宁市城东区昆仑路184号", "postcode": "810007",
           "mobile": "13912345678", "landline": "", "email": "zhuoma@example.com", "title": "职工书屋建设的几点体会",
           "section": "工会论坛", "genre": "经验交流", "abstract": "介绍基层工会建设职工书屋的做法和体会。",
           "keywords": "职工书屋 基层工会", "captions": "", "original": "yes", "privacy": "yes",
           "website": "", "return_to": "/submit/#received", "lang": "zh"}
    out.update(changes)
    return {k: v for k, v in out.items() if v is not None}


def post(client: Client, data: dict, files=(("manuscript", "稿件.docx", MANUSCRIPT),), origin=SITE,
         json_answer=True, **environ):
    body = dict(data)
    for name, filename, content in files:
        body.setdefault(name, []).append((io.BytesIO(content), filename))
    headers = {"Origin": origin} if origin else {}
    if json_answer:
        headers["Accept"] = "application/json"
    return client.post("/submit", data=body, headers=headers, environ_base=environ)


def make(tmp_path, mail=None, **config) -> tuple[Client, list, Path]:
    stored: list = []
    storage = tmp_path / "received"
    app = ReceiverApp(ReceiverConfig(storage=storage, allowed_origins=(SITE,), mail=mail, **config),
                      on_stored=lambda submission, folder: stored.append(folder))
    return Client(app), stored, storage


def folders(storage: Path) -> list[Path]:
    return sorted(p for p in storage.glob("*/*")) if storage.exists() else []


# ------------------------------------------------------------------ a submission that arrives

def test_a_submission_is_stored_whole_and_mailed_to_the_editors(tmp_path, inbox):
    client, stored, storage = make(tmp_path, mail=mail_settings(inbox.port))
    answer = post(client, fields(), files=[("manuscript", "稿件.docx", MANUSCRIPT),
                                           ("photos", "书屋 1.jpg", b"\xff\xd8" + b"0" * 500),
                                           ("photos", "书屋2.png", b"\x89PNG" + b"0" * 300)])
    assert answer.status_code == 200 and answer.json == {"ok": True}
    assert answer.headers["Access-Control-Allow-Origin"] == SITE  # the page's script may read it
    [folder] = folders(storage)
    assert stored == [folder] and not folder.name.startswith(".")
    assert sorted(p.name for p in folder.iterdir()) == [
        "01-稿件.docx", "02-书屋_1.jpg", "03-书屋2.png", "fields.json", RECORD]
    assert (folder / "01-稿件.docx").read_bytes() == MANUSCRIPT
    record = (folder / RECORD).read_text(encoding="utf-8")
    for line in ("姓名：卓玛", "工作单位：西宁市总工会", "邮编：810007", "标题：职工书屋建设的几点体会",
                 "稿件文件：稿件.docx", "照片：书屋 1.jpg, 书屋2.png", "原创声明：是"):
        assert line in record, line
    assert json.loads((folder / "fields.json").read_text(encoding="utf-8"))["abstract"] == fields()["abstract"]

    [mail] = inbox.messages
    assert mail["Subject"] == "投稿：职工书屋建设的几点体会"
    assert mail["To"] == "tougao@qhgy.example.org" and mail["Reply-To"] == "zhuoma@example.com"
    body = mail.get_body(("plain",)).get_content()
    assert "工作单位：西宁市总工会" in body and str(folder) in body
    attached = {part.get_filename(): part.get_content() for part in mail.iter_attachments()}
    assert attached["01-稿件.docx"] == MANUSCRIPT and set(attached) == {"01-稿件.docx", "02-书屋_1.jpg", "03-书屋2.png"}


def test_files_too_large_to_mail_stay_on_the_server_and_the_mail_says_where(tmp_path, inbox):
    client, _, storage = make(tmp_path, mail=mail_settings(inbox.port, attach_max_mb=0))
    assert post(client, fields()).status_code == 200
    [mail] = inbox.messages
    assert list(mail.iter_attachments()) == []
    [folder] = folders(storage)
    assert "太大" in mail.get_body(("plain",)).get_content() and str(folder) in mail.get_body(("plain",)).get_content()


def test_when_the_mail_fails_the_submission_is_still_kept_and_marked(tmp_path):
    client, stored, storage = make(tmp_path, mail=mail_settings(free_port()))  # nothing listens there
    answer = post(client, fields())
    assert answer.status_code == 200  # it is stored: the contributor's manuscript has arrived
    [folder] = folders(storage)
    assert (folder / MAIL_FAILED).exists() and (folder / "01-稿件.docx").exists()


def test_a_storage_failure_is_an_error_and_leaves_no_half_folder(tmp_path, monkeypatch):
    client, stored, storage = make(tmp_path)

    def broken(self, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", broken)
    answer = post(client, fields())
    monkeypatch.undo()
    assert answer.status_code == 500 and "未能保存" in answer.json["error"]
    assert stored == [] and list(storage.glob("*/*")) == [] and list(storage.glob("*/.*")) == []


# ------------------------------------------------------------------ what is turned away

def test_the_server_checks_every_rule_of_the_form_again(tmp_path):
    client, stored, _ = make(tmp_path)
    cases = {
        "title": (fields(title=""), "标题：必须填写。"),
        "postcode": (fields(postcode="81000"), "邮编："),
        "mobile": (fields(mobile="12912345678"), "手机："),
        "landline": (fields(landline="971-6123456"), "固定电话："),
        "email": (fields(email="zhuoma@"), "电子邮箱："),
        "phone": (fields(mobile=""), "请填写手机或固定电话。"),
        "declaration": (fields(original=None), "原创声明：必须勾选。"),
        "length": (fields(name="卓" * 41), "姓名：最多 40 个字。"),
    }
    for case, (data, expected) in cases.items():
        answer = post(client, data)
        assert answer.status_code == 400 and expected in answer.json["error"], (case, answer.json)
    for files, expected in [((("manuscript", "稿件.exe", b"MZ"),), "稿件文件：只接受"),
                            ((("manuscript", "", b""),), "稿件文件：缺少文件。"),  # as a browser sends no file
                            ((("manuscript", "稿件.docx", MANUSCRIPT), ("photos", "图.gif", b"GIF8")), "照片：只接受")]:
        answer = post(client, fields(), files=files)
        assert answer.status_code == 400 and expected in answer.json["error"], (files, answer.json)
    assert stored == []


def test_a_file_over_the_limit_is_refused(tmp_path):
    client, stored, _ = make(tmp_path, max_mb=1)
    answer = post(client, fields(), files=[("manuscript", "稿件.pdf", b"%PDF" + b"0" * (1024 * 1024 + 1))])
    assert answer.status_code == 400 and "最大 1 MB" in answer.json["error"] and stored == []
    answer = post(client, fields(), files=[("manuscript", "稿件.pdf", b"%PDF" + b"0" * (3 * 1024 * 1024 + 1))])
    assert answer.status_code == 413 and stored == []  # more than the whole form may hold: not even read


def test_the_answer_speaks_the_pages_language(tmp_path):
    client, _, _ = make(tmp_path)
    answer = post(client, fields(lang="en", postcode="8100"))
    assert answer.status_code == 400 and "Postcode:" in answer.json["error"]


def test_a_bot_is_told_it_worked_and_nothing_is_kept_or_mailed(tmp_path, inbox):
    client, stored, storage = make(tmp_path, mail=mail_settings(inbox.port))
    answer = post(client, fields(website="http://spam.example"))
    assert answer.status_code == 200 and answer.json == {"ok": True}
    assert stored == [] and folders(storage) == [] and inbox.messages == []


def test_only_the_journals_site_may_post(tmp_path):
    client, stored, _ = make(tmp_path)
    answer = post(client, fields(), origin="https://elsewhere.example")
    assert answer.status_code == 403 and "Access-Control-Allow-Origin" not in answer.headers and stored == []


def test_one_address_may_send_so_many_an_hour(tmp_path):
    now = [1000.0]
    stored: list = []
    app = ReceiverApp(ReceiverConfig(storage=tmp_path / "r", allowed_origins=(SITE,), per_hour=2),
                      on_stored=lambda s, f: stored.append(f), clock=lambda: now[0])
    client = Client(app)
    codes = [post(client, fields(), REMOTE_ADDR="10.0.0.1").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert post(client, fields(), REMOTE_ADDR="10.0.0.2").status_code == 200  # another address
    now[0] += 3601
    assert post(client, fields(), REMOTE_ADDR="10.0.0.1").status_code == 200
    assert len(stored) == 4


def test_a_form_sent_without_javascript_goes_back_to_the_site_never_elsewhere(tmp_path):
    client, stored, _ = make(tmp_path)
    answer = post(client, fields(), json_answer=False)
    assert answer.status_code == 303 and answer.headers["Location"] == f"{SITE}/submit/#received"
    answer = post(client, fields(return_to="https://elsewhere.example/phish"), json_answer=False)
    assert answer.status_code == 200 and "Location" not in answer.headers and "已收到" in answer.text
    answer = post(client, fields(postcode="1"), json_answer=False)
    assert answer.status_code == 400 and answer.mimetype == "text/html" and "邮编" in answer.text
    assert len(stored) == 2


# ------------------------------------------------------------------ settings, and the real server

def test_the_sample_settings_load(tmp_path):
    sample = (ROOT / "deploy" / "receiver.toml").read_text(encoding="utf-8")
    secret = tmp_path / "smtp-password"
    secret.write_text("s3cret\n", encoding="utf-8")
    path = tmp_path / "receiver.toml"
    path.write_text(sample.replace("/run/credentials/qhgy-receiver.service/smtp-password", str(secret)),
                    encoding="utf-8")
    config = load(path)
    assert config.allowed_origins == (SITE,) and config.port == 8025 and config.max_mb == 20
    assert config.mail.password == "s3cret" and config.mail.security == "ssl" and "s3cret" not in repr(config)


@pytest.mark.parametrize("text, key", [
    ('storage = "/tmp/x"\nallowed_origins = ["qhgy.example.org"]\n', "allowed_origins"),
    ('allowed_origins = ["https://a.example"]\n', "storage"),
    ('storage = "/tmp/x"\nallowed_origins = ["https://a.example"]\nmax_mb = "20"\n', "max_mb"),
    ('storage = "/tmp/x"\nallowed_origins = ["https://a.example"]\nmaxmb = 20\n', "maxmb"),
    ('storage = "/tmp/x"\nallowed_origins = ["https://a.example"]\n[mail]\nto = ["a@b.cn"]\nsender = "s@b.cn"\n'
     'host = "smtp.b.cn"\nsecurity = "tls"\n', "mail.security"),
    ('storage = "/tmp/x"\nallowed_origins = ["https://a.example"]\n[mail]\nto = ["a@b.cn"]\nsender = "s@b.cn"\n'
     'host = "smtp.b.cn"\npassword_file = "/nonexistent/pw"\n', "mail.password_file"),
])
def test_a_wrong_setting_is_named(tmp_path, text, key):
    path = tmp_path / "receiver.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReceiverConfigError) as caught:
        load(path)
    assert f"`{key}`" in str(caught.value) and str(path) in str(caught.value)


def test_qhgy_receive_without_its_settings_says_so_in_chinese(tmp_path):
    missing = tmp_path / "receiver.toml"
    result = subprocess.run([sys.executable, "-m", "qhgy", "receive", "--config", str(missing)],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, "QHGY_LANG": "zh_CN"})
    assert result.returncode == 1 and str(missing) in result.stderr and "不存在" in result.stderr


def test_qhgy_receive_serves_behind_a_proxy_and_mails(tmp_path, inbox):
    port = free_port()
    config = tmp_path / "receiver.toml"
    config.write_text(f'storage = "{tmp_path / "received"}"\nallowed_origins = ["{SITE}"]\nper_hour = 1\n'
                      f'listen = "127.0.0.1:{port}"\n[mail]\nto = ["tougao@qhgy.example.org"]\n'
                      f'sender = "submissions@qhgy.example.org"\nhost = "127.0.0.1"\nport = {inbox.port}\n'
                      f'security = "none"\n', encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "qhgy", "receive", "--config", str(config)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)

        def send(forwarded_for: str) -> int:
            data = fields()
            data["manuscript"] = (io.BytesIO(MANUSCRIPT), "稿件.docx")
            environ = EnvironBuilder(method="POST", data=data).get_environ()  # the body as a browser sends it
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/submit", data=environ["wsgi.input"].read(), method="POST",
                headers={"Content-Type": environ["CONTENT_TYPE"], "Origin": SITE,
                         "Accept": "application/json", "X-Forwarded-For": forwarded_for})
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    return answer.status
            except urllib.error.HTTPError as err:
                return err.code

        # per_hour = 1 for each contributor, as nginx names them (X-Forwarded-For, from the trusted proxy)
        assert [send("198.51.100.7"), send("198.51.100.7"), send("198.51.100.8")] == [200, 429, 200]
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert len(inbox.messages) == 2 and inbox.messages[0]["Subject"] == "投稿：职工书屋建设的几点体会", output
    assert "received" in output


def test_every_field_of_the_rules_is_on_the_form():
    """The rules the receiver checks are the ones the page's form states (templates/submit.html)."""
    template = (ROOT / "theme" / "templates" / "submit.html").read_text(encoding="utf-8")
    for rule in FIELDS:
        assert f'name="{rule.name}"' in template, rule.name
        if rule.pattern:
            assert f'pattern="{{{{ rules.{rule.name}.pattern }}}}"' in template, rule.name
    assert BY_NAME["postcode"].matches("810007") and not BY_NAME["postcode"].matches("8100071")
