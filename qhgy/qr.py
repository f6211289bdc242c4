"""QR codes of articles' public addresses (segno), for the article page and its PDF: a reader of
the printed or downloaded text scans it to reach the article online.

Making one takes about 4 ms, 50 s for 12,000 articles, so each is kept in a cache between builds
(one file, address → SVG), and a build makes only those of new addresses."""

from __future__ import annotations

import io
from pathlib import Path

from qhgy.build_cache import DiskMemo

CACHE_FILE = "qr.pickle"
# The settings key under which a build keeps its cache (plugin qhgy_qr), which the PDFs use too.
QR_CACHE_SETTING = "QHGY_QR_CACHE_OBJECT"
VERSION = "segno-svg-1"  # part of each key: a change of how codes are drawn makes them again


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
        self._memo = DiskMemo(Path(folder) / CACHE_FILE, keep_all=True)

    @property
    def made(self) -> int:
        return self._memo.made

    def svg(self, url: str) -> str:
        return self._memo.get(f"{VERSION} {url}", lambda: qr_svg(url))

    def save(self) -> None:
        """Add the codes made in this build."""
        self._memo.save()
