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

MANIFEST_NAME = "import-manifest.json"

NEW, UPDATED, UNCHANGED, KEPT, REPLACED = "new", "updated", "unchanged", "kept (edited by hand)", "replaced"


@dataclass
class Outcome:
    path: str  # relative to the content folder
    status: str
    backup: Path | None = None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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


def decide(content_dir: Path, files: dict[str, bytes], manifest: dict[str, str], force: bool) -> list[Outcome]:
    outcomes = []
    for rel, data in files.items():
        target = content_dir / rel
        if not target.exists():
            outcomes.append(Outcome(rel, NEW))
            continue
        current = target.read_bytes()
        if current == data:
            outcomes.append(Outcome(rel, UNCHANGED))
        elif manifest.get(rel) == sha256(current):
            outcomes.append(Outcome(rel, UPDATED))
        else:
            outcomes.append(Outcome(rel, REPLACED if force else KEPT))
    return outcomes


def commit(content_dir: Path, files: dict[str, bytes], outcomes: list[Outcome], backup_root: Path) -> None:
    """Write the files whose outcome says so, all or nothing."""
    content_dir.mkdir(parents=True, exist_ok=True)
    to_write = [o for o in outcomes if o.status in (NEW, UPDATED, REPLACED)]
    if not to_write:
        return
    staging = Path(tempfile.mkdtemp(prefix=".import-staging-", dir=content_dir.parent))
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
    except BaseException:
        for target, saved in reversed(moved):
            if saved is not None and saved.exists():
                os.replace(saved, target)
            elif target.exists():
                target.unlink()
        for directory in reversed(created_dirs):
            if directory.exists() and not any(directory.iterdir()):
                directory.rmdir()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
