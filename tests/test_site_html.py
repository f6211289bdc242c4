"""Every built page is valid HTML5 and every internal link and image resolves."""

from pathlib import Path
from urllib.parse import unquote, urlparse

import html5lib
import pytest
from bs4 import BeautifulSoup


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_parses_as_strict_html5(site):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    checked = 0
    for page in pages(site):
        try:
            parser.parse(page.read_text(encoding="utf-8"))
        except html5lib.html5parser.ParseError as err:
            pytest.fail(f"{page.relative_to(site)}: {err}")
        checked += 1
    assert checked > 70


def _target(site: Path, page: Path, ref: str) -> Path | None:
    url = urlparse(ref)
    if url.scheme or url.netloc or ref.startswith(("mailto:", "#", "data:")):
        return None
    path = unquote(url.path)
    target = site / path.lstrip("/") if path.startswith("/") else page.parent / path
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def test_no_broken_internal_links_or_images(site):
    broken, checked = [], 0
    for page in pages(site):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        refs = [a.get("href") for a in html.find_all(["a", "link"])] + [i.get("src") for i in html.find_all("img")]
        refs += [part.split()[0] for tag in html.find_all(["img", "source"]) for part in
                 (tag.get("srcset") or "").split(",") if part.strip()]
        for ref in filter(None, refs):
            target = _target(site, page, ref)
            if target is None:
                continue
            checked += 1
            if not target.exists():
                broken.append(f"{page.relative_to(site)} → {ref}")
    assert broken == []
    assert checked > 1000
