"""The journal's content as typed objects, built once per build: issues with their articles in
print order and sections, and every value a consumer derives (page ranges, labels, URLs,
citations, search records), so that templates, PDFs, citations and search read one model.

Values come from the key table (qhgy.schema) through one converter per key type; nothing
here re-reads a file. `build_journal` assembles the checked files (qhgy.check) into a
`Journal`; the Pelican plugins hang its objects on Pelican's articles and pages as `.model`.
"""

from __future__ import annotations

import datetime as dt
import html as html_module
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from qhgy.citation import CitationData, ReferenceLines, gbt7714, gbt7714_en, reference_lines
from qhgy.journal import JOURNAL_SLUG, JOURNAL_TITLE, LANGUAGE, credit_writers
from qhgy.names import NameTable
from qhgy.schema import KEY_TABLES
from qhgy.search.records import SearchRecord, html_to_text

CALL_FOR_SUBMISSIONS = "call-for-submissions"  # a page's `purpose`: an issue's printed 征稿启事
SUBMISSION = "submission"  # a page's `purpose`: the submission page (/submit/), guidelines and form

# One dash between the pages of a range, per language (GB/T 15834 sets Chinese ranges with a
# one-em dash; English with an en dash). Citation formats keep their standards' own ('-').
PAGE_DASH = {"zh": "—", "en": "–"}


def page_dash(lang: str) -> str:
    """The dash of a page range in that language (English's for a language without its own)."""
    return PAGE_DASH.get(language_of(lang), PAGE_DASH["en"])


def as_date(value) -> dt.date | None:
    """A date from YAML: a date already, or its ISO text; None for none."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _texts(value) -> tuple[str, ...]:
    return tuple(value or ())


def _sections(value) -> tuple[SectionSpec, ...]:
    return tuple(SectionSpec(s["name"], tuple(s.get("subcolumns") or ())) for s in value or ())


def _masthead(value) -> tuple[MastheadEntry, ...]:
    return tuple(MastheadEntry(m["role"], tuple(m.get("names") or ())) for m in value or ())


def _contact(value) -> Contact | None:
    if not value:
        return None
    phone = value.get("phone") or ()
    return Contact(publisher=value.get("publisher", ""), address=value.get("address", ""),
                   email=value.get("email", ""), postcode=value.get("postcode", ""),
                   phones=tuple(phone) if isinstance(phone, list) else (phone,))


# Key type (qhgy.schema.TYPES) → the typed value of a valid metadata value.
CONVERTERS = {
    "text": str,
    "texts": _texts,
    "date": as_date,
    "digits": int,
    "issue-number": str,
    "issue-ref": str,
    "roles": dict,
    "masthead": _masthead,
    "contact": _contact,
    "sections": _sections,
    "bool": bool,
    "lang": str,
    "status": str,
    "doi": str,
    "clc": str,
}


def typed(kind: str, meta: dict) -> dict:
    """The metadata of one file with each key's value converted by its type; absent keys are None."""
    out = {}
    for key in KEY_TABLES[kind]:
        value = meta.get(key.name)
        out[key.name] = None if value in (None, "", []) else CONVERTERS[key.type](value)
    return out


def language_of(lang: str) -> str:
    """The language part of a code: zh-CN → zh."""
    return lang.split("-")[0].lower()


def language_prefix(lang: str, default_lang: str = LANGUAGE) -> str:
    """Where a language's site lives: "" for the journal's own language, "en/" for English."""
    return "" if lang.lower() == default_lang.lower() else f"{language_of(lang)}/"


@dataclass(frozen=True)
class SectionSpec:
    name: str
    subcolumns: tuple[str, ...] = ()


@dataclass(frozen=True)
class MastheadEntry:
    role: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Contact:
    publisher: str = ""
    address: str = ""
    email: str = ""
    postcode: str = ""
    phones: tuple[str, ...] = ()


@dataclass(frozen=True)
class Author:
    name: str
    role: str = ""
    id: str = ""  # the URL id from content/ids.yaml: /authors/<id>/
    credit: str = ""  # named by the credit line (文稿), not a byline: the piece prints no byline for her


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


