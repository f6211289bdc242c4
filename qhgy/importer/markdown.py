"""Render an article's paragraphs and captions as Markdown: headings by their numbering, text
escaped where Markdown would read it as markup."""

from __future__ import annotations

import re
from collections import Counter

from qhgy.importer.patterns import HEADING_L2, HEADING_L3, ITEM_MARKER, MAX_HEADING_CHARS, is_title_like
from qhgy.importer.segment import KICKER
from qhgy.textnorm import HAN, match_key, similarity

_BOLD = re.compile(r"(\*\*.+?\*\*)")
# A short line this like the article's title is the document's own title, printed in a notice.
OWN_TITLE_SIMILARITY = 0.8


def escape_markdown(text: str) -> str:
    """Escape what Markdown would read as markup, keeping the print's **bold** run-ins."""
    parts = _BOLD.split(text)
    for n in range(0, len(parts), 2):  # even parts are outside **…**
        parts[n] = re.sub(r"([\\`*_])", r"\\\1", parts[n])
        parts[n] = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", parts[n])
    text = "".join(parts)
    text = re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", text)  # "14. " would start an ordered list
    if text[:1] in "#>-+=|":
        text = "\\" + text
    return text


def heading_text(text: str, title: str, counts: Counter) -> str:
    """A heading as a reader should see it: without the space a line wrap left between two Chinese
    characters ("农民工入会 服务工作规划"). A heading that prints the article's own title takes the
    title's spacing; one made of parallel phrases ("强化领导 把方向") keeps its spaces, as printed."""
    if " " not in text:
        return text
    if match_key(text) == match_key(title) and text != title:
        counts["space left by a line wrap removed from a heading"] += 1
        return title
    marker = ITEM_MARKER.match(text)
    head, rest = (text[: marker.end()], text[marker.end():]) if marker else ("", text)
    if KICKER.match(rest.strip()):
        return text
    joined = re.sub(f"(?<=[{HAN}“”《》（）]) +(?=[{HAN}“”《》（）])", "", rest)
    if joined != rest:
        counts["space left by a line wrap removed from a heading"] += 1
    return head + joined


def to_markdown(paragraph: str, title: str, counts: Counter) -> str:
    """A paragraph as Markdown: a short numbered line is a heading (一、 level 2, （一） level 3)."""
    plain = paragraph[2:-2] if paragraph.startswith("**") and paragraph.endswith("**") \
        and paragraph.count("**") == 2 else paragraph
    short = len(plain) <= MAX_HEADING_CHARS and "。" not in plain.rstrip("。")
    if short and HEADING_L2.match(plain):
        return "## " + escape_markdown(heading_text(plain, title, counts))
    if short and HEADING_L3.match(plain):
        return "### " + escape_markdown(heading_text(plain, title, counts))
    if short and is_title_like(plain) and similarity(plain, title) >= OWN_TITLE_SIMILARITY:
        # a document's own title inside a notice that prints it
        return "## " + escape_markdown(heading_text(plain, title, counts))
    return escape_markdown(paragraph)


def caption_markdown(caption: str) -> str:
    return ('<figure class="caption" markdown="1">\n'
            f'<figcaption markdown="span">{escape_markdown(caption)}</figcaption>\n'
            "</figure>")
