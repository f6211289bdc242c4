"""The same issue given as a PDF gives the same articles."""

import pytest
from pypdf import PdfReader

from qhgy.importer.patterns import ends_sentence
from qhgy.importer.pipeline import plan_import


def test_pdf_has_a_real_text_layer_over_several_pages(sample_pdf):
    reader = PdfReader(sample_pdf)
    assert len(reader.pages) > 20
    assert "习近平总书记关于群团工作" in reader.pages[2].extract_text() + reader.pages[3].extract_text()


def test_pdf_and_text_give_byte_identical_articles(sample_pdf, sample_plan):
    pdf_plan = plan_import(sample_pdf)
    assert pdf_plan.source.kind == "pdf"
    articles = {p: d for p, d in pdf_plan.files.items() if p.startswith(("articles/", "pages/"))}
    expected = {p: d for p, d in sample_plan.files.items() if p.startswith(("articles/", "pages/"))}
    assert len(articles) == 56
    assert articles.keys() == expected.keys()
    different = [p for p in articles if articles[p] != expected[p]]
    assert different == []
    meta = dict(pdf_plan.issue_meta, source=sample_plan.issue_meta["source"])
    assert meta == sample_plan.issue_meta


def test_pdf_source_is_kept_beside_the_issue(sample_pdf, tmp_path):
    from qhgy.importer.pipeline import import_issue

    content = tmp_path / "content"
    import_issue(sample_pdf, content)
    kept = content / "issues/2017/9-10/qhgy-2017-09-10.pdf"
    assert kept.read_bytes() == sample_pdf.read_bytes()


# The sample laid out as print lays it out: paragraphs break over columns and pages, a running
# head and a folio on every page. Chinese print indents the first line of each paragraph, and
# that tells a paragraph running on over a column end from one that ends there.
HEAD = "青海工运 9-10 2017"


def _bodies(files: dict[str, bytes]) -> dict[str, tuple[str, str]]:
    out = {}
    for path, data in files.items():
        if path.startswith(("articles/", "pages/")):
            _, front, body = data.decode("utf-8").split("---\n", 2)
            out[path] = (front, body)
    return out


@pytest.fixture(scope="module")
def broken_layout_pdfs(tmp_path_factory, sample_text):
    from pdf_fixtures import make_issue_pdf

    folder = tmp_path_factory.mktemp("layouts")
    return {indent: make_issue_pdf(sample_text, folder / f"indent-{indent}" / "qhgy-2017-09-10.pdf",
                                   breakable=True, indent=indent, head=HEAD) for indent in (2, 0)}


def test_paragraphs_broken_over_columns_and_pages_give_the_same_articles(broken_layout_pdfs, sample_plan):
    pdf_plan = plan_import(broken_layout_pdfs[2])
    articles = {p: d for p, d in pdf_plan.files.items() if p.startswith(("articles/", "pages/"))}
    expected = {p: d for p, d in sample_plan.files.items() if p.startswith(("articles/", "pages/"))}
    assert articles.keys() == expected.keys()
    assert [p for p in articles if articles[p] != expected[p]] == []
    assert dict(pdf_plan.issue_meta, source="") == dict(sample_plan.issue_meta, source="")


def test_without_indents_only_a_break_after_a_full_stop_can_differ(broken_layout_pdfs, sample_plan):
    """A layout that does not indent its paragraphs cannot tell a paragraph that ends at a column
    end from one that goes on after a full stop there. What is guaranteed: the same pieces, the same
    metadata, the same text; a paragraph break the text import does not make stands only after a
    sentence's end, and every other break is the same."""
    pdf_plan = plan_import(broken_layout_pdfs[0])
    got, want = _bodies(pdf_plan.files), _bodies(sample_plan.files)
    assert got.keys() == want.keys()
    extra = 0
    for path, (front, body) in got.items():
        assert front == want[path][0], path
        paragraphs, expected = body.strip().split("\n\n"), want[path][1].strip().split("\n\n")
        assert "".join(paragraphs) == "".join(expected), path
        pieces = iter(paragraphs)
        for paragraph in expected:
            joined = next(pieces)
            while joined != paragraph:
                assert paragraph.startswith(joined) and ends_sentence(joined), (path, joined[-20:])
                joined += next(pieces)
                extra += 1
    assert extra <= 5  # 2 in this layout (32.md, 44.md)
