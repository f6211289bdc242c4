"""Read the text layer of a print PDF into the shape of an extracted .txt issue.

The output has one line of the PDF per line and a blank line between blocks
(paragraphs, titles, headings). Lines of a block are NOT joined here: the later
stages do that for .txt and .pdf sources alike.

A block starts where the layout says so:
  * a vertical gap clearly larger than the normal line pitch (paragraph spacing),
  * a jump upward (the next column, or a new text frame higher on the page),
  * a new page.
"""

from __future__ import annotations

import logging
import statistics
import warnings
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError

from qhgy.errors import SourceError

# A gap this many times the normal pitch is paragraph spacing, not leading.
# Layout programs put at least ~1.5 lines between spaced paragraphs; ~1.0 inside one.
GAP_FACTOR = 1.3
# Fragments whose baselines differ by less than this share of the font size are one line
# (sub/superscripts, small baseline shifts of mixed fonts).
SAME_LINE = 0.3
# Below this many line-to-line steps the most common one says little about the leading,
# and the usual body leading (in em) is assumed instead.
MIN_STEPS = 10
USUAL_PITCH = 1.4
# Fewer visible characters than this per page on average: the PDF is a scan
# (a page number or a stamp may be text, the articles are not).
MIN_CHARS_PER_PAGE = 20

DAMAGED_FIX = "re-export the PDF from the layout program (重新导出 PDF) or import the extracted .txt"


@dataclass
class _Line:
    y: float
    size: float
    text: str


def pdf_to_text(path: Path) -> str:
    """Return the PDF's text: one PDF line per line, a blank line between blocks."""
    path = Path(path)
    # pypdf reports recoverable damage through logging and warnings; the import report,
    # not stderr, is where an editor reads about the source, so keep pypdf quiet.
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pages = _read_pages(path)
    finally:
        pypdf_log.setLevel(level)

    visible = sum(len("".join(line.text.split())) for page in pages for line in page)
    if visible < MIN_CHARS_PER_PAGE * max(len(pages), 1):
        raise SourceError(path, "is a scan with no text layer (扫描件，没有文字层)",
                          "run OCR on it or import the issue's extracted .txt")

    pitch = _normal_pitch(pages)
    blocks: list[list[str]] = []
    for page in pages:
        previous = None  # a new page always starts a block
        for line in page:
            if previous is None or _starts_block(previous, line, pitch):
                blocks.append([])
            blocks[-1].append(line.text)
            previous = line
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _read_pages(path: Path) -> list[list[_Line]]:
    """Open the PDF (decrypting an owner-only password) and collect each page's lines."""
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(path, "is protected by a password needed to open it (PDF 有打开密码)",
                              "ask the layout office for a PDF without an open password, or import the .txt")
        pages = []
        for page in reader.pages:
            fragments: list[tuple[float, float, str]] = []
            page.extract_text(visitor_text=lambda text, cm, tm, font, size:
                              fragments.append((*_place(cm, tm, size), text)))
            pages.append(_lines(fragments))
        return pages
    except SourceError:
        raise
    except DependencyError:
        # AES encryption needs the 'cryptography' package, which the project does not ship.
        raise SourceError(path, "is encrypted in a way pypdf cannot read without extra packages",
                          "save it again without protection (取消 PDF 加密) or import the .txt") from None
    except Exception as error:  # pypdf reports damage in many exception types, not only PdfReadError
        raise SourceError(path, f"is not a readable PDF ({type(error).__name__}: {error})",
                          DAMAGED_FIX) from None


def _place(cm: list[float], tm: list[float], size: float) -> tuple[float, float]:
    """Baseline height and rendered font size of a text fragment (text matrix × CTM)."""
    a = tm[0] * cm[0] + tm[1] * cm[2]
    b = tm[0] * cm[1] + tm[1] * cm[3]
    c = tm[2] * cm[0] + tm[3] * cm[2]
    d = tm[2] * cm[1] + tm[3] * cm[3]
    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    return y, abs(size * (a * d - b * c)) ** 0.5 if size else 0.0


def _lines(fragments: list[tuple[float, float, str]]) -> list[_Line]:
    """Group fragments, in content-stream order, into lines by their baseline.

    pypdf's own '\\n' (it guesses line ends too) is dropped: the baselines decide.
    """
    lines: list[_Line] = []
    for y, size, text in fragments:
        text = text.replace("\n", "")
        if not text:
            continue
        last = lines[-1] if lines else None
        if last and abs(last.y - y) <= SAME_LINE * max(size, last.size, 1.0):
            last.text += text
            last.size = max(last.size, size)
        else:
            lines.append(_Line(y, size, text))
    for line in lines:
        line.text = line.text.strip()
    return [line for line in lines if line.text]


def _normal_pitch(pages: list[list[_Line]]) -> float:
    """The usual baseline-to-baseline distance, as a multiple of the font size.

    Body text dominates an issue, so the most common step down between lines is the
    leading inside paragraphs; rounding to 0.05 em lets nearly equal steps count together.
    """
    steps = [round((a.y - b.y) / b.size / 0.05) * 0.05
             for page in pages for a, b in zip(page, page[1:])
             if b.size and a.y > b.y]
    if len(steps) < MIN_STEPS:
        # Too few lines to learn the leading from (a short PDF): assume ordinary
        # body leading, or the smallest step seen if the text sets lines closer.
        return min([USUAL_PITCH, *steps])
    return statistics.mode(steps)


def _starts_block(previous: _Line, line: _Line, pitch: float) -> bool:
    drop = previous.y - line.y  # PDF y grows upward: a positive drop is the next line down
    if drop <= 0:
        return True  # back up the page: the next column or another text frame
    return drop > GAP_FACTOR * pitch * line.size
