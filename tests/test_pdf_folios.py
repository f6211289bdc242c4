"""Page numbers of the print PDFs (issue 21): the folio printed on a page and the page label a PDF
viewer shows are the print pages, so a reader cites from the PDF what the print issue says.

An article set on as many pages as printed shows its print pages one a page (9, 10); set on more
or fewer, its pages share its print pages (6, 6 or 24—25), never a page it is not printed on. The
issue PDF's front matter is labelled i, ii, … and prints no number; its 目录 gives the print
pages; each article's opening says its print pages (印刷版第9—10页)."""

from __future__ import annotations

import copy
import io
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from qhgy.check import load_journal
from qhgy.model import page_dash
from qhgy.pdf.blocks import blocks
from qhgy.pdf.documents import PageSettings, article_document, issue_document, print_pages
from qhgy.pdf.labels import PageLabelError, label_ranges, roman, with_page_labels
from qhgy.pdf.render import Renderer

from conftest import CONTENT

MM = 72 / 25.4
FOOT = 17 * MM  # the footer band: the citation line (page 1) above the folio, nothing else
ISSUE_PDF = "2017/9-10/qhgy-2017-9-10.pdf"


@pytest.fixture(scope="module")
def journal():
    journal = load_journal(CONTENT)
    journal.render_bodies()
    return journal


def folios(pdf: Path) -> list[str]:
    """The folio printed on each page: the lowest line of its footer band's middle ('' for none;
    the QR code's caption stands lower, in the outer corner)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for page in BeautifulSoup(out, "html.parser").find_all("page"):
        height, width = float(page["height"]), float(page["width"])
        words = [(float(w["ymax"]), float(w["xmin"]), w.get_text()) for w in page.find_all("word")
                 if float(w["ymin"]) > height - FOOT
                 and 0.3 * width < (float(w["xmin"]) + float(w["xmax"])) / 2 < 0.7 * width]
        lowest = max((y for y, _, _ in words), default=None)
        found.append("".join(t for y, _, t in sorted(words, key=lambda w: w[1]) if lowest - y < 1) if words else "")
    return found


def span(label: str) -> tuple[int, int]:
    """The print pages of a label: '9' → (9, 9), '24—25' → (24, 25)."""
    first, *rest = re.split(r"[—–]", label)
    return int(first), int(rest[-1] if rest else first)


def cited_pages(site: Path, article) -> tuple[int, int]:
    """The pages the article page's 引用本文 gives (GB/T 7714-2025: `…：9-10.`, 2015: `…: 9-10.`)."""
    html = (site / article.url / "index.html").read_text(encoding="utf-8")
    text = BeautifulSoup(html, "html.parser").select_one(".cite-gbt").get_text()
    first, last = re.search(r"[:：]\s*(\d+)(?:-(\d+))?\.\s*$", text).groups()
    return int(first), int(last or first)


def assert_pages_follow_print(labels: list[str], first: int, last: int, where) -> None:
    """Labels of an article's pages: from its first print page to its last, never back, never
    skipping a page; page for page where it has as many pages as printed."""
    spans = [span(label) for label in labels]
    assert spans[0][0] == first and spans[-1][1] == last, (where, labels)
    for (lo, hi), (next_lo, next_hi) in zip(spans, spans[1:]):
        assert next_lo in (hi, hi + 1) and lo <= hi <= next_hi, (where, labels)
    if len(labels) == last - first + 1:
        assert labels == [str(n) for n in range(first, last + 1)], (where, labels)


def test_every_articles_pdf_is_numbered_with_the_pages_its_citation_gives(site, journal):
    checked = 0
    for article in journal.issues[0].articles:
        for version in article.versions:
            pdf = site / version.pdf_path
            labels = PdfReader(pdf).page_labels
            assert folios(pdf) == labels, pdf  # what the page shows is what the viewer shows
            cited = cited_pages(site, version)
            assert cited == (version.pages.first, version.pages.last), pdf
            assert_pages_follow_print(labels, *cited, pdf)
            checked += 1
    assert checked >= 60  # every article and translation


