"""Articles of the real sample issue: found, titled, attributed and cleaned."""

import re
from collections import Counter

import pytest

from qhgy.importer.article import (Draft, document_number, heading_text, join_paragraphs, normalize_more,
                                   unify_item_numbers)
from qhgy.importer.blocks import split_blocks
from qhgy.importer.patterns import TRAILING_SOURCE_UNIT, closing_kind, ends_sentence, is_paragraph_like, item_marker
from qhgy.importer.source import read_source
from qhgy.textnorm import HAN, join_lines, normalize

from conftest import FIXTURES, SAMPLE


def body(item) -> str:
    return "\n\n".join(item.draft.paragraphs)


def test_every_toc_entry_and_every_unlisted_piece(sample_plan):
    items = sample_plan.items
    assert len(items) == 56
    assert sum(i.piece.entry is not None for i in items) == 53
    assert [i.order for i in items] == list(range(1, 57))
    assert not any("NOT FOUND" in n for n in sample_plan.notes)
    assert all(i.draft.paragraphs for i in items)
    unlisted = [(i.order, i.draft.title, i.kind) for i in items if i.piece.entry is None]
    assert unlisted == [(1, "省委群团改革工作座谈会在西宁召开", "article"),
                        (37, "《青海工运》征稿启事", "page"),
                        (56, "省总工会召开十三届九次委员会议", "article")]


def test_toc_order_is_kept_in_print_order(sample_plan):
    pages = [i.first_page for i in sample_plan.items if i.piece.entry is not None]
    assert pages == sorted(pages)


def test_swapped_title_restored(items_by_title):
    item = items_by_title["探析工会在新时期产业工人队伍建设中的作用"]
    assert item.draft.authors == ["朱爱丽"]
    assert any("产业工人队伍建设中的作用 探析工会在新时期" in n for n in item.draft.notes)


def test_three_speeches_share_a_title_and_differ_by_speaker(items_by_title):
    speeches = [items_by_title[f"在省委群团改革工作座谈会上的发言/{n}"] for n in ("李忠", "王霞", "耿生成")]
    assert [s.draft.roles[s.draft.authors[0]] for s in speeches] == [
        "省总工会党组书记、常务副主席", "西宁市委常委、市总工会主席", "海南省总工会党组书记、常务副主席"]
    assert {s.draft.article_date for s in speeches} == {"2017-09-17"}
    assert [(s.first_page, s.last_page) for s in speeches] == [(7, 8), (9, 10), (11, 12)]
    assert len({s.meta["slug"] for s in speeches}) == 3
    for s in speeches:  # the byline and date lines are metadata, not body text
        assert s.draft.authors[0] not in body(s)[:80] and "2017年9月17日" not in body(s)[:80]


def test_dates_of_their_own(items_by_title):
    assert items_by_title["习近平总书记关于群团工作和群团改革的重要指示"].draft.article_date == "2017-08-22"
    assert items_by_title["王国生同志对群团改革工作提出要求"].draft.article_date == "2017-09-12"
    assert items_by_title["李忠赴果洛州、海南州调研工会工作"].draft.article_date == ""


def test_attributions_at_the_end(items_by_title):
    assert items_by_title["各级工会深入学习贯彻王国生书记要求和省委群团改革工作座谈会精神"].draft.source_unit == "省总研究室"
    # printed at the end of the last paragraph, not on a line of its own
    answer = items_by_title["努力向省委和职工群众交上一份合格答卷"]
    assert answer.draft.source_unit == "省总办公室" and not body(answer).endswith("）")
    theory = items_by_title["关于推进工会改革向基层延伸的总体思考"]
    assert theory.draft.author_note == "省总党组书记、常务副主席"
    assert theory.draft.roles == {"李忠": "省总党组书记、常务副主席"}
    letters = items_by_title["抗战烽火中的朱德家书"]
    assert letters.draft.reprinted_from == "《党史纵横》"
    assert letters.draft.authors == ["刘建"]  # from (作者刘建:…)
    assert items_by_title["毛岸英代父省亲慰乡愁"].draft.reprinted_from == "《党史纵览》"
    cover = items_by_title["省委群团改革工作座谈会在西宁召开"]
    assert cover.draft.credits == "文稿：朱爱丽 摄影：石彬" and cover.draft.authors == []


def test_captions_are_figures_not_paragraphs(items_by_title):
    cover = body(items_by_title["省委群团改革工作座谈会在西宁召开"])
    assert cover.count("<figcaption") == 3
    assert "<figcaption markdown=\"span\">座谈会现场</figcaption>" in cover
    assert "\n\n座谈会现场" not in cover
    last = body(items_by_title["省总工会召开十三届九次委员会议"])
    assert last.count("<figcaption") == 2 and "会议现场</figcaption>" in last


def test_bold_run_ins_kept(items_by_title):
    text = body(items_by_title["各级工会深入学习贯彻王国生书记要求和省委群团改革工作座谈会精神"])
    assert "。**在做实做强基层工作基础上深入推进。**深入开展" in text


