"""Make Pagefind's output the same bytes on every run of the same pages.

Pagefind 1.5.2 writes each filter's values in the order of a Rust HashMap, which is seeded at
random per process: the values of `section` or `author` come out in another order on each run,
so the filter files, their hashed names, the pf_meta naming them and the entry naming the
pf_meta differ between two builds of the same content. The order means nothing to the browser
(it reads a filter into a map), so here each filter's values and the list of filters are sorted,
the files re-written (gzip without a time stamp) and renamed after their content.

Pagefind's metadata is gzip, the signature `pagefind_dcd`, then CBOR using unsigned integers,
text strings and arrays only; anything else stops with an error rather than a wrong guess.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from qhgy.errors import QhgyError
from qhgy.i18n import _

SIGNATURE = b"pagefind_dcd"


class PagefindFormatError(QhgyError):
    """The files are not in the form Pagefind 1.5.2 writes."""

    def __init__(self, path, problem: str):
        super().__init__(path, problem, _("run `bash scripts/setup.sh`, which installs the pinned Pagefind, "
                                          "and build again"))


def _format_error(problem: str) -> PagefindFormatError:
    return PagefindFormatError(None, _("Pagefind's output is not as expected: {problem}").format(problem=problem))


def cbor_decode(data: bytes):
    def item(at: int):
        byte = data[at]
        at += 1
        major, value = byte >> 5, byte & 31
        if value >= 24:
            if value > 27:
                raise _format_error(f"CBOR length form {value} at byte {at - 1}")
            size = 1 << (value - 24)
            value = int.from_bytes(data[at:at + size], "big")
            at += size
        if major == 0:
            return value, at
        if major == 3:
            return data[at:at + value].decode("utf-8"), at + value
        if major == 4:
            out = []
            for _index in range(value):
                element, at = item(at)
                out.append(element)
            return out, at
        raise _format_error(f"CBOR type {major} at byte {at - 1}")

    value, end = item(0)
    if end != len(data):
        raise _format_error(f"{len(data) - end} bytes after the CBOR value")
    return value


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise _format_error(f"integer {value} too large for CBOR")


def cbor_encode(value) -> bytes:
    if isinstance(value, bool) or not isinstance(value, (int, str, list)):
        raise _format_error(f"cannot encode {type(value).__name__}")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    return _head(4, len(value)) + b"".join(cbor_encode(v) for v in value)


def read_pagefind_file(path: Path):
    try:
        raw = gzip.decompress(path.read_bytes())
        if not raw.startswith(SIGNATURE):
            raise _format_error(f"no signature {SIGNATURE!r}")
        return cbor_decode(raw[len(SIGNATURE):])
    except (PagefindFormatError, OSError, EOFError, IndexError, UnicodeDecodeError) as err:
        problem = err.problem if isinstance(err, PagefindFormatError) else str(err)
        raise PagefindFormatError(path, problem) from None


def _write(folder: Path, stem_prefix: str, digits: int, suffix: str, value) -> str:
    """Write value as a Pagefind file named after its content; its hash (lang_hex)."""
    raw = SIGNATURE + cbor_encode(value)
    name = f"{stem_prefix}_{hashlib.sha256(raw).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    return name


def canonicalise(out: Path) -> None:
    """Rewrite one Pagefind output folder (holding pagefind-entry.json) in canonical form."""
    entry_file = out / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_file = out / f"pagefind.{info['hash']}.pf_meta"
        meta = read_pagefind_file(meta_file)
        if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)):
            raise PagefindFormatError(meta_file, _("no list of filters in the fourth place"))
        filters = []
        for name, old in meta[3]:
            path = out / "filter" / f"{old}.pf_filter"
            filter_name, values = read_pagefind_file(path)
            values = sorted([value, sorted(pages)] for value, pages in values)
            path.unlink()
            filters.append([name, _write(path.parent, lang, 7, ".pf_filter", [filter_name, values])])
        meta[3] = sorted(filters)
        meta_file.unlink()
        info["hash"] = _write(out, f"pagefind.{lang}", 13, ".pf_meta", meta).removeprefix("pagefind.")
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
