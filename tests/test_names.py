"""Names in another language (qhgy.names): authors in pinyin, family name first; sections and
sub-columns from content/names/<lang>.yaml; English dates and issue labels."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from qhgy.check import check_content, load_journal
from qhgy.errors import ContentError
from qhgy.languages import issue_label, long_date
from qhgy.names import load_names, pinyin_name

CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.mark.parametrize("chinese, english", [
    ("李忠", "Li Zhong"),
    ("耿生成", "Geng Shengcheng"),  # a two-character given name is one word
    ("欧阳修", "Ouyang Xiu"),  # a two-character family name
    ("诸葛亮", "Zhuge Liang"),
    ("单雄信", "Shan Xiongxin"),  # a family name read otherwise than the character's common reading
    ("曾国藩", "Zeng Guofan"),
    ("吕梁", "Lü Liang"),  # ü, not v
    ("王嘉恩", "Wang Jia'en"),  # the apostrophe before a syllable starting with a vowel
    ("买买提·艾力", "Maimaiti Aili"),  # a transliterated name: its parts one by one
    ("Mary Smith", "Mary Smith"),  # not Chinese characters: as written
])
def test_an_authors_name_is_pinyin_family_name_first(chinese, english):
    assert pinyin_name(chinese) == english


def _names(tmp_path, text: str) -> Path:
    path = tmp_path / "names" / "en.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_names_file_gives_sections_subcolumns_and_authors_spelt_otherwise(tmp_path):
    path = _names(tmp_path, "sections:\n  工作指导: Work Guidance\nsubcolumns:\n  健康有道: Health Matters\n"
                            "authors:\n  才让多杰: Tsering Dorje\n")
    table = load_names(path, "en")
    assert table.section("工作指导") == "Work Guidance" and table.subcolumn("健康有道") == "Health Matters"
    assert table.section("信息短播") == ""  # none given: the caller decides what to show
    assert table.author("才让多杰") == "Tsering Dorje" and table.author("李忠") == "Li Zhong"


@pytest.mark.parametrize("text, line, words", [
    ("sections:\n  工作指导: Work: Guidance\n", 2, "YAML"),  # an unquoted ': ' in the value
    ("sections:\n  工作指导: Work Guidance\ncolumns:\n  a: b\n", 3, "columns"),  # an unknown key
    ("sections:\n  工作指导:\n  信息短播: News in Brief\n", 2, "工作指导"),  # a name with no translation
    ("sections:\n  - 工作指导\n", 1, "sections"),  # a list, not a mapping
])
def test_a_broken_names_file_is_one_error_naming_the_file_and_line(tmp_path, text, line, words):
    path = _names(tmp_path, text)
    with pytest.raises(ContentError) as caught:
        load_names(path, "en")
    assert caught.value.path == path and caught.value.line == line and words in str(caught.value)


def test_the_check_reports_a_broken_names_file_and_builds_no_journal(bundled_copy):
    (bundled_copy / "names" / "en.yaml").write_text("sections: [\n", encoding="utf-8")
    checked = check_content(bundled_copy)
    assert checked.journal is None
    assert [p.path.name for p in checked.problems] == ["en.yaml"]


def test_every_section_subcolumn_and_author_of_the_bundled_issue_has_an_english_name():
    journal = load_journal(CONTENT)
    names = journal.names_in("en")
    sections = {g.name for issue in journal.issues for g in issue.sections} | {a.section for a in journal.articles}
    assert sections and [s for s in sections if not names.section(s)] == []
    subcolumns = {s for issue in journal.issues for g in issue.sections for s in g.subcolumns}
    assert subcolumns and [s for s in subcolumns if not names.subcolumn(s)] == []
    authors = {author.name for article in journal.articles for author in article.authors}
    spelt = {name: names.author(name) for name in authors}
    assert [n for n, e in spelt.items() if not re.fullmatch(r"[A-Z][a-zü']+(?: [A-Z][a-zü']+)+", e)] == []


def test_a_language_without_a_names_file_still_spells_authors():
    journal = load_journal(CONTENT)
    assert journal.names_in("fr").section("工作指导") == ""
    assert journal.names_in("fr").author("李忠") == "Li Zhong"


def test_dates_and_issue_labels_follow_the_language():
    day = dt.date(2017, 10, 10)
    assert long_date(day, "en") == "10 October 2017"
    assert long_date(day, "zh-CN") == "2017年10月10日"
    assert issue_label(2017, "9-10", "en") == "No. 9–10, 2017"
    assert issue_label(2017, "9-10", "zh-CN") == "2017年第9-10期"


def test_the_names_survive_a_check_that_gives_new_names_their_ids(bundled_copy):
    article = bundled_copy / "articles" / "2017" / "9-10" / "07.md"
    article.write_text(article.read_text(encoding="utf-8").replace("- 王霞", "- 王霞\n- 才让多杰", 1), encoding="utf-8")
    (bundled_copy / "names" / "en.yaml").write_text("authors:\n  才让多杰: Tsering Dorje\n", encoding="utf-8")
    checked = check_content(bundled_copy, assign_ids=True)
    assert checked.new_ids and checked.journal is not None
    assert checked.journal.names_in("en").author("才让多杰") == "Tsering Dorje"
