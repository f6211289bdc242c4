"""Stage 2b: the masthead (版权页) printed before the 目录: editors and contact details."""

from __future__ import annotations

import re

from qhgy.importer.blocks import is_furniture
from qhgy.importer.toc import split_names
from qhgy.journal import CONTACT_LABELS, MASTHEAD_ROLE_LABELS

LABEL = re.compile(r"^(?P<label>[A-Za-z\-]{2,8}|[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,5})\s*[:：]\s*(?P<value>.*)$")


def _label(line: str) -> tuple[str, str] | None:
    m = LABEL.match(line.strip())
    if not m:
        return None
    label = re.sub(r"\s+", "", m.group("label"))
    if label not in MASTHEAD_ROLE_LABELS and label not in CONTACT_LABELS:
        return None
    return label, m.group("value").strip()


def masthead_start(lines: list[str]) -> int | None:
    """Index of the first masthead line (主 编:…), or None."""
    return next((i for i, line in enumerate(lines) if _label(line)), None)


def parse_masthead(lines: list[str]) -> tuple[list[dict], dict]:
    """(masthead roles [{role, names}], contact {publisher, address, email, phone[], postcode})."""
    fields: list[tuple[str, list[str]]] = []
    for line in lines:
        line = line.strip()
        if not line or is_furniture(line):
            continue
        found = _label(line)
        if found:
            fields.append((found[0], [found[1]] if found[1] else []))
        elif fields:
            fields[-1][1].append(line)  # a value printed on the lines below its label
    roles: list[dict] = []
    contact: dict = {}
    for label, values in fields:
        if label in CONTACT_LABELS:
            key = CONTACT_LABELS[label]
            if key in ("phone", "fax"):
                contact[key] = [p for v in values for p in v.split()]
            else:
                contact[key] = "".join(values)
        else:
            roles.append({"role": label, "names": split_names(" ".join(values))})
    return roles, contact