def test_an_article_printed_on_two_pages_shows_them(site, journal):
    """The issue's own example: 07 is cited as pages 9–10 and its PDF's pages are 9 and 10."""
    article = next(a for a in journal.issues[0].articles if a.order_text == "07")
    pdf = site / article.pdf_path
    assert (article.pages.first, article.pages.last) == (9, 10)
    assert PdfReader(pdf).page_labels == folios(pdf) == ["9", "10"]


def test_a_print_pages_mark_opens_every_article(site, journal):
    for article in journal.issues[0].articles:
        for version in article.versions:
            first = squash(PdfReader(site / version.pdf_path).pages[0].extract_text())
            pages = version.pages.text(version.lang)
            mark = f"印刷版第{pages}页" if version.in_default_language else \
                f"Printpage{'' if version.pages.single else 's'}{pages}"
            assert mark in first, (version.pdf_path, first[:80])


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def article_starts(reader: PdfReader) -> list[int]:
    """The page index where each article starts: its bookmark (level 2), in print order."""
    starts = []
    for section in [item for item in reader.outline if isinstance(item, list)]:
        starts += [reader.get_destination_page_number(item) for item in section if not isinstance(item, list)]
    return starts


def test_the_issue_pdf_front_matter_is_roman_and_unnumbered(site):
    pdf = site / ISSUE_PDF
    reader = PdfReader(pdf)
    front = article_starts(reader)[0]
    assert front >= 2  # cover, masthead, 目录
    assert reader.page_labels[:front] == [roman(n) for n in range(1, front + 1)]
    assert folios(pdf)[:front] == [""] * front


def test_the_issue_pdf_folios_are_print_pages_and_its_labels_match(site, journal):
    pdf = site / ISSUE_PDF
    reader = PdfReader(pdf)
    articles = journal.issues[0].articles
    starts = article_starts(reader)
    labels, printed = reader.page_labels, folios(pdf)
    assert printed[starts[0]:] == labels[starts[0]:]
    spans = [span(label) for label in labels[starts[0]:]]
    assert spans[0][0] == articles[0].pages.first and spans[-1][1] == articles[-1].pages.last
    for (lo, hi), (next_lo, _) in zip(spans, spans[1:]):
        assert lo <= hi and next_lo in (hi, hi + 1), labels  # print order, no page left out
    for article, start in zip(articles, starts):
        lo, hi = span(labels[start])
        assert lo <= article.pages.first <= hi, (article.order_text, labels[start])
        assert f"印刷版第{article.pages_text}页" in squash(reader.pages[start].extract_text()), article.order_text


def toc_numbers(reader: PdfReader, front: int) -> list[int]:
    """The page numbers of the 目录's lines (after their dot leaders), on the front pages."""
    text = "\n".join(reader.pages[i].extract_text() for i in range(front))
    return [int(n) for n in re.findall(r"[·.…]+\s*(\d+)\s*$", text, re.M)]


def test_the_issue_pdfs_toc_gives_the_print_pages(site, journal):
    reader = PdfReader(site / ISSUE_PDF)
    starts = article_starts(reader)
    numbers = toc_numbers(reader, starts[0])
    assert numbers == [a.pages.first for a in journal.issues[0].articles]
    for number, start in zip(numbers, starts):  # and the page it links to bears that print page
        lo, hi = span(reader.page_labels[start])
        assert lo <= number <= hi


# Documents rendered here, not by the site build: articles and issues without print pages.

@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    return Renderer(cache=tmp_path_factory.mktemp("folio-cache"), root=Path("/"))


def without_pages(article):
    copied = copy.copy(article)
    copied.pages = None
    return copied


def render(renderer, document, dest: Path) -> PdfReader:
    renderer.render(document, dest, dest.stem)
    return PdfReader(dest)


