"""qhgy_search: index every article's title and body with Pagefind while the site is written.

Settings: SEARCH_INDEX_URL (folder of the bundles, default pagefind/), SEARCH_BUNDLE_ARTICLES
(articles per Pagefind run, bounds its memory), SEARCH_CHUNK_SIZE (Pagefind's index chunk size), QHGY_SEARCH_CACHE (or the environment
variable of that name: where built bundles are kept between builds, default .cache/search).
The work itself is qhgy.search; this plugin only hands it the articles."""

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from qhgy.build_cache import cache_dir
from qhgy.search.bundles import DEFAULT_MAX_ARTICLES
from qhgy.search.index import DEFAULT_CHUNK_SIZE, SearchIndexError, build_search_index
from qhgy.search.records import from_article

log = logging.getLogger(__name__)


def _cache(settings) -> Path:
    return cache_dir(settings, "search", "QHGY_SEARCH_CACHE")


class SearchIndexGenerator(Generator):
    """Runs at the output phase (Pelican empties output/ before it), after the issue model exists."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        originals = list(self.context.get("articles", []))
        articles = originals + [t for a in originals for t in getattr(a, "translations", [])]
        records = [from_article(a) for a in articles]
        index_dir = self.settings.get("SEARCH_INDEX_URL", "pagefind/")
        if index_dir != "pagefind/":
            raise SearchIndexError(f"qhgy_search: SEARCH_INDEX_URL must be 'pagefind/' (got {index_dir!r})")
        try:
            build_search_index(records, Path(self.output_path), _cache(self.settings),
                               default_lang=self.settings.get("SITE_LANG", "zh-CN"),
                               max_articles=int(self.settings.get("SEARCH_BUNDLE_ARTICLES", DEFAULT_MAX_ARTICLES)),
                               chunk_size=int(self.settings.get("SEARCH_CHUNK_SIZE", DEFAULT_CHUNK_SIZE)),
                               log=lambda message: log.info("qhgy_search: %s", message))
        except SearchIndexError as err:
            raise SearchIndexError(f"qhgy_search: the search index could not be built: {err}") from None


def get_generators(pelican):
    return SearchIndexGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
