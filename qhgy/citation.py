"""Citations of one article: its GB/T 7714 reference lines, in the 2025 edition (the default, in force
since 2026-07-01) and the 2015 one, each with its English line where the article has an English title;
a BibTeX entry, an RIS record and an EndNote tagged record (.enw), each carrying both titles where both
exist. How the two editions differ, and where that is written down, is in the README (引用本文)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Callable, NamedTuple

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

# The editions 引用本文 gives, the default first.
EDITIONS = ("2025", "2015")
DEFAULT_EDITION = EDITIONS[0]

# An issue printed as one for several numbers (合期): 9-10. Both editions write it 9/10
# (2015 §8.8.3 "2001(9/10): 36-39."; 2025 §8.5.1.2 "2001（8/9/10）：36-39.").
_COMBINED_ISSUE = re.compile(r"\d+(?:-\d+)+")
# Languages whose references end a long author list with 等 rather than et al.
_CJK_LANGUAGES = ("zh", "ja", "ko")
_MAX_AUTHORS = 3  # both editions list three authors, then 等 / et al.


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
    # The journal has no volumes: "" cites 年(期) alone, as the standards do for such a journal.
    volume: str = ""
    # Optional metadata the model does not carry yet: exported where a format has a field for it.
    doi: str = ""
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    abstract_en: str = ""
    keywords_en: tuple[str, ...] = ()
    clc: str = ""  # 中图分类号: exported as the call number (RIS CN, EndNote %L)
    fund: str = ""  # 基金项目: none of the three download formats has a field for it

    def __post_init__(self) -> None:
        if not _KEY_RE.match(self.id):
            raise CitationError(None, f"citation id {self.id!r} is not usable as a BibTeX key",
                                "an article's slug is ASCII letters, digits and '-'")
        if not 1 <= self.first_page <= self.last_page:
            raise CitationError(None, f"bad page range {self.first_page}-{self.last_page} of {self.id}",
                                "first_page must be 1 or more and not after last_page")
        for name in ("authors", "authors_en", "keywords", "keywords_en"):
            value = getattr(self, name)
            if isinstance(value, str):  # a bare str would be cited as one name (or keyword) per character
                raise CitationError(None, f"the {name} of {self.id} are a string, not a list",
                                    "pass a sequence of strings")
            # Callers pass a list: a tuple keeps the frozen instance hashable and really immutable.
            object.__setattr__(self, name, tuple(value))

    @property
    def pages(self) -> str:
        """'37-39', or '21' for an article on one page."""
        if self.first_page == self.last_page:
            return str(self.first_page)
        return f"{self.first_page}-{self.last_page}"


# ---------------------------------------------------------------- GB/T 7714

@dataclass(frozen=True)
class _Edition:
    """What an edition does differently in a journal article's line (sources: README, 引用本文).

    The marks (著录用符号) between the parts: both editions set '. ' and '[ ]' half-width. 2015 does
    not say how wide the rest are; half-width is how this site (and gbt7714-bibtex-style) set them.
    2025 sets every other mark full-width ("“.”“[ ]”用半角符号，其他标识符号用全角符号"), in English
    references too, as its own examples are set."""
    comma: str
    colon: str
    open: str
    close: str
    capital_family_names: bool  # LI Zhong (2015); 2025 writes Li Zhong and keeps a pinyin given name whole
    access_date: bool  # 2015 prints the date an online article was read; 2025 none for a journal article


_EDITIONS = {"2015": _Edition(", ", ": ", "(", ")", capital_family_names=True, access_date=True),
             "2025": _Edition("，", "：", "（", "）", capital_family_names=False, access_date=False)}


def _edition(edition: str) -> _Edition:
    if edition not in _EDITIONS:
        raise CitationError(None, f"no GB/T 7714 edition {edition!r}", f"one of {', '.join(EDITIONS)}")
    return _EDITIONS[edition]


def _is_cjk(lang: str) -> bool:
    return lang.split("-")[0].lower() in _CJK_LANGUAGES


def _family_first(name: str, rules: _Edition) -> str:
    """A romanised name, family name first, as the edition writes it: Li Zhong, or LI Zhong."""
    if not rules.capital_family_names:
        return name
    family, _, given = name.partition(" ")
    return f"{family.upper()} {given}".strip()


def _authors(names: tuple[str, ...], rules: _Edition, cjk: bool) -> str:
    """Three names at most, then 等 (a Chinese, Japanese or Korean item) or et al (any other)."""
    shown = [name if cjk else _family_first(name, rules) for name in names[:_MAX_AUTHORS]]
    if len(names) > _MAX_AUTHORS:
        shown.append("等" if cjk else "et al")  # the ". " after the names makes it "et al."
    return rules.comma.join(shown)


def _issue(number: str) -> str:
    return number.replace("-", "/") if _COMBINED_ISSUE.fullmatch(number) else number


def _source(data: CitationData, journal: str, rules: _Edition) -> str:
    """`刊名, 年, 卷(期): 页码`; a journal without volumes gives `刊名, 年(期): 页码`."""
    source = f"{journal}{rules.comma}{data.year}"
    if data.volume:
        source += f"{rules.comma}{data.volume}"
    if data.number:
        source += f"{rules.open}{_issue(data.number)}{rules.close}"
    return f"{source}{rules.colon}{data.pages}"


def _reference(data: CitationData, names: tuple[str, ...], title: str, journal: str, edition: str,
               cjk: bool, url: str, accessed: datetime.date | None) -> str:
    """`作者. 题名[J]. 刊名, 年(期): 页码.`; read online (a URL or DOI given): [J/OL], then the URL and
    the DOI (left out where the URL holds it already); an access date, where the edition prints one,
    follows the pages."""
    rules = _edition(edition)
    online = bool(url or data.doi)
    parts = [_authors(names, rules, cjk)] if names else []  # 顺序编码制 may drop 佚名
    parts.append(f"{title}[J{'/OL' if online else ''}]")
    source = _source(data, journal, rules)
    if rules.access_date and online and accessed:
        source += f"[{accessed.isoformat()}]"
    parts.append(source)
    if url:
        parts.append(url)
    if data.doi and data.doi not in url:
        parts.append(f"DOI:{data.doi}")
    return ". ".join(parts) + "."


def gbt7714(data: CitationData, edition: str = DEFAULT_EDITION, *, url: str = "",
            accessed: datetime.date | None = None) -> str:
    """The reference line in the article's language, as the numbered system (顺序编码制) lists it.
    Without url it cites the printed article (a DOI, where there is one, still makes it [J/OL]);
    accessed is the date read, printed by 2015 only."""
    return _reference(data, data.authors, data.title, data.journal, edition, _is_cjk(data.lang),
                      url, accessed)


def gbt7714_en(data: CitationData, edition: str = DEFAULT_EDITION, *, url: str = "",
               accessed: datetime.date | None = None) -> str:
    """The English line of the same reference, where the article has an English title ("" where not):
    `Li Zhong. Title[J]. Qinghai Gongyun，2017（9/10）：37-39.` (2025),
    `LI Zhong. Title[J]. Qinghai Gongyun, 2017(9/10): 37-39.` (2015)."""
    if not data.title_en:
        return ""
    return _reference(data, data.authors_en, data.title_en, data.journal_en, edition, False, url, accessed)


class ReferenceLines(NamedTuple):
    """One edition's lines of 引用本文."""
    edition: str
    line: str  # in the article's language
    line_en: str  # in English, "" where the article has no English title


