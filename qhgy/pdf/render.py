"""Typst compilation with a content-keyed cache.

A PDF is rendered only when its key changes: the key covers the document's data (all it
prints), the template, the page settings (inside the data), the Typst version, the font
files and the code that turns the site's HTML into blocks (qhgy.pdf.build keys an article by
its HTML rather than its parsed blocks). A build with nothing changed renders nothing and writes
nothing: cached files are hard-linked into the output (same inode, same mtime), or copied with
their times where a link is not possible, and a file the output already holds is left alone.
Many documents are rendered on every core by qhgy.pdf.pool."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import typst

from qhgy.build_cache import place
from qhgy.errors import QhgyError
from qhgy.fonts import FONT_DIR, FONT_FIX, OTHER_FONT_DIR, OTHER_FONTS
from qhgy.i18n import _

FONT_DIRS = [FONT_DIR]
FONT_FILES = ("NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc")
TEMPLATE = resources.files("qhgy.pdf").joinpath("templates/journal.typ")
# the code whose output a cached PDF holds besides Typst's: the blocks (an article is keyed by
# its HTML), and the page labels written into it
CODE = [resources.files("qhgy.pdf").joinpath(name) for name in ("blocks.py", "labels.py")]
log = logging.getLogger(__name__)

__all__ = ["PdfError", "Renderer", "font_dir", "place", "unprintable"]


class PdfError(QhgyError):
    """A PDF cannot be made: which document or file, and what to do."""

    def __reduce__(self):
        # raised in a worker process (qhgy.pdf.pool), it comes back to the build whole
        return type(self), (self.path, self.problem, self.fix, self.line)


def font_dir() -> Path:
    """The folder of Noto Serif CJK (Debian's fonts-noto-cjk); a clear error when it is missing."""
    for folder in FONT_DIRS:
        if all((folder / name).is_file() for name in FONT_FILES):
            return folder
    raise PdfError(FONT_DIRS[0], _("the print PDFs need the font Noto Serif CJK SC (files {files})").format(
                       files=", ".join(FONT_FILES)), _(FONT_FIX))


@dataclass
class Renderer:
    """Renders documents to PDF files through one Typst compiler (fonts loaded once, when the
    first document is compiled: a renderer that only finds what is cached loads none)."""
    cache: Path
    root: Path  # the documents' image paths are under it
    rendered: list[str] = field(default_factory=list)  # names rendered by this renderer (tests, bench)

    def __post_init__(self):
        self.cache, self.root = Path(self.cache), Path(self.root)
        self.fonts = font_dir()
        self.template = TEMPLATE.read_bytes()
        self._compiler = None
        # every font Typst may use from those folders (a PDF_PAGE font other than Serif too)
        fonts = "".join(f"{p.name}:{p.stat().st_size}" for p in sorted(self.fonts.iterdir()) if p.is_file())
        fonts += "".join(f"{p.name}:{p.stat().st_size}" for p in sorted(OTHER_FONT_DIR.glob("*"))
                         if p.name.startswith(OTHER_FONTS)) if OTHER_FONT_DIR.is_dir() else ""
        code = "".join(hashlib.sha256(file.read_bytes()).hexdigest() for file in CODE)
        self.salt = hashlib.sha256(self.template + typst.__version__.encode() + fonts.encode()
                                   + code.encode()).hexdigest()

    @property
    def compiler(self) -> typst.Compiler:
        if self._compiler is None:
            folders = [str(self.fonts)] + ([str(OTHER_FONT_DIR)] if OTHER_FONT_DIR.is_dir() else [])
            # the file system's root: the template is compiled from its own file (see make), and
            # images are passed by their full paths (_by_path)
            self._compiler = typst.Compiler(root="/", font_paths=folders, ignore_system_fonts=True)
        return self._compiler

    def key(self, document: dict) -> str:
        # images count by their bytes, not their paths: a photo replaced under the same name
        # renders again; the same photo in another output folder does not
        data = json.dumps(_images(document, lambda path: _digest(self.root / path)), ensure_ascii=False,
                          sort_keys=True, default=str)
        return hashlib.sha256((self.salt + data).encode()).hexdigest()[:24]

    def cached(self, key: str) -> Path:
        """Where the PDF of that key is kept (it may not be there yet)."""
        return self.cache / key[:2] / f"{key}.pdf"

    def make(self, key: str, document: dict, name: str) -> list[str]:
        """Compile document into the cache under key; the characters the font could not print
        (the caller reports them: report_unprintable). Errors name the document (name)."""
        data = json.dumps(_images(document, lambda path: str(self.root / path)), ensure_ascii=False, default=str)
        try:
            # the template by its path: the binding queries only a document compiled from a file
            pdf, warnings = self.compiler.compile_with_warnings(input=str(TEMPLATE), sys_inputs={"data": data})
            labels = json.loads(self.compiler.query("<page-labels>", field="value", one=True, format="json"))
        except Exception as err:  # typst.TypstError: say which document
            raise PdfError(name, _("Typst could not set the PDF: {error}").format(error=err),
                           _("correct what it names in the content")) from None
        if warnings:
            # e.g. an unknown font: Typst would silently use another face; refuse instead
            raise PdfError(name, _("Typst warned, so the PDF is not written: {warnings}").format(
                               warnings="; ".join(str(getattr(w, "message", w)) for w in warnings)),
                           _("a font unknown to it? check PDF_PAGE in the settings"))
        from qhgy.pdf.labels import with_page_labels  # pypdf is loaded when a PDF is rendered, not before

        pdf = with_page_labels(pdf, labels)
        missing = sorted(unprintable(document, pdf))
        cached = self.cached(key)
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.stem}.{os.getpid()}.part")
        partial.write_bytes(pdf)
        partial.rename(cached)  # atomic: a failed render leaves no half file in the cache
        return missing

    def render(self, document: dict, dest: Path, name: str) -> bool:
        """Write the PDF of document to dest; False when it came from the cache unchanged."""
        key = self.key(document)
        cached = self.cached(key)
        fresh = not cached.exists()
        if fresh:
            report_unprintable(name, self.make(key, document, name))
            self.rendered.append(name)
        place(cached, dest)
        return fresh


