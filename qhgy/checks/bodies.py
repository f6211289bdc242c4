"""The text under each header: an article or page has some (a draft may not yet), and its raw
HTML runs no script. (The build's HTML is sanitised as well: plugin qhgy_sanitize.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from qhgy.checks import Findings
from qhgy.content import ContentFiles
from qhgy.i18n import _

# Elements that run a script or load another page or plugin into the article.
ACTIVE_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "form"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "srcset"}
_SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)\s*:?", re.I)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[`~]*[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def prose(body: str) -> str:
    """The body with code (fenced blocks, `spans`) blanked out, lines and columns kept: what is
    written as code is shown, never run or linked."""
    return _CODE_SPAN.sub(_blank, _FENCE.sub(_blank, body))


def is_script_url(url: str) -> bool:
    cleaned = "".join(c for c in url if c.isprintable() and not c.isspace())
    return bool(_SCRIPT_URL.match(cleaned))


class _Tags(HTMLParser):
    """Every start tag of a text with its line: (line, tag, attributes)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((self.getpos()[0], tag, attrs))

    handle_startendtag = handle_starttag


def html_tags(text: str) -> list[tuple[int, str, list[tuple[str, str | None]]]]:
    """(line in text, tag, attributes) of every raw HTML start tag."""
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.tags


def check_bodies(files: ContentFiles, found: Findings) -> None:
    for path, meta, body in files.articles + files.pages:
        source = files.sources[path]
        if not body.strip():
            if meta.get("status") == "draft":
                # The importer writes an article of the 目录 it did not find in the source as a draft
                # with no text: work left to do, and the check says so, without stopping the build.
                found.warning(path, _("is a draft with no text (the import did not find it in the source)"),
                              _("paste the article's text under the header, then remove 'status: draft'"),
                              source.key("status"))
            else:
                found.error(path, _("has no text under its header"),
                            _("paste the text below the closing '---', or mark it 'status: draft' while it is "
                              "being written"), source.header_end)
            continue
        for line, tag, attrs in html_tags(prose(body)):
            at = source.body_start + line - 1
            if tag in ACTIVE_ELEMENTS:
                found.error(path, _("raw HTML <{tag}> would run a script or load another page into the site")
                            .format(tag=tag), _("delete it: an article's text cannot carry scripts, frames or "
                                                "forms"), at)
            for name, value in attrs:
                if name.startswith("on"):
                    found.error(path, _("raw HTML attribute '{name}=' on <{tag}> runs a script").format(
                        name=name, tag=tag), _("delete the attribute"), at)
                elif name in URL_ATTRIBUTES and value and is_script_url(value):
                    found.error(path, _("raw HTML <{tag} {name}=\"{value}\"> runs a script").format(
                        tag=tag, name=name, value=value[:40]), _("link to a page (https://…) or delete it"), at)
