"""Page labels (/PageLabels in the PDF's catalog): what a PDF viewer shows in its page box, set to
the folio printed on each page (the print page, or a range of them), i, ii, … for front matter.

Typst writes page labels only from a `numbering` pattern and the page counter: one number per
page, and none from a numbering function; our folios can be a range (24—25) or repeat (6, 6),
so the template reports every page's label (metadata <page-labels>) and they are written here.
They are appended as an incremental update (the catalog again, with /PageLabels): Typst's bytes
stay as they are, the result depends on them alone (reproducible), and it costs no rewrite."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from qhgy.errors import QhgyError

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
FRONT_PAGES = 100  # front matter longer than this is labelled by prefix, one page a range


def roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out += letters * count
    return out


_ROMAN_NUMBERS = {roman(n): n for n in range(1, FRONT_PAGES + 1)}


def _label(style: str, start, offset: int) -> str:
    """The label of the page `offset` pages into a range."""
    if style == "/D":
        return str(start + offset)
    if style == "/r":
        return roman(start + offset)
    return start  # a prefix alone: every page of the range shows it


def label_ranges(labels: list[str]) -> list[tuple[int, str, int | str]]:
    """The fewest ranges giving those labels, each (first page index, style, start number or
    prefix): runs of 9, 10, 11 are one decimal range; i, ii, iii one roman; any other label (a
    range of pages, an empty one) a range of its own."""
    ranges: list[tuple[int, str, int | str]] = []
    for index, label in enumerate(labels):
        if ranges and _label(ranges[-1][1], ranges[-1][2], index - ranges[-1][0]) == label:
            continue
        if label.isdigit() and not label.startswith("0"):
            ranges.append((index, "/D", int(label)))
        elif label in _ROMAN_NUMBERS:
            ranges.append((index, "/r", _ROMAN_NUMBERS[label]))
        else:
            ranges.append((index, "/P", label))
    return ranges


def _page_labels_object(labels: list[str]) -> DictionaryObject:
    nums = ArrayObject()
    for index, style, start in label_ranges(labels):
        entry = DictionaryObject()
        if style == "/P":
            entry[NameObject("/P")] = TextStringObject(start)
        else:
            entry[NameObject("/S")] = NameObject(style)
            if start != 1:
                entry[NameObject("/St")] = NumberObject(start)
        nums += [NumberObject(index), entry]
    return DictionaryObject({NameObject("/Nums"): nums})


def _default(pages: int) -> list[str]:
    """What a viewer shows for a PDF without labels."""
    return [str(n) for n in range(1, pages + 1)]


def _serialized(obj) -> bytes:
    out = io.BytesIO()
    obj.write_to_stream(out)
    return out.getvalue()


class PageLabelError(QhgyError):
    """The template reported another number of page labels than the PDF has pages: a fault of
    journal.typ, not of the content."""


def with_page_labels(pdf: bytes, labels: list[str]) -> bytes:
    """The PDF with those page labels, one a page; unchanged when it shows them already (a PDF
    without labels shows 1, 2, …)."""
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    pages = catalog["/Pages"]["/Count"]  # read without walking the page tree
    if len(labels) != pages:
        raise PageLabelError(None, f"{len(labels)} page labels for {pages} pages",
                             "qhgy/pdf/templates/journal.typ reports one label a page (<page-labels>)")
    wanted = _page_labels_object(labels)
    if catalog.get("/PageLabels", _page_labels_object(_default(pages))) == wanted:
        return pdf
    root = reader.trailer.raw_get("/Root")
    catalog = DictionaryObject(catalog)
    catalog[NameObject("/PageLabels")] = wanted
    previous = int(re.findall(rb"startxref\s+(\d+)", pdf[-1024:])[-1])
    head = pdf if pdf.endswith(b"\n") else pdf + b"\n"
    offset = len(head)
    body = f"{root.idnum} {root.generation} obj\n".encode() + _serialized(catalog) + b"\nendobj\n"
    # the update's cross-reference section: the head of the free list, as every table starts
    # (readers take a table that does not for a misnumbered one), and the one object it replaces;
    # entries are 20 bytes
    xref = (f"xref\n0 1\n0000000000 65535 f \n{root.idnum} 1\n"
            f"{offset:010d} {root.generation:05d} n \n").encode()
    trailer = DictionaryObject({NameObject(k): reader.trailer.raw_get(k) for k in ("/Size", "/Root", "/Info", "/ID")
                                if k in reader.trailer})
    trailer[NameObject("/Prev")] = NumberObject(previous)
    return (head + body + xref + b"trailer\n" + _serialized(trailer)
            + f"\nstartxref\n{offset + len(body)}\n%%EOF\n".encode())
