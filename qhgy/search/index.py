"""Build the search index: one Pagefind run per bundle, over token pages written for it.

The pages Pagefind reads are not the site's pages: each is an article's title region and
body as tokens (qhgy.search.tokens) plus its facets and the fields a result shows. Navigation,
footers and 目录 lists are never indexed. A bundle whose pages are unchanged is copied from
the cache instead of being indexed again.
"""

from __future__ import annotations

import hashlib
import functools
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from qhgy.build_cache import link_or_copy
from qhgy.errors import QhgyError
from qhgy.i18n import _
from qhgy.journal import LANGUAGE
from qhgy.search.bundles import PAGES_BUNDLE, Bundle, plan_bundles
from qhgy.search.canonical import canonicalise
from qhgy.search.records import ARTICLE, SearchRecord
from qhgy.search.tokens import TITLE_REGION, index_tokens, title_tokens

PAGEFIND_VERSION = "1.5.2"
# Changes whenever the token scheme or the page layout changes, so cached bundles are rebuilt.
SCHEME = f"qhgy-search-5/pagefind-{PAGEFIND_VERSION}/title-{TITLE_REGION}"
# What the browser needs of Pagefind's output; its own UI bundles are left out.
# Pages made from a template whose text is the journal's own (the editorial board, the office's
# address), indexed from the page as written (plugin qhgy_search). The lists (archive, sections,
# authors, tags) are navigation, the search page and 404 are chrome: none of them is indexed.
INDEXED_TEMPLATES = ("about",)
# The byline as a result shows it (meta "authors"); search.js splits it at the same mark.
AUTHOR_SEPARATOR = "、"
_KEEP = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "index", "fragment", "filter")


class SearchIndexError(QhgyError):
    """The search index cannot be built."""


@dataclass
class BuiltBundle:
    name: str
    lang: str
    path: str  # site-relative folder: pagefind/2017/
    articles: int
    cached: bool
    meta: str = ""  # its metadata file: pagefind.zh-cn_<hash>.pf_meta
    pages: int = 0  # the site's pages (征稿启事, about) among its records
    years: tuple[str, ...] = ()  # the years it holds (2015-2019 may hold 2017 and 2019 only)

    def listing(self) -> dict:
        """Its entry in bundles.json: the search page lists the years held (never those between)
        and says how many articles it searched, from these."""
        return {"path": self.path, "years": self.name, "held": list(self.years), "articles": self.articles,
                "pages": self.pages, "meta": self.meta}


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def render_page(record: SearchRecord) -> str:
    """The page Pagefind indexes for one article or page. The title region holds the 引题, title,
    副题, byline and source unit (record.heads), so that a name finds its author's articles as a
    title match; the byline is also a filter (author), by which the browser tells a name that is
    a byline from one that is part of a longer name."""
    facets = [("section", record.section), ("year", record.year), ("issue", record.issue)]
    facets += [("author", name) for name in record.authors]
    fields = [("title", record.title), ("url", record.url), ("section", record.section),
              ("issue", record.issue), ("authors", AUTHOR_SEPARATOR.join(record.authors)), ("pages", record.pages),
              ("subcolumn", record.subcolumn), ("kicker", record.kicker), ("subtitle", record.subtitle),
              ("source", record.source_unit), ("kind", record.kind if record.kind != ARTICLE else "")]
    hidden = "".join(f'<span data-pagefind-filter="{k}">{_e(v)}</span>' for k, v in facets if v)
    hidden += "".join(f'<span data-pagefind-meta="{k}">{_e(v)}</span>' for k, v in fields if v)
    body = " ".join(index_tokens(record.text.replace("\n", " ")))
    heads = " ".join(record.heads)  # a space between them: no character pair spans two of them
    return (f'<!DOCTYPE html><html lang="{_e(record.lang)}"><head><meta charset="utf-8"><title></title></head>'
            f'<body><div data-pagefind-body><p data-pagefind-weight="10">{_e(" ".join(title_tokens(heads)))}'
            f'</p><p>{_e(body)}</p><div data-pagefind-ignore>{hidden}</div></div></body></html>\n')


def bundle_pages(bundle: Bundle) -> dict[str, str]:
    pages = {}
    for r in bundle.records:
        record = r.resolve()
        pages[f"{record.url}index.html"] = render_page(record)
    return pages


# Pagefind's default is 20000; with character pairs a query looks up several words, each in
# its own chunk per bundle: measured on 3,000 generated articles, 6000 cut a second query's
# bytes by half to two thirds (3000 saved little more and made 25% more files).
DEFAULT_CHUNK_SIZE = 6000


_CODE = ("tokens.py", "records.py", "index.py", "canonical.py", "bundles.py")


@functools.lru_cache(maxsize=None)
def code_digest() -> str:
    """The search code's own hash: a change to how pages are made or indexed rebuilds every bundle."""
    h = hashlib.blake2b(f"{SCHEME}\0{sys.version_info[:2]}".encode(), digest_size=16)
    for name in _CODE:
        h.update(name.encode() + b"\0" + (Path(__file__).parent / name).read_bytes() + b"\0")
    return h.hexdigest()


