"""The title a reader sees (qhgy.importer.title): the 目录's, the print's where it corrects it, a kicker apart."""

from qhgy.importer.blocks import Block
from qhgy.importer.model import Draft
from qhgy.importer.segment import Piece
from qhgy.importer.title import choose_title
from qhgy.importer.toc import TocEntry


def test_swapped_title_restored(items_by_title):
    item = items_by_title["探析工会在新时期产业工人队伍建设中的作用"]
    assert item.draft.authors == ["朱爱丽"]
    assert any("产业工人队伍建设中的作用 探析工会在新时期" in n for n in item.draft.notes)


def test_kickers(items_by_title):
    assert items_by_title["各级工会深入学习贯彻王国生书记要求和省委群团改革工作座谈会精神"].draft.kicker == \
        "提高政治站位 把准主攻方向 加强组织领导"
    assert items_by_title["努力向省委和职工群众交上一份合格答卷"].draft.kicker == "团结一心 勇于担当"


def piece(printed: str, listed: str) -> Piece:
    entry = TocEntry(page=3, title=listed, authors=[], section="工会视点", subcolumn=None, line=5)
    return Piece(blocks=[Block([printed], line=10), Block(["正文，正文。"], line=12)], title_blocks=1, entry=entry)


def test_a_kicker_printed_in_front_of_the_title_is_kept_apart():
    draft = Draft(title="")
    assert choose_title(piece("团结一心 勇于担当 努力交上一份合格答卷", "努力交上一份合格答卷"), draft) == "努力交上一份合格答卷"
    assert draft.kicker == "团结一心 勇于担当"


def test_a_character_the_print_corrects_wins_and_is_reported():
    draft = Draft(title="")
    assert choose_title(piece("职工书屋建设成效显著", "职工书室建设成效显著"), draft) == "职工书屋建设成效显著"
    assert draft.notes and "check which is right" in draft.notes[0]


def test_another_printed_title_gives_way_to_the_toc():
    draft = Draft(title="")
    assert choose_title(piece("产业工人队伍建设中的作用 探析工会在新时期", "探析工会在新时期产业工人队伍建设中的作用"),
                        draft) == "探析工会在新时期产业工人队伍建设中的作用"
    assert draft.notes and "used the 目录's" in draft.notes[0]