# A heading of a rendered body, as Python-Markdown writes it (qhgy.content.MARKDOWN: the toc extension's ids).
_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>', re.S)


@dataclass(frozen=True)
class Tag:
    name: str
    id: str = ""


@dataclass(frozen=True)
class PageRange:
    first: int
    last: int

    @property
    def single(self) -> bool:
        return self.first == self.last

    def text(self, lang: str = LANGUAGE) -> str:
        """'7' or '7—8' (Chinese) / '7–8' (English)."""
        if self.single:
            return str(self.first)
        return f"{self.first}{page_dash(lang)}{self.last}"


@dataclass(eq=False)
class Article:
    """An article or a page (kind 'page': the 征稿启事, the about pages) of the content."""
    path: Path
    kind: str
    title: str
    slug: str
    lang: str
    body: str  # Markdown
    status: str = "published"
    kicker: str = ""
    subtitle: str = ""
    title_en: str = ""
    summary_en: str = ""
    authors: tuple[Author, ...] = ()
    author_note: str = ""
    section: str = ""
    section_id: str = ""
    subcolumn: str = ""
    issue_ref: str = ""
    order: int | None = None
    pages: PageRange | None = None
    date: dt.date | None = None
    article_date: dt.date | None = None
    source_unit: str = ""
    reprinted_from: str = ""
    credits: str = ""
    # Scholarly keys (optional): 摘要 and 关键词 in Chinese and English (summary_en is the English
    # abstract), 基金项目, 中图分类号, DOI, 收稿 and 修回 dates.
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    keywords_en: tuple[str, ...] = ()
    fund: str = ""
    clc: str = ""
    doi: str = ""
    received: dt.date | None = None
    revised: dt.date | None = None
    in_toc: bool = True
    tags: tuple[Tag, ...] = ()
    purpose: str = ""
    # Set when the journal is assembled:
    # The references to other objects stay out of repr(): the model is a graph, and printing one
    # article would print the whole archive (a failing test's report took 19 GB).
    issue: Issue | None = field(default=None, repr=False)
    translations: list[Article] = field(default_factory=list, repr=False)
    original: Article | None = field(default=None, repr=False)  # a translation's original (the same issue and order, in Chinese)
    list_title: str = ""  # in lists: the title, told apart by author where pieces share it
    prev_in_issue: Article | None = field(default=None, repr=False)
    next_in_issue: Article | None = field(default=None, repr=False)
    toc_notice: bool = False  # a page printed among an issue's articles (its 征稿启事)
    # The body as the site prints it: Pelican's rendering in a build (with the image plugin's
    # <picture>s), the same Markdown settings elsewhere (render_bodies).
    html: str = ""
    # Set when the PDFs are made (qhgy.pdf.build.record_sizes), before the pages that link them:
    pdf_size: int = 0
    print_pdf_size: int = 0
    authors_en: tuple[str, ...] = ()  # where there is an English title: the authors' English names (qhgy.names)

    @property
    def published(self) -> bool:
        return self.status == "published"

    @property
    def in_default_language(self) -> bool:
        return self.lang.lower() == LANGUAGE.lower()

    @property
    def order_text(self) -> str:
        """The order as URLs and file names spell it: 07."""
        return f"{self.order:02d}" if self.order is not None else ""

    @property
    def url(self) -> str:
        """Site-relative, as Pelican writes it (ARTICLE_URL, PAGE_URL)."""
        prefix = language_prefix(self.lang)
        if self.kind == "page":
            return f"{prefix}{self.slug}/"
        return f"{prefix}{self.issue_ref}/{self.order_text}/"

    @property
    def pages_text(self) -> str:
        return self.pages.text(self.lang) if self.pages else ""

    @property
    def author_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.authors)

    @property
    def toc_anchor(self) -> str:
        """Its row's id in its issue's 目录 (the issue page): where "back to the contents" lands."""
        return f"toc-{self.order_text or self.slug}"

    @property
    def outline(self) -> tuple[Heading, ...]:
        """The body's own headings (level 2 and 3, with the ids Markdown gives them), in order: the
        article page's side column links to them. Empty before the body is rendered."""
        return tuple(Heading(int(level), ident, html_module.unescape(re.sub(r"<[^>]+>", "", inner)).strip())
                     for level, ident, inner in _HEADING.findall(self.html))

    @property
    def byline(self) -> tuple[Author, ...]:
        """The authors printed as the byline; the writer a credit line names is an author (her page
        lists the piece, citations name her) but is shown in the credit line, as printed."""
        return tuple(a for a in self.authors if not a.credit)

    def role_of(self, name: str) -> str:
        """The printed post of one of the authors ('' for none)."""
        return next((a.role for a in self.authors if a.name == name), "")

    def credit_of(self, name: str) -> str:
        """What the credit line calls one of the authors (文稿), '' for a byline author."""
        return next((a.credit for a in self.authors if a.name == name), "")

    @property
    def pdf_path(self) -> str:
        """Its print PDF (a translation's is set in its language: qhgy.pdf.documents); none for a page."""
        return f"{self.url}{self.slug}.pdf" if self.kind == "article" else ""

    @property
    def print_pdf_path(self) -> str:
        """The pages of the printed issue as a download, where the issue keeps its print PDF."""
        return f"{self.url}{self.slug}-print.pdf" if self.issue and self.issue.print_pdf and not self.original else ""

    @property
    def cite_stem(self) -> str:
        """The citation files' path without suffix: …/07/qhgy-2017-9-10-07(.ris, .bib, .enw); a
        translation is cited as its original, the article printed."""
        return self.original.cite_stem if self.original else f"{self.url}{self.slug}"

    def citation(self, siteurl: str = "") -> CitationData:
        """What a citation of the article says (of a translation: its original's, the article
        printed, which carries the English title too); URLs absolute when siteurl is given."""
        if self.original:
            return self.original.citation(siteurl)

        def absolute(path: str) -> str:
            return f"{siteurl.rstrip('/')}/{path}" if path else ""

        issue = self.issue
        return CitationData(id=self.slug, title=self.title, authors=self.author_names, year=str(issue.year),
                            number=issue.number, first_page=self.pages.first, last_page=self.pages.last,
                            date=issue.date, url=absolute(self.url), pdf_url=absolute(self.pdf_path),
                            lang=self.lang, journal=JOURNAL_TITLE, title_en=self.title_en,
                            authors_en=self.authors_en, doi=self.doi, abstract=self.abstract,
                            keywords=self.keywords, abstract_en=self.summary_en, keywords_en=self.keywords_en,
                            clc=self.clc, fund=self.fund)

    @property
    def versions(self) -> list[Article]:
        """The article in every language it is published in, the original first: one entry when
        it has no translation."""
        original = self.original or self
        return [original, *original.translations]

    @property
    def citation_gbt(self) -> str:
        """The reference line in the default GB/T 7714 edition (2025), as the PDF prints it."""
        return gbt7714(self.citation())

    @property
    def citation_en(self) -> str:
        """The same reference in English, where the article has an English title ("" where not)."""
        return gbt7714_en(self.citation())

    @property
    def citation_lines(self) -> tuple[ReferenceLines, ...]:
        """引用本文's lines: each GB/T 7714 edition (the default first), each with its English line."""
        return reference_lines(self.citation())

    @property
    def search_record(self) -> SearchRecord:
        """What the search index holds of the article (title region, body text, facets)."""
        return SearchRecord(url=self.url, title=self.title, text=html_to_text(self.html), year=str(self.issue.year),
                            issue=self.issue.label, section=self.section, subcolumn=self.subcolumn,
                            authors=self.author_names, pages=self.pages_text, lang=self.lang,
                            kicker=self.kicker, subtitle=self.subtitle, source_unit=self.source_unit)


