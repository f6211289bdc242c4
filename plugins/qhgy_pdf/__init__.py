"""qhgy_pdf: a print PDF of every article and of every issue, set with Typst (qhgy.pdf).

While the context is built: give each article its PDF's URL (before qhgy_issues makes the
citations, whose citation_pdf_url needs it). Once every page and image is written (Pelican's
`finalized`): render what changed, and cut per-article extracts of an issue's original print
PDF where content/issues/… holds one. Settings: PDF_PAGE (a dict: width, height in mm, font,
size in pt, leading in em), QHGY_PDF_CACHE (or the environment variable: where rendered PDFs
are kept between builds, default .cache/pdf)."""

import logging
import time
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from qhgy.pdf.blocks import blocks
from qhgy.pdf.documents import ArticleInput, PageSettings, article_document, as_date, issue_document
from qhgy.build_cache import cache_dir
from qhgy.content import ISSUE_FILE, ISSUES_DIR, load_issue_file
from qhgy.pdf.extracts import cut_print_extracts, extract_path, print_pdf_of
from qhgy.pdf.render import PdfError, Renderer

log = logging.getLogger(__name__)


def _cache(settings) -> Path:
    return cache_dir(settings, "pdf", "QHGY_PDF_CACHE")


def article_pdf_path(article) -> str:
    return f"{article.url}{article.slug}.pdf"


def issue_pdf_path(issue) -> str:
    return f"{issue.url}{issue.slug}.pdf"


def add_pdf_urls(generator) -> None:
    issues: dict[str, bool] = {}
    folder = Path(generator.settings["PATH"]) / ISSUES_DIR
    for article in generator.articles:
        article.pdf_url = article_pdf_path(article)
        ref = str(article.issue)
        if ref not in issues:
            path = folder / ref / ISSUE_FILE
            issues[ref] = path.is_file() and print_pdf_of(load_issue_file(path), path.parent) is not None
        if issues[ref]:
            article.print_pdf_url = extract_path(article)


def article_input(article, image_root) -> ArticleInput:
    get = lambda key: getattr(article, key, "") or ""  # noqa: E731
    return ArticleInput(
        slug=article.slug, title=article.title, section=article.category.name,
        blocks=blocks(article.content, image_root), order=str(article.order),
        first_page=str(article.first_page), last_page=str(article.last_page),
        citation=getattr(article, "citation_gbt", ""), subcolumn=get("subcolumn"), kicker=get("kicker"),
        subtitle=get("subtitle"), authors=[a.name for a in getattr(article, "authors", [])],
        roles=dict(getattr(article, "author_roles", None) or {}), article_date=as_date(get("article_date")),
        source_unit=get("source_unit"), reprinted_from=get("reprinted_from"), credits=get("credits"),
        author_note=get("author_note"))


class PdfGenerator(Generator):
    """Renders at `finalized`, when the photos and covers it prints are in the output."""

    def generate_context(self):
        # the issue model exists by now (qhgy_issues, at article_generator_finalized)
        for issue in self.context.get("issues", []):
            issue.pdf_url = issue_pdf_path(issue)

    def generate_output(self, writer):
        signals.finalized.connect(self.render)

    def render(self, pelican) -> None:
        signals.finalized.disconnect(self.render)
        output = Path(self.output_path).resolve()
        page = dict(self.settings.get("PDF_PAGE", {}))
        unknown = set(page) - set(PageSettings.__dataclass_fields__)
        if unknown:
            raise PdfError(f"qhgy_pdf: PDF_PAGE in the settings has keys it does not know: {', '.join(sorted(unknown))} "
                           f"(known: {', '.join(PageSettings.__dataclass_fields__)})")
        settings = PageSettings(**page)
        siteurl = self.settings.get("SITEURL", "")
        # Typst may read any file: photos are in the output, a cover's original in content/
        renderer = Renderer(cache=_cache(self.settings), root=Path("/"))

        def image_root(src: str) -> str | None:
            # the site's own image files, by their URL: the file in the output
            path = src[len(siteurl):] if siteurl and src.startswith(siteurl) else src
            file = output / path.lstrip("/")
            return str(file) if path.startswith("/") and file.is_file() else None

        started, count = time.perf_counter(), 0
        try:
            for issue in self.context.get("issues", []):
                inputs = [article_input(a, image_root) for a in issue.articles]
                for article, data in zip(issue.articles, inputs):
                    renderer.render(article_document(data, issue.meta, settings), output / article_pdf_path(article),
                                    f"{article.source_path}")
                    count += 1
                # the cover photo as the editors supplied it: print wants its full resolution
                photo = issue.meta.get("cover_image")
                cover = str((Path(self.settings["PATH"]) / "issues" / issue.ref / photo).resolve()) if photo else None
                renderer.render(issue_document(issue.meta, inputs, settings, cover_image=cover),
                                output / issue_pdf_path(issue), f"issue {issue.ref}")
                count += 1
                cut_print_extracts(issue, Path(self.settings["PATH"]), output, _cache(self.settings))
        except PdfError as err:
            raise PdfError(f"qhgy_pdf: {err}") from None
        log.info("qhgy_pdf: %d PDFs, %d rendered, the others unchanged (%.1f s)", count, len(renderer.rendered),
                 time.perf_counter() - started)
        pelican.qhgy_pdf_rendered = list(renderer.rendered)  # for tests and the benchmark


def get_generators(pelican):
    return PdfGenerator


def register() -> None:
    signals.article_generator_finalized.connect(add_pdf_urls)
    signals.get_generators.connect(get_generators)
