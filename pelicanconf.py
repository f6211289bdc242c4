"""Pelican settings for development builds (`invoke build`, `invoke serve`, `invoke livereload`)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the qhgy package, when Pelican runs from elsewhere

# MARKDOWN: one Markdown parser for site and PDFs, set in qhgy/content.py (the benchmarks use it too).
# A copy for each reading of these settings: Pelican's reader adds keys to the dict it is given, and a
# build reads them once per language (qhgy.site.run_sites); the Markdown cache is keyed by the dict.
import copy  # noqa: E402

from qhgy.content import MARKDOWN as _MARKDOWN  # noqa: E402

MARKDOWN = copy.deepcopy(_MARKDOWN)
from qhgy.journal import JOURNAL_TITLE, JOURNAL_TITLE_EN, LANGUAGE, PUBLISHER, PUBLISHER_EN  # noqa: E402
from qhgy.model import by_issue  # noqa: E402

SITENAME = JOURNAL_TITLE
SITENAME_QUOTED = f"《{JOURNAL_TITLE}》"
SITESUBTITLE = "青海省总工会主办"
SITEDESCRIPTION = "《青海工运》（青海省总工会主办）过刊全文：按年、期、栏目浏览，可引用。"
PUBLISHER = PUBLISHER
# No AUTHOR setting: Pelican would credit it to every article without authors.
SITEURL = ""
# The published site's address, also in a preview build: an article's QR code leads there (qhgy_qr).
PUBLIC_SITEURL = os.environ.get("QHGY_SITEURL", "https://qhgy.example.org")
RELATIVE_URLS = False
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = LANGUAGE  # zh-CN: HTML lang; Babel's zh_CN and Typst's zh/cn derive from it
SITE_LANG = LANGUAGE  # the templates' spelling: Pelican lowercases DEFAULT_LANG to zh-cn
# The sites in other languages, each the whole archive under its own prefix (/en/): a Pelican run
# per language with these settings on top, and its URLs under the prefix (qhgy.site). A language
# is an entry here plus its catalog, theme/translations/<lang>/; its names of sections and
# authors are content (content/names/<lang>.yaml). README, "The English site".
SITE_LANGUAGES = {
    "en": {
        "SITENAME": JOURNAL_TITLE_EN,
        "SITENAME_QUOTED": JOURNAL_TITLE_EN,
        "SITESUBTITLE": f"Published by the {PUBLISHER_EN}",
        "SITEDESCRIPTION": f"The archive of {JOURNAL_TITLE_EN}, the journal of the {PUBLISHER_EN}: every issue "
                           "in full, by year, issue, section and author, in Chinese, with English titles and "
                           "translations.",
        "PUBLISHER": PUBLISHER_EN,
    },
}
LANG_PREFIX = ""  # where this run's site lives: "" for the Chinese site, "en/" in the English run

PATH = "content"
OUTPUT_PATH = "output"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
USE_FOLDER_AS_CATEGORY = False
# Content is Markdown only: no reStructuredText reader (docutils would warn that it has no Tibetan).
READERS = {"rst": None}
# The output folder is kept between builds: plugin qhgy_writer renders and writes only what changed,
# deletes what the last build produced and this one does not, and empties a folder it has not built.
DELETE_OUTPUT_DIRECTORY = False
THEME = str(Path(__file__).parent / "theme")
THEME_STATIC_DIR = "theme"
THEME_STATIC_PATHS = []  # qhgy_writer copies theme/static/ into THEME_STATIC_DIR, where a file changed

# Listed explicitly: once PLUGINS is set, Pelican discovers no installed plugin by itself.
# Order matters: qhgy_check provides the checked journal (qhgy.model) at `initialized`, before
# any other plugin reads it; qhgy_ids must set the URL ids as the YAML reader creates authors;
# qhgy_images rewrites the photos (a generator's context) before qhgy_model hands each body to
# the model at all_generators_finalized; qhgy_search indexes those bodies at the output phase.
# qhgy_sanitize cleans each body as Pelican reads it (content_object_init), before any plugin
# after it in this list sees the body. qhgy_model hands the bodies over before qhgy_pdf makes the
# PDFs (both at all_generators_finalized). qhgy_writer comes before qhgy_sitemap: at `finalized`
# it deletes the last build's files this build does not make before the sitemap is written.
# tests/test_site.py holds this order.
PLUGIN_PATHS = [str(Path(__file__).parent / "plugins")]
PLUGINS = ["qhgy_check", "qhgy_ids", "pelican.plugins.yaml_metadata", "qhgy_sanitize", "qhgy_lang", "qhgy_model",
           "qhgy_qr", "qhgy_i18n", "qhgy_writer", "qhgy_pdf", "qhgy_issues", "qhgy_images", "qhgy_sitemap", "qhgy_search"]

SUMMARY_MAX_PARAGRAPHS = 1

# URLs from issue and order, never from a Chinese title (issue is '2017/9-10', order '07');
# author, section and tag URLs from the ids stored in content/ids.yaml (plugin qhgy_ids).
ARTICLE_URL = "{issue}/{order}/"
ARTICLE_SAVE_AS = "{issue}/{order}/index.html"
# A piece in another language is written by that language's run (SITE_LANGUAGES), not this one.
ARTICLE_LANG_URL = ""
ARTICLE_LANG_SAVE_AS = ""
PAGE_LANG_URL = ""
PAGE_LANG_SAVE_AS = ""
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
ARTICLE_TRANSLATION_ID = "slug"
AUTHOR_URL = "authors/{slug}/"
AUTHOR_SAVE_AS = "authors/{slug}/index.html"
AUTHORS_URL = "authors/"
AUTHORS_SAVE_AS = "authors/index.html"
CATEGORY_URL = "sections/{slug}/"
CATEGORY_SAVE_AS = "sections/{slug}/index.html"
CATEGORIES_URL = "sections/"
CATEGORIES_SAVE_AS = "sections/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archive/"
ARCHIVES_SAVE_AS = "archive/index.html"
ABOUT_URL = "about/"
ABOUT_SAVE_AS = "about/index.html"
# Print PDFs (plugin qhgy_pdf): the magazine's 16开 page, 185 × 260 mm; Noto Serif CJK SC.
PDF_PAGE = {"width": 185, "height": 260, "font": "Noto Serif CJK SC", "size": 10.5, "leading": 0.8}

# The submission page (content/pages/submit.md, purpose: submission): where its form sends a
# manuscript (None: the contributor's mail program opens with the form filled in), and the
# largest file it takes. README, Submissions.
SUBMISSION_ENDPOINT = None
SUBMISSION_MAX_MB = 20

SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
SEARCH_INDEX_URL = "pagefind/"  # the Pagefind bundles and their list (bundles.json), plugin qhgy_search
# Articles per Pagefind run: bounds the indexer's memory (measured: 1.7 GiB peak for 3,000); README, Search.
SEARCH_BUNDLE_ARTICLES = 3000
DIRECT_TEMPLATES = ["index", "archives", "authors", "categories", "tags", "about", "search", "404"]
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DEFAULT_PAGINATION = False
# No page is split into pages (an author's, a section's, a tag's list is one page): without
# Pelican's paginator those pages get an incremental key too and are not rendered when unchanged.
PAGINATED_TEMPLATES = {}

JINJA_FILTERS = {"by_issue": by_issue}

# Feeds need absolute URLs: publishconf.py turns them on.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
