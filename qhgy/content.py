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
            issues[f"{meta['year']}/{meta['number']}"] = Issue(path, meta)
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
    for issue in issues.values():
        issue.articles.sort(key=lambda a: int(a.meta.get("order", "0")) if str(a.meta.get("order", "")).isdigit() else 0)
    ordered = sorted(issues.values(), key=lambda i: _iso(i.meta.get("date", "")))
    return Content(ordered, loaded["article"], loaded["page"], problems)