def test_an_article_without_print_pages_is_numbered_from_one(journal, renderer, tmp_path):
    article = without_pages(next(a for a in journal.issues[0].articles if a.pages and not a.pages.single))
    reader = render(renderer, article_document(article, blocks(article.html), PageSettings()), tmp_path / "a.pdf")
    n = len(reader.pages)
    assert reader.page_labels == folios(tmp_path / "a.pdf") == [str(k) for k in range(1, n + 1)]
    text = squash(reader.pages[0].extract_text())
    assert "印刷版" not in text and "[J]" not in text  # no print pages, so no mark and no citation


def test_an_issue_without_print_pages_is_numbered_from_its_first_article(journal, renderer, tmp_path):
    issue = copy.copy(journal.issues[0])
    issue.articles = [without_pages(a) for a in issue.articles[:6]]
    bodies = {a: blocks(a.html) for a in issue.articles}
    reader = render(renderer, issue_document(issue, bodies, PageSettings()), tmp_path / "issue.pdf")
    starts = article_starts(reader)
    labels = reader.page_labels
    assert labels[:starts[0]] == [roman(n) for n in range(1, starts[0] + 1)]
    assert labels[starts[0]:] == [str(n) for n in range(1, len(labels) - starts[0] + 1)]
    assert folios(tmp_path / "issue.pdf")[starts[0]:] == labels[starts[0]:]
    assert toc_numbers(reader, starts[0]) == [int(labels[s]) for s in starts]


def test_a_page_of_unknown_print_page_among_known_ones_is_left_unnumbered(journal, renderer, tmp_path):
    issue = copy.copy(journal.issues[0])
    known = [a for a in issue.articles if a.pages and a.pages.single][:3]
    issue.articles = [known[0], without_pages(known[1]), known[2]]
    bodies = {a: blocks(a.html) for a in issue.articles}
    reader = render(renderer, issue_document(issue, bodies, PageSettings()), tmp_path / "issue.pdf")
    starts = article_starts(reader)
    labels = [reader.page_labels[s] for s in starts]
    assert labels == [str(known[0].pages.first), "", str(known[2].pages.first)]


# The labels themselves

def test_labels_are_written_as_the_fewest_ranges():
    dash = page_dash("zh")
    labels = ["i", "ii", "iii", "2", "3", "6", "6", f"24{dash}25", "26", "", "27"]
    assert label_ranges(labels) == [(0, "/r", 1), (3, "/D", 2), (5, "/D", 6), (6, "/D", 6), (7, "/P", f"24{dash}25"),
                                    (8, "/D", 26), (9, "/P", ""), (10, "/D", 27)]


def test_labels_are_added_without_changing_typsts_bytes_and_always_the_same(renderer, tmp_path):
    import typst

    from qhgy.fonts import FONT_DIR

    pdf = typst.compile(b"#set page(width: 50mm, height: 50mm)\n" + b"#pagebreak()\n" * 3,
                        font_paths=[str(FONT_DIR)])
    labels = ["i", "9", "9", "9—10"]
    labelled = with_page_labels(pdf, labels)
    assert labelled.startswith(pdf) and labelled == with_page_labels(pdf, labels)
    reader = PdfReader(io.BytesIO(labelled), strict=True)
    assert reader.page_labels == labels and len(reader.pages) == 4
    assert with_page_labels(pdf, ["1", "2", "3", "4"]) == pdf  # what a viewer shows without labels
    assert with_page_labels(labelled, labels) == labelled
    check = subprocess.run(["pdfinfo", "-"], input=labelled, capture_output=True)
    assert check.returncode == 0 and b"Pages:           4" in check.stdout, check.stderr
    with pytest.raises(PageLabelError):
        with_page_labels(pdf, ["1"])


def test_print_pages_of_a_translation_are_its_originals_where_it_names_none(journal):
    article = next(a for a in journal.issues[0].articles if a.translations)
    translation = copy.copy(article.translations[0])
    translation.pages = None
    assert print_pages(translation) == article.pages
