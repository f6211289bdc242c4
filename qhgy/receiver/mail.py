"""The editors' e-mail for each submission: subject 投稿：<标题>, the registration in the body,
the files attached (up to the size a mail service takes), Reply-To the contributor. In Chinese:
the editors read it."""

from __future__ import annotations

import mimetypes
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from qhgy.i18n import N_, translations
from qhgy.receiver.config import MailSettings
from qhgy.receiver.intake import Submission


def message(submission: Submission, record: str, folder: Path, settings: MailSettings) -> EmailMessage:
    gettext = translations("zh_CN").gettext
    mail = EmailMessage()
    mail["Subject"] = gettext(N_("Submission: {title}")).format(title=submission.title)
    mail["From"] = settings.sender
    mail["To"] = ", ".join(settings.to)
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    email = submission.fields.get("email", "").strip()
    if email and "\n" not in email and "\r" not in email:
        mail["Reply-To"] = email  # the editors' reply goes to the contributor
    size = sum(len(upload.data) for upload in submission.files)
    attach = size <= settings.attach_max_mb * 1024 * 1024
    note = (gettext(N_("The files are attached, and kept on the server in {folder}.")) if attach else
            gettext(N_("The files ({mb:.1f} MB) are too large to attach: they are kept on the server in {folder}.")))
    mail.set_content(f"{record}\n{note.format(folder=folder, mb=size / 1048576)}\n")
    if attach:
        for name, upload in submission.file_names():
            kind = mimetypes.guess_type(upload.filename)[0] or "application/octet-stream"
            maintype, subtype = kind.split("/", 1)
            mail.add_attachment(upload.data, maintype=maintype, subtype=subtype, filename=name)
    return mail


def send(mail: EmailMessage, settings: MailSettings) -> None:
    """Send through the journal's SMTP server; raises OSError or smtplib.SMTPException."""
    context = ssl.create_default_context()
    if settings.security == "ssl":
        client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    with client:
        if settings.security == "starttls":
            client.starttls(context=context)
        if settings.user:
            client.login(settings.user, settings.password)
        client.send_message(mail)
