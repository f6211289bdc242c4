"""Stage 3: find where each 目录 entry's article is printed and cut the body into pieces.

Titles in the body rarely equal the 目录's: they are split over lines, their halves may be
swapped by the layout, a kicker may stand on the same line. Matching is therefore by
character-bigram similarity over windows of one to three short blocks, in print order.
Pieces printed outside the 目录 (a cover news item, a call for submissions) are cut off
where an article's closing attribution is followed by a new title and text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qhgy.i18n import _, ngettext
from qhgy.importer.blocks import Block
from qhgy.importer.patterns import SECTION_LABEL, SENTENCE_MARKS, closing_kind, is_paragraph_like, is_title_like
from qhgy.importer.toc import SUBCOLUMN, TocEntry
from qhgy.textnorm import join_lines, match_key, similarity

MATCH_THRESHOLD = 0.6  # bigram Dice; the swapped title of the sample scores 0.95, unrelated titles < 0.3
MAX_TITLE_BLOCKS = 3
LOOKAHEAD_ENTRIES = 5


@dataclass
class Piece:
    blocks: list[Block]
    title_blocks: int  # how many leading blocks print the title
    entry: TocEntry | None  # None: printed outside the 目录
    region: str = "body"  # "cover" for pieces before the 目录
    kicker: str = ""
    label: str = ""  # the section label printed above a piece outside the 目录 (＜省总动态＞)
    captions: list[str] = field(default_factory=list)  # photo captions the layout printed among its text
    notes: list[str] = field(default_factory=list)

    @property
    def printed_title(self) -> str:
        return join_lines([b.text for b in self.blocks[: self.title_blocks]]) if self.title_blocks else ""


def _best_window(title: str, blocks: list[Block], i: int, claimed: set[int]) -> tuple[float, int]:
    best, best_n = 0.0, 0
    text = ""
    for n in range(1, MAX_TITLE_BLOCKS + 1):
        j = i + n - 1
        if j >= len(blocks) or j in claimed or not is_title_like(blocks[j].text):
            break
        text += blocks[j].text
        score = similarity(title, text)
        if score > best + 0.01:
            best, best_n = score, n
    return best, best_n


def _names_author(entry: TocEntry, blocks: list[Block], after: int) -> bool:
    head = "".join(b.text for b in blocks[after : after + 3]).replace(" ", "")
    return any(name in head for name in entry.authors)


def _scan(entry: TocEntry, later: list[TocEntry], blocks: list[Block], lo: int, hi: int,
          claimed: set[int], twins: bool = False) -> tuple[int, int, float] | None:
    """The first place after lo where the entry's title is printed. With twins (other entries of the
    same title, three speeches) the place whose byline names the entry's author is preferred."""
    first = None
    for hit in _candidates(entry, later, blocks, lo, hi, claimed):
        if not twins or not entry.authors or _names_author(entry, blocks, hit[0] + hit[1]):
            return hit
        first = first or hit
    return first


def _candidates(entry: TocEntry, later: list[TocEntry], blocks: list[Block], lo: int, hi: int,
                claimed: set[int]):
    for i in range(lo, hi):
        if i in claimed or not is_title_like(blocks[i].text):
            continue
        score, n = _best_window(entry.title, blocks, i, claimed)
        if score < MATCH_THRESHOLD:
            continue
        # A line above the title (the last line of the article before, a kicker) may lift a window's
        # score over the threshold; the title starts where dropping leading lines stops helping.
        while n > 1 and (trimmed := _best_window(entry.title, blocks, i + 1, claimed))[0] >= score:
            i, (score, n) = i + 1, trimmed
        window = "".join(b.text for b in blocks[i : i + n])
        # A title that a later entry matches better belongs to that entry: this one is missing here.
        if any(similarity(other.title, window) > score + 0.05 for other in later):
            continue
        yield i, n, score


def locate_entries(entries: list[TocEntry], blocks: list[Block]) -> tuple[dict[int, tuple[int, int]], list[str]]:
    """Map entry index → (first block, title blocks); notes for entries found out of order or not at all."""
    found: dict[int, tuple[int, int]] = {}
    notes: list[str] = []
    claimed: set[int] = set()
    pos = 0
    for k, entry in enumerate(entries):
        later = entries[k + 1 : k + 1 + LOOKAHEAD_ENTRIES]
        twins = any(e is not entry and e.title == entry.title for e in entries)
        hit = _scan(entry, later, blocks, pos, len(blocks), claimed, twins)
        if hit is None:
            hit = _scan(entry, [], blocks, 0, len(blocks), claimed, twins)
            if hit is not None:
                notes.append(_("'{title}' (p. {page}) is printed out of the 目录's order (source line {line})").format(
                    title=entry.title, page=entry.page, line=blocks[hit[0]].line))
        if hit is None:
            continue
        i, n, _score = hit
        found[k] = (i, n)
        claimed.update(range(i, i + n))
        pos = max(pos, i + n)
    return found, notes


