"""Links and images in the bodies: an internal link leads to a page the site has, an image is a
file that exists, and a link never runs a script.

The site's pages are known from the content itself, through the model's own URL rules (an
issue at /2017/9-10/, an article at /2017/9-10/07/, its PDF beside it, a page at /SLUG/), the
ids of authors, sections and tags (ids.yaml), and the pages every build writes (SITE_PAGES, as
pelicanconf.py's *_URL settings). Photos are files beside the article (plugin qhgy_images
publishes them); `{filename}`, `{static}` and `{attach}` links name content files, as in Pelican.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from qhgy.checks import Findings
from qhgy.checks.bodies import html_tags, is_script_url, prose
from qhgy.checks.issues import nearest
from qhgy.content import ContentFiles
from qhgy.i18n import _
from qhgy.model import Article, Issue

# Pages every build writes, site-relative (pelicanconf.py: INDEX, ARCHIVES_URL, AUTHORS_URL, …).
SITE_PAGES = ("", "index.html", "archive/", "authors/", "sections/", "tags/", "about/", "search/", "404.html",
              "sitemap.xml", "robots.txt")
ID_PAGES = {"authors": "authors", "sections": "sections", "tags": "tags"}  # /authors/<id>/ ← ids.yaml authors
THEME_STATIC = Path(__file__).resolve().parents[2] / "theme" / "static"  # served at /theme/

_TITLE = r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?"""
_TARGET = r"<?([^\s<>()]*(?:\([^\s()]*\)[^\s<>()]*)*)>?"  # may hold balanced parentheses: javascript:f(1)
_INLINE = re.compile(r"(!?)\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*" + _TARGET + _TITLE + r"\s*\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$", re.M)
_PELICAN_LINK = re.compile(r"^(?:\{(\w+)\}|\|(\w+)\|)(.*)$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def site_urls(files: ContentFiles, ids: dict) -> set[str]:
    """Every site-relative URL a build of these files writes a page or a PDF at."""
    urls = set(SITE_PAGES)
    for path, meta in files.issues:
        try:
            issue = Issue(path, int(meta["year"]), str(meta["number"]), "", None)
        except (KeyError, ValueError, TypeError):
            continue
        urls |= {issue.url, issue.pdf_path}
    for kind, items in (("article", files.articles), ("page", files.pages)):
        for path, meta, _body in items:
            article = _as_article(kind, path, meta)
            if article is not None and meta.get("status") != "draft":
                urls |= {article.url, article.pdf_path}
    for kind, folder in ID_PAGES.items():
        urls |= {f"{folder}/{ident}/" for ident in (ids.get(kind) or {}).values()}
    return urls


def _as_article(kind: str, path: Path, meta: dict) -> Article | None:
    """The model's article of a header, for its URLs; None without a slug."""
    order = meta.get("order")
    if not isinstance(meta.get("slug"), str):
        return None
    return Article(path, kind, "", meta["slug"], str(meta.get("lang") or ""), "",
                   issue_ref=str(meta.get("issue") or ""),
                   order=int(order) if isinstance(order, str) and order.isdigit() else None)


def _targets(body: str):
    """(line in body, is image, target, in raw HTML) of every Markdown link and image and raw <a>/<img>."""
    text = prose(body)
    for match in _INLINE.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, bool(match.group(1)), match.group(2), False
    for match in _REFERENCE.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, False, match.group(1), False
    for line, tag, attrs in html_tags(text):
        for name, value in attrs:
            if value and (tag, name) in (("a", "href"), ("img", "src")):
                yield line, tag == "img", value, True


def _content_file(target: str, path: Path, content_dir: Path) -> Path:
    """The file a {filename} link names: from the content folder if it starts with /, else beside the file."""
    return content_dir / target.lstrip("/") if target.startswith("/") else path.parent / target


def check_links(files: ContentFiles, content_dir: Path, ids: dict, found: Findings) -> None:
    urls = site_urls(files, ids)
    items = [("article", *item) for item in files.articles] + [("page", *item) for item in files.pages]
    for kind, path, meta, body in items:
        source = files.sources[path]
        own = _as_article(kind, path, meta)
        here = own.url if own is not None else ""
        for line, image, target, raw in _targets(body):
            at = source.body_start + line - 1
            if is_script_url(target):
                if raw:
                    continue  # raw HTML that runs a script: qhgy.checks.bodies names it
                found.error(path, _("the link '{target}' runs a script").format(target=target[:40]),
                            _("link to a page (https://…) or delete the link"), at)
                continue
            if not target or target.startswith(("#", "//")) or (_SCHEME.match(target) and not target[1:2] == ":"):
                continue  # within the page, or another site (https:, mailto:)
            pelican = _PELICAN_LINK.match(target)
            if pelican:
                what, rest = pelican.group(1) or pelican.group(2), pelican.group(3)
                if what in ("filename", "static", "attach"):
                    file = _content_file(unquote(rest.split("#")[0].split("?")[0]), path, content_dir)
                    if not file.is_file():
                        found.error(path, _("the link '{target}' names a file that does not exist").format(
                            target=target), _("correct the path: from the content folder if it starts with /, "
                                              "else from this file's folder"), at)
                continue
            bare = unquote(target.split("#")[0].split("?")[0])
            if image:
                _check_image(path, bare, target, at, found)
            else:
                _check_link(path, bare, target, here, urls, at, found)


def _check_image(path: Path, bare: str, target: str, at: int, found: Findings) -> None:
    if bare.startswith("/"):
        exists = bare.startswith("/theme/") and (THEME_STATIC / bare[len("/theme/"):]).is_file()
    else:
        exists = (path.parent / bare).is_file()
    if not exists:
        found.error(path, _("the image '{target}' does not exist").format(target=target),
                    _("put the image file beside the article and write its name: ![caption](photo.jpg)"), at)


def _check_link(path: Path, bare: str, target: str, here: str, urls: set[str], at: int, found: Findings) -> None:
    if not bare:
        return
    if bare.startswith("/"):
        url = bare.lstrip("/")
    else:
        url = posixpath.normpath(posixpath.join(here or ".", bare))
        url = "" if url == "." else url
    url = url[: -len("index.html")] if url.endswith("/index.html") else url
    candidates = {url, url + "/"} if not posixpath.splitext(url)[1] else {url}
    if candidates & urls:
        return
    near = nearest("/" + url.rstrip("/") + "/", sorted("/" + u for u in urls), cutoff=0.8)
    fix = (_("did you mean '{url}'?").format(url=near) if near else
           _("link to a page of the site: an issue is /YEAR/NUMBER/, an article /YEAR/NUMBER/ORDER/ (/2017/9-10/07/)"))
    found.error(path, _("the link '{target}' leads to no page of the site").format(target=target), fix, at)
