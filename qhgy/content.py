"""Read and write content files: Markdown with a YAML header, and issue files.

One loader for everyone (importer, checker, plugins, PDFs): `load_content` returns the
issues and articles of a content folder, or the problems that stop a build.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from qhgy.errors import ContentError
from qhgy.schema import validate

ARTICLES_DIR = "articles"
PAGES_DIR = "pages"
ISSUES_DIR = "issues"
ISSUE_FILE = "issue.yaml"


class _Dumper(yaml.SafeDumper):
    """Quotes every string made of digits and dashes ('07', '9-10', '2017-10-10'), so no YAML
    reader — PyYAML, or a CMS's YAML 1.2 parser — takes it for a number or a date."""


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = "'" if re.fullmatch(r"[\d.:+-]+", value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


# One Markdown parser for site and PDFs: Python-Markdown, with md_in_html for the captions
# (pelicanconf.py hands it to Pelican; the benchmarks render content without Pelican with it).
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.md_in_html": {},
    },
    "output_format": "html5",
}


def markdown_renderer():
    """A Python-Markdown converter set as the site's (reset() it between documents)."""
    import markdown

    return markdown.Markdown(extensions=list(MARKDOWN["extension_configs"]),
                             extension_configs=MARKDOWN["extension_configs"], output_format=MARKDOWN["output_format"])


def dump_yaml(data) -> str:
    # No line folding and real characters, so files stay readable and re-imports byte-identical.
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=float("inf"),
                     default_flow_style=False)


def render_markdown_file(meta: dict, body: str) -> str:
    return f"---\n{dump_yaml(meta)}---\n\n{body.strip()}\n"


def _yaml_error(path: Path, err: yaml.YAMLError, first_line: int) -> ContentError:
    mark = getattr(err, "problem_mark", None)
    line = first_line + mark.line if mark is not None else None
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    return ContentError(path, f"the YAML header does not parse: {problem}",
                        "check quotes and colons on that line (a value with ': ' needs quotes)", line=line)


def parse_markdown_file(path: Path) -> tuple[dict, str]:
    """(metadata, Markdown body) of a content file; ContentError names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(path, "is not UTF-8 text", "save it again as UTF-8") from None
    text = text.lstrip("\ufeff")
    if not text.startswith("---\n"):
        raise ContentError(path, "has no YAML header", "start the file with a line '---', the keys, and '---'", 1)
    end = text.find("\n---\n", 3)
    if end < 0:
        raise ContentError(path, "the YAML header is not closed", "end the header with a line '---'", 1)
    try:
        meta = yaml.safe_load(text[4 : end + 1])
    except yaml.YAMLError as err:
        raise _yaml_error(path, err, 2) from None
    if not isinstance(meta, dict):
        raise ContentError(path, "the YAML header is not a list of 'key: value' lines", "see the content guide", 2)
    return meta, text[end + 5 :]


def load_issue_file(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise _yaml_error(path, err, 1) from None
    if not isinstance(data, dict):
        raise ContentError(path, "is not a list of 'key: value' lines", "see the content guide", 1)
    return data


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@dataclass
class Article:
    path: Path
    meta: dict
    body: str


@dataclass
class Issue:
    path: Path
    meta: dict
    articles: list[Article] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"{self.meta['year']}/{self.meta['number']}"


def key_line(path: Path, key: str) -> int | None:
    """The line of a top-level key in a YAML file, for messages that point at it."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(f"{key}:"):
            return n
    return None


