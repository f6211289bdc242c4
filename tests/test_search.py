"""Full-text search in Debian's chromium, through the search page as a reader uses it, against
the built bundled site served on 127.0.0.1.

What an article "holds" is computed here from the built article pages (引题, title, 副题, byline
and source unit; the body text), and what a page of the site holds from its page (征稿启事,
投稿须知 without its form, about), independently of the index: every query must show exactly the
articles and pages that hold all its terms, an author's own articles first, then titles."""

import json
import os
import random
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from qhgy.search.records import html_to_text
from qhgy.search.tokens import normalise
from search_reference import query_terms


CONTENT = Path(__file__).resolve().parents[1] / "content"


def article_entry(soup) -> dict:
    """What a reader sees of an article: the title region (引题, title, 副题, each author, the
    source unit without its brackets) and the body."""
    heads = [e.get_text() for e in soup.select(".article-head .kicker, .article-head h1, .article-head .subtitle")]
    authors = [m["content"] for m in soup.select('meta[name="citation_author"]')]
    unit = soup.select_one(".source-unit")
    heads += authors + ([re.sub(r"^[（(]|[)）]$", "", unit.get_text().strip())] if unit else [])
    return {"title": "\n".join(heads), "text": html_to_text(str(soup.select_one(".article-body"))), "kind": "article",
            "section": soup.select_one('meta[property="article:section"]')["content"], "authors": set(authors)}


def page_entry(soup) -> dict:
    """What a reader sees of a page of the site: its h1, and its body (a page's Markdown, or the
    about page's own text), never the submission form."""
    main = soup.select_one("main")
    title = main.find("h1").extract().get_text()
    body = main.select_one(".article-body") or main
    return {"title": title, "text": html_to_text(str(body)), "kind": "page", "section": None, "authors": set()}


def chinese_pages() -> list[str]:
    """The URLs of the content's published pages in Chinese (from their files), and the about page."""
    slugs = []
    for path in sorted((CONTENT / "pages").rglob("*.md")):
        if not path.name.endswith(".en.md") and "status: hidden" not in (text := path.read_text(encoding="utf-8")):
            slugs.append(re.search(r"^slug: (.+)$", text, re.M)[1])
    return [f"/{slug}/" for slug in slugs] + ["/about/"]


