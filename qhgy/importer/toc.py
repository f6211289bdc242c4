"""Stage 2: find the 目录 (table of contents) and read the issue label, sections and entries."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from qhgy.errors import TocError
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


def _parse_entry(line: str) -> tuple[int, str] | None:
    """(page, 'title //authors') of a 目录 line, whichever side its page number is printed on."""
    line = line.strip()
    if line.startswith("//") or len(line) > MAX_ENTRY_CHARS or re.search(r"[。；;]$", line):
        return None
    text, mark, names = line.partition("//")
    authors = f" //{names.strip()}" if mark else ""
    # The page after the title first ("70年来的职工书屋……05", "标题 05"): a title may itself
    # begin with digits. Found by hand, not by one regex: a long run of spaces would make a
    # backtracking pattern take seconds per line.
    text = text.rstrip()
    m = TRAILING_PAGE.search(text)
    if m:
        head = text[: m.start()]
        title = head.rstrip(" \t.…·・")
        separator = head[len(title):]
        # Dot leaders say so for sure; a bare space only when no page number leads the line.
        leaders = bool(re.search(r"[.…·・]", separator))
        if title and separator and has_han(title) and (leaders or not ENTRY_LEADING.match(line)):
            return int(m.group(1)), title.strip() + authors
    m = ENTRY_LEADING.match(line)
    if m:
        return int(m.group(1)), (m.group(2) or m.group(3)).strip()
    return None


def _still_toc(lines: list[str], i: int) -> bool:
    """Is the line after i still part of a 目录 (an entry, an author mark, a sub-column)?"""
    nxt = _next_listed(lines, i + 1)
    if nxt is None:
        return False
    following = lines[nxt].strip()
    return _parse_entry(following) is not None or following.startswith("//") or bool(SUBCOLUMN.match(following))


def _next_nonblank(lines: list[str], i: int) -> int | None:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i if i < len(lines) else None


def _next_listed(lines: list[str], i: int) -> int | None:
    """The next line that may be part of the 目录: past blank lines and, where the 目录 runs over a
    page, the folio, the running head and '目录（续）'."""
    while (i := _next_nonblank(lines, i)) is not None:
        line = lines[i].strip()
        if not (is_furniture(line) or (TOC_HEADING.match(line) and not ISSUE_LABEL.search(line))):
            return i
        i += 1
    return None


def find_toc_heading(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if TOC_HEADING.match(line)), None)


def parse_toc(lines: list[str], path: Path, date_override: dt.date | None = None,
              known_sections: frozenset[str] = frozenset()) -> Toc:
    """The 目录 of an issue; known_sections are section names of earlier issues (a strong hint)."""
    start = find_toc_heading(lines)
    if start is None:
        raise TocError(path, "has no 目录 (table of contents)",
                       "the importer reads sections, titles and pages from the 目录: import the whole issue, "
                       "with the line '目 录 2017年第9-10期 (2017年10月10日出版)'")
    head = " ".join(lines[start:start + 4])
    label_m = ISSUE_LABEL.search(head)
    if not label_m:
        raise TocError(path, "the 目录 heading has no issue label such as '2017年第9-10期'",
                       "add the label to the 目录 heading line and re-run the import", line=start + 1)
    year = label_m.group(1)
    # As printed, without zero padding: 第05期 and 第5期 are one issue, /2018/5/.
    number = "-".join(str(int(part)) for part in re.split(r"\s*[-－—–]\s*", label_m.group(2)))
    date = date_override
    if date is None:
        date_m = PUBLICATION_DATE.search(head)
        if not date_m:
            raise TocError(path, "the 目录 gives no publication date such as '(2017年10月10日出版)'",
                           "give it with --date YYYY-MM-DD", line=start + 1)
        try:
            date = dt.date(*(int(g) for g in date_m.groups()))
        except ValueError:
            raise TocError(path, f"the publication date '{date_m.group(0)}' is not a real date",
                           "correct it in the source or give --date YYYY-MM-DD", line=start + 1) from None

    toc = Toc(year=year, number=number, date=date, label=f"{year}年第{number}期",
              sections=[], entries=[], start=start)
    section: dict | None = None
    subcolumn: str | None = None
    last: TocEntry | None = None
    prev_was_entry = False
    i = start + 1
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            prev_was_entry = False
            i += 1
            continue
        if i <= start + 3 and (ISSUE_LABEL.search(line) or PUBLICATION_DATE.search(line)) and not toc.entries:
            i += 1  # the label printed on a line of its own under 目录
            continue
        if is_furniture(line) or (TOC_HEADING.match(line) and not ISSUE_LABEL.search(line)):
            i += 1  # a running head, or "目录（续）", where the 目录 runs over a page
            continue
        in_author_mark = "//" in lines[i - 1]
        entry = _parse_entry(line)
        if entry is not None and last is not None and entry[0] < last.page:
            # A 目录 runs in page order: a smaller number is the body's first line, unless the
            # 目录 goes on after it (a misprinted page, a section listed out of page order).
            if _still_toc(lines, i):
                toc.notes.append(f"line {i + 1}: page {entry[0]} comes after page {last.page} in the 目录; "
                                 "check the page numbers")
            else:
                entry = None
        if entry is not None:
            page, rest = entry
            title, _, names = rest.partition("//")
            if section is None:
                section = {"name": UNSECTIONED, "subcolumns": []}
                toc.sections.append(section)
                toc.notes.append(f"line {i + 1}: 目录 entries before any section heading are filed under "
                                 f"'{UNSECTIONED}'; give them their section by hand")
            last = TocEntry(page=page, title=title.strip(), authors=split_names(names), section=section["name"],
                            subcolumn=subcolumn, line=i + 1)
            toc.entries.append(last)
            prev_was_entry = True
        elif line.startswith("//") and last is not None:
            last.authors += split_names(line[2:])
        elif (m := SUBCOLUMN.match(line)) and section is not None:
            subcolumn = m.group(1).strip()
            section["subcolumns"].append(subcolumn)
        elif (m := COVER_CREDIT.match(line)):
            toc.cover_caption = m.group(1).strip()
            nxt = _next_nonblank(lines, i + 1)
            if nxt is not None and PHOTO_CREDIT.match(lines[nxt].strip()):
                toc.cover_credit = lines[nxt].strip()
                i = nxt
        elif prev_was_entry and last is not None and in_author_mark and "//" not in line and len(line) <= 8:
            # The author's name wrapped after '//' (a narrow column): "//李" + "忠".
            if last.authors and (len(last.authors[-1]) == 1 or len(line) == 1):
                last.authors[-1] += line.strip()
            else:
                last.authors += split_names(line)
        elif prev_was_entry and last is not None and _is_section_name(line, known_sections):
            toc.notes.append(f"line {i + 1}: took '{line}' straight under an entry as a section heading")
            section = {"name": line, "subcolumns": []}
            toc.sections.append(section)
            subcolumn = None
            prev_was_entry = False
        elif prev_was_entry and last is not None:
            # A line straight under an entry, with no blank line between, continues its title.
            more, _, names = line.partition("//")
            last.title = join_title(last.title, more.strip())
            last.authors += split_names(names)
            last.continued = True
        elif _looks_like_section(lines, i):
            section = {"name": line, "subcolumns": []}
            toc.sections.append(section)
            subcolumn = None
            prev_was_entry = False
        else:
            break  # the first line that is no part of a 目录: the body begins
        i += 1
    toc.end = i
    if not toc.entries:
        raise TocError(path, "the 目录 lists no articles (lines such as '03 标题 //作者')",
                       "check that the 目录 was extracted with its page numbers", line=start + 1)
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
    return _parse_entry(following) is not None or bool(SUBCOLUMN.match(following))
