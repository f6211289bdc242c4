"""Shapes of the lines the importer recognises: attributions, bylines, dates, headings."""

from __future__ import annotations

import datetime as dt
import re

from qhgy.journal import CREDIT_ROLES
from qhgy.textnorm import HAN, match_key

CREDITS = re.compile(r"^[（(]\s*((?:{roles})\s*[:：].*?)\s*[)）]$".format(roles="|".join(CREDIT_ROLES)))
AUTHOR_NOTE = re.compile(
    rf"^[（(]\s*作者\s*(?:(?:系|为)|(?:名片|简介|单位)\s*[:：]|(?P<name>[{HAN}]{{2,4}})\s*[:：，,])\s*(?P<note>.*?)\s*[)）]$")
REPRINT = re.compile(r"^(?:摘自|选自|转自|摘编自|转载自|来源\s*[:：])\s*(\S.*?)$")
SOURCE_UNIT = re.compile(r"^[（(]\s*([^()（）。，,：:；;！？!?]{2,30}?)\s*[)）]$")
TRAILING_SOURCE_UNIT = re.compile(r"^(?P<body>.*[。！？!?”])\s*[（(]\s*(?P<unit>[^()（）。，,：:；;！？!?]{2,30}?)\s*[)）]$")
DATE_LINE = re.compile(r"^[（(]\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[)）]$")
STANDALONE_DATE = re.compile(r"^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
DOC_NUMBER = re.compile(r"^\S{1,12}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d+\s*号$")
# A photograph printed as a work on the back cover: 《和谐》 摄影：张海燕 / 封底：《和谐》 张海燕 摄
PHOTO_WORK_CREDIT = re.compile(
    r"^(?:封[底二三四]\s*(?:摄影|图片)?\s*[:：]\s*)?《[^》]{1,20}》\s*(?:(?:摄影|摄)\s*[:：]?\s*\S{2,8}|\S{2,8}\s*摄)$")
HEADING_L2 = re.compile(r"^[一二三四五六七八九十]{1,3}\s*、")
HEADING_L3 = re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]")
# A heading is short: a longer numbered line is a run-in item, its first sentence followed by text.
MAX_HEADING_CHARS = 40
PERSON_NAME = re.compile(rf"^[{HAN}](?:\s?[{HAN}]){{1,3}}$")
SENTENCE_MARKS = re.compile(r"[。，,；;！？!?]")
TERMINAL = re.compile(r"(?:[。！？!?…]|[:：])[”’」』）)》]*$|[。！？!?]\*\*$")


def parse_date(m: re.Match) -> dt.date | None:
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# "通讯员 马文", "本刊记者 张三": a reporter's line, printed after the text.
REPORTER = re.compile(rf"^(?:本刊)?(?:特约)?(?:通讯员|记者)\s*[:：]?\s*[{HAN}]{{2,4}}(?:\s+[{HAN}]{{2,4}})*$")
# "（下转第7页）", "（上接第5页）": the text goes on elsewhere in the issue.
JUMP = re.compile(r"[（(]\s*(?:下转|上接|转|接)\s*第?\s*\d{1,3}\s*(?:页|版)\s*[)）]")


def closing_kind(text: str) -> str | None:
    """What an attribution line at an article's end is, or None if it is not one."""
    text = text.strip()
    if DATE_LINE.match(text) or JUMP.fullmatch(text):
        return None
    if CREDITS.match(text) or REPORTER.match(text):
        return "credits"
    if AUTHOR_NOTE.match(text):
        return "author_note"
    if REPRINT.match(text) and len(text) <= 40:
        return "reprinted_from"
    if SOURCE_UNIT.match(text):
        return "source_unit"
    return None


def ends_sentence(text: str) -> bool:
    return bool(TERMINAL.search(text.strip()))


def is_heading_like(text: str) -> bool:
    return bool(HEADING_L2.match(text) or HEADING_L3.match(text.lstrip("*")))


_CN_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}
ITEM_MARKER = re.compile(r"^(?:(?P<l2>[一二三四五六七八九十]{1,3})\s*、"
                         r"|[（(]\s*(?P<l3>[一二三四五六七八九十]{1,3})\s*[)）]"
                         r"|(?P<num>\d{1,3})\s*(?:、|[.．](?!\d)))")


def chinese_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23 (the numbers of headings)."""
    if text == "十":
        return 10
    tens, _, units = text.partition("十")
    if "十" not in text:
        return _CN_DIGITS.get(text) if len(text) == 1 else None
    value = (_CN_DIGITS.get(tens, 0) if tens else 1) * 10
    if units:
        if units not in _CN_DIGITS:
            return None
        value += _CN_DIGITS[units]
    return value if (not tens or tens in _CN_DIGITS) else None


def item_marker(text: str) -> tuple[str, int] | None:
    """The numbering a line begins with, as (kind, number): ('l2', 2) for 二、, ('l3', 1) for （一）,
    ('num', 14) for 14、 or 14. — None if it begins with none."""
    m = ITEM_MARKER.match(text.lstrip("*").lstrip())
    if not m:
        return None
    kind = m.lastgroup
    number = int(m.group(kind)) if kind == "num" else chinese_number(m.group(kind))
    return (kind, number) if number else None


_PAIRS = ("“”", "《》", "（）", "()", "「」", "『』", "【】", "〔〕")


def unclosed(text: str) -> bool:
    """Does the text open a quotation, title or bracket it does not close (a sentence cut short)?"""
    return any(text.count(o) > text.count(c) for o, c in _PAIRS)


def is_title_like(text: str) -> bool:
    """Short, not a sentence, not an attribution: what titles, kickers and captions look like."""
    text = text.strip()
    key = match_key(text)
    if not key or len(key) > 60:
        return False
    if text[0] in "(（" or closing_kind(text) or DATE_LINE.match(text) or STANDALONE_DATE.match(text):
        return False
    return not re.search(r"[。，,；;、]$", text)


def is_paragraph_like(text: str) -> bool:
    return len(text) >= 30 or bool(SENTENCE_MARKS.search(text))


# A section's label on a line of its own, in brackets: ＜省总动态＞, 【信息短播】 (group 1: the name).
SECTION_LABEL = re.compile(r"^[＜<〈【\[]\s*(\S{2,16}?)\s*[＞>〉】\]]$")