@pytest.fixture(scope="module")
def corpus(site) -> dict[str, dict]:
    """url → title region, text, kind, section and authors of every article and page of the built site."""
    out = {}
    for page in sorted((site / "2017/9-10").glob("*/index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        out["/" + page.parent.relative_to(site).as_posix() + "/"] = article_entry(soup)
    for url in chinese_pages():
        out[url] = page_entry(BeautifulSoup((site / url.strip("/") / "index.html").read_text(encoding="utf-8"),
                                            "html.parser"))
    assert sum(a["kind"] == "article" for a in out.values()) >= 50
    assert {"/call-for-submissions-2017-9-10/", "/submit/", "/about/"} <= set(out)
    return out


def articles(a) -> bool:
    return a["kind"] == "article"


def holding(corpus, query: str, where=lambda a: True) -> set[str]:
    terms = [t["text"] for t in query_terms(query)]
    return {url for url, a in corpus.items()
            if where(a) and all(t in normalise(a["title"] + "\n" + a["text"]) for t in terms)}


def in_title(corpus, query: str) -> set[str]:
    terms = [t["text"] for t in query_terms(query)]
    return {url for url, a in corpus.items() if all(t in normalise(a["title"]) for t in terms)}


def bylined(corpus, query: str) -> set[str]:
    """The articles holding the query of which one of its terms is an author, the whole name."""
    terms = [t["text"] for t in query_terms(query)]
    return {url for url in holding(corpus, query) if any(t in corpus[url]["authors"] for t in terms)}


def wait_done(page):
    page.wait_for_function("() => ['done', 'error'].includes(document.querySelector('[data-search]').dataset.state)",
                           timeout=30_000)
    assert page.get_attribute("[data-search]", "data-state") == "done"


def results(page) -> list[str]:
    """Every result's URL path, after pressing 'more results' until there are no more."""
    while page.is_visible(".search-more"):
        page.click(".search-more")
        wait_done(page)
    return [re.sub(r"^https?://[^/]+", "", h) for h in
            page.eval_on_selector_all(".search-result-title a", "links => links.map(a => a.href)")]


def search(page, base, query: str, **filters) -> list[str]:
    params = "&".join(f"{k}={quote(v)}" for k, v in {"q": query, **filters}.items())
    page.goto(f"{base}/search/?{params}")
    wait_done(page)
    return results(page)


# query → articles that must come first (beyond the generic checks), and articles that must not appear
QUERIES = {
    "协商": ({"/2017/9-10/35/"}, set()),  # inside 集体协商
    "入会": ({"/2017/9-10/09/"}, {"/2017/9-10/43/"}),  # inside 农民工入会
    "民工": ({"/2017/9-10/09/"}, set()),
    "动脉": ({"/2017/9-10/43/"}, set()),  # inside 肺动脉高压
    "实名制": ({"/2017/9-10/10/"}, set()),
    "集体协商": ({"/2017/9-10/35/"}, set()),
    "农民工入会": ({"/2017/9-10/09/"}, set()),
    "青海省总工会": (set(), set()),
    "李忠": ({"/2017/9-10/34/", "/2017/9-10/06/"}, set()),  # his byline first; 32 names 李忠杰 (a longer name)
    "王霞": (set(), set()),
    "刘宁": (set(), set()),
    "西宁": (set(), set()),  # place names
    "海东": (set(), set()),
    "黄南州": ({"/2017/9-10/26/"}, set()),
    "格尔木": (set(), set()),
    "工会 改革": ({"/2017/9-10/34/", "/2017/9-10/14/"}, set()),  # multi-word: all words, in any order
    "农民工 实名制": (set(), set()),
    "改革 基层 延伸": ({"/2017/9-10/34/", "/2017/9-10/14/"}, set()),
    "QQ群": (set(), set()),  # mixed Latin and Han
    "2017年": ({"/2017/9-10/26/", "/2017/9-10/27/"}, set()),
    "APP": (set(), set()),
    "十三届九次": ({"/2017/9-10/56/"}, set()),
    "金秋助学": (set(), set()),
    "太极拳": ({"/2017/9-10/29/"}, set()),
    "量子纠缠": (set(), set()),  # no hits
    "总工会主办": (set(), set()),  # printed in every page's header: not indexed, so only where an article holds it
    "7·26": (set(), set()),  # punctuation inside a term matches as printed
    "x": (set(), set()),  # a Latin x is not the start of every Han token in the index
    "职工群众": (set(), set()),
    "困难职工": (set(), set()),
    "互联网+": (set(), set()),
    "湟中": (set(), set()),
    "朱德": (set(), set()),
}


@pytest.mark.parametrize("query", QUERIES)
def test_query_shows_exactly_the_articles_holding_it_titles_first(page, base, corpus, query):
    first, absent = QUERIES[query]
    shown = search(page, base, query)
    expected = holding(corpus, query)
    assert len(shown) == len(set(shown))
    assert set(shown) == expected  # every article holding it, and none that does not
    titled = in_title(corpus, query) & expected
    assert set(shown[:len(titled)]) == titled  # title matches rank first
    own = bylined(corpus, query)
    assert set(shown[:len(own)]) == own  # and before them, an author's own articles
    assert first <= set(shown[:max(len(first), len(titled))]), shown[:5]
    assert not absent & set(shown)


def test_the_queries_cover_what_the_issue_names(corpus):
    """Guard against a query list that tests nothing: most queries hit, some several articles."""
    hits = {q: len(holding(corpus, q)) for q in QUERIES}
    assert hits["量子纠缠"] == 0
    assert sum(1 for n in hits.values() if n) >= 25
    assert hits["民工"] >= 5 and hits["入会"] >= 3 and hits["QQ群"] >= 1 and hits["APP"] >= 1


def test_results_show_title_section_issue_authors_and_a_highlighted_excerpt(page, base, corpus):
    search(page, base, "实名制")
    first = page.locator(".search-result").first
    assert "实名制" in first.locator(".search-result-title").inner_text()
    meta = first.locator(".search-result-meta").inner_text()
    assert "2017年第9-10期" in meta and corpus["/2017/9-10/10/"]["section"] in meta
    marks = page.eval_on_selector_all(".search-result-excerpt mark", "ms => ms.map(m => m.textContent)")
    assert marks and set(marks) == {"实名制"}
    author_result = search(page, base, "工会改革向基层延伸的总体思考")
    assert author_result[0] == "/2017/9-10/34/"
    assert "李忠" in page.locator(".search-result-meta").first.inner_text()


def test_status_counts_the_results_and_an_empty_result_helps(page, base):
    shown = search(page, base, "民工")
    assert str(len(shown)) in page.inner_text(".search-status")
    search(page, base, "量子纠缠")
    assert "量子纠缠" in page.inner_text(".search-status") and page.is_visible(".search-help")
    assert page.locator(".search-help a[href$='/archive/']").count() == 1


def test_a_single_character_finds_every_article_holding_it_and_says_so(page, base, corpus):
    shown = search(page, base, "肺")
    assert set(shown) == holding(corpus, "肺") and shown
    assert "单字" in page.inner_text(".search-status")


def test_filters_narrow_by_section_year_issue_and_author(page, base, corpus):
    section = corpus["/2017/9-10/26/"]["section"]
    shown = search(page, base, "工会", section=section)
    assert shown and set(shown) == holding(corpus, "工会", lambda a: a["section"] == section)
    assert set(search(page, base, "工会", year="2017")) == holding(corpus, "工会", articles)  # a page has no year
    assert search(page, base, "工会", year="2016") == []
    assert set(search(page, base, "工会", issue="2017年第9-10期")) == holding(corpus, "工会", articles)
    by_li = holding(corpus, "改革", lambda a: "李忠" in a["authors"])
    assert "/2017/9-10/34/" in by_li and set(search(page, base, "改革", author="李忠")) == by_li
    # the filter form lists what the index holds, and choosing a section searches at once
    page.goto(f"{base}/search/?q={quote('工会')}")
    wait_done(page)
    page.click(".search-filters summary")
    page.wait_for_function("() => document.querySelector('select[name=section]').options.length > 2")
    page.select_option("select[name=section]", section)
    assert "section=" not in page.url  # choosing does not leave the page (keyboard users step through)
    with page.expect_navigation():
        page.click("form.search-form button[type=submit]")
    assert f"section={quote(section)}" in page.url and "year=" not in page.url
    wait_done(page)
    assert set(results(page)) == holding(corpus, "工会", lambda a: a["section"] == section)


def test_the_query_lives_in_the_url_reload_and_back_work(page, base, corpus):
    search(page, base, "动脉")
    page.fill("#site-search-q", "实名制")
    with page.expect_navigation():
        page.press("#site-search-q", "Enter")
    assert "q=" in page.url and page.input_value("#search-q") == "实名制"
    wait_done(page)
    assert set(results(page)) == holding(corpus, "实名制")
    page.reload()
    wait_done(page)
    assert set(results(page)) == holding(corpus, "实名制")
    page.go_back()
    wait_done(page)
    assert page.input_value("#search-q") == "动脉" and results(page) == ["/2017/9-10/43/"]


def test_every_page_has_the_search_box_in_its_header(page, base, site):
    for path in ("/", "/2017/9-10/", "/2017/9-10/07/", "/archive/", "/404.html"):
        page.goto(base + path)
        assert page.is_visible("header form[role=search] input[name=q]"), path
        assert not page.is_visible(".site-search-fallback")
    assert 'lang="zh-CN"' in (site / "search/index.html").read_text(encoding="utf-8")


def test_without_javascript_the_box_is_a_link_to_the_archive(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/2017/9-10/07/")
    assert not page.is_visible("header form[role=search]")
    link = page.locator(".site-search-fallback")
    assert link.is_visible() and link.get_attribute("href").endswith("/archive/")
    page.goto(base + "/search/?q=入会")
    assert "JavaScript" in page.inner_text("main") and page.is_visible("main a[href$='/archive/']")
    context.close()


def test_only_articles_and_pages_are_indexed(site, corpus):
    entry = json.loads((site / "pagefind/2017/pagefind-entry.json").read_text())
    assert entry["languages"]["zh-cn"]["page_count"] == sum(map(articles, corpus.values()))
    # the pages: no issue, section, author, tag, search or 404 page
    entry = json.loads((site / "pagefind/pages/pagefind-entry.json").read_text())
    assert entry["languages"]["zh-cn"]["page_count"] == len(chinese_pages())


def test_the_browser_encodes_queries_as_the_indexer_does(page, base):
    """search.js and qhgy/search/tokens.py implement one scheme twice: compare them."""
    samples = ["农民工入会，QQ群 2017年ＡＰＰ（试点）", "𠀀𪚥 ext-B", "Ａｂｃ１２３", "工会　改革", "a_b-c", "十三届九次\n委员会议",
               "贵南县总工会举办2017年度基层工会主席培训班", "《青海工运》征稿启事", "é ü ß", "会", "Xbox与xml x",
               "cafe\u0301 7·26 “金秋助学” 农民工，入会", "工\u200b会\uf9a8 \U00031350\U00031351", "〇々",
               "བོད་ལྗོངས་ཀྱི་ཚོགས་པ། 工会", "हिन्दी भाषा", "\u0f7cབ",
               "工会、改革；基层：延伸。好！吗？", "1,600元 3.5% 7:30 U.S. 工会,改革 a;b x. ,开头", "李忠（文稿：朱爱丽）"]
    page.goto(base + "/about/")
    got = page.evaluate("""async (samples) => {
        const m = await import('/theme/js/search.js');
        return samples.map((s) => [m.indexTokens(s), m.queryTerms(s), m.decode(m.indexTokens(s))]); }""", samples)
    from qhgy.search.tokens import decode, index_tokens

    for sample, (tokens, terms, text) in zip(samples, got):
        assert tokens == index_tokens(sample), sample
        assert terms == query_terms(sample), sample
        assert text == decode(index_tokens(sample)), sample


def test_random_substrings_show_every_article_holding_them_and_only_those(page, base, corpus):
    """Substrings of the bundled articles' text, drawn at random (QHGY_SEARCH_SEED repeats a run)."""
    seed = int(os.environ.get("QHGY_SEARCH_SEED", random.randrange(10**6)))
    rng = random.Random(seed)
    urls = sorted(corpus)
    for _ in range(30):
        text = corpus[rng.choice(urls)]["text"]
        # Han text, sometimes with letters or digits after it: a query that starts inside a
        # word of letters or digits is not promised (they match from a word's start)
        runs = re.findall(r"[\u4e00-\u9fff]{2,}[A-Za-z0-9]*|[\u4e00-\u9fff][A-Za-z0-9]+[\u4e00-\u9fff]*", text)
        run = rng.choice(runs)
        start = rng.randrange(len(run) - 1)
        while not "\u4e00" <= run[start] <= "\u9fff":
            start -= 1
        query = run[start:start + rng.randint(2, 6)]
        shown = search(page, base, query)
        assert set(shown) == holding(corpus, query), f"seed {seed}, query {query!r}"


def test_a_single_character_whose_pairs_span_index_chunks_finds_every_article(page, base, site, corpus):
    """Pagefind loads only the chunk holding a prefix itself; search.js loads the next ones too."""
    from search_reference import chunk_ranges

    ranges = chunk_ranges(site / "pagefind/2017")
    spanning = {chr(int(frm[1:5], 32)) for (_, to), (frm, _) in zip(ranges, ranges[1:])
                if re.fullmatch(r"x[0-9a-v]{4}.*", frm) and to[:5] == frm[:5]}
    assert spanning, ranges  # the bundled index has such characters (成 at the time of writing)
    for char in sorted(spanning)[:3]:
        assert set(search(page, base, char)) == holding(corpus, char), char


def test_more_results_moves_keyboard_focus_to_the_first_new_result(page, base):
    search(page, base, "工会")  # presses "more" until the end
    page.goto(f"{base}/search/?q={quote('工会')}")
    wait_done(page)
    page.focus(".search-more")
    page.keyboard.press("Enter")
    wait_done(page)
    focused = page.evaluate("document.activeElement.closest('.search-result') !== null")
    index = page.evaluate("[...document.querySelectorAll('.search-result')].indexOf(document.activeElement.closest('.search-result'))")
    assert focused and index == 10


def test_an_authors_name_finds_their_own_articles_first(page, base, corpus):
    """Every author of the issue: the articles with that byline come first, then the others that
    hold the name. A name inside a longer one matches too (李忠 in 李忠杰: substrings are found),
    below the author's own articles."""
    names = sorted({name for a in corpus.values() for name in a["authors"]})
    assert "李忠" in names and len(names) >= 5
    for name in names:
        shown = search(page, base, name)
        own = {url for url, a in corpus.items() if name in a["authors"]}
        assert own and set(shown[:len(own)]) == own, (name, shown[:5])
    shown = search(page, base, "李忠")
    assert "李忠杰" in corpus["/2017/9-10/32/"]["text"] and "/2017/9-10/32/" in shown[2:]
    assert page.locator(".search-result-meta mark").first.inner_text() == "李忠"  # the byline, marked


def test_each_page_of_the_site_is_found_by_its_title_and_shown_as_a_page(page, base, corpus):
    shown = search(page, base, "征稿")
    assert shown[0] == "/call-for-submissions-2017-9-10/"
    first = page.locator(".search-result").first
    assert first.locator(".search-result-meta").inner_text() == "本站页面"  # no section, issue or pages
    for url in chinese_pages():
        assert search(page, base, corpus[url]["title"])[0] == url, url


def test_the_submission_forms_words_are_not_indexed(page, base, site, corpus):
    soup = BeautifulSoup((site / "submit/index.html").read_text(encoding="utf-8"), "html.parser")
    legends = [e.get_text(strip=True) for e in soup.select(".submit-form legend")]
    assert legends and not any(normalise(legend) in normalise(corpus["/submit/"]["text"]) for legend in legends)
    for legend in legends:
        assert "/submit/" not in search(page, base, legend), legend


@pytest.mark.parametrize("query", ["工会，改革", "工会、改革", "工会；改革", "工会：改革", "工会。改革", "工会\u3000改革"])
def test_punctuation_between_words_separates_them_as_a_space_does(page, base, query):
    spaced = search(page, base, "工会 改革")
    assert spaced and search(page, base, query) == spaced


def test_the_year_filter_lists_only_the_years_the_index_holds(page, base, corpus):
    page.goto(f"{base}/search/?q={quote('工会')}")
    wait_done(page)
    page.click(".search-filters summary")
    page.wait_for_function("() => document.querySelector('select[name=year]').options.length > 1")
    years = page.eval_on_selector_all("select[name=year] option", "os => os.map(o => o.value)")
    assert years == ["", "2017"]


def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {id: e.id, tag: e.tagName, text: e.textContent, result: [...document.querySelectorAll('.search-result')]
                .indexOf(e.closest('.search-result'))}; }""")


@pytest.mark.parametrize("query", ["实名制", "量子纠缠"])
def test_focus_moves_to_the_results_heading_and_one_tab_reaches_the_first_result(page, base, query):
    page.goto(f"{base}/search/?q={quote(query)}")
    wait_done(page)
    now = focused(page)
    assert now["id"] == "search-results-heading" and now["tag"] == "H2" and query in now["text"]
    assert page.get_attribute("#search-results-heading", "tabindex") == "-1"
    page.keyboard.press("Tab")
    if query == "量子纠缠":  # nothing found: the heading says so, and Tab goes on to the links to browse
        assert focused(page)["tag"] == "A" and page.evaluate("document.activeElement.closest('.search-help') !== null")
    else:
        assert focused(page)["tag"] == "A" and focused(page)["result"] == 0


def test_focus_is_left_where_the_reader_put_it_while_the_search_ran(browser, base):
    page = browser.new_page()
    # the reader is in the search box before the results arrive (the script waits for the index)
    page.add_init_script("document.addEventListener('DOMContentLoaded', () => document.getElementById('search-q').focus())")
    page.goto(f"{base}/search/?q={quote('实名制')}")
    wait_done(page)
    assert focused(page)["id"] == "search-q"
    assert page.is_visible("#search-results-heading")
    page.close()


def test_the_page_says_how_many_articles_it_searched(page, base, site, corpus):
    listing = json.loads((site / "pagefind/bundles.json").read_text())
    counted = sum(b["articles"] for b in listing)
    entry = json.loads((site / "pagefind/2017/pagefind-entry.json").read_text())  # Pagefind's own count
    assert counted == sum(map(articles, corpus.values())) == entry["languages"]["zh-cn"]["page_count"]
    for query in ("工会", "量子纠缠"):
        page.goto(f"{base}/search/?q={quote(query)}")
        wait_done(page)
        assert page.inner_text(".search-scope") == f"在 {counted:,} 篇文章中搜索。"


@pytest.mark.parametrize("query", ["李忠", "征稿", "量子纠缠"])
def test_the_search_page_with_results_has_no_serious_accessibility_violation(page, base, query):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{base}/search/?q={quote(query)}")
    wait_done(page)
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False)
