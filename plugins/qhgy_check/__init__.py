"""qhgy_check: validate the content with the project's key table before Pelican reads it,
and stop the build on any problem (Pelican's YAML reader would only log a bad header and
skip the file)."""

import logging
from pathlib import Path

from pelican import signals

from qhgy.content import load_content
from qhgy.errors import ContentError

log = logging.getLogger(__name__)


class InvalidContent(Exception):
    """The content folder has problems; each is logged as file:line: message."""


def check_content(pelican) -> None:
    content = load_content(Path(pelican.settings["PATH"]))
    for problem in content.problems:
        log.error("qhgy_check: %s", problem)
    if content.problems:
        first: ContentError = content.problems[0]
        raise InvalidContent(f"{len(content.problems)} content problem(s), the first: {first} "
                             "(run `invoke check` for all of them)")


def register() -> None:
    signals.initialized.connect(check_content)
