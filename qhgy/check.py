"""Checking has one home: read a content folder, validate every file against the key table
and the rules between files, and build the typed journal (qhgy.model) from it.

`invoke check`, `invoke build` and the build's plugin all come here, so a content folder is
read and checked once per build, and what one of them accepts the others accept too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from qhgy.content import ISSUE_FILE, ISSUES_DIR, ContentFiles, key_line, read_content
from qhgy.errors import ContentError
from qhgy.ids import KINDS, assign, load_registry, save_registry
from qhgy.model import Journal, build_journal
from qhgy.schema import validate


class ContentProblems(ContentError):
    """The content folder has problems; `problems` holds each, as file:line: problem — fix."""

    def __init__(self, content_dir: Path, problems: list[ContentError]):
        self.content_dir = content_dir
        self.problems = problems
        super().__init__(problems[0].path, f"{problems[0].problem} ({len(problems)} problem(s) in {content_dir}/: "
                         "run `invoke check` for all of them)", problems[0].fix, problems[0].line)


@dataclass
class Checked:
    """What a check found: the journal when the content is valid, else every problem."""
    content_dir: Path
    problems: list[ContentError]
    journal: Journal | None = None
    new_ids: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, name, id) assigned now

    def journal_or_raise(self) -> Journal:
        if self.problems:
            raise ContentProblems(self.content_dir, self.problems)
        return self.journal


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _issue_problems(files: ContentFiles) -> list[ContentError]:
    """An issue is YEAR/NUMBER: its file lives in issues/YEAR/NUMBER/, and only one file says so.
    (Otherwise two files for one issue, 9-10/ and 09-10/, both load and one silently wins.)"""
    problems: list[ContentError] = []
    seen: dict[str, Path] = {}
    for path, meta in files.issues:
        problems += [ContentError(path, p) for p in validate("issue", meta)]
        if "year" not in meta or "number" not in meta:
            continue
        ref = f"{meta['year']}/{meta['number']}"
        folder = f"{path.parent.parent.name}/{path.parent.name}"
        if folder != ref:
            key = "number" if path.parent.name != str(meta["number"]) else "year"
            problems.append(ContentError(
                path, f"'year' and 'number' say issue {ref}, but the file is in {ISSUES_DIR}/{folder}/",
                f"move it to {ISSUES_DIR}/{ref}/ (an issue's folder is {ISSUES_DIR}/YEAR/NUMBER), "
                f"or correct '{key}' if that is what is wrong", key_line(path, key)))
        if ref in seen:
            problems.append(ContentError(
                path, f"issue {ref} is also described by {seen[ref]}",
                "keep one issue file per issue: merge the two and delete the other", key_line(path, "number")))
        seen.setdefault(ref, path)
    return problems


def _article_problems(files: ContentFiles) -> list[ContentError]:
    issue_dates = {f"{m.get('year')}/{m.get('number')}": _iso(m.get("date")) for _, m in files.issues}
    problems: list[ContentError] = []
    seen: dict[tuple, Path] = {}
    for kind, items in (("article", files.articles), ("page", files.pages)):
        for path, meta, _ in items:
            problems += [ContentError(path, p) for p in validate(kind, meta)]
    for path, meta, body in files.articles:
        # An article the importer did not find in the source is written as a draft with no text: it
        # is work left to do, not valid content.
        if meta.get("status") == "draft" and not body.strip():
            problems.append(ContentError(path, "is a draft with no text (the import did not find it in the source)",
                                         "paste the article's text under the header, then remove 'status: draft'",
                                         key_line(path, "status")))
        ref, order = meta.get("issue"), meta.get("order")
        if ref and ref not in issue_dates:
            problems.append(ContentError(path, f"'issue' is {ref}, but there is no {ISSUES_DIR}/{ref}/{ISSUE_FILE}"))
        key = (ref, order, meta.get("lang"))  # a translation is the same article in another language
        if key in seen:
            problems.append(ContentError(path, f"'order' {order} is also used by {seen[key]}",
                                         "every article of an issue needs its own order"))
        seen.setdefault(key, path)
        # The URL is /YEAR/NUMBER/07/: an order spelt otherwise ('7', '007') would move it.
        if isinstance(order, str) and order.isdigit() and order != f"{int(order):02d}":
            problems.append(ContentError(path, f"'order' must be written with two digits at least: "
                                         f"'{int(order):02d}', not '{order}'", "it makes the article's URL",
                                         key_line(path, "order")))
        if ref in issue_dates and "date" in meta and _iso(meta["date"]) != issue_dates[ref]:
            problems.append(ContentError(path, f"'date' is {_iso(meta['date'])} but the issue "
                                         f"was published {issue_dates[ref]}", "use the issue's date"))
    # Pelican takes two pieces that share a slug for translations of each other: in one language,
    # it would publish one of them, with only a warning, at the translation's URL.
    for kind, items in (("article", files.articles), ("page", files.pages)):
        slugs: dict[tuple, Path] = {}
        for path, meta, _ in items:
            slug = meta.get("slug")
            if isinstance(slug, str) and (slug, meta.get("lang")) in slugs:
                problems.append(ContentError(path, f"'slug' {slug} is also used by {slugs[slug, meta.get('lang')]}",
                                             f"give every {kind} its own slug", key_line(path, "slug")))
            slugs.setdefault((slug, meta.get("lang")), path)
    return problems


def names_in_content(files: ContentFiles) -> dict[str, list[str]]:
    """Every author, section and tag name the content uses, in a stable order."""
    out: dict[str, list[str]] = {kind: [] for kind in KINDS}

    def add(kind, name):
        if isinstance(name, str) and name.strip() and name not in out[kind]:
            out[kind].append(name)

    for _, meta in files.issues:
        for section in meta.get("sections") or []:
            add("sections", section.get("name"))
    for _, meta, _ in files.articles:
        for name in meta.get("authors") or []:
            add("authors", name)
        add("sections", meta.get("category"))
        for tag in meta.get("tags") or []:
            add("tags", tag)
    return out


def check_content(content_dir: Path, assign_ids: bool = False) -> Checked:
    """Read and validate a content folder; with assign_ids, give new names their URL ids (saved in
    ids.yaml) first. The journal is built only when nothing is wrong."""
    content_dir = Path(content_dir)
    files = read_content(content_dir)
    problems = files.problems + _issue_problems(files) + _article_problems(files)
    checked = Checked(content_dir, problems)
    try:
        ids = load_registry(content_dir)
    except ContentError as err:
        problems.append(err)
        return checked
    if problems:
        return checked
    if assign_ids:
        for kind, names in names_in_content(files).items():
            checked.new_ids += [(kind, name, ident) for name, ident in assign(ids, kind, names)]
        if checked.new_ids or not (content_dir / "ids.yaml").exists():
            save_registry(content_dir, ids)
    checked.journal = build_journal(files.issues, files.articles, files.pages, ids, content_dir)
    return checked


def load_journal(content_dir: Path) -> Journal:
    """The typed journal of a valid content folder; ContentProblems names every problem."""
    return check_content(content_dir).journal_or_raise()
