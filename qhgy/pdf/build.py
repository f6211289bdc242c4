"""The site's print PDFs: one per article and one per issue, where the site publishes them
(qhgy.model: Article.pdf_path, Issue.pdf_path), and the extracts of an issue's print PDF.

Only what changed is rendered, on every core (qhgy.pdf.pool). Whether a document changed is
decided before its HTML is parsed: its cache key holds the article's HTML (by digest) in place
of the blocks made from it, since blocks are a function of the HTML alone (the renderer's key
covers the code that makes them). An article with images is the exception: its blocks carry
the photos' shapes, so it is parsed, and the key counts the photos by their bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from qhgy.pdf.blocks import blocks
from qhgy.pdf.documents import PageSettings, article_document, issue_document
from qhgy.pdf.extracts import cut_print_extracts
from qhgy.pdf.pool import Job, render_jobs
from qhgy.pdf.render import Renderer, place


def site_image_files(output: Path, siteurl: str):
    """The file behind an image URL of the site (its photos are in the output), or None."""
    def image_file(src: str) -> str | None:
        path = src[len(siteurl):] if siteurl and src.startswith(siteurl) else src
        file = output / path.lstrip("/")
        return str(file) if path.startswith("/") and file.is_file() else None

    return image_file


class Bodies:
    """The articles' bodies as blocks, parsed once when a document needs them, and what stands
    for them in a cache key."""

    def __init__(self, image_file):
        self.image_file = image_file
        self.parsed: dict = {}

    def blocks(self, article) -> list:
        if article not in self.parsed:
            self.parsed[article] = blocks(article.html, self.image_file)
        return self.parsed[article]

    def key_part(self, article):
        if "<img" in article.html:
            return self.blocks(article)
        return {"html": hashlib.sha256(article.html.encode("utf-8")).hexdigest()}


def render_journal_pdfs(journal, output: Path, page: PageSettings, cache: Path, siteurl: str = "",
                        workers: int | None = None, qr=None, public_siteurl: str = "", legal=None,
                        wanted=lambda lang: True, issues: bool = True) -> list[str]:
    """Render what changed of every issue's PDFs into output (each article's `html` set), with
    `workers` processes (default: qhgy.build_cache.worker_count); the names of the documents
    rendered (the others came from the cache). qr: an address's QR code as SVG (qhgy.qr.QrCache.svg),
    printed on each article with its public address (public_siteurl); legal: the issue's 版权 marks.
    wanted(lang): the languages whose articles' PDFs to make (a build's run, its own); issues: the
    issues' PDFs and print extracts too (the journal's own language's run)."""
    output = Path(output).resolve()
    # Typst may read any file: photos are in the output, a cover's original in content/
    renderer = Renderer(cache=cache, root=Path("/"))
    image_file = site_image_files(output, siteurl)
    jobs: dict[str, Job] = {}

    def need(key_document: dict, document, dest: Path, name: str) -> None:
        key = renderer.key(key_document)
        if key in jobs:  # the same document twice: rendered once
            jobs[key].dests.append(dest)
        elif renderer.cached(key).exists():
            place(renderer.cached(key), dest)
        else:
            jobs[key] = Job(key, name, [dest], document)

    for issue in journal.issues:
        bodies = Bodies(image_file)
        # each article, and each of its translations in the translation's language
        # (a translation whose text this build has not read, outside `qhgy build`, is not printed)
        for article in [v for a in issue.articles for v in a.versions if (v is a or v.html) and wanted(v.lang)]:
            names = journal.names_in(article.lang.split("-")[0]) if article.original else None
            code = qr(f"{public_siteurl}/{article.url}") if qr and public_siteurl else ""
            need(article_document(article, bodies.key_part(article), page, names, code),
                 lambda article=article, bodies=bodies, names=names, code=code: article_document(
                     article, bodies.blocks(article), page, names, code),
                 output / article.pdf_path, str(article.path))
        if not issues:
            continue
        # the cover photo as the editors supplied it: print wants its full resolution
        cover = str(issue.cover_image_file.resolve()) if issue.cover_image else None
        need(issue_document(issue, {a: bodies.key_part(a) for a in issue.articles}, page, cover_image=cover,
                            legal=legal),
             lambda issue=issue, bodies=bodies, cover=cover: issue_document(
                 issue, {a: bodies.blocks(a) for a in issue.articles}, page, cover_image=cover, legal=legal),
             output / issue.pdf_path, f"issue {issue.ref}")
        cut_print_extracts(issue, output, cache)
    render_jobs(renderer, list(jobs.values()), workers)
    return renderer.rendered


def record_sizes(journal, output: Path, wanted=lambda lang: True, issues: bool = True) -> int:
    """Each PDF's size on its model object (pdf_size, print_pdf_size), which the pages give beside
    their links; as a field of the object it is part of what decides whether a page is written again.
    The number of PDFs."""
    def size(path: str) -> int:
        file = output / path
        return file.stat().st_size if path and file.is_file() else 0

    count = 0
    for issue in journal.issues:
        if issues:
            issue.pdf_size = size(issue.pdf_path)
            count += 1
        for article in issue.articles:
            for version in article.versions:
                if wanted(version.lang):
                    version.pdf_size = size(version.pdf_path)
                    version.print_pdf_size = size(version.print_pdf_path)
                    count += 1
    return count