def _starts_new_piece(blocks: list[Block], i: int) -> bool:
    """After an article's closing attribution: a title followed by real text begins another piece."""
    if i + 1 >= len(blocks) or not is_title_like(blocks[i].text):
        return False
    nxt = blocks[i + 1].text
    if len(nxt) >= 40 and SENTENCE_MARKS.search(nxt):
        return True
    # A salutation ("各位读者：") before the text, as in a call for submissions.
    return nxt.endswith(("：", ":")) and i + 2 < len(blocks) and is_paragraph_like(blocks[i + 2].text)


def split_unlisted(piece: Piece) -> list[Piece]:
    """Cut pieces printed outside the 目录 off the end of a piece."""
    pieces = [piece]
    blocks = piece.blocks
    start = piece.title_blocks + 1
    for c in range(start, len(blocks) - 1):
        if not closing_kind(blocks[c].text) or closing_kind(blocks[c + 1].text):
            continue
        # a section's label may stand between the attribution and the next title
        label = SECTION_LABEL.match(blocks[c + 1].text.strip())
        first = c + 2 if label else c + 1
        if _starts_new_piece(blocks, first):
            head = Piece(blocks=blocks[: c + 1], title_blocks=piece.title_blocks, entry=piece.entry,
                         region=piece.region, kicker=piece.kicker, notes=piece.notes)
            rest = Piece(blocks=blocks[first:], title_blocks=1, entry=None, region=piece.region,
                         label=label.group(1) if label else "")
            return [head] + split_unlisted(rest)
    return pieces



def _unlisted(blocks: list[Block], region: str = "body") -> Piece:
    """A piece printed outside the 目录; a section label above its title is its label, not its title."""
    label = SECTION_LABEL.match(blocks[0].text.strip()) if len(blocks) > 2 else None
    if label:
        return Piece(blocks=blocks[1:], title_blocks=1, entry=None, region=region, label=label.group(1))
    return Piece(blocks=blocks, title_blocks=1, entry=None, region=region)


# 引题: two or three parallel phrases of a few characters each, "提高政治站位 把准主攻方向 加强组织领导".
KICKER = re.compile(r"^[\u4e00-\u9fff“”]{2,12}(?:[ 　]+[\u4e00-\u9fff“”]{2,12}){1,3}$")


def _take_kicker(prev: Piece, piece: Piece) -> None:
    """A headline line of parallel phrases right above a title (引题) belongs to the article below it.

    A short line there that is not so shaped ("助学金发放现场") stays with the article above,
    whose photo it captions."""
    if len(prev.blocks) <= prev.title_blocks + 1:
        return
    last = prev.blocks[-1]
    text = last.text
    if KICKER.match(text) and not SENTENCE_MARKS.search(text) and not closing_kind(text):
        prev.blocks.pop()
        piece.kicker = text
        piece.blocks.insert(0, last)
        piece.title_blocks += 1
        piece.notes.append(_("took the line '{line}' above the title as its kicker (引题)").format(line=text))


