"""Content files (qhgy.content): a header that cannot be read names the file and the line."""

import pytest

from qhgy.content import parse_markdown_file
from qhgy.errors import ContentError


def test_unparsable_header_names_file_and_line(tmp_path):
    path = tmp_path / "07.md"
    path.write_text("---\ntitle: 标题\nauthors: [李忠\n---\n\n正文\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"07\.md:\d+: the YAML header does not parse"):
        parse_markdown_file(path)
    path.write_text("正文，没有头部\n", encoding="utf-8")
    with pytest.raises(ContentError, match="has no YAML header"):
        parse_markdown_file(path)


def test_lines_of_keys_and_of_list_entries(tmp_path):
    from qhgy.content import read_markdown_file

    path = tmp_path / "07.md"
    path.write_text("---\ntitle: 李忠\nauthors:\n- 王霞\n- 李忠\ncategory: 工作指导\n---\n\n正文\n", encoding="utf-8")
    meta, body, lines, problems = read_markdown_file(path)
    assert problems == [] and body == "\n正文\n"
    assert lines.key("authors") == 3 and lines.entry("authors", "李忠") == 5  # not the title's line
    assert lines.header_end == 7 and lines.body_start == 8 and lines.key("colour") is None


def test_windows_line_ends_and_a_byte_order_mark_are_read(tmp_path):
    path = tmp_path / "07.md"
    path.write_bytes("\ufeff---\r\ntitle: 标题\r\n---\r\n\r\n正文\r\n".encode("utf-8"))
    assert parse_markdown_file(path) == ({"title": "标题"}, "\n正文\n")


def test_an_impossible_date_without_quotes_is_read_as_text_not_raised(tmp_path):
    path = tmp_path / "07.md"
    path.write_text("---\ndate: 2017-13-45\nother: 2017-10-10\n---\n\n正文\n", encoding="utf-8")
    meta, _body = parse_markdown_file(path)
    assert meta["date"] == "2017-13-45" and str(meta["other"]) == "2017-10-10"


@pytest.mark.parametrize("header, line, slip", [
    ("---\ntitle：标题\n---\n", 2, "a full-width colon '：' after 'title'"),
    ("---\ntitle: 标题\n\u3000lang: zh-CN\n---\n", 3, "a full-width space before 'lang'"),
    ("---\ntitle: 标题\n———\n", 3, "the header's line '---' is typed with full-width dashes"),
    ("---\nsummary_en: |\n  Note：a colon in a block of text\ntitle：标题\n---\n", 4, "a full-width colon '：' after 'title'"),
])
def test_an_input_method_slip_is_named_on_its_line(tmp_path, header, line, slip):
    path = tmp_path / "07.md"
    path.write_text(header + "\n正文\n", encoding="utf-8")
    with pytest.raises(ContentError, match=rf"07\.md:{line}: {slip}"):
        parse_markdown_file(path)


def test_a_file_in_gbk_names_its_encoding_and_the_line_of_its_first_chinese(tmp_path):
    path = tmp_path / "07.md"
    path.write_bytes("---\ntitle: 标题\n---\n\n正文\n".encode("gbk"))
    with pytest.raises(ContentError, match=r"07\.md:2: is not UTF-8 text: it looks like GB18030/GBK — open it and "
                                           r"save it as UTF-8"):
        parse_markdown_file(path)
