"""The query side of the search's token scheme (qhgy.search.tokens), stated in Python: in the
product it runs only in the browser (theme/static/js/search.js); the tests hold search.js to
this statement, and use it to say which articles a query must find. Also a reader of Pagefind's
metadata (its index chunks' word ranges), to check the chunks the browser loads."""

from __future__ import annotations

import json
import re
from pathlib import Path

from qhgy.search.tokens import _HAN, _MARK, HAN_PREFIX, RUN_END, code, normalise, runs, word_token


def query_han(run: str, ends: bool) -> list[tuple[int, str]]:
    """(offset, token) of a Han run in a query term. Every other pair is enough (集体 at p and 协商
    at p+2 spell 集体协商), plus the last pair: half the index lookups of all pairs. `ends`: a
    word follows in the term, so the run ends there (its end token holds that position). A
    lone character at the end of a term is a prefix (any pair it starts, or its run's end)."""
    m = len(run)
    offsets = list(range(0, m - 1, 2))
    if m >= 2 and offsets[-1] != m - 2:
        offsets.append(m - 2)
    out = [(i, HAN_PREFIX + code(run[i]) + code(run[i + 1])) for i in offsets]
    if ends:
        out.append((m - 1, HAN_PREFIX + code(run[-1]) + RUN_END))
    elif m == 1:
        out.append((0, HAN_PREFIX + code(run[0])))
    return out



# (Han named outright: Python 3.11's Unicode 14 does not know Extension H as letters)
# punctuation at a term's edges: neither Han, nor a letter, digit or combining mark
_EDGE_PUNCTUATION = re.compile(rf"^(?:(?![{_HAN}])(?![{_MARK}])[\W_])+|(?:(?![{_HAN}])(?![{_MARK}])[\W_])+$")


# Punctuation that separates terms as a space does. The Chinese marks that end a clause or part
# a list (，、；：。！？ and the half-width ､ ｡) never stand inside a word; the ASCII ones do
# (1,600  3.5  7:30  U.S), so they separate only where a letter or digit (not Han) is missing on
# one side. Marks that join the parts of a word (7·26, 2017-2020, 《》 inside a title) stay.
_LATIN = rf"(?:(?![{_HAN}])(?:[^\W_]|[{_MARK}]))"
SEPARATORS = re.compile(rf"[\uff0c\u3001\uff1b\uff1a\u3002\uff01\uff1f\uff64\uff61]"
                        rf"|(?<!{_LATIN})[,;:.!?]|[,;:.!?](?!{_LATIN})")


def separate(query: str) -> str:
    """The query normalised, separating punctuation turned into spaces: 工会，改革 → 工会 改革."""
    return SEPARATORS.sub(" ", normalise(query))


def query_terms(query: str) -> list[dict]:
    """The terms of a query: each {text, tokens, offsets}; all must occur (a space means AND).

    A term is what stands between spaces or separating punctuation (SEPARATORS: 工会，改革 is
    工会 改革), punctuation inside it included (7·26, 2017-2020 match as printed); punctuation at
    its edges is dropped (“金秋助学” is 金秋助学). Punctuation is not indexed but takes a
    position, so wherever the term occurs, at position p, its tokens lie at p + offsets."""
    terms = []
    for chunk in separate(query).split():
        part = _EDGE_PUNCTUATION.sub("", chunk)
        if not part or part in [t["text"] for t in terms]:
            continue
        tokens, offsets, at = [], [], 0
        parts = runs(part)
        for i, (kind, run) in enumerate(parts):
            if kind == "han":
                for offset, token in query_han(run, ends=i + 1 < len(parts)):
                    offsets.append(at + offset)
                    tokens.append(token)
                at += len(run)
            elif kind == "word":
                offsets.append(at)
                tokens.append(word_token(run))
                at += 1
            else:
                at += 1  # a run of punctuation: one position, no token
        if tokens:
            terms.append({"text": part, "tokens": tokens, "offsets": offsets})
    return terms


def _cbor(data: bytes):
    """The little of CBOR Pagefind's metadata uses (unsigned integers, text, arrays)."""
    at = 0

    def item():
        nonlocal at
        byte = data[at]
        at += 1
        major, value = byte >> 5, byte & 31
        if value >= 24:
            size = 1 << (value - 24)
            value, at = int.from_bytes(data[at:at + size], "big"), at + size
        if major == 0:
            return value
        if major == 3:
            text, at = data[at:at + value].decode(), at + value
            return text
        if major == 4:
            return [item() for _ in range(value)]
        raise ValueError(f"unexpected CBOR type {major} in Pagefind's metadata")

    return item()


def chunk_ranges(bundle_dir: Path) -> list[tuple[str, str]]:
    """The (first word, last word) of each index chunk of a Pagefind bundle, from its pf_meta."""
    import gzip

    entry = json.loads((bundle_dir / "pagefind-entry.json").read_text())
    language = next(iter(entry["languages"].values()))
    raw = gzip.decompress((bundle_dir / f"pagefind.{language['hash']}.pf_meta").read_bytes())
    return [(chunk[0], chunk[1]) for chunk in _cbor(raw[len(b"pagefind_dcd"):])[2]]
