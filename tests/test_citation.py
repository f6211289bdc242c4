"""Citation formats of an article (qhgy.citation): the GB/T 7714 lines in the 2025 and 2015 editions,
checked against the standards' own journal-article examples; BibTeX, RIS and EndNote (.enw), read back
by real parsers (bibtexparser, rispy) or, for .enw, which has none in Python, by a strict reader."""

from __future__ import annotations

import dataclasses
import datetime
import re

import bibtexparser
import pytest
import rispy

from qhgy.citation import (DEFAULT_EDITION, DOWNLOADS, EDITIONS, CitationData, CitationError, bibtex, endnote,
                           gbt7714, gbt7714_en, reference_lines, ris)

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


# --- GB/T 7714: the article's own lines, both editions ---

def test_the_default_edition_is_2025_and_2015_is_offered_too():
    assert DEFAULT_EDITION == "2025" and EDITIONS == ("2025", "2015")
    assert gbt7714(article()) == gbt7714(article(), "2025") != gbt7714(article(), "2015")


def test_gbt7714_one_author_in_each_edition():
    # 9-10 is a combined issue (合期): both editions write it 9/10
    assert gbt7714(article(), "2025") == "李忠. 关于推进工会改革向基层延伸的总体思考[J]. 青海工运，2017（9/10）：37-39."
    assert gbt7714(article(), "2015") == "李忠. 关于推进工会改革向基层延伸的总体思考[J]. 青海工运, 2017(9/10): 37-39."


@pytest.mark.parametrize("edition", EDITIONS)
def test_gbt7714_without_author_starts_with_title(edition):
    assert gbt7714(article(authors=[]), edition).startswith("关于推进工会改革向基层延伸的总体思考[J]. 青海工运")


def test_gbt7714_single_page_and_plain_issue_number():
    data = article(number="3", first_page=21, last_page=21)
    assert gbt7714(data, "2015") == "李忠. 关于推进工会改革向基层延伸的总体思考[J]. 青海工运, 2017(3): 21."
    assert gbt7714(data, "2025") == "李忠. 关于推进工会改革向基层延伸的总体思考[J]. 青海工运，2017（3）：21."


@pytest.mark.parametrize("edition", EDITIONS)
def test_gbt7714_three_authors_all_listed(edition):
    cited = gbt7714(article(authors=["张三", "李四", "王五"]), edition)
    assert re.match(r"张三[,，] ?李四[,，] ?王五\. 关于", cited)
    assert "等" not in cited


def test_gbt7714_more_than_three_authors_end_with_deng():
    data = article(authors=["张三", "李四", "王五", "赵六"])
    assert gbt7714(data, "2015") == "张三, 李四, 王五, 等. 关于推进工会改革向基层延伸的总体思考[J]. 青海工运, 2017(9/10): 37-39."
    assert gbt7714(data, "2025") == "张三，李四，王五，等. 关于推进工会改革向基层延伸的总体思考[J]. 青海工运，2017（9/10）：37-39."


def test_gbt7714_2015_uses_ascii_punctuation_only():
    cited = gbt7714(article(authors=["张三", "李四", "王五", "赵六"]), "2015")
    assert not set(cited) & set("，。：（）［］、")


def test_gbt7714_2025_sets_full_stops_and_brackets_half_width_and_the_other_marks_full_width():
    cited = gbt7714(article(authors=["张三", "李四", "王五", "赵六"]), "2025")
    assert set(re.sub(r"[\w/-]", "", cited)) == set("，（）：. []")  # the marks, without words and numbers
    assert set(re.sub(r"[\w/-]", "", gbt7714(article(), "2015"))) == set(",(): .[]")


@pytest.mark.parametrize("edition, expected", [("2015", ". 工人日报, 2017(9/10)"), ("2025", ". 工人日报，2017（9/10）")])
def test_gbt7714_other_journal_title(edition, expected):
    assert expected in gbt7714(article(journal="工人日报"), edition)


