"""Build the real site into a folder for the tests (a real Pelican run, in a subprocess)."""

import os
import subprocess
import sys
from pathlib import Path

from conftest import CONTENT, ROOT


def build_site(output: Path, content: Path = CONTENT, settings: str = "pelicanconf.py",
               extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """extra: more Pelican options; ('--log-handler', 'plain') for messages a test matches whole, unwrapped."""
    return subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", settings, "-o", str(output),
                           "--fatal", "errors", *extra], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COLUMNS": "250"})  # Pelican's log crops long paths at 80


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")
