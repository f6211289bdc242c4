"""The one home of checking (qhgy.check): the bundled content is valid, and every problem between
files is found and reported as file:line: problem — fix."""

import re
import subprocess
import sys

import pytest

from qhgy.check import check_content

from conftest import CONTENT, ROOT


def test_bundled_content_is_valid():
    checked = check_content(CONTENT)
    assert checked.problems == []
    content = checked.journal
    originals = [a for a in content.articles if a.in_default_language]
    pages = {p.purpose: p for p in content.pages if p.in_default_language}
    assert len(content.issues) == 1 and len(originals) == 55 and set(pages) == {"call-for-submissions", "submission"}
    assert sorted(t.order for a in originals for t in a.translations) == [7, 10, 12, 39, 43]  # in English
    assert all([t.lang for t in page.translations] == ["en"] for page in pages.values())  # both in English too
    issue = content.issues[0]
    assert issue.ref == "2017/9-10"
    assert [a.order for a in issue.articles][:3] == [1, 2, 3]


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


def run_check(content):
    return subprocess.run([sys.executable, "-m", "qhgy", "check", "--content-dir", str(content)],
                          capture_output=True, text=True, cwd=ROOT)


def test_two_files_for_one_issue_are_reported_naming_both(bundled_copy):
    # the same issue filed twice, once with a zero-padded folder: before, one silently won
    twin = bundled_copy / "issues/2017/09-10"
    twin.mkdir()
    (twin / "issue.yaml").write_bytes((bundled_copy / "issues/2017/9-10/issue.yaml").read_bytes())
    result = run_check(bundled_copy)
    assert result.returncode == 1
    assert re.search(r"issues/2017/9-10/issue\.yaml:3: issue 2017/9-10 is also described by \S*"
                     r"issues/2017/09-10/issue\.yaml — keep one issue file per issue", result.stderr), result.stderr
    assert re.search(r"issues/2017/09-10/issue\.yaml:3: 'year' and 'number' say issue 2017/9-10, but the file is "
                     r"in issues/2017/09-10/ — move it to issues/2017/9-10/", result.stderr), result.stderr


@pytest.mark.parametrize("folder, key", [("2017/11-12", "number"), ("2018/9-10", "year")])
def test_an_issue_file_outside_its_year_and_number_folder_is_reported(bundled_copy, folder, key):
    (bundled_copy / "issues" / folder).parent.mkdir(exist_ok=True)
    (bundled_copy / "issues/2017/9-10").rename(bundled_copy / "issues" / folder)
    problems = [str(p) for p in check_content(bundled_copy).problems]
    line = 3 if key == "number" else 2
    assert any(f"issues/{folder}/issue.yaml:{line}: 'year' and 'number' say issue 2017/9-10, but the file is in "
               f"issues/{folder}/ — move it to issues/2017/9-10/" in p for p in problems), problems


def test_two_pages_on_one_slug_are_reported(bundled_copy):
    call = bundled_copy / "pages/calls/2017-9-10.md"
    (bundled_copy / "pages/copy.md").write_bytes(call.read_bytes())
    problems = [str(p) for p in check_content(bundled_copy).problems]
    assert f"{bundled_copy / 'pages/copy.md'}:10: 'slug' call-for-submissions-2017-9-10 is also used by {call}" \
        " — give every page its own slug" in problems, problems


def test_an_order_spelt_otherwise_would_move_the_url(bundled_copy):
    article = bundled_copy / "articles/2017/9-10/07.md"
    article.write_text(article.read_text(encoding="utf-8").replace("order: '07'", "order: '7'"), encoding="utf-8")
    problems = [str(p) for p in check_content(bundled_copy).problems]
    assert any("07.md:" in p and "'order' must be written with two digits at least: '07', not '7'" in p
               for p in problems), problems


def test_new_names_get_ids_only_when_asked_and_only_from_valid_content(bundled_copy):
    article = bundled_copy / "articles/2017/9-10/07.md"
    article.write_text(article.read_text(encoding="utf-8").replace("lang: zh-CN", "tags:\n- 入会\nlang: zh-CN"),
                       encoding="utf-8")
    ids = (bundled_copy / "ids.yaml").read_bytes()
    assert check_content(bundled_copy).new_ids == [] and (bundled_copy / "ids.yaml").read_bytes() == ids
    checked = check_content(bundled_copy, assign_ids=True)
    assert checked.new_ids == [("tags", "入会", "ru-hui")]
    tagged = next(a for a in checked.journal.articles if a.path.name == "07.md")
    assert tagged.tags[0].id == "ru-hui"  # the journal is built with the new id
    (bundled_copy / "articles/2017/9-10/08.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    broken = check_content(bundled_copy, assign_ids=True)
    assert broken.journal is None and broken.new_ids == [] and broken.problems


def test_a_translation_is_the_same_article_in_another_language(bundled_copy):
    """Same issue, order and slug in another language: a translation, not a clash."""
    original = bundled_copy / "articles/2017/9-10/07.md"
    translation = bundled_copy / "articles/2017/9-10/07.en.md"
    text = original.read_text(encoding="utf-8").replace("lang: zh-CN", "lang: en")
    translation.write_text(text, encoding="utf-8")
    checked = check_content(bundled_copy)
    assert checked.problems == []
    zh = next(a for a in checked.journal.articles if a.path == original)
    assert [t.path for t in zh.translations] == [translation] and zh.translations[0].url == "en/2017/9-10/07/"
    twin = bundled_copy / "articles/2017/9-10/07.twin.md"  # the same language twice is a clash
    twin.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    problems = [str(p) for p in check_content(bundled_copy).problems]
    assert any("07.twin.md" in p and "'order' 07 is also used by" in p for p in problems), problems
    assert any("07.twin.md" in p and "'slug' qhgy-2017-9-10-07 is also used by" in p for p in problems), problems
