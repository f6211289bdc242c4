"""Build and serve the website with Pelican (the settings files live at the top level)."""

from __future__ import annotations

import sys


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
    """Check the content first (each problem printed in full), then build."""
    from qhgy.cli import run_check

    if run_check(content_dir, quiet=True):
        raise SystemExit(1)
    pelican("-s", settings)


def serve(port: int = 8000, bind: str = "127.0.0.1") -> None:
    print(f"Serving output/ on http://{bind}:{port}/ (Ctrl-C stops)")
    pelican("-s", "pelicanconf.py", "--listen", "--port", str(port), "--bind", bind)