@dataclass(eq=False)
class SectionGroup:
    """A section of one issue's 目录: its articles (and printed notices) in print order."""
    name: str
    id: str
    subcolumns: tuple[str, ...]
    articles: list[Article] = field(default_factory=list)

    @property
    def runs(self) -> list[tuple[str, list[Article]]]:
        """Consecutive articles of one sub-column ('' for none): the 目录 prints a heading per run."""
        runs: list[tuple[str, list[Article]]] = []
        for article in self.articles:
            if article.toc_notice and runs:
                runs[-1][1].append(article)  # a notice printed inside a run does not break it in two
                continue
            if not runs or runs[-1][0] != article.subcolumn:
                runs.append((article.subcolumn, []))
            runs[-1][1].append(article)
        return runs


@dataclass(eq=False)
class Issue:
    path: Path  # its issue.yaml
    year: int
    number: str
    label: str
    date: dt.date
    journal: str = JOURNAL_TITLE
    cover_image: str = ""
    cover_caption: str = ""
    cover_credit: str = ""
    back_cover_credit: str = ""
    masthead: tuple[MastheadEntry, ...] = ()
    contact: Contact | None = None
    section_specs: tuple[SectionSpec, ...] = ()
    source: str = ""
    print_pdf_name: str = ""
    print_pdf_offset: int = 0
    printed: dt.date | None = None  # 印刷日期 and 印数: a 内部资料 prints them (qhgy.legal)
    print_run: int | None = None
    pdf_size: int = 0  # set when the PDFs are made (qhgy.pdf.build.record_sizes)
    # Set when the journal is assembled:
    articles: list[Article] = field(default_factory=list, repr=False)  # published, in print order
    notices: list[Article] = field(default_factory=list, repr=False)  # pages printed in the issue, print order
    sections: list[SectionGroup] = field(default_factory=list, repr=False)
    newer: Issue | None = field(default=None, repr=False)
    older: Issue | None = field(default=None, repr=False)
    cover: dict = field(default_factory=dict)  # the cover's image files, made by the images step

    @property
    def ref(self) -> str:
        return f"{self.year}/{self.number}"

    @property
    def url(self) -> str:
        return f"{self.year}/{self.number}/"

    @property
    def slug(self) -> str:
        return f"{JOURNAL_SLUG}-{self.year}-{self.number}"

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def pdf_path(self) -> str:
        return f"{self.url}{self.slug}.pdf"

    @property
    def print_pdf(self) -> Path | None:
        """The issue's original print PDF in its folder: `print_pdf`, or a `source` that is a PDF."""
        name = self.print_pdf_name or (self.source if self.source.lower().endswith(".pdf") else "")
        return self.folder / name if name else None

    @property
    def cover_image_file(self) -> Path | None:
        return self.folder / self.cover_image if self.cover_image else None

    @property
    def cover_credit_text(self) -> str:
        """The cover photo's title and credit: 《浇筑》 刘家赢 摄."""
        return " ".join(x for x in (self.cover_caption, self.cover_credit) if x)


