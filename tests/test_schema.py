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
    ({"date": "2017-13-40"}, "'date' must be a date"),
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