def cut_body(entries: list[TocEntry], blocks: list[Block]) -> tuple[list[Piece], list[str]]:
    """The body's pieces in print order: every located entry, and the pieces outside the 目录."""
    found, notes = locate_entries(entries, blocks)
    starts = sorted((i, n, k) for k, (i, n) in found.items())
    pieces: list[Piece] = []
    if not starts and blocks:
        # Not one title of the 目录 is printed in the body: keep the text, as one piece to cut by hand.
        notes.append(_("no 目录 entry was found in the body: all its text is kept in one piece outside the 目录"))
        pieces.append(Piece(blocks=blocks, title_blocks=1, entry=None))
    if starts and starts[0][0] > 0:
        lead = blocks[: starts[0][0]]
        if any(is_paragraph_like(b.text) for b in lead):
            pieces.append(_unlisted(lead))
        else:
            notes.append(ngettext("dropped {count} short line between the 目录 and the first article (source line {line})",
                                  "dropped {count} short lines between the 目录 and the first article "
                                  "(source line {line})", len(lead)).format(count=len(lead), line=lead[0].line))
    for idx, (i, n, k) in enumerate(starts):
        end = starts[idx + 1][0] if idx + 1 < len(starts) else len(blocks)
        piece = Piece(blocks=blocks[i:end], title_blocks=n, entry=entries[k])
        if pieces and pieces[-1].entry is not None:
            _take_kicker(pieces[-1], piece)
        pieces.extend(split_unlisted(piece))
    for k, entry in enumerate(entries):
        if k not in found:
            notes.append(_("NOT FOUND in the body: '{title}' (p. {page}); written as a draft with an empty body — "
                           "paste its text by hand").format(title=entry.title, page=entry.page))
            # Keep it in print order: after the piece of the entry before it.
            missing = Piece(blocks=[], title_blocks=0, entry=entry, notes=[_("NOT FOUND in the body: a draft")])
            if k == 0:
                first = next((n for n, p in enumerate(pieces) if p.entry is not None), len(pieces))
                pieces.insert(first, missing)
            else:
                after = next((n for n, p in enumerate(pieces) if p.entry is entries[k - 1]), None)
                pieces.insert(after + 1 if after is not None else len(pieces), missing)
    _flag_pieces_before_missing(pieces)
    return pieces, notes


def _flag_pieces_before_missing(pieces: list[Piece]) -> None:
    """The piece printed before an entry that could not be found runs on to the next title found,
    so it may hold the missing entry's text too: say so in its notes (the report marks them)."""
    for n, piece in enumerate(pieces):
        if piece.blocks or piece.entry is None:
            continue
        before = next((p for p in reversed(pieces[:n]) if p.blocks), None)
        if before is not None:
            before.notes.append(_("the next entry of the 目录, '{title}' (p. {page}), was not found in the body: this "
                                  "piece may hold its text — check where it ends").format(
                title=piece.entry.title, page=piece.entry.page))


def cover_pieces(blocks: list[Block]) -> list[Piece]:
    """A news item printed on the cover pages, before the masthead and 目录, if there is one."""
    for i, block in enumerate(blocks):
        if is_title_like(block.text) and any(len(b.text) >= 40 for b in blocks[i + 1 : i + 3]):
            return split_unlisted(Piece(blocks=blocks[i:], title_blocks=1, entry=None, region="cover"))
    return []


def drop_section_heads(pieces: list[Piece], sections: list[dict]) -> None:
    """A section's heading printed above its first article (信息短播, ＜省总动态＞, ●健康有道) is cut off with the
    piece printed before it, as that piece's last line: drop it there and say so. Only a line that
    is, whole, a section or sub-column name of this issue's 目录 is dropped."""
    names = {match_key(s["name"]): s["name"] for s in sections}
    names.update({match_key(sub): sub for s in sections for sub in s.get("subcolumns") or []})
    for piece in pieces:
        while len(piece.blocks) > piece.title_blocks + 1:
            text = piece.blocks[-1].text.strip()
            marked = SUBCOLUMN.match(text) or SECTION_LABEL.match(text)
            name = names.get(match_key(marked.group(1) if marked else text))
            if name is None:
                break
            piece.notes.append(_("dropped '{line}' at its end (source line {number}): the heading of '{name}', "
                                 "printed above the next article").format(
                line=piece.blocks[-1].text, number=piece.blocks[-1].line, name=name))
            piece.blocks = piece.blocks[:-1]


def set_captions_apart(blocks: list[Block], caption_lines: set[int]) -> tuple[list[Block], list[tuple[Block | None, Block]]]:
    """Take the photo captions a PDF's layout showed (under a picture, in smaller type) out of the
    text: a caption among the titles would be taken for one, and among the text for a paragraph.
    Each is kept with the block of text before it, which tells whose photo it is."""
    text: list[Block] = []
    captions: list[tuple[Block | None, Block]] = []
    for block in blocks:
        if block.line in caption_lines:
            captions.append((text[-1] if text else None, block))
        else:
            text.append(block)
    return text, captions


def attach_captions(pieces: list[Piece], captions: list[tuple[Block | None, Block]]) -> None:
    """Give each caption to the piece printed around it (the piece of the text before it)."""
    whose = {id(block): piece for piece in pieces for block in piece.blocks}
    for before, caption in captions:
        piece = whose.get(id(before)) if before is not None else (pieces[0] if pieces else None)
        if piece is not None:
            piece.captions.append(caption.text)