@pytest.mark.parametrize("number, cited", [("9-10", "9/10"), ("8-9-10", "8/9/10"), ("3", "3"), ("增刊1", "增刊1"),
                                           ("S-1", "S-1")])
def test_only_a_combined_issue_has_its_numbers_joined_by_a_slash(number, cited):
    assert gbt7714(article(number=number), "2015").endswith(f", 2017({cited}): 37-39.")


def test_a_doi_makes_the_line_an_online_one_and_ends_it():
    data = article(doi="10.3969/j.issn.1000-0000.2017.09.034")
    assert gbt7714(data, "2025") == ("李忠. 关于推进工会改革向基层延伸的总体思考[J/OL]. 青海工运，2017（9/10）：37-39. "
                                     "DOI:10.3969/j.issn.1000-0000.2017.09.034.")
    assert gbt7714(data, "2015").endswith("[J/OL]. 青海工运, 2017(9/10): 37-39. DOI:10.3969/j.issn.1000-0000.2017.09.034.")


def test_a_url_that_holds_the_doi_is_not_followed_by_it_again():
    data = article(doi="10.1093/gigascience/giad067")
    cited = gbt7714(data, "2025", url="https://doi.org/10.1093/gigascience/giad067")
    assert cited.endswith("：37-39. https://doi.org/10.1093/gigascience/giad067.")


def test_the_access_date_is_printed_by_2015_only_and_only_for_a_line_read_online():
    read = datetime.date(2026, 7, 2)
    assert gbt7714(article(), "2015", url=URL, accessed=read).endswith(f"2017(9/10): 37-39[2026-07-02]. {URL}.")
    assert gbt7714(article(), "2025", url=URL, accessed=read).endswith(f"2017（9/10）：37-39. {URL}.")
    assert "[2026" not in gbt7714(article(), "2015", accessed=read)


def test_an_unknown_edition_is_an_error():
    with pytest.raises(CitationError, match="2005"):
        gbt7714(article(), "2005")


def test_reference_lines_give_each_edition_the_default_first():
    lines = reference_lines(article(**ENGLISH))
    assert [r.edition for r in lines] == list(EDITIONS)
    assert [r.line for r in lines] == [gbt7714(article(), e) for e in EDITIONS]
    assert [r.line_en for r in lines] == [gbt7714_en(article(**ENGLISH), e) for e in EDITIONS]
    assert [r.line_en for r in reference_lines(article())] == ["", ""]


# --- GB/T 7714: the standards' own journal-article examples, from the same data ---
#
# The examples as the standards print them, quoted by the two implementations that test against them:
# GB/T 7714-2025 by zotero-chinese/styles (src/GB-T-7714—2025（顺序编码，双语）/index.md, "GB/T 7714—2025
# 示例文献", citeproc-js output) and by zepinglee/gbt7714-bibtex-style (tests/testfiles/2025-numeric.tlg);
# GB/T 7714-2015 by zepinglee/gbt7714-bibtex-style (tests/testfiles/2015-numeric.tlg, from
# tests/support/gbt7714-2015-examples.bib). Each case names the standard's clause and example number.
# Only examples both 2025 sources print alike are used (they differ on punctuation inside titles).

def example(**values) -> CitationData:
    """The data of a standard's example; what it does not cite gets a neutral value."""
    values.setdefault("authors", [])
    values.setdefault("number", "")
    first, _, last = values.pop("pages").partition("-")
    return CitationData(id="example", first_page=int(first), last_page=int(last or first),
                        date=datetime.date(int(values["year"]), 1, 1), **values)


