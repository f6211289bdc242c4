"""Choose the title a reader sees: the 目录's, the printed heading's where it corrects a character,
and a kicker (引题) the printed heading carries in front of it."""

from __future__ import annotations

import re

from qhgy.i18n import _
from qhgy.importer.model import Draft
from qhgy.importer.segment import Piece
from qhgy.textnorm import match_key, normalize

# One or two characters differ between 目录 and heading: a misprint on one side, not another title.
MAX_CORRECTED_CHARS = 2


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
        kicker, _rest = _strip_prefix_raw(printed, len(pk) - len(lk))
        draft.kicker = normalize(kicker, draft.counts)
        draft.notes.append(_("the printed title begins with '{kicker}': kept as its kicker (引题)").format(
            kicker=draft.kicker))
        return listed
    if pk == lk:
        return listed
    if (diff := _edit_distance_same_length(pk, lk)) is not None and diff <= MAX_CORRECTED_CHARS:
        draft.notes.append(_("目录 prints the title as '{listed}', the article as '{printed}': "
                             "used the article's; check which is right").format(listed=listed, printed=printed))
        return normalize(printed, draft.counts)
    draft.notes.append(_("the article prints its title as '{printed}'; used the 目录's '{listed}'").format(
        printed=printed, listed=listed))
    return listed
