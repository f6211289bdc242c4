"""The key table (qhgy.schema): every key documented, every value checked with a message that names the fix."""

import pytest

from qhgy.schema import KEY_TABLES, markdown_table, validate

from conftest import ROOT


def test_readme_documents_every_key_from_the_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for kind in KEY_TABLES:
        assert markdown_table(kind) in readme, f"README's {kind} keys are stale: run `invoke docs`"


@pytest.mark.parametrize("change, message", [
    ({"order": 7}, "numbers must be quoted"),
    ({"date": "2017-13-40"}, "'date' must be a date of the calendar: 2017-13-40 is not one"),
    ({"date": "10 October 2017"}, "'date' must be a date written YYYY-MM-DD"),
    ({"authors": "李忠"}, "'authors' must be a list of lines of text, not '李忠' — write a list: 'authors:' on its line"),
    ({"atuhors": ["李忠"]}, "unknown key 'atuhors' — did you mean 'authors'?"),
    ({"order": "“07”"}, "the value of 'order' is in Chinese quotes “07”: an input-method slip — type ASCII quotes"),
    ({"title": ""}, "'title' is missing"),
    ({"colour": "red"}, "unknown key 'colour'"),
    ({"author_roles": {"王军": "主席"}}, "'王军', who is not in 'authors'"),
    ({"first_page": "9", "last_page": "7"}, "'last_page' 7 is before 'first_page' 9"),
    ({"lang": "zh"}, "'lang' must be a language code"),
])
def test_validation_names_the_key_and_the_fix(change, message):
    meta = {"title": "标题", "authors": ["李忠"], "category": "栏目", "issue": "2017/9-10", "order": "07",
            "first_page": "7", "last_page": "8", "date": "2017-10-10", "lang": "zh-CN", "slug": "qhgy-2017-9-10-07"}
    assert validate("article", meta) == []
    meta.update(change)
    problems = validate("article", meta)
    assert any(message in p for p in problems), problems
