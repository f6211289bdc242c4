"""Errors the user sees: each names the file, what is wrong and what to do."""

from __future__ import annotations

from pathlib import Path


class QhgyError(Exception):
    """Base of every error meant for an editor: printed as one line, exit status 1."""

    def __init__(self, path: Path | str | None, problem: str, fix: str = "", line: int | None = None):
        self.path = Path(path) if path is not None else None
        self.problem = problem
        self.fix = fix
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        fix = f" — {self.fix}" if self.fix else ""
        return f"{where}{self.problem}{fix}"


class SourceError(QhgyError):
    """The issue's source file (text or PDF) cannot be read."""


class TocError(QhgyError):
    """The source has no usable table of contents (目录) or issue label."""


class ContentError(QhgyError):
    """A content file (article, page, issue) is malformed."""
