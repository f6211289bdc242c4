"""Group search records into Pagefind runs ("bundles") by fixed periods.

Pagefind keeps every page of a run in memory (measured: ~0.65 MiB per generated article), so
one run over a whole archive does not fit on an editor's machine, and an index is rebuilt whole
whenever one of its pages changes. Records are grouped by fixed calendar periods of
PERIOD_YEARS years (2020–2024, 2025–2029…), whatever the archive holds: a bundle's boundaries
depend on nothing but its own years, so a new issue, in the newest year or an earlier one, or a
corrected article changes the records of one bundle only, and every other bundle is reused from
the cache. A period holding more than `max_articles` articles (the memory bound) is indexed year
by year instead, which again depends on that period's own articles only. The browser merges the
bundles.
The site's pages (征稿启事, 投稿须知, about) have no year: they are a bundle of their own per
language, listed after the articles' bundles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from qhgy.search.records import ARTICLE, PAGE, SearchRecord

DEFAULT_MAX_ARTICLES = 3000
# A period of the journal's output: 6 issues a year of ~50 articles is ~1,500 articles, ~1 GiB
# for Pagefind, and 8 bundles for 40 years (each bundle adds its metadata and an index chunk
# per query word to what a search downloads).
PERIOD_YEARS = 5
# The bundle of a language's pages (征稿启事, about…), which belong to no year.
PAGES_BUNDLE = "pages"


@dataclass
class Bundle:
    lang: str
    records: list[SearchRecord] = field(default_factory=list)

    @property
    def years(self) -> list[str]:
        return sorted({r.year for r in self.records if r.year})  # pages have none

    @property
    def name(self) -> str:
        years = self.years
        if not years:
            return PAGES_BUNDLE
        return years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"

    @property
    def articles(self) -> int:
        return sum(r.kind == ARTICLE for r in self.records)

    @property
    def pages(self) -> int:
        return sum(r.kind == PAGE for r in self.records)


def period(year: str, years: int = PERIOD_YEARS) -> int:
    """The first year of the fixed period holding `year` (2023 → 2020 for periods of five years)."""
    return int(year) - int(year) % years


def plan_bundles(records: list[SearchRecord], max_articles: int = DEFAULT_MAX_ARTICLES,
                 years: int = PERIOD_YEARS) -> list[Bundle]:
    """Bundles per language and fixed period (a period past `max_articles` articles: one per year),
    newest first (the browser loads the first as primary). Records are anything with `lang`,
    `year` and `url` (SearchRecord, or PendingRecord: a record made only when its bundle is indexed)."""
    bundles: list[Bundle] = []
    pages = [r for r in records if r.kind == PAGE]
    records = [r for r in records if r.kind != PAGE]
    key = lambda r: (r.lang, period(r.year, years), r.year, r.url)  # noqa: E731
    for _key, of_period in groupby(sorted(records, key=key), key=lambda r: (r.lang, period(r.year, years))):
        of_period = list(of_period)
        if len(of_period) <= max_articles:
            bundles.append(Bundle(of_period[0].lang, of_period))
        else:
            bundles += [Bundle(of_period[0].lang, list(of_year)) for _y, of_year in groupby(of_period, key=lambda r: r.year)]
    bundles = sorted(bundles, key=lambda b: (b.lang, b.years[-1]), reverse=True)
    return bundles + pages_bundles(pages)


def pages_bundles(pages: list) -> list[Bundle]:
    """The site's pages, one bundle per language after its articles' bundles: pages belong to no
    year, so a year or issue filter never loads them, and a changed page re-indexes only them."""
    key = lambda r: (r.lang, r.url)  # noqa: E731
    return [Bundle(lang, list(of_lang)) for lang, of_lang in groupby(sorted(pages, key=key), key=lambda r: r.lang)]
