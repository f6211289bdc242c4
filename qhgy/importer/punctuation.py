"""Fixes of body paragraphs beyond the shared normalisation (qhgy.textnorm): the ASCII marks it
leaves, and the brackets of an official document's number."""

from __future__ import annotations

import re
from collections import Counter

from qhgy.importer.patterns import DOC_NUMBER
from qhgy.textnorm import FULLWIDTH_MARKS, HAN

# What qhgy.textnorm.normalize leaves: a mark after a bracket it made full-width only after
# looking at the mark ("（项目）,20多万"), and ';' '?' '!' after a number or a Latin word before
# Chinese ("91.6%;非公有制"), as it does for ','.
_MARK_AFTER_FULLWIDTH = re.compile(r"(?<=[）》”’])([,;:?!])")
_MARK_AFTER_NUMBER = re.compile(f"(?<=[0-9A-Za-z%])([;?!])(?=\\s*[{HAN}])")


def normalize_more(text: str, counts: Counter) -> str:
    def full(m: re.Match) -> str:
        counts[f"ASCII '{m.group(1)}' made full-width"] += 1
        return FULLWIDTH_MARKS[m.group(1)]

    return _MARK_AFTER_NUMBER.sub(full, _MARK_AFTER_FULLWIDTH.sub(full, text))


def document_number(text: str, counts: Counter) -> str:
    """An official document's number takes the brackets GB/T 9704 gives it: 青总发[2017]37号 → 青总发〔2017〕37号."""
    if not DOC_NUMBER.match(text):
        return text
    fixed = re.sub(r"[\[［(（]\s*((?:19|20)\d{2})\s*[\]］)）]", r"〔\1〕", text)
    if fixed != text:
        counts["brackets of a document number made 〔〕"] += 1
    return fixed
