"""qhgy_search: index every article's title and body with Pagefind while the site is written.

The work is qhgy.search; this plugin hands it each article's search record as the run's site
shows it (qhgy.site_language): each language's site has its own index (/en/pagefind/), where
Pagefind stems that language's words; an article not in that language is found by its titles.
Settings: SEARCH_INDEX_URL, SEARCH_BUNDLE_ARTICLES, SEARCH_CHUNK_SIZE, QHGY_SEARCH_CACHE
(README, Settings)."""

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from qhgy.build_cache import cache_dir
from qhgy.journal import LANGUAGE
from qhgy.search.index import build_search_index
from qhgy.search.records import PendingRecord, fingerprint_of
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
        build_search_index([pending(here, a) for a in articles], Path(self.output_path),
                           cache_dir(self.settings, "search", "QHGY_SEARCH_CACHE"), default_lang=LANGUAGE,
                           max_articles=settings["SEARCH_BUNDLE_ARTICLES"], chunk_size=settings["SEARCH_CHUNK_SIZE"],
                           log=lambda message: log.info("qhgy_search: %s", message), site_lang=here.lang)


def pending(here, model) -> PendingRecord:
    """The record, made only if its bundle changed: deciding that compares what it is made of
    (SiteLanguage.record_inputs, the body as HTML) and parses no HTML."""
    return PendingRecord(url=here.url(model), year=str(model.issue.year), lang=here.lang,
                         fingerprint=fingerprint_of(*here.record_inputs(model)),
                         make=lambda: here.search_record(model))


def get_generators(pelican):
    return SearchIndexGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
