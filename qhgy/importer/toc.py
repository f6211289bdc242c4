"""Stage 2: find the 目录 (table of contents) and read the issue label, sections and entries."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from qhgy.errors import TocError
from qhgy.i18n import _
from qhgy.importer.blocks import is_furniture
from qhgy.journal import UNSECTIONED
from qhgy.textnorm import has_han, join_lines

TOC_HEADING = re.compile(r"^\s*目\s*录(?:[\s（(]|$)")
ISSUE_LABEL = re.compile(r"((?:19|20)\d{2})\s*年\s*第\s*(\d{1,2}(?:\s*[-－—–]\s*\d{1,2})?)\s*期")
PUBLICATION_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*出版")
# "- 03 标题 //作者" as extracted, "03 标题", or "标题……03" with dot leaders.
# A PDF line wrapped at the space after the number loses it ("- 05王国生"): a title not starting
# with a digit may follow the number directly.
ENTRY_LEADING = re.compile(r"^[-•·]?\s*(\d{1,3})(?:\s+(\S.*)|([^\d\s.．、].*))$")
SUBCOLUMN = re.compile(r"^[●◆■▲★☆○◇]\s*(\S.*)$")
COVER_CREDIT = re.compile(r"^封\s*面(?:\s*(?:摄影|图片|照片|题图|图))?\s*[:：]\s*(.*)$")
PHOTO_CREDIT = re.compile(r"^(\S.{0,20}?)\s*(?:摄|摄影|供图)$")


@dataclass
class TocEntry:
    page: int
    title: str
    authors: list[str]
    section: str
    subcolumn: str | None
    line: int  # 1-based line of the source where the entry is printed
    continued: bool = False  # the title was printed over two lines of the 目录


@dataclass
class Toc:
    year: str
    number: str
    date: dt.date | None
    label: str
    sections: list[dict]
    entries: list[TocEntry]
    cover_caption: str = ""
    cover_credit: str = ""
    start: int = 0  # index of the 目录 heading line
    end: int = 0  # index of the first line after the 目录
    notes: list[str] = field(default_factory=list)


def split_names(text: str) -> list[str]:
    """Split a list of personal names; 'X Y' padded names (李 忠) are joined again."""
    tokens = [t for t in re.split(r"[\s、，,;；/]+", text.strip()) if t]
    names: list[str] = []
    pending = ""
    for token in tokens:
        if pending:
            names.append(pending + token)
            pending = ""
        elif len(token) == 1:
            pending = token
        else:
            names.append(token)
    if pending:
        names.append(pending)
    return names


MAX_ENTRY_CHARS = 80  # a 目录 line; a longer line is running text (the body has begun)
TRAILING_PAGE = re.compile(r"(?<!\d)(\d{1,3})$")
# The last line of an entry whose page number follows dot leaders ("示……03", "2020年）. . . .13").
_TRAILING_ENTRY = re.compile(r"^.*?[.…·・]\s*\d{1,3}$")
# The first line of a wrapped entry fills a 目录 column: no section name is this long.
MIN_WRAPPED_CHARS = 10


def _parse_entry(line: str) -> tuple[int, str] | None:
    """(page, 'title //authors') of a 目录 line, whichever side its page number is printed on."""
    line = line.strip()
    leaders_squeezed = re.sub(r"(?:[.…·・]\s*){2,}", "…", line)  # dot leaders fill a line, not its text
    if line.startswith("//") or len(leaders_squeezed) > MAX_ENTRY_CHARS or re.search(r"[。；;]$", line):
        return None
    # The page after the title first: "70年来的职工书屋……05", "标题……05 //作者", "标题 //作者……05".
    text, mark, names = line.partition("//")
    found = _trailing_page(text.rstrip(), line)
    if found is None and mark:
        found = _trailing_page(line, line)
        if found is not None:
            text, _, names = found[1].partition("//")
            found = found[0], text
    if found is not None:
        return found[0], found[1].strip() + (f" //{names.strip()}" if mark else "")
    m = ENTRY_LEADING.match(line)
    if m:
        return int(m.group(1)), (m.group(2) or m.group(3)).strip()
    return None


def _trailing_page(text: str, line: str) -> tuple[int, str] | None:
    """(page, what stands before it) when text ends with a page number after the title. Found by hand,
    not by one regex: a long run of spaces would make a backtracking pattern take seconds per line.
    A title may itself begin with digits: dot leaders say the number is a page for sure, a bare
    space only when no page number leads the line."""
    m = TRAILING_PAGE.search(text)
    if not m:
        return None
    head = text[: m.start()]
    before = head.rstrip(" \t.…·・")
    separator = head[len(before):]
    leaders = bool(re.search(r"[.…·・]", separator))
    title = before.partition("//")[0].strip()
    if title and separator and has_han(title) and (leaders or not ENTRY_LEADING.match(line)):
        return int(m.group(1)), before
    return None


def _wrapped_entry(lines: list[str], i: int) -> tuple[int, str] | None:
    """An entry whose title wraps and whose page number follows on its last line, after dot
    leaders: "习近平总书记关于群团工作和群团改革的重要指" + "示……03". The first line is the
    longer one: a short line over an entry is a section heading ("工作指导" + "青海省……13")."""
    line = lines[i].strip()
    if i + 1 >= len(lines) or _parse_entry(line) is not None or len(line) < MIN_WRAPPED_CHARS:
        return None
    nxt = lines[i + 1].strip()
    entry = _parse_entry(nxt)
    if entry is None or not _TRAILING_ENTRY.match(nxt):
        return None
    page, rest = entry
    more, mark, names = rest.partition("//")
    if len(more.strip()) >= len(line):
        return None
    return page, join_title(line, more.strip()) + (f" //{names.strip()}" if mark else "")


def _entry_at(lines: list[str], i: int) -> tuple[int, str] | None:
    return _parse_entry(lines[i].strip()) or _wrapped_entry(lines, i)


def _still_toc(lines: list[str], i: int) -> bool:
    """Is the line after i still part of a 目录 (an entry, an author mark, a sub-column)?"""
    nxt = _next_listed(lines, i + 1)
    if nxt is None:
        return False
    following = lines[nxt].strip()
    return _entry_at(lines, nxt) is not None or following.startswith("//") or bool(SUBCOLUMN.match(following))


def _next_nonblank(lines: list[str], i: int) -> int | None:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i if i < len(lines) else None


def _is_toc_furniture(line: str) -> bool:
    """Where the 目录 runs over a page: the folio, the running head, '目录（续）'."""
    return is_furniture(line) or bool(TOC_HEADING.match(line) and not ISSUE_LABEL.search(line))


def _next_listed(lines: list[str], i: int) -> int | None:
    """The next line that may be part of the 目录: past blank lines and page furniture."""
    while (i := _next_nonblank(lines, i)) is not None:
        if not _is_toc_furniture(lines[i].strip()):
            return i
        i += 1
    return None


def find_toc_heading(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if TOC_HEADING.match(line)), None)


def _read_heading(lines: list[str], path: Path, start: int, date_override: dt.date | None) -> Toc:
    """The issue label and publication date printed on or under the 目录 heading."""
    head = " ".join(lines[start:start + 4])
    label_m = ISSUE_LABEL.search(head)
    if not label_m:
        raise TocError(path, _("the 目录 heading has no issue label such as '2017年第9-10期'"),
                       _("add the label to the 目录 heading line and re-run the import"), line=start + 1)
    year = label_m.group(1)
    # As printed, without zero padding: 第05期 and 第5期 are one issue, /2018/5/.
    number = "-".join(str(int(part)) for part in re.split(r"\s*[-－—–]\s*", label_m.group(2)))
    date = date_override
    if date is None:
        date_m = PUBLICATION_DATE.search(head)
        if not date_m:
            raise TocError(path, _("the 目录 gives no publication date such as '(2017年10月10日出版)'"),
                           _("give it with --date YYYY-MM-DD"), line=start + 1)
        try:
            date = dt.date(*(int(g) for g in date_m.groups()))
        except ValueError:
            raise TocError(path, _("the publication date '{date}' is not a real date").format(date=date_m.group(0)),
                           _("correct it in the source or give --date YYYY-MM-DD"), line=start + 1) from None
    return Toc(year=year, number=number, date=date, label=f"{year}年第{number}期",
               sections=[], entries=[], start=start)


@dataclass
class _Reading:
    """Where the reading of a 目录 stands, line by line."""

    lines: list[str]
    toc: Toc
    known_sections: frozenset[str]
    section: dict | None = None
    subcolumn: str | None = None
    last: TocEntry | None = None  # the last entry read
    under_entry: bool = False  # the lines since the last entry continue it: no blank line, no section between

    def open_section(self, name: str) -> None:
        self.section = {"name": name, "subcolumns": []}
        self.toc.sections.append(self.section)
        self.subcolumn = None
        self.under_entry = False


# Each kind of 目录 line: a test (reading, index, stripped line) and a handler that reads the line
# and returns the index of the last line it used. The first kind whose test holds reads the line;
# the order matters (an entry before a title's second line, a known section before it too).

def _is_blank(r: _Reading, i: int, line: str) -> bool:
    return not line


def _end_entry(r: _Reading, i: int, line: str) -> int:
    r.under_entry = False  # a blank line: the next line starts something new
    return i


def _is_label_line(r: _Reading, i: int, line: str) -> bool:
    """The label or date printed on a line of its own under 目录."""
    return (i <= r.toc.start + 3 and bool(ISSUE_LABEL.search(line) or PUBLICATION_DATE.search(line))
            and not r.toc.entries)


def _is_page_furniture(r: _Reading, i: int, line: str) -> bool:
    return _is_toc_furniture(line)


def _skip(r: _Reading, i: int, line: str) -> int:
    return i


def _is_entry(r: _Reading, i: int, line: str) -> bool:
    entry = _parse_entry(line)
    if entry is None or r.last is None or entry[0] >= r.last.page:
        return entry is not None
    # A 目录 runs in page order: a smaller number is the body's first line, unless the
    # 目录 goes on after it (a misprinted page, a section listed out of page order).
    return _still_toc(r.lines, i)


def _read_entry(r: _Reading, i: int, line: str, entry: tuple[int, str] | None = None) -> int:
    page, rest = entry or _parse_entry(line)
    if r.last is not None and page < r.last.page:
        r.toc.notes.append(_("line {line}: page {page} comes after page {previous} in the 目录; check the page "
                             "numbers").format(line=i + 1, page=page, previous=r.last.page))
    title, _sep, names = rest.partition("//")
    if r.section is None:
        r.section = {"name": UNSECTIONED, "subcolumns": []}
        r.toc.sections.append(r.section)
        r.toc.notes.append(_("line {line}: 目录 entries before any section heading are filed under '{section}'; "
                             "give them their section by hand").format(line=i + 1, section=UNSECTIONED))
    r.last = TocEntry(page=page, title=title.strip(), authors=split_names(names), section=r.section["name"],
                      subcolumn=r.subcolumn, line=i + 1)
    r.toc.entries.append(r.last)
    r.under_entry = True
    return i


def _is_wrapped_entry(r: _Reading, i: int, line: str) -> bool:
    return _wrapped_entry(r.lines, i) is not None and (r.last is None or _wrapped_entry(r.lines, i)[0] >= r.last.page
                                                        or _still_toc(r.lines, i + 1))


def _read_wrapped_entry(r: _Reading, i: int, line: str) -> int:
    _read_entry(r, i, line, _wrapped_entry(r.lines, i))
    r.last.continued = True
    return i + 1


def _is_author_line(r: _Reading, i: int, line: str) -> bool:
    return line.startswith("//") and r.last is not None


def _read_authors(r: _Reading, i: int, line: str) -> int:
    r.last.authors += split_names(line[2:])
    return i


def _is_subcolumn(r: _Reading, i: int, line: str) -> bool:
    return bool(SUBCOLUMN.match(line)) and r.section is not None


def _read_subcolumn(r: _Reading, i: int, line: str) -> int:
    r.subcolumn = SUBCOLUMN.match(line).group(1).strip()
    r.section["subcolumns"].append(r.subcolumn)
    return i


def _is_cover_credit(r: _Reading, i: int, line: str) -> bool:
    return bool(COVER_CREDIT.match(line))


def _read_cover_credit(r: _Reading, i: int, line: str) -> int:
    """"封面：…" and, on the next line, who took the photo ("张三 摄")."""
    r.toc.cover_caption = COVER_CREDIT.match(line).group(1).strip()
    nxt = _next_nonblank(r.lines, i + 1)
    if nxt is not None and PHOTO_CREDIT.match(r.lines[nxt].strip()):
        r.toc.cover_credit = r.lines[nxt].strip()
        return nxt
    return i


def _is_wrapped_name(r: _Reading, i: int, line: str) -> bool:
    """The author's name wrapped after '//' (a narrow column): "//李" + "忠"."""
    return (r.under_entry and r.last is not None and "//" in r.lines[i - 1] and "//" not in line
            and len(line) <= 8)


