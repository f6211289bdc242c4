"""Citation formats of an article: GB/T 7714-2015, BibTeX and RIS (qhgy.citation)."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from qhgy.citation import CitationData, CitationError, bibtex, gbt7714, gbt7714_en, ris

URL = "https://qhgy.example.cn/2017/9-10/qhgy-2017-9-10-07/"
PDF = "https://qhgy.example.cn/pdf/qhgy-2017-9-10-07.pdf"


def article(**changes) -> CitationData:
    values = dict(
        id="qhgy-2017-9-10-07",
        title="关于推进工会改革向基层延伸的总体思考",
        authors=["李忠"],
        year="2017",
        number="9-10",
        first_page=37,
        last_page=39,
        date=datetime.date(2017, 10, 25),
        url=URL,
        pdf_url=PDF,
    )
    values.update(changes)
    return CitationData(**values)


def parse_bibtex(text: str) -> tuple[str, str, dict[str, str]]:
    """Entry type, key and raw field values of one `@type{key, name = {value}, …}` entry.

    Braces are counted the way BibTeX counts them: a backslash does not hide a brace.
    """
    assert text.startswith("@") and text.endswith("}\n"), text
    open_at = text.index("{")
    entry_type, pos = text[1:open_at], open_at + 1
    comma = text.index(",", pos)
    key, pos = text[pos:comma], comma + 1
    fields: dict[str, str] = {}
    while True:
        while text[pos].isspace():
            pos += 1
        if text[pos] == "}":
            assert text[pos + 1:] == "\n", "text after the entry"
            return entry_type, key, fields
        equals = text.index("=", pos)
        name = text[pos:equals].strip()
        pos = equals + 1
        while text[pos] == " ":
            pos += 1
        assert text[pos] == "{", f"value of {name} not in braces"
        depth, start = 0, pos
        while True:
            depth += {"{": 1, "}": -1}.get(text[pos], 0)
            pos += 1
            if depth == 0:
                break
            assert pos < len(text), f"unbalanced braces in {name}"
        assert name not in fields, f"{name} twice"
        fields[name] = text[start + 1:pos - 1]
        assert text[pos] in ",\n", f"junk after {name}"
        pos += text[pos] == ","


# --- GB/T 7714-2015 ---

def test_gbt7714_one_author():
    assert gbt7714(article()) == "李忠. 关于推进工会改革向基层延伸的总体思考[J]. 青海工运, 2017(9-10): 37-39."


def test_gbt7714_without_author_starts_with_title():
    assert gbt7714(article(authors=[])) == "关于推进工会改革向基层延伸的总体思考[J]. 青海工运, 2017(9-10): 37-39."


def test_gbt7714_single_page_and_plain_issue_number():
    cited = gbt7714(article(number="3", first_page=21, last_page=21))
    assert cited == "李忠. 关于推进工会改革向基层延伸的总体思考[J]. 青海工运, 2017(3): 21."


def test_gbt7714_three_authors_all_listed():
    cited = gbt7714(article(authors=["张三", "李四", "王五"]))
    assert cited.startswith("张三, 李四, 王五. 关于")
    assert "等" not in cited


def test_gbt7714_more_than_three_authors_end_with_deng():
    cited = gbt7714(article(authors=["张三", "李四", "王五", "赵六"]))
    assert cited == "张三, 李四, 王五, 等. 关于推进工会改革向基层延伸的总体思考[J]. 青海工运, 2017(9-10): 37-39."


def test_gbt7714_uses_ascii_punctuation_only():
    cited = gbt7714(article(authors=["张三", "李四", "王五", "赵六"]))
    assert not set(cited) & set("，。：（）［］、")


def test_gbt7714_other_journal_title():
    assert ". 工人日报, 2017(9-10)" in gbt7714(article(journal="工人日报"))


# --- BibTeX ---

def test_bibtex_exact_text():
    assert bibtex(article()) == (
        "@article{qhgy-2017-9-10-07,\n"
        "  title = {关于推进工会改革向基层延伸的总体思考},\n"
        "  author = {李忠},\n"
        "  journal = {青海工运},\n"
        "  year = {2017},\n"
        "  number = {9-10},\n"
        "  pages = {37--39},\n"
        "  language = {zh-CN},\n"
        f"  url = {{{URL}}}\n"
        "}\n"
    )


def test_bibtex_parses_into_the_expected_fields():
    entry_type, key, fields = parse_bibtex(bibtex(article(authors=["张三", "李四", "王五", "赵六"])))
    assert (entry_type, key) == ("article", "qhgy-2017-9-10-07")
    assert list(fields) == ["title", "author", "journal", "year", "number", "pages", "language", "url"]
    assert fields["author"] == "张三 and 李四 and 王五 and 赵六"  # BibTeX keeps every author
    assert "month" not in fields


def test_bibtex_without_author_or_url_omits_those_fields():
    _, _, fields = parse_bibtex(bibtex(article(authors=[], url="")))
    assert "author" not in fields and "url" not in fields
    assert fields["title"] == "关于推进工会改革向基层延伸的总体思考"


def test_bibtex_single_page():
    _, _, fields = parse_bibtex(bibtex(article(first_page=21, last_page=21)))
    assert fields["pages"] == "21"


def test_bibtex_escapes_ampersand_percent_and_braces():
    text = bibtex(article(title="工会 & 职工：满意率 100% {调查}"))
    _, _, fields = parse_bibtex(text)
    assert fields["title"] == r"工会 \& 职工：满意率 100\% \textbraceleft{}调查\textbraceright{}"


def test_bibtex_unbalanced_brace_in_title_keeps_entry_balanced():
    # '\{' would leave this entry unbalanced for BibTeX and Biber, which count braces raw.
    _, _, fields = parse_bibtex(bibtex(article(title="左括号 { 独自出现")))
    assert fields["title"] == r"左括号 \textbraceleft{} 独自出现"


def test_bibtex_escapes_every_special_character_once():
    _, _, fields = parse_bibtex(bibtex(article(title=r"a\b $5 #1 x_y ~ ^", authors=["A_B & C"])))
    assert fields["title"] == r"a\textbackslash{}b \$5 \#1 x\_y \textasciitilde{} \textasciicircum{}"
    assert fields["author"] == r"A\_B \& C"


def test_bibtex_url_is_verbatim_except_braces():
    # url is verbatim in biblatex and \url: a LaTeX escape would end up inside the link.
    url = "https://qhgy.example.cn/search?q=%E5%B7%A5%E4%BC%9A&a_b=1#x{y}"
    _, _, fields = parse_bibtex(bibtex(article(url=url)))
    assert fields["url"] == "https://qhgy.example.cn/search?q=%E5%B7%A5%E4%BC%9A&a_b=1#x%7By%7D"


# --- RIS ---

def test_ris_exact_text_with_crlf():
    assert ris(article(authors=["李忠", "王芳"])) == (
        "TY  - JOUR\r\n"
        "AU  - 李忠\r\n"
        "AU  - 王芳\r\n"
        "TI  - 关于推进工会改革向基层延伸的总体思考\r\n"
        "T2  - 青海工运\r\n"
        "PY  - 2017\r\n"
        "DA  - 2017/10/25\r\n"
        "IS  - 9-10\r\n"
        "SP  - 37\r\n"
        "EP  - 39\r\n"
        "LA  - zh-CN\r\n"
        f"UR  - {URL}\r\n"
        f"L1  - {PDF}\r\n"
        "ID  - qhgy-2017-9-10-07\r\n"
        "ER  - \r\n"
    )


def test_ris_every_line_is_a_tag_line_ended_by_crlf():
    text = ris(article(authors=["张三", "李四", "王五", "赵六"], title="两行\n题名"))
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(line[:2].isalnum() and line[2:6] == "  - " for line in lines)
    assert [line for line in lines if line.startswith("AU  - ")] == [
        "AU  - 张三", "AU  - 李四", "AU  - 王五", "AU  - 赵六"]
    assert "TI  - 两行 题名" in lines
    assert lines[0] == "TY  - JOUR" and lines[-1] == "ER  - "


def test_ris_without_authors_url_or_pdf_has_no_such_lines():
    lines = ris(article(authors=[], url="", pdf_url="")).split("\r\n")
    assert not [line for line in lines if line[:2] in ("AU", "UR", "L1")]
    assert "TI  - 关于推进工会改革向基层延伸的总体思考" in lines


def test_ris_single_page_has_no_end_page():
    lines = ris(article(first_page=21, last_page=21)).split("\r\n")
    assert "SP  - 21" in lines
    assert not [line for line in lines if line.startswith("EP")]


# --- CitationData ---

def test_citation_data_is_frozen_and_hashable_with_list_authors():
    authors = ["李忠"]
    data = article(authors=authors)
    authors.append("王芳")  # the caller's list is copied, not shared
    assert data.authors == ("李忠",)
    assert hash(data) == hash(article(authors=["李忠"]))
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.title = "别的题名"


def test_citation_data_defaults():
    data = article()
    assert (data.journal, data.lang) == ("青海工运", "zh-CN")
    with pytest.raises(TypeError):
        CitationData("qhgy-2017-9-10-07", "题名", [], "2017", "9-10", 1, 2, datetime.date(2017, 10, 25))


@pytest.mark.parametrize("changes", [
    dict(id="qhgy 2017"), dict(id="a,b"), dict(id=""),
    dict(first_page=39, last_page=37), dict(first_page=0, last_page=3),
])
def test_citation_data_rejects_values_that_would_corrupt_citations(changes):
    with pytest.raises(CitationError):
        article(**changes)


def test_citation_data_rejects_a_bare_string_of_authors():
    with pytest.raises(CitationError, match="a string, not a list"):
        article(authors="李忠")


# ---------------------------------------------------------------- both titles

ENGLISH = dict(title_en="Overall Thoughts on Extending Trade Union Reform to the Grassroots", authors_en=["Li Zhong"])


def test_the_english_line_writes_family_names_in_capitals_and_the_journal_in_pinyin():
    assert gbt7714_en(article(**ENGLISH)) == \
        "LI Zhong. Overall Thoughts on Extending Trade Union Reform to the Grassroots[J]. Qinghai Gongyun, 2017(9-10): 37-39."


def test_the_english_line_ends_four_authors_with_et_al_where_the_chinese_says_deng():
    data = article(authors=["张三", "李四", "王五", "赵六"], title_en="A Title",
                   authors_en=["Zhang San", "Li Si", "Wang Wu", "Zhao Liu"])
    assert gbt7714(data).startswith("张三, 李四, 王五, 等. ")
    assert gbt7714_en(data).startswith("ZHANG San, LI Si, WANG Wu, et al. A Title[J]. ")


def test_without_an_english_title_there_is_no_english_line_and_the_files_are_as_before():
    assert gbt7714_en(article()) == ""
    assert "titleaddon" not in bibtex(article()) and "TT  -" not in ris(article())


def test_bibtex_and_ris_carry_both_titles():
    _, _, fields = parse_bibtex(bibtex(article(**ENGLISH)))
    assert fields["title"] == "关于推进工会改革向基层延伸的总体思考"
    assert fields["titleaddon"] == "[Overall Thoughts on Extending Trade Union Reform to the Grassroots]"
    lines = ris(article(**ENGLISH)).split("\r\n")
    assert lines[lines.index("TI  - 关于推进工会改革向基层延伸的总体思考") + 1] == \
        "TT  - Overall Thoughts on Extending Trade Union Reform to the Grassroots"
