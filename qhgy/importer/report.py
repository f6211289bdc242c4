"""Stage 6: the import report — every piece with its page, section and authors, and what
the importer was unsure of, so the editor knows what to proofread."""

from __future__ import annotations

import unicodedata

from qhgy.importer.model import Plan
from qhgy.importer.write import KEPT, REPLACED, STALE, Outcome


def _pad(text: str, width: int) -> str:
    """Pad to a column width counting Chinese characters as two columns, as a terminal shows them."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def render_report(plan: Plan) -> str:
    toc = plan.toc
    items = plan.items
    listed = sum(1 for i in items if i.piece.entry is not None)
    unsure = sum(1 for i in items if i.draft.notes)
    lines = [
        f"Import report: 《青海工运》{toc.label} (published {toc.date.isoformat()})",
        f"Source: {plan.source.path.name} ({plan.source.kind}, {len(plan.source.lines)} lines)",
        f"目录: {len(toc.entries)} entries in {len(toc.sections)} sections; "
        f"{len(items)} pieces written: {listed} from the 目录, {len(items) - listed} printed outside it",
        f"Page furniture dropped: {plan.furniture_dropped} line(s)",
    ]
    if plan.counts:
        lines.append("Normalised: " + "; ".join(f"{kind} ×{n}" for kind, n in sorted(plan.counts.items())))
    lines.append(f"To proofread: {unsure} piece(s) marked ! below")
    drafts = sum(1 for i in items if i.kind == "article" and not i.draft.paragraphs)
    lines.append(f"Drafts to fill in: {drafts}" + (" (articles of the 目录 not found in the body, written with no text: "
                                                  "paste their text, then remove 'status: draft')" if drafts else ""))
    if plan.notes:
        lines += ["", "Issue-wide notes:"] + [f"  ! {note}" for note in plan.notes]
    lines += ["", f"order  pages   {_pad('section / sub-column', 28)}  title — authors"]
    for item in items:
        pages = f"{item.first_page}" if item.first_page == item.last_page else f"{item.first_page}-{item.last_page}"
        section = item.section + (f" / {item.subcolumn}" if item.subcolumn else "")
        authors = "、".join(
            f"{n}（{item.draft.roles[n]}）" if item.draft.roles.get(n) else n for n in item.draft.authors)
        kind = " [page]" if item.kind == "page" else ""
        lines.append(f"{item.order:>5}  {pages:<6}  {_pad(section, 28)}  {item.draft.title}"
                     f"{' — ' + authors if authors else ''}{kind}")
        lines.append(f"       → {item.rel_path}")
        lines += [f"       ! {note}" for note in item.draft.notes]
    return "\n".join(lines) + "\n"


def render_outcomes(outcomes: list[Outcome]) -> str:
    """What happened to each file on this run (printed, not saved: a re-import must be byte-identical)."""
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    lines = ["Files: " + ", ".join(f"{n} {status}" for status, n in counts.items())]
    for o in outcomes:
        if o.status == KEPT:
            lines.append(f"  kept {o.path}: edited since the last import; re-run with --force to replace it "
                         "(the edited version is then backed up)")
        elif o.status == REPLACED:
            lines.append(f"  replaced {o.path}; the edited version is saved as {o.backup}")
        elif o.status == STALE:
            lines.append(f"  {o.path}: an earlier import wrote it, this one does not; it is left in place — "
                         "delete it if it is obsolete")
    return "\n".join(lines)
