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


def _variant(tmp_path, *replacements):
    text = (FIXTURES / "small_issue.txt").read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "variant.txt"
    path.write_text(text, encoding="utf-8")
    return {i.draft.title: i for i in plan_import(path).items}, plan_import(path)


def test_a_missing_first_entry_keeps_its_place(tmp_path):
    items, plan = _variant(tmp_path, ("在全省工会干部培训班上的讲话……03 //张明\n",
                                      "开篇的话……02\n在全省工会干部培训班上的讲话……03 //张明\n"))
    assert plan.items[0].draft.title == "开篇的话" and plan.items[0].meta["status"] == "draft"
    assert plan.items[1].draft.title == "在全省工会干部培训班上的讲话"


def test_no_entry_found_keeps_the_whole_body(tmp_path):
    text = (FIXTURES / "small_issue.txt").read_text(encoding="utf-8")
    toc_end = text.index("在全省工会干部培训班上的讲话\n\n(2018")
    source = tmp_path / "x.txt"
    source.write_text(text[:toc_end].replace("……0", "……9") + "全然不同的标题\n\n正文第一段，文字较长，足以成为一段正文。\n",
                      encoding="utf-8")
    plan = plan_import(source)
    kept = [i for i in plan.items if i.piece.entry is None]
    assert len(kept) == 1 and "正文第一段" in kept[0].draft.paragraphs[0]
    assert any("no 目录 entry was found" in n for n in plan.notes)


def test_a_reporter_line_stays_with_its_article(tmp_path):
    items, _ = _variant(tmp_path, ("(作者系省总宣教部干部)\n", "通讯员 马文\n"))
    assert items["职工书屋建设的几点思考"].draft.credits == "通讯员 马文"
    assert items["扎实开展“金秋助学”活动"].draft.kicker == "提升服务水平 办好民生实事"


def test_a_jump_marker_is_removed_and_reported(tmp_path):
    items, _ = _variant(tmp_path, ("各地要结合实际,把职工书屋建在职工身边。", "各地要结合实际,把职工书屋建在职工身边。(下转第7页)"))
    item = items["职工书屋建设的几点思考"]
    assert "下转" not in "".join(item.draft.paragraphs) and item.draft.source_unit == ""
    assert any("下转第7页" in n for n in item.draft.notes)


def test_twin_titles_printed_in_another_order_keep_their_authors(tmp_path):
    text = (FIXTURES / "small_issue.txt").read_text(encoding="utf-8")
    text = text.replace("职工书屋建设的几点思考……05\n", "在全省工会干部培训班上的讲话……05 //汪军\n")
    text = text.replace("几点思考 职工书屋建设的\n\n汪军", "在全省工会干部培训班上的讲话\n\n汪军")
    # the body prints 汪军's speech first
    first = text.index("在全省工会干部培训班上的讲话\n\n(2018")
    second = text.index("在全省工会干部培训班上的讲话\n\n汪军")
    end = text.index("提升服务水平")
    text = text[:first] + text[second:end] + text[first:second] + text[end:]
    path = tmp_path / "twins.txt"
    path.write_text(text, encoding="utf-8")
    speeches = [i for i in plan_import(path).items if i.draft.title == "在全省工会干部培训班上的讲话"]
    assert sorted((i.first_page, i.draft.authors[0]) for i in speeches) == [(3, "张明"), (5, "汪军")]


def test_the_piece_before_a_missing_entry_is_flagged():
    """It runs on to the next title found, so it may have absorbed the missing entry's text."""
    entries = [TocEntry(3, "第一篇文章的标题", [], "栏目", None, 1),
               TocEntry(4, "标题印错了的文章", [], "栏目", None, 2),
               TocEntry(5, "第三篇文章的标题", [], "栏目", None, 3)]
    blocks = [Block(["第一篇文章的标题"], 10), Block(["正文第一段，内容充实，文字较长，足以成为段落。"], 12),
              Block(["完全不同的标题"], 14), Block(["这是第二篇文章的正文，标题印错了，找不到它。"], 16),
              Block(["第三篇文章的标题"], 18), Block(["第三篇文章的正文，文字较长，足以成为一个段落。"], 20)]
    pieces, _ = cut_body(entries, blocks)
    first, missing, third = pieces
    assert missing.entry.title == "标题印错了的文章" and not missing.blocks
    assert len(first.blocks) == 4  # it holds the missing article's text
    assert any("'标题印错了的文章' (p. 4), was not found" in n for n in first.notes)
    assert not third.notes


def test_the_report_marks_the_piece_before_a_missing_entry(tmp_path):
    text = (FIXTURES / "small_issue.txt").read_text(encoding="utf-8")
    source = tmp_path / "issue.txt"
    source.write_text(text.replace("职工书屋建设的几点思考……05\n", "职工书屋建设的几点思考……05\n失踪的文章……05\n"),
                      encoding="utf-8")
    plan = plan_import(source)
    report = plan.report.splitlines()
    at = next(n for n, line in enumerate(report) if "职工书屋建设的几点思考 — 汪军" in line)
    notes = []
    for line in report[at + 2 :]:  # its own notes: the lines under it, up to the next piece
        if not line.startswith("       ! "):
            break
        notes.append(line)
    assert any("'失踪的文章' (p. 5), was not found in the body: this piece may hold its text" in n for n in notes)


def test_a_section_heading_above_the_next_article_is_not_left_at_the_end_of_the_one_before(tmp_path):
    """Seen in a 2019 issue: the heading 信息短播, printed above its section's first article, ended
    the article before it as a stray last paragraph, and the report said nothing."""
    text = (FIXTURES / "small_issue.txt").read_text(encoding="utf-8")
    marked = text.replace("(省总权益保障部)\n\n助学金发放现场\n\n", "(省总权益保障部)\n\n助学金发放现场\n\n基层风采\n\n")
    assert marked != text
    path = tmp_path / "issue.txt"
    path.write_text(marked, encoding="utf-8")
    plan = plan_import(path)
    before = next(i for i in plan.items if i.draft.title == "扎实开展“金秋助学”活动")
    assert "基层风采" not in "\n".join(before.draft.paragraphs) + "".join(before.draft.captions)
    assert any("dropped '基层风采' at its end" in note for note in before.draft.notes)
    assert "dropped '基层风采'" in plan.report
    # the pieces after it are found as before
    assert [i.draft.title for i in plan.items] == [i.draft.title for i in plan_import(FIXTURES / "small_issue.txt").items]


def test_a_piece_outside_the_toc_gets_a_section_of_this_issue(sample_plan):
    """Its section is a guess, and always one the issue's 目录 prints: the piece's printed before it,
    or after it for one printed before every listed piece (the cover's news item)."""
    sections = [s["name"] for s in sample_plan.toc.sections]
    unlisted = [i for i in sample_plan.items if i.piece.entry is None]
    assert unlisted and all(i.section in sections for i in unlisted)
    first = sample_plan.items[0]
    assert first.piece.entry is None and first.section == sample_plan.items[1].section
    for item in unlisted[1:]:
        previous = sample_plan.items[item.order - 2]
        assert item.section == previous.section
