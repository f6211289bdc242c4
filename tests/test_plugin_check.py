"""Plugin qhgy_check, in an in-process build of the tiny site: the build reads checked content
only (a problem stops it at `initialized`, naming the file and line, before anything is
written), and no two pages may claim one output path (stopped before anything is written)."""

import pytest

from qhgy.check import ContentProblems, check_content
from qhgy.model import Journal
from qhgy.site import JOURNAL_SETTING

from plugin_build import ARTICLES, CALL_URL, ISSUE_URL, build, copy_content, plugins


def line_of(path, key: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith(f"{key}:"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(tmp_path_factory.mktemp("check"), plugins())


def test_the_build_reads_the_checked_journal_and_logs_no_warning(site):
    assert site.problems() == []
    journal = site.settings[JOURNAL_SETTING]
    assert isinstance(journal, Journal)
    [issue] = journal.issues
    assert issue.label == "2030年第3-4期" and issue.url == ISSUE_URL
    assert [(a.order_text, a.title) for a in issue.articles] == [(o, t) for o, t, *_ in ARTICLES]
    assert [p.url for p in journal.pages] == [CALL_URL]
    # and the pages are written from it
    assert {f"{ISSUE_URL}{o}/index.html" for o, *_ in ARTICLES} <= site.files()


def test_a_journal_handed_in_is_used_as_it_is(tmp_path):
    """qhgy.site.build checks once and hands the journal in; the plugin must not read the content again."""
    content = copy_content(tmp_path / "content")
    journal = check_content(content).journal_or_raise()
    result = build(tmp_path, plugins(), content=content, **{JOURNAL_SETTING: journal})
    assert result.problems() == []
    assert result.settings[JOURNAL_SETTING] is journal
    assert journal.articles[0].html  # the build's plugins worked on this very journal (qhgy_model set the body)


def _bad_order(content):
    path = content / "articles/2030/3-4/02.md"
    path.write_text(path.read_text(encoding="utf-8").replace("order: '02'", "order: '2'"), encoding="utf-8")
    return path, line_of(path, "order"), "'order' must be written with two digits at least: '02', not '2'"


def _bad_yaml(content):
    path = content / "articles/2030/3-4/03.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: 高原上的一盏灯", "title: 高原上的: 一盏灯"),
                    encoding="utf-8")
    return path, line_of(path, "title"), "the YAML header does not parse"


def _issue_in_wrong_folder(content):
    path = content / "issues/2030/3-4/issue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("number: '3-4'", "number: '5-6'"), encoding="utf-8")
    return path, line_of(path, "number"), "'year' and 'number' say issue 2030/5-6, but the file is in issues/2030/3-4/"


@pytest.mark.parametrize("spoil", [_bad_order, _bad_yaml, _issue_in_wrong_folder])
def test_invalid_content_stops_the_build_naming_file_and_line_before_anything_is_written(tmp_path, spoil):
    content = copy_content(tmp_path / "content")
    path, line, problem = spoil(content)
    result = build(tmp_path, plugins(), content=content, raise_errors=False)
    assert isinstance(result.error, ContentProblems), result.error_text()
    assert str(result.error).startswith(f"{path}:{line}: {problem}"), str(result.error)
    assert not result.output.exists()  # stopped at `initialized`: Pelican has not even emptied the output


@pytest.mark.parametrize("slug, path, owner", [
    ("about", "about/index.html", "the site's about page"),
    ("archive", "archive/index.html", "the site's archives page"),
    ("2030/3-4", "2030/3-4/index.html", "the page of issue 2030年第3-4期"),
    ("2030/3-4/01", "2030/3-4/01/index.html", "{content}/articles/2030/3-4/01.md"),
    ("sections/gong-zuo-zhi-dao", "sections/gong-zuo-zhi-dao/index.html", "the section page of '工作指导'"),
    ("authors/zhao-ming", "authors/zhao-ming/index.html", "the author page of '赵明'"),
    ("tags/chan-ye-gong-ren", "tags/chan-ye-gong-ren/index.html", "the tag page of '产业工人'"),
])
def test_two_pages_on_one_output_path_fail_before_anything_is_written(tmp_path, slug, path, owner):
    content = copy_content(tmp_path / "content")
    clash = content / "pages/clash.md"
    clash.write_text(f"---\ntitle: 关于\nlang: zh-CN\nslug: {slug}\n---\n\n正文\n", encoding="utf-8")
    result = build(tmp_path, plugins(), content=content, raise_errors=False)
    owner = owner.format(content=content)
    assert str(result.error).startswith(
        f"{clash}:4: is saved as {path}, which {owner} also writes — give it another slug"), result.error_text()
    assert result.files() == set()  # found once everything is read, before the first page is written