def bundle_key(bundle: Bundle, chunk_size: int = DEFAULT_CHUNK_SIZE) -> str:
    """The cache key of a bundle: the search code, the chunk size, and each record's place and
    fingerprint (no page is made to decide whether a bundle changed)."""
    h = hashlib.blake2b(f"{code_digest()}\0{chunk_size}\0{bundle.lang}\0{bundle.name}".encode(), digest_size=10)
    for r in sorted(bundle.records, key=lambda r: r.url):
        h.update(f"\0{r.url}\0{r.fingerprint}".encode())
    return h.hexdigest()




def _pagefind_command(site: Path, out: Path, chunk_size: int):
    cmd = [sys.executable, "-m", "pagefind_bin", "--site", str(site), "--output-path", str(out), "--silent"]
    return cmd, {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(chunk_size)}


def _pagefind_failed(site: Path, out: Path, code: int, output: str) -> None:
    if code or not (out / "pagefind-entry.json").exists():
        tail = output.strip().splitlines()[-5:]
        raise SearchIndexError(site, _("Pagefind failed (exit {code}): {output}").format(
                                   code=code, output=" | ".join(tail)),
                               _("run `bash scripts/setup.sh`, which installs the pinned Pagefind, and build again"))


def run_pagefind(site: Path, out: Path, chunk_size: int = DEFAULT_CHUNK_SIZE) -> None:
    """The standard binary (pagefind_bin), never the extended one that `python -m pagefind` may pick.
    chunk_size: Pagefind's index chunk size (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE, read by the
    pinned 1.5.2): smaller chunks, fewer bytes per query and more files."""
    cmd, env = _pagefind_command(site, out, chunk_size)
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    _pagefind_failed(site, out, done.returncode, done.stderr or done.stdout)


def _lang_prefix(lang: str, default_lang: str) -> str:
    return "" if lang == default_lang else f"{lang.split('-')[0].lower()}/"


class _Run:
    """One bundle indexed again: its token pages written into a work folder in the cache, then one
    Pagefind process (started by `start`, so that the next bundle's pages are written meanwhile)."""

    def __init__(self, bundle: Bundle, home: Path, built: Path, chunk_size: int):
        self.bundle, self.home, self.built, self.chunk_size = bundle, home, built, chunk_size
        home.mkdir(parents=True, exist_ok=True)
        self.work = Path(tempfile.mkdtemp(dir=home, prefix=".work-"))
        self.site, self.out = self.work / "pages", self.work / "pagefind"
        self.process: subprocess.Popen | None = None

    def write_pages(self) -> None:
        made = set()
        for rel, text in bundle_pages(self.bundle).items():
            path = self.site / rel
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_text(text, encoding="utf-8")

    def start(self) -> None:
        cmd, env = _pagefind_command(self.site, self.out, self.chunk_size)
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.process = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, env=env)

    def finish(self) -> Path:
        code = self.process.wait()
        self.log.seek(0)
        output = self.log.read()
        self.log.close()
        _pagefind_failed(self.site, self.out, code, output)
        canonicalise(self.out)  # the same bytes on every run (Pagefind orders filters at random)
        kept = self.work / "kept"
        kept.mkdir()
        for name in _KEEP:
            if (self.out / name).exists():
                shutil.move(self.out / name, kept / name)
        for meta in list(self.out.glob("pagefind.*.pf_meta")) + list(self.out.glob("wasm.*.pagefind")):
            shutil.move(meta, kept / meta.name)
        for stale in self.home.iterdir():  # older versions of this bundle
            if not stale.name.startswith(".") and stale != self.built:
                shutil.rmtree(stale)
        kept.rename(self.built)  # atomic: a failed run leaves no half-built bundle in the cache
        self.close()
        return self.built

    def close(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.work, ignore_errors=True)


def _place(bundle: Bundle, cache: Path, chunk_size: int) -> tuple[Path, Path]:
    home = cache / bundle.lang / bundle.name
    return home, home / f"{bundle_key(bundle, chunk_size)}-{chunk_size}"


def build_bundle(bundle: Bundle, cache: Path, chunk_size: int = DEFAULT_CHUNK_SIZE) -> tuple[Path, bool]:
    """The folder holding the bundle's Pagefind output, from the cache when its records are unchanged."""
    home, built = _place(bundle, cache, chunk_size)
    if (built / "pagefind-entry.json").exists():
        return built, True
    run = _Run(bundle, home, built, chunk_size)
    try:
        run.write_pages()
        run.start()
        return run.finish(), False
    finally:
        run.close()


