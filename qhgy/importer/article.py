"""Stage 4: turn one piece of the body into an article: title, head (date, byline), tail
(attributions, captions) and a clean Markdown body."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from qhgy.importer.blocks import Block
from qhgy.importer.patterns import (
    AUTHOR_NOTE, CREDITS, DATE_LINE, JUMP, DOC_NUMBER, HEADING_L2, HEADING_L3, NUMBERED_ITEM, PERSON_NAME,
    REPRINT, SENTENCE_MARKS, SOURCE_UNIT, STANDALONE_DATE, TRAILING_SOURCE_UNIT, closing_kind, ends_sentence,
    is_heading_like, is_paragraph_like, is_title_like, parse_date,
)
from qhgy.importer.segment import Piece
from qhgy.journal import ROLE_WORDS
from qhgy.textnorm import join_lines, match_key, normalize, similarity

MAX_CAPTIONS = 6
# "邮编：810007", "联系人：徐良": a labelled line starts a new line of its own.
LABEL_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]|^[A-Za-z-]{2,8}\s*[:：]")
MAX_HEADING_CHARS = 40


@dataclass
class Draft:
    """An article (or page) as the importer understood it, before it is numbered and written."""

    title: str
    kicker: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    author_note: str = ""
    article_date: str = ""
    source_unit: str = ""
    reprinted_from: str = ""
    credits: str = ""
    captions: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # Markdown blocks
    notes: list[str] = field(default_factory=list)  # what the importer was unsure of
    counts: Counter = field(default_factory=Counter)  # normalisations applied


def _edit_distance_same_length(a: str, b: str) -> int | None:
    return sum(x != y for x, y in zip(a, b)) if len(a) == len(b) else None


def _strip_prefix_raw(raw: str, key_len: int) -> tuple[str, str]:
    """Split printed text after its first key_len significant characters (spaces don't count)."""
    count = 0
    for pos, ch in enumerate(raw):
        if count == key_len:
            return raw[:pos].strip(), raw[pos:].strip()
        if match_key(ch):
            count += 1
    return raw.strip(), ""


def choose_title(piece: Piece, draft: Draft) -> str:
    """The title a reader should see: the 目录's, unless the heading above the article corrects a character."""
    printed = piece.printed_title
    if piece.kicker:
        printed = printed[len(piece.kicker):].strip() if printed.startswith(piece.kicker) else printed
    printed = re.sub(r"^[★☆●■◆▲]\s*", "", printed)
    if piece.entry is None:
        return normalize(printed, draft.counts)
    listed = normalize(piece.entry.title, draft.counts)
    if not piece.blocks:
        return listed  # not found in the body
    lk, pk = match_key(listed), match_key(printed)
    if pk != lk and pk.endswith(lk) and not piece.kicker:
        kicker, _ = _strip_prefix_raw(printed, len(pk) - len(lk))
        draft.kicker = normalize(kicker, draft.counts)
        draft.notes.append(f"the printed title begins with '{draft.kicker}': kept as its kicker (引题)")
        return listed
    if pk == lk:
        return listed
    if (diff := _edit_distance_same_length(pk, lk)) is not None and diff <= 2:
        draft.notes.append(f"目录 prints the title as '{listed}', the article as '{printed}': "
                           "used the article's; check which is right")
        return normalize(printed, draft.counts)
    draft.notes.append(f"the article prints its title as '{printed}'; used the 目录's '{listed}'")
    return listed


def _byline(text: str, known: list[str]) -> tuple[str, str] | None:
    """(name, role) if the block is a byline: '李忠', or '省总工会党组书记、常务副主席 李忠'."""
    compact = re.sub(r"\s+", "", text)
    for name in known:
        if compact.endswith(name) and len(compact) <= len(name) + 40 and not SENTENCE_MARKS.search(compact[-1]):
            role = text.strip()[: -len(name)] if text.strip().endswith(name) else compact[: -len(name)]
            return name, role.strip()
    if PERSON_NAME.match(text.strip()):
        return compact, ""
    role, _, name = text.strip().rpartition(" ")
    if role and PERSON_NAME.match(name) and len(name) <= 4 and role.rstrip().endswith(ROLE_WORDS):
        return name, role.strip()
    return None


def parse_head(blocks: list[Block], start: int, draft: Draft, known_authors: list[str]) -> int:
    """Read subtitle, date and byline under the title; return the index of the first body block."""
    i = start
    while i < len(blocks) and i < start + 4:
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
                draft.notes.append(f"took '{text}' under the title as the byline of {name} (not in the 目录)")
            if name not in draft.authors:
                draft.authors.append(name)
            if role:
                draft.roles[name] = normalize(role, draft.counts)
            i += 1
            continue
        if (i == start and has_more and not draft.subtitle and is_title_like(text) and len(text) <= 30
                and not SENTENCE_MARKS.search(text) and not DOC_NUMBER.match(text) and not is_heading_like(text)
                and not text.endswith(("：", ":"))
                and not PERSON_NAME.match(text)):
            draft.subtitle = normalize(text, draft.counts)
            draft.notes.append(f"took '{draft.subtitle}' under the title as its subtitle (副题)")
            i += 1
            continue
        break
    return i


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
        if closing_kind(text) or is_heading_like(text) or len(text) > 100:
            break
        j -= 1
    if j < end and j > head_end and closing_kind(blocks[j - 1].text):
        draft.captions = [normalize(b.text, draft.counts) for b in blocks[j:end]]
        draft.notes.append(f"{len(draft.captions)} line(s) after the closing attribution kept as photo captions")
        end = j
    while end > head_end and (kind := closing_kind(blocks[end - 1].text)):
        _apply_closing(kind, blocks[end - 1].text, draft)
        end -= 1
    return end


def _mergeable(a: str, b: Block) -> bool:
    """Does block b continue the sentence that a breaks off (a column or page break)?"""
    text = b.text
    # Only running text breaks off mid-sentence; a short line without commas is a title or a signature.
    running = bool(SENTENCE_MARKS.search(a)) or len(a) >= 60
    return (running and not ends_sentence(a) and not is_heading_like(a) and not LABEL_LINE.match(text)
            and not is_heading_like(text) and not NUMBERED_ITEM.match(text) and not closing_kind(text)
            and not text.startswith(("——", "●", "★")))


def join_paragraphs(blocks: list[Block], draft: Draft) -> list[str]:
    """Rejoin sentences broken across blank lines; keep real paragraph breaks."""
    paragraphs: list[str] = []
    for block in blocks:
        text = block.text
        if paragraphs and _mergeable(paragraphs[-1], block):
            if block.page_break:
                draft.notes.append(f"joined text across a page break (source line {block.line}): "
                                   f"'…{paragraphs[-1][-8:]}|{text[:8]}…'")
            paragraphs[-1] = join_lines([paragraphs[-1], text])
        else:
            paragraphs.append(text)
    return paragraphs


_BOLD = re.compile(r"(\*\*.+?\*\*)")


def escape_markdown(text: str) -> str:
    """Escape what Markdown would read as markup, keeping the print's **bold** run-ins."""
    parts = _BOLD.split(text)
    for n in range(0, len(parts), 2):  # even parts are outside **…**
        parts[n] = re.sub(r"([\\`*_])", r"\\\1", parts[n])
        parts[n] = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", parts[n])
    text = "".join(parts)
    text = re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", text)  # "14. " would start an ordered list
    if text[:1] in "#>-+=|":
        text = "\\" + text
    return text


def to_markdown(paragraph: str, title: str) -> str:
    plain = paragraph[2:-2] if paragraph.startswith("**") and paragraph.endswith("**") \
        and paragraph.count("**") == 2 else paragraph
    short = len(plain) <= MAX_HEADING_CHARS and "。" not in plain.rstrip("。")
    if short and HEADING_L2.match(plain):
        return "## " + escape_markdown(plain)
    if short and HEADING_L3.match(plain):
        return "### " + escape_markdown(plain)
    if short and is_title_like(plain) and similarity(plain, title) >= 0.8:
        return "## " + escape_markdown(plain)  # a document's own title inside a notice that prints it
    return escape_markdown(paragraph)


def caption_markdown(caption: str) -> str:
    return ('<figure class="caption" markdown="1">\n'
            f'<figcaption markdown="span">{escape_markdown(caption)}</figcaption>\n'
            "</figure>")


def build_draft(piece: Piece) -> Draft:
    draft = Draft(title="", kicker=piece.kicker, notes=list(piece.notes))
    draft.title = choose_title(piece, draft)
    if piece.kicker:
        draft.kicker = normalize(piece.kicker, draft.counts)
    known = list(piece.entry.authors) if piece.entry else []
    blocks = piece.blocks
    head_end = parse_head(blocks, piece.title_blocks, draft, known)
    body_end = parse_tail(blocks, head_end, draft)
    printed = list(draft.authors)
    if printed and known and not set(printed) & set(known):
        draft.notes.append(f"the 目录 names {'、'.join(known)}, the article prints {'、'.join(printed)}: "
                           "used the article's; check")
    else:
        for name in known:  # a 目录 author the body does not print under the title
            if name not in draft.authors:
                draft.authors.insert(known.index(name), name)
    paragraphs = join_paragraphs(blocks[head_end:body_end], draft)
    for n, paragraph in enumerate(paragraphs):
        if m := JUMP.search(paragraph):
            draft.notes.append(f"'{m.group(0)}': the text goes on elsewhere in the issue — move it here by hand")
            paragraphs[n] = (paragraph[: m.start()] + paragraph[m.end() :]).strip()
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and not draft.source_unit and (m := TRAILING_SOURCE_UNIT.match(paragraphs[-1])):
        paragraphs[-1] = m.group("body")
        draft.source_unit = normalize(m.group("unit"), draft.counts)
    for paragraph in paragraphs:
        draft.paragraphs.append(to_markdown(normalize(paragraph, draft.counts), draft.title))
    draft.paragraphs.extend(caption_markdown(c) for c in draft.captions)
    if not draft.paragraphs:
        draft.notes.append("the body is empty")
    # A standalone signature date (a notice's 2017年8月21日) when no dated line stands under the title.
    if not draft.article_date:
        for block in blocks[head_end:body_end]:
            if (m := STANDALONE_DATE.match(block.text)) and (date := parse_date(m)):
                draft.article_date = date.isoformat()
                draft.notes.append(f"dated {draft.article_date} from the signature line '{block.text}'")
                break
    return draft
