"""Read the text layer of a print PDF into the shape of an extracted .txt issue.

The output has one line of the PDF per line and a blank line between blocks
(paragraphs, titles, headings). Lines of a block are NOT joined here: the later
stages do that for .txt and .pdf sources alike.

A block starts where the layout says so:
  * a vertical gap clearly larger than the normal line pitch (paragraph spacing),
  * a jump upward (the next column, or a new text frame higher on the page),
  * a new page,
except that a paragraph runs on over a column or page end when the layout shows it: the
column's last line is full and the next column's first line is not indented, in a layout
that indents the first line of its paragraphs (as Chinese print does). Where the layout
does not indent, a column end tells nothing and the later stages decide from the text.
Page furniture (running heads, folios) between the two does not count.

A page pypdf cannot read (a damaged content stream, a broken font) stops the import with
the page numbers: its text would be lost, and the text around it run together.
"""

from __future__ import annotations

import logging
import re
import statistics
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError

from qhgy.errors import SourceError
from qhgy.i18n import _, ngettext
from qhgy.importer.blocks import is_furniture
from qhgy.importer.patterns import SECTION_LABEL
from qhgy.textnorm import CJK

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
# A line is full when it ends within this many em of its column's right edge: justified
# lines end on it, ragged ones (no justification, a mark kept off the next line) up to ~2 em
# before it.
FULL_SLACK = 2.0
# First lines indented by this many em or more (up to MAX_INDENT), relative to the paragraph's
# second line, in most spaced paragraphs: the layout indents its paragraphs.
MIN_INDENT, MAX_INDENT = 0.75, 4.0
MIN_INDENTED_SHARE = 2 / 3
MIN_PARAGRAPHS = 3

# Sizes differing by more than this share are different type (a title, a caption, a byline).
SIZE_CHANGE = 0.04
# A wrapped line of a list ends at most this many em before its column's edge (ragged, unlike
# justified text).
HANGING_SLACK = 3.0
# A line this close (em) to the layout's first-line indent is indented.
INDENT_SLACK = 0.5
# Without paragraph spacing: at least this share of all lines indented says the layout indents.
MIN_UNSPACED_SHARE = 0.05
# Running heads and folios: an edge line of at most this many characters, one of whose words is
# at that edge of at least this share of the pages (and of at least MIN_EDGE_PAGES).
MAX_EDGE_CHARS = 60
REPEATED_SHARE = 0.3
MIN_EDGE_PAGES = 3

# A line whose Chinese characters nearly all stand apart (of at least MIN_APART neighbours) was
# set wide (justification over few characters, tracking): the spaces are not the text's. Not
# fewer: a masthead or byline pads two-character names (副 主 编:常伟宁 周 慧), and a
# kicker spaces its phrases.
APART_SHARE = 0.9
MIN_APART = 4

# A picture is an image or a filled shape at least this many points (1/72 inch) on each side:
# rules, underlines and table lines are thinner, a photo box of a news page is ~80 pt high.
MIN_PICTURE = 36.0
# A caption's first line stands within this many em under its picture, in type smaller than the
# text's.
CAPTION_GAP = 2.0
# A centred line: its middle within this many em of its column's middle.
CENTRED_SLACK = 1.0


DAMAGED_FIX = "re-export the PDF from the layout program (重新导出 PDF) or import the extracted .txt"


def damaged_fix() -> str:
    """What to do about a damaged PDF (DAMAGED_FIX) in the editor's language."""
    return _("re-export the PDF from the layout program (重新导出 PDF) or import the extracted .txt")


@dataclass
class _Line:
    y: float
    size: float
    text: str
    x0: float = 0.0  # left end of the line
    x1: float = 0.0  # right end of the line (estimated from the font's glyph widths)
    font: str = ""  # the font the line starts in
    end_font: str = ""  # the font it ends in
    start_size: float = 0.0  # the size of its first fragment
    end_size: float = 0.0  # the size of its last


@dataclass
class _Picture:
    """Where a photo (an image, or a filled box standing for one) is printed on a page."""
    x0: float
    y0: float  # bottom
    x1: float
    y1: float  # top


