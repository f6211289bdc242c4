"""What the importer builds: an article's draft, the numbered items of an issue and the plan of its files.

Kept apart from the stages so that the pipeline that makes a plan and the report that reads one
need not import each other."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from qhgy.content import ISSUES_DIR
from qhgy.importer.segment import Piece
from qhgy.importer.source import Source
from qhgy.importer.toc import Toc


@dataclass
class Draft:
    """An article (or page) as the importer understood it, before it is numbered and written."""

    title: str
    kicker: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    author_note: str = ""
    article_date: str = ""
    source_unit: str = ""
    reprinted_from: str = ""
    credits: str = ""
    # the scholarly record printed with it (qhgy.importer.record): abstract, keywords, clc, doi…
    record: dict = field(default_factory=dict)
    captions: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # Markdown blocks
    notes: list[str] = field(default_factory=list)  # what the importer was unsure of
    counts: Counter = field(default_factory=Counter)  # normalisations applied


@dataclass
class Item:
    """One piece of the issue, numbered and placed: what becomes one content file."""

    order: int
    draft: Draft
    piece: Piece
    kind: str  # "article" or "page"
    section: str
    subcolumn: str | None
    first_page: int
    last_page: int
    rel_path: str = ""
    meta: dict = field(default_factory=dict)


@dataclass
class Plan:
    """Everything one import would write, with what the report says about it."""

    source: Source
    toc: Toc
    issue_meta: dict
    items: list[Item]
    notes: list[str]
    counts: Counter
    furniture_dropped: int
    files: dict[str, bytes] = field(default_factory=dict)
    report: str = ""

    @property
    def issue_dir(self) -> str:
        return f"{ISSUES_DIR}/{self.toc.year}/{self.toc.number}"
