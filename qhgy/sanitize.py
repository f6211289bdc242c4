"""The HTML of an article or page as the site prints it keeps the markup the content uses
(paragraphs, headings, emphasis, figures with captions, tables, footnotes, links, images) and
nothing that runs a script: no <script>, no on*= attribute, no javascript: URL. nh3 (ammonia)
does the cleaning; `check` names the same things in the Markdown, on their line
(qhgy.checks.bodies), so on valid content this changes nothing.
"""

from __future__ import annotations

import nh3

# ammonia's tags (figure and figcaption among them) and attributes, plus what Python-Markdown's
# extensions write: classes (figure.caption, footnotes, code languages), ids (footnotes), titles
# (links, images, abbreviations), a table cell's alignment as a style of text-align only.
TAGS = set(nh3.ALLOWED_TAGS)
ATTRIBUTES = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
ATTRIBUTES["*"] = {"class", "id", "title", "lang", "dir"}
for _cell in ("th", "td"):
    ATTRIBUTES[_cell] = ATTRIBUTES.get(_cell, set()) | {"style"}
STYLE_PROPERTIES = {"text-align"}


def sanitize_html(html: str) -> str:
    """The HTML without anything that would run a script; everything else kept."""
    if not html:
        return html
    # link_rel=None: links are the editors' own, left as written (ammonia would add rel=noopener).
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, link_rel=None,
                     filter_style_properties=STYLE_PROPERTIES)
