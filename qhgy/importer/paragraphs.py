"""Make paragraphs of an article's body blocks: rejoin sentences that a column or page break cut,
keep real breaks, and number the items of one list in one style."""

from __future__ import annotations

import re
from collections import Counter

from qhgy.i18n import _
from qhgy.importer.blocks import Block
from qhgy.importer.model import Draft
from qhgy.importer.patterns import (
    JUMP, MAX_HEADING_CHARS, SENTENCE_MARKS, closing_kind, ends_sentence, is_paragraph_like, item_marker, unclosed,
)
from qhgy.textnorm import join_lines

# "邮编：810007", "联系人：徐良": a labelled line starts a new line of its own.
LABEL_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]|^[A-Za-z-]{2,8}\s*[:：]")
# Marks that end a sentence; the text after the first one is the next sentence.
_FIRST_SENTENCE = re.compile(r"^.*?[。！？!?；;]|^.*$")
# A block that can only be the end of a sentence broken off before it: it opens with a mark no
# sentence starts with (，。、) or its first sentence is a word or two ("作。", "措施。", "动”。").
_TAIL = re.compile(r"^(?:[，。、；：！？,;:!?）)》”’」』】〕]|[^\s，。、；：！？,;:!?“”]{1,3}[”’）)》」』]*[。！？!?])")
# A list's items run in when most of them go on after their heading sentence; three make a list.
MIN_RUN_IN_ITEMS = 3
MIN_RUN_IN_SHARE = 0.75


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
                draft.notes.append(_("joined text across a page break (source line {line}): '…{before}|{after}…'").format(
                    line=block.line, before=paragraphs[-1][-8:], after=text[:8]))
            paragraphs[-1] = join_lines([paragraphs[-1], text])
        else:
            if paragraphs and _orphan_line(paragraphs, text, numbering):
                draft.notes.append(_("'{line}' stands alone between a heading and running text: if a column ended "
                                     "after it, it begins the next paragraph — join them by hand").format(
                    line=paragraphs[-1]))
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
        if len(run_in) < MIN_RUN_IN_ITEMS or len(run_in) < MIN_RUN_IN_SHARE * len(items):
            continue
        alone += [n for n in items if n not in run_in and n + 1 < len(paragraphs)
                  and re.search(r"[。！？!?]$", paragraphs[n]) and item_marker(paragraphs[n + 1]) is None
                  and is_paragraph_like(paragraphs[n + 1]) and not closing_kind(paragraphs[n + 1])]
    for n in sorted(alone, reverse=True):
        draft.notes.append(_("the item '{item}' stood alone where the list's other items run on into their text: "
                             "joined it with the paragraph after it").format(item=paragraphs[n]))
        paragraphs[n : n + 2] = [join_lines(paragraphs[n : n + 2])]
    return paragraphs


def drop_jumps(paragraphs: list[str], draft: Draft) -> list[str]:
    """Take out "（下转第7页）" and the like (the editor moves the rest of the text by hand) and the
    paragraphs left empty by it."""
    for n, paragraph in enumerate(paragraphs):
        if m := JUMP.search(paragraph):
            draft.notes.append(_("'{jump}': the text goes on elsewhere in the issue — move it here by hand").format(
                jump=m.group(0)))
            paragraphs[n] = (paragraph[: m.start()] + paragraph[m.end() :]).strip()
    return [p for p in paragraphs if p]


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
    draft.notes.append(_("numbered items {numbers} printed as '{printed}', the others as '{usual}': made them "
                         "'{made}' like the rest of the list").format(
        numbers=_(", ").join(changed), printed=f"{changed[0]}{other}", usual=f"1{usual}", made=f"{changed[0]}{usual}"))
    draft.counts["numbering of a list made consistent"] += len(changed)
    return out
