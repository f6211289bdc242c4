"""The submission form's rules, in one place.

The page's form (theme/templates/submit.html, given them as `submission_rules`) states them as HTML
attributes (`required`, `pattern`, `maxlength`, `accept`), which the browser and js/submit.js
check. The journal's receiver (qhgy.receiver) checks every submission against the same rules again,
since anything can be posted to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qhgy.i18n import N_


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # the field's name in the editors' e-mail (translated through qhgy's catalog)
    required: bool = False
    pattern: str | None = None  # an HTML pattern: the whole value must match
    max_length: int | None = None
    kind: str = "text"  # text, checkbox or file

    def matches(self, value: str) -> bool:
        return self.pattern is None or re.fullmatch(self.pattern, value) is not None


# In the order of the form, which is the order of the e-mail and the registration form.
FIELDS = (
    Field("name", N_("Name"), required=True, max_length=40),
    Field("unit", N_("Work unit"), required=True, max_length=100),
    Field("address", N_("Postal address"), required=True, max_length=200),
    Field("postcode", N_("Postcode"), required=True, pattern="[0-9]{6}", max_length=6),
    Field("mobile", N_("Mobile phone"), pattern="1[3-9][0-9]{9}", max_length=11),
    Field("landline", N_("Landline"), pattern="0[0-9]{2,3}-[0-9]{7,8}", max_length=13),
    Field("email", N_("E-mail"), pattern=r"[^\s@]+@[^\s@]+\.[^\s@]+", max_length=100),
    Field("title", N_("Title"), required=True, max_length=100),
    Field("section", N_("Section"), required=True, max_length=100),
    Field("genre", N_("Genre"), required=True, max_length=40),
    Field("abstract", N_("Abstract"), required=True, max_length=400),
    Field("keywords", N_("Keywords"), max_length=100),
    Field("manuscript", N_("Manuscript file"), required=True, kind="file"),
    Field("photos", N_("Photographs"), kind="file"),
    Field("captions", N_("Captions and photographer"), max_length=1000),
    Field("original", N_("Originality declared"), required=True, kind="checkbox"),
    Field("privacy", N_("Privacy notice agreed"), required=True, kind="checkbox"),
)
BY_NAME = {field.name: field for field in FIELDS}
# At least one of these: the editors must be able to ring the author.
PHONES = ("mobile", "landline")
MANUSCRIPT_TYPES = (".doc", ".docx", ".wps", ".pdf", ".txt", ".md")
PHOTO_TYPES = (".jpg", ".jpeg", ".png")
FILE_TYPES = {"manuscript": MANUSCRIPT_TYPES, "photos": PHOTO_TYPES}
# Left empty by people, filled in by bots that fill in every field.
HONEYPOT = "website"
# Sent by the form, not typed: where a receiver sends a reader back after a send without
# JavaScript, and the language the receiver answers in.
RETURN_TO = "return_to"
LANGUAGE = "lang"


def accept(name: str) -> str:
    """The file input's `accept` attribute."""
    types = FILE_TYPES[name]
    images = ["image/jpeg", "image/png"] if name == "photos" else []
    return ",".join(images + list(types))


def template_rules() -> dict:
    """What the form's template reads: each field's rule by name, and the accepted file types."""
    return {"fields": BY_NAME, "accept": {name: accept(name) for name in FILE_TYPES},
            "honeypot": HONEYPOT, "return_to": RETURN_TO, "lang": LANGUAGE}
