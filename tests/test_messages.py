"""The editors' tools speak Chinese (qhgy.i18n): every message of the code has a translation in the
zh_CN catalog, the import report and the importer's errors read in Chinese by default, and English
is there on request (QHGY_LANG=en, or an English locale)."""

from __future__ import annotations

import ast
import re
import unicodedata

import pytest
from babel.messages.pofile import read_po

from qhgy import i18n
from qhgy.errors import SourceError, TocError

from conftest import ROOT, SAMPLE

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _catalog(locale: str = "zh_CN"):
    with i18n.po_path(locale).open("rb") as fp:
        return read_po(fp, locale=locale)


def _ids(message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, (list, tuple)) else (message.id,)


def _strings(message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, (list, tuple)) else (message.string,)


@pytest.fixture(scope="module")
def template():
    """Every message of qhgy/, plugins/ and tasks.py, extracted as `invoke translations` does."""
    return i18n.extract(ROOT)


def test_every_message_has_a_chinese_translation(template):
    catalog = _catalog()
    missing = []
    for message in template:
        if not message.id:
            continue
        translated = catalog.get(message.id)
        if translated is None or translated.fuzzy or not all(_strings(translated)):
            missing.append(_ids(message)[0])
    assert not missing, ("messages without a Chinese translation — run `invoke translations` and translate them in "
                         f"{i18n.po_path('zh_CN').relative_to(ROOT)}:\n  " + "\n  ".join(missing))


def test_translations_keep_the_placeholders_of_their_messages():
    """A translation that drops or renames a {placeholder} would fail at .format() or lose a value."""
    wrong = []
    for message in _catalog():
        if not message.id:
            continue
        for msgid in _ids(message):
            for string in _strings(message):
                if string and sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(string)):
                    wrong.append(f"{msgid!r} → {string!r}")
    assert not wrong, "\n".join(wrong)


def test_the_catalog_has_one_plural_form():
    catalog = _catalog()
    assert catalog.num_plurals == 1
    assert all(len(_strings(m)) == 1 for m in catalog if m.id and isinstance(m.id, (list, tuple)))


def _message_calls(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            yield node


@pytest.mark.parametrize("path", sorted((ROOT / "qhgy" / "importer").glob("*.py")) + [ROOT / "qhgy" / "errors.py"],
                         ids=lambda p: p.name)
def test_the_importers_messages_are_extractable(path):
    """A message must be a string literal (an f-string or a variable inside _() is not extracted,
    so never translated): the variable parts are named placeholders filled by .format()."""
    for call in _message_calls(path):
        texts = call.args[:2] if call.func.id == "ngettext" else call.args[:1]
        assert all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in texts), \
            f"{path.name}:{call.lineno}: {ast.unparse(call)}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def test_the_import_report_of_the_sample_is_in_chinese(monkeypatch):
    monkeypatch.setenv("QHGY_LANG", "zh_CN")
    from qhgy.importer.pipeline import plan_import

    report = plan_import(SAMPLE).report
    lines = report.splitlines()
    assert lines[0] == "导入报告：《青海工运》2017年第9-10期（2017-10-10 出版）"
    assert lines[1].startswith("来源：qhgy-2017-09-10.txt（txt，")
    assert lines[2].startswith("目录：9 个栏目，53 条；写出 56 篇：")
    assert lines[3].startswith("已删去书眉和页码：")
    assert any(line.startswith("已规范：半角括号改为全角") or "半角括号改为全角" in line for line in lines)
    assert any(re.fullmatch(r"待校对：\d+ 篇（下面标有 ! 的）", line) for line in lines)
    assert "待补正文的草稿：0 篇" in lines
    for english in ("Import report", "Source:", "Page furniture", "Normalised", "To proofread", "Drafts to fill in",
                    "entries in", "pieces written", "order  pages", "section / sub-column", "title — authors",
                    "joined text", "took ", "printed outside", "pieces share", "line(s)", "kept as", "dated "):
        assert english not in report, english
    # every note is a Chinese sentence around what it quotes from the source
    notes = [line for line in lines if line.lstrip().startswith("! ")]
    unquoted = [re.sub(r"“[^”]*”", "", note) for note in notes]
    assert notes and all(HAN.search(text) and not re.search(r"[A-Za-z]{3,}", text) for text in unquoted), unquoted
    # the column header stands over its columns, counting a Chinese character as two columns
    header = next(line for line in lines if line.startswith("序号"))
    first = next(line for line in lines if re.match(r"\s+1\s", line))
    assert header.startswith("序号   页码    栏目 / 子栏目") and header.endswith("标题 — 作者")
    assert _width(header[: header.index("栏目")]) == _width(first[: first.index("省委")]) == 15
    assert _width(header[: header.index("页码")]) == _width(first[: first.index("2 ")])


def test_the_file_outcomes_are_in_chinese(monkeypatch):
    monkeypatch.setenv("QHGY_LANG", "zh_CN")
    from qhgy.importer.report import render_outcomes
    from qhgy.importer.write import KEPT, NEW, STALE, UNCHANGED, Outcome

    text = render_outcomes([Outcome("a.md", NEW), Outcome("b.md", UNCHANGED), Outcome("c.md", UNCHANGED),
                            Outcome("d.md", KEPT), Outcome("e.md", STALE)])
    lines = text.splitlines()
    assert lines[0] == "文件：新建 1 个、未变 2 个、保留 1 个（已手工修改）、不再生成 1 个"
    assert lines[1].startswith("  保留 d.md：上次导入后已手工修改过；") and "--force" in lines[1]
    assert lines[2].startswith("  e.md：以前的导入写过这个文件，这次没有写")


