"""Citations of one article: GB/T 7714-2015 reference string (and its English line where the article
has an English title), BibTeX entry and RIS record, each carrying both titles where both exist."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from qhgy.errors import QhgyError
from qhgy.journal import JOURNAL_TITLE, JOURNAL_TITLE_EN, LANGUAGE

# A BibTeX key ends at a comma, brace or space; a key with one of them would corrupt the entry.
_KEY_RE = re.compile(r"^[A-Za-z0-9_:.\-]+$")
_BIBTEX_ESCAPES = {
    # One regex pass, so the braces these replacements add are not escaped again.
    "\\": r"\textbackslash{}",
    # Not \{ : BibTeX counts braces before TeX sees the backslash, so a lone \{ unbalances the value.
    "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL_RE = re.compile(r"[\\{}%&$#_~^]")


class CitationError(QhgyError):
    """Citation data that would corrupt a citation."""


# kw_only: positional calls would silently swap look-alike values (year/number, first/last page).
@dataclass(frozen=True, kw_only=True)
class CitationData:
    id: str
    title: str
    authors: tuple[str, ...]
    year: str
    number: str
    first_page: int
    last_page: int
    date: datetime.date
    url: str = ""
    pdf_url: str = ""
    lang: str = LANGUAGE
    journal: str = JOURNAL_TITLE
    title_en: str = ""  # the English title, where the article has one
    authors_en: tuple[str, ...] = ()  # the authors in pinyin (or as content/names/en.yaml spells them)
    journal_en: str = JOURNAL_TITLE_EN

    def __post_init__(self) -> None:
        if not _KEY_RE.match(self.id):
            raise CitationError(None, f"citation id {self.id!r} is not usable as a BibTeX key",
                                "an article's slug is ASCII letters, digits and '-'")
        if not 1 <= self.first_page <= self.last_page:
            raise CitationError(None, f"bad page range {self.first_page}-{self.last_page} of {self.id}",
                                "first_page must be 1 or more and not after last_page")
        if isinstance(self.authors, str):  # a bare str would be cited as one author per character
            raise CitationError(None, f"the authors of {self.id} are a string, not a list of names",
                                "pass a sequence of names")
        # Callers pass a list: a tuple keeps the frozen instance hashable and really immutable.
        object.__setattr__(self, "authors", tuple(self.authors))
        object.__setattr__(self, "authors_en", tuple(self.authors_en))

    @property
    def pages(self) -> str:
        """'37-39', or '21' for an article on one page."""
        if self.first_page == self.last_page:
            return str(self.first_page)
        return f"{self.first_page}-{self.last_page}"


def gbt7714(data: CitationData) -> str:
    """`作者. 题名[J]. 刊名, 年(期): 页码.`; the journal has no volume, so 年(期) stands alone."""
    authors = ", ".join(data.authors[:3]) + (", 等" if len(data.authors) > 3 else "")
    # The numbered system (顺序编码制) may drop 佚名: an item with no author starts with its title.
    head = f"{authors}. " if authors else ""
    return f"{head}{data.title}[J]. {data.journal}, {data.year}({data.number}): {data.pages}."


def _family_first(name: str) -> str:
    """GB/T 7714 writes a romanised family name in capitals: Li Zhong → LI Zhong."""
    family, _, given = name.partition(" ")
    return f"{family.upper()} {given}".strip()


def gbt7714_en(data: CitationData) -> str:
    """The English line of the same reference, where the article has an English title:
    `LI Zhong, WANG Xia, GENG Shengcheng, et al. Title[J]. Qinghai Gongyun, 2017(9-10): 9-10.`"""
    if not data.title_en:
        return ""
    names = [_family_first(a) for a in data.authors_en[:3]]
    authors = ", ".join(names) + (", et al" if len(data.authors_en) > 3 else "")
    head = f"{authors}. " if authors else ""
    return f"{head}{data.title_en}[J]. {data.journal_en}, {data.year}({data.number}): {data.pages}."


def _bibtex_escape(value: str) -> str:
    return _BIBTEX_SPECIAL_RE.sub(lambda m: _BIBTEX_ESCAPES[m.group()], value)


def _bibtex_url(url: str) -> str:
    # url is a verbatim field (biblatex, \url of hyperref): '\%' would end up in the link, so
    # only the characters that break brace balance are percent-encoded, as a URL allows.
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def bibtex(data: CitationData) -> str:
    """An @article entry keyed by the id; ends with a newline."""
    fields = [("title", _bibtex_escape(data.title))]
    if data.title_en:  # printed after the title, as a translated title is: 题名 [Title]
        fields.append(("titleaddon", f"[{_bibtex_escape(data.title_en)}]"))
    if data.authors:
        fields.append(("author", " and ".join(_bibtex_escape(a) for a in data.authors)))
    fields += [
        ("journal", _bibtex_escape(data.journal)),
        ("year", _bibtex_escape(data.year)),
        ("number", _bibtex_escape(data.number)),
        ("pages", data.pages.replace("-", "--")),  # en dash in TeX
        ("language", _bibtex_escape(data.lang)),
    ]
    if data.url:
        fields.append(("url", _bibtex_url(data.url)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@article{{{data.id},\n{body}\n}}\n"


def _ris_value(value: str) -> str:
    # RIS is line-based: a newline inside a value would start a broken tag line.
    return " ".join(value.split())


def ris(data: CitationData) -> str:
    """An RIS record: 'TY  - JOUR' … 'ER  - ', every line ended by CRLF as the RIS spec asks."""
    lines = [("TY", "JOUR")]
    lines += [("AU", author) for author in data.authors]
    lines += [
        ("TI", data.title),
        *([("TT", data.title_en)] if data.title_en else []),  # RIS's translated title
        ("T2", data.journal),
        ("PY", data.year),
        ("DA", data.date.strftime("%Y/%m/%d")),
        ("IS", data.number),
        ("SP", str(data.first_page)),
    ]
    if data.last_page != data.first_page:  # a one-page article has a start page only
        lines.append(("EP", str(data.last_page)))
    lines.append(("LA", data.lang))
    if data.url:
        lines.append(("UR", data.url))
    if data.pdf_url:
        lines.append(("L1", data.pdf_url))
    lines += [("ID", data.id), ("ER", "")]
    return "".join(f"{tag}  - {_ris_value(value)}\r\n" for tag, value in lines)