def _issue_place_problems(path: Path, meta: dict, issues: dict[str, Issue]) -> list[ContentError]:
    """An issue is YEAR/NUMBER: its file lives in issues/YEAR/NUMBER/, and only one file says so.
    (Otherwise two files for one issue, 9-10/ and 09-10/, both load and one silently wins.)"""
    ref = f"{meta['year']}/{meta['number']}"
    problems = []
    folder = f"{path.parent.parent.name}/{path.parent.name}"
    if folder != ref:
        key = "number" if path.parent.name != str(meta["number"]) else "year"
        problems.append(ContentError(
            path, f"'year' and 'number' say issue {ref}, but the file is in {ISSUES_DIR}/{folder}/",
            f"move it to {ISSUES_DIR}/{ref}/ (an issue's folder is {ISSUES_DIR}/YEAR/NUMBER), "
            f"or correct '{key}' if that is what is wrong", key_line(path, key)))
    if ref in issues:
        problems.append(ContentError(
            path, f"issue {ref} is also described by {issues[ref].path}",
            "keep one issue file per issue: merge the two and delete the other", key_line(path, "number")))
    return problems


@dataclass
class Content:
    issues: list[Issue]
    articles: list[Article]
    pages: list[Article]
    problems: list[ContentError]


def load_content(content_dir: Path) -> Content:
    """Load and validate every issue, article and page; collect every problem found."""
    content_dir = Path(content_dir)
    problems: list[ContentError] = []
    issues: dict[str, Issue] = {}
    for path in sorted((content_dir / ISSUES_DIR).glob(f"*/*/{ISSUE_FILE}")):
        try:
            meta = load_issue_file(path)
        except ContentError as err:
            problems.append(err)
            continue
        problems += [ContentError(path, p) for p in validate("issue", meta)]
        if "year" in meta and "number" in meta:
            problems += _issue_place_problems(path, meta, issues)
            issues.setdefault(f"{meta['year']}/{meta['number']}", Issue(path, meta))
    loaded: dict[str, list[Article]] = {"article": [], "page": []}
    for kind, folder in (("article", ARTICLES_DIR), ("page", PAGES_DIR)):
        for path in sorted((content_dir / folder).rglob("*.md")):
            try:
                meta, body = parse_markdown_file(path)
            except ContentError as err:
                problems.append(err)
                continue
            problems += [ContentError(path, p) for p in validate(kind, meta)]
            item = Article(path, meta, body)
            loaded[kind].append(item)
            ref = meta.get("issue")
            if kind == "article" and ref:
                if ref in issues:
                    issues[ref].articles.append(item)
                else:
                    problems.append(ContentError(path, f"'issue' is {ref}, but there is no "
                                                 f"{ISSUES_DIR}/{ref}/{ISSUE_FILE}"))
    seen: dict[tuple, Path] = {}
    for item in loaded["article"]:
        key = (item.meta.get("issue"), item.meta.get("order"))
        if key in seen:
            problems.append(ContentError(item.path, f"'order' {key[1]} is also used by {seen[key]}",
                                         "every article of an issue needs its own order"))
        seen.setdefault(key, item.path)
        if item.meta.get("issue") in issues and "date" in item.meta:
            issue_date = _iso(issues[item.meta["issue"]].meta.get("date"))
            if _iso(item.meta["date"]) != issue_date:
                problems.append(ContentError(item.path, f"'date' is {_iso(item.meta['date'])} but the issue "
                                             f"was published {issue_date}", "use the issue's date"))
    # Pelican takes two pieces that share a slug for translations of each other and, with only a
    # warning, publishes one of them at the translation's URL.
    for kind in loaded:
        slugs: dict[str, Path] = {}
        for item in loaded[kind]:
            slug = item.meta.get("slug")
            if isinstance(slug, str) and slug in slugs:
                problems.append(ContentError(item.path, f"'slug' {slug} is also used by {slugs[slug]}",
                                             f"give every {kind} its own slug", key_line(item.path, "slug")))
            slugs.setdefault(slug, item.path)
    for issue in issues.values():
        issue.articles.sort(key=lambda a: int(a.meta.get("order", "0")) if str(a.meta.get("order", "")).isdigit() else 0)
    ordered = sorted(issues.values(), key=lambda i: _iso(i.meta.get("date", "")))
    return Content(ordered, loaded["article"], loaded["page"], problems)