@dataclass
class PdfText:
    """A PDF's text as the text stages read it, and where each line was printed."""
    text: str  # one PDF line per line, a blank line between blocks
    pages: list[int | None]  # the PDF page (from 1) of each line of text (None for a blank line)
    folios: dict[int, int]  # the page number printed on a PDF page, where one is
    captions: set[int] = field(default_factory=set)  # the line (from 1) each photo caption starts on
    repeated: int = 0  # lines dropped as running heads or folios by repeating at the pages' edges


def pdf_to_text(path: Path) -> str:
    """Return the PDF's text: one PDF line per line, a blank line between blocks."""
    return read_pdf(path).text


def read_pdf(path: Path) -> PdfText:
    """The PDF's text, the page of each line and the folios printed on the pages."""
    path = Path(path)
    pages, pictures = _read_pages(path)

    visible = sum(len("".join(line.text.split())) for page in pages for line in page)
    if visible < MIN_CHARS_PER_PAGE * max(len(pages), 1):
        raise SourceError(path, _("is a scan with no text layer (扫描件，没有文字层)"),
                          _("run OCR on it or import the issue's extracted .txt"))

    pitch = _normal_pitch(pages)
    repeated = _repeated_edges(pages, pitch)
    folios = {n: folio for n, page in enumerate(pages, start=1)
              if (folio := _folio([line.text for line in page if line.text in repeated or is_furniture(line.text)]))}
    kept = [[line for line in page if line.text not in repeated] for page in pages]
    dropped = sum(len(page) for page in pages) - sum(len(page) for page in kept)
    pages = kept
    placed = [(n, column) for n, page in enumerate(pages, start=1) for column in _columns(page)]
    columns = [column for _, column in placed]
    indent = _paragraph_indent(columns, pitch)
    body = _body_size(columns)
    blocks: list[list[tuple[str, int]]] = []  # (line, PDF page) of each block
    # Blocks set aside until the next block of text starts, so that a paragraph runs on past them:
    # running heads and folios (dropped later by their form), photo captions (kept by their place).
    furniture: list[list[tuple[str, int]]] = []
    captions: list[list[tuple[str, int]]] = []
    caption_blocks: set[int] = set()
    # The last line of text so far, its column's text, and whether it began its block.
    last: tuple[_Line, list[_Line], bool] | None = None
    began = False  # whether the line of text before began its block
    for page_number, column in placed:
        on_page = pictures[page_number - 1]
        inked = [line for line in column if not is_furniture(line.text)]  # the column's text
        left = min((line.x0 for line in inked), default=0.0)
        # where the column's lines end: a line or two wider than the rest (a centred heading over
        # both columns) does not count
        ends = sorted(line.x1 for line in inked)
        right = ends[int(0.9 * (len(ends) - 1))] if ends else 0.0
        previous = above = None  # the line of text before, the line of any kind before
        caption: _Line | None = None  # the caption line before, while a caption goes on
        for line in column:
            if is_furniture(line.text):
                if not furniture or above is None or above is previous or _starts_block(above, line, pitch):
                    furniture.append([])
                furniture[-1].append((line.text, page_number))
                above = line
                continue
            if caption is not None and not _starts_block(caption, line, pitch) and not _type_changes(caption, line):
                captions[-1].append((line.text, page_number))  # the caption's next line
                caption = above = line
                continue
            caption = None
            if _captions(line, on_page, body):
                captions.append([(line.text, page_number)])
                caption = above = line
                continue
            if previous is None:  # the top of a column: a new block, unless the paragraph runs on
                new = last is None or not _runs_on(*last, line, inked, indent)
            elif _picture_between(previous, line, on_page, left, right):
                # a photo set into the text: the paragraph above it may go on below it
                new = not _runs_on(previous, inked, began, line, inked, indent)
            else:
                # an indented line after a line set at the column's edge that runs (nearly) to its end
                # is the next line of an entry set with a hanging indent (a 目录's wrapped title)
                hanging = (previous.x0 - left < INDENT_SLACK * previous.size
                           and previous.x1 >= right - HANGING_SLACK * previous.size)
                new = (_starts_block(previous, line, pitch) or _type_changes(previous, line)
                       or (_indented(line, left, indent) and not hanging)
                       or (_set_apart(line, left) and not _centred_run_on(previous, line, left, right))
                       or bool(SECTION_LABEL.match(previous.text)) or bool(SECTION_LABEL.match(line.text)))
            if new:
                blocks += furniture
                caption_blocks.update(range(len(blocks), len(blocks) + len(captions)))
                blocks += captions
                furniture, captions = [], []
                blocks.append([])
            blocks[-1].append((line.text, page_number))
            previous = above = line
            began = new
        if previous is not None:
            last = (previous, inked, began)
    blocks += furniture
    caption_blocks.update(range(len(blocks), len(blocks) + len(captions)))
    blocks += captions
    text = "\n\n".join("\n".join(line for line, _ in block) for block in blocks) + "\n"
    lines_pages: list[int | None] = []
    caption_lines: set[int] = set()
    for k, block in enumerate(blocks):
        lines_pages += ([None] if k else [])
        if k in caption_blocks:
            caption_lines.add(len(lines_pages) + 1)
        lines_pages += [page for _, page in block]
    return PdfText(text, lines_pages, folios, caption_lines, dropped)


