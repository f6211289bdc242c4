"""Stage 6: the import report — every piece with its page, section and authors, and what
the importer was unsure of, so the editor knows what to proofread. Written in the editor's
language (qhgy.i18n)."""

from __future__ import annotations

import re
import unicodedata

from qhgy.i18n import _, ngettext
from qhgy.importer.model import Plan
from qhgy.importer.write import KEPT, NEW, REPLACED, STALE, UNCHANGED, UPDATED, Outcome

SECTION_WIDTH = 28


def _pad(text: str, width: int) -> str:
    """Pad to a column width counting Chinese characters as two columns, as a terminal shows them."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


_MARK_MADE_FULL_WIDTH = re.compile(r"^ASCII '(.)' made full-width$")


def normalisation_label(kind: str) -> str:
    """A kind of normalisation counted by the text stages (their English key) in the editor's language."""
    if m := _MARK_MADE_FULL_WIDTH.match(kind):
        return _("ASCII '{mark}' made full-width").format(mark=m.group(1))
    labels = {
        "ASCII parentheses made full-width": _("ASCII parentheses made full-width"),
        "space between Chinese and digits removed": _("space between Chinese and digits removed"),
        "space left by a line wrap removed from a heading": _("space left by a line wrap removed from a heading"),
        "numbering of a list made consistent": _("numbering of a list made consistent"),
        "brackets of a document number made 〔〕": _("brackets of a document number made 〔〕"),
    }
    return labels.get(kind, kind)


def _status_count(status: str, n: int) -> str:
    """"3 new", "2 kept (edited by hand)": how many files had one outcome."""
    labels = {
        NEW: _("{count} new"),
        UPDATED: _("{count} updated"),
        UNCHANGED: _("{count} unchanged"),
        KEPT: _("{count} kept (edited by hand)"),
        REPLACED: _("{count} replaced"),
        STALE: _("{count} no longer produced"),
    }
    return labels.get(status, "{count} " + status).format(count=n)


def _join(parts: list[str]) -> str:
    # TRANSLATORS: the separator of a list in one line of the import report ("3 new, 2 unchanged").
    return _(", ").join(parts)


def render_report(plan: Plan) -> str:
    toc = plan.toc
    items = plan.items
    listed = sum(1 for i in items if i.piece.entry is not None)
    unsure = sum(1 for i in items if i.draft.notes)
    n_lines = len(plan.source.lines)
    lines = [
        _("Import report: 《青海工运》{label} (published {date})").format(label=toc.label, date=toc.date.isoformat()),
        ngettext("Source: {name} ({kind}, {count} line)", "Source: {name} ({kind}, {count} lines)", n_lines).format(
            name=plan.source.path.name, kind=plan.source.kind, count=n_lines),
        _("目录: {entries} entries in {sections} sections; {pieces} pieces written: {listed} from the 目录, "
          "{outside} printed outside it").format(entries=len(toc.entries), sections=len(toc.sections),
                                                  pieces=len(items), listed=listed, outside=len(items) - listed),
        ngettext("Page furniture dropped: {count} line", "Page furniture dropped: {count} lines",
                 plan.furniture_dropped).format(count=plan.furniture_dropped),
    ]
    if plan.counts:
        # TRANSLATORS: one kind of normalisation and how often it was made: "space … removed ×12".
        lines.append(_("Normalised: {kinds}").format(kinds=_("; ").join(
            _("{kind} ×{count}").format(kind=normalisation_label(kind), count=n)
            for kind, n in sorted(plan.counts.items()))))
    lines.append(ngettext("To proofread: {count} piece marked ! below", "To proofread: {count} pieces marked ! below",
                          unsure).format(count=unsure))
    drafts = sum(1 for i in items if i.kind == "article" and not i.draft.paragraphs)
    lines.append(_("Drafts to fill in: {count}").format(count=drafts)
                 + (_(" (articles of the 目录 not found in the body, written with no text: paste their text, "
                      "then remove 'status: draft')") if drafts else ""))
    if plan.notes:
        lines += ["", _("Issue-wide notes:")] + [f"  ! {note}" for note in plan.notes]
    # TRANSLATORS: the column header of the report's list of pieces; keep the columns aligned with
    # the lines under it: order (5 columns wide), pages (6), then {section} and the title.
    lines += ["", _("order  pages   {section}  title — authors").format(
        section=_pad(_("section / sub-column"), SECTION_WIDTH))]
    # TRANSLATORS: after the title of a piece written as a page (a call for submissions), not an article.
    page_mark = _(" [page]")
    for item in items:
        pages = f"{item.first_page}" if item.first_page == item.last_page else f"{item.first_page}-{item.last_page}"
        section = item.section + (f" / {item.subcolumn}" if item.subcolumn else "")
        authors = "、".join(
            f"{n}（{item.draft.roles[n]}）" if item.draft.roles.get(n) else n for n in item.draft.authors)
        kind = page_mark if item.kind == "page" else ""
        lines.append(f"{item.order:>5}  {pages:<6}  {_pad(section, SECTION_WIDTH)}  {item.draft.title}"
                     f"{' — ' + authors if authors else ''}{kind}")
        lines.append(f"       → {item.rel_path}")
        lines += [f"       ! {note}" for note in item.draft.notes]
    return "\n".join(lines) + "\n"


def render_outcomes(outcomes: list[Outcome]) -> str:
    """What happened to each file on this run (printed, not saved: a re-import must be byte-identical)."""
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    lines = [_("Files: {summary}").format(summary=_join([_status_count(status, n) for status, n in counts.items()]))]
    for o in outcomes:
        if o.status == KEPT:
            lines.append("  " + _("kept {path}: edited since the last import; re-run with --force to replace it "
                                  "(the edited version is then backed up)").format(path=o.path))
        elif o.status == REPLACED:
            lines.append("  " + _("replaced {path}; the edited version is saved as {backup}").format(
                path=o.path, backup=o.backup))
        elif o.status == STALE:
            lines.append("  " + _("{path}: an earlier import wrote it, this one does not; it is left in place — "
                                  "delete it if it is obsolete").format(path=o.path))
    return "\n".join(lines)