def report_unprintable(name: str, missing) -> None:
    if missing:
        log.warning(_("{name}: the font has no glyph for {characters}: the PDF shows an empty box there").format(
            name=name, characters="、".join(f"{c} (U+{ord(c):04X})" for c in sorted(missing))))


# What Noto Serif CJK SC surely holds; a document with other characters is checked after rendering.
_RARE = re.compile(r"[^\s\x20-\x7e\u00a0-\u017f\u2000-\u206f\u2100-\u218f\u2460-\u24ff\u2500-\u25ff"
                   r"\u3000-\u303f\u3040-\u30ff\u4e00-\u9fff\uff00-\uffef]")


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in ("image", "cover_image", "settings", "anchor", "t", "href"):
                yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def unprintable(document: dict, pdf: bytes) -> set[str]:
    """Characters of the document the font has no glyph for (Typst prints an empty box and says
    nothing): those that do not come back from the PDF's text."""
    rare = {c for text in _strings(document) for c in _RARE.findall(text)}
    if not rare:
        return set()
    import io

    from pypdf import PdfReader

    extracted = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return {c for c in rare if c not in extracted}


def _images(node, replace):
    """The document with each image path (relative to the renderer's root, with or without a
    leading /) replaced by replace(path): its full path for Typst, a digest of its bytes for a key."""
    if isinstance(node, dict):
        return {k: replace(v.lstrip("/")) if k in ("image", "cover_image") and isinstance(v, str)
                else _images(v, replace) for k, v in node.items()}
    if isinstance(node, list):
        return [_images(v, replace) for v in node]
    return node


def _digest(path: Path) -> str:
    try:
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as err:
        raise PdfError(path, _("the image cannot be read ({reason})").format(reason=err.strerror),
                       _("put it back or remove it from the article")) from None