def _read_wrapped_name(r: _Reading, i: int, line: str) -> int:
    if r.last.authors and (len(r.last.authors[-1]) == 1 or len(line) == 1):
        r.last.authors[-1] += line.strip()
    else:
        r.last.authors += split_names(line)
    return i


def _is_known_section_under_entry(r: _Reading, i: int, line: str) -> bool:
    return r.under_entry and r.last is not None and _is_section_name(line, r.known_sections)


def _read_known_section(r: _Reading, i: int, line: str) -> int:
    r.toc.notes.append(_("line {number}: took '{line}' straight under an entry as a section heading").format(
        number=i + 1, line=line))
    r.open_section(line)
    return i


def _continues_title(r: _Reading, i: int, line: str) -> bool:
    """A line straight under an entry, with no blank line between, continues its title."""
    return r.under_entry and r.last is not None


def _read_title_continuation(r: _Reading, i: int, line: str) -> int:
    more, _, names = line.partition("//")
    r.last.title = join_title(r.last.title, more.strip())
    r.last.authors += split_names(names)
    r.last.continued = True
    return i


def _is_section_heading(r: _Reading, i: int, line: str) -> bool:
    return _looks_like_section(r.lines, i)


def _read_section(r: _Reading, i: int, line: str) -> int:
    r.open_section(line)
    return i


