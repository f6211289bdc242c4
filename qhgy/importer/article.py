"""Stage 4: turn one piece of the body into an article: title, head (date, byline), tail
(attributions, captions) and a clean Markdown body."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from qhgy.importer.blocks import Block
from qhgy.importer.patterns import (
    AUTHOR_NOTE, CREDITS, DATE_LINE, JUMP, DOC_NUMBER, HEADING_L2, HEADING_L3, PERSON_NAME, REPRINT,
    SENTENCE_MARKS, SOURCE_UNIT, STANDALONE_DATE, TRAILING_SOURCE_UNIT, closing_kind, ends_sentence,
    ITEM_MARKER, is_heading_like, is_paragraph_like, is_title_like, item_marker, parse_date, unclosed,
)
from qhgy.importer.segment import KICKER, Piece
from qhgy.journal import ROLE_WORDS
from qhgy.textnorm import HAN, join_lines, match_key, normalize, similarity

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


# Marks that end a sentence; the text after the first one is the next sentence.
_FIRST_SENTENCE = re.compile(r"^.*?[。！？!?；;]|^.*$")
# A block that can only be the end of a sentence broken off before it: it opens with a mark no
# sentence starts with (，。、) or its first sentence is a word or two ("作。", "措施。", "动”。").
_TAIL = re.compile(r"^(?:[，。、；：！？,;:!?）)》”’」』】〕]|[^\s，。、；：！？,;:!?“”]{1,3}[”’）)》」』]*[。！？!?])")


def _first_sentence(text: str) -> str:
    return _FIRST_SENTENCE.match(text.lstrip("*")).group(0)


def _is_heading_line(text: str) -> bool:
    """A numbered heading standing on its line by shape: short, no sentence before its end,
    nothing left open ("（一）提高入会数量，扩大覆盖面", "1、规范会籍管理。")."""
    plain = text.strip("*")
    if item_marker(plain) is None or len(plain) > MAX_HEADING_CHARS or unclosed(plain):
        return False
    return not re.search(r"[。！？!?；;]", plain.rstrip("。！？!?；;”’）)"))


def _opens_item(text: str, numbering: dict[str, int]) -> bool:
    """Does a block begin a numbered heading or item by its shape: its marker comes next in the
    article's numbering (or starts one) and the heading — the first sentence — is short?
    "（三）项规定，…" in the middle of a sentence ("依照第" + "（三）项…") is neither."""
    marker = item_marker(text)
    if marker is None:
        return False
    kind, number = marker
    last = numbering.get(kind)
    in_sequence = last is None or number in (1, last + 1)
    return in_sequence and len(_first_sentence(text)) <= MAX_HEADING_CHARS


def _mergeable(a: str, b: Block, numbering: dict[str, int]) -> bool:
    """Does block b continue the sentence that a breaks off (a column or page break, a stray blank line)?

    A block continues the paragraph before it when that paragraph does not end its sentence and the
    block is itself running text, unless the block really is a heading or an item by its shape. The
    paragraph before must be running text too: a short line without commas is a title, a closing
    (此致敬礼) or a signature, and a numbered heading on its own line is no broken sentence."""
    text = b.text
    if ends_sentence(a) or closing_kind(text) or LABEL_LINE.match(text) or text.startswith(("——", "●", "★")):
        return False
    if _TAIL.match(text):
        return True  # only the rest of a sentence starts so, whatever stands before it
    running = bool(SENTENCE_MARKS.search(a)) or len(a) >= 60 or unclosed(a)
    if not running or _is_heading_line(a):
        return False
    return is_paragraph_like(text) and not _opens_item(text, numbering)


def join_paragraphs(blocks: list[Block], draft: Draft) -> list[str]:
    """Rejoin sentences broken across blank lines; keep real paragraph breaks."""
    paragraphs: list[str] = []
    numbering: dict[str, int] = {}  # the last number seen of each kind of heading (二、 （二） 2、)
    for block in blocks:
        text = block.text
        if paragraphs and _mergeable(paragraphs[-1], block, numbering):
            if block.page_break:
                draft.notes.append(f"joined text across a page break (source line {block.line}): "
                                   f"'…{paragraphs[-1][-8:]}|{text[:8]}…'")
            paragraphs[-1] = join_lines([paragraphs[-1], text])
        else:
            if paragraphs and _orphan_line(paragraphs, text, numbering):
                draft.notes.append(f"'{paragraphs[-1]}' stands alone between a heading and running text: if a "
                                   "column ended after it, it begins the next paragraph — join them by hand")
            paragraphs.append(text)
            if (marker := item_marker(text)) is not None:
                numbering[marker[0]] = marker[1]
    return _rejoin_run_in_items(paragraphs, draft)


def _orphan_line(paragraphs: list[str], text: str, numbering: dict[str, int]) -> bool:
    """A short line with no sentence mark right under a heading, and running text after it: a
    sub-heading, or the first line of the paragraph left at the foot of a column. The text does
    not tell which; the import report asks."""
    a = paragraphs[-1]
    return (len(paragraphs) >= 2 and _is_heading_line(paragraphs[-2]) and item_marker(a) is None
            and not SENTENCE_MARKS.search(a) and not ends_sentence(a) and not a.startswith("**")
            and is_paragraph_like(text) and not _opens_item(text, numbering) and not closing_kind(text))


def _rejoin_run_in_items(paragraphs: list[str], draft: Draft) -> list[str]:
    """In a list whose items run in ("2、规范会籍管理。进一步做好…"), an item that is only its
    heading sentence ("13、深化劳动安全健康保护工作。") lost its text to the next block, where a
    column ended after the full stop: the text is put back after it."""
    kinds: dict[str, list[int]] = {}
    for n, paragraph in enumerate(paragraphs):
        if (marker := item_marker(paragraph)) is not None:
            kinds.setdefault(marker[0], []).append(n)
    alone = []
    for items in kinds.values():
        run_in = [n for n in items if len(_first_sentence(paragraphs[n])) < len(paragraphs[n].lstrip("*"))]
        if len(run_in) < 3 or len(run_in) < 0.75 * len(items):
            continue
        alone += [n for n in items if n not in run_in and n + 1 < len(paragraphs)
                  and re.search(r"[。！？!?]$", paragraphs[n]) and item_marker(paragraphs[n + 1]) is None
                  and is_paragraph_like(paragraphs[n + 1]) and not closing_kind(paragraphs[n + 1])]
    for n in sorted(alone, reverse=True):
        draft.notes.append(f"the item '{paragraphs[n]}' stood alone where the list's other items run on into "
                           "their text: joined it with the paragraph after it")
        paragraphs[n : n + 2] = [join_lines(paragraphs[n : n + 2])]
    return paragraphs


# What qhgy.textnorm.normalize leaves: a mark after a bracket it made full-width only after
# looking at the mark ("（项目）,20多万"), and ';' '?' '!' after a number or a Latin word before
# Chinese ("91.6%;非公有制"), as it does for ','.
_MARK_AFTER_FULLWIDTH = re.compile(r"(?<=[）》”’])([,;:?!])")
_MARK_AFTER_NUMBER = re.compile(f"(?<=[0-9A-Za-z%])([;?!])(?=\\s*[{HAN}])")
_FULLWIDTH_MARKS = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def normalize_more(text: str, counts: Counter) -> str:
    def full(m: re.Match) -> str:
        counts[f"ASCII '{m.group(1)}' made full-width"] += 1
        return _FULLWIDTH_MARKS[m.group(1)]

    return _MARK_AFTER_NUMBER.sub(full, _MARK_AFTER_FULLWIDTH.sub(full, text))


def document_number(text: str, counts: Counter) -> str:
    """An official document's number takes the brackets GB/T 9704 gives it: 青总发[2017]37号 → 青总发〔2017〕37号."""
    if not DOC_NUMBER.match(text):
        return text
    fixed = re.sub(r"[\[［(（]\s*((?:19|20)\d{2})\s*[\]］)）]", r"〔\1〕", text)
    if fixed != text:
        counts["brackets of a document number made 〔〕"] += 1
    return fixed


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