def _body_size(columns: list[list[_Line]]) -> float:
    """The text's type size: the most common one (titles, headings and captions are fewer lines)."""
    sizes = [round(line.size, 1) for column in columns for line in column if line.size]
    return statistics.mode(sizes) if sizes else 0.0


def _captions(line: _Line, pictures: list[_Picture], body: float) -> bool:
    """A line in type smaller than the text's, standing right under a picture, begins its caption."""
    if not line.size or line.size > (1 - SIZE_CHANGE) * body:
        return False
    middle = (line.x0 + line.x1) / 2
    return any(picture.x0 - line.size <= middle <= picture.x1 + line.size
               and 0 < picture.y0 - line.y <= (CAPTION_GAP + 1) * line.size for picture in pictures)


def _picture_between(previous: _Line, line: _Line, pictures: list[_Picture], left: float, right: float) -> bool:
    return any(line.y < picture.y0 and picture.y1 < previous.y and picture.x0 < right and picture.x1 > left
               for picture in pictures)


def _centred_run_on(previous: _Line, line: _Line, left: float, right: float) -> bool:
    """A centred line under a line of the same type, centred or full, goes on with it: a title or a
    caption wrapped over lines set centred. (The change of type or a gap was tested before.)"""
    middle = (left + right) / 2
    return all(abs((one.x0 + one.x1) / 2 - middle) <= CENTRED_SLACK * one.size for one in (previous, line))


def _folio(edges: list[str]) -> int | None:
    """The page number among a page's running heads and folios: a number standing alone, or at
    either end of a running head (青海工运 2017年第9-10期 48)."""
    for text in edges:
        if m := re.fullmatch(r"\s*(\d{1,3})\s*", text) or re.search(r"(?:^|\s)(\d{1,3})$|^(\d{1,3})\s", text):
            return int(next(g for g in m.groups() if g))
    return None


def _columns(page: list[_Line]) -> list[list[_Line]]:
    """A page's lines cut into runs down the page: a jump back up starts the next column."""
    columns: list[list[_Line]] = []
    for line in page:
        if not columns or columns[-1][-1].y - line.y <= 0:
            columns.append([])
        columns[-1].append(line)
    return columns


def _paragraph_indent(columns: list[list[_Line]], pitch: float) -> float | None:
    """The first-line indent (em) of the layout's paragraphs, or None if it does not indent them.

    Learned from paragraphs that spacing sets apart inside a column: how far their first line
    starts right of their second; in a layout that sets no space between paragraphs, from how
    far lines start right of their column's edge."""
    body = _body_size(columns)  # titles and headings are not paragraphs
    offsets = []
    for column in columns:
        starts = [n for n in range(1, len(column)) if _starts_block(column[n - 1], column[n], pitch)]
        for n in starts:
            if (n + 1 < len(column) and not _starts_block(column[n], column[n + 1], pitch) and column[n].size
                    and abs(column[n].size - body) <= SIZE_CHANGE * body):
                offsets.append((column[n].x0 - column[n + 1].x0) / column[n].size)
    # A first line left of its second is an entry set with a hanging indent (a 目录), no paragraph.
    offsets = [o for o in offsets if o > -MIN_INDENT]
    if len(offsets) < MIN_PARAGRAPHS:
        # Too few paragraphs set apart by spacing to learn from: a layout that sets none
        return _unspaced_indent(columns)
    indented = [o for o in offsets if MIN_INDENT <= o <= MAX_INDENT]
    if len(indented) < MIN_PARAGRAPHS or len(indented) < MIN_INDENTED_SHARE * len(offsets):
        return None
    return statistics.median(indented)


