"""The journal model (qhgy.model): typed values from the key table, issues with their articles
in print order and sections, and what consumers derive, on small content built in memory."""

import datetime as dt
from pathlib import Path

import pytest

from qhgy.model import CONVERTERS, PageRange, build_journal, by_issue, typed
from qhgy.schema import TYPES

IDS = {"authors": {"李忠": "li-zhong", "王霞": "wang-xia"}, "sections": {"工作指导": "gong-zuo-zhi-dao"}, "tags": {}}
ISSUES = [
    (Path("issues/2017/9-10/issue.yaml"), {
        "journal": "青海工运", "year": "2017", "number": "9-10", "label": "2017年第9-10期", "date": "2017-10-10",
        "sections": [{"name": "工作指导", "subcolumns": []}, {"name": "综艺之旅", "subcolumns": ["革命家风"]}],
        "contact": {"publisher": "《青海工运》编辑部", "phone": "8804826"}, "print_pdf": "print.pdf"}),
    (Path("issues/2018/1/issue.yaml"), {
        "journal": "青海工运", "year": "2018", "number": "1", "label": "2018年第1期", "date": dt.date(2018, 2, 10),
        "sections": [{"name": "工作指导", "subcolumns": []}]}),
]


def article(issue, order, section, title="标题", subcolumn=None, authors=(), pages=None, **more):
    first, last = pages or (order, order)
    meta = {"title": title, "category": section, "issue": issue, "order": f"{order:02d}", "first_page": str(first),
            "last_page": str(last), "date": "2017-10-10", "lang": "zh-CN",
            "slug": f"qhgy-{issue.replace('/', '-')}-{order:02d}", **more}
    if authors:
        meta["authors"] = list(authors)
    if subcolumn:
        meta["subcolumn"] = subcolumn
    return Path(f"articles/{issue}/{order:02d}.md"), meta, "正文。"


ARTICLES = [article("2017/9-10", 3, "综艺之旅", subcolumn="革命家风"), article("2017/9-10", 1, "工作指导"),
            article("2017/9-10", 2, "工作指导", title="发言", authors=["李忠"], pages=(7, 8),
                    author_roles={"李忠": "省总工会党组书记"}, article_date="2017-09-17"),
            article("2017/9-10", 4, "综艺之旅", title="发言", authors=["王霞"]), article("2018/1", 1, "工作指导"),
            article("2017/9-10", 5, "综艺之旅", title="草稿", status="draft")]


def journal(pages=()):
    return build_journal(ISSUES, ARTICLES, list(pages), IDS, Path("content"))


def test_every_key_type_has_a_converter():
    assert set(CONVERTERS) == set(TYPES)


def test_values_are_typed_by_the_key_table():
    meta = typed("article", ARTICLES[2][1])
    assert meta["order"] == 2 and meta["first_page"] == 7 and meta["last_page"] == 8
    assert meta["date"] == dt.date(2017, 10, 10) and meta["article_date"] == dt.date(2017, 9, 17)
    assert meta["authors"] == ("李忠",) and meta["kicker"] is None
    issue = journal().issues[1]
    assert issue.year == 2017 and issue.date == dt.date(2017, 10, 10)
    assert issue.contact.phones == ("8804826",)  # one phone written as a string is still a list of phones
    assert issue.section_specs[1].subcolumns == ("革命家风",)


def test_issues_newest_first_with_neighbours():
    issues = journal().issues
    assert [i.ref for i in issues] == ["2018/1", "2017/9-10"]
    assert issues[0].older is issues[1] and issues[1].newer is issues[0]
    assert issues[0].newer is None and issues[1].older is None
    assert issues[1].url == "2017/9-10/" and issues[1].slug == "qhgy-2017-9-10"
    assert issues[1].pdf_path == "2017/9-10/qhgy-2017-9-10.pdf"
    assert issues[1].print_pdf == Path("issues/2017/9-10/print.pdf") and issues[0].print_pdf is None


def test_articles_in_print_order_grouped_by_section_with_neighbours():
    issue = journal().issues[1]
    assert [a.order for a in issue.articles] == [1, 2, 3, 4]  # the draft is not published
    assert [(s.name, s.id, [a.order for a in s.articles]) for s in issue.sections] == [
        ("工作指导", "gong-zuo-zhi-dao", [1, 2]), ("综艺之旅", "", [3, 4])]
    first, second = issue.articles[0], issue.articles[1]
    assert first.prev_in_issue is None and first.next_in_issue is second and second.prev_in_issue is first
    assert first.issue is issue


def test_what_consumers_derive_lives_on_the_article():
    speech = journal().issues[1].articles[1]
    assert speech.url == "2017/9-10/02/" and speech.order_text == "02"
    assert speech.pages_text == "7—8" and speech.pages.text("en") == "7–8" and PageRange(5, 5).text() == "5"
    assert speech.pdf_path == "2017/9-10/02/qhgy-2017-9-10-02.pdf"
    assert speech.print_pdf_path == "2017/9-10/02/qhgy-2017-9-10-02-print.pdf"
    assert speech.authors[0].name == "李忠" and speech.authors[0].role == "省总工会党组书记"
    assert speech.authors[0].id == "li-zhong" and speech.role_of("李忠") == "省总工会党组书记"
    assert speech.citation_gbt == "李忠. 发言[J]. 青海工运，2017（9/10）：7-8."  # GB/T 7714-2025, the default
    assert [r.line for r in speech.citation_lines] == [speech.citation_gbt, "李忠. 发言[J]. 青海工运, 2017(9/10): 7-8."]
    cited = speech.citation("https://qhgy.example.org/")
    assert cited.url == "https://qhgy.example.org/2017/9-10/02/" and cited.first_page == 7
    speech.html = "<p>第一段。</p><h2>小标题</h2><p>第二段</p>"
    record = speech.search_record
    assert (record.url, record.pages, record.issue, record.year) == ("2017/9-10/02/", "7—8", "2017年第9-10期", "2017")
    assert record.text == "第一段。\n小标题\n第二段" and record.authors == ("李忠",)


