"""The marks the law asks for (setting LEGAL, qhgy.legal): each mode renders its marks in every
page's footer and on the about page, in both languages, with the 备案 numbers linked to the
official lookups; a wrong setting stops the build, named; in 内部资料 mode `check` warns about
words an internal publication may not use about itself."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from site_helpers import build_site, soup

from qhgy.check import check_content
from qhgy.legal import INTERNAL_MARK, LegalMarks, issn_check_digit, problems

INTERNAL = {"mode": "internal", "permit": "青内资准字（2017）第001号", "compiler": "青海省总工会",
            "audience": "全省各级工会组织", "printer": "青海雪域印刷有限公司", "icp": "青ICP备17000123号-1",
            "police": "青公网安备63010202000123号"}
PERIODICAL = {"mode": "periodical", "cn": "CN 63-1001/D", "issn": "ISSN 0317-8471", "icp": "青ICP备17000123号-1"}


def settings_file(tmp_path, legal) -> str:
    path = tmp_path / "settings.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                    f"LEGAL = {legal!r}\n", encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module", params=["internal", "periodical"])
def legal_site(request, tmp_path_factory):
    legal = INTERNAL if request.param == "internal" else PERIODICAL
    work = tmp_path_factory.mktemp(request.param)
    result = build_site(work / "output", settings=settings_file(work, legal))
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "output", legal


PAGES = ("index.html", "2017/9-10/index.html", "2017/9-10/07/index.html", "authors/li-zhong/index.html",
         "search/index.html", "submit/index.html", "404.html", "en/index.html", "en/2017/9-10/07/index.html")


def test_every_page_carries_the_marks_and_the_filing_numbers_linked_to_the_lookups(legal_site):
    site, legal = legal_site
    for path in PAGES:
        footer = soup(site, path).select_one(".site-footer")
        marks = footer.select_one(".legal-marks").get_text()
        if legal["mode"] == "internal":
            assert INTERNAL_MARK in marks and legal["permit"] in marks, path
        else:
            assert marks == f"{legal['issn']} · {legal['cn']}", path
        links = {a.get_text(): a["href"] for a in footer.select(".beian a")}
        assert links[legal["icp"]] == "https://beian.miit.gov.cn/", path
        if "police" in legal:
            assert links[legal["police"]] == "https://beian.mps.gov.cn/#/query/webSearch?code=63010202000123"
        else:
            assert len(links) == 1
    # on the English site the Chinese marks are marked as Chinese
    english = soup(site, "en/index.html").select_one(".beian a span")
    assert english["lang"] == "zh-CN" and english.get_text() == legal["icp"]


def test_the_about_page_lists_the_publications_marks(legal_site):
    site, legal = legal_site
    rows = {div.dt.get_text(): div.dd.get_text()
            for div in soup(site, "about/index.html").select("#publication ~ dl > div")}
    if legal["mode"] == "internal":
        assert rows["准印证号"] == legal["permit"] and rows["编印单位"] == legal["compiler"]
        assert rows["发送对象"] == legal["audience"] and rows["印刷单位"] == legal["printer"]
        assert rows["性质"] == INTERNAL_MARK and rows["公安备案号"] == legal["police"]
    else:
        assert rows["国际标准连续出版物号"] == legal["issn"] and rows["国内统一连续出版物号"] == legal["cn"]
        assert "准印证号" not in rows
    english = {div.dt.get_text(): div.dd.get_text()
               for div in soup(site, "en/about/index.html").select("#publication ~ dl > div")}
    assert english["ICP filing"] == legal["icp"]


def test_without_the_setting_no_marks_are_shown(site):
    assert soup(site, "index.html").select_one(".legal-marks") is None
    assert soup(site, "about/index.html").select_one("#publication") is None


def test_an_issue_adds_its_printing_date_and_run():
    import datetime as dt
    from types import SimpleNamespace

    marks = LegalMarks(**INTERNAL)
    issue = SimpleNamespace(printed=dt.date(2017, 10, 8), print_run=3000)
    assert marks.publication_lines(issue)[-2:] == [("printed", "2017-10-08"), ("print_run", "3000")]


@pytest.mark.parametrize("legal, wrong", [
    ({**PERIODICAL, "issn": "ISSN 0317-8472"}, "check digit"),
    ({**PERIODICAL, "cn": "63-1001/D"}, "'cn'"),
    ({**INTERNAL, "printer": ""}, "printer"),
    ({**INTERNAL, "cn": "CN 63-1001/D"}, "not cn"),
    ({**INTERNAL, "icp": "ICP 17000123"}, "'icp'"),
    ({"mode": "public"}, "mode"),
])
def test_a_wrong_setting_is_named(legal, wrong):
    assert wrong in problems(legal)


def test_a_wrong_setting_stops_the_build_with_its_name(tmp_path):
    result = build_site(tmp_path / "output", settings=settings_file(tmp_path, {**PERIODICAL, "issn": "ISSN 1234-5678"}))
    assert result.returncode == 1 and "LEGAL" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "output" / "index.html").exists()


def test_issn_check_digits():
    assert issn_check_digit("0317847") == "1" and issn_check_digit("2434561") == "X"
    assert problems(PERIODICAL) is None and problems(INTERNAL) is None


def test_in_internal_mode_check_warns_about_words_an_internal_publication_may_not_use(bundled_copy, tmp_path):
    call = bundled_copy / "pages" / "calls" / "2017-9-10.md"
    lines = call.read_text(encoding="utf-8").splitlines()
    lines.append("本刊刊号及定价以当期为准。")
    call.write_text("\n".join(lines) + "\n", encoding="utf-8")
    article = bundled_copy / "articles" / "2017" / "9-10" / "56.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n某杂志社记者到场采访。\n", encoding="utf-8")
    checked = check_content(bundled_copy, legal=LegalMarks(**INTERNAL))
    found = [(w.path.name, w.line, w.problem) for w in checked.warnings]
    assert [(name, line) for name, line, _ in found] == [("2017-9-10.md", len(lines))] * 2
    assert "刊号" in found[0][2] and "定价" in found[1][2]  # the article's news of another 杂志社 is its own affair
    assert check_content(bundled_copy, legal=LegalMarks(**PERIODICAL)).warnings == []
    # and the command says so, from the settings it is given, without failing
    result = subprocess.run([sys.executable, "-m", "qhgy", "check", "--content-dir", str(bundled_copy),
                             "--settings", settings_file(tmp_path, INTERNAL)],
                            capture_output=True, text=True, cwd=ROOT, env={"QHGY_LANG": "zh_CN", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert f"2017-9-10.md:{len(lines)}:" in result.stderr and "内部资料不得" in result.stderr


def test_the_issue_pdfs_copyright_block_prints_the_marks(legal_site):
    site, legal = legal_site
    pdf = site / "2017/9-10/qhgy-2017-9-10.pdf"
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "4", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    if legal["mode"] == "internal":
        for line in (INTERNAL_MARK, f"准印证号：{legal['permit']}", f"编印单位：{legal['compiler']}",
                     f"发送对象：{legal['audience']}", f"印刷单位：{legal['printer']}"):
            assert line in text, line
    else:
        assert legal["issn"] in text and legal["cn"] in text and "准印证号" not in text
