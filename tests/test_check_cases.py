"""What `check` catches (qhgy.check, qhgy.checks): each case copies the tiny valid site's content
(tests/fixtures/tiny_site), makes one slip an editor makes, runs the command line's `check` and
asserts the message, the line it names and the exit status. Never a traceback."""

from __future__ import annotations

import pytest

from qhgy import cli
from qhgy.check import check_content

from conftest import CONTENT
from plugin_build import copy_content

A1, A2, A3 = "articles/2030/3-4/01.md", "articles/2030/3-4/02.md", "articles/2030/3-4/03.md"
ISSUE, CALL = "issues/2030/3-4/issue.yaml", "pages/calls/2030-3-4.md"


@pytest.fixture
def tiny(tmp_path):
    return copy_content(tmp_path / "content")


def edit(content, name, old, new, count=1):
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, (old, text)
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def check(content, capsys) -> tuple[int, str]:
    """The exit status of `python -m qhgy check --content-dir content` and what it printed."""
    status = cli.main(["check", "--content-dir", str(content)])
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text
    return status, text


def test_the_tiny_site_and_the_bundled_content_are_valid(tiny, capsys):
    assert check(tiny, capsys)[0] == 0
    checked = check_content(CONTENT)
    assert checked.problems == [] and checked.warnings == []


