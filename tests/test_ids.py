"""URL ids of names: pinyin, distinct for homophones, stored and never moved."""

import pytest

from qhgy.errors import ContentError
from qhgy.check import check_content
from qhgy.ids import assign, check_registry, load_registry, pinyin_id, save_registry

from conftest import CONTENT


def test_pinyin_reads_place_names_right_and_stays_short():
    assert pinyin_id("西宁市") == "xi-ning-shi"  # unidecode reads 宁 here as "zhu"
    assert pinyin_id("《青海工运》编辑部") == "qing-hai-gong-yun-bian-ji-bu"
    long = pinyin_id("省委群团改革工作座谈会特辑")
    assert len(long) <= 48 and not long.endswith("-") and long.split("-")[-1] in ("hui", "tan", "zuo")


def test_homophones_get_distinct_ids_and_earlier_ids_never_move():
    registry = {"authors": {}, "sections": {}, "tags": {}}
    assert assign(registry, "authors", ["汪军"]) == [("汪军", "wang-jun")]
    # a later issue brings 王军: 汪军 keeps its URL
    assert assign(registry, "authors", ["王军", "汪军"]) == [("王军", "wang-jun-2")]
    assert registry["authors"] == {"汪军": "wang-jun", "王军": "wang-jun-2"}


def test_registry_round_trip_and_bad_registries(tmp_path):
    registry = {"authors": {"李忠": "li-zhong"}, "sections": {}, "tags": {}}
    save_registry(tmp_path, registry)
    assert load_registry(tmp_path) == registry
    assert check_registry({"authors": {"A": "x", "B": "x"}, "sections": {}, "tags": {}}) == [
        "authors: 'B' and 'A' share the id 'x'"]
    (tmp_path / "ids.yaml").write_text("authors:\n  李忠: Li Zhong\n", encoding="utf-8")
    with pytest.raises(ContentError, match="lowercase ASCII"):
        load_registry(tmp_path)


def test_bundled_registry_covers_every_name(bundled_copy):
    before = (bundled_copy / "ids.yaml").read_bytes()
    assert check_content(bundled_copy, assign_ids=True).new_ids == []  # every name of the content has its id
    assert (bundled_copy / "ids.yaml").read_bytes() == before
    registry = load_registry(CONTENT)
    assert registry["authors"]["李忠"] == "li-zhong" and registry["sections"]["信息短播"] == "xin-xi-duan-bo"


def test_a_credit_lines_writer_gets_an_id_as_a_byline_author_does(bundled_copy):
    article = bundled_copy / "articles" / "2017" / "9-10" / "56.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("credits: 文稿：朱爱丽 摄影：陈磊", "credits: 文稿：卓玛 摄影：陈磊"), encoding="utf-8")
    checked = check_content(bundled_copy, assign_ids=True)
    assert checked.new_ids == [("authors", "卓玛", "zhuo-ma")]
    piece = next(a for a in checked.journal.articles if a.order == 56 and a.lang == "zh-CN")
    assert [(a.name, a.id, a.credit) for a in piece.authors] == [("卓玛", "zhuo-ma", "文稿")]
