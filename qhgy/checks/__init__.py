"""The rules `check` applies to a content folder, one module per kind of rule, run by qhgy.check:

- slips:   input-method slips in a YAML header (full-width colon, space, dash), read before YAML is;
- headers: each file's header against the key table (qhgy.schema), author names, quotes;
- issues:  what binds an article to its issue: the issue exists, order, URL, date, section, pages;
- bodies:  the text under the header: empty, or raw HTML that would run a script;
- links:   internal links and images that lead nowhere.

Each rule adds what it finds to a `Findings`: errors stop `check` and the build, warnings print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from qhgy.errors import ContentError


class ContentWarning(ContentError):
    """Something in a content file that is probably wrong but does not stop the build."""


@dataclass
class Findings:
    """What the rules found: errors and warnings, each printed as path:line: problem — fix."""
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentWarning] = field(default_factory=list)

    def error(self, path: Path, problem: str, fix: str = "", line: int | None = None) -> None:
        self.errors.append(ContentError(path, problem, fix, line))

    def warning(self, path: Path, problem: str, fix: str = "", line: int | None = None) -> None:
        self.warnings.append(ContentWarning(path, problem, fix, line))
