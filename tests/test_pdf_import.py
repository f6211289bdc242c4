"""The same issue given as a PDF gives the same articles."""

from pypdf import PdfReader

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