def test_numbered_headings_are_headings_when_short_paragraphs_when_run_in(sample_plan, items_by_title):
    speech = body(items_by_title["在省委群团改革工作座谈会上的发言/李忠"])
    assert "## 一、把握方向目标，推进工会改革任务落实落地" in speech
    plan = body(items_by_title["推进基层工会组织和工会会员实名制管理工作实施方案"])
    assert "### （一）开展工会会员实名制普查" in plan
    assert "\n\n（一）加强组织领导。为积极有效推进" in plan
    for item in sample_plan.items:
        for para in item.draft.paragraphs:
            text = para.lstrip("#* ")
            if re.match(r"^[一二三四五六七八九十]+、", text) and len(text) <= 40 and "。" not in text[:-1]:
                assert para.startswith("## "), para
            if para.startswith("#"):
                assert len(para) < 60, para


def test_broken_lines_joined_without_spaces(items_by_title):
    migrant = body(items_by_title["青海省总工会农民工入会服务工作规划（2017—2020年）"])
    assert "为农民工提供政策和法律咨询服务；探索建立职工在线培训公共服务平台" in migrant
    assert "**（三）加大维权力度，依法维护农民工的合法权益**" not in migrant  # a heading, not a bold paragraph
    assert "### （三）加大维权力度，依法维护农民工的合法权益" in migrant
    work = body(items_by_title["各级工会深入学习贯彻王国生书记要求和省委群团改革工作座谈会精神"])
    assert "使工会干部用更多时间“沉下去”" in work  # joined across a blank line
    speech = body(items_by_title["在省委群团改革工作座谈会上的发言/李忠"])
    assert "省总领导班子增配1名农民工" in speech  # across the page furniture


def test_page_furniture_gone_everywhere(sample_plan):
    for item in sample_plan.items:
        text = body(item)
        for furniture in ("青海工运 9-10 2017", "QING HAI", "宣传政策 指导工作", "青海省总工会主办"):
            assert furniture not in text, (item.order, furniture)


def test_normalised_punctuation_and_digit_spacing(items_by_title, sample_plan):
    jobs = body(items_by_title["发挥工会积极作用 促进职工就业创业"])
    assert "我省六州790名职工" in jobs and "2016年，全省参加" in jobs
    assert "六州 790" not in jobs
    assert sample_plan.counts["ASCII ',' made full-width"] > 1000


def test_news_briefs_are_twelve_articles(sample_plan):
    briefs = [i for i in sample_plan.items if i.section == "信息短播"]
    assert len(briefs) == 12
    assert all(i.draft.source_unit for i in briefs)
    assert not any(i.draft.title.startswith("★") for i in briefs)
    assert briefs[0].draft.title == "加强联动 促进工会经费代收"


def test_kickers_and_subtitles(items_by_title):
    assert items_by_title["各级工会深入学习贯彻王国生书记要求和省委群团改革工作座谈会精神"].draft.kicker == \
        "提高政治站位 把准主攻方向 加强组织领导"
    assert items_by_title["努力向省委和职工群众交上一份合格答卷"].draft.kicker == "团结一心 勇于担当"
    assert items_by_title["王国生对群团改革提出要求省委群团改革工作座谈会召开"].draft.subtitle == "刘宁出席并讲话"


def test_subcolumns(items_by_title):
    assert items_by_title["抗战烽火中的朱德家书"].subcolumn == "革命家风"
    assert items_by_title["肺动脉高压的几大表现"].subcolumn == "健康有道"
    assert items_by_title["窗外的白丁香"].subcolumn == "生活感悟"


def test_every_paragraph_of_the_body_lands_in_exactly_one_piece(sample_plan):
    """Nothing lost, nothing leaked: each paragraph of the source is in one article only."""
    source = read_source(SAMPLE)
    blocks, _ = split_blocks(source.lines, sample_plan.toc.end)
    def plain(text):  # a bold heading loses its ** as a Markdown heading; escapes are not text
        text = re.sub(r"\\([\\`*_.)#>+=|-])", r"\1", text).replace("**", "")
        # a heading loses the space a line wrap left in it; a list's '14. ' becomes '14、' like its '13、'
        text = re.sub(f"(?<=[{HAN}]) +(?=[{HAN}])", "", text)
        text = re.sub(r"(?m)^(\d{1,3})(?:、|[.．](?!\d) ?)", r"\1、", text)
        m = TRAILING_SOURCE_UNIT.match(text)  # "…列席会议。(省总办公室)": the unit is metadata
        return m.group("body") if m else text

    bodies = [plain(body(i)) for i in sample_plan.items]
    def imported(text):  # the normalisation the importer applies to body text
        return plain(normalize_more(normalize(text), Counter()))

    texts = [imported(b.text) for b in blocks]
    everywhere = [imported(b.text) for b in split_blocks(source.lines)[0]]  # the cover pages too
    title_lines = {b.line for i in sample_plan.items for b in i.piece.blocks[: i.piece.title_blocks]}
    checked = 0
    for block, text in zip(blocks, texts):
        if block.line in title_lines or len(text) < 20 or not is_paragraph_like(text) or closing_kind(block.text):
            continue
        holders = [n for n, b in enumerate(bodies) if text in b]
        # The sample prints one paragraph twice (王国生's instruction, on pages 4 and 5): as often as printed.
        printed = sum(text in other for other in everywhere)
        assert 1 <= len(holders) <= printed, (block.line, text[:30], holders)
        checked += 1
    assert checked > 250  # 297 paragraphs of the sample are checked