def _runs_on(previous: _Line, previous_column: list[_Line], began: bool, line: _Line, column: list[_Line],
             indent: float | None) -> bool:
    """Does the paragraph at the end of one column go on at the top of the next?

    Only a layout that indents its paragraphs tells: then a full last line followed by a line
    that is not indented (in the same type) is one paragraph running on. The last line must be
    of a paragraph: a line of its own that is not indented is a title or a caption."""
    if indent is None or len(previous_column) < 2 or len(column) < 2:
        return False
    if previous.end_font != line.font or abs(previous.size - line.size) > 0.05 * max(line.size, 1.0):
        return False  # the type changes: a title, a caption, a heading in bold

    def indented(one: _Line, among: list[_Line]) -> bool:
        return one.x0 - min(other.x0 for other in among) >= indent / 2 * one.size

    full = previous.x1 >= max(other.x1 for other in previous_column) - FULL_SLACK * previous.size
    return full and not indented(line, column) and (not began or indented(previous, previous_column))


class _Collect(logging.Handler):
    """Keeps what pypdf reports about damage while a page is read."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _pypdf_loggers() -> list[logging.Logger]:
    return [log for name, log in logging.Logger.manager.loggerDict.items()
            if (name == "pypdf" or name.startswith("pypdf.")) and isinstance(log, logging.Logger)]


def _read_pages(path: Path) -> tuple[list[list[_Line]], list[list[_Picture]]]:
    """Open the PDF (decrypting an owner-only password) and collect each page's lines and pictures.

    pypdf reports damage it works around through logging and warnings: collected here (and
    kept off stderr), so that a page whose text could not be read fully stops the import."""
    pypdf_log = logging.getLogger("pypdf")
    collect = _Collect()
    saved = pypdf_log.level, pypdf_log.propagate
    pypdf_log.addHandler(collect)
    pypdf_log.setLevel(logging.WARNING)
    pypdf_log.propagate = False
    # Every report must reach the collector, the tenth like the first: a filter another library
    # put on pypdf's loggers (Pelican's log de-duplication, once Pelican is imported) would let
    # a damaged page whose report repeats an earlier one pass as readable.
    filtered = {log: log.filters[:] for log in _pypdf_loggers()}
    for log in filtered:
        log.filters.clear()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            reader = _open(path)
            # Damage repaired while opening (a wrong xref offset) loses no text by itself;
            # the pages say whether text is lost.
            collect.messages.clear()
            caught.clear()
            pages, pictures, unreadable = [], [], []
            widths = _Widths(collect)
            for number, page in enumerate(reader.pages, start=1):
                fragments: list[tuple[float, float, float, float, str, str]] = []
                drawn = _Drawing(page)
                try:
                    page.extract_text(visitor_operand_before=drawn.operation,
                                      visitor_text=lambda text, cm, tm, font, size:
                                      fragments.append(_fragment(text, cm, tm, font, size, widths)))
                except Exception as error:  # noqa: BLE001 — pypdf raises many types on a damaged page
                    collect.messages.append(f"{type(error).__name__}: {error}")
                problems = collect.messages + [str(w.message) for w in caught]
                if problems:
                    unreadable.append((number, problems[0]))
                collect.messages.clear()
                caught.clear()
                pages.append(_lines(fragments))
                pictures.append(drawn.pictures)
    except SourceError:
        raise
    except Exception as error:  # pypdf reports damage in many exception types, not only PdfReadError
        raise SourceError(path, _("is not a readable PDF ({error})").format(error=f"{type(error).__name__}: {error}"),
                          damaged_fix()) from None
    finally:
        pypdf_log.removeHandler(collect)
        pypdf_log.setLevel(saved[0])
        pypdf_log.propagate = saved[1]
        for log, filters in filtered.items():
            log.filters[:] = filters
    if unreadable:
        numbers = _(", ").join(str(n) for n, _problem in unreadable)
        detail = " ".join(unreadable[0][1].split())[:120]
        problem = ngettext("page {pages} of {total} cannot be read (pypdf: {detail}), so its text would be lost",
                           "pages {pages} of {total} cannot be read (pypdf: {detail}), so their text would be lost",
                           len(unreadable))
        raise SourceError(path, problem.format(pages=numbers, total=len(pages), detail=detail), damaged_fix())
    return pages, pictures


class _Drawing:
    """The pictures a page draws: images placed on it, and filled shapes big enough to be a photo's
    box (a layout's placeholder, a photo drawn as vector art). Read from the content stream's
    operators as pypdf's text extraction walks it, with the transformation matrix then current."""

    FILL = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}

    def __init__(self, page) -> None:
        self.pictures: list[_Picture] = []
        self.path: list[tuple[float, float]] = []
        try:
            self.xobjects = page["/Resources"]["/XObject"].get_object()
        except (KeyError, TypeError, AttributeError):
            self.xobjects = {}

    def operation(self, operator: bytes, operands: list, cm: list[float], tm: list[float]) -> None:
        try:
            numbers = [float(n) for n in operands] if operator in (b"re", b"m", b"l", b"c", b"v", b"y") else []
        except (TypeError, ValueError):
            return
        if operator == b"re" and len(numbers) == 4:
            x, y, w, h = numbers
            self.path += [_apply(cm, x, y), _apply(cm, x + w, y + h), _apply(cm, x, y + h), _apply(cm, x + w, y)]
        elif numbers:
            self.path += [_apply(cm, numbers[k], numbers[k + 1]) for k in range(0, len(numbers) - 1, 2)]
        elif operator in self.FILL:
            self._add(self.path)
            self.path = []
        elif operator in (b"n", b"S", b"s"):
            self.path = []  # a clip or a stroked line: no picture
        elif operator == b"Do" and operands:
            xobject = self.xobjects.get(operands[0]) if hasattr(self.xobjects, "get") else None
            if xobject is not None and xobject.get_object().get("/Subtype") == "/Image":
                self._add([_apply(cm, 0, 0), _apply(cm, 1, 1), _apply(cm, 0, 1), _apply(cm, 1, 0)])

    def _add(self, points: list[tuple[float, float]]) -> None:
        if not points:
            return
        xs, ys = [x for x, _ in points], [y for _, y in points]
        if max(xs) - min(xs) >= MIN_PICTURE and max(ys) - min(ys) >= MIN_PICTURE:
            self.pictures.append(_Picture(min(xs), min(ys), max(xs), max(ys)))