EXAMPLES_2025 = [
    ("§7.1.3 ex. 1: no author", dict(title="人物龙凤帛画", journal="中国书法", year="2023", number="3", pages="5"),
     "人物龙凤帛画[J]. 中国书法，2023（3）：5."),
    ("§7.1.3 ex. 2: no author, English", dict(title="Coffee drinking and cancer of the pancreas", journal="Br Med J",
                                              year="1981", volume="283", number="6292", pages="628", lang="en"),
     "Coffee drinking and cancer of the pancreas[J]. Br Med J，1981，283（6292）：628."),
    ("§5.1 ex. 4: Russian", dict(title="Молибден-медно-золото-порфировое месторождение Рябиновое",
                                 authors=["Кочетков А Я"], journal="Отечественная геология", year="1993", number="7",
                                 pages="50-58", lang="ru"),
     "Кочетков А Я. Молибден-медно-золото-порфировое месторождение Рябиновое[J]. Отечественная геология，1993（7）：50-58."),
    ("§8.1 ex. 3", dict(title="四库馆私家抄校书考略", authors=["杨洪升"], journal="文献", year="2013", number="1",
                        pages="56-75"),
     "杨洪升. 四库馆私家抄校书考略[J]. 文献，2013（1）：56-75."),
    ("§8.1 ex. 4: English", dict(title="Cataloging internet resources", authors=["Caplan P"],
                                 journal="The Public-Access Computer Systems Review", year="1993", volume="4",
                                 number="2", pages="61-66", lang="en"),
     "Caplan P. Cataloging internet resources[J]. The Public-Access Computer Systems Review，1993，4（2）：61-66."),
    ("§8.5.3 ex. 3: four authors", dict(title="互联网药品可信交易环境中主体资质审核备案模式",
                                        authors=["于潇", "刘义", "柴跃廷", "孙宏波"], journal="清华大学学报（自然科学版）",
                                        year="2012", volume="52", number="11", pages="1518-1523"),
     "于潇，刘义，柴跃廷，等. 互联网药品可信交易环境中主体资质审核备案模式[J]. 清华大学学报（自然科学版），2012，52（11）：1518-1523."),
    ("§8.5.3 ex. 5", dict(title="惯性增强动力吸振器-浮置板轨道低频减振性能研究", authors=["张群", "程志宝", "石志飞"],
                          journal="铁道学报", year="2024", volume="46", number="8", pages="102-111"),
     "张群，程志宝，石志飞. 惯性增强动力吸振器-浮置板轨道低频减振性能研究[J]. 铁道学报，2024，46（8）：102-111."),
    ("§8.5.3 ex. 7: article number as the page", dict(title="过冷大水滴环境粒径分布模拟方法研究进展",
                                                      authors=["王利平", "王福新", "刘洪"], journal="航空学报",
                                                      year="2024", volume="45", number="增刊1", pages="730570"),
     "王利平，王福新，刘洪. 过冷大水滴环境粒径分布模拟方法研究进展[J]. 航空学报，2024，45（增刊1）：730570."),
]

# Read online: the URL (and DOI), no access date in 2025.
EXAMPLES_2025_ONLINE = [
    ("§7.8 ex. 1: URL and DOI", dict(title="恶性肿瘤个体化治疗靶向药物的临床表现", authors=["储大同"], journal="中华肿瘤杂志",
                                     year="2010", volume="32", number="10", pages="721-724",
                                     doi="10.3760/cma.j.issn.0253-3766.2010.10.001"),
     "https://rs.yiigle.com/cmaid/37528",
     "储大同. 恶性肿瘤个体化治疗靶向药物的临床表现[J/OL]. 中华肿瘤杂志，2010，32（10）：721-724. "
     "https://rs.yiigle.com/cmaid/37528. DOI:10.3760/cma.j.issn.0253-3766.2010.10.001."),
    ("§7.7 ex. 6: a DOI the URL holds", dict(title="ARA: a flexible pipeline for automated exploration of NCBI SRA datasets",
                                             authors=["Maurya A", "Szymanski M", "Karlowski W M"], journal="GigaScience",
                                             year="2023", volume="12", pages="1", lang="en",
                                             doi="10.1093/gigascience/giad067"),
     "https://doi.org/10.1093/gigascience/giad067",
     None),  # the article number giad067 is no page number: checked below by its end only
]

