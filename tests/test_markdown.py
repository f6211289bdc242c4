"""Paragraphs as Markdown (qhgy.importer.markdown): headings by their numbering, bold run-ins kept."""

import re
from collections import Counter

import pytest

from qhgy.importer.markdown import heading_text
from qhgy.textnorm import HAN


def body(item) -> str:
    return "\n\n".join(item.draft.paragraphs)


def test_bold_run_ins_kept(items_by_title):
    text = body(items_by_title["各级工会深入学习贯彻王国生书记要求和省委群团改革工作座谈会精神"])
    assert "。**在做实做强基层工作基础上深入推进。**深入开展" in text


def test_numbered_headings_are_headings_when_short_paragraphs_when_run_in(sample_plan, items_by_title):
    speech = body(items_by_title["在省委群团改革工作座谈会上的发言/李忠"])
    assert "## 一、把握方向目标，推进工会改革任务落实落地" in speech
    plan = body(items_by_title["推进基层工会组织和工会会员实名制管理工作实施方案"])
    assert "### （一）开展工会会员实名制普查" in plan
    assert "\n\n（一）加强组织领导。为积极有效推进" in plan
    for item in sample_plan.items:
        for para in item.draft.paragraphs:
            text = para.lstrip("#* ")
            if re.match(r"^[一二三四五六七八九十]+、", text) and len(text) <= 40 and "。" not in text[:-1]:
                assert para.startswith("## "), para
            if para.startswith("#"):
                assert len(para) < 60, para


def test_headings_lose_the_space_a_line_wrap_left(items_by_title, sample_plan):
    migrant = body(items_by_title["青海省总工会农民工入会服务工作规划（2017—2020年）"])
    assert "## 青海省总工会农民工入会服务工作规划（2017—2020年）" in migrant
    plan = body(items_by_title["推进基层工会组织和工会会员实名制管理工作实施方案"])
    assert "## 推进基层工会组织和工会会员实名制管理工作实施方案" in plan
    assert sample_plan.counts["space left by a line wrap removed from a heading"] == 2
    for item in sample_plan.items:
        for para in item.draft.paragraphs:
            if para.startswith("#"):
                assert not re.search(f"[{HAN}] [{HAN}]", para), para


@pytest.mark.parametrize("heading, title, expected", [
    ("二、推进基层工会组织和工会会员 实名制管理", "", "二、推进基层工会组织和工会会员实名制管理"),
    ("某某县总工会职工 服务中心建设方案（2018—2020年）", "某某县总工会职工服务中心建设方案（2018—2020年）",
     "某某县总工会职工服务中心建设方案（2018—2020年）"),
    ("一、强化领导 把方向", "", "一、强化领导 把方向"),  # parallel phrases: the print's own space
    ("（三）提高政治站位 把准主攻方向", "", "（三）提高政治站位 把准主攻方向"),
    ("Trade Union Work in 2018", "", "Trade Union Work in 2018"),
])
def test_heading_text(heading, title, expected):
    assert heading_text(heading, title, Counter()) == expected