def _apply(cm: list[float], x: float, y: float) -> tuple[float, float]:
    return cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]


def _open(path: Path) -> PdfReader:
    reader = PdfReader(path)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError:
            # AES needs the 'cryptography' package, a dependency of the project: a broken installation.
            raise SourceError(path, _("is encrypted with AES, and the Python package 'cryptography' that reads "
                                "it is missing from this installation"),
                              _("run 'bash scripts/setup.sh' again, or import the extracted .txt")) from None
        if not opened:
            raise SourceError(path, _("is protected by a password needed to open it (PDF 有打开密码)"),
                              _("ask the layout office for a PDF without an open password, or import the .txt"))
    return reader


class _Widths:
    """Glyph widths of the PDF's fonts (in em), to know where a line ends."""

    def __init__(self, collect: _Collect) -> None:
        self.fonts: dict[int, tuple[dict, dict, float] | None] = {}
        self.collect = collect

    def em(self, font, text: str) -> float:
        key = id(font)
        if key not in self.fonts:
            reported = len(self.collect.messages)
            self.fonts[key] = self._load(font)
            # What pypdf says about a font's widths is no lost text: only the estimate is rougher.
            del self.collect.messages[reported:]
        known = self.fonts[key]
        if known is None:
            return sum(_guess(ch) for ch in text)
        widths, codes, default = known
        return sum(widths.get(codes.get(ch), default) / 1000 if ch in codes else _guess(ch) for ch in text)

    @staticmethod
    def _load(font):
        if font is None:
            return None
        try:
            from pypdf.generic._font import Font  # the glyph widths pypdf reads for its layout mode

            parsed = Font.from_font_resource(font)
            codes = {char: code for code, char in parsed.character_map.items() if isinstance(char, str)}
            return parsed.character_widths, codes, float(parsed.character_widths.get("default", 1000))
        except Exception:  # noqa: BLE001 — an odd font: estimate its widths instead
            return None


