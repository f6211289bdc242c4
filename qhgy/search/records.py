"""Search records: what the index holds of an article (title and body text) and what a result shows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString

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
    lang: str = "zh-CN"
    kicker: str = ""  # 引题 and 副题: indexed with the title, shown on the article page
    subtitle: str = ""


def html_to_text(html: str) -> str:
    """The text a reader sees in an article body, one line per paragraph, caption or heading."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(_BLOCKS):
        element.append(NavigableString("\n"))
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line)


def from_article(article) -> SearchRecord:
    """A record from a Pelican article of the journal (the issue model is already attached)."""
    issue = article.journal_issue
    pages = str(article.first_page) if article.first_page == article.last_page else \
        f"{article.first_page}–{article.last_page}"
    return SearchRecord(
        url=article.url, title=article.title, text=html_to_text(article.content), year=str(issue.year),
        issue=issue.label, section=article.category.name, subcolumn=getattr(article, "subcolumn", "") or "",
        authors=tuple(a.name for a in getattr(article, "authors", [])), pages=pages,
        lang=getattr(article, "lang", "zh-CN"), kicker=getattr(article, "kicker", "") or "",
        subtitle=getattr(article, "subtitle", "") or "")


def records_from_content(content_dir) -> list[SearchRecord]:
    """Records straight from a content folder (the loader and the site's Markdown settings),
    without a Pelican build: for the benchmark over a generated archive."""
    from pathlib import Path

    from qhgy.content import load_content, markdown_renderer

    content = load_content(Path(content_dir))
    issues = {issue.ref: issue.meta for issue in content.issues}
    md = markdown_renderer()
    records = []
    for article in content.articles:
        meta = article.meta
        issue = issues[meta["issue"]]
        pages = meta["first_page"] if meta["first_page"] == meta["last_page"] else \
            f"{meta['first_page']}–{meta['last_page']}"
        records.append(SearchRecord(
            url=f"{meta['issue']}/{meta['order']}/", title=meta["title"], text=html_to_text(md.reset().convert(article.body)),
            year=str(issue["year"]), issue=issue["label"], section=meta["category"],
            authors=tuple(meta.get("authors") or ()), subcolumn=meta.get("subcolumn", ""), pages=pages,
            lang=meta.get("lang", "zh-CN"), kicker=meta.get("kicker", ""), subtitle=meta.get("subtitle", "")))
    return records
