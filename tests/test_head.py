"""What stands under a title (qhgy.importer.head): bylines with their roles, dates, subtitles."""

from qhgy.importer.blocks import split_blocks
from qhgy.importer.head import parse_head
from qhgy.importer.model import Draft


def body(item) -> str:
    return "\n\n".join(item.draft.paragraphs)


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


def test_subtitles(items_by_title):
    assert items_by_title["王国生对群团改革提出要求省委群团改革工作座谈会召开"].draft.subtitle == "刘宁出席并讲话"


def test_a_byline_with_its_role_and_a_date_end_the_head():
    blocks, _ = split_blocks(["省总工会党组书记、常务副主席 李忠", "", "（2017年9月17日）", "", "同志们：", "",
                              "今天，我们召开座谈会。"])
    draft = Draft(title="")
    assert parse_head(blocks, 0, draft, ["李忠"]) == 2
    assert draft.authors == ["李忠"] and draft.roles == {"李忠": "省总工会党组书记、常务副主席"}
    assert draft.article_date == "2017-09-17"


def test_a_short_line_under_the_title_is_its_subtitle():
    blocks, _ = split_blocks(["刘宁出席并讲话", "", "9月17日，省委群团改革工作座谈会在西宁召开。"])
    draft = Draft(title="")
    assert parse_head(blocks, 0, draft, []) == 1
    assert draft.subtitle == "刘宁出席并讲话" and draft.authors == []


def test_an_unknown_name_before_a_short_line_is_no_byline():
    blocks, _ = split_blocks(["王霞", "", "工会工作"])
    draft = Draft(title="")
    assert parse_head(blocks, 0, draft, []) == 0
    assert draft.authors == [] and draft.subtitle == ""
