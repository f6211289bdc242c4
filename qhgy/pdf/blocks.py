"""The article body as data for the Typst templates: blocks (paragraphs, headings, figures,
lists, quotes) holding inlines (text, strong, emphasis, links, line breaks).

It walks the HTML Python-Markdown made for the site (the one parser of the project: see
DESIGN.md), so the PDF shows what the page shows: the bold run-ins, the captions, the same
text. Inline text is kept exactly; whitespace that HTML collapses is collapsed here too (a
newline in the source would be a visible space in Chinese)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

_INLINE = {"strong": "strong", "b": "strong", "em": "em", "i": "em", "a": "link", "code": "code",
           "sup": "sup", "sub": "sub", "span": None, "abbr": None, "small": None, "mark": None}
_HAN_BREAK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])")


def _text(value: str) -> str:
    # a line break between Chinese characters is no space; any other whitespace run is one
    return re.sub(r"\s+", " ", _HAN_BREAK.sub("", value))


def inlines(node: Tag) -> list:
    out: list = []
    for child in node.children:
        if isinstance(child, NavigableString):
            if text := _text(str(child)):
                out.append(text)
        elif child.name == "br":
            out.append({"t": "br"})
        elif child.name == "img":
            continue  # images are blocks (figures)
        elif child.name in _INLINE:
            kind = _INLINE[child.name]
            content = inlines(child)
            if kind is None:
                out += content
            elif kind == "code":
                out.append({"t": "code", "s": child.get_text()})
            elif kind == "link":
                out.append({"t": "link", "href": child.get("href", ""), "c": content})
            elif content:
                out.append({"t": kind, "c": content})
        else:
            out += inlines(child)
    # trim the whitespace HTML shows as nothing at a block's edges
    if out and isinstance(out[0], str):
        out[0] = out[0].lstrip()
    if out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip()
    return [x for x in out if x != ""]


def _figure(node: Tag, image_root) -> dict:
    img = node.find("img")
    caption = node.find("figcaption")
    figure = {"t": "figure", "caption": inlines(caption) if caption else []}
    if img is not None and image_root is not None:
        # the largest of the responsive sizes the site made, if it made them
        candidates = [c.split() for c in img.get("srcset", "").split(",") if c.strip()]
        src = max(candidates, key=lambda c: int(c[1].rstrip("w")) if len(c) > 1 else 0)[0] if candidates \
            else img.get("src", "")
        if path := image_root(src):
            figure["image"] = path
            figure["alt"] = img.get("alt", "")
            try:  # the shape decides its size on the page (landscape: the measure; upright: held lower)
                from PIL import Image

                with Image.open(path) as image:
                    figure["aspect"] = round(image.width / image.height, 3)
            except OSError:
                pass
    return figure


def blocks(html: str, image_root=None) -> list[dict]:
    """Blocks of an article body. image_root(src) → the image's path for Typst, or None to
    leave images out (their captions stay)."""
    soup = BeautifulSoup(html, "html.parser")
    return _blocks(soup, image_root)


def _blocks(parent, image_root) -> list[dict]:
    out: list[dict] = []
    for node in parent.children:
        if isinstance(node, NavigableString):
            if text := _text(str(node)).strip():
                out.append({"t": "p", "c": [text]})
            continue
        name = node.name
        if name == "p":
            if node.find("img") is not None and not node.get_text(strip=True):
                out.append(_figure(node, image_root))
            elif content := inlines(node):
                out.append({"t": "p", "c": content})
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            out.append({"t": "h", "level": int(name[1]), "c": inlines(node)})
        elif name == "figure":
            out.append(_figure(node, image_root))
        elif name in ("ul", "ol"):
            items = [_blocks(li, image_root) for li in node.find_all("li", recursive=False)]
            out.append({"t": "list", "ordered": name == "ol", "items": items})
        elif name == "blockquote":
            out.append({"t": "quote", "c": _blocks(node, image_root)})
        elif name == "hr":
            out.append({"t": "rule"})
        elif name == "table":
            rows = [[inlines(cell) for cell in row.find_all(["td", "th"])] for row in node.find_all("tr")]
            out.append({"t": "table", "rows": rows})
        elif name in ("div", "section", "article", "li"):
            out += _blocks(node, image_root)
        elif name == "pre":
            out.append({"t": "pre", "s": node.get_text()})
        else:
            if content := inlines(node):
                out.append({"t": "p", "c": content})
    return out


def plain_text(items) -> str:
    """The text of blocks or inlines, paragraphs on their own lines (what a PDF reader copies)."""
    if isinstance(items, str):
        return items
    if isinstance(items, dict):
        kind = items.get("t")
        if kind in ("p", "h", "strong", "em", "link", "sup", "sub"):
            return plain_text(items["c"])
        if kind == "code":
            return items["s"]
        if kind == "figure":
            return plain_text(items["caption"])
        if kind == "quote":
            return plain_text(items["c"])
        if kind == "list":
            return "\n".join(plain_text(i) for i in items["items"])
        if kind == "table":
            return "\n".join("".join(plain_text(c) for c in row) for row in items["rows"])
        if kind == "pre":
            return items["s"]
        return ""
    if items and isinstance(items[0], dict) and items[0].get("t") in ("p", "h", "figure", "list", "quote", "rule",
                                                                       "table", "pre"):
        return "\n".join(plain_text(b) for b in items)
    return "".join(plain_text(i) for i in items)