# (file, old text, new text, line, message) — the message as `path:line: message` prints it.
CASES = {
    # keys
    "misspelled key": (A1, "authors:", "atuhors:", 3, "unknown key 'atuhors' — did you mean 'authors'?"),
    "unknown key in an issue": (ISSUE, "cover_caption:", "cover_captoin:", 6,
                                "unknown key 'cover_captoin' — did you mean 'cover_caption'?"),
    "missing key": (A2, "category: 工作指导\n", "", 14,
                    "'category' is missing: the section (栏目) the 目录 lists the article under"),
    "key without a value": (A2, "category: 工作指导", "category:", 3, "'category' is missing"),
    # dates
    "impossible date, unquoted": (A3, "date: '2030-04-10'", "date: 2030-13-45", 11,
                                  "'date' must be a date of the calendar: 2030-13-45 is not one — write it as "
                                  "date: '2017-10-10'"),
    "impossible date, quoted": (A3, "date: '2030-04-10'", "date: '2030-02-30'", 11,
                                "'date' must be a date of the calendar: 2030-02-30 is not one"),
    "not a date": (A3, "date: '2030-04-10'", "date: 2030年4月10日", 11,
                   "'date' must be a date written YYYY-MM-DD, not '2030年4月10日'"),
    "impossible issue date": (ISSUE, "date: '2030-04-10'", "date: 2030-04-31", 5,
                              "'date' must be a date of the calendar: 2030-04-31 is not one"),
    "date not the issue's": (A3, "date: '2030-04-10'", "date: '2030-04-11'", 11,
                             "'date' is 2030-04-11 but the issue was published 2030-04-10 — use the issue's date"),
    # issue, order, URL
    "issue that does not exist": (A1, "issue: 2030/3-4", "issue: 2030/3-5", 9,
                                  "'issue' is 2030/3-5, but there is no issues/2030/3-5/issue.yaml — did you mean "
                                  "'2030/3-4'?"),
    "same order": (A2, "order: '02'", "order: '01'", 5, "'order' 01 is also used by "),
    "same slug": (A2, "slug: qhgy-2030-3-4-02", "slug: qhgy-2030-3-4-01", 11,
                  "'slug' qhgy-2030-3-4-01 is also used by "),
    "order spelt otherwise": (A2, "order: '02'", "order: '2'", 5,
                              "'order' must be written with two digits at least: '02', not '2'"),
    # pages
    "pages backwards": (A1, "first_page: '2'", "first_page: '4'", 12,
                        "'last_page' 3 is before 'first_page' 4: the pages go backwards"),
    "pages overlap the piece before": (A2, "first_page: '4'", "first_page: '2'", 6,
                                       "'first_page' 2 is before page 3, where the piece printed before it ends"),
    # sections
    "section not the issue's": (A1, "category: 工作指导", "category: 工作指到", 8,
                                "section (category) '工作指到' is not one of the issue's sections — did you mean "
                                "'工作指导'?"),
    "sub-column not the section's": (A3, "subcolumn: 生活感悟", "subcolumn: 生活感受", 6,
                                     "sub-column '生活感受' is not one of the sub-columns of '综艺之旅' — did you mean "
                                     "'生活感悟'?"),
    # author names
    "name with a space": (A1, "- 赵明", "- 赵 明", 4, "the author name '赵 明' contains a space — write 赵明"),
    "name with a full-width space": (A1, "- 赵明", "- 赵\u3000明", 4,
                                     "the author name '赵\u3000明' contains a full-width space — write 赵明"),
    "name with a comma": (A1, "- 钱红", "- 钱红,", 5, "the author name '钱红,' contains punctuation ',' — write 钱红"),
    "two names as one": (A1, "- 钱红", "- 钱红，孙伟", 5,
                         "the author name '钱红，孙伟' holds several names — write each name as an entry of its own: "
                         "- 钱红, - 孙伟"),
    # bodies
    "script": (A1, "产业工人是工人阶级", "<script>alert(1)</script>产业工人是工人阶级", 20,
               "raw HTML <script> would run a script or load another page into the site — delete it"),
    "an iframe": (A3, "夜班结束时", "<iframe src=\"https://example.com\"></iframe>\n夜班结束时", 16,
                  "raw HTML <iframe> would run a script or load another page into the site"),
    "on* attribute": (A1, "产业工人是工人阶级", "<span onmouseover=\"alert(1)\">产业</span>工人是工人阶级", 20,
                      "raw HTML attribute 'onmouseover=' on <span> runs a script — delete the attribute"),
    "onerror on an image": (A1, "产业工人是工人阶级", "<img src=\"x\" onerror=\"alert(1)\">产业工人是工人阶级", 20,
                            "raw HTML attribute 'onerror=' on <img> runs a script"),
    "javascript: in raw HTML": (A1, "产业工人是工人阶级", "<a href=\"javascript:alert(1)\">产业</a>工人是工人阶级", 20,
                                "raw HTML <a href=\"javascript:alert(1)\"> runs a script"),
    "javascript: in a Markdown link": (A3, "夜班结束时", "[夜班](javascript:alert(1))结束时", 16,
                                       "the link 'javascript:alert(1)' runs a script"),
    # links and images
    "link to no article": (A3, "夜班结束时", "[夜班](/2030/3-4/99/)结束时", 16,
                           "the link '/2030/3-4/99/' leads to no page of the site"),
    "link to no issue": (A3, "夜班结束时", "见[上期](/2030/1-2/)。夜班结束时", 16,
                         "the link '/2030/1-2/' leads to no page of the site"),
    "link to a missing file": (A3, "夜班结束时", "[夜班]({filename}09.md)结束时", 16,
                               "the link '{filename}09.md' names a file that does not exist"),
    "image that does not exist": (A3, "夜班结束时", "![灯](/images/missing.jpg)\n\n夜班结束时", 16,
                                  "the image '/images/missing.jpg' does not exist — put the image file beside the "
                                  "article"),
    "relative image that does not exist": (A3, "夜班结束时", "<figure class=\"caption\" markdown=\"1\">\n"
                                           "![灯](photos/lamp.jpg)\n</figure>\n\n夜班结束时", 17,
                                           "the image 'photos/lamp.jpg' does not exist"),
    # input-method slips in the header
    "full-width colon": (A1, "title: ", "title：", 2,
                         "a full-width colon '：' after 'title': an input-method slip — type an ASCII colon and a "
                         "space: 'title: '"),
    "full-width colon in a mapping": (A1, "  赵明: 省总", "  赵明：省总", 7, "a full-width colon '：' after '赵明'"),
    "full-width colon in an issue": (ISSUE, "label: ", "label：", 4, "a full-width colon '：' after 'label'"),
    "full-width space before a key": (A1, "category:", "\u3000category:", 8,
                                      "a full-width space before 'category': an input-method slip"),
    "full-width space after a colon": (A1, "category: ", "category:\u3000", 8,
                                       "a full-width space after 'category:': an input-method slip"),
    "full-width dash in a list": (A1, "- 赵明", "－ 赵明", 4,
                                  "a list entry starts with the full-width dash '－': an input-method slip — start it "
                                  "with an ASCII hyphen and a space: '- 赵明'"),
    "full-width closing line": (A1, "- 产业工人\n---\n", "- 产业工人\n———\n", 18,
                                "the header's line '---' is typed with full-width dashes or spaces ('———'): an "
                                "input-method slip"),
    "full-width opening line": (A2, "---\ntitle", "－－－\ntitle", 1,
                                "the header's line '---' is typed with full-width dashes or spaces ('－－－')"),
    "Chinese quotes around a number": (A1, "order: '01'", "order: “01”", 10,
                                       "the value of 'order' is in Chinese quotes “01”: an input-method slip — type "
                                       "ASCII quotes: order: '01'"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_slip_is_named_on_its_line_and_fails_the_check(tiny, capsys, name):
    file, old, new, line, message = CASES[name]
    path = edit(tiny, file, old, new)
    status, text = check(tiny, capsys)
    assert status == 1
    assert f"{path}:{line}: {message}" in text, text


@pytest.mark.parametrize("old, new", [
    ("first_page: '4'", "first_page: '3'"),  # starts on the page where the piece before ends
    ("三月以来", "见[上一篇](/2030/3-4/01/)、[本期](/2030/3-4/)、[下一篇](../03/)、[征稿]({filename}../../../pages/calls/"
     "2030-3-4.md)、[全文](/2030/3-4/01/qhgy-2030-3-4-01.pdf#page=2)、[网站](https://example.com/)、"
     "[作者](/authors/zhao-ming/)。三月以来"),
    ("三月以来", "代码 `<script>` 与 `onerror=` 只是文字。三月以来"),  # code is shown, never run
    ("三月以来", "```\n<script>alert(1)</script>\n```\n\n三月以来"),
    ("source_unit: 省总宣教部", "source_unit: 省总宣教部\nkicker: 扎西·多杰的故事"),
])
def test_what_is_right_passes(tiny, capsys, old, new):
    edit(tiny, A2, old, new)
    status, text = check(tiny, capsys)
    assert status == 0, text


def test_a_section_typo_in_the_bundled_issue_suggests_the_section(bundled_copy, capsys):
    path = next(p for p in sorted((bundled_copy / "articles").rglob("*.md"))
                if "category: 省总动态\n" in p.read_text(encoding="utf-8"))
    edit(bundled_copy, path.relative_to(bundled_copy), "category: 省总动态", "category: 省总动太")
    line = path.read_text(encoding="utf-8").splitlines().index("category: 省总动太") + 1
    status, text = check(bundled_copy, capsys)
    assert status == 1
    assert f"{path}:{line}: section (category) '省总动太' is not one of the issue's sections — did you mean " \
        "'省总动态'?" in text, text


def test_an_author_written_with_a_space_in_the_bundled_issue(bundled_copy, capsys):
    path = next(p for p in sorted((bundled_copy / "articles").rglob("*.md"))
                if "\n- 李忠\n" in p.read_text(encoding="utf-8"))
    edit(bundled_copy, path.relative_to(bundled_copy), "\n- 李忠\n", "\n- 李 忠\n")
    line = path.read_text(encoding="utf-8").splitlines().index("- 李 忠") + 1
    status, text = check(bundled_copy, capsys)
    assert status == 1 and f"{path}:{line}: the author name '李 忠' contains a space — write 李忠" in text, text


def test_an_issue_with_no_articles(tiny, capsys):
    other = tiny / "issues/2030/5-6"
    other.mkdir()
    text = (tiny / ISSUE).read_text(encoding="utf-8")
    (other / "issue.yaml").write_text(text.replace("number: '3-4'", "number: '5-6'"), encoding="utf-8")
    status, printed = check(tiny, capsys)
    assert status == 1
    assert f"{other / 'issue.yaml'}:1: issue 2030/5-6 has no articles: no article names it in 'issue'" in printed


def test_an_issue_whose_articles_cannot_be_read_is_not_said_to_have_none(tiny, capsys):
    for name in (A1, A2, A3):
        edit(tiny, name, "title: ", "title：")
    status, text = check(tiny, capsys)
    assert status == 1 and text.count("a full-width colon") == 3 and "has no articles" not in text


@pytest.mark.parametrize("encoding, line, looks_like", [("gb18030", 2, "GB18030/GBK"), ("gbk", 2, "GB18030/GBK"),
                                                         ("utf-16", 1, "UTF-16")])
def test_a_file_not_in_utf8_names_the_encoding_it_looks_like(tiny, capsys, encoding, line, looks_like):
    path = tiny / A2
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    status, text = check(tiny, capsys)
    assert status == 1
    assert f"{path}:{line}: is not UTF-8 text: it looks like {looks_like} — open it and save it as UTF-8" in text


def test_a_page_link_to_an_image_beside_the_article_passes(tiny, capsys):
    (tiny / "articles/2030/3-4/lamp.jpg").write_bytes(b"\xff\xd8\xff")
    edit(tiny, A3, "夜班结束时", "![灯](lamp.jpg)\n\n夜班结束时")
    assert check(tiny, capsys)[0] == 0


def test_every_problem_of_a_folder_is_printed_in_file_order_with_a_summary(tiny, capsys):
    edit(tiny, A1, "authors:", "atuhors:")
    edit(tiny, A2, "category: 工作指导", "category: 工作指到")
    edit(tiny, A3, "date: '2030-04-10'", "date: 2030-13-45")
    status, text = check(tiny, capsys)
    err = text.splitlines()
    assert status == 1
    assert [line.split(":")[0] for line in err[:-1]] == sorted(line.split(":")[0] for line in err[:-1])
    assert len(err) == 5  # atuhors, the roles of an author no longer in authors, section, date; the summary
    assert err[-1] == f"{tiny}/: 4 errors, 0 warnings — fix the errors before building."


def test_an_empty_body_is_an_error(tiny, capsys):
    path = tiny / A2
    path.write_text(path.read_text(encoding="utf-8").split("\n---\n")[0] + "\n---\n\n", encoding="utf-8")
    status, text = check(tiny, capsys)
    assert status == 1
    assert f"{path}:15: has no text under its header — paste the text below the closing '---'" in text, text


def test_a_draft_with_no_text_is_a_warning_counted_in_the_summary(tiny, capsys):
    path = edit(tiny, A2, "三月以来", "")
    edit(tiny, A2, "lang: zh-CN", "status: draft\nlang: zh-CN")
    path.write_text(path.read_text(encoding="utf-8").split("\n---\n")[0] + "\n---\n", encoding="utf-8")
    checked = check_content(tiny)
    assert checked.problems == [] and checked.journal is not None
    status, text = check(tiny, capsys)
    assert status == 0
    assert f"{path}:10: warning: is a draft with no text (the import did not find it in the source) — paste the " \
        "article's text under the header, then remove 'status: draft'" in text
    assert f"{tiny}/: 1 issue(s), 3 article(s), 1 page(s) — all valid (0 errors, 1 warning)." in text


def test_an_article_dated_after_its_issue_is_a_warning(tiny, capsys):
    path = edit(tiny, A1, "date: '2030-04-10'", "date: '2030-04-10'\narticle_date: '2030-05-01'")
    status, err = check(tiny, capsys)
    assert status == 0
    assert f"{path}:14: warning: 'article_date' 2030-05-01 is after the issue's publication date 2030-04-10" in err


def test_a_title_in_chinese_quotes_is_a_warning(tiny, capsys):
    path = edit(tiny, A3, "title: 高原上的一盏灯", "title: “高原上的一盏灯”")
    status, text = check(tiny, capsys)
    assert status == 0
    assert f"{path}:2: warning: the value of 'title' is in Chinese quotes “高原上的一盏灯”: they will be printed " \
        "as part of it" in text
