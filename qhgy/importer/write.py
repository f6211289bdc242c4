"""Stage 5: put the import's files in place without losing anyone's work.

Every file is first written to a staging folder beside the content folder, then moved into
place one by one; if anything fails, the files already moved are put back, so the content
folder is as it was. A manifest beside the issue records the hash of every file as the
importer wrote it: a file whose hash differs was edited by hand and is kept, unless --force,
which first copies it to a backup folder outside the content tree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from qhgy.errors import QhgyError
from qhgy.i18n import _
from qhgy.textnorm import similarity

MANIFEST_NAME = "import-manifest.json"


class WriteError(QhgyError):
    """The import's files could not be put in place."""

NEW, UPDATED, UNCHANGED, KEPT, REPLACED = "new", "updated", "unchanged", "kept (edited by hand)", "replaced"
STALE = "no longer produced"


@dataclass
class Outcome:
    path: str  # relative to the content folder
    status: str
    backup: Path | None = None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_existing(path: Path) -> bytes:
    """A file already in the content folder, to compare with what the import would write."""
    try:
        return path.read_bytes()
    except OSError as err:
        raise WriteError(path, _("cannot be read to compare it with the import ({reason}); nothing was written").format(
            reason=err.strerror or err), _("check the file's permissions and re-run the import")) from None


def current_hash(path: Path) -> str:
    """The hash of a file in the content folder as it is now; "" if there is none."""
    return sha256(read_existing(path)) if path.exists() else ""


def read_manifest(path: Path) -> dict[str, str]:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        return {}


def render_manifest(files: dict[str, bytes]) -> bytes:
    data = {"note": "Written by the importer: the hash of each file as imported. A file whose hash "
                    "differs has been edited by hand and a re-import keeps it.",
            "files": {rel: sha256(data) for rel, data in sorted(files.items())}}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _title_and_opening(data: bytes) -> tuple[str, str]:
    """The title and the first 40 characters of the body, cheaply, from a content file."""
    text = data.decode("utf-8", "replace")
    title = next((ln[6:].strip().strip("'\"") for ln in text.splitlines()[1:40] if ln.startswith("title:")), "")
    body = text.split("\n---\n", 1)[-1].strip()
    return title, body[:40]


def _another_piece(current: bytes, new: bytes) -> bool:
    """Does an edited file hold a different piece than the import would put there? Editors change
    titles and text, a little; a piece moved by a changed source differs in both."""
    (old_title, old_body), (new_title, new_body) = _title_and_opening(current), _title_and_opening(new)
    return similarity(old_title, new_title) < 0.5 and similarity(old_body, new_body) < 0.5


def decide(content_dir: Path, files: dict[str, bytes], manifest: dict[str, str], force: bool) -> list[Outcome]:
    """What to do with each file; a file edited by hand that would now hold another article stops the import."""
    outcomes = []
    for rel, data in files.items():
        target = content_dir / rel
        if target.is_dir():
            raise WriteError(target, _("is a folder where the import writes a file"), _("move the folder away"))
        if not target.exists():
            outcomes.append(Outcome(rel, NEW))
            continue
        current = read_existing(target)
        if current == data:
            outcomes.append(Outcome(rel, UNCHANGED))
        elif manifest.get(rel) == sha256(current):
            outcomes.append(Outcome(rel, UPDATED))
        else:
            if not force and rel.endswith(".md") and _another_piece(current, data):
                raise WriteError(target, _("was edited by hand and holds '{edited}', but this import puts '{imported}' "
                                   "at its place: the pieces of the issue have moved (a piece added or lost); "
                                   "nothing was written").format(edited=_title_and_opening(current)[0],
                                                                 imported=_title_and_opening(data)[0]),
                                 _("check the source, or re-run with --force (edited files are backed up)"))
            outcomes.append(Outcome(rel, REPLACED if force else KEPT))
    return outcomes


def stale_files(content_dir: Path, files: dict[str, bytes], manifest: dict[str, str]) -> list[str]:
    """Files an earlier import of this issue wrote that this one does not: left in place, reported."""
    return sorted(rel for rel in manifest if rel not in files and (content_dir / rel).exists())


def commit(content_dir: Path, files: dict[str, bytes], outcomes: list[Outcome], backup_root: Path) -> None:
    """Write the files whose outcome says so, all or nothing."""
    to_write = [o for o in outcomes if o.status in (NEW, UPDATED, REPLACED)]
    if not to_write:
        return
    try:
        content_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".import-staging-", dir=content_dir.parent))
    except OSError as err:
        raise WriteError(content_dir, _("cannot be written to: {reason}").format(reason=err.strerror or err),
                         _("check that it is a folder you may write to")) from None
    moved: list[tuple[Path, Path | None]] = []  # (target, saved original)
    created_dirs: list[Path] = []
    try:
        for n, outcome in enumerate(to_write):
            staged = staging / "new" / str(n)
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(files[outcome.path])
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        for outcome in to_write:
            if outcome.status == REPLACED:
                outcome.backup = backup_root / f"import-{stamp}" / outcome.path
                outcome.backup.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(content_dir / outcome.path, outcome.backup)
        for n, outcome in enumerate(to_write):
            target = content_dir / outcome.path
            for parent in reversed(target.parents):
                if not parent.exists():
                    parent.mkdir()
                    created_dirs.append(parent)
            saved = None
            if target.exists():
                saved = staging / "old" / str(n)
                saved.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, saved)
            moved.append((target, saved))
            os.replace(staging / "new" / str(n), target)
    except BaseException as err:
        if not _roll_back(moved, created_dirs):
            raise WriteError(content_dir, _("the import failed ({error}) and some files could not be put back; the "
                                             "originals are in {folder}").format(error=err, folder=staging),
                             _("copy them back by hand before anything else")) from err
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(err, OSError):
            raise WriteError(Path(err.filename or content_dir), _("could not be written: {reason}; nothing was "
                                                                   "changed").format(reason=err.strerror or err),
                             _("check the folder's permissions and free disk space")) from err
        raise
    shutil.rmtree(staging, ignore_errors=True)


def _roll_back(moved: list[tuple[Path, Path | None]], created_dirs: list[Path]) -> bool:
    """Put every moved file back; False if one could not be (its original stays in the staging folder)."""
    ok = True
    for target, saved in reversed(moved):
        try:
            if saved is not None and saved.exists():
                os.replace(saved, target)
            elif target.exists():
                target.unlink()
        except OSError:
            ok = False
    for directory in reversed(created_dirs):
        try:
            if directory.exists() and not any(directory.iterdir()):
                directory.rmdir()
        except OSError:
            pass
    return ok
