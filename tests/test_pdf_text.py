"""pdf_to_text: the text layer of a PDF comes back in the shape of the extracted .txt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pdf_fixtures import (make_damaged_pdf, make_encrypted_pdf, make_issue_pdf, make_owner_only_pdf,
                          make_scanned_pdf, text_blocks)
from qhgy.errors import SourceError
from qhgy.importer.pdf_text import pdf_to_text

SAMPLE = Path(__file__).parent.parent / "content" / "issues" / "2017" / "9-10" / "qhgy-2017-09-10.txt"


def pdf_blocks(text: str) -> list[list[str]]:
    """Blocks of pdf_to_text's output, each as its list of lines."""
    return [block.split("\n") for block in text.strip("\n").split("\n\n")]


def test_sample_issue_round_trips_block_for_block(tmp_path):
    sample = SAMPLE.read_text(encoding="utf-8")
    out = pdf_to_text(make_issue_pdf(sample, tmp_path / "issue.pdf"))

    assert "\n\n\n" not in out and not out.startswith("\n")
    expected = text_blocks(sample)
    got = pdf_blocks(out)
    assert len(got) == len(expected) == 544
    # Every block comes back exactly, its lines joined with nothing, but for one thing:
    # where typst wrapped a line at a space ("- 05 王国生", "5 个"), that space ends the
    # PDF line and goes with it, as in any print PDF (4 of 544 blocks in this sample).
    # So a space may be missing only at a line end, nowhere else.
    for want, lines in zip(expected, got):
        pattern = " ?".join(re.escape(line) for line in lines)
        assert re.fullmatch(pattern, want), (want, lines)
    exact = sum(want == "".join(lines) for want, lines in zip(expected, got))
    assert exact >= len(expected) - 10


def test_columns_and_pages_start_blocks(tmp_path):
    # Long paragraphs in two columns over several pages: each column/page jump is a
    # block start only where a paragraph starts (paragraphs here never straddle one).
    paragraphs = [f"第{i}段。" + "职工群众" * 60 for i in range(12)]
    out = pdf_to_text(make_issue_pdf("\n\n".join(paragraphs), tmp_path / "cols.pdf"))
    assert ["".join(lines) for lines in pdf_blocks(out)] == paragraphs
    assert all(len(lines) > 5 for lines in pdf_blocks(out))  # typst wrapped them


def test_owner_password_only_opens_and_reads(tmp_path):
    pdf = make_owner_only_pdf(tmp_path / "owner.pdf", "青海工运\n\n省委群团改革工作座谈会在西宁召开")
    assert pdf_to_text(pdf) == "青海工运\n\n省委群团改革工作座谈会在西宁召开\n"


def test_user_password_is_a_source_error_naming_the_file(tmp_path):
    pdf = make_encrypted_pdf(tmp_path / "locked.pdf", user_password="secret")
    with pytest.raises(SourceError) as caught:
        pdf_to_text(pdf)
    assert caught.value.path == pdf
    assert "locked.pdf" in str(caught.value) and "password" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_damaged_pdf_is_a_source_error(tmp_path):
    pdf = make_damaged_pdf(tmp_path / "damaged.pdf")
    with pytest.raises(SourceError, match="damaged.pdf.*re-export the PDF"):
        pdf_to_text(pdf)


def test_not_a_pdf_at_all_is_a_source_error(tmp_path):
    fake = tmp_path / "issue.pdf"
    fake.write_text("青海工运 2017年第9-10期", encoding="utf-8")
    with pytest.raises(SourceError, match="issue.pdf"):
        pdf_to_text(fake)


def test_scan_without_text_layer_is_a_source_error(tmp_path):
    pdf = make_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(SourceError, match="scan.pdf.*no text layer.*OCR"):
        pdf_to_text(pdf)


def test_nothing_is_printed(tmp_path, capsys):
    for pdf in (make_damaged_pdf(tmp_path / "d.pdf"), make_scanned_pdf(tmp_path / "s.pdf")):
        with pytest.raises(SourceError):
            pdf_to_text(pdf)
    pdf_to_text(make_owner_only_pdf(tmp_path / "o.pdf"))
    assert capsys.readouterr() == ("", "")