_LINE_KINDS = (
    (_is_blank, _end_entry),
    (_is_label_line, _skip),
    (_is_page_furniture, _skip),
    (_is_entry, _read_entry),
    (_is_wrapped_entry, _read_wrapped_entry),
    (_is_author_line, _read_authors),
    (_is_subcolumn, _read_subcolumn),
    (_is_cover_credit, _read_cover_credit),
    (_is_wrapped_name, _read_wrapped_name),
    (_is_known_section_under_entry, _read_known_section),
    (_continues_title, _read_title_continuation),
    (_is_section_heading, _read_section),
)


def parse_toc(lines: list[str], path: Path, date_override: dt.date | None = None,
              known_sections: frozenset[str] = frozenset()) -> Toc:
    """The 目录 of an issue; known_sections are section names of earlier issues (a strong hint)."""
    start = find_toc_heading(lines)
    if start is None:
        raise TocError(path, _("has no 目录 (table of contents)"),
                       _("the importer reads sections, titles and pages from the 目录: import the whole issue, "
                         "with the line '目 录 2017年第9-10期 (2017年10月10日出版)'"))
    toc = _read_heading(lines, path, start, date_override)
    reading = _Reading(lines, toc, known_sections)
    i = start + 1
    while i < len(lines):
        line = lines[i].strip()
        read = next((handler for test, handler in _LINE_KINDS if test(reading, i, line)), None)
        if read is None:
            break  # the first line that is no part of a 目录: the body begins
        i = read(reading, i, line) + 1
    toc.end = i
    if not toc.entries:
        raise TocError(path, _("the 目录 lists no articles (lines such as '03 标题 //作者')"),
                       _("check that the 目录 was extracted with its page numbers"), line=start + 1)
    return toc


def join_title(first: str, more: str) -> str:
    """A title printed over two lines: Chinese joins with nothing, Latin words with a space, also
    after a mark ("Trade Unions in" + "Qinghai", "Qinghai:" + "A Survey")."""
    if re.search(r"[A-Za-z0-9][,;:.!?)'’\"]$", first) and re.match(r"[A-Za-z(]", more):
        return f"{first} {more}"
    return join_lines([first, more])


def _is_section_name(line: str, known: frozenset[str]) -> bool:
    """Straight under an entry, a line is a section heading, not the title's second line, only if
    the journal has used it as a section before: a title wrapped in a narrow column leaves lines
    of any length there ("…的重要" + "指示"), so length tells nothing."""
    return line in known


def _looks_like_section(lines: list[str], i: int) -> bool:
    """A section heading is a short line followed by entries or a sub-column marker."""
    line = lines[i].strip()
    if len(line) > 30 or re.search(r"[。，；！？]", line):
        return False
    nxt = _next_listed(lines, i + 1)  # a section heading may end a page of the 目录
    if nxt is None:
        return False
    following = lines[nxt].strip()
    return _entry_at(lines, nxt) is not None or bool(SUBCOLUMN.match(following))
