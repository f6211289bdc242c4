"""Each accepted submission in a folder of its own, written whole or not at all.

    <storage>/2026-12-03/143012-职工书屋建设的几点体会-7f3a/
        登记表.txt      the registration: every field, as the editors' e-mail lists it
        fields.json    the fields as sent
        01-稿件.docx    the manuscript and the photographs, numbered in the order sent

The folder is written under a hidden name and renamed when complete, so an editor (or a backup)
never sees half a submission, and a crash leaves only a `.incoming-*` folder to delete.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import shutil
from pathlib import Path

from qhgy.i18n import N_, translations
from qhgy.receiver.intake import Submission

RECORD = "登记表.txt"
MAIL_FAILED = "邮件未发出.txt"  # written when the editors' e-mail could not be sent: find them with `ls */*/邮件未发出.txt`


def registration_text(submission: Submission, received: dt.datetime) -> str:
    gettext = translations("zh_CN").gettext
    lines = [f"{label}：{value}" for label, value in submission.rows(gettext)]
    return "\n".join([f"{gettext(N_('Received'))}：{received:%Y-%m-%d %H:%M:%S}", *lines]) + "\n"


def store(submission: Submission, storage: Path, now: dt.datetime | None = None) -> Path:
    """Write the submission; returns its folder."""
    now = now or dt.datetime.now()
    day = storage / now.strftime("%Y-%m-%d")
    day.mkdir(parents=True, exist_ok=True)
    title = re.sub(r"[^\w\-]+", "", submission.title)[:30] or "untitled"
    name = f"{now:%H%M%S}-{title}-{secrets.token_hex(2)}"
    partial = day / f".incoming-{name}"
    partial.mkdir()
    try:
        (partial / RECORD).write_text(registration_text(submission, now), encoding="utf-8")
        (partial / "fields.json").write_text(json.dumps(submission.fields, ensure_ascii=False, indent=1),
                                             encoding="utf-8")
        for file_name, upload in submission.file_names():
            (partial / file_name).write_bytes(upload.data)
        for path in partial.iterdir():
            with path.open("rb") as fp:
                os.fsync(fp.fileno())  # on disk before the contributor is told it arrived
        folder = day / name
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


def mark_mail_failed(folder: Path, error: str) -> None:
    (folder / MAIL_FAILED).write_text(f"{dt.datetime.now():%Y-%m-%d %H:%M:%S} {error}\n", encoding="utf-8")