@dataclass(eq=False)
class Journal:
    """Every issue (newest first), article and page of a content folder."""
    issues: list[Issue]
    articles: list[Article]
    pages: list[Article]
    ids: dict[str, dict[str, str]]
    content_dir: Path
    names: dict[str, NameTable] = field(default_factory=dict)  # content/names/<lang>.yaml, by language

    def __post_init__(self):
        self._by_name = {os.path.abspath(item.path): item for item in self.articles + self.pages}
        self._by_path: dict | None = None  # by resolved path: made only if a lookup by name misses

    def names_in(self, lang: str) -> NameTable:
        """Sections', sub-columns' and authors' names in another language (qhgy.names)."""
        return self.names.get(lang) or NameTable(lang)

    @property
    def latest_issue(self) -> Issue | None:
        return self.issues[0] if self.issues else None

    @property
    def issues_by_year(self) -> list[tuple[int, list[Issue]]]:
        years: dict[int, list[Issue]] = {}
        for issue in self.issues:
            years.setdefault(issue.year, []).append(issue)
        return list(years.items())

    @property
    def call_for_submissions(self) -> Article | None:
        """The call for submissions of the newest issue that prints one (or one printed in no issue)."""
        rank = {issue.ref: n for n, issue in enumerate(self.issues)}  # newest first
        calls = [p for p in self.pages if p.published and p.in_default_language and p.purpose == CALL_FOR_SUBMISSIONS]
        return min(calls, key=lambda p: rank.get(p.issue_ref, len(rank)), default=None)

    @property
    def submission_page(self) -> Article | None:
        """The submission page (purpose: submission) in the journal's language, if the content has one."""
        return next((p for p in self.pages if p.published and p.in_default_language and p.purpose == SUBMISSION), None)

    def item_at(self, path) -> Article | None:
        """The article or page read from this file."""
        found = self._by_name.get(os.path.abspath(path))
        if found is None:  # spelt through a symbolic link, or relative to another folder
            if self._by_path is None:
                self._by_path = {item.path.resolve(): item for item in self.articles + self.pages}
            found = self._by_path.get(Path(path).resolve())
        return found

    def render_bodies(self) -> None:
        """Render every body with the site's Markdown settings (outside a Pelican build)."""
        from qhgy.content import markdown_renderer

        md = markdown_renderer()
        for item in self.articles + self.pages:
            item.html = md.reset().convert(item.body)