def _guess(ch: str) -> float:
    """A glyph's width without the font's metrics: Chinese characters and full-width marks are 1 em."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5


def _fragment(text: str, cm: list[float], tm: list[float], font, size: float,
              widths: _Widths) -> tuple[float, float, float, float, str, str]:
    x, y, rendered = _place(cm, tm, size)
    clean = text.replace("\n", "")
    name = str(font.get("/BaseFont", "")) if font is not None else ""
    return x, y, rendered, x + widths.em(font, clean) * rendered, text, name


def _place(cm: list[float], tm: list[float], size: float) -> tuple[float, float, float]:
    """Start, baseline height and rendered font size of a text fragment (text matrix × CTM)."""
    a = tm[0] * cm[0] + tm[1] * cm[2]
    b = tm[0] * cm[1] + tm[1] * cm[3]
    c = tm[2] * cm[0] + tm[3] * cm[2]
    d = tm[2] * cm[1] + tm[3] * cm[3]
    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    return x, y, abs(size) * abs(a * d - b * c) ** 0.5


def _lines(fragments: list[tuple[float, float, float, float, str, str]]) -> list[_Line]:
    """Group fragments, in content-stream order, into lines by their baseline.

    pypdf's own '\\n' (it guesses line ends too) is dropped: the baselines decide.
    """
    lines: list[_Line] = []
    for x, y, size, right, text, font in fragments:
        text = text.replace("\n", "")
        if not text:
            continue
        last = lines[-1] if lines else None
        if last and abs(last.y - y) <= SAME_LINE * max(size, last.size, 1.0):
            if not last.text.strip():
                last.x0 = x
            last.text += text
            last.size = max(last.size, size)
            last.x1 = max(last.x1, right)
            last.font = last.font or font
            last.end_font = font
            last.end_size = size
        else:
            lines.append(_Line(y, size, text, x, right, font, font, size, size))
    for line in lines:
        stripped = line.text.lstrip()
        if len(stripped) < len(line.text):  # leading spaces are not where the ink starts
            line.x0 += _guess(" ") * line.size * (len(line.text) - len(stripped))
        line.text = _unspace(_unradical(line.text.strip()))
    return [line for line in lines if line.text]


# Radicals for characters: some PDF writers (Chromium's, for one) map a character's glyph to the
# radical that looks the same (⽬ U+2F6C for 目, ⻘ U+2ED8 for 青), which no search or reader takes
# for the character. Kangxi radicals have their character as compatibility form; of the
# supplement, those that stand for a whole simplified character are listed (after Unicode's
# CJKRadicals.txt).
_RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fd5]")
_SUPPLEMENT = dict(zip("⺠⻄⻅⻆⻉⻊⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻬⻮⻰", "民西见角贝足车长门青韦页风飞食马骨鬼鱼鸟卤麦黄齐齿龙"))


def _unradical(text: str) -> str:
    return _RADICALS.sub(lambda m: _SUPPLEMENT.get(m.group(), unicodedata.normalize("NFKC", m.group())), text)


_APART = re.compile(f"(?<=[{CJK}]) (?=[{CJK}])")
_SPACED_LETTERS = re.compile(r"^\S(?: {1,2}\S){3,}$")


def _unspace(text: str) -> str:
    """Undo the spaces pypdf reads into a line set wide: a justified line stretched over a short
    text, or type set with tracking (最 直 接 最, Q I N G  H A I). Chinese characters nearly all of
    whose neighbours stand apart are joined; letters standing apart one by one make words again (two
    spaces were a word space). A space a line really has (between the phrases of a kicker) stays."""
    if _SPACED_LETTERS.match(text) and all(len(t) == 1 for t in text.split()):
        return " ".join(word.replace(" ", "") for word in text.split("  "))
    neighbours = len(re.findall(f"[{CJK}] ?(?=[{CJK}])", text))
    apart = len(_APART.findall(text))
    if neighbours >= MIN_APART and apart >= APART_SHARE * neighbours:
        return _APART.sub("", text)
    return text


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


def _family(font: str) -> str:
    """A font's family from its PDF name: ABCDEF+NotoSansCJKsc-Bold → NotoSansCJKsc."""
    return font.lstrip("/").split("+")[-1].split("-")[0].split(",")[0]


