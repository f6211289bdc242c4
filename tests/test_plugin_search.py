"""Plugin qhgy_search, in an in-process build of the tiny site: a Pagefind bundle under
output/pagefind/, listed in bundles.json, holding exactly the three articles, each with its title,
byline, facets and the body as the site prints it, at the URL of its page; and a bundle of the
site's pages (the call for submissions, the about page), with no facets."""

import gzip
import json

import pytest

from qhgy.search.tokens import TITLE_REGION, decode, normalise

from plugin_build import ARTICLES, CALL_URL, ISSUE_URL, build, plugins

BUNDLE = "pagefind/2030/"
PAGES = "pagefind/pages/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(tmp_path_factory.mktemp("search"), plugins("qhgy_search"))


def read_fragments(folder) -> dict[str, dict]:
    """url → what Pagefind stored of each page of a bundle (gzip'd JSON behind a signature)."""
    out = {}
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        out[fragment["url"]] = fragment
    return out


@pytest.fixture(scope="module")
def fragments(site) -> dict[str, dict]:
    return read_fragments(site.output / BUNDLE)


def test_the_build_logs_no_warning(site):
    assert site.problems() == []


def test_bundles_json_lists_a_bundle_of_the_three_articles_and_one_of_the_pages(site):
    entry = json.loads(site.read(f"{BUNDLE}pagefind-entry.json"))
    meta = f"pagefind.{entry['languages']['zh-cn']['hash']}.pf_meta"  # named, so the page need not fetch the entry
    pages_entry = json.loads(site.read(f"{PAGES}pagefind-entry.json"))
    pages_meta = f"pagefind.{pages_entry['languages']['zh-cn']['hash']}.pf_meta"
    assert json.loads(site.read("pagefind/bundles.json")) == [
        {"path": BUNDLE, "years": "2030", "held": ["2030"], "articles": 3, "pages": 0, "meta": meta},
        {"path": PAGES, "years": "pages", "held": [], "articles": 0, "pages": 2, "meta": pages_meta}]
    assert [lang["page_count"] for lang in entry["languages"].values()] == [3]
    for name in ("pagefind.js", "pagefind-worker.js"):
        assert (site.output / BUNDLE / name).is_file()
    assert list((site.output / BUNDLE / "index").glob("*.pf_index"))


def test_the_index_holds_each_article_at_the_url_of_its_page(site, fragments):
    assert set(fragments) == {f"/{ISSUE_URL}{order}/" for order, *_ in ARTICLES}
    for url in fragments:
        assert (site.output / url.strip("/") / "index.html").is_file(), url


@pytest.mark.parametrize("order, title, authors, pages, slug", ARTICLES)
def test_each_article_is_indexed_with_its_title_facets_and_printed_body(site, fragments, order, title, authors,
                                                                        pages, slug):
    fragment = fragments[f"/{ISSUE_URL}{order}/"]
    meta, filters = fragment["meta"], fragment["filters"]
    assert meta["title"] == title and meta["pages"] == pages and meta["issue"] == "2030年第3-4期"
    assert filters["year"] == ["2030"] and filters.get("author", []) == list(authors)
    assert filters["section"] == [{"01": "工作指导", "02": "工作指导", "03": "综艺之旅"}[order]]
    indexed = normalise(decode(fragment["content"].split()))
    assert indexed.startswith(normalise(title))
    # the byline is in the title region: a name finds its author's articles as a title match
    heads = normalise(decode(fragment["content"].split()[:TITLE_REGION]))
    assert all(name in heads for name in authors) and meta.get("authors", "") == "、".join(authors)
    # every paragraph and heading of the page's body, as a reader sees it, is in the index
    body = site.soup(f"{ISSUE_URL}{order}/index.html").select_one(".article-body")
    blocks = [normalise(e.get_text()) for e in body.select("p, h2")]
    assert len(blocks) >= 3 and all(block in indexed for block in blocks), (blocks, indexed)


def test_the_pages_are_indexed_by_title_and_text_with_no_facets(site):
    pages = read_fragments(site.output / PAGES)
    assert set(pages) == {f"/{CALL_URL}", "/about/"}  # not the search page, the 404 page or the lists
    for url, fragment in pages.items():
        assert fragment["filters"] == {} and fragment["meta"]["kind"] == "page", url
        assert not {"section", "issue", "authors", "pages"} & set(fragment["meta"]), url
        indexed = normalise(decode(fragment["content"].split()))
        assert indexed.startswith(normalise(fragment["meta"]["title"])), url
        main = site.soup(f"{url.strip('/')}/index.html").select_one("main")
        paragraphs = [normalise(p.get_text()) for p in main.select("p") if p.get_text(strip=True)]
        assert paragraphs and all(p in indexed for p in paragraphs), (url, paragraphs, indexed)


def test_the_search_bundle_is_kept_in_the_cache_the_setting_names(site):
    assert site.settings["QHGY_SEARCH_CACHE"] == str(site.output.parent / "cache" / "search")
    assert any((site.output.parent / "cache" / "search").iterdir())


def test_a_records_fingerprint_covers_everything_its_search_record_holds():
    """The plugin decides whether a bundle changed from what each record is made of, without
    making it: every field of the record is among those inputs (the text through the body's HTML),
    and changing the body changes the fingerprint."""
    import dataclasses
    import importlib
    import sys
    from pathlib import Path

    from qhgy.check import load_journal
    from qhgy.site_language import SiteLanguage

    sys.path.insert(0, str(Path(__file__).parents[1] / "plugins"))
    try:
        plugin = importlib.import_module("qhgy_search")
    finally:
        sys.path.pop(0)
    journal = load_journal(Path(__file__).parents[1] / "content")
    journal.render_bodies()
    sites = {lang: SiteLanguage(lang, prefix, (("zh-CN", ""), ("en", "en/")), journal.names_in(lang[:2]))
             for lang, prefix in (("zh-CN", ""), ("en", "en/"))}
    for here in sites.values():
        for article in (a for a in journal.articles if a.published and a.in_default_language):
            inputs = here.record_inputs(article)
            for name, value in dataclasses.asdict(here.search_record(article)).items():
                if name not in ("text", "kind") and value:  # the kind: which method made the record
                    assert (tuple(value) if isinstance(value, list) else value) in inputs, (here.lang, name)
            version = here.version(article)
            assert (version.html if version else article.summary_en) in inputs
    here = sites["zh-CN"]
    article = next(a for a in journal.articles if a.published and a.author_names)
    # the Chinese site's index is the model's record
    model_record = article.search_record
    assert here.search_record(article) == model_record
    before = plugin.pending(here, article).fingerprint
    article.html += "<p>更正</p>"
    assert plugin.pending(here, article).fingerprint != before
    assert plugin.pending(here, article).resolve() == dataclasses.replace(model_record, text=model_record.text + "\n更正")
