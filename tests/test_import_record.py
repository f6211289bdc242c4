"""The scholarly record a journal prints with an article (qhgy.importer.record): 摘要, 关键词,
中图分类号, DOI, 基金项目, 收稿/修回日期, 作者简介 and the English Abstract and Key words become
their keys and leave the body, in the forms journals print them; text that merely starts with
such a word stays text."""

from __future__ import annotations

import pytest

from qhgy.importer.model import Draft
from qhgy.importer.record import take_record


@pytest.mark.parametrize("line, key, value", [
    ("【摘要】本文提出了推进改革的总体思路。", "abstract", "本文提出了推进改革的总体思路。"),
    ("[摘 要] 本文提出了推进改革的总体思路。", "abstract", "本文提出了推进改革的总体思路。"),
    ("摘要：本文提出了推进改革的总体思路。", "abstract", "本文提出了推进改革的总体思路。"),
    ("内容提要：本文提出了推进改革的总体思路。", "abstract", "本文提出了推进改革的总体思路。"),
    ("【关键词】工会改革；基层工会；职工", "keywords", ["工会改革", "基层工会", "职工"]),
    ("关键词：工会改革 基层工会", "keywords", ["工会改革", "基层工会"]),
    ("关键字：工会改革、基层工会", "keywords", ["工会改革", "基层工会"]),
    ("Abstract: The article sets out the reform.", "summary_en", "The article sets out the reform."),
    ("Key words: trade union reform; grassroots unions", "keywords_en", ["trade union reform", "grassroots unions"]),
    ("KEYWORDS: union; reform", "keywords_en", ["union", "reform"]),
    ("基金项目：青海省社会科学规划项目（17049）", "fund", "青海省社会科学规划项目（17049）"),
    ("中图分类号：D412.6　文献标识码：A　文章编号：1009-1234（2017）09-0037-03", "clc", "D412.6"),
    ("中图分类号：D412.6；D922.5", "clc", "D412.6;D922.5"),
    ("DOI:10.12345/qhgy.2017.09.034", "doi", "10.12345/qhgy.2017.09.034"),
    ("收稿日期：2017-08-01", "received", "2017-08-01"),
    ("收稿日期：2017年8月1日；修回日期：2017年9月1日", "revised", "2017-09-01"),
])
def test_each_printed_form_becomes_its_key_and_leaves_the_body(line, key, value):
    draft = Draft(title="标题")
    kept = take_record(["正文第一段。", line, "正文第二段。"], draft)
    assert draft.record[key] == value
    assert kept == ["正文第一段。", "正文第二段。"]


def test_the_note_on_the_author_is_the_author_note_unless_one_was_read():
    draft = Draft(title="标题")
    assert take_record(["正文。", "作者简介：李忠，省总工会党组书记。"], draft) == ["正文。"]
    assert draft.author_note == "李忠，省总工会党组书记。" and "author_note" not in draft.record
    printed = Draft(title="标题", author_note="（作者系省总工会党组书记）")
    take_record(["作者简介：另一说法。", "正文。"], printed)
    assert printed.author_note == "（作者系省总工会党组书记）"


@pytest.mark.parametrize("text", [
    "摘要如下：会议指出，要加强领导。",  # 摘要 opening a sentence
    "关键词是“落实”。",
    "收稿日期由编辑部统一登记。",
    "本刊的中图分类号：D412.6，由编辑部统一标注。",  # not a record line: other text stands in it
])
def test_text_that_merely_starts_with_such_a_word_stays(text):
    draft = Draft(title="标题")
    assert take_record(["正文。", text], draft) == ["正文。", text] and draft.record == {}


def test_only_the_head_and_foot_of_an_article_are_read():
    middle = ["段落。"] * 10 + ["关键词：不在这里"] + ["段落。"] * 10
    draft = Draft(title="标题")
    assert take_record(middle, draft) == middle and draft.record == {}


def test_an_imported_issue_carries_the_record_into_valid_content(sample_text, tmp_path):
    """The sample issue with a record printed under one article's byline, imported as text: the
    article's file has the keys, its body has not the lines, and `check` accepts the content."""
    from qhgy.check import check_content
    from qhgy.importer.pipeline import import_issue

    lines = sample_text.splitlines()
    byline = next(i for i, line in enumerate(lines) if line.strip() == "李忠" and i > 800)
    record = ["", "【摘要】文章提出了推进工会改革向基层延伸的总体思路。", "",
              "【关键词】工会改革；基层工会", "", "中图分类号：D412.6　文献标识码：A", ""]
    source = tmp_path / "qhgy-2017-09-10.txt"
    source.write_text("\n".join(lines[:byline + 1] + record + lines[byline + 1:]) + "\n", encoding="utf-8")
    content = tmp_path / "content"
    import_issue(source, content)
    article = next(p for p in (content / "articles" / "2017" / "9-10").glob("*.md")
                   if "总体思考" in p.read_text(encoding="utf-8").split("---")[1])
    text = article.read_text(encoding="utf-8")
    header, body = text.split("\n---\n", 1)
    assert "abstract: 文章提出了推进工会改革向基层延伸的总体思路。" in header
    assert "keywords:\n- 工会改革\n- 基层工会" in header and "clc: D412.6" in header
    assert "摘要" not in body and "关键词" not in body and "中图分类号" not in body
    assert check_content(content).problems == []
