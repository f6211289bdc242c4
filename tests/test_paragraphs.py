"""Paragraphs of a body (qhgy.importer.paragraphs): sentences cut by a column or page rejoined, real
breaks kept, one list numbered in one style."""

import re

import pytest

from qhgy.importer.blocks import split_blocks
from qhgy.importer.model import Draft
from qhgy.importer.paragraphs import join_paragraphs, unify_item_numbers
from qhgy.textnorm import join_lines

from conftest import FIXTURES


def body(item) -> str:
    return "\n\n".join(item.draft.paragraphs)


def test_broken_lines_joined_without_spaces(items_by_title):
    migrant = body(items_by_title["青海省总工会农民工入会服务工作规划（2017—2020年）"])
    assert "为农民工提供政策和法律咨询服务；探索建立职工在线培训公共服务平台" in migrant
    assert "**（三）加大维权力度，依法维护农民工的合法权益**" not in migrant  # a heading, not a bold paragraph
    assert "### （三）加大维权力度，依法维护农民工的合法权益" in migrant
    work = body(items_by_title["各级工会深入学习贯彻王国生书记要求和省委群团改革工作座谈会精神"])
    assert "使工会干部用更多时间“沉下去”" in work  # joined across a blank line
    speech = body(items_by_title["在省委群团改革工作座谈会上的发言/李忠"])
    assert "省总领导班子增配1名农民工" in speech  # across the page furniture


# --- Rejoining sentences broken across blocks: scenario fixtures (tests/fixtures/joins/*.txt) --------
# Each file: the blocks as an extracted text prints them, a line '=====', then the paragraphs the
# importer must make of them (one per blank-line-separated chunk; lines of a chunk join as in print).
# Lines starting with '#' describe the scenario.

JOINS = sorted((FIXTURES / "joins").glob("*.txt"))


@pytest.mark.parametrize("scenario", JOINS, ids=lambda p: p.stem)
def test_join_scenarios(scenario):
    given, expected = scenario.read_text(encoding="utf-8").split("\n=====\n")
    blocks, _ = split_blocks([line for line in given.split("\n") if not line.startswith("#")])
    want = [join_lines(chunk.split("\n")) for chunk in expected.strip().split("\n\n")]
    assert join_paragraphs(blocks, Draft(title="")) == want


def test_sentences_cut_after_a_run_in_heading_are_joined_in_the_sample(items_by_title):
    study = body(items_by_title["关于我省推进集体协商制度建设和实践探索的研究"])
    for seam in ("建制率92.6%。其中", "年底认真总结", "专家担任指导员", "等工作严格按照", "行业集体协商内容",
                 "（工业园区）的核心指标", "部分企业经营者认为"):
        assert seam in study, seam
    assert "\n\n92.6%" not in study
    plan = body(items_by_title["推进基层工会组织和工会会员实名制管理工作实施方案"])
    assert "各市州、产业、直属工会要加强组织领导" in plan
    migrant = body(items_by_title["青海省总工会农民工入会服务工作规划（2017—2020年）"])
    assert "1、继续深入开展“农民工入会集中行动”。积极推行" in migrant


def test_a_letters_closing_signature_and_date_stay_apart(items_by_title):
    letters = body(items_by_title["抗战烽火中的朱德家书"])
    assert "望你做到复我。此候近安\n\n朱德\n\n一月二十九日于晋洪洞战地\n\n这是一封感人至深的信" in letters


# The test's own idea of a sentence end and of a numbered line, written apart from the importer's
# patterns so that the importer is not checked against itself. A sentence ends with a full stop, a
# question or exclamation mark, an ellipsis, or a colon that introduces what follows — inside closing
# quotes or brackets, or before the '**' that closes a bold run-in.
SENTENCE_END = re.compile(r"[。！？!?…：:][”’」』）)》]*(?:\*\*)?$")
# A heading or an item begins with its number: 一、 （一） 1、 1. (Markdown-escaped '1\.').
NUMBERED = re.compile(r"^(?:\*\*)?(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,3}(?:、|\\?[.．]))")
# Running text has a comma or a stop in it; a title, a signature or a letter's closing has none.
SENTENCE_MARK = re.compile(r"[。，；！？,;!?]")


def test_no_paragraph_ends_mid_sentence_before_running_text(sample_plan):
    """What the review found, in general: a paragraph that stops mid-sentence followed by running
    text that is no heading. Only letters' closings (此候近安, 顺颂) and lines without a sentence
    mark may stand so."""
    checked = 0
    for item in sample_plan.items:
        paragraphs = item.draft.paragraphs
        for a, b in zip(paragraphs, paragraphs[1:]):
            if b.startswith(("#", "<figure")) or not re.search(r"[。，；]", a) or len(a) <= 40:
                continue
            if SENTENCE_MARK.search(b) and not NUMBERED.match(b):
                assert SENTENCE_END.search(a), (item.order, a[-10:], b[:10])
                checked += 1
    assert checked > 80  # 96 pairs of running paragraphs in the sample


def test_an_item_standing_alone_in_a_run_in_list_gets_its_text_back(items_by_title):
    migrant = items_by_title["青海省总工会农民工入会服务工作规划（2017—2020年）"]
    assert "\n\n13、深化农民工劳动安全健康保护工作。配合相关部门开展农民工安全生产" in body(migrant)
    assert any("'13、深化农民工劳动安全健康保护工作。' stood alone" in n for n in migrant.draft.notes)


def test_a_lone_line_under_a_heading_before_running_text_is_reported(items_by_title):
    # "一、总体要求" / "按照省总关于深化全省工会改革的工作" / "部署，以促进…": a column ended after the
    # paragraph's first line, or the line is a sub-heading; the text cannot tell, the report asks.
    plan = items_by_title["推进基层工会组织和工会会员实名制管理工作实施方案"]
    assert any("'按照省总关于深化全省工会改革的工作' stands alone between a heading and running text" in n
               for n in plan.draft.notes)
    draft = Draft(title="")
    blocks, _ = split_blocks(["一、典型经验", "", "西宁市总工会创新服务职工新模式", "",
                              "近年来，西宁市总工会积极探索服务职工的新途径，取得了明显成效。"])
    assert len(join_paragraphs(blocks, draft)) == 3 and any("stands alone" in n for n in draft.notes)


def test_a_list_numbered_in_two_styles_is_made_one(items_by_title):
    migrant = items_by_title["青海省总工会农民工入会服务工作规划（2017—2020年）"]
    text = body(migrant)
    assert "\n\n14、维护农民工参与民主管理的权利" in text and "\n\n17、广泛开展" in text
    assert not re.search(r"(?m)^\d+\\?\.", text)
    assert any("14, 15, 16, 17" in note for note in migrant.draft.notes)


def test_a_sub_list_keeps_its_own_numbering():
    draft = Draft(title="")
    paragraphs = ["1、总体要求。", "1. 提高认识。", "2. 加强领导。", "2、主要任务。", "3、保障措施。"]
    assert unify_item_numbers(paragraphs, draft) == paragraphs and not draft.notes
    mixed = ["1、总体要求。", "2、主要任务。", "3. 保障措施。"]
    assert unify_item_numbers(mixed, draft) == ["1、总体要求。", "2、主要任务。", "3、保障措施。"]
