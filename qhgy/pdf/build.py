"""The site's print PDFs: one per article and one per issue, where the site publishes them
(qhgy.model: Article.pdf_path, Issue.pdf_path), and the extracts of an issue's print PDF."""

from __future__ import annotations

from pathlib import Path

from qhgy.pdf.blocks import blocks
from qhgy.pdf.documents import PageSettings, article_document, issue_document
from qhgy.pdf.extracts import cut_print_extracts
from qhgy.pdf.render import Renderer


def site_image_files(output: Path, siteurl: str):
    """The file behind an image URL of the site (its photos are in the output), or None."""
    def image_file(src: str) -> str | None:
        path = src[len(siteurl):] if siteurl and src.startswith(siteurl) else src
        file = output / path.lstrip("/")
        return str(file) if path.startswith("/") and file.is_file() else None

    return image_file


def render_journal_pdfs(journal, output: Path, page: PageSettings, cache: Path, siteurl: str = "") -> list[str]:
    """Render what changed of every issue's PDFs into output (each article's `html` set); the
    names of the documents rendered (the others came from the cache)."""
    output = Path(output).resolve()
    # Typst may read any file: photos are in the output, a cover's original in content/
    renderer = Renderer(cache=cache, root=Path("/"))
    image_file = site_image_files(output, siteurl)
    for issue in journal.issues:
        bodies = {article: blocks(article.html, image_file) for article in issue.articles}
        for article in issue.articles:
            renderer.render(article_document(article, bodies[article], page), output / article.pdf_path,
                            str(article.path))
        # the cover photo as the editors supplied it: print wants its full resolution
        cover = str(issue.cover_image_file.resolve()) if issue.cover_image else None
        renderer.render(issue_document(issue, bodies, page, cover_image=cover), output / issue.pdf_path,
                        f"issue {issue.ref}")
        cut_print_extracts(issue, output, cache)
    return renderer.rendered
