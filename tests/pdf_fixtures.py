"""Build test PDFs: a real issue-like PDF with a CJK text layer (typst), and broken ones.

Helpers only, no tests. Fonts: Debian's fonts-noto-cjk (Noto Serif CJK SC).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import typst
from pypdf import PdfReader, PdfWriter

from qhgy.fonts import FONT_DIR

NOTO_DIR = FONT_DIR  # Debian's fonts-noto-cjk (qhgy.fonts)

# The issue text arrives as data (sys.inputs), never as markup: '*', '#', '-', '[', '//',
# '@' in the text stay characters. A line of the text stays a line of the PDF (a forced
# break; typst wraps it further where it is too long), as a 目录 line or a masthead line
# is a line of its own in print. By default each block is one unbreakable paragraph, so a
# block never runs over a column or page end (which the extractor rightly treats as a new
# block); with breakable=true paragraphs break over columns and pages, as in print.
# indent (em) indents the first line of every paragraph of running text (a block with a comma
# or a full stop), as Chinese print does, not titles or captions; head puts a running head on
# every page and the page number under it.
# cjk-latin-spacing: none and no justification keep typst from adding space that the
# extraction would turn into ' '; ligatures off keep 'fi' etc. one character each.
ISSUE_TEMPLATE = r"""
#let blocks = json(bytes(sys.inputs.blocks))
#let head = sys.inputs.at("head", default: "")
#set document(date: none)
#set page(paper: "a4", margin: 2cm, columns: int(sys.inputs.columns),
          header: if head != "" { align(center, text(size: 9pt, head)) },
          footer: if head != "" { context align(center, text(size: 9pt, counter(page).display())) })
#set text(font: "Noto Serif CJK SC", size: 10.5pt, lang: "zh", region: "cn",
          cjk-latin-spacing: none, ligatures: false)
#set par(justify: false, leading: 0.65em)
#let indent = float(sys.inputs.at("indent", default: "0")) * 1em
#let breakable = sys.inputs.at("breakable", default: "false") == "true"
#for (lines, running) in blocks {
  block(breakable: breakable, spacing: 1.6em,
        par(first-line-indent: (amount: if running { indent } else { 0em }, all: true), lines.join(linebreak())))
}
"""


def text_blocks(text: str) -> list[str]:
    """Blocks of a sample-shaped text: split on blank lines, lines joined with nothing."""
    blocks = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        block = "".join(line.strip() for line in chunk.split("\n"))
        if block:
            blocks.append(block)
    return blocks


def _compile(template: str, dest: Path, inputs: dict[str, str]) -> Path:
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    _, warns = typst.compile_with_warnings(
        template.encode("utf-8"), output=str(dest), sys_inputs=inputs,
        font_paths=[str(NOTO_DIR)] if NOTO_DIR.is_dir() else [])
    # A missing font is only a warning in typst (it falls back to tofu): fail instead.
    if warns:
        raise RuntimeError("typst warned: " + "; ".join(w.message for w in warns))
    return dest


def _line_blocks(text: str) -> list[list[str]]:
    chunks = text.replace("\r\n", "\n").split("\n\n")
    return [lines for chunk in chunks if (lines := [ln.strip() for ln in chunk.split("\n") if ln.strip()])]


def make_issue_pdf(text: str, dest: Path, columns: int = 2, breakable: bool = False, indent: float = 0,
                   head: str = "") -> Path:
    """Render a sample-shaped text into a PDF: each block one paragraph, its lines kept as lines
    (typst wraps the long ones further)."""
    blocks = json.dumps([(lines, bool(re.search(r"[。，,]", "".join(lines)))) for lines in _line_blocks(text)],
                        ensure_ascii=False)
    return _compile(ISSUE_TEMPLATE, dest, {"blocks": blocks, "columns": str(columns),
                                           "breakable": "true" if breakable else "false",
                                           "indent": str(indent), "head": head})


def encrypt_pdf(source: Path, dest: Path, user_password: str, owner_password: str = "owner-secret",
                algorithm: str | None = None) -> Path:
    """A copy of a PDF encrypted by pypdf: RC4-128 by default, or "AES-128", "AES-256" (which
    readers open only with the 'cryptography' package)."""
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm=algorithm)
    with open(dest, "wb") as out:
        writer.write(out)
    return Path(dest)


def make_encrypted_pdf(dest: Path, user_password: str, owner_password: str | None = None,
                       text: str = "青海工运\n\n省委群团改革工作座谈会在西宁召开", algorithm: str | None = None) -> Path:
    """An issue PDF encrypted with pypdf (RC4-128 unless an AES algorithm is given).

    user_password="" with an owner password gives the common "owner-only" protection:
    anyone can open it, editing/copying is flagged as restricted.
    """
    plain = make_issue_pdf(text, Path(dest).with_suffix(".plain.pdf"))
    encrypt_pdf(plain, dest, user_password, owner_password or "owner-secret", algorithm)
    plain.unlink()
    return Path(dest)


def make_owner_only_pdf(dest: Path, text: str = "青海工运\n\n省委群团改革工作座谈会在西宁召开",
                        algorithm: str | None = None) -> Path:
    return make_encrypted_pdf(dest, user_password="", owner_password="owner-secret", text=text, algorithm=algorithm)


# A "scan": each page only drawn shapes and an embedded image, no text at all.
SCAN_TEMPLATE = r"""
#set page(paper: "a4", margin: 2cm)
#for i in range(3) {
  rect(width: 100%, height: 40%, fill: luma(200))
  image(bytes(sys.inputs.svg), format: "svg", width: 60%)
  pagebreak(weak: true)
}
"""
_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
        '<rect width="200" height="100" fill="#888"/><circle cx="50" cy="50" r="40" fill="#222"/></svg>')


def make_scanned_pdf(dest: Path) -> Path:
    return _compile(SCAN_TEMPLATE, dest, {"svg": _SVG})


def make_damaged_pdf(dest: Path) -> Path:
    """The first third of a real PDF: the header is there, the xref table and trailer are not."""
    whole = make_issue_pdf("青海工运\n\n省委群团改革工作座谈会在西宁召开", Path(dest).with_suffix(".whole.pdf"))
    data = whole.read_bytes()
    whole.unlink()
    Path(dest).write_bytes(data[: len(data) // 3])
    return Path(dest)


# Ways one page of an otherwise good PDF is damaged: its content stream no longer inflates,
# stops halfway, or is an object the file does not have.
PAGE_DAMAGE = ("garbled-stream", "truncated-stream", "missing-object")


def damage_page(source: Path, dest: Path, page: int, how: str = "garbled-stream") -> Path:
    """A copy of a PDF with one page's text made unreadable (page counts from 1)."""
    from pypdf.generic import IndirectObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(source))
    target = writer.pages[page - 1]
    if how == "missing-object":
        target[NameObject("/Contents")] = IndirectObject(999999, 0, writer)
    else:
        stream = target["/Contents"].get_object()
        raw = stream._data  # the stream as stored (compressed): damage the bytes, not the text
        stream._data = b"x\x9c" + b"\x00damaged" * 40 if how == "garbled-stream" else raw[: len(raw) // 2]
    with open(dest, "wb") as out:
        writer.write(out)
    return Path(dest)
