"""Build the real site into a folder for the tests (a real Pelican run, in a subprocess)."""

import os
import subprocess
import sys
from pathlib import Path

from conftest import CONTENT, ROOT


def build_site(output: Path, content: Path = CONTENT, settings: str = "pelicanconf.py",
               extra: tuple[str, ...] = (), pelican: bool = False) -> subprocess.CompletedProcess:
    """The site in every language, as `qhgy build` makes it (a Pelican run per language, qhgy.site);
    with extra (more Pelican options, e.g. ('--log-handler', 'plain') for messages a test matches
    whole, unwrapped) or pelican=True, the Chinese site alone, by Pelican's own command (which
    neither assigns URL ids nor builds the other languages)."""
    if not extra and not pelican:
        return subprocess.run([sys.executable, "-m", "qhgy", "build", "--settings", settings, "--content-dir",
                               str(content), "--output-dir", str(output)], cwd=ROOT, capture_output=True, text=True,
                              timeout=600, env={**os.environ, "COLUMNS": "250"})
    return subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", settings, "-o", str(output),
                           "--fatal", "errors", *extra], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COLUMNS": "250"})  # Pelican's log crops long paths at 80


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def soup(site: Path, path: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(read(site, path), "html.parser")
