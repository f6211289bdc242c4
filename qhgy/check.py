"""Checking has one home: read a content folder, validate every file against the key table
and the rules between files (qhgy.checks: one module per kind of rule), and build the typed
journal (qhgy.model) from it.

`invoke check`, `invoke build` and the build's plugin all come here, so a content folder is
read and checked once per build, and what one of them accepts the others accept too. Errors
stop them; warnings (a draft with no text yet) are printed and counted, and stop nothing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from qhgy.checks import ContentWarning, Findings
from qhgy.checks.bodies import check_bodies
from qhgy.checks.internal import check_internal_words
from qhgy.checks.headers import check_headers
from qhgy.checks.issues import check_articles, check_issue_files, check_slugs
from qhgy.checks.links import check_links
from qhgy.content import ContentFiles, read_content
from qhgy.errors import ContentError
from qhgy.i18n import _, ngettext
from qhgy.ids import KINDS, assign, load_registry, save_registry
from qhgy.journal import credit_writers
from qhgy.legal import LegalMarks
from qhgy.model import Journal, build_journal
from qhgy.names import load_all_names


class ContentProblems(ContentError):
    """The content folder has problems; `problems` holds each, as file:line: problem — fix."""

    def __init__(self, content_dir: Path, problems: list[ContentError]):
        self.content_dir = content_dir
        self.problems = problems
        super().__init__(problems[0].path, _("{problem} ({count} problem(s) in {folder}/: run `invoke check` for all "
                                             "of them)").format(problem=problems[0].problem, count=len(problems),
                                                                folder=content_dir), problems[0].fix, problems[0].line)


@dataclass
class Checked:
    """What a check found: the journal when the content is valid, else every problem (the
    errors); warnings do not stop a build."""
    content_dir: Path
    problems: list[ContentError]
    journal: Journal | None = None
    new_ids: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, name, id) assigned now
    warnings: list[ContentWarning] = field(default_factory=list)

    def journal_or_raise(self) -> Journal:
        if self.problems:
            raise ContentProblems(self.content_dir, self.problems)
        return self.journal


def names_in_content(files: ContentFiles) -> dict[str, list[str]]:
    """Every author, section and tag name the content uses, in a stable order."""
    out: dict[str, list[str]] = {kind: [] for kind in KINDS}

    def add(kind, name):
        if isinstance(name, str) and name.strip() and name not in out[kind]:
            out[kind].append(name)

    for _path, meta in files.issues:
        for section in meta.get("sections") or []:
            add("sections", section.get("name"))
    for _path, meta, _body in files.articles:
        for name in meta.get("authors") or []:
            add("authors", name)
        for name, _role in credit_writers(meta.get("credits") if isinstance(meta.get("credits"), str) else ""):
            add("authors", name)  # a credit line's writer is an author, with an author page
        add("sections", meta.get("category"))
        for tag in meta.get("tags") or []:
            add("tags", tag)
    return out


def _in_file_order(problems: list) -> list:
    return sorted(problems, key=lambda p: (str(p.path), p.line or 0))


def check_content(content_dir: Path, assign_ids: bool = False, legal: LegalMarks | None = None) -> Checked:
    """Read and validate a content folder; with assign_ids, give new names their URL ids (saved in
    ids.yaml) first; with legal marks of a 内部资料, warn about words it may not use. The journal is
    built only when there is no error."""
    content_dir = Path(content_dir)
    files = read_content(content_dir)
    found = Findings(list(files.problems))
    try:
        ids = load_registry(content_dir)
    except ContentError as err:
        found.errors.append(err)
        ids = {}
    try:
        other_languages = load_all_names(content_dir)  # content/names/<lang>.yaml
    except ContentError as err:
        found.errors.append(err)
        other_languages = {}
    check_headers(files, found)
    check_issue_files(files, found)
    check_articles(files, found)
    check_slugs(files, found)
    check_bodies(files, found)
    check_links(files, content_dir, ids, found)
    if legal is not None and legal.internal:
        check_internal_words(files, found)
    checked = Checked(content_dir, _in_file_order(found.errors), warnings=_in_file_order(found.warnings))
    if checked.problems:
        return checked
    if assign_ids:
        for kind, names in names_in_content(files).items():
            checked.new_ids += [(kind, name, ident) for name, ident in assign(ids, kind, names)]
        if checked.new_ids or not (content_dir / "ids.yaml").exists():
            save_registry(content_dir, ids)
    checked.journal = build_journal(files.issues, files.articles, files.pages, ids, content_dir, other_languages)
    return checked


def load_journal(content_dir: Path) -> Journal:
    """The typed journal of a valid content folder; ContentProblems names every problem."""
    return check_content(content_dir).journal_or_raise()


def report(checked: Checked, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Print what a check found — every error and warning as path:line: problem — fix, then a
    summary that counts them — and return the exit status: 1 if there is an error, else 0."""
    out, err = out or sys.stdout, err or sys.stderr
    for problem in checked.problems:
        print(problem, file=err)
    for warning in checked.warnings:
        print(_("{where}warning: {problem}").format(where=_where(warning), problem=_what(warning)), file=err)
    errors, warnings = len(checked.problems), len(checked.warnings)
    counts = _("{errors}, {warnings}").format(
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings))
    if errors:
        print(_("{folder}/: {counts} — fix the errors before building.").format(folder=checked.content_dir,
                                                                              counts=counts), file=err)
        return 1
    journal = checked.journal
    print(_("{folder}/: {issues} issue(s), {articles} article(s), {pages} page(s) — all valid ({counts}).").format(
        folder=checked.content_dir, issues=len(journal.issues), articles=len(journal.articles),
        pages=len(journal.pages), counts=counts), file=out)
    return 0


def _where(problem: ContentError) -> str:
    if problem.path is None:
        return ""
    return f"{problem.path}:{problem.line}: " if problem.line else f"{problem.path}: "


def _what(problem: ContentError) -> str:
    return f"{problem.problem} — {problem.fix}" if problem.fix else problem.problem


def run_check(content_dir: Path, legal: LegalMarks | None = None) -> int:
    """The `check` command: check a content folder, print every problem and the summary, and
    return the exit status (qhgy.cli calls it)."""
    return report(check_content(content_dir, legal=legal))
