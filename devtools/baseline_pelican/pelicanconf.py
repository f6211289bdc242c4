"""Plain Pelican, the benchmark's baseline (devtools/site_bench.py): the same content folder built
with Pelican's defaults — its default theme (THEME unset: notmyidea), its URLs, its feeds — and only
the YAML metadata plugin the project uses. Only what the content's layout needs is set: where the
articles and pages are, the issues' YAML files left alone, and the journal's language and time zone.
The keys the project adds (issue, order, first_page…) are plain metadata to Pelican."""

SITENAME = "青海工运"
SITEURL = ""
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"

ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
IGNORE_FILES = ["**/.*", "*.yaml", "*.yml", "*.txt"]  # issue.yaml, ids.yaml, import reports

PLUGINS = ["pelican.plugins.yaml_metadata"]
