"""qhgy_issues: the journal's issues for the templates, and the pages Pelican does not make.

While the context is built: read content/issues/*/*/issue.yaml, group the articles into the
issue model (qhgy.site_model) and put it in the context; once the pages are read, place those
printed in an issue (its 征稿启事) in its 目录, and give the templates the newest call for
submissions. At the output phase: write one page per issue and each article's citation files
(BibTeX, RIS)."""

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from qhgy.citation import CitationData, bibtex, gbt7714, ris
from qhgy.content import ISSUE_FILE, ISSUES_DIR, load_issue_file
from qhgy.journal import JOURNAL_TITLE
from qhgy.site_model import build_issues, issues_by_year, newest_call, place_pages

log = logging.getLogger(__name__)


def _absolute(settings, url: str) -> str:
    return f"{settings.get('SITEURL', '').rstrip('/')}/{url}" if url else ""


def citation_of(article, settings) -> CitationData:
    issue = article.journal_issue
    return CitationData(
        id=article.slug, title=article.title, authors=tuple(a.name for a in getattr(article, "authors", [])),
        year=issue.year, number=issue.number, first_page=int(article.first_page),
        last_page=int(article.last_page), date=issue.date, url=_absolute(settings, article.url),
        pdf_url=_absolute(settings, getattr(article, "pdf_url", "")), lang=getattr(article, "lang", "zh-CN"),
        journal=JOURNAL_TITLE)


def add_issue_model(generator) -> None:
    settings = generator.settings
    folder = Path(settings["PATH"]) / ISSUES_DIR
    metas = [load_issue_file(path) for path in sorted(folder.glob(f"*/*/{ISSUE_FILE}"))]
    section_ids = settings.get("QHGY_IDS", {}).get("sections", {})
    issues = build_issues(metas, generator.articles, section_ids)
    for issue in issues:
        for article in issue.articles:
            article.citation = citation_of(article, settings)
            article.citation_gbt = gbt7714(article.citation)
            article.cite_stem = f"{article.url}{article.slug}"
    generator.context["issues"] = issues
    generator.context["issues_by_year"] = issues_by_year(issues)
    generator.context["latest_issue"] = issues[0] if issues else None
    unplaced = [a.source_path for a in generator.articles if getattr(a, "journal_issue", None) is None]
    if unplaced:
        raise ValueError(f"qhgy_issues: {len(unplaced)} article(s) name no known issue, the first: {unplaced[0]}")


def add_printed_pages(generator) -> None:
    # Published pages only: a hidden page stays out of the 目录 and the about page too.
    issues = generator.context.get("issues", [])
    place_pages(issues, generator.pages)
    generator.context["call_for_submissions"] = newest_call(issues, generator.pages)


class IssuePagesGenerator(Generator):
    """One page per issue, plus each article's BibTeX and RIS files."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        for issue in self.context.get("issues", []):
            writer.write_file(f"{issue.url}index.html", self.get_template("issue"), self.context,
                              issue=issue, page_name=issue.url.rstrip("/"), url=issue.url,
                              relative_urls=self.settings["RELATIVE_URLS"])
            for article in issue.articles:
                for suffix, render in ((".bib", bibtex), (".ris", ris)):
                    path = Path(self.output_path) / f"{article.url}{article.slug}{suffix}"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(render(article.citation).encode("utf-8"))


def get_generators(pelican):
    return IssuePagesGenerator


def register() -> None:
    signals.article_generator_finalized.connect(add_issue_model)
    signals.page_generator_finalized.connect(add_printed_pages)
    signals.get_generators.connect(get_generators)
