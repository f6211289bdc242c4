"""The 目录 parser on the real sample and on scenario fixtures."""

import datetime as dt
from pathlib import Path

import pytest

from qhgy.errors import TocError
from qhgy.importer.source import read_source
from qhgy.importer.toc import parse_toc, split_names

from conftest import FIXTURES, SAMPLE


@pytest.fixture(scope="module")
def toc():
    source = read_source(SAMPLE)
    return parse_toc(source.lines, source.path)


def test_issue_label_and_date(toc):
    assert (toc.year, toc.number, toc.label) == ("2017", "9-10", "2017年第9-10期")
    assert toc.date == dt.date(2017, 10, 10)


def test_every_entry_with_page_section_and_order(toc):
    assert len(toc.entries) == 53
    assert [s["name"] for s in toc.sections] == [
        "省委群团改革工作座谈会特辑", "工作指导", "省总动态", "地方剪影", "产业动态",
        "理论与实践", "学习园地", "综艺之旅", "信息短播"]
    pages = [e.page for e in toc.entries]
    assert pages == sorted(pages) and pages[0] == 3 and pages[-1] == 56
    assert sum(e.section == "信息短播" for e in toc.entries) == 12


def test_authors_from_author_marks_on_the_line_and_below(toc):
    by_page = {e.page: e for e in toc.entries}
    assert by_page[7].authors == ["李忠"]
    assert by_page[40].authors == ["白海青"]  # '//白海青' on a line of its own
    assert by_page[52].authors == ["井芬清"]
    assert by_page[3].authors == []


def test_title_continued_on_the_next_line(toc):
    entry = next(e for e in toc.entries if e.page == 6)
    assert entry.title == "各级工会深入学习贯彻王国生书记要求和省委群团改革工作座谈会精神"
    assert entry.continued


def test_subcolumns_and_cover_credit(toc):
    arts = next(s for s in toc.sections if s["name"] == "综艺之旅")
    assert arts["subcolumns"] == ["革命家风", "革命故事", "生活感悟", "健康有道"]
    assert [e.subcolumn for e in toc.entries if e.page in (50, 51, 52, 53, 54)] == [
        "革命家风", "革命故事", "生活感悟", "健康有道", "健康有道"]
    assert toc.cover_caption == "《浇筑》" and toc.cover_credit == "刘家赢 摄"


def test_page_numbers_after_titles_with_dot_leaders():
    source = read_source(FIXTURES / "small_issue.txt")
    toc = parse_toc(source.lines, source.path)
    assert [(e.page, e.title, e.authors) for e in toc.entries] == [
        (3, "在全省工会干部培训班上的讲话", ["张明"]),
        (5, "职工书屋建设的几点思考", []),
        (6, "扎实开展“金秋助学”活动", []),
        (7, "海东市总工会举办劳模座谈会", []),
        (7, "推进集体协商 服务企业发展", []),
    ]
    assert (toc.year, toc.number, toc.date) == ("2018", "3", dt.date(2018, 6, 8))


def test_author_name_wrapped_after_the_mark():
    lines = ["目 录 2017年第9-10期 (2017年10月10日出版)", "", "理论与实践", "",
             "- 37 关于推进工会改革向基层延伸的总体思考 //李", "忠", "- 40 关于集体协商的研究", "", "正文"]
    toc = parse_toc(lines, Path("x.txt"))
    assert toc.entries[0].title == "关于推进工会改革向基层延伸的总体思考"
    assert toc.entries[0].authors == ["李忠"]


def test_names_padded_to_three_characters_are_joined():
    assert split_names("常伟宁 周 慧") == ["常伟宁", "周慧"]
    assert split_names("李 忠") == ["李忠"]
    assert split_names("张三、李四") == ["张三", "李四"]


def test_no_toc_is_an_error_naming_the_file():
    with pytest.raises(TocError, match=r"x\.txt: has no 目录"):
        parse_toc(["青海工运", "", "一篇文章", "", "正文。"], Path("x.txt"))


def test_missing_publication_date_asks_for_date_option():
    lines = ["目 录 2018年第3期", "", "工会视点", "", "- 03 标题", "", "标题", "", "正文。"]
    with pytest.raises(TocError, match="--date"):
        parse_toc(lines, Path("x.txt"))
    toc = parse_toc(lines, Path("x.txt"), date_override=dt.date(2018, 6, 8))
    assert toc.date == dt.date(2018, 6, 8)


def test_running_head_and_page_number_inside_the_toc_are_skipped():
    lines = ["目 录 2017年第9-10期 (2017年10月10日出版)", "", "工作指导", "", "- 13 农民工入会服务工作规划", "",
             "青海工运 9-10 2017", "", "2", "", "目 录（续）", "", "- 17 实名制管理工作实施方案", "", "省总动态", "",
             "- 20 努力交上一份合格答卷", "", "农民工入会服务工作规划", "", "正文，正文。"]
    toc = parse_toc(lines, Path("x.txt"))
    assert [s["name"] for s in toc.sections] == ["工作指导", "省总动态"]
    assert [e.page for e in toc.entries] == [13, 17, 20]
    assert lines[toc.end] == "农民工入会服务工作规划"


def test_crlf_and_ideographic_spaces_read_like_the_sample(tmp_path, sample_text, sample_plan):
    from qhgy.importer.pipeline import plan_import

    path = tmp_path / "crlf.txt"
    path.write_bytes(sample_text.replace("\n", "\r\n").replace("目 录", "目\u3000录").encode("utf-8"))
    plan = plan_import(path)
    assert [i.meta for i in plan.items] == [i.meta for i in sample_plan.items]