EXAMPLES_2015 = [
    ("§4.4.2 ex. 6: English", dict(title="Shaking without quaking", authors=["Kanamori H"], journal="Science",
                                   year="1998", volume="279", number="5359", pages="2063", lang="en"),
     "KANAMORI H. Shaking without quaking[J]. Science, 1998, 279(5359): 2063."),
    ("§4.4.2 ex. 7: English", dict(title="Cataloging internet resources", authors=["Caplan P"],
                                   journal="The Public-Access Computer Systems Review", year="1993", volume="4",
                                   number="2", pages="61-66", lang="en"),
     "CAPLAN P. Cataloging internet resources[J]. The Public-Access Computer Systems Review, 1993, 4(2): 61-66."),
    ("§6.1.2 ex. 2b: no author", dict(title="图书馆信息政策委员会成立仪式与图书馆信息政策规划团", journal="图书馆文化",
                                      year="2007", volume="48", number="7", pages="11-12"),
     "图书馆信息政策委员会成立仪式与图书馆信息政策规划团[J]. 图书馆文化, 2007, 48(7): 11-12."),
    ("§6.1.3 ex. 1a: a journal without volumes", dict(title="从交易费用的角度谈如何构建药品流通的良性机制",
                                                      authors=["熊平", "吴颉"], journal="中国物价", year="2005",
                                                      number="8", pages="42-45"),
     "熊平, 吴颉. 从交易费用的角度谈如何构建药品流通的良性机制[J]. 中国物价, 2005(8): 42-45."),
    ("§8.8.1 ex. 2: three authors", dict(title="科技期刊编辑审读中要注重比较思维的科学运用",
                                         authors=["关立哲", "韩纪富", "张晨延"], journal="编辑学报", year="2014",
                                         volume="26", number="2", pages="144-146"),
     "关立哲, 韩纪富, 张晨延. 科技期刊编辑审读中要注重比较思维的科学运用[J]. 编辑学报, 2014, 26(2): 144-146."),
]

# Read online: the access date after the pages, then the URL and the DOI.
EXAMPLES_2015_ONLINE = [
    ("§4.4.2 ex. 3: URL", dict(title="韩国图书馆法", authors=["李炳穆"], journal="图书情报工作", year="2008",
                               volume="52", number="6", pages="6-21"),
     "http://www.docin.com/p-400265742.html", datetime.date(2013, 10, 25),
     "李炳穆. 韩国图书馆法[J/OL]. 图书情报工作, 2008, 52(6): 6-21[2013-10-25]. http://www.docin.com/p-400265742.html."),
    ("§4.4.2 ex. 5: four authors, URL and DOI", dict(title="“北斗一号”监控管理网设计与实现",
                                                     authors=["武丽丽", "华一新", "张亚军", "刘英敏"], journal="测绘科学",
                                                     year="2008", volume="33", number="5", pages="8-9",
                                                     doi="10.3771/j.issn.1009-2307.2008.05.002"),
     "http://vip.calis.edu.cn/CSTJ/Sear.dll?OPAC_CreateDetail", datetime.date(2009, 10, 25),
     "武丽丽, 华一新, 张亚军, 等. “北斗一号”监控管理网设计与实现[J/OL]. 测绘科学, 2008, 33(5): 8-9[2009-10-25]. "
     "http://vip.calis.edu.cn/CSTJ/Sear.dll?OPAC_CreateDetail. DOI:10.3771/j.issn.1009-2307.2008.05.002."),
    ("§4.4.2 ex. 8: English, three authors, URL and DOI",
     dict(title="Next-generation sequencing: from understanding biology to personalized medicine",
          authors=["Frese K S", "Katus H A", "Meder B"], journal="Biology", year="2013", volume="2", number="1",
          pages="378-398", lang="en", doi="10.3390/biology2010378"),
     "http://www.mdpi.com/2079-7737/2/1/378", datetime.date(2013, 3, 19),
     "FRESE K S, KATUS H A, MEDER B. Next-generation sequencing: from understanding biology to personalized "
     "medicine[J/OL]. Biology, 2013, 2(1): 378-398[2013-03-19]. http://www.mdpi.com/2079-7737/2/1/378. "
     "DOI:10.3390/biology2010378."),
]