def reference_lines(data: CitationData) -> tuple[ReferenceLines, ...]:
    """The lines of 引用本文: each edition, the default first."""
    return tuple(ReferenceLines(edition, gbt7714(data, edition), gbt7714_en(data, edition))
                 for edition in EDITIONS)


# ---------------------------------------------------------------- BibTeX


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
    fields += [("journal", _bibtex_escape(data.journal)), ("year", _bibtex_escape(data.year))]
    if data.volume:
        fields.append(("volume", _bibtex_escape(data.volume)))
    fields += [
        ("number", _bibtex_escape(data.number)),
        ("pages", data.pages.replace("-", "--")),  # en dash in TeX
        ("language", _bibtex_escape(data.lang)),
    ]
    if data.url:
        fields.append(("url", _bibtex_url(data.url)))
    if data.doi:  # verbatim in biblatex, as url is
        fields.append(("doi", _bibtex_url(data.doi)))
    if data.abstract:
        fields.append(("abstract", _bibtex_escape(_one_line(data.abstract))))
    keywords = data.keywords + data.keywords_en
    if keywords:  # biblatex separates keywords by commas
        fields.append(("keywords", ", ".join(_bibtex_escape(k) for k in keywords)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@article{{{data.id},\n{body}\n}}\n"


def _one_line(value: str) -> str:
    # RIS and EndNote records are line-based: a newline inside a value would start a broken tag line.
    return " ".join(value.split())


# ---------------------------------------------------------------- RIS


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
        *([("VL", data.volume)] if data.volume else []),
        ("IS", data.number),
        ("SP", str(data.first_page)),
    ]
    if data.last_page != data.first_page:  # a one-page article has a start page only
        lines.append(("EP", str(data.last_page)))
    lines.append(("LA", data.lang))
    lines += _optional(data, doi="DO", abstract="AB", clc="CN", url="UR", pdf_url="L1")
    lines += [("KW", keyword) for keyword in data.keywords + data.keywords_en]
    lines += [("ID", data.id), ("ER", "")]
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines)


def _optional(data: CitationData, **tags: str) -> list[tuple[str, str]]:
    """(tag, value) of each named field the data has, in the order named."""
    return [(tag, getattr(data, name)) for name, tag in tags.items() if getattr(data, name)]


# ---------------------------------------------------------------- EndNote


def endnote(data: CitationData) -> str:
    """An EndNote tagged import record (.enw): '%0 Journal Article', then one '%<tag> value' line a field
    (the tags of EndNote's "Creating a Tagged EndNote Import File"); ends with a newline."""
    lines = [("0", "Journal Article")]
    lines += [("A", author) for author in data.authors]
    lines.append(("T", data.title))
    if data.title_en:
        lines.append(("Q", data.title_en))  # Translated Title
    lines += [("J", data.journal), ("D", data.year), ("8", data.date.isoformat())]
    lines += _optional(data, volume="V", number="N")
    lines += [("P", data.pages), ("G", data.lang)]
    lines += _optional(data, doi="R", abstract="X", clc="L", url="U")
    lines += [("K", keyword) for keyword in data.keywords + data.keywords_en]
    lines.append(("F", data.id))  # Label
    return "".join(f"%{tag} {_one_line(value)}\n" for tag, value in lines)


# The citation files of an article, by suffix, as the site offers them for download (qhgy_issues
# writes them, qhgy_writer keeps them in an incremental build).
DOWNLOADS: dict[str, Callable[[CitationData], str]] = {".ris": ris, ".bib": bibtex, ".enw": endnote}
