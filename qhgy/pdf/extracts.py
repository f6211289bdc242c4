"""Per-article extracts of an issue's original print PDF, cut by print page range with pypdf.

The issue names its print PDF (`print_pdf`, or a `source` that is a PDF: qhgy.model.Issue.print_pdf)
and, where print page 1 is not the PDF's first page, the offset (`print_pdf_offset`). An extract is cached by
the PDF's bytes and its page range, so an unchanged issue writes nothing new."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from qhgy.build_cache import place
from qhgy.i18n import _
from qhgy.pdf.render import PdfError


def cut(source: Path, first: int, last: int, offset: int, dest: Path, cache: Path, digest: str | None = None) -> None:
    """Print pages first..last of source (page N is PDF page N + offset) into dest; digest: the
    SHA-256 of source's bytes, when the caller has it (an issue's articles share one PDF)."""
    from pypdf import PdfReader, PdfWriter

    digest = digest or hashlib.sha256(source.read_bytes()).hexdigest()
    key = hashlib.sha256(f"{digest}-{first}-{last}-{offset}".encode()).hexdigest()[:24]
    cached = cache / "extracts" / f"{key}.pdf"
    if not cached.exists():
        reader = PdfReader(source)
        if reader.is_encrypted:
            reader.decrypt("")
        start, end = first - 1 + offset, last - 1 + offset
        if start < 0 or end >= len(reader.pages) or start > end:
            raise PdfError(source, _("print pages {first}–{last} are not in it ({pages} pages, offset {offset})").format(
                               first=first, last=last, pages=len(reader.pages), offset=offset),
                           _("check the articles' pages and the issue's print_pdf_offset"))
        writer = PdfWriter()
        for index in range(start, end + 1):
            writer.add_page(reader.pages[index])
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.stem}.{os.getpid()}.part")
        with open(partial, "wb") as fp:
            writer.write(fp)
        partial.rename(cached)
    place(cached, dest)


def cut_print_extracts(issue, output: Path, cache: Path) -> int:
    """Cut every article of the issue (qhgy.model.Issue) from its print PDF, if it has one; how many were cut."""
    source = issue.print_pdf
    if source is None:
        return 0
    if not source.is_file():
        raise PdfError(issue.path, _("the print PDF {source} of issue {issue} does not exist").format(
                           source=source, issue=issue.ref),
                       _("put the file there, or remove print_pdf from issue.yaml"))
    digest = hashlib.sha256(source.read_bytes()).hexdigest()  # once, not once per article
    for article in issue.articles:
        cut(source, article.pages.first, article.pages.last, issue.print_pdf_offset, output / article.print_pdf_path,
            cache, digest)
    return len(issue.articles)