def _type_changes(previous: _Line, line: _Line) -> bool:
    """A change of size or of typeface family from the end of one line to the start of the next
    starts a block: titles, kickers, bylines, headings and captions are set in other type than
    the text. Bold and regular of one family are not told
    apart: a paragraph may run on after a bold run-in (**一是…。**) at a line end."""
    before, after = previous.end_size or previous.size, line.start_size or line.size
    if abs(before - after) > SIZE_CHANGE * max(before, after):
        return True
    return bool(previous.end_font and line.font) and _family(previous.end_font) != _family(line.font)


def _indented(line: _Line, left: float, indent: float | None) -> bool:
    """In a layout that indents its paragraphs, a line starting by that indent right of its
    column's edge begins a paragraph, spacing or not."""
    if indent is None or not line.size:
        return False
    return abs((line.x0 - left) / line.size - indent) <= INDENT_SLACK


def _set_apart(line: _Line, left: float) -> bool:
    """A line starting further right than any paragraph indent is set apart from the text: flush
    right (an attribution, （省总研究室）) or centred (a dateline, a caption). The text's own lines
    start at the column's edge or at the indent."""
    return bool(line.size) and (line.x0 - left) / line.size > MAX_INDENT


def _unspaced_indent(columns: list[list[_Line]]) -> float | None:
    """The first-line indent (em) of a layout that sets no space between paragraphs: most lines
    start at their column's edge, and a good share of the others the same few em right of it."""
    offsets, lines = [], 0
    for column in columns:
        if len(column) < 4:
            continue
        left = min(line.x0 for line in column)
        lines += len(column)
        offsets += [(line.x0 - left) / line.size for line in column if line.size]
    indented = [o for o in offsets if MIN_INDENT <= o <= MAX_INDENT]
    if len(indented) < MIN_PARAGRAPHS or len(indented) < MIN_UNSPACED_SHARE * lines:
        return None
    middle = statistics.median(indented)
    alike = [o for o in indented if abs(o - middle) <= INDENT_SLACK]
    return middle if len(alike) >= MIN_INDENTED_SHARE * len(indented) else None


def _parts(text: str) -> list[str]:
    """The words of a running head or folio, digits made alike (page 12 and page 47 match)."""
    return [part for part in re.split(r"[\s＜＞<>|·•]+", re.sub(r"\d", "0", text)) if part]


def _repeated_edges(pages: list[list[_Line]], pitch: float) -> set[str]:
    """Running heads and folios in whatever form the layout prints them: a line at the top or
    the bottom of a page, set apart from the text, one of whose words (digits aside) is at that
    edge of many pages."""
    edges = []
    for page in pages:
        if len(page) < 3:
            continue
        by_height = sorted(page, key=lambda line: -line.y)
        for place, edge, neighbour in (("top", by_height[0], by_height[1]), ("bottom", by_height[-1], by_height[-2])):
            apart = abs(edge.y - neighbour.y) > GAP_FACTOR * pitch * max(edge.size, neighbour.size, 1.0)
            if apart and len(edge.text) <= MAX_EDGE_CHARS:
                edges.append((place, edge.text))
    counts = Counter((place, part) for place, text in edges for part in set(_parts(text)))
    often = max(MIN_EDGE_PAGES, REPEATED_SHARE * len(pages))
    return {text for place, text in edges if any(counts[place, part] >= often for part in _parts(text))}


def _starts_block(previous: _Line, line: _Line, pitch: float) -> bool:
    drop = previous.y - line.y  # PDF y grows upward: a positive drop is the next line down
    if drop <= 0:
        return True  # back up the page: the next column or another text frame
    return drop > GAP_FACTOR * pitch * line.size
