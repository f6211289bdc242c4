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
