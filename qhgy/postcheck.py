"""Check a built site before it is published: what a reader would find broken.

Every internal link and resource (href, src, srcset, action in every HTML file, relative or
site-absolute, or absolute under SITEURL) names a file of the tree; every article is linked
from its issue's page; every article, page and issue page exists; the PDFs (each article's, the
issue's, the print extracts) are there and are PDFs; the search index (Pagefind bundles) is
complete and holds every article and every page of its language; no HTML page is over the size budget.

`check_site` returns the problems as `path: problem` lines (site-relative paths), none when the
site may be published.
"""

from __future__ import annotations

import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from qhgy.i18n import _

# The largest HTML page a reader may be sent, in bytes. The bundled issue's largest pages are
# about 20 KB (an issue's 目录 of 56 entries; an article with its citation blocks); a whole
# year's section page stays under 100 KB. Over 200 KB something is wrong — an article pasted
# twice, a picture inlined as data: — and the page is slow on a phone's connection.
PAGE_BUDGET = 200_000

# The attributes that name another file of the site.
_URL_ATTRIBUTES = {"href", "src", "action", "poster", "data"}
_PROTOCOLS_SKIPPED = ("mailto:", "tel:", "data:", "javascript:")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[int, str]] = []  # (line, url)

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if not value:
                continue
            if name in _URL_ATTRIBUTES:
                self.urls.append((line, value.strip()))
            elif name == "srcset":
                self.urls += [(line, part.split()[0]) for part in value.split(",") if part.split()]

    handle_startendtag = handle_starttag


def page_links(html: str) -> list[tuple[int, str]]:
    """The URLs a page names, with their line."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.urls


class SiteTree:
    """A built site: its files, and how a URL in one of its pages resolves."""

    def __init__(self, root: Path, siteurl: str = ""):
        self.root = Path(root)
        self.files = {p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file()}
        self.folders = {p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_dir()}
        site = urlsplit(siteurl)
        self.origin = (site.scheme, site.netloc) if site.netloc else None
        self.base_path = site.path.rstrip("/")

    def target(self, page: str, url: str) -> str | None:
        """The site-relative path url names from page; None for a URL outside the site.
        The path may name no file: see `resolves`."""
        if url.lower().startswith(_PROTOCOLS_SKIPPED):
            return None
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            if self.origin is None or (parts.scheme or "https", parts.netloc) != self.origin:
                return None  # another site (a protocol-relative //host/ counts as https)
        path = unquote(parts.path)
        if not path:
            return None  # #fragment or ?query on the page itself
        if path.startswith("/"):
            if self.base_path and not (path == self.base_path or path.startswith(self.base_path + "/")):
                return "../" + path.lstrip("/")  # above the site's folder on its server
            rel = path[len(self.base_path):].lstrip("/")
        else:
            rel = posixpath.join(posixpath.dirname(page), path)
        rel = posixpath.normpath(rel) if rel else "."
        if path.endswith("/") and rel != ".":
            rel += "/"
        return rel

    def resolves(self, rel: str) -> str | None:
        """The file a site-relative path is served as (a folder by its index.html), or None."""
        if rel.startswith("../") or rel == "..":
            return None
        bare = rel.rstrip("/")
        if bare in ("", "."):
            return "index.html" if "index.html" in self.files else None
        if not rel.endswith("/") and bare in self.files:
            return bare
        if bare in self.folders and f"{bare}/index.html" in self.files:
            return f"{bare}/index.html"
        return None

    def html_pages(self) -> list[str]:
        return sorted(f for f in self.files if f.endswith(".html"))

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8", errors="replace")


def _link_problems(tree: SiteTree) -> tuple[list[str], dict[str, set[str]]]:
    """Broken links, and every page's resolved targets (for reachability)."""
    problems: list[str] = []
    targets: dict[str, set[str]] = {}
    for page in tree.html_pages():
        found = set()
        for line, url in page_links(tree.read(page)):
            rel = tree.target(page, url)
            if rel is None:
                continue
            file = tree.resolves(rel)
            if file is None:
                problems.append(_("{page}:{line}: the link {url} leads to no file of the site").format(
                    page=page, line=line, url=url))
            else:
                found.add(file)
        targets[page] = found
    return problems, targets


def _journal_problems(tree: SiteTree, journal, targets: dict[str, set[str]]) -> list[str]:
    problems: list[str] = []
    for item in journal.articles + journal.pages:
        if item.published and f"{item.url}index.html" not in tree.files:
            problems.append(_("{url}: the page of {path} is missing").format(url=item.url, path=item.path.name))
    for issue in journal.issues:
        page = f"{issue.url}index.html"
        if page not in tree.files:
            problems.append(_("{url}: the issue's page is missing").format(url=issue.url))
            continue
        for article in issue.articles:
            if f"{article.url}index.html" not in targets.get(page, set()):
                problems.append(_("{page}: the issue's page does not link to its article {url}").format(
                    page=page, url=article.url))
        pdfs = [issue.pdf_path] + [v.pdf_path for a in issue.articles for v in a.versions] + \
               [a.print_pdf_path for a in issue.articles if a.print_pdf_path]
        for pdf in pdfs:
            file = tree.root / pdf
            if pdf not in tree.files:
                problems.append(_("{pdf}: the PDF is missing").format(pdf=pdf))
            elif not file.read_bytes()[:5] == b"%PDF-":
                problems.append(_("{pdf}: the file is not a PDF").format(pdf=pdf))
    return problems


