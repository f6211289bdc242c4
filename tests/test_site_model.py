"""The issue model the templates read, on plain stand-ins for Pelican's articles."""

import datetime as dt
from types import SimpleNamespace as NS

import pytest

from qhgy.site_model import build_issues, by_issue, issues_by_year, newest_call, place_pages


def article(issue, order, section, title="标题", subcolumn=None, authors=()):
    return NS(issue=issue, order=f"{order:02d}", category=NS(name=section), title=title, subcolumn=subcolumn,
              authors=[NS(name=a) for a in authors], first_page=str(order), last_page=str(order))


ISSUES = [
    {"year": "2017", "number": "9-10", "label": "2017年第9-10期", "date": "2017-10-10",
     "sections": [{"name": "工作指导", "subcolumns": []}, {"name": "综艺之旅", "subcolumns": ["革命家风"]}]},
    {"year": "2018", "number": "1", "label": "2018年第1期", "date": dt.date(2018, 2, 10),
     "sections": [{"name": "工作指导", "subcolumns": []}]},
]


def make():
    articles = [article("2017/9-10", 3, "综艺之旅", subcolumn="革命家风"), article("2017/9-10", 1, "工作指导"),
                article("2017/9-10", 2, "工作指导", title="发言", authors=["李忠"]),
                article("2017/9-10", 4, "综艺之旅", title="发言", authors=["王霞"]), article("2018/1", 1, "工作指导")]
    return articles, build_issues(ISSUES, articles, {"工作指导": "gong-zuo-zhi-dao"})


def test_issues_newest_first_with_neighbours():
    _, issues = make()
    assert [i.ref for i in issues] == ["2018/1", "2017/9-10"]
    assert issues[0].older is issues[1] and issues[1].newer is issues[0]
    assert issues[0].newer is None and issues[1].older is None
    assert issues[1].url == "2017/9-10/" and issues[1].slug == "qhgy-2017-9-10"


def test_articles_in_print_order_grouped_by_section_with_neighbours():
    articles, issues = make()
    issue = issues[1]
    assert [a.order for a in issue.articles] == ["01", "02", "03", "04"]
    assert [(s.name, s.id, [a.order for a in s.articles]) for s in issue.sections] == [
        ("工作指导", "gong-zuo-zhi-dao", ["01", "02"]), ("综艺之旅", "", ["03", "04"])]
    first, second = issue.articles[0], issue.articles[1]
    assert first.prev_in_issue is None and first.next_in_issue is second and second.prev_in_issue is first
    assert first.journal_issue is issue


def test_sub_column_runs_and_shared_titles_told_apart():
    _, issues = make()
    arts = issues[1].sections[1]
    assert [(sub, [a.order for a in items]) for sub, items in arts.runs] == [("革命家风", ["03"]), ("", ["04"])]
    assert [a.list_title for a in issues[1].articles] == ["标题", "发言（李忠）", "标题", "发言（王霞）"]


def test_grouping_by_year_and_by_issue():
    articles, issues = make()
    assert [(y, [i.number for i in items]) for y, items in issues_by_year(issues)] == [("2018", ["1"]),
                                                                                     ("2017", ["9-10"])]
    grouped = by_issue([a for a in articles if a.category.name == "工作指导"])
    assert [(i.ref, [a.order for a in items]) for i, items in grouped] == [("2018/1", ["01"]),
                                                                           ("2017/9-10", ["01", "02"])]


def test_two_metas_for_one_issue_stop_the_build():
    with pytest.raises(ValueError, match="two issue files describe issue 2017/9-10"):
        build_issues([ISSUES[0], dict(ISSUES[0])], [], {})


def test_pages_printed_in_an_issue_join_its_toc_at_their_place_without_breaking_a_run():
    articles = [article("2017/9-10", 1, "工作指导"), article("2017/9-10", 2, "工作指导"),
                article("2017/9-10", 3, "综艺之旅", subcolumn="革命家风"),
                article("2017/9-10", 5, "综艺之旅", subcolumn="革命家风"), article("2017/9-10", 6, "综艺之旅")]
    issues = build_issues(ISSUES, articles, {})
    call = NS(title="征稿启事", issue="2017/9-10", order="04", purpose="call-for-submissions")
    other = NS(title="关于本刊", slug="about-us")  # printed in no issue: stays out of every 目录
    place_pages(issues, [call, other])
    issue = issues[1]
    assert call.toc_notice and call.list_title == "征稿启事" and issue.notices == [call]
    assert not hasattr(other, "toc_notice") and issues[0].notices == []
    assert [a.order for a in issue.articles] == ["01", "02", "03", "05", "06"]  # still the articles only
    # in the section printed around it, at its order; among 革命家风 pieces it does not split their run
    arts = issue.sections[1]
    assert [(sub, [a.order for a in items]) for sub, items in arts.runs] == [("革命家风", ["03", "04", "05"]),
                                                                            ("", ["06"])]


def test_the_newest_issue_s_call_for_submissions_is_the_one_linked():
    _, issues = make()
    old = NS(issue="2017/9-10", purpose="call-for-submissions")
    new = NS(issue="2018/1", purpose="call-for-submissions")
    assert newest_call(issues, [old, NS(issue="2018/1", purpose=None), new]) is new
    assert newest_call(issues, [old]) is old and newest_call(issues, []) is None