def test_sub_column_runs_and_shared_titles_told_apart():
    issue = journal().issues[1]
    runs = issue.sections[1].runs
    assert [(sub, [a.order for a in items]) for sub, items in runs] == [("革命家风", [3]), ("", [4])]
    assert [a.list_title for a in issue.articles] == ["标题", "发言（李忠）", "标题", "发言（王霞）"]


def test_grouping_by_year_and_by_issue():
    j = journal()
    assert [(y, [i.number for i in items]) for y, items in j.issues_by_year] == [(2018, ["1"]), (2017, ["9-10"])]
    grouped = by_issue([a for a in j.articles if a.section == "工作指导"])
    assert [(i.ref, [a.order for a in items]) for i, items in grouped] == [("2018/1", [1]), ("2017/9-10", [1, 2])]


def page(slug, title, purpose=None, **more):
    meta = {"title": title, "lang": "zh-CN", "slug": slug, **more}
    if purpose:
        meta["purpose"] = purpose
    return Path(f"pages/{slug}.md"), meta, "正文。"


def test_pages_printed_in_an_issue_join_its_toc_at_their_place_without_breaking_a_run():
    call = page("call", "征稿启事", "call-for-submissions", issue="2017/9-10", order="03", first_page="3",
                last_page="3")
    other = page("about-us", "关于本刊")  # printed in no issue: stays out of every 目录
    j = journal([call, other])
    issue = j.issues[1]
    notice = j.pages[0]
    assert notice.toc_notice and notice.list_title == "征稿启事" and issue.notices == [notice]
    assert not j.pages[1].toc_notice and j.issues[0].notices == []
    assert [a.order for a in issue.articles] == [1, 2, 3, 4]  # still the articles only
    # at its order, in the section printed around it, and it does not split the run it sits in
    assert [a.order for a in issue.sections[0].articles] == [1, 2, 3]
    assert notice.url == "call/" and notice.pages_text == "3"


def test_the_newest_issue_s_call_for_submissions_is_the_one_linked():
    old = page("call-2017", "征稿", "call-for-submissions", issue="2017/9-10", order="09")
    new = page("call-2018", "征稿", "call-for-submissions", issue="2018/1", order="09")
    hidden = page("call-draft", "征稿", "call-for-submissions", issue="2018/1", order="08", status="draft")
    assert journal([old, new, hidden]).call_for_submissions.slug == "call-2018"
    assert journal([old]).call_for_submissions.slug == "call-2017"
    assert journal([]).call_for_submissions is None


@pytest.mark.parametrize("lang, url", [("zh-CN", "2017/9-10/01/"), ("en", "en/2017/9-10/01/")])
def test_a_translation_is_the_same_article_in_another_language(lang, url):
    original = article("2017/9-10", 1, "工作指导")
    translation = (Path("articles/en/01.md"), {**original[1], "lang": "en", "title": "Title"}, "Body.")
    j = build_journal(ISSUES, [original, translation], [], IDS, Path("content"))
    zh, en = j.articles
    assert zh.translations == [en] and en not in j.issues[1].articles
    assert {"zh-CN": zh, "en": en}[lang].url == url


@pytest.mark.parametrize("credits, writers", [
    ("文稿：朱爱丽 摄影：石彬", [("朱爱丽", "文稿")]),
    ("文/张三 李四 图/王五", [("张三", "文"), ("李四", "文")]),
    ("本刊记者 马文 摄影：石彬", [("马文", "本刊记者")]),
    ("通讯员：马文、卓玛", [("马文", "通讯员"), ("卓玛", "通讯员")]),
    ("图文：阿·卓玛", [("阿·卓玛", "图文")]),
    ("摄影：石彬", []),  # a photographer stays a credit
    ("供稿：西宁市总工会", []),  # so does the unit that supplied the piece
    ("文：省总工会宣传部", []),  # a unit, not a person
    ("马文：摄影", []),  # 文 inside a name is no role
])
def test_the_writer_a_credit_line_names_is_found(credits, writers):
    from qhgy.journal import credit_writers

    assert credit_writers(credits) == writers


def test_a_credit_lines_writer_is_an_author_but_not_a_byline():
    ids = {**IDS, "authors": {**IDS["authors"], "朱爱丽": "zhu-ai-li"}}
    items = [article("2017/9-10", 1, "工作指导", credits="文稿：朱爱丽 摄影：石彬"),
             article("2017/9-10", 2, "工作指导", authors=["朱爱丽"], credits="文稿：朱爱丽")]
    found = build_journal(ISSUES, items, [], ids, Path("content"))
    news, signed = sorted(found.articles, key=lambda a: a.order)
    assert news.author_names == ("朱爱丽",) and news.byline == () and news.credit_of("朱爱丽") == "文稿"
    assert news.authors[0].id == "zhu-ai-li" and news.citation().authors == ("朱爱丽",)
    assert signed.author_names == ("朱爱丽",) and [a.name for a in signed.byline] == ["朱爱丽"]  # named once
    assert "石彬" not in news.author_names
