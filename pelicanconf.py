"""Pelican settings for development builds (`invoke build`, `invoke serve`).

The site itself (journal plugin, theme) is built in a later step; this is the minimum that
renders the imported content at its fixed URLs: /2017/9-10/07/.
"""

AUTHOR = "《青海工运》编辑部"
SITENAME = "青海工运"
SITEURL = ""
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"

PATH = "content"
OUTPUT_PATH = "output"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# issues/ holds issue files, sources and import reports: data for the plugins, not pages.
IGNORE_FILES = [".#*", "import-report.txt"]
STATIC_PATHS = []
USE_FOLDER_AS_CATEGORY = False
DELETE_OUTPUT_DIRECTORY = True

# Listed explicitly: once PLUGINS is set Pelican discovers no installed plugin by itself.
# qhgy_check first: an invalid content file stops the build before anything is read.
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["qhgy_check", "pelican.plugins.yaml_metadata", "qhgy_lang"]

# One Markdown parser for site and PDFs: Python-Markdown, with md_in_html for the captions.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.md_in_html": {},
    },
    "output_format": "html5",
}

# URLs from issue and order, never from a Chinese title (issue is '2017/9-10', order '07').
ARTICLE_URL = "{issue}/{order}/"
ARTICLE_SAVE_AS = "{issue}/{order}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
ARTICLE_TRANSLATION_ID = "slug"

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
