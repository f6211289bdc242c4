"""Typst rendering (qhgy.pdf.render, .documents, .blocks) without a site build: the text comes
back verbatim whatever it holds, fonts and warnings fail loudly, images sit with captions."""

import datetime as dt
import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from qhgy.pdf import render as render_module
from qhgy.pdf.blocks import blocks, plain_text
from qhgy.model import Article, Author, Issue, PageRange
from qhgy.pdf.documents import PageSettings, article_document
from qhgy.pdf.render import PdfError, Renderer

TRICKY = ["# 不是标题 $x$ *星号* _下划线_ @引用 <label> // 不是注释 C:\\path\\to 1. 不是列表",
          "- 不是列表项 + 加号 = 等号 ~ 波浪 \\ 反斜杠 [方括号] {花括号} `反引号` \"引号\" 'single'",
          "网址 https://www.qhgh.gov.cn/a_b?x=1&y=2#frag 和邮箱 qhgy2017@163.com，#let x = 1"]


def issue() -> Issue:
    return Issue(path=Path("content/issues/2017/9-10/issue.yaml"), year=2017, number="9-10", label="2017年第9-10期",
                 date=dt.date(2017, 10, 10))


def article(in_issue: Issue | None = None) -> Article:
    """An article of the journal model, as the build gives the PDFs (its body comes as blocks)."""
    a = Article(path=Path("content/articles/2017/9-10/99.md"), kind="article", title="测试#标题$",
                slug="qhgy-2017-9-10-99", lang="zh-CN", body="", section="理论与实践", issue_ref="2017/9-10", order=99,
                pages=PageRange(1, 1), authors=(Author("作者"),))
    a.issue = in_issue or issue()
    return a


@pytest.fixture
def renderer(tmp_path):
    return Renderer(cache=tmp_path / "cache", root=tmp_path)


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_text_that_would_be_typst_markup_comes_back_verbatim(renderer, tmp_path):
    body = [{"t": "p", "c": [line]} for line in TRICKY]
    out = tmp_path / "a.pdf"
    renderer.render(article_document(article(), body, PageSettings()), out, "t")
    text = re.sub(r"\s+", "", pdf_text(out))
    for line in TRICKY + ["测试#标题$"]:
        assert re.sub(r"\s+", "", line) in text, line


def test_markdown_escapes_reach_the_pdf_as_the_site_shows_them(renderer, tmp_path):
    import markdown

    source = "\\# 井号 \\*星\\* \\_线\\_ 2017年，**加粗。**深入\n\n1\\. 不是列表 \\- 也不是"
    html = markdown.markdown(source, extensions=["markdown.extensions.extra", "markdown.extensions.md_in_html"])
    body = blocks(html)
    out = tmp_path / "b.pdf"
    renderer.render(article_document(article(), body, PageSettings()), out, "t")
    text = re.sub(r"\s+", "", pdf_text(out))
    assert re.sub(r"\s+", "", plain_text(body)).replace("\n", "") in text
    assert "#井号*星*_线_2017年，加粗。深入" in text and "1.不是列表-也不是" in text


def test_an_unknown_font_fails_instead_of_falling_back(renderer, tmp_path):
    document = article_document(article(), [{"t": "p", "c": ["正文"]}], PageSettings(font="No Such Font SC"))
    with pytest.raises(PdfError, match="Typst warned"):
        renderer.render(document, tmp_path / "c.pdf", "content/articles/x.md")
    assert not (tmp_path / "c.pdf").exists()


def test_missing_fonts_say_how_to_install_them(monkeypatch, tmp_path):
    monkeypatch.setattr(render_module, "FONT_DIRS", [tmp_path / "no-fonts"])
    with pytest.raises(PdfError, match="fonts-noto-cjk"):
        Renderer(cache=tmp_path / "cache", root=tmp_path)


def test_a_photo_is_placed_with_its_caption(renderer, tmp_path):
    Image.new("RGB", (1200, 800), (40, 90, 160)).save(tmp_path / "photo.jpg")
    html = ('<p>前文。</p><figure><img src="/photo.jpg" alt="会议现场"><figcaption>座谈会现场</figcaption></figure>'
            '<p>后文。</p>')
    body = blocks(html, image_root=lambda src: src)
    assert body[1] == {"t": "figure", "caption": ["座谈会现场"], "image": "/photo.jpg", "alt": "会议现场"}
    out = tmp_path / "d.pdf"
    renderer.render(article_document(article(), body, PageSettings()), out, "t")
    page = PdfReader(out).pages[0]
    assert len(page.images) == 1
    text = page.extract_text()
    assert text.index("前文") < text.index("座谈会现场") < text.index("后文")
    assert "图" not in text.replace("图片", "")  # no automatic 图1 prefix


def test_the_cache_renders_a_document_once_and_again_when_it_changes(renderer, tmp_path):
    first = article_document(article(), [{"t": "p", "c": ["甲"]}], PageSettings())
    assert renderer.render(first, tmp_path / "e.pdf", "e") is True
    inode = (tmp_path / "e.pdf").stat().st_ino
    assert renderer.render(first, tmp_path / "e.pdf", "e") is False  # unchanged: nothing rendered or rewritten
    assert (tmp_path / "e.pdf").stat().st_ino == inode
    changed = article_document(article(), [{"t": "p", "c": ["乙"]}], PageSettings())
    assert renderer.render(changed, tmp_path / "e.pdf", "e") is True
    assert renderer.rendered == ["e", "e"]
    bigger = article_document(article(), [{"t": "p", "c": ["乙"]}], PageSettings(width=210, height=297))
    assert renderer.render(bigger, tmp_path / "f.pdf", "f") is True  # the settings are part of the key
    assert round(float(PdfReader(tmp_path / "f.pdf").pages[0].mediabox[2]) / 72 * 25.4) == 210


def test_a_character_the_font_lacks_is_reported(renderer, tmp_path, caplog):
    body = [{"t": "p", "c": ["人名里的生僻字𪚥和常用字"]}]
    document = article_document(article(), body, PageSettings())
    with caplog.at_level("WARNING", logger="qhgy.pdf.render"):
        renderer.render(document, tmp_path / "g.pdf", "content/articles/2017/9-10/99.md")
    assert "𪚥 (U+2A6A5)" in caplog.text and "99.md" in caplog.text


def test_an_issue_without_masthead_or_contact_has_no_empty_masthead_page(renderer, tmp_path):
    from qhgy.pdf.documents import issue_document

    without = issue()
    piece = article(without)
    without.articles = [piece]
    renderer.render(issue_document(without, {piece: [{"t": "p", "c": ["正文。"]}]}, PageSettings()),
                    tmp_path / "i.pdf", "issue")
    pages = [page.extract_text() for page in PdfReader(tmp_path / "i.pdf").pages]
    assert "编委会" not in "".join(pages) and "目" in pages[1]