def test_a_missing_source_reads_in_chinese(monkeypatch, tmp_path):
    monkeypatch.setenv("QHGY_LANG", "zh_CN")
    from qhgy.importer.source import read_source

    missing = tmp_path / "qhgy-2017-11.txt"
    with pytest.raises(SourceError) as caught:
        read_source(missing)
    assert str(caught.value) == f"{missing}: 不存在 — 请核对本期文本或 PDF 的路径"


def test_a_toc_error_reads_in_chinese_with_its_line(monkeypatch, tmp_path):
    monkeypatch.setenv("QHGY_LANG", "zh_CN")
    from qhgy.importer.toc import parse_toc

    source = tmp_path / "issue.txt"
    with pytest.raises(TocError) as caught:
        parse_toc(["封面", "目 录 2017年第9-10期", "03 标题 //作者"], source)
    assert str(caught.value) == (f"{source}:2: 目录上没有出版日期，如“（2017年10月10日出版）” — "
                                 "请用 --date YYYY-MM-DD 给出")


def test_english_on_request(monkeypatch, tmp_path):
    monkeypatch.setenv("QHGY_LANG", "en")
    from qhgy.importer.pipeline import plan_import
    from qhgy.importer.source import read_source

    report = plan_import(SAMPLE).report
    assert report.startswith("Import report: 《青海工运》2017年第9-10期 (published 2017-10-10)\n")
    assert "\nPage furniture dropped: " in report and "\nTo proofread: " in report
    assert "\nDrafts to fill in: 0\n" in report and "order  pages   section / sub-column" in report
    with pytest.raises(SourceError) as caught:
        read_source(tmp_path / "none.txt")
    assert str(caught.value).endswith("does not exist — check the path of the issue's text or PDF")


@pytest.mark.parametrize("env, language, message", [
    ({"LANG": "en_US.UTF-8"}, "en", "does not exist"),
    ({"LANG": "C"}, "zh_CN", "不存在"),
    ({"LANG": "C.UTF-8"}, "zh_CN", "不存在"),
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN", "不存在"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en", "does not exist"),
    ({}, "zh_CN", "不存在"),
    ({"QHGY_LANG": "zh_CN", "LANG": "en_US.UTF-8"}, "zh_CN", "不存在"),
], ids=["LANG=en_US", "LANG=C", "LANG=C.UTF-8", "LANG=zh_CN", "LC_ALL=en_GB", "no locale", "QHGY_LANG wins"])
def test_the_language_follows_qhgy_lang_then_the_locale(monkeypatch, env, language, message):
    for name in ("QHGY_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert i18n.language() == language
    assert i18n._("does not exist") == message


def test_update_catalogs_is_stable(tmp_path, monkeypatch):
    """Extraction and update write nothing new when nothing changed: no dates, no source lines."""
    po = i18n.po_path("zh_CN")
    monkeypatch.setattr(i18n, "POT", tmp_path / "qhgy.pot")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    (tmp_path / "zh_CN" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "zh_CN" / "LC_MESSAGES" / "qhgy.po").write_bytes(po.read_bytes())
    i18n.update_catalogs()
    first = (tmp_path / "qhgy.pot").read_bytes(), (tmp_path / "zh_CN" / "LC_MESSAGES" / "qhgy.po").read_bytes()
    i18n.update_catalogs()
    second = (tmp_path / "qhgy.pot").read_bytes(), (tmp_path / "zh_CN" / "LC_MESSAGES" / "qhgy.po").read_bytes()
    assert first == second
    assert b"#: " not in first[0] and b"POT-Creation-Date" not in first[0]
    assert (tmp_path / "zh_CN" / "LC_MESSAGES" / "qhgy.po").read_bytes() == po.read_bytes()  # the catalog is current


def test_the_command_lines_help_and_errors_read_in_chinese(monkeypatch, capsys):
    """argparse's own words (usage, headings, -h, its errors) go through the tools' catalog too."""
    import pytest

    from qhgy.cli import main

    monkeypatch.setenv("QHGY_LANG", "zh_CN")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：qhgy") and "选项" in out and "显示这段帮助并退出" in out
    assert "show this help" not in out and "positional arguments" not in out
    with pytest.raises(SystemExit):
        main(["build", "--bogus"])
    assert "错误：不认识的参数：--bogus" in capsys.readouterr().err


def test_the_editors_tasks_describe_themselves_in_chinese():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "QHGY_LANG": "zh_CN"}
    invoke = [sys.executable, "-m", "invoke"]
    listing = subprocess.run([*invoke, "--list"], cwd=root, env=env, capture_output=True, text=True).stdout
    assert "检查所有内容文件" in listing and "把一期刊物导入为 Markdown 文章和期信息文件" in listing
    help_text = subprocess.run([*invoke, "--help", "serve"], cwd=root, env=env, capture_output=True, text=True).stdout
    assert "构建网站，然后在 http://127.0.0.1:8000/ 预览" in help_text and "预览服务的端口" in help_text
