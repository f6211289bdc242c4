"""Caches the build keeps between runs, and putting cached files into the output.

They live outside output/ (Pelican empties it on every build), by default in .cache/ beside
the content folder; a setting or environment variable of the same name moves each one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def cache_dir(settings, folder: str, setting: str) -> Path:
    """The cache `folder` (images, pdf, search); `setting` (QHGY_PDF_CACHE…) moves it."""
    default = Path(settings["PATH"]).resolve().parent / ".cache" / folder
    return Path(settings.get(setting) or os.environ.get(setting) or default)


def link_or_copy(source, dest) -> None:
    """A hard link (no bytes written, the cached file's time kept), or a copy across file systems."""
    try:
        os.link(source, dest)
    except OSError:
        shutil.copy2(source, dest)
