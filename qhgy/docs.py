"""The README's generated tables: the content keys of each kind of file (qhgy.schema) and the
plugins' settings (qhgy.settings), between `<!-- keys:KIND -->` / `<!-- settings -->` and
`<!-- /keys -->` / `<!-- /settings -->` (`invoke docs` rewrites them; a test holds them). The
editors' manual (docs/编辑手册.md) has the key tables in Chinese, from the same schema through the
tools' catalog."""

from __future__ import annotations

import re
from pathlib import Path

from qhgy import schema, settings


def _replace(text: str, start: str, end: str, table: str) -> str:
    return re.sub(rf"({re.escape(start)}\n)(?:.*?\n)??({re.escape(end)})",
                  lambda m: m.group(1) + table + "\n" + m.group(2), text, flags=re.S)


MANUAL = "docs/编辑手册.md"


def update_manual(text: str) -> str:
    for kind in schema.KEY_TABLES:
        text = _replace(text, f"<!-- keys:{kind} -->", "<!-- /keys -->", schema.markdown_table(kind, "zh_CN"))
    return text


def update_readme(text: str) -> str:
    for kind in schema.KEY_TABLES:
        text = _replace(text, f"<!-- keys:{kind} -->", "<!-- /keys -->", schema.markdown_table(kind))
    return _replace(text, "<!-- settings -->", "<!-- /settings -->", settings.markdown_table())


def update_readme_file(path: str | Path) -> None:
    path = Path(path)
    path.write_text(update_readme(path.read_text(encoding="utf-8")), encoding="utf-8")


def update_manual_file(path: str | Path = MANUAL) -> None:
    path = Path(path)
    path.write_text(update_manual(path.read_text(encoding="utf-8")), encoding="utf-8")
