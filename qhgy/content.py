"""Read and write content files: Markdown with a YAML header, and issue files.

`read_content` reads every file of a content folder; qhgy.check validates what it read and
qhgy.model turns it into the typed journal everyone else reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from qhgy.errors import ContentError

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


@dataclass
class ContentFiles:
    """Every content file of a folder as read, before any check: issue files (path, meta),
    articles and pages (path, meta, Markdown body), and the files that could not be read."""
    issues: list[tuple[Path, dict]] = field(default_factory=list)
    articles: list[tuple[Path, dict, str]] = field(default_factory=list)
    pages: list[tuple[Path, dict, str]] = field(default_factory=list)
    problems: list[ContentError] = field(default_factory=list)


def read_content(content_dir: Path) -> ContentFiles:
    """Read every issue, article and page file of a content folder (qhgy.check validates them)."""
    content_dir = Path(content_dir)
    files = ContentFiles()
    for path in sorted((content_dir / ISSUES_DIR).glob(f"*/*/{ISSUE_FILE}")):
        try:
            files.issues.append((path, load_issue_file(path)))
        except ContentError as err:
            files.problems.append(err)
    for folder, into in ((ARTICLES_DIR, files.articles), (PAGES_DIR, files.pages)):
        for path in sorted((content_dir / folder).rglob("*.md")):
            try:
                meta, body = parse_markdown_file(path)
            except ContentError as err:
                files.problems.append(err)
                continue
            into.append((path, meta, body))
    return files


def key_line(path: Path, key: str) -> int | None:
    """The line of a top-level key in a YAML file, for messages that point at it."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(f"{key}:"):
            return n
    return None
