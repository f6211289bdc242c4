"""Plugin qhgy_sanitize (qhgy.sanitize), in an in-process build of the tiny site: what would run a
script is gone from the site's HTML even when the content reaches the build unchecked (a journal
handed in, as qhgy.site does after its check); the markup the content uses is kept, and clean
content is written byte for byte as without the plugin."""

import pytest

from qhgy.check import check_content
from qhgy.sanitize import sanitize_html
from qhgy.site import JOURNAL_SETTING

from plugin_build import ISSUE_URL, build, copy_content, plugins

DIRTY = ("<script>alert('s')</script>\n\n"
         "<p onclick=\"alert('c')\">点击</p>\n\n"
         "[链接](javascript:alert('j'))\n\n"
         "<img src=\"x.png\" onerror=\"alert('e')\" alt=\"图\">\n\n"
         "<iframe src=\"https://example.com/\"></iframe>\n\n")
KEPT = ("<figure class=\"caption\" markdown=\"1\">\n![灯下](https://example.com/lamp.jpg \"灯\")\n"
        "<figcaption markdown=\"span\">灯下的人</figcaption>\n</figure>\n\n"
        "| 年份 | 人数 |\n|:--|--:|\n| 2030 | 15 |\n\n"
        "*强调*与**加粗**，H~2~O 与脚注[^1]，<sup>上标</sup><sub>下标</sub>，[本期](/2030/3-4/)。\n\n"
        "[^1]: 注释。\n")


def dirty_content(work):
    """The tiny site, its journal checked while clean, then script put into the first article."""
    content = copy_content(work / "content")
    journal = check_content(content).journal_or_raise()
    path = content / "articles/2030/3-4/01.md"
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    path.write_text(f"{head}\n---\n\n{DIRTY}{KEPT}{body}", encoding="utf-8")
    return content, journal


@pytest.fixture(scope="module")
def sanitized(tmp_path_factory):
    work = tmp_path_factory.mktemp("sanitize")
    content, journal = dirty_content(work)
    return build(work, plugins("qhgy_sanitize"), content=content, **{JOURNAL_SETTING: journal})


@pytest.fixture(scope="module")
def unsanitized(tmp_path_factory):
    work = tmp_path_factory.mktemp("no-sanitize")
    content, journal = dirty_content(work)
    return build(work, plugins(without=("qhgy_sanitize",)), content=content, **{JOURNAL_SETTING: journal})


def article_body(site, order="01"):
    return site.soup(f"{ISSUE_URL}{order}/index.html").find("article")


def test_nothing_that_runs_a_script_reaches_the_page(sanitized):
    assert sanitized.problems() == []
    body = article_body(sanitized)
    html = str(body)
    assert "alert(" not in html and "javascript:" not in html
    assert not body.find_all(["script", "iframe"])
    assert not [tag for tag in body.find_all(True) if any(name.startswith("on") for name in tag.attrs)]
    assert "点击" in body.get_text()  # the text stays, the handler goes


def test_the_markup_the_content_uses_is_kept(sanitized):
    body = article_body(sanitized)
    figure = body.find("figure", class_="caption")
    assert figure.find("img")["src"] == "https://example.com/lamp.jpg" and figure.find("img")["alt"] == "灯下"
    assert figure.figcaption.get_text() == "灯下的人"
    assert [th["style"] for th in body.table.find_all("th")] == ["text-align:left", "text-align:right"]
    assert body.find("em").get_text() == "强调" and body.find("strong").get_text() == "加粗"
    assert body.find("sup", id="fnref:1").a["href"] == "#fn:1" and body.find("div", class_="footnote")
    assert body.find("a", href="/2030/3-4/") and body.find("h2")


def test_without_the_plugin_the_script_would_be_on_the_page(unsanitized):
    # what the plugin is for: Python-Markdown passes raw HTML through as it is
    html = str(article_body(unsanitized))
    assert "<script>alert('s')</script>" in html and "onerror=" in html and "javascript:" in html


def test_clean_content_is_written_as_without_the_plugin(sanitized, unsanitized):
    for order in ("02", "03"):
        assert sanitized.read(f"{ISSUE_URL}{order}/index.html") == unsanitized.read(f"{ISSUE_URL}{order}/index.html")


@pytest.mark.parametrize("dirty, clean", [
    ("<p>a<script>x()</script></p>", "<p>a</p>"),
    ('<a href="javascript:x()" title="t">l</a>', '<a title="t">l</a>'),
    ('<a href=" JaVaScRiPt:x()">l</a>', "<a>l</a>"),
    ('<img src="a.jpg" alt="图" onerror="x()">', '<img src="a.jpg" alt="图">'),
    ('<svg onload="x()"><circle/></svg>', ""),
    ('<td style="text-align: center; background: url(javascript:x)">1</td>', ""),
])
def test_sanitize_html(dirty, clean):
    out = sanitize_html(dirty)
    assert "x()" not in out and "javascript" not in out.lower()
    if clean:
        assert out == clean