def by_issue(articles) -> list[tuple[Issue, list[Article]]]:
    """Articles (of a section, an author, a tag) grouped by issue, newest issue first, print order."""
    groups: dict[int, tuple[Issue, list[Article]]] = {}
    for article in articles:
        if article.issue is not None:
            groups.setdefault(id(article.issue), (article.issue, []))[1].append(article)
    out = sorted(groups.values(), key=lambda g: (g[0].date, g[0].year, g[0].number), reverse=True)
    for _, items in out:
        items.sort(key=lambda a: a.order)
    return out


# ---------------------------------------------------------------------------- assembly

def _issue(path: Path, meta: dict) -> Issue:
    m = typed("issue", meta)
    return Issue(path=path, year=m["year"], number=m["number"], label=m["label"], date=m["date"],
                 journal=m["journal"], cover_image=m["cover_image"] or "", cover_caption=m["cover_caption"] or "",
                 cover_credit=m["cover_credit"] or "", back_cover_credit=m["back_cover_credit"] or "",
                 masthead=m["masthead"] or (), contact=m["contact"], section_specs=m["sections"] or (),
                 source=m["source"] or "", print_pdf_name=m["print_pdf"] or "",
                 print_pdf_offset=m["print_pdf_offset"] or 0, printed=m["printed"], print_run=m["print_run"])


def _item(kind: str, path: Path, meta: dict, body: str, ids: dict[str, dict[str, str]]) -> Article:
    m = typed(kind, meta)
    text = {k: m[k] or "" for k in ("kicker", "subtitle", "title_en", "summary_en", "author_note", "subcolumn",
                                    "source_unit", "reprinted_from", "credits", "purpose", "abstract", "fund", "clc",
                                    "doi") if k in m}
    scholarly = {k: tuple(m.get(k) or ()) for k in ("keywords", "keywords_en") if k in m}
    scholarly.update({k: m.get(k) for k in ("received", "revised") if k in m})
    roles = m.get("author_roles") or {}
    byline = list(m.get("authors") or ())
    authors = tuple(Author(name, roles.get(name, ""), ids["authors"].get(name, "")) for name in byline) + tuple(
        Author(name, "", ids["authors"].get(name, ""), credit=role)
        for name, role in credit_writers(text.get("credits", "")) if name not in byline)
    first, last = m.get("first_page"), m.get("last_page")
    section = m.get("category") or ""
    return Article(path=path, kind=kind, title=m["title"], slug=m["slug"], lang=m["lang"], body=body,
                   status=m["status"] or "published", authors=authors, section=section,
                   section_id=ids["sections"].get(section, ""), issue_ref=m["issue"] or "", order=m["order"],
                   pages=PageRange(first, last if last is not None else first) if first is not None else None,
                   date=m["date"], article_date=m.get("article_date"),
                   in_toc=m.get("in_toc") if m.get("in_toc") is not None else True,
                   tags=tuple(Tag(t, ids["tags"].get(t, "")) for t in m.get("tags") or ()), **text, **scholarly)