@pytest.mark.parametrize("key", ["title", "category", "issue", "order", "first_page", "last_page", "date", "lang",
                                 "slug"])
def test_required_metadata_on_every_article(sample_plan, key):
    for item in sample_plan.items:
        if item.kind == "article":
            assert item.meta.get(key), (item.order, key)
    assert {i.meta["date"] for i in sample_plan.items} == {"2017-10-10"}


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


def test_no_paragraph_ends_mid_sentence_before_running_text(sample_plan):
    """What the review found, in general: a paragraph that stops mid-sentence followed by running
    text that is no heading. Only letters' closings (此候近安, 顺颂) and lines without a sentence
    mark may stand so."""
    for item in sample_plan.items:
        paragraphs = item.draft.paragraphs
        for a, b in zip(paragraphs, paragraphs[1:]):
            if b.startswith(("#", "<figure")) or not re.search(r"[。，；]", a) or len(a) <= 40:
                continue
            assert ends_sentence(a) or not is_paragraph_like(b) or item_marker(b), (item.order, a[-10:], b[:10])


def test_headings_lose_the_space_a_line_wrap_left(items_by_title, sample_plan):
    migrant = body(items_by_title["青海省总工会农民工入会服务工作规划（2017—2020年）"])
    assert "## 青海省总工会农民工入会服务工作规划（2017—2020年）" in migrant
    plan = body(items_by_title["推进基层工会组织和工会会员实名制管理工作实施方案"])
    assert "## 推进基层工会组织和工会会员实名制管理工作实施方案" in plan
    assert sample_plan.counts["space left by a line wrap removed from a heading"] == 2
    for item in sample_plan.items:
        for para in item.draft.paragraphs:
            if para.startswith("#"):
                assert not re.search(f"[{HAN}] [{HAN}]", para), para


@pytest.mark.parametrize("heading, title, expected", [
    ("二、推进基层工会组织和工会会员 实名制管理", "", "二、推进基层工会组织和工会会员实名制管理"),
    ("某某县总工会职工 服务中心建设方案（2018—2020年）", "某某县总工会职工服务中心建设方案（2018—2020年）",
     "某某县总工会职工服务中心建设方案（2018—2020年）"),
    ("一、强化领导 把方向", "", "一、强化领导 把方向"),  # parallel phrases: the print's own space
    ("（三）提高政治站位 把准主攻方向", "", "（三）提高政治站位 把准主攻方向"),
    ("Trade Union Work in 2018", "", "Trade Union Work in 2018"),
])
def test_heading_text(heading, title, expected):
    assert heading_text(heading, title) == expected


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


def test_marks_the_shared_normalisation_leaves_are_made_full_width(items_by_title):
    counts = Counter()
    assert normalize_more(normalize("建制率91.6%;非公有制企业", counts), counts) == "建制率91.6%；非公有制企业"
    assert normalize_more(normalize("36个工种(项目),20多万职工", counts), counts) == "36个工种（项目），20多万职工"
    assert normalize_more("会议9:30开始; E-mail:qhgy@163.com", counts) == "会议9:30开始; E-mail:qhgy@163.com"
    assert "建制率91.6%；非公有制" in body(items_by_title["关于我省推进集体协商制度建设和实践探索的研究"])
    assert "工种（项目），20多万职工" in body(items_by_title["发挥工会积极作用 促进职工就业创业"])


def test_an_item_standing_alone_in_a_run_in_list_gets_its_text_back(items_by_title):
    migrant = items_by_title["青海省总工会农民工入会服务工作规划（2017—2020年）"]
    assert "\n\n13、深化农民工劳动安全健康保护工作。配合相关部门开展农民工安全生产" in body(migrant)
    assert any("'13、深化农民工劳动安全健康保护工作。' stood alone" in n for n in migrant.draft.notes)


def test_document_numbers_take_their_hexagonal_brackets(items_by_title, sample_plan):
    assert document_number("青总发[2017]37号", Counter()) == "青总发〔2017〕37号"
    assert document_number("全总办发（2018）12号", Counter()) == "全总办发〔2018〕12号"
    assert document_number("见[2017]号文件的规定。", Counter()) == "见[2017]号文件的规定。"  # not a number line
    notice = body(items_by_title["青海省总工会农民工入会服务工作规划（2017—2020年）"])
    assert notice.startswith("青总发〔2017〕37号\n\n")
    assert sample_plan.counts["brackets of a document number made 〔〕"] == 2


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
