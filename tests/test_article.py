"""Articles of the real sample issue: found, titled, attributed and cleaned."""

import re

import pytest

from qhgy.importer.blocks import split_blocks
from qhgy.importer.patterns import TRAILING_SOURCE_UNIT, closing_kind, is_paragraph_like
from qhgy.importer.source import read_source
from qhgy.textnorm import normalize

from conftest import SAMPLE


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
        m = TRAILING_SOURCE_UNIT.match(text)  # "…列席会议。(省总办公室)": the unit is metadata
        return m.group("body") if m else text

    bodies = [plain(body(i)) for i in sample_plan.items]
    texts = [plain(normalize(b.text)) for b in blocks]
    everywhere = [plain(normalize(b.text)) for b in split_blocks(source.lines)[0]]  # the cover pages too
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
