"""Build the tiny fixture site (tests/fixtures/tiny_site) in this process, with exactly the
plugins a test lists, as pelican-plugins' own tests do (sitemap/test_sitemap.py):
`Pelican(read_settings(pelicanconf.py, override={...})).run()`.

Pelican's signals are blinker signals living in one module for the whole process: a plugin
registered by an earlier build in the same process stays connected, and would run in every
later build. So before each build every receiver of every signal of `pelican.plugins.signals`
is disconnected; Pelican then calls `register()` of each plugin listed, which connects it again
(Python keeps the plugin modules imported; connecting is what counts). A build therefore runs
exactly the plugins it lists, whatever ran before it; `Build.receivers` records what was
connected, and everything is disconnected again after the build, so no later in-process run
inherits these plugins.

Every log record of the build (INFO and above, from any logger) is kept in `Build.records`;
`Build.problems()` lists the warnings and errors, which the tests expect to be none. Pelican's
LimitFilter drops a warning it has seen once in the process, so its memory is emptied before
each build too: a warning of this build is never hidden by an earlier build's identical one.
Like every real build (`invoke build`, `pelican --fatal errors`), a logged error stops the build."""

from __future__ import annotations

import functools
import logging
import shutil
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
TINY_SITE = Path(__file__).resolve().parent / "fixtures" / "tiny_site"
TINY_CONTENT = TINY_SITE / "content"
SETTINGS_FILE = ROOT / "pelicanconf.py"


@functools.cache
def plugin_order() -> tuple[str, ...]:
    """pelicanconf.PLUGINS. Pelican is imported only when a test builds: importing it (pelican.log)
    makes every logger created afterwards drop a repeated warning, which other tests rely on."""
    from pelican.settings import get_settings_from_file

    return tuple(get_settings_from_file(str(SETTINGS_FILE))["PLUGINS"])

# The fewest plugins with which the theme's pages are written where the model's links point:
# the checked journal (qhgy_check), author, section and tag pages at their ids (qhgy_ids: the
# templates link names by id), the YAML headers (yaml_metadata), default-language articles at
# their own URL rather than under en/ (qhgy_lang), the `.model` of each article and the journal
# in the templates (qhgy_model), an article's QR code (qhgy_qr: the filter qr_svg), and the gettext
# functions `_()` the templates call (qhgy_i18n). Without qhgy_model, qhgy_qr or qhgy_i18n no page
# can be written (Jinja: no attribute 'model', no filter 'qr_svg' or 'long_date'); test_plugin_ids.py and test_plugin_lang.py show what goes wrong without the others.
# The output plugins (qhgy_pdf, qhgy_issues, qhgy_images, qhgy_sitemap, qhgy_search) come on top.
YAML = "pelican.plugins.yaml_metadata"
PAGES = ("qhgy_check", "qhgy_ids", YAML, "qhgy_lang", "qhgy_model", "qhgy_qr", "qhgy_i18n")


def plugins(*extra: str, base=PAGES, without: tuple[str, ...] = ()) -> list[str]:
    """base + extra − without, in the order pelicanconf.PLUGINS lists them (the order they connect)."""
    names = (set(base) | set(extra)) - set(without)
    return sorted(names, key=plugin_order().index)


# The tiny issue, as the fixture's files say it (tests compare the output with these).
ISSUE_URL = "2030/3-4/"
ARTICLES = [  # (order, title, authors, pages as the 目录 prints them, slug)
    ("01", "推进产业工人队伍建设改革", ("赵明", "钱红"), "2—3", "qhgy-2030-3-4-01"),
    ("02", "劳模精神进企业", (), "4", "qhgy-2030-3-4-02"),
    ("03", "高原上的一盏灯", ("李芳",), "5", "qhgy-2030-3-4-03"),
]
CALL_URL = "call-for-submissions-2030-3-4/"


def pelican_signals() -> list:
    """Every signal Pelican sends (the blinker signals defined in pelican.plugins.signals)."""
    from blinker import Signal
    from pelican.plugins import signals

    return [value for value in vars(signals).values() if isinstance(value, Signal)]


def disconnect_all_plugins() -> None:
    """Disconnect every receiver of every Pelican signal (blinker's public disconnect())."""
    for signal in pelican_signals():
        for ref in list(signal.receivers.values()):
            receiver = ref() if isinstance(ref, weakref.ref) else ref  # blinker keeps weak refs by default
            if receiver is not None:
                signal.disconnect(receiver)
        assert not signal.receivers, (signal.name, signal.receivers)


