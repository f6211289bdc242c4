"""Publish the site atomically, and roll back to the release before.

The published folder is a symbolic link to a complete, checked release; publishing switches
the link in one step, so the web server serves either the old site or the new one, whole,
never a mixture or a half-written tree:

    site                      → site.releases/20171010T080000Z   (the folder the web server serves)
    site.releases/20171010T080000Z/    a complete, checked tree: every file of one build
    site.releases/20170810T080000Z/    the releases before, kept for `rollback` (KEEP_PREVIOUS)
    site.staging-k3j2x9/               a build in progress (removed when it fails; a leftover of
                                       an interrupted publish is removed by the next one)
    site.lock                          held while publishing or rolling back

`publish` checks the content first (its errors stop it), builds with the production settings
into a fresh staging folder beside the published one (the same file system, so the moves below
are renames), and checks the result (qhgy.postcheck: links, issue pages, PDFs, search index,
page sizes). Only a tree that passed is renamed into site.releases/; the new link is made under
a temporary name and renamed over `site` (rename(2) replaces a link atomically: at every
moment `site` names one complete release). The oldest releases beyond KEEP_PREVIOUS are then
renamed out of the list and deleted, so an interrupted deletion never leaves a half-deleted
release that a rollback could choose. `rollback` switches the link the same way to the
release before the current one.

Why a link and not a rename of the folder itself: a folder cannot be replaced by a rename while
it holds files (it would need two renames — old away, new in — with a moment of no site
between them), a link can; and the web server needs no restart (nginx opens files through the
link on every request).

Runs where the web server runs or on a machine that syncs the release folder to it (README,
Publishing); needs a POSIX file system (links, flock).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import tempfile
from pathlib import Path

from qhgy.errors import QhgyError
from qhgy.i18n import _

ROOT = Path(__file__).resolve().parent.parent  # where publishconf.py lives
KEEP_PREVIOUS = 3  # releases kept besides the current one, for rollback
LISTED_PROBLEMS = 20  # problems of a failed check named in its error (all are logged)
# Test hook: QHGY_PUBLISH_CRASH_AT=<point> kills the publish (SIGKILL) at that point, so a test
# can show that the published site survives an interruption anywhere. Points, in order:
CRASH_POINTS = ("during-build", "built", "checked", "released", "link-made", "switched")
CRASH_AT = "QHGY_PUBLISH_CRASH_AT"


class PublishError(QhgyError):
    """Publishing or rolling back stopped; the published site is as it was."""


class SiteCheckError(PublishError):
    """The built site failed its checks; `problems` names each (site-relative path: problem)."""

    def __init__(self, path, problems: list[str]):
        self.problems = problems
        shown = "\n  ".join(problems[:LISTED_PROBLEMS])
        more = len(problems) - LISTED_PROBLEMS
        if more > 0:
            shown += "\n  " + _("… and {count} more").format(count=more)
        super().__init__(path, _("the built site has {count} problem(s), nothing was published:\n  {problems}\n").format(
            count=len(problems), problems=shown),
            _("fix the content or the theme so that these pages are right, then publish again"))


def _crash_point(name: str) -> None:
    if os.environ.get(CRASH_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)


class _Layout:
    """The published link and the files beside it."""

    def __init__(self, published: Path):
        self.published = Path(os.path.abspath(published))
        self.parent = self.published.parent
        self.name = self.published.name
        self.releases = self.parent / f"{self.name}.releases"
        self.lock = self.parent / f"{self.name}.lock"

    def current(self) -> str | None:
        """The release the link names, or None (nothing published yet)."""
        if not self.published.is_symlink():
            return None
        target = Path(os.readlink(self.published))
        return target.name if target.parent.name == self.releases.name else None

    def release_names(self) -> list[str]:
        """Complete releases, oldest first (their names are UTC time stamps)."""
        if not self.releases.is_dir():
            return []
        return sorted(p.name for p in self.releases.iterdir() if p.is_dir() and not p.name.startswith("."))

    def switch_to(self, release: str) -> None:
        """Point the link at a release in one rename (made under a temporary name first)."""
        temporary = self.parent / f"{self.name}.link-{os.getpid()}"
        if temporary.is_symlink() or temporary.exists():
            temporary.unlink()
        os.symlink(f"{self.releases.name}/{release}", temporary)
        _crash_point("link-made")
        os.replace(temporary, self.published)
        _fsync_folder(self.parent)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _locked(layout: _Layout):
    import fcntl

    layout.parent.mkdir(parents=True, exist_ok=True)
    with open(layout.lock, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(layout.published, _("another publish or rollback of this site is running"),
                               _("wait for it to finish, then try again")) from None
        yield  # the lock goes with the file's closing, or with the process if it is killed


def _remove_leftovers(layout: _Layout, log) -> None:
    """What an interrupted publish left: staging folders, a temporary link, releases half-deleted."""
    leftovers = [p for p in layout.parent.glob(f"{layout.name}.staging-*")]
    leftovers += [p for p in layout.parent.glob(f"{layout.name}.link-*")]
    if layout.releases.is_dir():
        leftovers += [p for p in layout.releases.glob(".trash-*")]
    for path in leftovers:
        if path.is_symlink() or path.is_file():
            path.unlink()
        else:
            shutil.rmtree(path)
        log(_("removed {path}, left by an interrupted publish").format(path=path))


def _check_published_is_ours(layout: _Layout) -> None:
    if layout.published.exists() and not layout.published.is_symlink():
        raise PublishError(layout.published, _("is a folder; publishing manages this path as a link to "
                                               "the releases in {releases}").format(releases=layout.releases),
                           _("publish to a path that does not exist yet, or move this folder away first"))


def _new_release_name(layout: _Layout) -> str:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    name, n = stamp, 1
    while (layout.releases / name).exists():
        name, n = f"{stamp}-{n}", n + 1
    return name


def _prune(layout: _Layout, keep: int, log) -> None:
    current = layout.current()
    others = [r for r in layout.release_names() if r != current]
    for old in others[:max(len(others) - keep, 0)]:
        trash = layout.releases / f".trash-{old}"
        os.rename(layout.releases / old, trash)  # out of the list first: never a half-deleted release
        shutil.rmtree(trash)
        log(_("removed the old release {release}").format(release=old))


def _settings_file(settings: str | Path) -> Path:
    path = Path(settings)
    if not path.is_absolute() and not path.exists() and (ROOT / path).exists():
        path = ROOT / path
    if not path.exists():
        raise PublishError(path, _("the settings file does not exist"),
                           _("name the production settings, publishconf.py"))
    return path.resolve()


def _arm_build_crash() -> None:
    """For the crash test: die while Pelican writes, after a few files are written."""
    if os.environ.get(CRASH_AT) != "during-build":
        return
    from pelican import signals

    written = []

    def count(path, context=None):
        written.append(path)
        if len(written) == 20:
            os.kill(os.getpid(), signal.SIGKILL)

    signals.content_written.connect(count, weak=False)


def _folder_mode() -> int:
    """The mode a new folder gets under the process's umask (mkdir's)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def build_release(content_dir: Path, staging: Path, settings_file: Path, log=print):
    """Check the content, build the site into `staging` and check it; raises on any problem."""
    from pelican.settings import read_settings

    from qhgy.check import check_content
    from qhgy.postcheck import PAGE_BUDGET, check_site
    from qhgy.site import JOURNAL_SETTING, legal_of, run_sites

    checked = check_content(content_dir, assign_ids=True, legal=legal_of(settings_file, content_dir))
    journal = checked.journal_or_raise()
    for kind, name, ident in checked.new_ids:
        log(_("new URL id: {kind} '{name}' → {id} (stored in {path})").format(
            kind=kind, name=name, id=ident, path=content_dir / "ids.yaml"))
    overrides = {"PATH": str(content_dir), "OUTPUT_PATH": str(staging), JOURNAL_SETTING: journal}
    settings = read_settings(str(settings_file), override=dict(overrides))
    log(_("building the site into {path}").format(path=staging))
    _arm_build_crash()
    run_sites(str(settings_file), overrides)
    _crash_point("built")
    log(_("checking the built site: links, issue pages, PDFs, search index, page sizes"))
    problems = check_site(staging, journal, settings.get("SITEURL", ""), settings.get("SEARCH_INDEX_URL", "pagefind/"),
                          PAGE_BUDGET)
    if problems:
        raise SiteCheckError(staging, problems)
    return journal


