"""Group search records into Pagefind runs ("bundles") by period.

Pagefind keeps every page of a run in memory (measured: ~1.1 MiB per article), so one run
over a whole archive does not fit on an editor's machine. Records are grouped by whole
years, oldest first, into bundles of at most `max_articles` (a year larger than that is a
bundle of its own); the browser merges the bundles. Because the grouping starts from the
oldest year, a new issue changes only the newest bundle, and the others are reused from the
cache unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from qhgy.search.records import SearchRecord

DEFAULT_MAX_ARTICLES = 3000


@dataclass
class Bundle:
    lang: str
    records: list[SearchRecord] = field(default_factory=list)

    @property
    def years(self) -> list[str]:
        return sorted({r.year for r in self.records})

    @property
    def name(self) -> str:
        years = self.years
        return years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"


def plan_bundles(records: list[SearchRecord], max_articles: int = DEFAULT_MAX_ARTICLES) -> list[Bundle]:
    """Bundles per language, each of whole years, newest first (the browser loads the first as primary)."""
    bundles: list[Bundle] = []
    key = lambda r: (r.lang, r.year)  # noqa: E731
    for lang, of_lang in groupby(sorted(records, key=key), key=lambda r: r.lang):
        current: Bundle | None = None
        for _year, of_year in groupby(of_lang, key=lambda r: r.year):
            of_year = list(of_year)
            if current is None or len(current.records) + len(of_year) > max_articles:
                current = Bundle(lang)
                bundles.append(current)
            current.records += of_year
    return sorted(bundles, key=lambda b: (b.lang, b.years[-1]), reverse=True)
