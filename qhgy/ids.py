"""ASCII URL ids for authors, sections and tags: assigned once, stored, never recomputed.

Pinyin of two different names can be the same (汪军 and 王军 are both wang-jun); a name met
for the first time gets the pinyin id, or the pinyin id with -2, -3… if that is taken. The
ids live in content/ids.yaml, so a homophone that arrives in a later issue never moves an
existing URL, and an editor may change an id by hand before it is published.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from qhgy.content import dump_yaml
from qhgy.errors import ContentError
from qhgy.i18n import _

REGISTRY_FILE = "ids.yaml"
KINDS = ("authors", "sections", "tags")
MAX_ID_LENGTH = 48
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

HEADER = ("# ASCII URL ids of names: /authors/<id>/, /sections/<id>/, /tags/<id>/.\n"
          "# Assigned the first time a name is met and never changed by the tools: keep them stable.\n")


def pinyin_id(name: str) -> str:
    from pypinyin import lazy_pinyin  # here: it takes ~0.5 s to import, and only a new name needs it

    ident = ""
    for part in lazy_pinyin(name):
        for word in re.findall(r"[A-Za-z0-9]+", part):
            if len(ident) + len(word) + 1 > MAX_ID_LENGTH:
                return ident or word[:MAX_ID_LENGTH].lower()  # long names end at a whole syllable
            ident = f"{ident}-{word.lower()}" if ident else word.lower()
    return ident or "x"


def registry_path(content_dir: Path) -> Path:
    return Path(content_dir) / REGISTRY_FILE


def load_registry(content_dir: Path) -> dict[str, dict[str, str]]:
    path = registry_path(content_dir)
    if not path.exists():
        return {kind: {} for kind in KINDS}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise ContentError(path, _("does not parse as YAML: {error}").format(error=err), _("fix the file by hand")) from None
    registry = {kind: dict(data.get(kind) or {}) for kind in KINDS}
    problems = check_registry(registry)
    if problems:
        raise ContentError(path, problems[0], _("give every name its own lowercase ASCII id"))
    return registry


def check_registry(registry: dict[str, dict[str, str]]) -> list[str]:
    problems = []
    for kind in KINDS:
        seen: dict[str, str] = {}
        for name, ident in registry[kind].items():
            if not isinstance(ident, str) or not ID_RE.match(ident):
                problems.append(_("{kind}: the id of '{name}' must be lowercase ASCII words joined by '-', "
                                  "not {ident}").format(kind=kind, name=name, ident=repr(ident)))
            elif ident in seen:
                problems.append(_("{kind}: '{name}' and '{other}' share the id '{ident}'").format(
                    kind=kind, name=name, other=seen[ident], ident=ident))
            else:
                seen[ident] = name
    return problems


def assign(registry: dict[str, dict[str, str]], kind: str, names) -> list[tuple[str, str]]:
    """Give each new name an id not taken in its kind; return the (name, id) pairs added."""
    table = registry[kind]
    taken = set(table.values())
    added = []
    for name in names:
        if name in table:
            continue
        base = pinyin_id(name)
        ident, n = base, 1
        while ident in taken:
            n += 1
            ident = f"{base}-{n}"
        table[name] = ident
        taken.add(ident)
        added.append((name, ident))
    return added


def save_registry(content_dir: Path, registry: dict[str, dict[str, str]]) -> None:
    path = registry_path(content_dir)
    data = {kind: registry[kind] for kind in KINDS}
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(HEADER + dump_yaml(data), encoding="utf-8")
    tmp.replace(path)
