"""A submission as it arrives: its fields and files, checked against the form's rules
(qhgy.submission) again, since anything can be posted to a public address."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from qhgy.i18n import N_, translations
from qhgy.submission import FIELDS, FILE_TYPES, HONEYPOT, LANGUAGE, PHONES, RETURN_TO


@dataclass
class Upload:
    field: str  # manuscript or photos
    filename: str  # as the contributor's computer named it
    data: bytes = field(repr=False)


@dataclass
class Submission:
    fields: dict[str, str]
    files: list[Upload]

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def is_bot(self) -> bool:
        return bool(self.fields.get(HONEYPOT, "").strip())

    def file_names(self) -> list[tuple[str, "Upload"]]:
        """Each file under the name it is kept and mailed by: numbered in the order sent, made safe
        for the server's disk (01-稿件.docx, 02-书屋_1.jpg)."""
        return [(f"{n:02d}-{safe_filename(upload.filename, upload.field)}", upload)
                for n, upload in enumerate(self.files, 1)]

    @property
    def language(self) -> str:
        """The locale the contributor's page spoke, for the receiver's answer."""
        return "zh_CN" if self.fields.get(LANGUAGE, "zh").lower().startswith("zh") else "en"

    @property
    def return_to(self) -> str:
        return self.fields.get(RETURN_TO, "")

    def rows(self, gettext) -> list[tuple[str, str]]:
        """Label and value of every field filled in, in the order of the form: the editors' e-mail
        and the submission's record."""
        out = []
        for rule in FIELDS:
            if rule.kind == "file":
                value = ", ".join(upload.filename for upload in self.files if upload.field == rule.name)
            elif rule.kind == "checkbox":
                value = gettext(N_("Yes")) if self.fields.get(rule.name) else ""
            else:
                value = self.fields.get(rule.name, "").strip()
            if value:
                out.append((gettext(rule.label), value))
        return out


def extension(filename: str) -> str:
    return PurePath(filename).suffix.lower()


def problems(submission: Submission, max_mb: int) -> list[str]:
    """What is wrong with a submission, in its page's language; empty when it can be accepted."""
    gettext = translations(submission.language).gettext
    found: list[str] = []

    def say(rule, message: str, **values) -> None:
        found.append(gettext(N_("{field}: {problem}")).format(field=gettext(rule.label),
                                                              problem=gettext(message).format(**values)))

    limit = max_mb * 1024 * 1024
    for rule in FIELDS:
        if rule.kind == "file":
            uploads = [u for u in submission.files if u.field == rule.name]
            if rule.required and not uploads:
                say(rule, N_("the file is missing."))
            elif any(extension(u.filename) not in FILE_TYPES[rule.name] for u in uploads):
                say(rule, N_("only {types} files are accepted."), types=", ".join(FILE_TYPES[rule.name]))
            elif sum(len(u.data) for u in uploads) > limit:
                say(rule, N_("at most {mb} MB is accepted."), mb=max_mb)
            continue
        value = submission.fields.get(rule.name, "").strip()
        if rule.required and not value:
            say(rule, N_("this is required.") if rule.kind != "checkbox" else N_("this box must be ticked."))
        elif value and rule.max_length and len(value) > rule.max_length:
            say(rule, N_("at most {n} characters."), n=rule.max_length)
        elif value and not rule.matches(value):
            say(rule, N_("this is not in the form the page asks for."))
    if not any(submission.fields.get(name, "").strip() for name in PHONES):
        found.append(gettext(N_("Give a mobile or a landline number.")))
    return found


def safe_filename(filename: str, fallback: str) -> str:
    """A file name that is safe on the server's disk: the name's last part, its letters (Chinese
    too), digits, dots and hyphens; never hidden, never empty."""
    name = re.sub(r"[^\w.\-]+", "_", PurePath(filename.replace("\\", "/")).name).strip("._")
    path = PurePath(name or fallback)
    return path.stem[:100] + path.suffix[:10]