@pytest.mark.parametrize("clause, values, expected", EXAMPLES_2025, ids=[e[0] for e in EXAMPLES_2025])
def test_the_2025_editions_examples(clause, values, expected):
    assert gbt7714(example(**values), "2025") == expected


@pytest.mark.parametrize("clause, values, url, expected", EXAMPLES_2025_ONLINE[:1], ids=[EXAMPLES_2025_ONLINE[0][0]])
def test_the_2025_editions_examples_read_online(clause, values, url, expected):
    # the example's access date (2014-06-25) is left out by 2025
    assert gbt7714(example(**values), "2025", url=url, accessed=datetime.date(2014, 6, 25)) == expected


def test_the_2025_edition_leaves_out_a_doi_its_url_holds():
    _, values, url, _ = EXAMPLES_2025_ONLINE[1]
    # §7.7 ex. 6: "Maurya A，Szymanski M，Karlowski W M. ARA：… datasets[J/OL]. GigaScience，2023，12：giad067.
    # https://doi.org/10.1093/gigascience/giad067." (no DOI: after the URL)
    cited = gbt7714(example(**values), "2025", url=url)
    assert cited.startswith("Maurya A，Szymanski M，Karlowski W M. ARA")
    assert cited.endswith("[J/OL]. GigaScience，2023，12：1. https://doi.org/10.1093/gigascience/giad067.")


@pytest.mark.parametrize("clause, values, expected", EXAMPLES_2015, ids=[e[0] for e in EXAMPLES_2015])
def test_the_2015_editions_examples(clause, values, expected):
    assert gbt7714(example(**values), "2015") == expected


@pytest.mark.parametrize("clause, values, url, accessed, expected", EXAMPLES_2015_ONLINE,
                         ids=[e[0] for e in EXAMPLES_2015_ONLINE])
def test_the_2015_editions_examples_read_online(clause, values, url, accessed, expected):
    assert gbt7714(example(**values), "2015", url=url, accessed=accessed) == expected


def test_a_combined_issue_as_both_editions_print_it():
    # 2015 §8.8.3: "2001(9/10): 36-39."; 2025 §8.5.1.2: "2001（8/9/10）：36-39." (the issue's part of a line)
    assert gbt7714(example(title="T", journal="J", year="2001", number="9-10", pages="36-39"), "2015").endswith(
        ". J, 2001(9/10): 36-39.")
    assert gbt7714(example(title="T", journal="J", year="2001", number="8-9-10", pages="36-39"), "2025").endswith(
        ". J，2001（8/9/10）：36-39.")


def test_the_english_line_of_a_bilingual_pair_as_2015_prints_it():
    # 2015 §6.1.3 ex. 1b, the English of ex. 1a: given names may be initials in 2015
    data = example(title="从交易费用的角度谈如何构建药品流通的良性机制", authors=["熊平", "吴颉"], journal="中国物价",
                   year="2005", number="8", pages="42-45", authors_en=["Xiong P", "Wu X"], journal_en="China Price",
                   title_en="Discussion on how to construct benign medicine circulation mechanism from transaction "
                            "cost perspective")
    assert gbt7714_en(data, "2015") == ("XIONG P, WU X. Discussion on how to construct benign medicine circulation "
                                        "mechanism from transaction cost perspective[J]. China Price, 2005(8): 42-45.")


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