def connected_receivers() -> dict[str, list[str]]:
    """Signal name → the qualified names of its receivers (which plugins a build left connected)."""
    out = {}
    for signal in pelican_signals():
        names = []
        for ref in signal.receivers.values():
            receiver = ref() if isinstance(ref, weakref.ref) else ref
            if receiver is not None:
                names.append(f"{getattr(receiver, '__module__', '?')}.{getattr(receiver, '__qualname__', receiver)}")
        if names:
            out[signal.name] = names
    return out


class _Keep(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]):
        super().__init__(logging.INFO)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Build:
    content: Path
    output: Path
    plugins: list[str]
    settings: dict = field(repr=False, default_factory=dict)
    records: list[logging.LogRecord] = field(repr=False, default_factory=list)
    error: BaseException | None = None
    receivers: dict[str, list[str]] = field(repr=False, default_factory=dict)  # signal → receivers during the build

    def problems(self) -> list[str]:
        """The warnings and errors the build logged, as 'LEVEL logger: message'."""
        return [f"{r.levelname} {r.name}: {r.getMessage()}" for r in self.records if r.levelno >= logging.WARNING]

    def messages(self) -> list[str]:
        return [r.getMessage() for r in self.records]

    def error_text(self) -> str:
        """The build's exception and every exception it was raised from or during, one a line."""
        out, err = [], self.error
        while err is not None and len(out) < 10:
            out.append(f"{type(err).__name__}: {err}")
            err = err.__cause__ or err.__context__
        return "\n".join(out)

    def read(self, path: str) -> str:
        return (self.output / path).read_text(encoding="utf-8")

    def soup(self, path: str) -> BeautifulSoup:
        return BeautifulSoup(self.read(path), "html.parser")

    def files(self) -> set[str]:
        """Every file written, relative to the output folder."""
        return {p.relative_to(self.output).as_posix() for p in self.output.rglob("*") if p.is_file()} \
            if self.output.exists() else set()


def copy_content(dest: Path) -> Path:
    """A copy of the fixture's content folder at dest, for a test to change."""
    shutil.copytree(TINY_CONTENT, dest)
    return dest


def build(workdir: Path, plugins: list[str], content: Path | None = None, raise_errors: bool = True,
          **overrides) -> Build:
    """Build `content` (default: a fresh copy of the fixture in workdir/content) into
    workdir/output with exactly `plugins`, every cache inside workdir. With raise_errors=False an
    exception of the build is kept in Build.error instead of raised (the log and the output can
    then still be looked at)."""
    from pelican import Pelican
    from pelican.log import FatalLogger, LimitFilter
    from pelican.settings import read_settings

    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    if content is None:
        content = copy_content(workdir / "content")
    output = workdir / "output"
    override = {"PATH": str(content), "OUTPUT_PATH": str(output), "PLUGINS": list(plugins),
                "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False, "CACHE_PATH": str(workdir / "cache" / "pelican"),
                "QHGY_PDF_CACHE": str(workdir / "cache" / "pdf"), "QHGY_IMAGE_CACHE": str(workdir / "cache" / "images"),
                "QHGY_SEARCH_CACHE": str(workdir / "cache" / "search"), **overrides}
    result = Build(content, output, list(plugins))
    disconnect_all_plugins()
    LimitFilter._raised_messages.clear()  # noqa: SLF001 — Pelican's dedup memory is class-wide
    LimitFilter._group_count.clear()  # noqa: SLF001
    handler = _Keep(result.records)
    root = logging.getLogger()
    level, fatal = root.level, FatalLogger.fatal_lvl
    FatalLogger.fatal_lvl = logging.ERROR  # as every real build runs: `--fatal errors` (qhgy.site, invoke build)
    root.addHandler(handler)
    root.setLevel(level if logging.NOTSET < level <= logging.INFO else logging.INFO)
    try:
        settings = read_settings(path=str(SETTINGS_FILE), override=override)
        result.settings = settings
        pelican = Pelican(settings)
        result.receivers = connected_receivers()
        pelican.run()
    except Exception as err:  # noqa: BLE001 — handed to the test
        if raise_errors:
            raise
        result.error = err
    finally:
        result.receivers = result.receivers or connected_receivers()
        disconnect_all_plugins()
        root.removeHandler(handler)
        root.setLevel(level)
        FatalLogger.fatal_lvl = fatal
    return result
