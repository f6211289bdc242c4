"""Build and serve the website with Pelican (the settings files live at the top level).

A build checks the content once (qhgy.check), gives new names their URL ids, then runs Pelican
in this process with the checked journal handed to the plugins, so nothing is read twice."""

from __future__ import annotations

import logging
from pathlib import Path

from qhgy.errors import QhgyError

# The settings key through which a build hands its checked journal to the plugins.
JOURNAL_SETTING = "QHGY_JOURNAL"


class BuildError(QhgyError):
    """The build stopped: what failed and what to do."""


def run_pelican(settings_file: str, overrides: dict | None = None) -> None:
    """One Pelican build in this process; an error logged by anyone stops it (Pelican's --fatal errors).
    The project's own failures arrive here as QhgyError and go through unchanged."""
    from pelican import Pelican
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    init_logging(level=logging.WARNING, fatal="errors", name="pelican")
    settings = read_settings(settings_file, override=dict(overrides or {}))
    try:
        Pelican(settings).run()
    except QhgyError:
        raise
    except Exception as err:  # last resort: another library failed (Pelican, Jinja, a logged error)
        raise BuildError(settings_file, f"the build failed: {err}", "fix the problem named above and build again") \
            from err


def build(settings: str = "pelicanconf.py", content_dir: str | Path = "content", log=print):
    """Check the content (ContentProblems names every problem), give new names their URL ids, then
    build; the journal built, for the caller."""
    from qhgy.check import check_content

    checked = check_content(Path(content_dir), assign_ids=True)
    journal = checked.journal_or_raise()
    for kind, name, ident in checked.new_ids:
        log(f"new URL id: {kind} '{name}' → {ident} (stored in {content_dir}/ids.yaml)")
    run_pelican(settings, {"PATH": str(Path(content_dir).resolve()), JOURNAL_SETTING: journal})
    return journal


def livereload(port: int = 8000) -> None:
    """Serve output/ and rebuild whenever content, theme, plugins or settings change."""
    from livereload import Server

    build()
    server = Server()
    for pattern in ("content/**/*", "theme/**/*", "plugins/**/*.py", "qhgy/**/*.py", "pelicanconf.py"):
        server.watch(pattern, lambda: _rebuild_quietly())
    server.serve(host="127.0.0.1", port=port, root="output")


def _rebuild_quietly() -> None:
    try:
        build()
    except QhgyError as err:
        print(f"error: {err}")
        print("the build failed; fix the problem above and save again")


def update_translations() -> None:
    """pybabel extract + update: new UI strings reach every catalog (translate them in the .po files)."""
    from babel.messages.frontend import CommandLineInterface

    pot = "theme/translations/messages.pot"
    cli = CommandLineInterface()
    cli.run(["pybabel", "extract", "-F", "babel.cfg", "-o", pot, "--no-location", "--omit-header",
             "--sort-output", "."])
    cli.run(["pybabel", "update", "-i", pot, "-d", "theme/translations", "--ignore-obsolete",
             "--no-fuzzy-matching"])


def serve(port: int = 8000, bind: str = "127.0.0.1") -> None:
    from pelican import main

    print(f"Serving output/ on http://{bind}:{port}/ (Ctrl-C stops)")
    main(["-s", "pelicanconf.py", "--listen", "--port", str(port), "--bind", bind])