def heading_text(text: str, title: str, counts: Counter | None = None) -> str:
    """A heading as a reader should see it: without the space a line wrap left between two Chinese
    characters ("农民工入会 服务工作规划"). A heading that prints the article's own title takes the
    title's spacing; one made of parallel phrases ("强化领导 把方向") keeps its spaces, as printed."""
    counts = counts if counts is not None else Counter()
    if " " not in text:
        return text
    if match_key(text) == match_key(title) and text != title:
        counts["space left by a line wrap removed from a heading"] += 1
        return title
    marker = ITEM_MARKER.match(text)
    head, rest = (text[: marker.end()], text[marker.end():]) if marker else ("", text)
    if KICKER.match(rest.strip()):
        return text
    joined = re.sub(f"(?<=[{HAN}“”《》（）]) +(?=[{HAN}“”《》（）])", "", rest)
    if joined != rest:
        counts["space left by a line wrap removed from a heading"] += 1
    return head + joined


def to_markdown(paragraph: str, title: str, counts: Counter | None = None) -> str:
    plain = paragraph[2:-2] if paragraph.startswith("**") and paragraph.endswith("**") \
        and paragraph.count("**") == 2 else paragraph
    short = len(plain) <= MAX_HEADING_CHARS and "。" not in plain.rstrip("。")
    if short and HEADING_L2.match(plain):
        return "## " + escape_markdown(heading_text(plain, title, counts))
    if short and HEADING_L3.match(plain):
        return "### " + escape_markdown(heading_text(plain, title, counts))
    if short and is_title_like(plain) and similarity(plain, title) >= 0.8:
        # a document's own title inside a notice that prints it
        return "## " + escape_markdown(heading_text(plain, title, counts))
    return escape_markdown(paragraph)


