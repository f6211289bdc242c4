"""Build the search index: one Pagefind run per bundle, over token pages written for it.

The pages Pagefind reads are not the site's pages: each is an article's title region and
body as tokens (qhgy.search.tokens) plus its facets and the fields a result shows. Navigation,
footers and 目录 lists are never indexed. A bundle whose pages are unchanged is copied from
the cache instead of being indexed again.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from qhgy.build_cache import link_or_copy
from qhgy.errors import QhgyError
from qhgy.i18n import _
from qhgy.journal import LANGUAGE
from qhgy.search.bundles import Bundle, plan_bundles
from qhgy.search.canonical import canonicalise
from qhgy.search.records import SearchRecord
from qhgy.search.tokens import TITLE_REGION, index_tokens, title_tokens

PAGEFIND_VERSION = "1.5.2"
# Changes whenever the token scheme or the page layout changes, so cached bundles are rebuilt.
SCHEME = f"qhgy-search-4/pagefind-{PAGEFIND_VERSION}/title-{TITLE_REGION}"
# What the browser needs of Pagefind's output; its own UI bundles are left out.
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


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def render_page(record: SearchRecord) -> str:
    """The page Pagefind indexes for one article."""
    facets = [("section", record.section), ("year", record.year), ("issue", record.issue)]
    facets += [("author", name) for name in record.authors]
    fields = [("title", record.title), ("url", record.url), ("section", record.section),
              ("issue", record.issue), ("authors", "、".join(record.authors)), ("pages", record.pages),
              ("subcolumn", record.subcolumn), ("kicker", record.kicker), ("subtitle", record.subtitle)]
    hidden = "".join(f'<span data-pagefind-filter="{k}">{_e(v)}</span>' for k, v in facets if v)
    hidden += "".join(f'<span data-pagefind-meta="{k}">{_e(v)}</span>' for k, v in fields if v)
    body = " ".join(index_tokens(record.text.replace("\n", " ")))
    heads = " ".join(x for x in (record.kicker, record.title, record.subtitle) if x)  # the title region
    return (f'<!DOCTYPE html><html lang="{_e(record.lang)}"><head><meta charset="utf-8"><title></title></head>'
            f'<body><div data-pagefind-body><p data-pagefind-weight="10">{_e(" ".join(title_tokens(heads)))}'
            f'</p><p>{_e(body)}</p><div data-pagefind-ignore>{hidden}</div></div></body></html>\n')


def bundle_pages(bundle: Bundle) -> dict[str, str]:
    return {f"{r.url}index.html": render_page(r) for r in bundle.records}


def digest(pages: dict[str, str]) -> str:
    h = hashlib.sha256(SCHEME.encode())
    for path in sorted(pages):
        h.update(path.encode() + b"\0" + pages[path].encode() + b"\0")
    return h.hexdigest()[:20]


# Pagefind's default is 20000; with character pairs a query looks up several words, each in
# its own chunk per bundle: measured on 3,000 generated articles, 6000 cut a second query's
# bytes by half to two thirds (3000 saved little more and made 25% more files).
DEFAULT_CHUNK_SIZE = 6000


def run_pagefind(site: Path, out: Path, chunk_size: int = DEFAULT_CHUNK_SIZE) -> None:
    """The standard binary (pagefind_bin), never the extended one that `python -m pagefind` may pick.
    chunk_size: Pagefind's index chunk size (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE, read by the
    pinned 1.5.2): smaller chunks, fewer bytes per query and more files."""
    cmd = [sys.executable, "-m", "pagefind_bin", "--site", str(site), "--output-path", str(out), "--silent"]
    env = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(chunk_size)}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if done.returncode or not (out / "pagefind-entry.json").exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise SearchIndexError(site, _("Pagefind failed (exit {code}): {output}").format(
                                   code=done.returncode, output=" | ".join(tail)),
                               _("run `bash scripts/setup.sh`, which installs the pinned Pagefind, and build again"))


def _lang_prefix(lang: str, default_lang: str) -> str:
    return "" if lang == default_lang else f"{lang.split('-')[0].lower()}/"


def build_bundle(bundle: Bundle, cache: Path, chunk_size: int = DEFAULT_CHUNK_SIZE) -> tuple[Path, bool]:
    """The folder holding the bundle's Pagefind output, from the cache when its pages are unchanged."""
    pages = bundle_pages(bundle)
    home = cache / bundle.lang / bundle.name
    built = home / f"{digest(pages)}-{chunk_size}"
    if (built / "pagefind-entry.json").exists():
        return built, True
    home.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=home, prefix=".work-") as work:
        site, out = Path(work) / "pages", Path(work) / "pagefind"
        for rel, text in pages.items():
            path = site / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        run_pagefind(site, out, chunk_size)
        canonicalise(out)  # the same bytes on every run (Pagefind orders filters at random)
        for stale in home.iterdir():  # older versions of this bundle
            if not stale.name.startswith("."):
                shutil.rmtree(stale)
        kept = Path(work) / "kept"
        kept.mkdir()
        for name in _KEEP:
            if (out / name).exists():
                shutil.move(out / name, kept / name)
        for meta in list(out.glob("pagefind.*.pf_meta")) + list(out.glob("wasm.*.pagefind")):
            shutil.move(meta, kept / meta.name)
        kept.rename(built)  # atomic: a failed run leaves no half-built bundle in the cache
    return built, False


def build_search_index(records: list[SearchRecord], site_dir: Path, cache: Path, default_lang: str = LANGUAGE,
                       max_articles: int | None = None, chunk_size: int = DEFAULT_CHUNK_SIZE,
                       log=print) -> list[BuiltBundle]:
    """Index the records into site_dir/pagefind/<bundle>/ (other languages under <lang>/pagefind/)
    and write the list of bundles the search page merges (pagefind/bundles.json)."""
    bundles = plan_bundles(records, max_articles) if max_articles else plan_bundles(records)
    made: list[BuiltBundle] = []
    for bundle in bundles:  # one at a time: parallel Pagefind runs add up their memory
        built, cached = build_bundle(bundle, cache, chunk_size)
        rel = f"{_lang_prefix(bundle.lang, default_lang)}pagefind/{bundle.name}/"
        target = site_dir / rel
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(built, target, copy_function=link_or_copy)  # 80 MB at 12,000 articles: link
        made.append(BuiltBundle(bundle.name, bundle.lang, rel, len(bundle.records), cached))
        log((_("search: bundle {path} — {articles} articles (unchanged, from the cache)") if cached
             else _("search: bundle {path} — {articles} articles")).format(path=rel, articles=len(bundle.records)))
    for lang in {b.lang for b in made} | {default_lang}:  # an empty archive lists no bundle, still a list
        listing = [{"path": b.path, "years": b.name, "articles": b.articles} for b in made if b.lang == lang]
        target = site_dir / _lang_prefix(lang, default_lang) / "pagefind" / "bundles.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(listing, ensure_ascii=False), encoding="utf-8")
    return made
