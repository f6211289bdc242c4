"""Read the scholarly record a journal prints with an article, in its own labelled paragraphs at the
head of the text or at its foot: [摘要] … [关键词] …, 中图分类号 (often on one line with 文献标识码
and 文章编号), DOI, 基金项目, 收稿日期 and 修回日期, 作者简介, and the English Abstract and Key words.
Each becomes its key (abstract, keywords, clc, doi, fund, received, revised, author_note,
summary_en, keywords_en) and leaves the body.

A label is recognised only at the start of a paragraph and only with its mark, a colon or
brackets (【摘要】, [摘 要], 摘要：): 摘要如下 opening a sentence is text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qhgy.importer.model import Draft
from qhgy.schema import CLC_CODE

# Where the record stands: among the first and the last paragraphs of an article.
HEAD_PARAGRAPHS = 8
FOOT_PARAGRAPHS = 6

_OPEN, _CLOSE = r"[\[［【〔(（]", r"[\]］】〕)）]"


def _label(words: str) -> str:
    """A label: its words (spaces allowed between characters), bracketed and/or followed by a colon."""
    spaced = r"\s*".join(re.escape(c) for c in words) if not words.isascii() else words
    return rf"(?:{_OPEN}\s*(?:{spaced})\s*{_CLOSE}\s*[:：]?|(?:{spaced})\s*[:：])\s*"


@dataclass(frozen=True)
class Field:
    key: str
    label: re.Pattern


FIELDS = (
    Field("abstract", re.compile(_label("摘要") + r"|" + _label("内容提要"))),
    Field("keywords", re.compile(_label("关键词") + r"|" + _label("关键字"))),
    Field("summary_en", re.compile(_label(r"Abstract"), re.I)),
    Field("keywords_en", re.compile(_label(r"Key\s*words"), re.I)),
    Field("fund", re.compile(_label("基金项目"))),
    Field("author_note", re.compile(_label("作者简介"))),
)
_CLC = re.compile(rf"中图分类号\s*[:：]\s*({CLC_CODE}(?:\s*[;；]\s*{CLC_CODE})*)")  # as the key's check reads it
_DOI = re.compile(r"DOI\s*[:：]\s*(10\.\d{4,9}/[^\s；;，,]+?)[.。]?(?=\s|$|[；;，,])", re.I)
_DATE = r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?"
_RECEIVED = re.compile(r"收稿日期\s*[:：]\s*" + _DATE)
_REVISED = re.compile(r"修回日期\s*[:：]\s*" + _DATE)
# A line of identifiers only (中图分类号：D412.6 文献标识码：A 文章编号：1009-…): it starts with a
# label, and once the labels are taken out what is left is values (codes, numbers, dates), no words.
_ID_LABEL = re.compile(r"(?:中图分类号|文献标识码|文献标志码|文章编号|DOI|收稿日期|修回日期)\s*[:：]", re.I)
_ID_VALUE = re.compile(r"[0-9A-Za-z.\-/()（）年月日_:]+")
_ID_SEPARATORS = re.compile(r"[\s;；,，]+")
_KEYWORD_SPLIT = re.compile(r"\s*[;；，,、]\s*|\s{2,}|\u3000+")


def _date(m: re.Match) -> str:
    year, month, day = (int(g) for g in m.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def _keywords(text: str) -> list[str]:
    words = [w.strip(" 。.") for w in _KEYWORD_SPLIT.split(text.strip())]
    if len(words) == 1:  # 工会改革 基层工会: one space between words, as some journals print them
        words = text.split()
    return [w for w in words if w]


def _identifiers_only(text: str) -> bool:
    if not _ID_LABEL.match(text):
        return False
    values = [v for v in _ID_SEPARATORS.split(_ID_LABEL.sub(" ", text)) if v]
    return bool(values) and all(_ID_VALUE.fullmatch(v) for v in values)


def _read(paragraph: str, found: dict) -> bool:
    """Take what the paragraph records; True when all of it is record (it then leaves the body)."""
    text = paragraph.strip()
    for field in FIELDS:
        if m := field.label.match(text):
            value = text[m.end():].strip()
            if not value or field.key in found:
                return False
            found[field.key] = _keywords(value) if field.key.startswith("keywords") else value
            return True
    if not _identifiers_only(text):  # a sentence that mentions a 中图分类号 is text
        return False
    values = {}
    for pattern, key, convert in ((_CLC, "clc", lambda m: re.sub(r"\s*[;；]\s*", ";", m.group(1))),
                                  (_DOI, "doi", lambda m: m.group(1)),
                                  (_RECEIVED, "received", _date), (_REVISED, "revised", _date)):
        if (m := pattern.search(text)) and key not in found:
            values[key] = convert(m)
    found.update(values)
    return bool(values)


def take_record(paragraphs: list[str], draft: Draft) -> list[str]:
    """The paragraphs without the record, which goes to draft.record (and author_note)."""
    found: dict = {}
    near = set(range(min(HEAD_PARAGRAPHS, len(paragraphs)))) | set(range(max(0, len(paragraphs) - FOOT_PARAGRAPHS),
                                                                        len(paragraphs)))
    kept = [p for i, p in enumerate(paragraphs) if not (i in near and _read(p, found))]
    if "author_note" in found:
        if not draft.author_note:
            draft.author_note = found["author_note"]
        del found["author_note"]
    draft.record.update(found)
    return kept
