"""Pages of a PDF as PNG images (poppler's pdftoppm), for a person to look at."""

from __future__ import annotations

import subprocess
from pathlib import Path

from qhgy.errors import QhgyError


def page_images(pdf: Path, pages: str, dest: Path, dpi: int = 100) -> list[Path]:
    """pages: '3' or '1-4'. Returns the PNG files written."""
    if not pdf.is_file():
        raise QhgyError(pdf, "does not exist", "build the site first (invoke build)")
    first, _, last = pages.partition("-")
    dest.mkdir(parents=True, exist_ok=True)
    prefix = dest / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", first, "-l", last or first, str(pdf), str(prefix)],
                   check=True)
    return sorted(dest.glob(f"{pdf.stem}-*.png"))
