"""The bundled content is the sample imported by the importer and proofread by hand;
re-importing the sample must not undo the proofreading."""

from qhgy.content import parse_markdown_file
from qhgy.importer.pipeline import import_issue
from qhgy.importer.write import KEPT, UNCHANGED

from conftest import CONTENT, SAMPLE

# The files fixed by hand after import (README, "Proofreading the bundled issue").
HAND_FIXED = {
    "articles/2017/9-10/04.md",  # two headlines of one title: the space between them
    "articles/2017/9-10/36.md",  # columns printed out of order: paragraphs restored; author role
    "articles/2017/9-10/10.md",  # a paragraph split where a column ended after its first line
    "articles/2017/9-10/38.md",  # author role from the author's note; "service" slip → 服务
    "articles/2017/9-10/56.md",  # section of the news item printed outside the 目录
}


def _without_english_titles(content) -> int:
    """Take out the `title_en` lines, the editors' English titles the importer never writes (every
    article has one, so every file would count as edited by hand); how many were taken out."""
    taken = 0
    for path in (content / "articles").rglob("*.md"):
        lines = path.read_text(encoding="utf-8").split("\n")
        kept = [line for line in lines if not line.startswith("title_en:")]
        taken += len(lines) - len(kept)
        path.write_text("\n".join(kept), encoding="utf-8")
    return taken


def test_reimport_keeps_every_hand_fix_and_changes_nothing_else(bundled_copy, monkeypatch):
    monkeypatch.setenv("QHGY_LANG", "zh_CN")  # the bundled import report is in the editors' language
    originals = [p for p in (bundled_copy / "articles").rglob("*.md") if "\nlang: zh-CN\n" in p.read_text(encoding="utf-8")]
    assert _without_english_titles(bundled_copy) == len(originals) > 50  # translations (lang: en) have none
    before = {p: p.read_bytes() for p in bundled_copy.rglob("*") if p.is_file()}
    _, outcomes = import_issue(SAMPLE, bundled_copy)
    status = {o.path: o.status for o in outcomes}
    assert {p for p, s in status.items() if s == KEPT} == HAND_FIXED
    assert all(s in (KEPT, UNCHANGED) for s in status.values()), status
    after = {p: p.read_bytes() for p in bundled_copy.rglob("*") if p.is_file()}
    assert after == before


def test_the_hand_fixes():
    meta, body = parse_markdown_file(CONTENT / "articles/2017/9-10/36.md")
    assert body.index("贯彻落实《新时期产业工人队伍建设改革方案》") < body.index("## 一、")
    assert "劳动生产率水平仅为世界平均水平的40%" in body and "设备先进的要求" in body
    meta, _ = parse_markdown_file(CONTENT / "articles/2017/9-10/04.md")
    assert meta["title"] == "王国生对群团改革提出要求 省委群团改革工作座谈会召开"
