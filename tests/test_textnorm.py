"""Text normalisation rules (DESIGN: Text normalisation at import)."""

from collections import Counter

from qhgy.textnorm import join_lines, normalize, similarity


def test_ascii_punctuation_between_chinese_becomes_full_width():
    counts = Counter()
    assert normalize("9月17日,省委召开会议;各市(州)参加:好!", counts) == "9月17日，省委召开会议；各市（州）参加：好！"
    assert counts["ASCII ',' made full-width"] == 1
    assert counts["ASCII parentheses made full-width"] == 1


def test_ascii_kept_in_latin_numbers_and_addresses():
    text = "E-mail:qhgy2017@163.com 电话(0971)8804231 12:30 1.02万"
    assert normalize(text) == "E-mail:qhgy2017@163.com 电话（0971）8804231 12:30 1.02万"


def test_spaces_between_chinese_and_digits_go_others_stay():
    counts = Counter()
    assert normalize("六州 790 名职工,2016 年 参加;10% 的股息", counts) == "六州790名职工，2016年 参加；10%的股息"
    assert counts["space between Chinese and digits removed"] == 4
    assert normalize("高原环湖赛 度度低碳行") == "高原环湖赛 度度低碳行"


def test_lines_join_without_space_except_between_latin_words():
    assert join_lines(["为农民工提供政策和法律咨询服", "务;探索建立"]) == "为农民工提供政策和法律咨询服务;探索建立"
    assert join_lines(["the service", "standard"]) == "the service standard"


def test_similarity_survives_swapped_halves_but_not_unrelated_titles():
    assert similarity("探析工会在新时期产业工人队伍建设中的作用", "产业工人队伍建设中的作用 探析工会在新时期") > 0.9
    assert similarity("窗外的白丁香", "肺动脉高压的几大表现") < 0.2
