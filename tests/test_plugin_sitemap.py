"""Plugin qhgy_sitemap, in an in-process build of the tiny site with the production's absolute
URLs and feed: sitemap.xml lists exactly the pages written (those other plugins write included,
the search page and the error page left out), robots.txt points at it, and the Atom feed has
its authors (the editorial office for the feed; an entry without authors has no empty one)."""

import xml.etree.ElementTree as ET

import pytest

from plugin_build import ARTICLES, ISSUE_URL, build, connected_receivers, plugins

SITEURL = "https://qhgy.example.org"
FEED = {"SITEURL": SITEURL, "FEED_DOMAIN": SITEURL, "FEED_ALL_ATOM": "feeds/all.atom.xml"}
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # qhgy_issues too: the sitemap must list the pages other plugins write (the issue page)
    return build(tmp_path_factory.mktemp("sitemap"), plugins("qhgy_issues", "qhgy_sitemap"), **FEED)


def listed(site) -> list[str]:
    root = ET.fromstring(site.read("sitemap.xml"))
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


def pages_for_robots(site) -> set[str]:
    """What a search engine should index, read from the pages themselves: the canonical URL of
    every HTML page written, but the error page (404.html) and pages that ask not to be indexed."""
    urls = set()
    for path in site.files():
        if not path.endswith(".html") or path == "404.html":
            continue
        page = site.soup(path)
        robots = page.select_one('meta[name="robots"]')
        if robots is not None and "noindex" in robots["content"]:
            continue
        urls.add(page.select_one('link[rel="canonical"]')["href"])
    return urls


def test_the_build_logs_no_warning(site):
    assert site.problems() == []


def test_the_sitemap_lists_exactly_the_pages_written(site):
    urls = listed(site)
    assert len(urls) == len(set(urls))
    assert set(urls) == pages_for_robots(site)
    assert all(url.startswith(SITEURL + "/") for url in urls)
    assert f"{SITEURL}/{ISSUE_URL}" in urls  # written by qhgy_issues, not by Pelican
    assert {f"{SITEURL}/{ISSUE_URL}{order}/" for order, *_ in ARTICLES} <= set(urls)
    assert f"{SITEURL}/search/" not in urls and f"{SITEURL}/404.html" not in urls


def test_robots_txt_allows_everything_and_names_the_sitemap(site):
    assert site.read("robots.txt") == f"User-agent: *\nAllow: /\nSitemap: {SITEURL}/sitemap.xml\n"


def feed_entries(site) -> dict[str, list[str]]:
    feed = ET.fromstring(site.read("feeds/all.atom.xml"))
    return {entry.findtext("atom:title", namespaces=NS): [n.text for n in entry.findall("atom:author/atom:name", NS)]
            for entry in feed.findall("atom:entry", NS)}


def test_the_feed_has_the_editorial_office_as_author_and_no_empty_entry_author(site):
    feed = ET.fromstring(site.read("feeds/all.atom.xml"))
    assert feed.findtext("atom:author/atom:name", namespaces=NS) == "《青海工运》编辑部"  # the issue's publisher
    entries = feed_entries(site)
    assert set(entries) == {title for _, title, *_ in ARTICLES}
    assert entries["劳模精神进企业"] == []  # no authors: no <author> of its own (the feed's stands)
    assert entries["高原上的一盏灯"] == ["李芳"]


def test_the_feed_credits_every_author_of_an_article(site):
    # Pelican's feed writer takes article.author, the first author only
    assert feed_entries(site)["推进产业工人队伍建设改革"] == ["赵明、钱红"]


def test_a_build_without_the_plugin_writes_neither_file(tmp_path, site):
    """Also shows the signal isolation of plugin_build: the plugin the build above registered is
    disconnected, so this build runs only the plugins it lists."""
    listed = plugins("qhgy_issues")
    result = build(tmp_path, listed, **FEED)
    assert result.problems() == []
    assert "sitemap.xml" not in result.files() and "robots.txt" not in result.files()
    connected = {name.split(".")[0] for names in result.receivers.values() for name in names}
    assert "qhgy_sitemap" not in connected
    assert connected <= {name.split(".")[0] for name in listed} | {"pelican"}, connected
    assert "qhgy_issues" in connected and connected_receivers() == {}  # and nothing is left connected after it
    # Pelican alone gives the entry without authors an empty <author>, and the feed none
    feed = ET.fromstring(result.read("feeds/all.atom.xml"))
    assert feed.find("atom:author", NS) is None
    assert feed_entries(result)["劳模精神进企业"] == [None]
