"""The token stream Pagefind indexes, and the query terms the browser sends it.

Pagefind's standard binary indexes whitespace-separated words and matches a query word
against whole words or word prefixes; Chinese has no spaces. So every run of Han characters
is written as its overlapping pairs (农民工 → 农民 民工 工), one token per character, and
every token is spelt in lowercase ASCII so that nothing on the browser's side (Pagefind
segments a zh query with Intl.Segmenter) can split it again:

    pair   x + code(a) + code(b)      9 characters    (a followed by the Han character b)
    last   x + code(a) + w            6 characters    (a ends its Han run)
    query  x + code(a)                5 characters    (a prefix of both: any token that starts with a)

code() is the code point in 4 base-32 digits (0-9a-v); 'w' is not a digit, so no index token
is a prefix of another and Pagefind's "longest indexed prefix" fallback never joins them.
A query of m ≥ 2 Han characters becomes every other one of its pairs (and the last), which sit
at known offsets wherever it occurs (the browser checks the `words` of a result for them). Only a lone
Han character at the end of a term (会, 2017年, QQ群) needs the prefix token; Pagefind loads
the index chunk that holds the prefix but not the next ones it runs into, so the browser first
loads every chunk whose word range overlaps the prefix (search.js, ensurePrefix).

Everything else is kept readable, so that the browser decodes the stream back into the
article's text for excerpts: letter/digit runs verbatim (APP, 2017, QQ; one that starts with
x gets another x in front, so it cannot meet a Han token), a run of other characters
(punctuation) as one word, and whitespace as "␠". Pagefind indexes only the letter
and digit runs and the Han tokens; the rest only takes a position.

theme/static/js/search.js implements the same rules, and the query side runs only there; its
statement in Python, tests/search_reference.py, is what the tests hold search.js to.
"""

from __future__ import annotations

import functools
import re
import unicodedata

DIGITS = "0123456789abcdefghijklmnopqrstuv"
HAN_PREFIX = "x"
RUN_END = "w"
# Pagefind indexes "_" as a word character (its default include_characters), so whitespace is
# marked with a symbol no article prints and Pagefind does not index.
SPACE = "\u2420"  # ␠
# Positions 0..TITLE_REGION-1 hold the title (padded with FILLER): a match there is a title match.
TITLE_REGION = 128
FILLER = "."

_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"  # to Extension H


def _mark_ranges() -> str:
    """A character class of every combining mark (Unicode categories Mn, Mc, Me): Tibetan vowel
    signs and subjoined letters, Devanagari matras… They belong to the word they sit in; Python's
    \\w leaves them out, so without them བོད would read as བ, a mark, ད."""
    ranges, start, last = [], None, None
    for cp in range(0x0300, 0x20000):  # no mark stands below U+0300; the last planes have only variation selectors
        if unicodedata.category(chr(cp))[0] == "M":
            if start is None:
                start = cp
            last = cp
        elif start is not None:
            ranges.append(f"{chr(start)}-{chr(last)}" if last > start else chr(start))
            start = None
    ranges.append("\U000e0100-\U000e01ef")  # variation selectors supplement
    return "".join(ranges)


_MARK = _mark_ranges()
# Han runs; word runs: letters, numbers and the combining marks in them (Python's \\w without
# "_", plus the marks, as JavaScript's [\\p{L}\\p{M}\\p{N}]); whitespace runs; runs of anything
# else (punctuation, symbols).
_RUNS = re.compile(rf"(?P<han>[{_HAN}]+)|(?P<word>(?:(?![{_HAN}])(?:[^\W_]|[{_MARK}]))+)|(?P<space>\s+)"
                   rf"|(?P<other>(?:(?!\s)(?![{_MARK}])[\W_])+)")
_TOKEN = re.compile(rf"^{HAN_PREFIX}([0-9a-v]{{4}})(?:[0-9a-v]{{4}}|{RUN_END})$")
# Full-width letters and digits (ＡＰＰ, ２０１７) read as their ASCII forms.
_FOLD = {cp: cp - 0xFEE0 for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
         for cp in range(lo, hi + 1)}



_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")

# Invisible characters that would split a word without showing (zero-width space, soft hyphen).
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def prepare(text: str) -> str:
    """One spelling for one text: composed (NFC: é, and compatibility ideographs as their unified
    forms), full-width letters and digits as ASCII, invisible characters gone."""
    if not unicodedata.is_normalized("NFC", text):  # the check is much cheaper than normalising
        text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return text.translate(_FOLD) if _FULL_WIDTH.search(text) else text


def runs(text: str) -> list[tuple[str, str]]:
    """(kind, run) for the maximal runs of one kind: han, word (letters, digits), space, other."""
    return [(m.lastgroup, m.group()) for m in _RUNS.finditer(prepare(text))]


def word_token(run: str) -> str:
    """A word of letters or digits as indexed: one that starts with x gets another x in front,
    so that no word is a prefix of a Han token (x + digit) or matched by one."""
    return HAN_PREFIX + run if run[:1] in ("x", "X") else run


@functools.lru_cache(maxsize=None)  # a few thousand distinct characters, each coded ~15 times an article
def code(char: str) -> str:
    cp, digits = ord(char), []
    for _ in range(4):
        cp, rest = divmod(cp, 32)
        digits.append(DIGITS[rest])
    return "".join(reversed(digits))


class _Codes(dict):
    """str.translate's table: a character to its code, made the first time it is met."""

    def __missing__(self, cp: int) -> str:
        self[cp] = value = code(chr(cp))
        return value


_CODES = _Codes()


def han_tokens(run: str) -> list[str]:
    """One token per character: its pair with the next, and for the last, the run's end."""
    coded = run.translate(_CODES)  # 4 digits a character
    last = len(coded) - 4
    return [HAN_PREFIX + coded[i:i + 8] for i in range(0, last, 4)] + [HAN_PREFIX + coded[last:] + RUN_END]


def index_tokens(text: str) -> list[str]:
    """The words Pagefind indexes for a text, one position per character of Han text."""
    tokens: list[str] = []
    for kind, run in runs(text):
        if kind == "han":
            tokens += han_tokens(run)
        elif kind == "space":
            tokens.append(SPACE)
        elif kind == "other":
            tokens.append(run.replace(SPACE, "?"))  # the marker itself, should a text ever hold it
        else:
            tokens.append(word_token(run))
    return tokens


def title_tokens(title: str) -> list[str]:
    """The title region: the title's tokens padded (or, past 128 tokens, cut) to TITLE_REGION positions."""
    tokens = index_tokens(title)[:TITLE_REGION]
    return tokens + [FILLER] * (TITLE_REGION - len(tokens))


def decode(tokens: list[str]) -> str:
    """The text back from its tokens (the browser does this for excerpts)."""
    out = []
    for token in tokens:
        if match := _TOKEN.match(token.removesuffix(".")):  # Pagefind ends a block with "."
            out.append(chr(int(match.group(1), 32)))
        elif token == SPACE:
            out.append(" ")
        elif token[:2].lower() == HAN_PREFIX * 2:
            out.append(token[1:])  # a word that starts with x (word_token)
        else:
            out.append(token)
    return "".join(out)


def normalise(text: str) -> str:
    """What a literal match compares: prepared, lowercased, whitespace runs as one space."""
    return re.sub(r"\s+", " ", prepare(text).lower())
