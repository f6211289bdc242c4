"""The README's generated tables: the content keys of each kind of file (qhgy.schema) and the
plugins' settings (qhgy.settings), between `<!-- keys:KIND -->` / `<!-- settings -->` and
`<!-- /keys -->` / `<!-- /settings -->` (`invoke docs` rewrites them; a test holds them)."""

from __future__ import annotations

import re
from pathlib import Path

from qhgy import schema, settings


def _replace(text: str, start: str, end: str, table: str) -> str:
    return re.sub(rf"({re.escape(start)}\n)(?:.*?\n)??({re.escape(end)})",
                  lambda m: m.group(1) + table + "\n" + m.group(2), text, flags=re.S)


def update_readme(text: str) -> str:
    for kind in schema.KEY_TABLES:
        text = _replace(text, f"<!-- keys:{kind} -->", "<!-- /keys -->", schema.markdown_table(kind))
    return _replace(text, "<!-- settings -->", "<!-- /settings -->", settings.markdown_table())


def update_readme_file(path: str | Path) -> None:
    path = Path(path)
    path.write_text(update_readme(path.read_text(encoding="utf-8")), encoding="utf-8")
