"""What binds the files together: an issue is filed once in its own folder and has articles; an
article names an issue that exists, its own order and URL, the issue's date, one of the issue's
sections, and print pages that follow its neighbours'."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from qhgy.checks import Findings
from qhgy.content import ARTICLES_DIR, ISSUE_FILE, ISSUES_DIR, ContentFiles
from qhgy.i18n import _


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _page(value) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


def nearest(word: str, known, cutoff: float = 0.5) -> str | None:
    """The known name nearest to a word, character by character (省总动太 → 省总动态)."""
    found = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
    return found[0] if found else None


def _did_you_mean(word: str, known, otherwise: str) -> str:
    near = nearest(word, known)
    return _("did you mean '{name}'?").format(name=near) if near else otherwise


def check_issue_files(files: ContentFiles, found: Findings) -> None:
    """An issue is YEAR/NUMBER: its file lives in issues/YEAR/NUMBER/, only one file says so, and
    some article names it. (Two files for one issue, 9-10/ and 09-10/, would both load and one
    silently win.)"""
    seen: dict[str, Path] = {}
    named = {meta.get("issue") for _p, meta, _b in files.articles}
    # an article that could not be read (its problem is reported) still counts, by its folder
    named |= {f"{p.path.parent.parent.name}/{p.path.parent.name}" for p in files.problems
              if p.path is not None and p.path.suffix == ".md" and ARTICLES_DIR in p.path.parts}
    for path, meta in files.issues:
        source = files.sources[path]
        if "year" not in meta or "number" not in meta:
            continue
        ref = f"{meta['year']}/{meta['number']}"
        folder = f"{path.parent.parent.name}/{path.parent.name}"
        if folder != ref:
            key = "number" if path.parent.name != str(meta["number"]) else "year"
            found.error(path, _("'year' and 'number' say issue {ref}, but the file is in {issues}/{folder}/")
                        .format(ref=ref, issues=ISSUES_DIR, folder=folder),
                        _("move it to {issues}/{ref}/ (an issue's folder is {issues}/YEAR/NUMBER), or correct "
                          "'{key}' if that is what is wrong").format(issues=ISSUES_DIR, ref=ref, key=key),
                        source.key(key))
        if ref in seen:
            found.error(path, _("issue {ref} is also described by {other}").format(ref=ref, other=seen[ref]),
                        _("keep one issue file per issue: merge the two and delete the other"), source.key("number"))
        elif ref not in named and folder == ref:  # a misfiled issue's articles name its folder: said above
            found.error(path, _("issue {ref} has no articles: no article names it in 'issue'").format(ref=ref),
                        _("import the issue's articles, or delete the folder {issues}/{ref}/ if the issue was "
                          "filed by mistake").format(issues=ISSUES_DIR, ref=ref), 1)
        seen.setdefault(ref, path)


def check_articles(files: ContentFiles, found: Findings) -> None:
    issues = {f"{m.get('year')}/{m.get('number')}": m for _p, m in files.issues}
    folders = {f"{p.parent.parent.name}/{p.parent.name}" for p, _m in files.issues}  # a misfiled one is named
    seen: dict[tuple, Path] = {}
    for path, meta, _body in files.articles:
        source = files.sources[path]
        ref, order = meta.get("issue"), meta.get("order")
        if isinstance(ref, str) and ref and ref not in issues and ref not in folders:
            found.error(path, _("'issue' is {ref}, but there is no {issues}/{ref}/{file}").format(
                ref=ref, issues=ISSUES_DIR, file=ISSUE_FILE),
                _did_you_mean(ref, issues, _("correct 'issue', or add the issue's file")), source.key("issue"))
        key = (ref, order, meta.get("lang"))  # a translation is the same article in another language
        if order is not None and key in seen:
            found.error(path, _("'order' {order} is also used by {other}").format(order=order, other=seen[key]),
                        _("every article of an issue needs its own order (it makes the URL)"), source.key("order"))
        seen.setdefault(key, path)
        # The URL is /YEAR/NUMBER/07/: an order spelt otherwise ('7', '007') would move it.
        if isinstance(order, str) and order.isdigit() and order != f"{int(order):02d}":
            found.error(path, _("'order' must be written with two digits at least: '{right}', not '{order}'")
                        .format(right=f"{int(order):02d}", order=order), _("it makes the article's URL"),
                        source.key("order"))
        issue = issues.get(ref)
        if issue is None:
            continue
        issue_date = _date(issue.get("date"))
        if issue_date and "date" in meta and _date(meta["date"]) and _date(meta["date"]) != issue_date:
            found.error(path, _("'date' is {date} but the issue was published {issue_date}").format(
                date=_iso(meta["date"]), issue_date=issue_date.isoformat()),
                _("use the issue's date: date: '{issue_date}' (the article's own date goes in "
                  "'article_date')").format(issue_date=issue_date.isoformat()), source.key("date"))
        own = _date(meta.get("article_date")) if meta.get("article_date") else None
        if issue_date and own and own > issue_date:
            found.warning(path, _("'article_date' {date} is after the issue's publication date {issue_date}")
                          .format(date=own.isoformat(), issue_date=issue_date.isoformat()),
                          _("check it: a piece printed in an issue is dated before it"), source.key("article_date"))
        _check_history(path, meta, issue_date, source, found)
        _check_section(path, meta, issue, source, found)
    _check_pages(files, found)


def _check_history(path: Path, meta: dict, issue_date, source, found: Findings) -> None:
    """收稿, 修回 and publication come in that order."""
    received = _date(meta.get("received")) if meta.get("received") else None
    revised = _date(meta.get("revised")) if meta.get("revised") else None
    if received and revised and revised < received:
        found.error(path, _("'revised' {revised} is before 'received' {received}").format(
            revised=revised.isoformat(), received=received.isoformat()),
            _("a manuscript is revised after it is received: check both dates"), source.key("revised"))
    for key, day in (("received", received), ("revised", revised)):
        if day and issue_date and day > issue_date:
            found.error(path, _("'{key}' {day} is after the issue's publication date {issue_date}").format(
                key=key, day=day.isoformat(), issue_date=issue_date.isoformat()),
                _("check it: a manuscript is received before it is printed"), source.key(key))


def _check_section(path: Path, meta: dict, issue: dict, source, found: Findings) -> None:
    """A section not in the issue's `sections` would silently become a new section with a
    permanent URL id: most often it is a slip of one character (省总动太 for 省总动态)."""
    specs = [s for s in issue.get("sections") or [] if isinstance(s, dict) and isinstance(s.get("name"), str)]
    names = [s["name"] for s in specs]
    section = meta.get("category")
    if not isinstance(section, str) or not section or not names:
        return
    issue_file = f"{ISSUES_DIR}/{issue.get('year')}/{issue.get('number')}/{ISSUE_FILE}"
    if section not in names:
        found.error(path, _("section (category) '{section}' is not one of the issue's sections").format(
            section=section), _did_you_mean(section, names, _("use one of {names}, or add it to 'sections' in {file}")
                                             .format(names="、".join(names), file=issue_file)),
            source.key("category"))
        return
    subcolumn = meta.get("subcolumn")
    subcolumns = next(s.get("subcolumns") or [] for s in specs if s["name"] == section)
    if isinstance(subcolumn, str) and subcolumn and subcolumn not in subcolumns:
        found.error(path, _("sub-column '{subcolumn}' is not one of the sub-columns of '{section}'").format(
            subcolumn=subcolumn, section=section),
            _did_you_mean(subcolumn, subcolumns, _("add it to the section's 'subcolumns' in {file}, or correct it")
                          .format(file=issue_file)), source.key("subcolumn"))


def _check_pages(files: ContentFiles, found: Findings) -> None:
    """In print order, a piece starts on or after the page where the one before it ends: short
    pieces may share a page (one starts where the other ends), no more."""
    runs: dict[tuple, list] = {}
    for path, meta, _body in files.articles + files.pages:
        first, last = _page(meta.get("first_page")), _page(meta.get("last_page"))
        order = _page(meta.get("order"))
        if meta.get("issue") and order is not None and first is not None and last is not None and first <= last:
            runs.setdefault((meta["issue"], meta.get("lang")), []).append((order, first, last, path))
    for pieces in runs.values():
        pieces.sort()
        for (order, _first, last, before), (_o, first, _l, path) in zip(pieces, pieces[1:]):
            if first < last:
                found.error(path, _("'first_page' {first} is before page {last}, where the piece printed before "
                                    "it ends ({other}, order {order:02d})").format(
                                        first=first, last=last, other=before, order=order),
                            _("correct the pages of one of the two: a piece may start on the page where the one "
                              "before it ends, not earlier"), files.sources[path].key("first_page"))


def check_slugs(files: ContentFiles, found: Findings) -> None:
    """Pelican takes two pieces that share a slug for translations of each other: in one language,
    it would publish one of them, with only a warning, at the translation's URL."""
    for kind, items in (("article", files.articles), ("page", files.pages)):
        slugs: dict[tuple, Path] = {}
        for path, meta, _body in items:
            slug = meta.get("slug")
            if isinstance(slug, str) and (slug, meta.get("lang")) in slugs:
                found.error(path, _("'slug' {slug} is also used by {other}").format(
                    slug=slug, other=slugs[slug, meta.get("lang")]),
                    _("give every {kind} its own slug").format(kind=_(kind)), files.sources[path].key("slug"))
            slugs.setdefault((slug, meta.get("lang")), path)