def _build_all(bundles: list[Bundle], cache: Path, chunk_size: int) -> dict[int, tuple[Path, bool]]:
    """Every bundle's folder in the cache; those that changed are indexed one Pagefind run at a time
    (parallel runs add up their memory), the next one's pages written while Pagefind runs."""
    done: dict[int, tuple[Path, bool]] = {}
    todo: list[tuple[int, _Run]] = []
    for i, bundle in enumerate(bundles):
        home, built = _place(bundle, cache, chunk_size)
        if (built / "pagefind-entry.json").exists():
            done[i] = built, True
        else:
            todo.append((i, _Run(bundle, home, built, chunk_size)))
    running: tuple[int, _Run] | None = None
    try:
        for i, run in todo:
            run.write_pages()  # while the previous bundle's Pagefind runs
            if running:
                done[running[0]] = running[1].finish(), False
            run.start()
            running = i, run
        if running:
            done[running[0]] = running[1].finish(), False
    finally:
        for _i, run in todo:
            run.close()
    return done


def same_file(a: Path, b: Path) -> bool:
    try:
        sa, sb = a.stat(), b.stat()
    except FileNotFoundError:
        return False
    if (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino):
        return True
    return sa.st_size == sb.st_size and a.read_bytes() == b.read_bytes()


def sync_tree(source: Path, target: Path) -> int:
    """Make target hold exactly source's files, touching only those that differ (a file that is
    the same keeps its inode and time); files are hard links into the cache where possible.
    The number of files written."""
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    written = 0
    for rel in sorted(wanted):
        src, dest = source / rel, target / rel
        if same_file(src, dest):
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        part = dest.with_name(f".{dest.name}.part")
        part.unlink(missing_ok=True)
        link_or_copy(src, part)
        os.replace(part, dest)
        written += 1
    if target.exists():
        for path in sorted(target.rglob("*"), reverse=True):  # deepest first: files, then emptied folders
            if path.is_file() or path.is_symlink():
                if path.relative_to(target) not in wanted:
                    path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written


def write_if_changed(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.part")
    part.write_bytes(data)
    os.replace(part, path)
    return True


_BUNDLE_NAME = re.compile(rf"^(?:\d{{4}}(?:-\d{{4}})?|{PAGES_BUNDLE})$")


def _meta_name(built: Path) -> str:
    """The bundle's metadata file (pagefind.<lang>_<hash>.pf_meta), named in bundles.json so that the
    search page reads the chunk ranges without fetching the entry again, and keys Pagefind's fetch
    of the entry on it (metaCacheTag) instead of a time stamp that defeats the browser's cache."""
    entry = json.loads((built / "pagefind-entry.json").read_text(encoding="utf-8"))
    language = next(iter(entry["languages"].values()))
    return f"pagefind.{language['hash']}.pf_meta"


def build_search_index(records: list, site_dir: Path, cache: Path, default_lang: str = LANGUAGE,
                       max_articles: int | None = None, chunk_size: int = DEFAULT_CHUNK_SIZE,
                       log=print, site_lang: str | None = None) -> list[BuiltBundle]:
    """Index the records (SearchRecord, or PendingRecord made only when its bundle changed) into
    site_dir/pagefind/<bundle>/ (other languages under <lang>/pagefind/) and write the list of
    bundles the search page merges (pagefind/bundles.json). Files already as they must be are
    not written again. site_lang: the one language whose index this call owns (a site's run);
    by default, every language of the records and default_lang."""
    started = time.perf_counter()
    bundles = plan_bundles(records, max_articles) if max_articles else plan_bundles(records)
    folders = _build_all(bundles, cache, chunk_size)
    made: list[BuiltBundle] = []
    written = 0
    for i, bundle in enumerate(bundles):
        built, cached = folders[i]
        rel = f"{_lang_prefix(bundle.lang, default_lang)}pagefind/{bundle.name}/"
        written += sync_tree(built, site_dir / rel)  # 80 MB at 12,000 articles: hard links
        made.append(BuiltBundle(bundle.name, bundle.lang, rel, bundle.articles, cached, _meta_name(built),
                                bundle.pages, tuple(bundle.years)))
        log((_("search: bundle {path} — {articles} articles (unchanged, from the cache)") if cached
             else _("search: bundle {path} — {articles} articles")).format(path=rel, articles=len(bundle.records)))
    owned = {site_lang} if site_lang else {b.lang for b in made} | {default_lang}
    for lang in owned:  # an empty archive lists no bundle, still a list
        folder = site_dir / _lang_prefix(lang, default_lang) / "pagefind"
        listing = [b.listing() for b in made if b.lang == lang]
        written += write_if_changed(folder / "bundles.json", json.dumps(listing, ensure_ascii=False))
        current = {b.path.rstrip("/").rsplit("/", 1)[-1] for b in made if b.lang == lang}
        for stale in folder.iterdir():  # a bundle of an earlier build: its period was renamed or emptied
            if stale.is_dir() and _BUNDLE_NAME.match(stale.name) and stale.name not in current:
                shutil.rmtree(stale)
    log(_("search: {bundles} bundles, {indexed} indexed again, {files} files written, in {seconds:.1f} s").format(
        bundles=len(made), indexed=sum(not b.cached for b in made), files=written,
        seconds=time.perf_counter() - started))
    return made
