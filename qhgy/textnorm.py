"""Chinese text normalisation shared by the importer stages.

The rules are those of ../DESIGN (Text normalisation at import): ASCII punctuation that
sits against Chinese text becomes full-width, and the spaces the PDF extraction left
between Chinese and digits go. Every change is counted so the import report can say so.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{HAN}]")
# Chinese text around ASCII punctuation: Han characters and the full-width marks.
CJK = HAN + r"\u3000-\u303f\uff00-\uffef“”‘’…—·"

# The full-width form of each ASCII mark the normalisation changes (here and in the importer's body fixes).
FULLWIDTH_MARKS = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def is_han(ch: str) -> bool:
    return bool(ch) and bool(_HAN_RE.match(ch))


def has_han(text: str) -> bool:
    return bool(_HAN_RE.search(text))


def join_lines(lines: list[str]) -> str:
    """Join lines of one paragraph: Chinese needs no space, Latin words do."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out


def _fullwidth_parens(text: str, counts: Counter) -> str:
    """(…) becomes （…） when its content or its neighbourhood is Chinese."""

    def repl(m: re.Match) -> str:
        before = text[m.start() - 1] if m.start() else ""
        inner = m.group(1)
        if has_han(inner) or is_han(before):
            counts["ASCII parentheses made full-width"] += 1
            return f"（{inner}）"
        return m.group(0)

    return re.sub(r"\(([^()]*)\)", repl, text)


def normalize(text: str, counts: Counter | None = None) -> str:
    """Apply the import normalisation rules to one paragraph; count each change."""
    counts = counts if counts is not None else Counter()
    text = text.replace("\u00a0", " ")

    def punct(m: re.Match) -> str:
        counts[f"ASCII '{m.group(2)}' made full-width"] += 1
        return m.group(1) + FULLWIDTH_MARKS[m.group(2)]

    # A mark right after Chinese text (日,省 / 地址:) — but not 12:30 or E-mail: addresses.
    text = re.sub(f"([{CJK}])\\s*([,;:?!])", punct, text)
    # A comma followed by Chinese after a digit or Latin word (2017年8月,省委 is handled above).
    text = re.sub(f"([0-9A-Za-z%)])(,)(?=\\s*[{HAN}])", punct, text)
    text = _fullwidth_parens(text, counts)

    def nospace(m: re.Match) -> str:
        counts["space between Chinese and digits removed"] += 1
        return m.group(1) + m.group(2)

    text = re.sub(f"([{HAN}])[ \t]+([0-9])", nospace, text)
    text = re.sub(f"([0-9%])[ \t]+([{HAN}])", nospace, text)
    # A space left after a full-width mark is never wanted (，  省委).
    text = re.sub(r"([，。；：？！、（）《》“”])[ \t]+", r"\1", text)
    text = re.sub(r"[ \t]+([，。；：？！、）》”])", r"\1", text)
    return text.strip()


def match_key(text: str) -> str:
    """A form of a title for comparing print and 目录: no spaces, marks or width differences."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s★☆●○■□◆◇▲△·•*]", "", text).lower()


def bigrams(text: str) -> Counter:
    return Counter(text[i : i + 2] for i in range(len(text) - 1)) if len(text) > 1 else Counter([text])


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams: order-tolerant, so swapped halves still match."""
    ka, kb = match_key(a), match_key(b)
    if not ka or not kb:
        return 0.0
    ba, bb = bigrams(ka), bigrams(kb)
    shared = sum((ba & bb).values())
    return 2 * shared / (sum(ba.values()) + sum(bb.values()))
