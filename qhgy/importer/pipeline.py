"""Run the import stages in order: source → 目录 → pieces → articles → files → report."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from qhgy.content import ARTICLES_DIR, ISSUE_FILE, PAGES_DIR, dump_yaml, render_markdown_file
from qhgy.errors import ContentError, SourceError
from qhgy.i18n import _
from qhgy.importer.article import build_draft
from qhgy.importer.blocks import split_blocks
from qhgy.importer.masthead import masthead_start, parse_masthead
from qhgy.importer.model import Item, Plan
from qhgy.importer.patterns import PHOTO_WORK_CREDIT
from qhgy.importer.report import render_report
from qhgy.importer.segment import (
    Piece, attach_captions, cover_pieces, cut_body, drop_section_heads, set_captions_apart,
)
from qhgy.importer.source import Source, read_source, source_bytes
from qhgy.importer.toc import Toc, parse_toc
from qhgy.importer.write import (
    MANIFEST_NAME, STALE, Outcome, commit, current_hash, decide, read_manifest, render_manifest, stale_files,
)
from qhgy.journal import CALL_FOR_SUBMISSIONS, JOURNAL_TITLE, LANGUAGE
from qhgy.schema import validate
from qhgy.textnorm import normalize

REPORT_NAME = "import-report.txt"


def _last_pages(toc: Toc) -> list[int]:
    """An article ends on the page before the next entry starts (or on its own page if that one shares it)."""
    lasts = []
    for k, entry in enumerate(toc.entries):
        nxt = next((e.page for e in toc.entries[k + 1 :] if e.page > entry.page), None)
        same_page_next = k + 1 < len(toc.entries) and toc.entries[k + 1].page == entry.page
        lasts.append(entry.page if nxt is None or same_page_next else max(entry.page, nxt - 1))
    return lasts


def _neighbour_section(toc: Toc, pieces: list[Piece], n: int) -> str:
    """The section to guess for a piece printed outside the 目录: the one its label names, if the
    目录 has it; else that of the listed piece printed before it (after it, for one printed before
    them all), so always one of the issue's own."""
    if pieces[n].label in [s["name"] for s in toc.sections]:
        return pieces[n].label
    before = [p.entry for p in pieces[:n] if p.entry is not None]
    after = [p.entry for p in pieces[n + 1 :] if p.entry is not None]
    neighbour = before[-1] if before else after[0] if after else None
    return neighbour.section if neighbour is not None else toc.sections[0]["name"]


def check_folios(source: Source, toc: Toc, items: list[Item]) -> list[str]:
    """A print PDF's page numbers against its 目录: an article whose title stands on a page whose
    folio is not the 目录's page is marked; a 目录 page that no page prints is an issue-wide note."""
    if not source.folios:
        return []
    for item in items:
        entry, blocks = item.piece.entry, item.piece.blocks
        if entry is None or not blocks:
            continue
        page = source.pages[blocks[0].line - 1] if blocks[0].line - 1 < len(source.pages) else None
        folio = source.folios.get(page)
        if folio is not None and folio != entry.page:
            item.draft.notes.append(_("the 目录 gives page {page}, but the page its title is printed on has the folio "
                                      "{folio}: check which is right").format(page=entry.page, folio=folio))
    printed = set(source.folios.values())
    missing = sorted({entry.page for entry in toc.entries} - printed)
    if not missing:
        return []
    return [_("the 目录 gives page(s) {pages}, which no page of the PDF prints as its number: check the 目录's "
              "page numbers").format(pages=_(", ").join(map(str, missing)))]


def _number_items(toc: Toc, pieces: list[Piece]) -> list[Item]:
    lasts = _last_pages(toc)
    items: list[Item] = []
    previous_last = max(1, toc.entries[0].page - 1)
    for order, piece in enumerate(pieces, start=1):
        draft = build_draft(piece)
        if piece.entry is not None:
            k = toc.entries.index(piece.entry)
            first, last = piece.entry.page, lasts[k]
            section, subcolumn = piece.entry.section, piece.entry.subcolumn
        else:
            first = last = previous_last
            section, subcolumn = _neighbour_section(toc, pieces, order - 1), None
            draft.notes.append(_("printed outside the 目录: page {page} and section '{section}' are guesses").format(
                page=first, section=section))
        kind = "page" if piece.entry is None and CALL_FOR_SUBMISSIONS.search(draft.title) else "article"
        items.append(Item(order, draft, piece, kind, section, subcolumn, first, last))
        previous_last = last
    titles = Counter(item.draft.title for item in items)
    for item in items:
        if titles[item.draft.title] > 1:
            who = "、".join(item.draft.authors) or _("no author")
            item.draft.notes.append(_("{count} pieces share this title; this one is told apart by its author "
                                      "({authors})").format(count=titles[item.draft.title], authors=who))
    return items


