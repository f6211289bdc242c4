"""Stage 1: read the issue's source file (.txt or .pdf) into plain text lines."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from qhgy.errors import SourceError
from qhgy.i18n import _
from qhgy.textnorm import has_han

TEXT_SUFFIXES = {".txt", ".text"}
PDF_SUFFIXES = {".pdf"}


@dataclass
class Source:
    path: Path
    kind: str  # "txt" or "pdf"
    lines: list[str]
    notes: list[str] = field(default_factory=list)
    pages: list[int | None] = field(default_factory=list)  # a PDF's page of each line (empty for text)
    folios: dict[int, int] = field(default_factory=dict)  # the page number printed on each PDF page
    captions: set[int] = field(default_factory=set)  # lines (from 1) where a PDF's photo caption starts
    furniture_dropped: int = 0  # running heads and folios a PDF's reading dropped already


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """Decode text the way Chinese editors' files come: UTF-8 (with or without BOM), UTF-16, GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8"), "UTF-8 (BOM)"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    # GB18030 is a superset of GBK and GB2312, the encodings of older Windows tools.
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise SourceError(path, _("is neither UTF-8 nor GB18030/GBK text"),
                          _("save it again as UTF-8 text and re-run the import")) from None
    if not has_han(text):
        raise SourceError(path, _("does not decode to Chinese text as UTF-8 or GB18030"),
                          _("save it again as UTF-8 text and re-run the import"))
    return text, "GB18030"


def source_bytes(path: Path) -> bytes:
    """The file's bytes; a file the system will not read (permissions, a failing disk) is a SourceError."""
    try:
        return path.read_bytes()
    except OSError as err:
        raise SourceError(path, _("cannot be read ({reason})").format(reason=err.strerror or err),
                          _("check that the file is readable (permissions, disk) and re-run the import")) from None


def read_source(path: Path) -> Source:
    """Read a .txt or .pdf issue; raise SourceError with a fix for anything unreadable."""
    path = Path(path)
    if not path.exists():
        raise SourceError(path, _("does not exist"), _("check the path of the issue's text or PDF"))
    if path.is_dir():
        raise SourceError(path, _("is a folder, not a file"), _("give the issue's .txt or .pdf file"))
    suffix = path.suffix.lower()
    pages: list[int | None] = []
    folios: dict[int, int] = {}
    captions: set[int] = set()
    repeated = 0
    if suffix in PDF_SUFFIXES:
        from qhgy.importer.pdf_text import read_pdf

        pdf = read_pdf(path)
        text, kind, notes = pdf.text, "pdf", [_("text layer read from the PDF with pypdf")]
        pages, folios, captions, repeated = pdf.pages, pdf.folios, pdf.captions, pdf.repeated
    elif suffix in TEXT_SUFFIXES:
        data = source_bytes(path)
        if not data.strip():
            raise SourceError(path, _("is empty"), _("export the issue's text again or import its PDF"))
        text, encoding = _decode(path, data)
        kind, notes = "txt", [] if encoding == "UTF-8" else [_("decoded as {encoding}").format(encoding=encoding)]
    else:
        raise SourceError(path, _("has an unknown type '{suffix}'").format(suffix=suffix or _("(none)")),
                          _("import the issue as a .txt (UTF-8) or .pdf file"))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    lines = [line.replace("\u3000", " ").replace("\u00a0", " ").rstrip() for line in text.split("\n")]
    if not any(line.strip() for line in lines):
        raise SourceError(path, _("contains no text"), _("export the issue's text again or import its PDF"))
    if pages:
        pages += [None] * (len(lines) - len(pages))  # the blank line after the last
    return Source(path=path, kind=kind, lines=lines, notes=notes, pages=pages, folios=folios,
                  captions=captions, furniture_dropped=repeated)