def _group_sections(issue: Issue, section_ids: dict[str, str]) -> None:
    groups: dict[str, SectionGroup] = {}
    for spec in issue.section_specs:
        groups[spec.name] = SectionGroup(spec.name, section_ids.get(spec.name, ""), spec.subcolumns)
    for article in issue.articles:
        group = groups.setdefault(article.section, SectionGroup(article.section, section_ids.get(article.section, ""),
                                                                ()))
        group.articles.append(article)
    # Sections read as printed: ordered by their first article (the 目录's order, and a piece
    # outside the 目录 filed by hand under some section does not move that section).
    issue.sections = sorted((g for g in groups.values() if g.articles), key=lambda g: g.articles[0].order)


def _link_articles(issue: Issue) -> None:
    titles = [a.title for a in issue.articles]
    for n, article in enumerate(issue.articles):
        # In lists, pieces that share a printed title (three speeches) are told apart by author.
        names = "、".join(article.author_names)
        shared = titles.count(article.title) > 1 and names
        article.list_title = f"{article.title}（{names}）" if shared else article.title
        article.prev_in_issue = issue.articles[n - 1] if n else None
        article.next_in_issue = issue.articles[n + 1] if n + 1 < len(issue.articles) else None


def _place_notices(issue: Issue, pages: list[Article]) -> None:
    """Pages printed in the issue (`issue` and `order` set: the 征稿启事) join its 目录 at their
    place in print order, inside the section printed around them, marked `toc_notice`."""
    if not issue.sections:
        return
    for page in sorted(pages, key=lambda p: p.order):
        page.toc_notice = True
        page.list_title = page.title
        issue.notices.append(page)
        before = [a for a in issue.articles if a.order < page.order]
        # the section of the piece printed just before it; the first section if it opens the issue
        group = next(g for g in issue.sections if (before[-1] if before else issue.articles[0]) in g.articles)
        group.articles.append(page)
        group.articles.sort(key=lambda a: a.order)


def _link_translations(items: list[Article]) -> None:
    """A published item in another language with an original's slug is that original's translation."""
    originals = {a.slug: a for a in items if a.published and a.in_default_language}
    for item in items:
        if item.published and not item.in_default_language and item.slug in originals:
            originals[item.slug].translations.append(item)
            item.original = originals[item.slug]


def build_journal(issue_files, article_files, page_files, ids: dict[str, dict[str, str]],
                  content_dir: Path, names: dict[str, NameTable] | None = None) -> Journal:
    """The typed journal from checked files: issue_files are (path, meta), the others (path, meta, body)."""
    issues = {}
    for path, meta in issue_files:
        issue = _issue(path, meta)
        issues.setdefault(issue.ref, issue)  # the check reports a second file for one issue
    articles = [_item("article", path, meta, body, ids) for path, meta, body in article_files]
    pages = [_item("page", path, meta, body, ids) for path, meta, body in page_files]
    english = (names or {}).get("en") or NameTable("en")
    for item in articles + pages:
        if item.title_en:  # only then: spelling names loads pypinyin, half a second
            item.authors_en = tuple(english.author(author.name) for author in item.authors)
    for article in articles:
        article.issue = issues.get(article.issue_ref)
        if article.published and article.in_default_language and article.issue is not None:
            article.issue.articles.append(article)
    _link_translations(articles)
    _link_translations(pages)
    ordered = sorted(issues.values(), key=lambda i: (i.date, i.year, i.number), reverse=True)
    for n, issue in enumerate(ordered):
        issue.articles.sort(key=lambda a: a.order)
        issue.newer = ordered[n - 1] if n else None
        issue.older = ordered[n + 1] if n + 1 < len(ordered) else None
        _group_sections(issue, ids["sections"])
        _link_articles(issue)
    for page in pages:
        page.issue = issues.get(page.issue_ref)
    for issue in ordered:
        _place_notices(issue, [p for p in pages if p.issue is issue and p.published and p.in_default_language
                               and p.order is not None])
    return Journal(ordered, articles, pages, ids, Path(content_dir), dict(names or {}))