def _article_meta(item: Item, toc: Toc) -> dict:
    d = item.draft
    order = f"{item.order:02d}"
    meta: dict = {"title": d.title}
    for key, value in (("kicker", d.kicker), ("subtitle", d.subtitle)):
        if value:
            meta[key] = value
    if d.authors:
        meta["authors"] = list(d.authors)
    roles = {name: role for name, role in d.roles.items() if name in d.authors and role}
    if roles:
        meta["author_roles"] = roles
    if d.author_note:
        meta["author_note"] = d.author_note
    meta["category"] = item.section
    if item.subcolumn:
        meta["subcolumn"] = item.subcolumn
    meta.update({"issue": f"{toc.year}/{toc.number}", "order": order,
                 "first_page": str(item.first_page), "last_page": str(item.last_page),
                 "date": toc.date.isoformat()})
    for key, value in (("article_date", d.article_date), ("source_unit", d.source_unit),
                       ("reprinted_from", d.reprinted_from), ("credits", d.credits)):
        if value:
            meta[key] = value
    # the scholarly record printed with it, in the key table's order (qhgy.importer.record)
    for key in ("abstract", "keywords", "summary_en", "keywords_en", "fund", "clc", "doi", "received", "revised"):
        if d.record.get(key):
            meta[key] = d.record[key]
    if item.piece.entry is None:
        meta["in_toc"] = False
    meta["lang"] = LANGUAGE
    meta["slug"] = f"qhgy-{toc.year}-{toc.number}-{order}"
    if not d.paragraphs:
        meta["status"] = "draft"
    return meta


def _page_meta(item: Item, toc: Toc, suffix: str = "") -> dict:
    return {"title": item.draft.title, "purpose": "call-for-submissions", "issue": f"{toc.year}/{toc.number}",
            "order": f"{item.order:02d}", "first_page": str(item.first_page), "last_page": str(item.last_page),
            "date": toc.date.isoformat(), "lang": LANGUAGE,
            "slug": f"call-for-submissions-{toc.year}-{toc.number}{suffix}"}


def plan_import(source_path: Path, date: dt.date | None = None,
                known_sections: frozenset[str] = frozenset()) -> Plan:
    """Everything an import would write, computed without touching the content folder."""
    source = read_source(source_path)
    lines = source.lines
    toc = parse_toc(lines, source.path, date, known_sections)
    front = lines[: toc.start]
    start = masthead_start(front)
    masthead, contact = parse_masthead(front[start:]) if start is not None else ([], {})
    cover_blocks, dropped_front = split_blocks(front, 0, start if start is not None else len(front))
    body_blocks, dropped_body = split_blocks(lines, toc.end)
    back_cover = ""
    if body_blocks and PHOTO_WORK_CREDIT.match(body_blocks[-1].text):
        back_cover = normalize(body_blocks.pop().text)  # the back cover's photo, after the last article
    body_blocks, captions = set_captions_apart(body_blocks, source.captions)
    body, notes = cut_body(toc.entries, body_blocks)
    attach_captions(body, captions)
    drop_section_heads(body, toc.sections)
    items = _number_items(toc, cover_pieces(cover_blocks) + body)
    notes += check_folios(source, toc, items)

    issue_meta = {"journal": JOURNAL_TITLE, "year": toc.year, "number": toc.number, "label": toc.label,
                  "date": toc.date.isoformat()}
    for key, value in (("cover_caption", toc.cover_caption), ("cover_credit", toc.cover_credit)):
        if value:
            issue_meta[key] = value
    if back_cover:
        issue_meta["back_cover_credit"] = back_cover
    if masthead:
        issue_meta["masthead"] = masthead
    if contact:
        issue_meta["contact"] = contact
    issue_meta["sections"] = toc.sections
    issue_meta["source"] = source.path.name

    counts = Counter()
    for item in items:
        counts.update(item.draft.counts)
    plan = Plan(source, toc, issue_meta, items, source.notes + toc.notes + notes, counts,
                source.furniture_dropped + dropped_front + dropped_body)
    _render_files(plan)
    return plan


