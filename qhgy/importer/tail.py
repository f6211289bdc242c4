"""Read what closes an article: photo captions, attributions (credits, author note, source, reprint)
and a signature date."""

from __future__ import annotations

import re

from qhgy.i18n import _, ngettext
from qhgy.importer.blocks import Block
from qhgy.importer.model import Draft
from qhgy.importer.patterns import (
    AUTHOR_NOTE, CREDITS, REPRINT, SOURCE_UNIT, STANDALONE_DATE, TRAILING_SOURCE_UNIT, closing_kind,
    is_heading_like, parse_date,
)
from qhgy.textnorm import normalize

# Captions after the closing attribution: a few short lines; more, or a long one, is text.
MAX_CAPTIONS = 6
MAX_CAPTION_CHARS = 100


def _apply_closing(kind: str, text: str, draft: Draft) -> None:
    if kind == "credits":
        m = CREDITS.match(text)
        credit = normalize(m.group(1) if m else text, draft.counts)
        draft.credits = f"{credit} {draft.credits}".strip()
    elif kind == "author_note":
        m = AUTHOR_NOTE.match(text)
        note = normalize(m.group("note"), draft.counts)
        draft.author_note = note
        if m.group("name") and m.group("name") not in draft.authors:
            draft.authors.append(m.group("name"))
        if len(draft.authors) == 1 and not draft.roles and ("作者系" in re.sub(r"\s", "", text) or m.group("name")):
            draft.roles[draft.authors[0]] = note
    elif kind == "reprinted_from":
        draft.reprinted_from = normalize(REPRINT.match(text).group(1), draft.counts)
    elif kind == "source_unit":
        draft.source_unit = normalize(SOURCE_UNIT.match(text).group(1), draft.counts)


def parse_tail(blocks: list[Block], head_end: int, draft: Draft) -> int:
    """Read captions and closing attributions from the end; return the index after the last body block."""
    end = len(blocks)
    j = end
    while j > head_end and end - j < MAX_CAPTIONS:
        text = blocks[j - 1].text
        if closing_kind(text) or is_heading_like(text) or len(text) > MAX_CAPTION_CHARS:
            break
        j -= 1
    if j < end and j > head_end and closing_kind(blocks[j - 1].text):
        draft.captions += [normalize(b.text, draft.counts) for b in blocks[j:end]]
        draft.notes.append(ngettext("{count} line after the closing attribution kept as a photo caption",
                                      "{count} lines after the closing attribution kept as photo captions",
                                      end - j).format(count=end - j))
        end = j
    while end > head_end and (kind := closing_kind(blocks[end - 1].text)):
        _apply_closing(kind, blocks[end - 1].text, draft)
        end -= 1
    return end


def take_trailing_source_unit(paragraphs: list[str], draft: Draft) -> None:
    """A source unit printed at the end of the last paragraph ("…列席会议。(省总办公室)") is metadata."""
    if paragraphs and not draft.source_unit and (m := TRAILING_SOURCE_UNIT.match(paragraphs[-1])):
        paragraphs[-1] = m.group("body")
        draft.source_unit = normalize(m.group("unit"), draft.counts)


def date_from_signature(blocks: list[Block], draft: Draft) -> None:
    """A standalone signature date (a notice's 2017年8月21日) dates an article no dated line under its title does."""
    if draft.article_date:
        return
    for block in blocks:
        if (m := STANDALONE_DATE.match(block.text)) and (date := parse_date(m)):
            draft.article_date = date.isoformat()
            draft.notes.append(_("dated {date} from the signature line '{line}'").format(
                date=draft.article_date, line=block.text))
            return
