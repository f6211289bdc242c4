"""QR codes of articles' public addresses (segno), for the article page and its PDF: a reader of
the printed or downloaded text scans it to reach the article online.

Making one takes about 4 ms, 50 s for 12,000 articles, so each is kept in a cache between builds
(one file, address → SVG), and a build makes only those of new addresses."""

from __future__ import annotations

import io
import os
import pickle
from pathlib import Path

CACHE_FILE = "qr.pickle"
# The settings key under which a build keeps its cache (plugin qhgy_qr), which the PDFs use too.
QR_CACHE_SETTING = "QHGY_QR_CACHE_OBJECT"
VERSION = "segno-svg-1"  # a change of how codes are drawn drops the cache


def qr_svg(url: str) -> str:
    """The QR code of url as an SVG element, sized by CSS (a viewBox, no width or height), black on
    transparent, with the 2-module quiet zone scanners need (error correction M: 15% may be lost)."""
    import segno

    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="svg", xmldecl=False, svgns=True, nl=False, border=2,
                                                  omitsize=True, svgclass="qr", lineclass=None)
    return out.getvalue().decode("ascii")


class QrCache:
    """SVG by address, loaded once per build. Nothing is dropped: an incremental build renders only
    the pages that changed, so a code not asked for may well be needed again; and the archive's
    addresses never change (DESIGN: URLs from issue and order), so the cache grows with it alone."""

    def __init__(self, folder: Path) -> None:
        self.file = Path(folder) / CACHE_FILE
        self._old: dict[str, str] | None = None
        self.used: dict[str, str] = {}
        self.made = 0

    def _load(self) -> dict[str, str]:
        if self._old is None:
            try:
                with open(self.file, "rb") as f:
                    version, self._old = pickle.load(f)
                if version != VERSION:
                    self._old = {}
            except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
                self._old = {}  # no cache yet, or an unreadable one: make the codes again
        return self._old

    def svg(self, url: str) -> str:
        found = self.used.get(url) or self._load().get(url)
        if found is None:
            found = qr_svg(url)
            self.made += 1
        self.used[url] = found
        return found

    def save(self) -> None:
        """Add the codes made in this build (atomically: a build stopped half-way leaves the old cache)."""
        if not self.made:
            return
        merged = {**self._load(), **self.used}
        self.file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.file.with_suffix(".tmp")
        with open(partial, "wb") as f:
            pickle.dump((VERSION, merged), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.file)