def _render_files(plan: Plan) -> None:
    toc = plan.toc
    files: dict[str, bytes] = {}
    problems: list[str] = []
    calls = 0
    for item in plan.items:
        if item.kind == "page":
            calls += 1  # an issue may print two calls: the second is -2
            suffix = f"-{calls}" if calls > 1 else ""
            item.meta = _page_meta(item, toc, suffix)
            item.rel_path = f"{PAGES_DIR}/calls/{toc.year}-{toc.number}{suffix}.md"
        else:
            item.meta = _article_meta(item, toc)
            item.rel_path = f"{ARTICLES_DIR}/{toc.year}/{toc.number}/{item.order:02d}.md"
        problems += [f"{item.rel_path}: {p}" for p in validate(item.kind, item.meta)]
        files[item.rel_path] = render_markdown_file(item.meta, "\n\n".join(item.draft.paragraphs)).encode("utf-8")
    problems += [f"{ISSUE_FILE}: {p}" for p in validate("issue", plan.issue_meta)]
    if problems:  # the importer's own output must pass the checker; never write what the build would refuse
        raise ContentError(plan.source.path, _("the import produced invalid content: {problems}").format(
            problems="; ".join(problems)), _("report this as a bug of the importer"))
    files[f"{plan.issue_dir}/{ISSUE_FILE}"] = dump_yaml(plan.issue_meta).encode("utf-8")
    files[f"{plan.issue_dir}/{plan.source.path.name}"] = source_bytes(plan.source.path)
    plan.report = render_report(plan)
    files[f"{plan.issue_dir}/{REPORT_NAME}"] = plan.report.encode("utf-8")
    # The manifest lists the hashes of everything above; it is itself rewritten every time.
    files[f"{plan.issue_dir}/{MANIFEST_NAME}"] = render_manifest(files)
    plan.files = files


# Below this share of the 目录's articles found in the body, the source's text does not follow its
# 目录 (a PDF whose titles are set as body text, columns read across): most of the issue would be
# written as empty drafts, so the import stops instead, unless the editor asks for what was found.
FOUND_AT_LEAST = 0.8


class TooLittleFound(SourceError):
    """Most articles of the 目录 were not found in the body."""


def check_found(plan: Plan) -> None:
    listed = len(plan.toc.entries)
    found = sum(1 for item in plan.items if item.piece.entry is not None and item.piece.blocks)
    if found < FOUND_AT_LEAST * listed:
        raise TooLittleFound(plan.source.path,
                             _("only {found} of the {listed} articles of the 目录 were found in the body "
                               "({share}): the rest would be written as empty drafts, so nothing was written").format(
                                 found=found, listed=listed, share=f"{found / listed:.0%}"),
                             _("import the issue's extracted text (.txt) instead, or export the PDF again from the "
                               "layout program; --keep-partial writes what was found, with drafts for the rest"))


def import_issue(source_path: Path, content_dir: Path, force: bool = False, date: dt.date | None = None,
                 backup_dir: Path | None = None, keep_partial: bool = False) -> tuple[Plan, list[Outcome]]:
    """Import one issue into content_dir; return the plan and what happened to each file. An
    import that finds too few of the 目录's articles in the body writes nothing (TooLittleFound),
    unless keep_partial."""
    content_dir = Path(content_dir)
    plan = plan_import(source_path, date, known_section_names(content_dir))
    if not keep_partial:
        check_found(plan)
    manifest_rel = f"{plan.issue_dir}/{MANIFEST_NAME}"
    manifest = read_manifest(content_dir / manifest_rel)
    # Machine-owned files (the report, the manifest) are always rewritten.
    machine = {manifest_rel, f"{plan.issue_dir}/{REPORT_NAME}"}
    outcomes = decide(content_dir, plan.files, {**manifest, **{m: current_hash(content_dir / m) for m in machine}},
                      force)
    backup_root = backup_dir or content_dir.resolve().parent / "backups"
    commit(content_dir, plan.files, outcomes, backup_root)
    outcomes += [Outcome(rel, STALE) for rel in stale_files(content_dir, plan.files, manifest)]
    return plan, outcomes


def known_section_names(content_dir: Path) -> frozenset[str]:
    """Section names the journal has used: they help read a 目录 printed without blank lines."""
    from qhgy.ids import load_registry  # here: it imports pypinyin (~0.4 s), which plan_import never needs

    try:
        return frozenset(load_registry(content_dir)["sections"])
    except ContentError:
        return frozenset()