def publish(content_dir: str | Path, published_dir: str | Path, settings: str | Path = "publishconf.py",
            log=print, keep: int = KEEP_PREVIOUS) -> str:
    """Build, check and publish the content at published_dir (a link to the new release); the
    release's name. On any failure the published site is left as it was and the staging folder
    removed."""
    content_dir = Path(content_dir).resolve()
    settings_file = _settings_file(settings)
    layout = _Layout(Path(published_dir))
    with _locked(layout):
        _remove_leftovers(layout, log)
        _check_published_is_ours(layout)
        previous = layout.current()
        staging = Path(tempfile.mkdtemp(prefix=f"{layout.name}.staging-", dir=layout.parent))
        staging.chmod(_folder_mode())  # mkdtemp's 0700 would hide the site from the web server's user
        try:
            build_release(content_dir, staging, settings_file, log)
            _crash_point("checked")
            os.sync()  # the tree on disk before any name points at it
            layout.releases.mkdir(exist_ok=True)
            release = _new_release_name(layout)
            os.rename(staging, layout.releases / release)
            _fsync_folder(layout.releases)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _crash_point("released")
        layout.switch_to(release)
        _crash_point("switched")
        files, size = _size(layout.releases / release)
        log(_("published {path} → {release}: {files} files, {size:.1f} MB").format(
            path=layout.published, release=release, files=files, size=size / 1e6))
        if previous:
            log(_("the previous release {release} is kept: `invoke rollback` returns to it").format(release=previous))
        _prune(layout, keep, log)
    return release


def rollback(published_dir: str | Path, log=print) -> str:
    """Point published_dir back at the release before the current one; that release's name."""
    layout = _Layout(Path(published_dir))
    with _locked(layout):
        _remove_leftovers(layout, log)
        current = layout.current()
        if current is None:
            raise PublishError(layout.published, _("nothing is published here"),
                               _("publish first; rollback returns to the release before the current one"))
        older = [r for r in layout.release_names() if r < current]
        if not older:
            raise PublishError(layout.published, _("there is no release before {release} to return to").format(
                release=current), _("publish the content you want instead"))
        layout.switch_to(older[-1])
        log(_("rolled back {path}: {old} → {new} (the newer release is kept until later publishes remove it)").format(
            path=layout.published, old=current, new=older[-1]))
        return older[-1]