def test_the_english_line_names_the_family_first_the_journal_in_pinyin_and_sets_each_editions_marks():
    # 2015 writes the family name in capitals; 2025 no longer does, nor shortens a pinyin given name
    # (2025 §7.1.1 ex. 10 "Li Jiangning", in gbt7714-bibtex-style's tests/testfiles/option-check-pinyin.tlg),
    # and sets its full-width marks in English lines too (§8.1 ex. 4, above)
    title = "Overall Thoughts on Extending Trade Union Reform to the Grassroots"
    assert gbt7714_en(article(**ENGLISH), "2015") == f"LI Zhong. {title}[J]. Qinghai Gongyun, 2017(9/10): 37-39."
    assert gbt7714_en(article(**ENGLISH), "2025") == f"Li Zhong. {title}[J]. Qinghai Gongyun，2017（9/10）：37-39."
    assert gbt7714_en(article(**ENGLISH)) == gbt7714_en(article(**ENGLISH), "2025")


def test_the_english_line_ends_four_authors_with_et_al_where_the_chinese_says_deng():
    data = article(authors=["张三", "李四", "王五", "赵六"], title_en="A Title",
                   authors_en=["Zhang San", "Li Si", "Wang Wu", "Zhao Liu"])
    assert gbt7714(data, "2015").startswith("张三, 李四, 王五, 等. ")
    assert gbt7714_en(data, "2015").startswith("ZHANG San, LI Si, WANG Wu, et al. A Title[J]. ")
    assert gbt7714(data, "2025").startswith("张三，李四，王五，等. ")
    assert gbt7714_en(data, "2025").startswith("Zhang San，Li Si，Wang Wu，et al. A Title[J]. ")


def test_an_article_in_english_ends_its_own_line_with_et_al():
    data = article(lang="en", title="A Title", authors=["Zhang San", "Li Si", "Wang Wu", "Zhao Liu"])
    assert gbt7714(data, "2025").startswith("Zhang San，Li Si，Wang Wu，et al. A Title[J]. ")


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


# ---------------------------------------------------------------- the downloads, read back

FULL = dict(ENGLISH, authors=["李忠", "王霞"], volume="3", doi="10.3969/j.issn.1000-0000.2017.09.034",
            abstract="工会改革\n向基层延伸。", keywords=["工会改革", "基层"], keywords_en=["trade union reform"],
            abstract_en="An abstract.", clc="D412.6", fund="青海省社科基金（17001）")
ENW_TAG = re.compile(r"%[0-9A-Z@!&()+^><\[~?#$*] \S.*")


def read_enw(text: str) -> list[tuple[str, str]]:
    """(tag, value) of each line of one EndNote tagged record, strictly: '%0 Journal Article' first,
    then one '%<tag> <value>' line per field, LF-ended, no blank or continuation line."""
    assert text.endswith("\n") and "\r" not in text
    lines = text[:-1].split("\n")
    assert lines[0] == "%0 Journal Article"
    assert all(ENW_TAG.fullmatch(line) for line in lines), [line for line in lines if not ENW_TAG.fullmatch(line)]
    return [(line[1], line[3:]) for line in lines]


def test_the_downloads_are_ris_bibtex_and_endnote():
    assert list(DOWNLOADS) == [".ris", ".bib", ".enw"]
    assert [render(article()) for render in DOWNLOADS.values()] == [ris(article()), bibtex(article()), endnote(article())]


def test_endnote_exact_text():
    assert endnote(article(authors=["李忠", "王芳"], **{k: v for k, v in ENGLISH.items() if k != "authors_en"})) == (
        "%0 Journal Article\n"
        "%A 李忠\n"
        "%A 王芳\n"
        "%T 关于推进工会改革向基层延伸的总体思考\n"
        "%Q Overall Thoughts on Extending Trade Union Reform to the Grassroots\n"
        "%J 青海工运\n"
        "%D 2017\n"
        "%8 2017-10-25\n"
        "%N 9-10\n"
        "%P 37-39\n"
        "%G zh-CN\n"
        f"%U {URL}\n"
        "%F qhgy-2017-9-10-07\n"
    )


