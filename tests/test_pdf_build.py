"""The PDFs in a real Pelican build of a copy of the bundled content: only what changed is
rendered, a rebuild with nothing changed writes nothing, and print-PDF extracts are cut."""

import shutil
from pathlib import Path

import pytest
import typst
import yaml
from pypdf import PdfReader

from qhgy.fonts import FONT_DIR

from conftest import CONTENT
from site_helpers import build_site


def pdf_state(output: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(output).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in output.rglob("*.pdf")}


@pytest.fixture
def content(tmp_path) -> Path:
    dest = tmp_path / "content"
    shutil.copytree(CONTENT, dest)
    return dest


def test_only_what_changed_is_rendered_and_an_unchanged_build_rewrites_nothing(content, tmp_path):
    cache = tmp_path / ".cache" / "pdf"  # beside the content folder, where the plugin keeps it
    assert build_site(tmp_path / "out1", content).returncode == 0
    rendered = set(cache.rglob("*.pdf"))
    first = pdf_state(tmp_path / "out1")
    assert len(rendered) == len(first) == 61  # 55 articles, 5 translations and the issue

    assert build_site(tmp_path / "out2", content).returncode == 0
    assert set(cache.rglob("*.pdf")) == rendered  # nothing rendered
    assert pdf_state(tmp_path / "out2") == first  # the same files (hard links): nothing rewritten

    article = content / "articles/2017/9-10/07.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n补记一段。\n", encoding="utf-8")
    assert build_site(tmp_path / "out3", content).returncode == 0
    new = set(cache.rglob("*.pdf")) - rendered
    third = pdf_state(tmp_path / "out3")
    changed = {path for path in third if third[path] != first[path]}
    assert changed == {"2017/9-10/07/qhgy-2017-9-10-07.pdf", "2017/9-10/qhgy-2017-9-10.pdf"} and len(new) == 2
    assert "补记一段" in PdfReader(tmp_path / "out3/2017/9-10/07/qhgy-2017-9-10-07.pdf").pages[-1].extract_text()


def numbered_pdf(path: Path, pages: int) -> None:
    source = "#set page(width: 100mm, height: 140mm)\n#set text(font: \"Noto Serif CJK SC\", lang: \"zh\")\n" \
             f"#for n in range(1, {pages + 1}) {{ [原刊第#(n)页] ; if n < {pages} {{ pagebreak() }} }}"
    path.write_bytes(typst.compile(source.encode(), font_paths=[str(FONT_DIR)]))


def test_articles_are_cut_from_the_issues_print_pdf_by_their_pages(content, tmp_path):
    issue_dir = content / "issues/2017/9-10"
    numbered_pdf(issue_dir / "print.pdf", 82)  # two unnumbered pages, then print pages 1–80
    meta = yaml.safe_load((issue_dir / "issue.yaml").read_text(encoding="utf-8"))
    meta.update(print_pdf="print.pdf", print_pdf_offset="2")
    (issue_dir / "issue.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build_site(tmp_path / "out", content)
    assert result.returncode == 0, result.stderr
    extract = tmp_path / "out/2017/9-10/34/qhgy-2017-9-10-34-print.pdf"
    reader = PdfReader(extract)
    # print pages 37–39 of article 34, two pages in: PDF pages 39–41
    assert [p.extract_text().replace(" ", "").strip() for p in reader.pages] == ["原刊第39页", "原刊第40页", "原刊第41页"]
    page = (tmp_path / "out/2017/9-10/34/index.html").read_text(encoding="utf-8")
    assert 'href="/2017/9-10/34/qhgy-2017-9-10-34-print.pdf"' in page


def test_a_print_pdf_too_short_for_the_pages_fails_the_build_clearly(content, tmp_path):
    issue_dir = content / "issues/2017/9-10"
    numbered_pdf(issue_dir / "print.pdf", 10)
    meta = yaml.safe_load((issue_dir / "issue.yaml").read_text(encoding="utf-8"))
    meta["print_pdf"] = "print.pdf"
    (issue_dir / "issue.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build_site(tmp_path / "out", content)
    assert result.returncode != 0
    assert "print.pdf: print pages" in result.stderr + result.stdout and "print_pdf_offset" in result.stderr + result.stdout


def test_an_issue_with_a_cover_photo_prints_it_on_the_pdfs_cover(content, tmp_path):
    from PIL import Image

    issue_dir = content / "issues/2017/9-10"
    Image.new("RGB", (1300, 1800), (150, 60, 40)).save(issue_dir / "cover.jpg")
    meta = yaml.safe_load((issue_dir / "issue.yaml").read_text(encoding="utf-8"))
    meta["cover_image"] = "cover.jpg"
    (issue_dir / "issue.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build_site(tmp_path / "out", content)
    assert result.returncode == 0, result.stderr
    cover = PdfReader(tmp_path / "out/2017/9-10/qhgy-2017-9-10.pdf").pages[0]
    assert len(cover.images) == 1 and cover.images[0].image.size[0] >= 1000


def test_an_article_photo_is_printed_from_the_largest_size_the_site_made(content, tmp_path):
    from PIL import Image

    photo = content / "articles/2017/9-10/images/07-meeting.jpg"
    photo.parent.mkdir()
    Image.new("RGB", (2000, 1200), (120, 90, 60)).save(photo)
    article = content / "articles/2017/9-10/07.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n![会议现场](images/07-meeting.jpg)\n", encoding="utf-8")
    result = build_site(tmp_path / "out", content)
    assert result.returncode == 0, result.stderr
    images = [img for page in PdfReader(tmp_path / "out/2017/9-10/07/qhgy-2017-9-10-07.pdf").pages for img in page.images]
    assert len(images) == 1 and images[0].image.size[0] == 1600
