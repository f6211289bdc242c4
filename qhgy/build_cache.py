"""Caches the build keeps between runs, putting cached files into the output, and how many
processes the slow steps (print PDFs, covers) may use.

They live outside output/ (Pelican empties it on every build), by default in .cache/ beside
the content folder; a setting or environment variable of the same name moves each one."""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

from qhgy.errors import QhgyError
from qhgy.i18n import _


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


def place(source: Path, dest: Path) -> bool:
    """Put the cached file source at dest; False when dest already holds it (the same file, or
    the same bytes), which is then left alone: same inode, same time, nothing rewritten.

    A changed file is linked (or copied) under a temporary name and renamed over the old one,
    so a reader (a server of the output folder) never finds it missing or half written."""
    source, dest = Path(source), Path(dest)
    try:
        if dest.samefile(source) or (dest.stat().st_size == source.stat().st_size
                                     and filecmp.cmp(source, dest, shallow=False)):
            return False
    except FileNotFoundError:
        dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(f".{dest.name}.part")
    partial.unlink(missing_ok=True)
    link_or_copy(source, partial)
    os.replace(partial, dest)
    return True


def worker_count() -> int:
    """How many processes may render at once: QHGY_JOBS if set (1: all in the build's own
    process), else one per core this process may run on."""
    wanted = os.environ.get("QHGY_JOBS", "").strip()
    if wanted:
        if not wanted.isdigit() or int(wanted) < 1:
            raise QhgyError(None, _("the environment variable QHGY_JOBS is '{value}'").format(value=wanted),
                            _("set it to a whole number of processes, 1 or more, or unset it"))
        return int(wanted)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
