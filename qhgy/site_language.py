"""The site of one language: the Chinese site at /, the English one at /en/ (a third at /bo/).

Every site shows the whole archive. An article is shown in the site's language where it has a
version in it (the original, or a translation); otherwise by its title in that language (the
English title, `title_en`) on a page that says it is published in Chinese and links there. So
every article, issue, section, author and tag page of one site has its twin at the same path in
every other site, and a language switch never leads to a missing page.

Templates read this as `here` (plugin qhgy_model). Names come from content/names/<lang>.yaml
(qhgy.names); the interface's words from the language's catalog (plugin qhgy_i18n)."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

from qhgy.journal import LANGUAGE
from qhgy.languages import babel_locale, issue_label
from qhgy.model import Article, Issue, language_of, language_prefix
from qhgy.names import NameTable
from qhgy.search.records import PAGE, SearchRecord, html_to_text


_NOTED = re.compile(r"^(.+?)\s*([（(][^（()）]*[)）])$")  # a name with a note in brackets


@functools.lru_cache(maxsize=None)  # every untranslated article of a list asks: Babel parses the locale each time
def _display_name(language: str, locale: str) -> str:
    from babel import Locale

    return Locale.parse(language).get_display_name(locale)


def language_prefixes(settings) -> list[str]:
    """The folders of every language's site: "" (the journal's language) and one per SITE_LANGUAGES."""
    return [""] + [language_prefix(lang, LANGUAGE) for lang in settings.get("SITE_LANGUAGES") or {}]


# The header's links (templates/partials/header.html) and the settings of their pages' files.
NAV_AREAS = (("home", ("INDEX_SAVE_AS",)), ("archive", ("ARCHIVES_SAVE_AS",)),
             ("sections", ("CATEGORIES_SAVE_AS", "CATEGORY_SAVE_AS")), ("authors", ("AUTHORS_SAVE_AS", "AUTHOR_SAVE_AS")),
             ("about", ("ABOUT_SAVE_AS",)))


@functools.lru_cache(maxsize=None)
def _save_as_pattern(save_as: str) -> re.Pattern:
    """authors/{slug}/index.html as a pattern of the files it names."""
    return re.compile(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(save_as)))


# The settings key under which a run keeps its SiteLanguage (site_language).
SITE_LANGUAGE_SETTING = "QHGY_SITE_LANGUAGE"


def site_language(settings) -> SiteLanguage:
    """The site a Pelican run builds, made once per run (its settings hold the checked journal)."""
    from qhgy.site import JOURNAL_SETTING

    found = settings.get(SITE_LANGUAGE_SETTING)
    if found is None:
        found = settings[SITE_LANGUAGE_SETTING] = SiteLanguage.of(settings, settings[JOURNAL_SETTING])
    return found


@dataclass(frozen=True)
class SiteLanguage:
    """The site being built (lang, prefix) and its siblings, as (lang, prefix) pairs, the default first."""
    lang: str
    prefix: str
    sites: tuple[tuple[str, str], ...]
    names: NameTable
    # The header's links and the output files of their part of the site: the page the link leads
    # to first, then the pages within it (a section's page is in 栏目).
    areas: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def of(cls, settings, journal) -> SiteLanguage:
        """The site a Pelican run builds (SITE_LANG, LANG_PREFIX), among the journal's language and SITE_LANGUAGES."""
        default = LANGUAGE
        lang = settings.get("SITE_LANG") or settings.get("DEFAULT_LANG") or default
        sites = ((default, ""),) + tuple((other, language_prefix(other, default))
                                         for other in settings.get("SITE_LANGUAGES") or {})
        areas = [(area, tuple(settings[key] for key in keys if settings.get(key))) for area, keys in NAV_AREAS]
        if journal.submission_page is not None and settings.get("PAGE_SAVE_AS"):
            areas.append(("submit", (settings["PAGE_SAVE_AS"].format(slug=journal.submission_page.slug),)))
        return cls(lang, language_prefix(lang, default), sites, journal.names_in(language_of(lang)), tuple(areas))

    def current(self, output_file: str | None) -> dict[str, str]:
        """aria-current of each header link on the page written to output_file: "page" on the page
        the link leads to, "true" on a page within its part of the site."""
        found = {}
        for area, patterns in self.areas:
            for n, pattern in enumerate(patterns):
                if output_file and _save_as_pattern(pattern).fullmatch(output_file):
                    found[area] = "page" if n == 0 else "true"
        return found

    @property
    def is_default(self) -> bool:
        return self.prefix == ""

    @property
    def others(self) -> tuple[tuple[str, str], ...]:
        return tuple(site for site in self.sites if site[1] != self.prefix)

    def same(self, lang: str) -> bool:
        return language_of(lang) == language_of(self.lang)

    # ------------------------------------------------------------------ names

    def label(self, issue: Issue) -> str:
        """The issue's label: as printed (2017年第9-10期) on the Chinese site, No. 9–10, 2017 in English."""
        return issue.label if self.is_default else issue_label(issue.year, issue.number, self.lang)

    def section(self, name: str) -> str:
        return name if self.is_default else self.names.section(name) or name

    def subcolumn(self, name: str) -> str:
        return name if self.is_default else self.names.subcolumn(name) or name

    def role(self, name: str) -> str:
        """A post on the masthead (主编): its name in this language, or as printed, marked Chinese."""
        return name if self.is_default else self.names.role(name) or self.in_content_lang(name)

    def author(self, name: str) -> str:
        return name if self.is_default else self.names.author(name)

    def person(self, name: str) -> str:
        """A name as the masthead prints it, a note after it kept as printed: 王洋(执行) → Wang Yang (执行)."""
        found = _NOTED.match(name)
        if self.is_default or not found:
            return self.author(name)
        return f"{self.author(found[1])} {self.in_content_lang(found[2])}"

    def authors(self, article: Article) -> tuple[str, ...]:
        return tuple(self.author(a.name) for a in article.authors)

    @property
    def content_lang(self) -> str:
        """The language the journal is written in: its names, captions and addresses."""
        return LANGUAGE

    def in_content_lang(self, text: str) -> str:
        """Text of the journal's own shown on another language's site, marked as in its language
        (<span lang="zh-CN">), so that it is read and set as Chinese; as it is on the journal's site."""
        if self.is_default or not text:
            return text
        return f'<span lang="{LANGUAGE}">{html.escape(text, quote=False)}</span>'

    def language_name(self, lang: str) -> str:
        """A language's name in this site's language: Chinese, 英语."""
        return _display_name(language_of(lang), babel_locale(self.lang)) or lang

    # ------------------------------------------------------------------ articles

    def version(self, article: Article) -> Article | None:
        """The article (or page) in this site's language: the original or a translation, or None."""
        original = article.original or article
        return next((v for v in original.versions if self.same(v.lang)), None)

    def foreign(self, article: Article) -> bool:
        """Whether this site shows the article only by its title (published in another language)."""
        return self.version(article) is None

    def _title(self, article: Article) -> tuple[str, str]:
        """(title, its language): its own in this language, else its English title on the English
        site, else the original's."""
        version = self.version(article)
        if version is not None:
            return version.list_title or version.title, version.lang  # list_title: pieces sharing a title told apart
        original = article.original or article
        if language_of(self.lang) == "en" and original.title_en:
            return original.title_en, "en"
        return original.title, original.lang

    def title(self, article: Article) -> str:
        """Its title on this site."""
        return self._title(article)[0]

    def title_lang(self, article: Article) -> str:
        """The language the title is written in (for a lang attribute)."""
        return self._title(article)[1]

    def url(self, article: Article) -> str:
        """Where this site shows the article: its version's page, or the page that says where it is."""
        version = self.version(article)
        if version is not None:
            return version.url
        original = article.original or article
        if original.kind == "page":
            return f"{self.prefix}{original.slug}/"
        return f"{self.prefix}{original.issue_ref}/{original.order_text}/"

    def issue_url(self, issue: Issue) -> str:
        return f"{self.prefix}{issue.url}"

    def default_path(self, output_file: str) -> str:
        """A page's URL on the journal's own site: its path less this site's prefix (and index.html)."""
        path = output_file[len(self.prefix):] if output_file.startswith(self.prefix) else output_file
        return path[: -len("index.html")] if path.endswith("index.html") else path

    def own_path(self, output_file: str) -> str:
        return f"{self.prefix}{self.default_path(output_file)}"

    def twins(self, output_file: str) -> list[tuple[str, str]]:
        """(lang, site-relative URL) of this page in each other language: the same path under their prefix."""
        path = self.default_path(output_file)
        return [(lang, f"{prefix}{path}") for lang, prefix in self.others]

    def published_versions(self, article: Article) -> list[Article]:
        """The versions of a piece that some site publishes (its original first): its translations."""
        original = article.original or article
        return [v for v in original.versions if any(language_of(v.lang) == language_of(lang) for lang, _ in self.sites)]

    # ------------------------------------------------------------------ search

    def record_inputs(self, article: Article) -> tuple:
        """Everything search_record reads: a bundle is indexed again only when one of these changed."""
        version, original, issue = self.version(article), article.original or article, article.issue
        shown = version or original
        return (self.url(article), self.title(article), original.title, original.summary_en,
                version.html if version else "", str(issue.year), self.label(issue), self.section(article.section),
                self.subcolumn(article.subcolumn), self.authors(article),
                article.pages.text(self.lang) if article.pages else "", self.lang,
                shown.kicker, shown.subtitle, original.source_unit)

    def search_record(self, article: Article) -> SearchRecord:
        """What this site's index holds of the article. An article in another language is found by
        both titles and its summary in this language (where there is one), not by its full text."""
        issue = article.issue
        facets = dict(year=str(issue.year), issue=self.label(issue), section=self.section(article.section),
                      subcolumn=self.subcolumn(article.subcolumn), authors=self.authors(article),
                      pages=article.pages.text(self.lang) if article.pages else "", lang=self.lang)
        if self.foreign(article):
            original = article.original or article
            title = self.title(article)
            return SearchRecord(url=self.url(article), title=title, text=original.summary_en
                                if language_of(self.lang) == "en" else "", kicker="",
                                subtitle=original.title if title != original.title else "",
                                source_unit=original.source_unit, **facets)
        version = self.version(article)
        return SearchRecord(url=version.url, title=version.title, text=html_to_text(version.html),
                            kicker=version.kicker, subtitle=version.subtitle,
                            source_unit=(article.original or article).source_unit, **facets)

    def page_record_inputs(self, page: Article) -> tuple:
        """Everything page_record reads."""
        version = self.version(page)
        return version.url, version.title, version.html, self.lang

    def page_record(self, page: Article) -> SearchRecord:
        """What this site's index holds of a page in its language (征稿启事, 投稿须知): its title and
        body, and nothing of an issue, section or byline, so a filter never selects it."""
        version = self.version(page)
        return SearchRecord(url=version.url, title=version.title, text=html_to_text(version.html), year="",
                            issue="", section="", lang=self.lang, kind=PAGE)