_ITEM_STYLE = re.compile(r"^(\d{1,3})\s*(、|[.．](?!\d))\s*")


def unify_item_numbers(paragraphs: list[str], draft: Draft) -> list[str]:
    """Numbered items of one list printed partly '13、' and partly '14.': all in the list's usual style.

    Only a list whose numbers run on across the two styles is one list; a '1.' list inside a '1、'
    list (its own numbering, from 1) is a sub-list and keeps its style."""
    items = [(n, int(m.group(1)), "、" if m.group(2) == "、" else ".")
             for n, p in enumerate(paragraphs) if (m := _ITEM_STYLE.match(p))]
    styles = Counter(style for _, _, style in items)
    if len(styles) < 2:
        return paragraphs
    (usual, count), (other, other_count) = styles.most_common()
    if count == other_count:
        return paragraphs
    numbers = [number for _, number, _ in items]
    if any(style == other and (number == 1 or k == 0 or number != numbers[k - 1] + 1)
           for k, (_, number, style) in enumerate(items)):
        return paragraphs
    out = list(paragraphs)
    changed = []
    for n, number, style in items:
        if style == other:
            out[n] = _ITEM_STYLE.sub(f"{number}{usual}" + (" " if usual == "." else ""), out[n], count=1)
            changed.append(str(number))
    draft.notes.append(f"numbered items {', '.join(changed)} printed as '{changed[0]}{other}', the others as "
                       f"'1{usual}': made them '{changed[0]}{usual}' like the rest of the list")
    draft.counts["numbering of a list made consistent"] += len(changed)
    return out


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
    paragraphs = unify_item_numbers([document_number(normalize_more(normalize(p, draft.counts), draft.counts),
                                                     draft.counts) for p in paragraphs], draft)
    for paragraph in paragraphs:
        draft.paragraphs.append(to_markdown(paragraph, draft.title, draft.counts))
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
