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


class DiskMemo:
    """Values made from a key (a string), kept between builds in one pickle file: loaded when first
    asked, written whole under another name and renamed (a build stopped half-way leaves the old
    file). keep_all: keep the entries a build did not ask for (an incremental build asks only for
    what it renders again); otherwise the file keeps what the last build used and no more."""

    def __init__(self, file: Path, keep_all: bool = False) -> None:
        self.file = Path(file)
        self.keep_all = keep_all
        self.used: dict[str, object] = {}
        self.made = 0
        self._old: dict | None = None

    def _load(self) -> dict:
        if self._old is None:
            import pickle

            try:
                with open(self.file, "rb") as f:
                    self._old = pickle.load(f)  # noqa: S301 — the build's own cache file
            except Exception:  # noqa: BLE001 — no cache, or an unreadable one: make the values again
                self._old = {}
            if not isinstance(self._old, dict):
                self._old = {}
        return self._old

    def get(self, key: str, make):
        value = self.used.get(key)
        if value is None:
            value = self._load().get(key)
            if value is None:
                value = make()
                self.made += 1
            self.used[key] = value
        return value

    def save(self) -> None:
        import pickle

        if not self.made and (self.keep_all or (self._old is not None and self.used.keys() == self._old.keys())):
            return  # nothing new, and nothing to drop
        kept = {**self._load(), **self.used} if self.keep_all else self.used
        self.file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.file.with_suffix(".tmp")
        with open(partial, "wb") as f:
            pickle.dump(kept, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.file)
