"""The key table, the loader and the checker."""

import re
import subprocess
import sys

import pytest

from qhgy.content import load_content, parse_markdown_file
from qhgy.errors import ContentError
from qhgy.schema import KEY_TABLES, markdown_table, validate

from conftest import CONTENT, ROOT


def test_bundled_content_is_valid():
    content = load_content(CONTENT)
    assert content.problems == []
    assert len(content.issues) == 1 and len(content.articles) == 55 and len(content.pages) == 1
    issue = content.issues[0]
    assert issue.ref == "2017/9-10"
    assert [a.meta["order"] for a in issue.articles][:3] == ["01", "02", "03"]


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


def test_unparsable_header_names_file_and_line(tmp_path):
    path = tmp_path / "07.md"
    path.write_text("---\ntitle: 标题\nauthors: [李忠\n---\n\n正文\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"07\.md:\d+: the YAML header does not parse"):
        parse_markdown_file(path)
    path.write_text("正文，没有头部\n", encoding="utf-8")
    with pytest.raises(ContentError, match="has no YAML header"):
        parse_markdown_file(path)


def test_check_command_reports_every_problem_and_fails(bundled_copy):
    article = bundled_copy / "articles/2017/9-10/07.md"
    article.write_text(article.read_text(encoding="utf-8").replace("order: '07'", "order: '06'"), encoding="utf-8")
    bad = bundled_copy / "articles/2017/9-10/99.md"
    bad.write_text("---\ntitle: [\n---\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "qhgy", "check", "--content-dir", str(bundled_copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert re.search(r"99\.md:\d+: the YAML header does not parse", result.stderr)
    assert "'order' 06 is also used by" in result.stderr
    ok = subprocess.run([sys.executable, "-m", "qhgy", "check", "--content-dir", str(CONTENT)],
                        capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0 and "all valid" in ok.stdout
