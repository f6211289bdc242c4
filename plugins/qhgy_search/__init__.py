"""qhgy_search: index every article's title and body with Pagefind while the site is written.

The work is qhgy.search; this plugin hands it each article's search record (qhgy.model).
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
        originals = list(self.context.get("articles", []))
        articles = originals + [t for a in originals for t in getattr(a, "translations", [])]
        build_search_index([pending(a.model) for a in articles], Path(self.output_path),
                           cache_dir(self.settings, "search", "QHGY_SEARCH_CACHE"), default_lang=LANGUAGE,
                           max_articles=settings["SEARCH_BUNDLE_ARTICLES"], chunk_size=settings["SEARCH_CHUNK_SIZE"],
                           log=lambda message: log.info("qhgy_search: %s", message))


def record_inputs(model) -> tuple:
    """Everything Article.search_record reads (its body as HTML): a bundle is indexed again only
    when one of these changed for one of its articles, and deciding that parses no HTML."""
    return (model.url, model.title, model.html, str(model.issue.year), model.issue.label, model.section,
            model.subcolumn, tuple(model.author_names), model.pages_text, model.lang, model.kicker, model.subtitle)


def pending(model) -> PendingRecord:
    return PendingRecord(url=model.url, year=str(model.issue.year), lang=model.lang,
                         fingerprint=fingerprint_of(*record_inputs(model)), make=lambda: model.search_record)


def get_generators(pelican):
    return SearchIndexGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