def test_endnote_of_every_optional_field_reads_back_strictly():
    fields = read_enw(endnote(article(**FULL)))
    assert [value for tag, value in fields if tag == "A"] == ["李忠", "王霞"]
    assert [value for tag, value in fields if tag == "K"] == ["工会改革", "基层", "trade union reform"]
    single = {tag: value for tag, value in fields if tag not in "AK"}
    assert single == {"0": "Journal Article", "T": "关于推进工会改革向基层延伸的总体思考",
                      "Q": ENGLISH["title_en"], "J": "青海工运", "D": "2017", "8": "2017-10-25", "V": "3", "N": "9-10",
                      "P": "37-39", "G": "zh-CN", "R": FULL["doi"], "X": "工会改革 向基层延伸。", "L": "D412.6",
                      "U": URL, "F": "qhgy-2017-9-10-07"}


def test_endnote_of_a_one_page_article_without_author_or_url():
    fields = dict(read_enw(endnote(article(authors=[], url="", first_page=21, last_page=21))))
    assert fields["P"] == "21" and "A" not in fields and "U" not in fields


def test_endnote_keeps_a_value_on_its_line():
    fields = read_enw(endnote(article(title="两行\n题名", authors=["张三\n李四"])))
    assert ("T", "两行 题名") in fields and ("A", "张三 李四") in fields


def test_ris_reads_back_with_rispy():
    [record] = rispy.loads(ris(article(**FULL)))
    assert record == {
        "type_of_reference": "JOUR", "authors": ["李忠", "王霞"], "title": "关于推进工会改革向基层延伸的总体思考",
        "translated_title": ENGLISH["title_en"], "secondary_title": "青海工运", "year": "2017", "date": "2017/10/25",
        "volume": "3", "number": "9-10", "start_page": "37", "end_page": "39", "language": "zh-CN",
        "doi": FULL["doi"], "abstract": "工会改革 向基层延伸。", "call_number": "D412.6", "urls": [URL],
        "file_attachments1": PDF, "keywords": ["工会改革", "基层", "trade union reform"], "id": "qhgy-2017-9-10-07"}


def test_ris_without_optional_fields_reads_back_with_rispy():
    [record] = rispy.loads(ris(article(authors=[], url="", pdf_url="", first_page=21, last_page=21)))
    assert record["start_page"] == "21" and not {"authors", "urls", "end_page", "doi", "keywords"} & set(record)


def parsed_bibtex(text: str) -> bibtexparser.model.Entry:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks and len(library.entries) == 1 and len(library.blocks) == 1
    return library.entries[0]


def test_bibtex_reads_back_with_bibtexparser():
    entry = parsed_bibtex(bibtex(article(**FULL)))
    assert (entry.entry_type, entry.key) == ("article", "qhgy-2017-9-10-07")
    assert entry.fields_dict.keys() == {"title", "titleaddon", "author", "journal", "year", "volume", "number", "pages",
                                        "language", "url", "doi", "abstract", "keywords"}
    assert {name: entry[name] for name in ("author", "volume", "doi", "abstract", "keywords")} == {
        "author": "李忠 and 王霞", "volume": "3", "doi": FULL["doi"], "abstract": "工会改革 向基层延伸。",
        "keywords": "工会改革, 基层, trade union reform"}


def test_bibtex_with_special_characters_reads_back_balanced():
    entry = parsed_bibtex(bibtex(article(title="左括号 { 独自出现 & 100%", abstract="a } b", keywords=["x_y"])))
    assert entry["title"] == r"左括号 \textbraceleft{} 独自出现 \& 100\%"
    assert entry["abstract"] == r"a \textbraceright{} b" and entry["keywords"] == r"x\_y"


def test_the_fund_and_the_english_abstract_have_no_field_in_any_download():
    data = article(**FULL)
    for render in DOWNLOADS.values():
        text = render(data)
        assert "社科基金" not in text and "An abstract." not in text


@pytest.mark.parametrize("field", ["keywords", "keywords_en", "authors_en"])
def test_citation_data_rejects_a_bare_string_of_keywords_or_names(field):
    with pytest.raises(CitationError, match="a string, not a list"):
        article(**{field: "工会"})
