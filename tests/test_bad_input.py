"""Bad input: a one-line error naming the file and the fix, a non-zero exit, nothing written."""

import subprocess
import sys

import pytest

from pdf_fixtures import (damage_page, encrypt_pdf, make_damaged_pdf, make_encrypted_pdf, make_owner_only_pdf,
                          make_scanned_pdf)

from conftest import ROOT, SAMPLE


def run_import(source, content):
    return subprocess.run([sys.executable, "-m", "qhgy", "import", str(source), "--content-dir", str(content)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def assert_refused(result, source, content, *words):
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(source) in lines[0] and " — " in lines[0]  # the file, the problem — the fix
    for word in words:
        assert word in lines[0]
    assert result.stdout == ""
    assert not content.exists()


def make_text(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("name, text, words", [
    ("empty.txt", "", ["is empty"]),
    ("blank.txt", "\n \n\n", ["is empty"]),
    ("no_toc.txt", "青海工运\n\n省委群团改革工作座谈会在西宁召开\n\n9月17日,座谈会在西宁召开。\n", ["no 目录"]),
    ("no_date.txt", "目 录 2018年第3期\n\n工会视点\n\n- 03 标题\n\n标题\n\n正文,正文。\n", ["--date"]),
    ("no_label.txt", "目 录\n\n工会视点\n\n- 03 标题\n\n标题\n\n正文。\n", ["issue label"]),
    ("no_entries.txt", "目 录 2018年第3期 (2018年6月8日出版)\n\n这不是目录,而是一段正文。\n", ["lists no articles"]),
])
def test_bad_text(tmp_path, name, text, words):
    source = make_text(tmp_path, name, text)
    content = tmp_path / "content"
    assert_refused(run_import(source, content), source, content, *words)


def test_undecodable_text(tmp_path):
    source = tmp_path / "latin.txt"
    source.write_bytes(bytes(range(0x80, 0x100)) * 8)
    content = tmp_path / "content"
    assert_refused(run_import(source, content), source, content, "UTF-8")


def test_gbk_text_imports_like_utf8(tmp_path, sample_text):
    source = make_text(tmp_path, "gbk.txt", sample_text, "gbk")
    result = run_import(source, tmp_path / "content")
    assert result.returncode == 0, result.stderr
    assert "decoded as GB18030" in result.stdout
    assert run_import(SAMPLE, tmp_path / "content-utf8").returncode == 0
    for article in (tmp_path / "content-utf8/articles/2017/9-10").glob("*.md"):
        assert (tmp_path / "content/articles/2017/9-10" / article.name).read_bytes() == article.read_bytes()


@pytest.mark.parametrize("maker, words", [
    (lambda p: make_encrypted_pdf(p, user_password="secret"), ["password"]),
    (make_damaged_pdf, ["PDF"]),
    (make_scanned_pdf, ["scan"]),
])
def test_bad_pdf(tmp_path, maker, words):
    source = maker(tmp_path / "issue.pdf")
    content = tmp_path / "content"
    assert_refused(run_import(source, content), source, content, *words)


def test_a_pdf_with_an_unreadable_page_is_refused_naming_the_page(tmp_path, sample_pdf):
    # Imported, the page's text would be lost and the articles around it run together.
    source = damage_page(sample_pdf, tmp_path / "issue.pdf", 6)
    content = tmp_path / "content"
    assert_refused(run_import(source, content), source, content, "page 6 of", "cannot be read", "re-export the PDF",
                   "import the extracted .txt")


def test_aes_encrypted_owner_password_only_pdf_imports(tmp_path, sample_pdf):
    source = encrypt_pdf(sample_pdf, tmp_path / "qhgy-2017-09-10.pdf", user_password="", algorithm="AES-256")
    result = run_import(source, tmp_path / "content")
    assert result.returncode == 0, result.stderr
    utf8 = run_import(SAMPLE, tmp_path / "content-txt")
    assert utf8.returncode == 0, utf8.stderr
    articles = sorted((tmp_path / "content-txt/articles/2017/9-10").glob("*.md"))
    assert len(articles) == 55
    for article in articles:
        assert (tmp_path / "content/articles/2017/9-10" / article.name).read_bytes() == article.read_bytes()


def test_owner_password_only_pdf_imports(tmp_path, sample_text):
    source = make_owner_only_pdf(tmp_path / "issue.pdf", text=sample_text)
    result = run_import(source, tmp_path / "content")
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "content/articles/2017/9-10").glob("*.md"))) == 55


def test_unknown_type_and_missing_file(tmp_path):
    doc = make_text(tmp_path, "issue.docx", "x")
    content = tmp_path / "content"
    assert_refused(run_import(doc, content), doc, content, "unknown type")
    missing = tmp_path / "nope.txt"
    assert_refused(run_import(missing, content), missing, content, "does not exist")
