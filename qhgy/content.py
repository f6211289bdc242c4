"""Read and write content files: Markdown with a YAML header, and issue files.

`read_content` reads every file of a content folder; qhgy.check validates what it read and
qhgy.model turns it into the typed journal everyone else reads.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from qhgy.checks.slips import HEADER_LINE, dash_line_slip, is_slipped_header_line, line_slips
from qhgy.errors import ContentError
from qhgy.i18n import _

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
def heading_id(text: str, separator: str) -> str:
    """A heading's id from its words, Chinese kept: Python-Markdown's unicode slug."""
    from markdown.extensions.toc import slugify_unicode

    return slugify_unicode(text, separator)


MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.md_in_html": {},
        # Headings get ids from their words, Chinese kept (#一加强组织领导): the article page's
        # outline links to them, and a reader can link to a part of an article.
        "markdown.extensions.toc": {"slugify": heading_id, "toc_depth": "2-3"},
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


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader (libyaml's, ten times faster, where PyYAML has it), except that an impossible date written without quotes
    (`date: 2017-13-45`) stays text for the check to name, instead of raising ValueError."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def load_yaml(text: str):
    """The YAML document in text. A build parses each header twice, for the check and in Pelican's
    reader: the second time comes from memory (a copy, so neither side sees the other's changes).
    A parse error is raised with the line numbers of the text as given."""
    key = text.strip("\n")  # Pelican's reader hands the header with a newline more before and after
    found = _parsed.get(key, _parsed)
    if found is _parsed:
        found = yaml.load(text, Loader=_Loader)  # noqa: S506 — a SafeLoader
        if len(_parsed) >= _PARSED_MAX:  # a long-running preview server: bounded
            _parsed.clear()
        _parsed[key] = found
    return copy.deepcopy(found)


_parsed: dict = {}
_PARSED_MAX = 50_000


def _guess_encoding(data: bytes) -> str | None:
    """The encoding a file that is not UTF-8 looks like: UTF-16 (a BOM, or every other byte NUL), or
    the Chinese legacy ones an editor saves in (GB18030, the superset of GBK and GB2312; Big5)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[1::2].count(0) > len(data) // 4 \
            or data[0::2].count(0) > len(data) // 4:
        return "UTF-16"
    for codec, name in (("gb18030", "GB18030/GBK"), ("big5", "Big5")):
        try:
            data.decode(codec)
            return name
        except UnicodeDecodeError:
            continue
    return None


def read_text(path: Path) -> str:
    """A content file's text; ContentError if it is not UTF-8, naming the encoding it looks like."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        guess = _guess_encoding(data)
        line = 1 if guess == "UTF-16" else data.count(b"\n", 0, err.start) + 1
        problem = (_("is not UTF-8 text: it looks like {encoding}").format(encoding=guess) if guess
                   else _("is not UTF-8 text, nor one of the encodings an editor usually saves in"))
        raise ContentError(path, problem, _("open it and save it as UTF-8 (in Notepad: Save as → Encoding: "
                                            "UTF-8)"), line) from None
    return text.lstrip("\ufeff").replace("\r\n", "\n")


def _yaml_error(path: Path, err: yaml.YAMLError, first_line: int) -> ContentError:
    mark = getattr(err, "problem_mark", None)
    line = first_line + mark.line if mark is not None else None
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    return ContentError(path, _("the YAML header does not parse: {problem}").format(problem=problem),
                        _("check quotes and colons on that line (a value with ': ' needs quotes)"), line=line)


@dataclass
class SourceLines:
    """The lines of a content file as read, to point a message at the line of a key, a value or
    a place in the body. Line numbers are 1-based, as editors count them."""
    path: Path
    lines: list[str]
    header_end: int  # the closing '---' of a Markdown file; the last line of an issue file
    body_start: int = 0  # the first line of a Markdown file's body (0: an issue file has none)

    def key(self, key: str) -> int | None:
        """The line of a top-level key of the header."""
        for number, line in enumerate(self.lines[: self.header_end], 1):
            if line.startswith(f"{key}:"):
                return number
        return None

    def entry(self, key: str, text: str) -> int | None:
        """The first line inside a key's block (its line and the indented ones below) that holds
        `text`; the key's line if none does."""
        start = self.key(key)
        if start is None:
            return None
        for number in range(start, self.header_end + 1):
            line = self.lines[number - 1]
            if number > start and line[:1] not in (" ", "-", "\t", ""):
                break
            value = line[len(key) + 1:] if number == start else line
            if text in value:
                return number
        return start

    @property
    def missing_key_line(self) -> int:
        """Where a missing key is reported: before the closing '---', or the issue file's first line."""
        return self.header_end if self.body_start else 1


def _header_problems(path: Path, lines: list[str]) -> tuple[int, list[ContentError]]:
    """(line of the closing '---', problems of the header's frame and input-method slips)."""
    if not lines or lines[0] != HEADER_LINE:
        if lines and is_slipped_header_line(lines[0]):
            slip = dash_line_slip(lines[0], 1)
            return 0, [ContentError(path, slip.problem, slip.fix, slip.line)]
        return 0, [ContentError(path, _("has no YAML header"),
                                _("start the file with a line '---', the keys, and '---'"), 1)]
    problems = []
    end = 0
    for number, line in enumerate(lines[1:], 2):
        if line == HEADER_LINE or is_slipped_header_line(line):
            end = number
            if line != HEADER_LINE:
                slip = dash_line_slip(line, number)
                problems.append(ContentError(path, slip.problem, slip.fix, slip.line))
            break
    if not end:
        return 0, [ContentError(path, _("the YAML header is not closed"), _("end the header with a line '---'"), 1)]
    slips = line_slips(lines[1 : end - 1], 2)
    return end, problems + [ContentError(path, s.problem, s.fix, s.line) for s in slips]


def read_markdown_file(path: Path) -> tuple[dict, str, SourceLines, list[ContentError]]:
    """(metadata, Markdown body, lines, problems) of a content file: the problems are every slip of
    its header, or the one reason it cannot be read (then the metadata is empty)."""
    try:
        text = read_text(path)
    except ContentError as err:
        return {}, "", SourceLines(path, [], 0), [err]
    lines = text.split("\n")
    end, problems = _header_problems(path, lines)
    source = SourceLines(path, lines, end, end + 1)
    if problems:
        return {}, "", source, problems
    try:
        meta = load_yaml("\n".join(lines[1 : end - 1]) + "\n")
    except yaml.YAMLError as err:
        return {}, "", source, [_yaml_error(path, err, 2)]
    if not isinstance(meta, dict):
        return {}, "", source, [ContentError(path, _("the YAML header is not a list of 'key: value' lines"),
                                             _("see the content guide"), 2)]
    return meta, "\n".join(lines[end:]), source, []


def parse_markdown_file(path: Path) -> tuple[dict, str]:
    """(metadata, Markdown body) of a content file; ContentError names the file and line."""
    meta, body, _lines, problems = read_markdown_file(path)
    if problems:
        raise problems[0]
    return meta, body


def read_issue_file(path: Path) -> tuple[dict, SourceLines, list[ContentError]]:
    """(metadata, lines, problems) of an issue file, as read_markdown_file."""
    try:
        text = read_text(path)
    except ContentError as err:
        return {}, SourceLines(path, [], 0), [err]
    lines = text.split("\n")
    source = SourceLines(path, lines, len(lines))
    slips = line_slips(lines, 1)
    if slips:
        return {}, source, [ContentError(path, s.problem, s.fix, s.line) for s in slips]
    try:
        data = load_yaml(text)
    except yaml.YAMLError as err:
        return {}, source, [_yaml_error(path, err, 1)]
    if not isinstance(data, dict):
        return {}, source, [ContentError(path, _("is not a list of 'key: value' lines"), _("see the content guide"), 1)]
    return data, source, []


def load_issue_file(path: Path) -> dict:
    data, _lines, problems = read_issue_file(path)
    if problems:
        raise problems[0]
    return data


@dataclass
class ContentFiles:
    """Every content file of a folder as read, before any check: issue files (path, meta),
    articles and pages (path, meta, Markdown body), the lines of each file, and the files that
    could not be read."""
    issues: list[tuple[Path, dict]] = field(default_factory=list)
    articles: list[tuple[Path, dict, str]] = field(default_factory=list)
    pages: list[tuple[Path, dict, str]] = field(default_factory=list)
    problems: list[ContentError] = field(default_factory=list)
    sources: dict[Path, SourceLines] = field(default_factory=dict)


def read_content(content_dir: Path) -> ContentFiles:
    """Read every issue, article and page file of a content folder (qhgy.check validates them)."""
    content_dir = Path(content_dir)
    files = ContentFiles()
    for path in sorted((content_dir / ISSUES_DIR).glob(f"*/*/{ISSUE_FILE}")):
        meta, files.sources[path], problems = read_issue_file(path)
        files.problems += problems
        if not problems:
            files.issues.append((path, meta))
    for folder, into in ((ARTICLES_DIR, files.articles), (PAGES_DIR, files.pages)):
        for path in sorted((content_dir / folder).rglob("*.md")):
            meta, body, files.sources[path], problems = read_markdown_file(path)
            files.problems += problems
            if not problems:
                into.append((path, meta, body))
    return files


def key_line(path: Path, key: str) -> int | None:
    """The line of a top-level key in a YAML file, for messages that point at it."""
    for n, line in enumerate(read_text(path).splitlines(), 1):
        if line.startswith(f"{key}:"):
            return n
    return None
