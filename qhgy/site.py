"""Build and serve the website with Pelican (the settings files live at the top level)."""

from __future__ import annotations

import sys
from pathlib import Path


def pelican(*args: str) -> None:
    """Run Pelican in this process; a failed build (invalid content, an error logged) exits non-zero."""
    from pelican import main

    try:
        main(["--fatal", "errors", *args])
    except SystemExit as exit_:
        if exit_.code:
            raise
    except Exception as err:  # Pelican lets a plugin's exception through: say it in one line
        print(f"error: the build failed: {err}", file=sys.stderr)
        raise SystemExit(1) from None


def build(settings: str = "pelicanconf.py", content_dir: str = "content") -> None:
    """Check the content first (each problem printed in full), give new names their URL ids, then build."""
    from qhgy.cli import run_check
    from qhgy.ids import update_registry

    if run_check(Path(content_dir), quiet=True):
        raise SystemExit(1)
    for kind, name, ident in update_registry(Path(content_dir)):
        print(f"new URL id: {kind} '{name}' → {ident} (stored in {content_dir}/ids.yaml)")
    pelican("-s", settings)


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
    except SystemExit:
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
    print(f"Serving output/ on http://{bind}:{port}/ (Ctrl-C stops)")
    pelican("-s", "pelicanconf.py", "--listen", "--port", str(port), "--bind", bind)
