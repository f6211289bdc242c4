"""Search records: what the index holds of an article (title and body text) and what a result shows.
qhgy.model.Article.search_record makes one from an article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString

from qhgy.journal import LANGUAGE

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


def html_to_text(html: str) -> str:
    """The text a reader sees in an article body, one line per paragraph, caption or heading."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(_BLOCKS):
        element.append(NavigableString("\n"))
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line)
