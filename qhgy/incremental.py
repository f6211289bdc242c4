"""Incremental output: render a page only when what it shows changed, write a file only when its
bytes changed, and delete what an earlier build produced and this one no longer does.

A page's key is a hash of everything its rendering reads: the build's fingerprint (the project's
code, theme, plugins, Pelican's and its libraries' versions, and the settings) and the value of
every variable its template, and the templates it extends, includes and imports, reads from
the context (found in the templates' syntax trees, so a new variable in a template is tracked
without anyone listing it). Objects are hashed by what they hold: an article by its metadata
and model, its issue, its neighbours and translations; its body only where a template reads a
body (`content`, `summary`). A page whose key and file are as the last build left them is not
rendered again.

The manifest of the last build (keys, and every path a step produced) is kept in the cache
folder `html` (setting or environment variable QHGY_HTML_CACHE), one file per output folder.
An output folder without a manifest is emptied first, as a cold build would.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from importlib import metadata as importlib_metadata
from pathlib import Path

MANIFEST_VERSION = 1
# Attribute names through which a template reads an article's body.
BODY_NAMES = frozenset({"content", "summary", "html", "body", "_content", "get_content", "get_summary"})
# Libraries whose version changes what a page looks like.
LIBRARIES = ("pelican", "jinja2", "markdown", "nh3", "babel", "pelican-yaml-metadata", "feedgenerator")
# Settings that hold the build's own objects, not settings (their content is hashed page by page).
# qhgy.site: JOURNAL_SETTING; qhgy.site_language; qhgy.qr: QR_CACHE_SETTING (the codes' cache: a code is
# hashed as what it encodes, the address, on the page that shows it).
NOT_SETTINGS = frozenset({"QHGY_JOURNAL", "QHGY_SITE_LANGUAGE", "QHGY_QR_CACHE_OBJECT"})


def _h(*parts) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        h.update(b"\x1f")
    return h.hexdigest()


def tree_digest(*folders: Path, suffixes: tuple[str, ...] = (), leave_out: tuple[str, ...] = ()) -> str:
    """A hash of every file under the folders (its path and bytes), in a stable order; leave_out:
    paths ending so, or folders ending so, are not hashed."""
    h = hashlib.blake2b(digest_size=16)
    for folder in folders:
        folder = Path(folder)
        files = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
        for path in files:
            if suffixes and path.suffix not in suffixes or "__pycache__" in path.parts:
                continue
            posix = path.as_posix()
            if any(posix.endswith("/" + out) or f"/{out}/" in posix for out in leave_out):
                continue
            h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def library_versions() -> str:
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={importlib_metadata.version(name)}")
        except importlib_metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return ",".join(versions)


class Digests:
    """Stable hashes of the values a template reads, memoised for one build (the objects do not
    change once writing starts). `bodies`: whether articles are hashed with their bodies."""

    def __init__(self):
        from pelican.contents import Content
        from pelican.urlwrappers import URLWrapper

        from qhgy import model

        self._memo: dict[tuple[int, bool, str], str] = {}
        self._keep: list = []  # the memo's keys are ids: keep their objects alive
        self._types = (Content, URLWrapper, model.Article, model.Issue, model.Journal, model.SectionGroup)

    def of(self, value, bodies: bool) -> str:
        # The context's lists (every article, every tag…) are the same objects on every page:
        # hashed once each, not once per page.
        if isinstance(value, (list, tuple, dict)) and len(value) > 8:
            return self._memoised("container", value, bodies, lambda: self._value(value, bodies))
        return self._value(value, bodies)

    def _memoised(self, kind: str, obj, bodies: bool, make) -> str:
        key = (id(obj), bodies, kind)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = make()
            self._keep.append(obj)
        return found

    def _value(self, value, bodies: bool) -> str:
        Content, URLWrapper, Article, Issue, Journal, SectionGroup = self._types
        if value is None or isinstance(value, (bool, int, float, str, bytes)):
            return f"{type(value).__name__}:{value!r}"
        if isinstance(value, (dt.date, dt.datetime, dt.time)):
            return f"{type(value).__name__}:{value.isoformat()}:{getattr(value, 'tzinfo', None)}"
        if isinstance(value, Path):
            return f"path:{value}"
        if isinstance(value, Article):
            return self._memoised("article", value, bodies, lambda: self._article(value, bodies))
        if isinstance(value, Issue):
            return self._memoised("issue", value, bodies, lambda: self._issue(value, bodies))
        if isinstance(value, Journal):
            return self._memoised("journal", value, bodies, lambda: _h(
                self._value(value.issues, bodies), self._value(value.articles, bodies),
                self._value(value.pages, bodies), self._value(value.ids, bodies), self._value(value.names, bodies)))
        if isinstance(value, SectionGroup):
            return _h("group", value.name, value.id, repr(value.subcolumns),
                      *(self._versions(a, bodies) for a in value.articles))
        if isinstance(value, Content):
            return self._memoised("content", value, bodies, lambda: self._content(value, bodies))
        if isinstance(value, URLWrapper):
            return _h(type(value).__name__, value.name, value.slug, value.url, value.save_as)
        if isinstance(value, (list, tuple)):
            return _h(type(value).__name__, *(self._value(v, bodies) for v in value))
        if isinstance(value, dict):
            return _h("dict", *(f"{self._value(k, bodies)}={self._value(v, bodies)}" for k, v in value.items()))
        if isinstance(value, (set, frozenset)):
            return _h("set", *sorted(self._value(v, bodies) for v in value))
        if dataclasses.is_dataclass(value):
            return self._memoised("dataclass", value, bodies, lambda: _h(type(value).__name__, *(
                self._value(getattr(value, f.name), bodies) for f in dataclasses.fields(value))))
        if callable(value) and hasattr(value, "__qualname__"):
            return f"callable:{getattr(value, '__module__', '')}.{value.__qualname__}"
        if type(value).__module__ == "builtins" and type(value).__name__ == "module":
            return f"module:{value.__name__}"
        # Something this module does not know how to hash: a value that differs every build
        # (the page is always rendered) is safe, a constant one would not be.
        return f"unknown:{type(value).__qualname__}:{id(value)}:{os.getpid()}:{dt.datetime.now().timestamp()}"

    # The model is a graph (an article's issue lists the article): hash each object's own
    # fields, and its neighbours by their own fields.
    _ARTICLE_REFS = ("issue", "translations", "original", "prev_in_issue", "next_in_issue")
    _ISSUE_REFS = ("articles", "notices", "sections", "newer", "older")

    # With bodies, an object's hash is its hash without them plus the bodies: each field is hashed
    # once a build, though pages read articles both ways (an article's page, and the lists).
    _BODIES = ("body", "html")

    def _own(self, obj, bodies: bool) -> str:
        if obj is None:
            return "none"
        if bodies:
            return self._memoised("own", obj, True, lambda: _h(self._own(obj, False), *(
                f"{name}={self._value(getattr(obj, name, None), True)}" for name in self._BODIES)))
        skip = set(self._ARTICLE_REFS if isinstance(obj, self._types[2]) else self._ISSUE_REFS) | set(self._BODIES)
        # the other fields hold plain values (the references to other articles and issues are skipped)
        return self._memoised("own", obj, False, lambda: _h(type(obj).__name__, *(
            f"{f.name}={self._value(getattr(obj, f.name), False)}" for f in dataclasses.fields(obj)
            if f.name not in skip)))

    def _versions(self, article, bodies: bool) -> str:
        """An article listed (in an issue's 目录, as a neighbour) with its translations: a site in
        another language lists it by its translation's title and link (qhgy.site_language)."""
        if article is None:
            return "none"
        return _h(self._own(article, bodies), *(self._own(t, bodies) for t in article.translations))

    def _issue(self, issue, bodies: bool) -> str:
        return _h(self._own(issue, bodies), *(self._versions(a, bodies) for a in issue.articles),
                  *(self._versions(a, bodies) for a in issue.notices), *(self._value(g, bodies) for g in issue.sections),
                  self._own(issue.newer, bodies), self._own(issue.older, bodies))

    def _article(self, article, bodies: bool) -> str:
        return _h(self._own(article, bodies), self._value(article.issue, bodies) if article.issue else "none",
                  self._versions(article.prev_in_issue, bodies), self._versions(article.next_in_issue, bodies),
                  *(self._own(t, bodies) for t in article.translations), self._versions(article.original, bodies))

    def _content(self, content, bodies: bool) -> str:
        if bodies:
            raw = content._content or ""
            # Pelican rewrites intra-site links ({filename}…) as it hands the body out: then the
            # body depends on other pages' URLs, and is hashed as the templates get it.
            return _h(self._memoised("content", content, False, lambda: self._content(content, False)),
                      self._value(getattr(content, "model", None), True),
                      content.content or "" if "{" in raw or "|" in raw else raw,
                      str(content.metadata.get("summary", "")))
        parts = [type(content).__name__, content.url, content.save_as, str(content.lang),
                 str(getattr(content, "in_default_lang", "")), str(getattr(content, "status", "")),
                 self._value(getattr(content, "model", None), False)]
        parts += [f"{k}={self._value(v, False)}" for k, v in sorted(content.metadata.items())]
        parts += [_h(t.url, str(t.lang), str(getattr(t, "title", ""))) for t in getattr(content, "translations", [])]
        return _h(*parts)


class TemplateReads:
    """What a template reads from its context: the free variables of it and of every template it
    extends, includes or imports, and whether any of them reads a body."""

    def __init__(self, env):
        self.env = env
        self._memo: dict[str, tuple[frozenset[str], bool] | None] = {}

    def of(self, name: str) -> tuple[frozenset[str], bool] | None:
        """(variables, reads a body), or None when it cannot tell (a template named at run time)."""
        if name not in self._memo:
            self._memo[name] = self._closure(name)
        return self._memo[name]

    def _closure(self, name: str):
        from jinja2 import meta, nodes

        variables: set[str] = set()
        bodies = False
        todo, seen = [name], set()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            source = self.env.loader.get_source(self.env, current)[0]
            tree = self.env.parse(source)
            variables |= meta.find_undeclared_variables(tree)
            bodies = bodies or any(node.attr in BODY_NAMES for node in tree.find_all(nodes.Getattr))
            bodies = bodies or any(isinstance(node.arg, nodes.Const) and node.arg.value in BODY_NAMES
                                   for node in tree.find_all(nodes.Getitem))
            for ref in meta.find_referenced_templates(tree):
                if ref is None:
                    return None
                todo.append(ref)
        return frozenset(variables), bodies


@dataclasses.dataclass
class Manifest:
    """What the last build into an output folder left there."""
    fingerprint: str = ""
    pages: dict[str, list] = dataclasses.field(default_factory=dict)  # path: [key, size, mtime_ns]
    produced: list[str] = dataclasses.field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Manifest | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("version") != MANIFEST_VERSION:
            return None
        return cls(data.get("fingerprint", ""), data.get("pages", {}), data.get("produced", []))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(".tmp")
        temp.write_text(json.dumps({"version": MANIFEST_VERSION, "fingerprint": self.fingerprint, "pages": self.pages,
                                    "produced": sorted(self.produced)}, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, path)


def manifest_path(cache: Path, output: Path, prefix: str = "") -> Path:
    """One manifest per output folder and language's run (prefix: "" or en/)."""
    return Path(cache) / f"{_h(str(Path(output).resolve()), prefix) if prefix else _h(str(Path(output).resolve()))}.json"


def stamp(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write the bytes unless the file holds them already (its time then stays); True if written."""
    path = Path(path)
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)
    return True


def copy_tree_if_changed(source: Path, dest: Path, ignore=lambda name: False) -> list[Path]:
    """Copy every file under source to dest whose bytes differ; the destination files."""
    done = []
    for path in sorted(Path(source).rglob("*")):
        if path.is_file() and not any(ignore(part) for part in path.relative_to(source).parts):
            target = Path(dest) / path.relative_to(source)
            write_if_changed(target, path.read_bytes())
            done.append(target)
    return done


def remove_stale(output: Path, stale: set[str], keep_under: tuple[str, ...] = ()) -> list[str]:
    """Delete the files an earlier build produced that this one did not, and folders left empty."""
    removed = []
    output = Path(output)
    for rel in sorted(stale):
        if any(rel == k or rel.startswith(k.rstrip("/") + "/") for k in keep_under):
            continue
        path = output / rel
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(rel)
            folder = path.parent
            while folder != output and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
    return removed


def _stable_repr(value) -> str:
    """repr() the same in every process: a function (an extension's slugify) by its name, not its address."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_stable_repr(k)}: {_stable_repr(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_stable_repr(v) for v in value) + "]"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return repr(value)


class MarkdownCache:
    """The HTML of Markdown bodies, by a hash of the body, the Markdown settings and the library's
    version; kept between builds in one file, with only the bodies the last build converted."""

    def __init__(self, folder: Path, markdown_settings) -> None:
        from qhgy.build_cache import DiskMemo

        self.salt = _h(_stable_repr(markdown_settings), library_versions())
        self._memo = DiskMemo(Path(folder) / "markdown.pickle")

    def get(self, text: str, convert) -> str:
        return self._memo.get(_h(self.salt, text), lambda: convert(text))

    def save(self) -> None:
        self._memo.save()
