"""qhgy_search: index every article's title and body, and the site's pages in its language
(征稿启事, 投稿须知, about), with Pagefind while the site is written.

The work is qhgy.search; this plugin hands it each article's search record as the run's site
shows it (qhgy.site_language): each language's site has its own index (/en/pagefind/), where
Pagefind stems that language's words; an article not in that language is found by its titles.
Settings: SEARCH_INDEX_URL, SEARCH_BUNDLE_ARTICLES, SEARCH_CHUNK_SIZE, QHGY_SEARCH_CACHE
(README, Settings)."""

import logging
from pathlib import Path

from bs4 import BeautifulSoup

from pelican import signals
from pelican.generators import Generator

from qhgy.build_cache import cache_dir
from qhgy.journal import LANGUAGE
from qhgy.search.index import INDEXED_TEMPLATES, build_search_index
from qhgy.search.records import PAGE, PendingRecord, SearchRecord, fingerprint_of, html_to_text
from qhgy.settings import plugin_settings

log = logging.getLogger(__name__)


class SearchIndexGenerator(Generator):
    """Runs at the output phase (Pelican empties output/ before it), once every body is final."""

    def generate_context(self):
        plugin_settings(self.settings, "qhgy_search")  # a wrong setting stops the build before anything is written

    def generate_output(self, writer):
        settings = plugin_settings(self.settings, "qhgy_search")
        here = self.context["here"]
        articles = [a.model for a in self.context.get("articles", []) if a.model.kind == "article"]
        records = [pending(here, a) for a in articles] + [pending_page(here, p) for p in site_pages(here, self.context)]
        records += [r for r in (template_record(here, Path(self.output_path), name, self.settings)
                                for name in INDEXED_TEMPLATES) if r]
        build_search_index(records, Path(self.output_path),
                           cache_dir(self.settings, "search", "QHGY_SEARCH_CACHE"), default_lang=LANGUAGE,
                           max_articles=settings["SEARCH_BUNDLE_ARTICLES"], chunk_size=settings["SEARCH_CHUNK_SIZE"],
                           log=lambda message: log.info("qhgy_search: %s", message), site_lang=here.lang)


def pending(here, model) -> PendingRecord:
    """The record, made only if its bundle changed: deciding that compares what it is made of
    (SiteLanguage.record_inputs, the body as HTML) and parses no HTML."""
    return PendingRecord(url=here.url(model), year=str(model.issue.year), lang=here.lang,
                         fingerprint=fingerprint_of(*here.record_inputs(model)),
                         make=lambda: here.search_record(model))


def site_pages(here, context) -> list:
    """The published pages in this site's language (征稿启事, 投稿须知): Pelican's context holds
    only published, listed pages; a page in another language is the other site's."""
    models = (p.model for p in context.get("pages", []) if getattr(p, "model", None) is not None)
    return [m for m in models if m.kind == "page" and m.published and here.version(m) is m]


def pending_page(here, model) -> PendingRecord:
    return PendingRecord(url=model.url, year="", lang=here.lang, kind=PAGE,
                         fingerprint=fingerprint_of(*here.page_record_inputs(model)),
                         make=lambda: here.page_record(model))


def template_record(here, output: Path, name: str, settings) -> SearchRecord | None:
    """The record of a template page, from its <main> as Pelican wrote it (the articles' generator,
    which writes the direct templates, runs before this one): its h1, then the rest as text."""
    url, path = settings.get(f"{name.upper()}_URL"), output / settings.get(f"{name.upper()}_SAVE_AS", "")
    if not url or not path.is_file():
        return None
    main = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("main")
    heading = main.find("h1") if main else None
    if heading is None:
        return None
    title = heading.get_text(" ", strip=True)
    heading.decompose()
    return SearchRecord(url=url, title=title, text=html_to_text(str(main)), year="", issue="", section="",
                        lang=here.lang, kind=PAGE)


def get_generators(pelican):
    return SearchIndexGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