def _pages_expected(tree: SiteTree, journal, prefix: str) -> int:
    """The pages a language's index must hold: its published pages (征稿启事, 投稿须知) and the
    template pages indexed from the site (qhgy.search.index.INDEXED_TEMPLATES, at <name>/ under the
    language's folder, as pelicanconf.py places them) that were written."""
    from qhgy.journal import LANGUAGE
    from qhgy.model import language_prefix
    from qhgy.search.index import INDEXED_TEMPLATES

    pages = sum(1 for p in journal.pages if p.published and language_prefix(p.lang, LANGUAGE) == prefix)
    return pages + sum(f"{prefix}{name}/index.html" in tree.files for name in INDEXED_TEMPLATES)


def _search_problems(tree: SiteTree, journal, index_url: str) -> list[str]:
    """Every bundle listed, complete (every file its metadata names) and holding what bundles.json
    says it does; every article indexed, and every page in the index's language."""
    from qhgy.search.canonical import PagefindFormatError, read_pagefind_file

    problems: list[str] = []
    suffix = f"{index_url.strip('/')}/bundles.json"
    listings = sorted(f for f in tree.files if f.endswith(suffix))
    main = suffix
    if main not in listings:
        return [_("{path}: the search index is missing").format(path=main)]
    # every language's site indexes every article once: in its language, or by its titles
    published = sum(1 for a in journal.articles if a.published and a.original is None)
    for listing in listings:
        indexed = declared = pages = 0
        for bundle in json.loads(tree.read(listing)):
            declared += bundle["articles"] + bundle.get("pages", 0)
            pages += bundle.get("pages", 0)
            folder = bundle["path"].strip("/")
            entry_file = f"{folder}/pagefind-entry.json"
            if entry_file not in tree.files or f"{folder}/pagefind.js" not in tree.files:
                problems.append(_("{path}: the search bundle is incomplete").format(path=folder + "/"))
                continue
            for info in json.loads(tree.read(entry_file))["languages"].values():
                meta_file = f"{folder}/pagefind.{info['hash']}.pf_meta"
                if meta_file not in tree.files:
                    problems.append(_("{path}: the search bundle's metadata is missing").format(path=meta_file))
                    continue
                try:
                    meta = read_pagefind_file(tree.root / meta_file)
                except (PagefindFormatError, OSError, EOFError) as err:
                    problems.append(_("{path}: the search metadata cannot be read ({error})").format(
                        path=meta_file, error=err))
                    continue
                needed = [f"{folder}/fragment/{page[0]}.pf_fragment" for page in meta[1]]
                needed += [f"{folder}/index/{chunk[2]}.pf_index" for chunk in meta[2]]
                needed += [f"{folder}/filter/{f[1]}.pf_filter" for f in meta[3]]
                missing = [n for n in needed if n not in tree.files]
                if missing:
                    problems.append(_("{path}: {count} files of the search bundle are missing, first {first}").format(
                        path=folder + "/", count=len(missing), first=missing[0]))
                indexed += len(meta[1])
        if indexed != declared:  # Pagefind's pages are the listed articles and pages, no more, no fewer
            problems.append(_("{path}: the search index holds {indexed} articles, the site {published}").format(
                path=listing, indexed=indexed, published=declared))
        if declared - pages != published:
            problems.append(_("{path}: the search index holds {indexed} articles, the site {published}").format(
                path=listing, indexed=declared - pages, published=published))
        expected = _pages_expected(tree, journal, listing[:-len(suffix)])
        if pages != expected:
            problems.append(_("{path}: the search index holds {indexed} pages, the site {published}").format(
                path=listing, indexed=pages, published=expected))
    return problems


def _size_problems(tree: SiteTree, budget: int) -> list[str]:
    problems = []
    for page in tree.html_pages():
        size = (tree.root / page).stat().st_size
        if size > budget:
            problems.append(_("{page}: the page is {size} KB, over the budget of {budget} KB").format(
                page=page, size=size // 1000, budget=budget // 1000))
    return problems


def check_site(site: Path, journal, siteurl: str = "", index_url: str = "pagefind/",
               budget: int = PAGE_BUDGET) -> list[str]:
    """Every problem of the built site at `site` (none: it may be published)."""
    tree = SiteTree(site, siteurl)
    problems, targets = _link_problems(tree)
    problems += _journal_problems(tree, journal, targets)
    problems += _search_problems(tree, journal, index_url)
    problems += _size_problems(tree, budget)
    return problems
