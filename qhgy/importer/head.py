"""Read what stands under an article's title before its text: subtitle (副题), date and byline."""

from __future__ import annotations

import re

from qhgy.i18n import _
from qhgy.importer.blocks import Block
from qhgy.importer.model import Draft
from qhgy.importer.patterns import (
    DATE_LINE, DOC_NUMBER, PERSON_NAME, SENTENCE_MARKS, is_heading_like, is_paragraph_like, is_title_like,
    parse_date,
)
from qhgy.journal import ROLE_WORDS
from qhgy.textnorm import normalize

# The head is a few lines at most: subtitle, date and one or two bylines.
MAX_HEAD_BLOCKS = 4
# A byline's role before the name ("省总工会党组书记、常务副主席 李忠") is a title, not a sentence.
MAX_ROLE_CHARS = 40
MAX_SUBTITLE_CHARS = 30


def _byline(text: str, known: list[str]) -> tuple[str, str] | None:
    """(name, role) if the block is a byline: '李忠', or '省总工会党组书记、常务副主席 李忠'."""
    compact = re.sub(r"\s+", "", text)
    for name in known:
        if compact.endswith(name) and len(compact) <= len(name) + MAX_ROLE_CHARS \
                and not SENTENCE_MARKS.search(compact[-1]):
            role = text.strip()[: -len(name)] if text.strip().endswith(name) else compact[: -len(name)]
            return name, role.strip()
    if PERSON_NAME.match(text.strip()):
        return compact, ""
    role, _, name = text.strip().rpartition(" ")
    if role and PERSON_NAME.match(name) and len(name) <= 4 and role.rstrip().endswith(ROLE_WORDS):
        return name, role.strip()
    return None


def _is_subtitle(text: str) -> bool:
    """A short title-shaped line that is no sentence, document number, heading, salutation or name."""
    return (is_title_like(text) and len(text) <= MAX_SUBTITLE_CHARS and not SENTENCE_MARKS.search(text)
            and not DOC_NUMBER.match(text) and not is_heading_like(text) and not text.endswith(("：", ":"))
            and not PERSON_NAME.match(text))


def parse_head(blocks: list[Block], start: int, draft: Draft, known_authors: list[str]) -> int:
    """Read subtitle, date and byline under the title; return the index of the first body block."""
    i = start
    while i < len(blocks) and i < start + MAX_HEAD_BLOCKS:
        text = blocks[i].text
        has_more = i + 1 < len(blocks)
        if (m := DATE_LINE.match(text)) and not draft.article_date:
            if date := parse_date(m):
                draft.article_date = date.isoformat()
                i += 1
                continue
        found = _byline(text, known_authors)
        following = blocks[i + 1].text if has_more else ""
        # A name the 目录 gives is a byline wherever it stands; an unknown one needs text (or a
        # salutation, "同志们：") to follow it, so that a short title-like line is not taken for a name.
        if found and (found[0] in known_authors or not has_more or is_paragraph_like(following)
                      or following.endswith(("：", ":")) or DATE_LINE.match(following)):
            name, role = found
            if name not in known_authors:
                draft.notes.append(_("took '{line}' under the title as the byline of {name} (not in the 目录)").format(
                    line=text, name=name))
            if name not in draft.authors:
                draft.authors.append(name)
            if role:
                draft.roles[name] = normalize(role, draft.counts)
            i += 1
            continue
        if i == start and has_more and not draft.subtitle and _is_subtitle(text):
            draft.subtitle = normalize(text, draft.counts)
            draft.notes.append(_("took '{subtitle}' under the title as its subtitle (副题)").format(subtitle=draft.subtitle))
            i += 1
            continue
        break
    return i


def add_listed_authors(draft: Draft, known: list[str]) -> None:
    """The 目录's authors the article does not print under its title; a byline naming none of them wins."""
    printed = list(draft.authors)
    if printed and known and not set(printed) & set(known):
        draft.notes.append(_("the 目录 names {listed}, the article prints {printed}: used the article's; check").format(
            listed="、".join(known), printed="、".join(printed)))
        return
    for name in known:
        if name not in draft.authors:
            draft.authors.insert(known.index(name), name)
