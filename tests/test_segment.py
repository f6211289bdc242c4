"""Cutting the body into pieces, on a second issue shaped differently from the sample."""

import pytest

from qhgy.importer.blocks import Block
from qhgy.importer.pipeline import plan_import
from qhgy.importer.segment import cut_body
from qhgy.importer.toc import TocEntry

from conftest import FIXTURES


@pytest.fixture(scope="module")
def small():
    return {i.draft.title: i for i in plan_import(FIXTURES / "small_issue.txt").items}


def test_swapped_title_and_unlisted_byline(small):
    item = small["职工书屋建设的几点思考"]
    assert item.draft.authors == ["汪军"] and item.draft.roles == {"汪军": "省总宣教部干部"}
    assert item.draft.paragraphs[0].startswith("职工书屋是工会服务职工的重要阵地")


def test_running_header_in_mid_sentence_is_dropped_and_the_sentence_joined(small):
    speech = small["在全省工会干部培训班上的讲话"]
    text = "\n\n".join(speech.draft.paragraphs)
    assert "扎实推进各项工作落实，让职工群众得到实实在在的好处。" in text
    assert "青海工运" not in text
    assert speech.draft.roles == {"张明": "省总工会党组书记、常务副主席"}
    assert speech.draft.article_date == "2018-05-20"
    assert text.endswith("谢谢大家！")  # the last line stays with its article, not the next title


def test_kicker_by_shape_and_caption_after_an_attribution(small):
    grants = small["扎实开展“金秋助学”活动"]
    assert grants.draft.kicker == "提升服务水平 办好民生实事"
    assert grants.draft.captions == ["助学金发放现场"]
    assert small["海东市总工会举办劳模座谈会"].draft.kicker == ""


def test_unlisted_piece_after_the_last_attribution(small):
    item = small["省总工会召开全委会议"]
    assert item.piece.entry is None and item.meta["in_toc"] is False
    assert item.draft.source_unit == "省总办公室"
    assert small["推进集体协商 服务企业发展"].draft.reprinted_from == "《工人日报》"


def test_an_entry_missing_from_the_body_is_reported():
    entries = [TocEntry(3, "第一篇文章的标题", [], "栏目", None, 1),
               TocEntry(4, "根本没有印出来的文章", [], "栏目", None, 2)]
    blocks = [Block(["第一篇文章的标题"], 10), Block(["正文第一段，内容充实，文字较长，足以成为段落。"], 12)]
    pieces, notes = cut_body(entries, blocks)
    assert [(p.entry.title, len(p.blocks)) for p in pieces] == [("第一篇文章的标题", 2), ("根本没有印出来的文章", 0)]
    assert any("NOT FOUND" in n and "根本没有印出来的文章" in n for n in notes)


def test_a_missing_entry_is_written_as_a_draft(tmp_path):
    text = (FIXTURES / "small_issue.txt").read_text(encoding="utf-8")
    source = tmp_path / "issue.txt"
    source.write_text(text.replace("职工书屋建设的几点思考……05\n", "职工书屋建设的几点思考……05\n失踪的文章……05\n"),
                      encoding="utf-8")
    items = plan_import(source).items
    missing = next(i for i in items if i.draft.title == "失踪的文章")
    assert missing.meta["status"] == "draft" and missing.draft.paragraphs == []
    assert [i.draft.title for i in items].index("失踪的文章") == 2  # in print order, after its neighbour
