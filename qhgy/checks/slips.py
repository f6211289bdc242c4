"""Input-method slips in a YAML header, found on their own line before YAML reads the header.

With a Chinese input method on, `title:` easily becomes `title：`, a space becomes a full-width
one (U+3000), and `---` becomes `———`. YAML then fails a line or two later with a message about
something else (or reads the slip as part of a value), so each slip is named here, as a slip, on
the line where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qhgy.i18n import _

# What an input method types for ASCII '-' and ' ' (full-width, em/en dashes, katakana long mark).
DASHES = "－—–―‐‑ー─━"
SPACES = "\u3000\u00a0\u2002\u2003\u2009\u200b"
HEADER_LINE = "---"
_INDENT = re.compile(rf"^[ \t{SPACES}]*")
_BLOCK_SCALAR = re.compile(r":\s*[|>][-+0-9]*\s*$")  # `key: |` or `key: >-`: the lines below are text


@dataclass(frozen=True)
class Slip:
    line: int  # 1-based, in the file
    problem: str
    fix: str


def is_slipped_header_line(line: str) -> bool:
    """A line meant as the header's '---' but typed with full-width dashes or spaces."""
    text = line.strip(" \t" + SPACES)
    return line != HEADER_LINE and len(text) >= 2 and set(text) <= set(DASHES + "-") \
        and (any(c in DASHES for c in text) or line != text)


def dash_line_slip(line: str, number: int) -> Slip:
    return Slip(number, _("the header's line '---' is typed with full-width dashes or spaces ('{line}'): "
                          "an input-method slip").format(line=line),
                _("type three ASCII hyphens '---' alone on the line (switch the input method to English)"))


def line_slips(lines: list[str], first: int) -> list[Slip]:
    """Slips in header lines; `first` is the file's line number of lines[0]."""
    slips: list[Slip] = []
    block_indent: int | None = None  # inside a block scalar (`key: |`), lines are text, not keys
    for number, line in enumerate(lines, first):
        indent = _INDENT.match(line).group(0)
        rest = line[len(indent):]
        if block_indent is not None:
            if not rest or len(indent) > block_indent:
                continue
            block_indent = None
        if not rest or rest.startswith("#"):
            continue
        if any(c in SPACES for c in indent):
            slips.append(Slip(number, _("a full-width space before '{text}': an input-method slip").format(
                text=rest.split(":")[0].split("：")[0]), _("delete it and indent with ASCII spaces only (a key "
                                                          "at the top level starts at the beginning of its line)")))
        if rest[0] in DASHES:
            value = rest[1:].strip(" " + SPACES)
            slips.append(Slip(number, _("a list entry starts with the full-width dash '{dash}': an input-method "
                                        "slip").format(dash=rest[0]),
                              _("start it with an ASCII hyphen and a space: '- {value}'").format(value=value)))
            continue
        if rest.startswith("- "):
            continue  # a list entry's text may well hold a full-width colon: 文稿：朱爱丽
        head, colon, _tail = rest.partition(":")
        if "：" in head:
            key = head.split("：")[0].strip(" " + SPACES)
            slips.append(Slip(number, _("a full-width colon '：' after '{key}': an input-method slip").format(key=key),
                              _("type an ASCII colon and a space: '{key}: '").format(key=key)))
            continue
        if colon and _tail[:1] in tuple(SPACES):
            key = head.strip()
            slips.append(Slip(number, _("a full-width space after '{key}:': an input-method slip").format(key=key),
                              _("type an ASCII space after the colon: '{key}: '").format(key=key)))
        if _BLOCK_SCALAR.search(line):
            block_indent = len(indent)
    return slips
