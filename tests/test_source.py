"""Reading the source file: encodings and unreadable input."""

from pathlib import Path

import pytest

from qhgy.errors import SourceError
from qhgy.importer.source import read_source

from conftest import SAMPLE


def test_utf8_sample_reads_as_lines():
    source = read_source(SAMPLE)
    assert source.kind == "txt" and source.notes == []
    assert "目 录 2017年第9-10期 (2017年10月10日出版)" in source.lines


@pytest.mark.parametrize("encoding, note", [("gb18030", "decoded as GB18030"), ("gbk", "decoded as GB18030"),
                                           ("utf-8-sig", "decoded as UTF-8 (BOM)"), ("utf-16", "decoded as UTF-16")])
def test_chinese_encodings_are_detected_and_decoded(tmp_path, sample_text, encoding, note):
    path = tmp_path / "issue.txt"
    path.write_bytes(sample_text.encode(encoding))
    source = read_source(path)
    assert source.notes == [note]
    assert source.lines == read_source(SAMPLE).lines


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"\n  \n")
    with pytest.raises(SourceError, match=r"empty\.txt: is empty"):
        read_source(path)


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(SourceError, match=r"binary\.txt: .*UTF-8.*— save it again as UTF-8"):
        read_source(path)


def test_unknown_type_and_missing_file(tmp_path):
    doc = tmp_path / "issue.docx"
    doc.write_bytes(b"PK")
    with pytest.raises(SourceError, match=r"issue\.docx: has an unknown type '\.docx'"):
        read_source(doc)
    with pytest.raises(SourceError, match="does not exist"):
        read_source(tmp_path / "nope.txt")


def test_a_file_the_system_will_not_read(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("目 录", encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)  # as chmod 000 would, also when the tests run as root
    with pytest.raises(SourceError, match=r"locked\.txt: cannot be read \(Permission denied\) — check that"):
        read_source(path)
