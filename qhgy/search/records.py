"""Search records: what the index holds of an article (title and body text) and what a result shows.
qhgy.model.Article.search_record makes one from an article."""

from __future__ import annotations

import hashlib
import re
from dataclasses import astuple, dataclass, field
from typing import Callable

from bs4 import BeautifulSoup, NavigableString

from qhgy.journal import LANGUAGE

ARTICLE, PAGE = "article", "page"

# Block elements end a line of text: words never run on across them.
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "td", "th", "pre",
           "dt", "dd", "div", "figure", "br", "hr", "tr")


@dataclass(frozen=True)
class SearchRecord:
    url: str  # site-relative, as Pelican writes it: 2017/9-10/07/
    title: str
    text: str  # the body as plain text, paragraphs on their own lines
    year: str
    issue: str  # the issue's label: 2017年第9-10期
    section: str
    authors: tuple[str, ...] = field(default_factory=tuple)
    subcolumn: str = ""
    pages: str = ""
    lang: str = LANGUAGE
    kicker: str = ""  # 引题 and 副题: indexed with the title, shown on the article page
    subtitle: str = ""
    source_unit: str = ""  # the contributing unit (供稿单位): indexed with the title, as the byline is
    kind: str = ARTICLE  # PAGE: a page of the site (征稿启事, about): no issue, section or byline

    @property
    def heads(self) -> tuple[str, ...]:
        """What the title region holds, in order: 引题, title, 副题, each author, the source unit.
        Each is its own run of text, so no character pair joins the end of one to the next."""
        return tuple(x for x in (self.kicker, self.title, self.subtitle, *self.authors, self.source_unit) if x)

    @property
    def fingerprint(self) -> str:
        """A hash of everything the index holds of the record."""
        return hashlib.blake2b(repr(astuple(self)).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def resolve(self) -> "SearchRecord":
        return self


@dataclass(frozen=True)
class PendingRecord:
    """A record made only when its bundle must be indexed again: what a bundle's plan and cache key
    need (its place, and a fingerprint of everything the record is made from) costs no HTML parsing.
    `fingerprint` must change whenever the record `make` returns would."""
    url: str
    year: str
    lang: str
    fingerprint: str
    make: Callable[[], SearchRecord] = field(compare=False, repr=False)
    kind: str = ARTICLE

    def resolve(self) -> SearchRecord:
        return self.make()


def fingerprint_of(*inputs) -> str:
    """A hash of the values a record is made from (strings, and tuples of strings)."""
    return hashlib.blake2b(repr(inputs).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def html_to_text(html: str) -> str:
    """The text a reader sees in an article body, one line per paragraph, caption or heading."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(_BLOCKS):
        element.append(NavigableString("\n"))
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line)
