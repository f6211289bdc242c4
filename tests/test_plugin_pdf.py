"""Plugin qhgy_pdf, in an in-process build of the tiny site: a print PDF of every article and of
the issue, with a real text layer (pypdf reads each title, author and body back), kept in the
cache QHGY_PDF_CACHE names; a wrong PDF_PAGE stops the build before anything is written."""

import re

import pytest
from pypdf import PdfReader

from qhgy.settings import SettingsError

from plugin_build import ARTICLES, ISSUE_URL, build, plugins

ISSUE_PDF = f"{ISSUE_URL}qhgy-2030-3-4.pdf"
BODY_LINE = {"01": "职工技能提升行动覆盖全省重点企业", "02": "宣讲团成员结合自身经历讲述岗位创新故事",
             "03": "这盏灯，一亮就是十五年"}


def text_of(path) -> str:
    """The PDF's text without the spaces and line breaks its layout puts between CJK characters."""
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # qhgy_lang is not needed: the PDFs' paths come from the model, not from Pelican's pages
    return build(tmp_path_factory.mktemp("pdf"), plugins("qhgy_pdf", without=("qhgy_lang",)))


def test_the_build_logs_no_warning_and_reports_what_it_rendered(site):
    assert site.problems() == []
    assert "qhgy_pdf: 4 PDFs, 4 rendered, the others unchanged" in "\n".join(site.messages())


def test_exactly_one_pdf_per_article_and_one_for_the_issue(site):
    assert {f for f in site.files() if f.endswith(".pdf")} == {
        f"{ISSUE_URL}{order}/{slug}.pdf" for order, *_, slug in ARTICLES} | {ISSUE_PDF}


@pytest.mark.parametrize("order, title, authors, pages, slug", ARTICLES)
def test_each_article_pdf_holds_its_title_authors_and_body(site, order, title, authors, pages, slug):
    path = site.output / f"{ISSUE_URL}{order}/{slug}.pdf"
    assert path.read_bytes()[:5] == b"%PDF-"
    text = text_of(path)
    assert title in text and all(name in text for name in authors) and BODY_LINE[order] in text, text
    others = [t for o, t, *_ in ARTICLES if o != order]
    assert not any(other in text for other in others)  # one article per file


def test_the_issue_pdf_holds_every_article_in_print_order(site):
    text = text_of(site.output / ISSUE_PDF)
    assert "2030年第3-4期" in text
    bodies = [text.find(BODY_LINE[order]) for order, *_ in ARTICLES]
    assert -1 not in bodies and bodies == sorted(bodies), bodies
    assert all(title in text for _, title, *_ in ARTICLES)


def test_the_pdfs_are_kept_in_the_cache_the_setting_names(site):
    cache = site.output.parent / "cache" / "pdf"
    assert site.settings["QHGY_PDF_CACHE"] == str(cache)
    assert len(list(cache.rglob("*.pdf"))) == 4


def test_a_wrong_pdf_page_setting_stops_the_build_before_anything_is_written(tmp_path):
    result = build(tmp_path, plugins("qhgy_pdf", without=("qhgy_lang",)), PDF_PAGE={"colour": "red"},
                   raise_errors=False)
    assert isinstance(result.error, SettingsError), result.error_text()
    assert str(result.error).startswith("pelicanconf.py: PDF_PAGE is {'colour': 'red'} — it must be a dict with some "
                                        "of the keys")
    assert not result.output.exists()
