"""Each file's header on its own: the key table (qhgy.schema), author names, quoted values."""

from __future__ import annotations

import re
import unicodedata

from qhgy.checks import Findings
from qhgy.content import ContentFiles, SourceLines
from qhgy.i18n import _
from qhgy.schema import KEY_TABLES, in_chinese_quotes, validate_keys

# Inside a name only the middle dot of transcribed names (扎西·多杰) is punctuation; the
# separators of a list of names say that two names were written as one.
NAME_DOTS = "·•‧・"
NAME_SEPARATORS = re.compile(r"[,，、;；/／]+")


def _line(source: SourceLines, key: str | None) -> int:
    return (source.key(key) if key else None) or source.missing_key_line


def name_problem(name: str) -> tuple[str, str] | None:
    """(problem, fix) of an author name with spaces or punctuation, None for a clean name.
    Latin names keep the spaces between their words (John Smith)."""
    if re.fullmatch(r"[A-Za-z][A-Za-z.'-]*(?: [A-Za-z][A-Za-z.'-]*)*", name):
        return None
    bad = [c for c in name if c.isspace() or (unicodedata.category(c)[0] in "PSZ" and c not in NAME_DOTS)]
    if not bad:
        return None
    parts = [p for p in (re.sub(r"\s+", "", x).strip("".join(bad)) for x in NAME_SEPARATORS.split(name)) if p]
    if len(parts) > 1:
        return (_("the author name '{name}' holds several names").format(name=name),
                _("write each name as an entry of its own: {names}").format(names=", ".join(f"- {p}" for p in parts)))
    clean = "".join(c for c in name if c not in bad)
    kinds = sorted({_("a full-width space") if c == "\u3000" else _("a space") if c.isspace()
                    else _("punctuation '{mark}'").format(mark=c) for c in bad})
    return (_("the author name '{name}' contains {what}").format(name=name, what=_(", ").join(kinds)),
            _("write {name}").format(name=clean))


def check_headers(files: ContentFiles, found: Findings) -> None:
    items = [("issue", path, meta) for path, meta in files.issues]
    items += [("article", path, meta) for path, meta, _body in files.articles]
    items += [("page", path, meta) for path, meta, _body in files.pages]
    for kind, path, meta in items:
        source = files.sources[path]
        for problem in validate_keys(kind, meta):
            found.error(path, problem.problem, problem.fix, _line(source, problem.key))
        types = {key.name: key.type for key in KEY_TABLES[kind]}
        for key, value in meta.items():
            inner = in_chinese_quotes(value)
            if types.get(key) == "text" and inner is not None:
                found.warning(path, _("the value of '{key}' is in Chinese quotes {value}: they will be printed as "
                                      "part of it").format(key=key, value=value),
                              _("if they were meant as YAML quotes, type ASCII ones: {key}: '{inner}'")
                              .format(key=key, inner=inner), source.key(key))
        authors = meta.get("authors")
        for name in authors if kind == "article" and isinstance(authors, list) else ():
            if isinstance(name, str) and (bad := name_problem(name)):
                found.error(path, bad[0], bad[1], source.entry("authors", name))