def test_entries_before_any_section_heading_get_a_section_and_a_note():
    lines = ["目 录 2018年第5期 (2018年10月8日出版)", "", "- 03 第一篇", "- 04 第二篇", "", "正文第一段，内容。"]
    toc = parse_toc(lines, Path("x.txt"))
    assert [e.section for e in toc.entries] == ["综合", "综合"]
    assert any("综合" in n for n in toc.notes)


def _toc(*entry_lines, known=frozenset()):
    lines = ["目 录 2018年第05期 (2018年10月8日出版)", "", "工会视点", "", *entry_lines, "", "正文第一段，内容。"]
    return parse_toc(lines, Path("x.txt"), known_sections=known)


def test_titles_that_begin_or_end_with_digits():
    toc = _toc("70年来的职工书屋……05", "5G时代的工会工作……07", "- 09 2018年工作要点")
    assert [(e.page, e.title) for e in toc.entries] == [(5, "70年来的职工书屋"), (7, "5G时代的工会工作"),
                                                        (9, "2018年工作要点")]
    assert toc.number == "5"  # 第05期 is the issue /2018/5/


def test_page_after_a_single_space_and_a_misprinted_page():
    toc = _toc("职工书屋建设 05", "工会改革探索 09", "劳模风采 08", "基层动态 11")
    assert [(e.page, e.title) for e in toc.entries] == [(5, "职工书屋建设"), (9, "工会改革探索"), (8, "劳模风采"),
                                                        (11, "基层动态")]
    assert any("page 8 comes after page 9" in n for n in toc.notes)


def test_a_known_section_straight_under_an_entry():
    toc = _toc("- 05 职工书屋建设", "基层风采", "- 07 劳模风采", known=frozenset({"基层风采"}))
    assert [(e.title, e.section) for e in toc.entries] == [("职工书屋建设", "工会视点"), ("劳模风采", "基层风采")]


def test_running_text_after_the_toc_is_not_an_entry():
    toc = _toc("- 05 职工书屋建设", "", "职工书屋建设", "", "5月20日，全省职工书屋建设推进会在西宁召开，各地交流经验。")
    assert len(toc.entries) == 1


def test_a_toc_line_with_a_long_run_of_spaces_is_read_quickly():
    import time

    started = time.perf_counter()
    _toc("- 05 职工书屋建设", "基层工会工作" + " " * 400 + "说明")
    assert time.perf_counter() - started < 0.5


def test_a_section_heading_at_the_foot_of_a_toc_page():
    """The 目录 goes on over the page: the folio and the running head stand between the section
    heading and its first entry."""
    lines = ["目 录 2017年第9-10期 (2017年10月10日出版)", "", "地方剪影", "", "- 33 黄南州总工会召开汇报会议", "",
             "产业动态", "", "2", "", "青海工运 9-10 2017", "", "- 34 全省第二届农机技能大赛在互助县举办", "",
             "- 35 高原环湖赛 度度低碳行", "", "黄南州总工会召开汇报会议", "", "正文，正文。"]
    toc = parse_toc(lines, Path("x.txt"))
    assert [(e.page, e.section) for e in toc.entries] == [(33, "地方剪影"), (34, "产业动态"), (35, "产业动态")]
    assert lines[toc.end] == "黄南州总工会召开汇报会议"


@pytest.mark.parametrize("first, second, title", [
    ("- 12 Trade Unions in", "Qinghai: A Survey", "Trade Unions in Qinghai: A Survey"),
    ("- 12 Workers' Movement:", "A Study", "Workers' Movement: A Study"),
    ("- 12 青海工运 Qinghai Workers'", "Movement, 2017", "青海工运 Qinghai Workers' Movement, 2017"),
    ("- 12 推进基层工会组织和工会会员", "实名制管理工作实施方案", "推进基层工会组织和工会会员实名制管理工作实施方案"),
])
def test_a_title_over_two_toc_lines_joins_as_its_language_does(first, second, title):
    assert _toc(first, second).entries[0].title == title


def test_titles_wrapped_before_dot_leaders_and_the_page():
    """A 目录 set with dot leaders and the page flush right: a long title wraps and its page follows
    on its last line, after the author mark too; leaders longer than any title are no running text.
    A short line over an entry stays a section heading."""
    dots = ". " * 40
    lines = ["目 录", "", "2017年第9-10期（2017年10月10日出版）", "", "省委群团改革工作座谈会特辑", "",
             "习近平总书记关于群团工作和群团改革的重要指", f"示{dots}03", "",
             f"在省委群团改革工作座谈会上的发言 //李忠{dots[:6]}07", "",
             "工作指导", "", "青海省总工会农民工入会服务工作规划（2017—", f"2020年）{dots}13",
             "探析工会在新时期产业工人队伍建设中的作用 //", f"朱爱丽{dots}44", "",
             "正文第一段，内容。"]
    toc = parse_toc(lines, Path("x.pdf"))
    assert [(e.page, e.title, e.authors, e.section) for e in toc.entries] == [
        (3, "习近平总书记关于群团工作和群团改革的重要指示", [], "省委群团改革工作座谈会特辑"),
        (7, "在省委群团改革工作座谈会上的发言", ["李忠"], "省委群团改革工作座谈会特辑"),
        (13, "青海省总工会农民工入会服务工作规划（2017—2020年）", [], "工作指导"),
        (44, "探析工会在新时期产业工人队伍建设中的作用", ["朱爱丽"], "工作指导"),
    ]
