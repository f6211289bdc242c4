"""Stage 4: turn one piece of the body into an article's draft — title, head, tail, then the body's
paragraphs cleaned and rendered as Markdown. Each step is a module of its own; this one runs them."""

from __future__ import annotations

from qhgy.i18n import _
from qhgy.importer.head import add_listed_authors, parse_head
from qhgy.importer.markdown import caption_markdown, to_markdown
from qhgy.importer.model import Draft
from qhgy.importer.paragraphs import drop_jumps, join_paragraphs, unify_item_numbers
from qhgy.importer.punctuation import document_number, normalize_more
from qhgy.importer.record import take_record
from qhgy.importer.segment import Piece
from qhgy.importer.tail import date_from_signature, parse_tail, take_trailing_source_unit
from qhgy.importer.title import choose_title
from qhgy.textnorm import normalize


def build_draft(piece: Piece) -> Draft:
    draft = Draft(title="", kicker=piece.kicker, notes=list(piece.notes))
    draft.captions = [normalize(caption, draft.counts) for caption in piece.captions]
    draft.title = choose_title(piece, draft)
    if piece.kicker:
        draft.kicker = normalize(piece.kicker, draft.counts)
    known = list(piece.entry.authors) if piece.entry else []
    head_end = parse_head(piece.blocks, piece.title_blocks, draft, known)
    body_end = parse_tail(piece.blocks, head_end, draft)
    add_listed_authors(draft, known)
    body = piece.blocks[head_end:body_end]
    paragraphs = take_record(drop_jumps(join_paragraphs(body, draft), draft), draft)
    take_trailing_source_unit(paragraphs, draft)
    counts = draft.counts
    paragraphs = unify_item_numbers(
        [document_number(normalize_more(normalize(p, counts), counts), counts) for p in paragraphs], draft)
    draft.paragraphs = [to_markdown(p, draft.title, counts) for p in paragraphs]
    draft.paragraphs += [caption_markdown(c) for c in draft.captions]
    if not draft.paragraphs:
        draft.notes.append(_("the body is empty"))
    date_from_signature(body, draft)
    return draft
