"""The website built from the bundled content: pages, metadata, citations, feeds."""

import re
import shutil
from pathlib import Path

import pytest

from site_helpers import build_site, read, soup

from conftest import CONTENT, ROOT


def test_pelican_renders_only_templates_of_our_theme():
    """A template missing from the theme would silently come from Pelican's English 'simple' theme."""
    import pelicanconf

    rendered = set(pelicanconf.DIRECT_TEMPLATES) | {"article", "page", "category", "author", "tag", "issue"}
    ours = {p.stem for p in (ROOT / "theme/templates").glob("*.html")}
    assert rendered <= ours, rendered - ours


def test_plugin_order_is_what_the_build_needs():
    import pelicanconf

    order = pelicanconf.PLUGINS
    # the checked journal first (every other plugin reads it); ids before the YAML reader makes authors
    assert order[0] == "qhgy_check"
    assert order.index("qhgy_ids") < order.index("pelican.plugins.yaml_metadata")
    # every plugin of the project is listed (Pelican would skip one silently), and nothing else of ours
    ours = {p.name for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").exists()}
    assert {name for name in order if name.startswith("qhgy_")} == ours


def test_urls_are_ascii_and_from_issue_and_order(site):
    pages = [p.relative_to(site).as_posix() for p in site.rglob("*.html")]
    assert all(p.isascii() for p in pages)
    assert len(list((site / "2017/9-10").glob("*/index.html"))) == 55
    for path in ("index.html", "2017/9-10/index.html", "2017/9-10/07/index.html", "archive/index.html",
                 "sections/index.html", "authors/index.html", "authors/li-zhong/index.html", "about/index.html",
                 "404.html", "tags/index.html", "sections/xin-xi-duan-bo/index.html",
                 "call-for-submissions-2017-9-10/index.html"):
        assert (site / path).exists(), path


def test_every_page_has_a_canonical_link_and_its_language(site):
    for page in site.rglob("*.html"):
        html = soup(site, page.relative_to(site))
        # the translations of the bundled articles are under /en/; every other page is Chinese
        assert html.html["lang"] == ("en" if page.relative_to(site).parts[0] == "en" else "zh-CN"), page
        canonical = html.find("link", rel="canonical")
        assert canonical and canonical["href"].startswith("/"), page


def test_issue_page_lists_every_article_in_print_order_with_pages(site):
    html = soup(site, "2017/9-10/index.html")
    assert html.h1.get_text() == "《青海工运》2017年第9-10期"
    links = [a["href"] for a in html.select(".toc .toc-item:not(.toc-notice) .toc-title")]
    assert len(links) == 55
    orders = [int(re.search(r"/(\d\d)/$", href).group(1)) for href in links]
    # sections in 目录 order; inside a section, print order
    assert orders == sorted(orders, key=lambda o: orders.index(o))
    sections = [h.get_text() for h in html.select(".toc-section-name")]
    assert sections[:3] == ["省委群团改革工作座谈会特辑", "工作指导", "省总动态"] and sections[-1] == "信息短播"
    item = html.select(".toc-item")[5]
    assert "在省委群团改革工作座谈会上的发言（李忠）" in item.get_text() and "第7—8页" in item.get_text()
    assert [h.get_text() for h in html.select(".toc-subcolumn")] == ["革命家风", "革命故事", "生活感悟", "健康有道"]


@pytest.mark.parametrize("path", ["2017/9-10/index.html", "index.html"])
def test_the_call_for_submissions_is_in_the_toc_at_its_place_in_print_order(site, path):
    # printed as piece 37 on p. 46, between two articles of 学习园地, but none of its articles
    html = soup(site, path)
    section = next(s for s in html.select(".toc-section") if s.select_one(".toc-section-name").get_text() == "学习园地")
    items = section.select(".toc-item")
    assert [i.select_one(".toc-title")["href"] for i in items] == [
        "/2017/9-10/36/", "/call-for-submissions-2017-9-10/", "/2017/9-10/38/"]
    call = items[1]
    assert "toc-notice" in call["class"] and call.select_one(".toc-kind")  # marked as the call, not an article
    assert call.select_one(".toc-title").get_text() == "《青海工运》征稿启事" and "第46页" in call.get_text()
    assert len(html.select(".toc-notice")) == 1


def test_about_page_links_the_call_for_submissions(site):
    links = soup(site, "about/index.html").select("main a[href='/call-for-submissions-2017-9-10/']")
    assert [a.get_text() for a in links] == ["《青海工运》征稿启事"]


def test_article_page(site):
    html = soup(site, "2017/9-10/07/index.html")
    assert html.h1.get_text() == "在省委群团改革工作座谈会上的发言"
    assert "王霞（西宁市委常委、市总工会主席）" in html.select_one(".byline").get_text()
    facts = html.select_one(".article-facts").get_text(" ", strip=True)
    assert "2017年第9-10期" in facts and "第9—10页" in facts and "2017年9月17日" in facts
    assert "省委群团改革工作座谈会特辑" in facts
    assert html.find("a", rel="prev")["href"] == "/2017/9-10/06/"
    assert html.find("a", rel="next")["href"] == "/2017/9-10/08/"
    assert len(html.find_all("h1")) == 1


def test_captions_are_figures_and_attributions_shown(site):
    html = soup(site, "2017/9-10/01/index.html")
    assert [f.get_text() for f in html.select("figure.caption figcaption")][1:] == ["座谈会现场", "座谈会现场"]
    assert "文稿：朱爱丽 摄影：石彬" in html.select_one(".article-foot").get_text()
    brief = soup(site, "2017/9-10/44/index.html")
    assert "（南川工业园区工会）" in brief.select_one(".source-unit").get_text()
    letters = soup(site, "2017/9-10/39/index.html")
    assert "摘自《党史纵横》" in letters.select_one(".article-foot").get_text()


def test_scholarly_metadata_in_head(site):
    html = soup(site, "2017/9-10/34/index.html")
    meta = {m["name"]: m["content"] for m in html.find_all("meta", attrs={"name": True})}
    assert meta["citation_title"] == "关于推进工会改革向基层延伸的总体思考"
    assert meta["citation_author"] == "李忠"
    assert meta["citation_journal_title"] == "青海工运"
    assert (meta["citation_issue"], meta["citation_firstpage"], meta["citation_lastpage"]) == ("9-10", "37", "39")
    assert meta["citation_publication_date"] == "2017/10/10" and meta["citation_language"] == "zh-CN"
    og = {m["property"]: m["content"] for m in html.find_all("meta", attrs={"property": True})}
    assert og["og:type"] == "article" and og["og:title"] == meta["citation_title"]


# 引用本文 of two bundled articles, as each edition prints it (the default, 2025, first); the combined
# issue 9-10 is written 9/10, as both standards write a 合期.
CITED = {
    "34": [("2025", "李忠. 关于推进工会改革向基层延伸的总体思考[J]. 青海工运，2017（9/10）：37-39.",
            "Li Zhong. Overall Thoughts on Extending Trade Union Reform to the Grassroots[J]. Qinghai Gongyun，2017（9/10）：37-39."),
           ("2015", "李忠. 关于推进工会改革向基层延伸的总体思考[J]. 青海工运, 2017(9/10): 37-39.",
            "LI Zhong. Overall Thoughts on Extending Trade Union Reform to the Grassroots[J]. Qinghai Gongyun, 2017(9/10): 37-39.")],
    "07": [("2025", "王霞. 在省委群团改革工作座谈会上的发言[J]. 青海工运，2017（9/10）：9-10.",
            "Wang Xia. Speech at the Provincial Party Committee's Symposium on the Reform of Mass Organisations[J]. "
            "Qinghai Gongyun，2017（9/10）：9-10."),
           ("2015", "王霞. 在省委群团改革工作座谈会上的发言[J]. 青海工运, 2017(9/10): 9-10.",
            "WANG Xia. Speech at the Provincial Party Committee's Symposium on the Reform of Mass Organisations[J]. "
            "Qinghai Gongyun, 2017(9/10): 9-10.")],
}


def cited_lines(html) -> list[tuple[str, str, str]]:
    """(edition, line, English line) of each edition 引用本文 gives, in its order."""
    block = html.select_one(".cite")
    lines = []
    for edition in dict.fromkeys(p["data-edition"] for p in block.select(".cite-gbt")):
        line, english = (block.select_one(f'.cite-gbt{extra}[data-edition="{edition}"]') for extra in (":not(.cite-en)", ".cite-en"))
        assert line["lang"] == "zh-CN" and english["lang"] == "en"
        lines.append((edition, line.get_text(), english.get_text()))
    return lines


@pytest.mark.parametrize("order", CITED)
def test_cite_this_article_gives_both_editions_the_2025_one_first(site, order):
    html = soup(site, f"2017/9-10/{order}/index.html")
    assert cited_lines(html) == CITED[order]
    assert [h.get_text() for h in html.select(".cite .cite-edition")] == ["GB/T 7714—2025", "GB/T 7714—2015"]


def test_the_citation_files_are_offered_and_written(site):
    html = soup(site, "2017/9-10/34/index.html")
    stem = "2017/9-10/34/qhgy-2017-9-10-34"
    links = html.select(".cite-files a[download]")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("RIS", f"/{stem}.ris"), ("BibTeX", f"/{stem}.bib"), ("EndNote", f"/{stem}.enw")]
    bib = read(site, f"{stem}.bib")
    assert bib.startswith("@article{qhgy-2017-9-10-34,") and "pages = {37--39}" in bib.replace("={", " = {")
    ris = (site / f"{stem}.ris").read_bytes().decode("utf-8")
    assert ris.startswith("TY  - JOUR\r\n") and "AU  - 李忠\r\n" in ris and ris.rstrip().endswith("ER  -")
    enw = read(site, f"{stem}.enw").splitlines()
    assert enw[:4] == ["%0 Journal Article", "%A 李忠", "%T 关于推进工会改革向基层延伸的总体思考",
                       "%Q Overall Thoughts on Extending Trade Union Reform to the Grassroots"]
    assert {"%J 青海工运", "%D 2017", "%N 9-10", "%P 37-39", "%G zh-CN"} <= set(enw)


def test_a_translation_is_cited_as_its_original_in_every_line_and_file(site):
    original, translation = soup(site, "2017/9-10/07/index.html"), soup(site, "en/2017/9-10/07/index.html")
    assert cited_lines(translation) == cited_lines(original) == CITED["07"]
    files = [a["href"] for a in translation.select(".cite-files a")]
    assert files == [a["href"] for a in original.select(".cite-files a")]
    assert all((site / href.lstrip("/")).is_file() for href in files) and files[-1].endswith("07/qhgy-2017-9-10-07.enw")
    assert not list((site / "en/2017/9-10/07").glob("*.enw"))


def test_an_article_with_an_english_title_is_cited_in_both_languages(site):
    """The bundled articles have English titles (title_en): 引用本文 gives the English line too, and
    the meta, BibTeX, RIS and EndNote files carry both titles."""
    html = soup(site, "2017/9-10/34/index.html")
    alternative = html.find("meta", attrs={"name": "DC.Title.Alternative"})
    assert alternative["lang"] == "en" and alternative["content"].startswith("Overall Thoughts")
    assert "titleaddon = {[Overall Thoughts" in read(site, "2017/9-10/34/qhgy-2017-9-10-34.bib")
    assert "TT  - Overall Thoughts" in (site / "2017/9-10/34/qhgy-2017-9-10-34.ris").read_text(encoding="utf-8")
    assert "%Q Overall Thoughts" in read(site, "2017/9-10/34/qhgy-2017-9-10-34.enw")


def test_author_page_lists_articles_across_issues_with_roles(site):
    html = soup(site, "authors/li-zhong/index.html")
    assert html.h1.get_text() == "李忠"
    text = html.get_text()
    assert "在省委群团改革工作座谈会上的发言" in text and "关于推进工会改革向基层延伸的总体思考" in text
    assert "省总工会党组书记、常务副主席" in text


def test_a_credit_lines_writer_has_the_piece_on_her_page_and_the_photographer_stays_a_credit(site):
    # (文稿：朱爱丽 摄影：石彬): 朱爱丽 wrote the news piece 01; she also signs article 36
    html = soup(site, "authors/zhu-ai-li/index.html")
    titles = [a.get_text() for a in html.select(".toc-title")]
    assert "省委群团改革工作座谈会在西宁召开" in titles and len(titles) == 3, titles
    rows = {item.select_one(".toc-title").get_text(): item.select_one(".toc-authors").get_text()
            for item in html.select(".toc-item")}
    assert rows["省委群团改革工作座谈会在西宁召开"] == "文稿"  # her part, as the credit line says it
    page = soup(site, "2017/9-10/01/index.html")
    assert page.select_one(".byline") is None  # no byline printed: the credit line names her, as in print
    assert "文稿：朱爱丽 摄影：石彬" in page.get_text()
    assert [m["content"] for m in page.find_all("meta", attrs={"name": "citation_author"})] == ["朱爱丽"]
    assert not (site / "authors" / "shi-bin").exists()  # the photographer has no author page
    english = soup(site, "en/2017/9-10/01/index.html")
    assert english.select_one(".byline").get_text() == "Zhu Aili"  # the English page shows no credit line


def test_pdf_links_give_the_files_size(site):
    from qhgy.languages import file_size

    for page, selector in (("2017/9-10/07/index.html", ".article-facts dd a[download]"),
                           ("2017/9-10/index.html", ".issue-pdf a[download]"),
                           ("en/2017/9-10/07/index.html", ".article-facts dd a[download]"),
                           ("en/2017/9-10/01/index.html", ".article-facts dd a[download]")):
        link = soup(site, page).select_one(selector)
        size = (site / link["href"].lstrip("/")).stat().st_size
        lang = "en" if page.startswith("en/") else "zh-CN"
        shown = link.find_next_sibling("span", class_="file-size").get_text()
        assert file_size(size, lang) in shown and size > 10_000, (page, shown)
    assert file_size(1_234_567, "zh-CN") == "1.2 MB" and file_size(356_400, "en") == "356 KB"


def test_section_page_groups_by_issue(site):
    html = soup(site, "sections/xin-xi-duan-bo/index.html")
    assert html.h1.get_text() == "信息短播"
    assert len(html.select(".toc-item")) == 12
    assert html.select_one(".by-issue h2").get_text() == "《青海工运》2017年第9-10期"


def test_section_page_rows_show_the_sub_column_not_the_section_again(site):
    rows = [r.get_text() for r in soup(site, "sections/zong-yi-zhi-lv/index.html").select(".toc-page")]
    assert rows == ["革命家风 · 第50页", "革命故事 · 第51页", "生活感悟 · 第52页", "健康有道 · 第53页", "健康有道 · 第54页"]
    rows = [r.get_text() for r in soup(site, "sections/xin-xi-duan-bo/index.html").select(".toc-page")]
    assert rows and all(re.fullmatch(r"第[\d—]+页", r) for r in rows), rows
    # an author's or a tag's articles come from many sections: there the section is said
    rows = [r.get_text() for r in soup(site, "authors/li-zhong/index.html").select(".toc-page")]
    assert rows == ["省委群团改革工作座谈会特辑 · 第7—8页", "理论与实践 · 第37—39页"]


def test_issue_label_in_the_h1_is_kept_together(site):
    for path in ("index.html", "2017/9-10/index.html"):
        h1 = soup(site, path).h1
        assert h1.get_text() == "《青海工运》2017年第9-10期"
        assert h1.select_one(".nowrap").get_text() == "2017年第9-10期", path
    assert re.search(r"\.nowrap\s*\{[^}]*white-space:\s*nowrap", read(site, "theme/css/site.css"))


def test_footer_labels_take_the_full_width_colon(site):
    footer = soup(site, "index.html").select_one(".site-footer").get_text()
    assert "地址：西宁市城东区昆仑路184号" in footer and "电子邮箱：qhgy2017@163.com" in footer
    assert ":" not in footer


def test_about_page_has_the_masthead(site):
    text = soup(site, "about/index.html").get_text()
    for expected in ("主编", "李忠", "责任编辑", "徐良", "西宁市城东区昆仑路184号", "qhgy2017@163.com", "810007"):
        assert expected in text


def test_interface_is_translated(site):
    """UI strings go through gettext: the English message ids never reach the Chinese site."""
    from babel.messages.pofile import read_po

    with open(ROOT / "theme/translations/zh_CN/LC_MESSAGES/messages.po", "rb") as fp:
        ids = [m.id for m in read_po(fp) if m.id and isinstance(m.id, str) and "%(" not in m.id and m.string != m.id]
    pages = [read(site, p) for p in ("index.html", "2017/9-10/07/index.html", "about/index.html", "404.html")]
    leaked = [i for i in ids if len(i) > 4 and any(f">{i}<" in p for p in pages)]
    assert leaked == []
    assert "引用本文" in pages[1] and "跳到正文" in pages[1]


def test_sitemap_and_robots(site):
    sitemap = read(site, "sitemap.xml")
    assert "<loc>/2017/9-10/</loc>" in sitemap and "<loc>/2017/9-10/07/</loc>" in sitemap
    assert "<loc>/en/</loc>" in sitemap and "<loc>/en/2017/9-10/28/</loc>" in sitemap  # the English site too
    assert "404" not in sitemap and "search/" not in sitemap and "pagefind" not in sitemap
    assert "Sitemap: /sitemap.xml" in read(site, "robots.txt")


def test_feeds_in_the_published_site(published_site):
    feed = read(published_site, "feeds/all.atom.xml")
    assert feed.count("<entry>") == 55  # Pelican's all-articles feed: the 55 articles, no translation
    assert "https://qhgy.example.org/2017/9-10/07/" in feed and "/en/" not in feed
    # the English site's feed: the same articles, by their English pages and titles
    english = read(published_site, "en/feeds/all.atom.xml")
    links = re.findall(r'<entry>.*?<link href="([^"]+)"', english, re.S)
    assert len(links) == 55 and all(link.startswith("https://qhgy.example.org/en/2017/9-10/") for link in links)
    assert "<title>Second Provincial Agricultural Machinery Skills Contest Held in Huzhu County</title>" in english
    assert (published_site / "feeds/sections/xin-xi-duan-bo.atom.xml").exists()
    html = soup(published_site, "2017/9-10/07/index.html")
    assert html.find("link", rel="canonical")["href"] == "https://qhgy.example.org/2017/9-10/07/"


@pytest.mark.parametrize("feed, authored", [("feeds/all.atom.xml", True),
                                             ("feeds/sections/xin-xi-duan-bo.atom.xml", False)])
def test_feed_authors_are_never_empty(published_site, feed, authored):
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring((published_site / feed).read_bytes())
    assert [a.findtext(f"{atom}name") for a in root.findall(f"{atom}author")] == ["《青海工运》编辑部"]
    entries = root.findall(f"{atom}entry")
    names = [[a.findtext(f"{atom}name") for a in e.findall(f"{atom}author")] for e in entries]
    assert all(n and n.strip() for ns in names for n in ns), names  # no <author><name/></author>
    # an entry without authors has no author of its own: the feed's stands for it
    assert [] in names
    assert (["李忠"] in names) == authored  # and one with an author has it


def copy_content(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    return content


def test_homophone_authors_get_distinct_pages(tmp_path):
    content = copy_content(tmp_path)
    for order, name in (("07", "汪军"), ("08", "王军")):
        article = content / f"articles/2017/9-10/{order}.md"
        text = article.read_text(encoding="utf-8")
        old = re.search(r"authors:\n- (\S+)", text).group(1)
        article.write_text(text.replace(f"- {old}\n", f"- {name}\n").replace(f"  {old}:", f"  {name}:"),
                           encoding="utf-8")
    tagged = content / "articles/2017/9-10/09.md"
    tagged.write_text(tagged.read_text(encoding="utf-8").replace("lang: zh-CN", "tags:\n- 农民工\n- 入会\nlang: zh-CN"),
                      encoding="utf-8")
    from qhgy.check import check_content

    added = {name: ident for _, name, ident in check_content(content, assign_ids=True).new_ids}
    assert added == {"汪军": "wang-jun", "王军": "wang-jun-2", "农民工": "nong-min-gong", "入会": "ru-hui"}
    result = build_site(tmp_path / "output", content)
    assert result.returncode == 0, result.stdout
    assert soup(tmp_path / "output", "authors/wang-jun/index.html").h1.get_text() == "汪军"
    assert soup(tmp_path / "output", "authors/wang-jun-2/index.html").h1.get_text() == "王军"
    tag = soup(tmp_path / "output", "tags/nong-min-gong/index.html")
    assert tag.h1.get_text() == "标签：农民工" and len(tag.select(".toc-item")) == 1


def test_two_names_on_one_id_fail_the_build(tmp_path):
    content = copy_content(tmp_path)
    ids = (content / "ids.yaml").read_text(encoding="utf-8")
    (content / "ids.yaml").write_text(ids.replace("王霞: wang-xia", "王霞: li-zhong"), encoding="utf-8")
    result = build_site(tmp_path / "output", content)
    assert result.returncode != 0
    assert "share the id 'li-zhong'" in result.stdout + result.stderr


def test_a_name_without_an_id_fails_the_build(tmp_path):
    content = copy_content(tmp_path)
    ids = (content / "ids.yaml").read_text(encoding="utf-8")
    (content / "ids.yaml").write_text(ids.replace("  王霞: wang-xia\n", ""), encoding="utf-8")
    result = build_site(tmp_path / "output", content, pelican=True)  # `qhgy build` would assign the id
    assert result.returncode != 0 and "has no URL id" in result.stdout + result.stderr


def test_two_articles_on_one_path_fail_the_build(tmp_path):
    # the content check stops it: the URL comes from issue and order, and the order is taken
    content = copy_content(tmp_path)
    shutil.copy(content / "articles/2017/9-10/07.md", content / "articles/2017/9-10/99.md")
    result = build_site(tmp_path / "output", content, extra=("--log-handler", "plain"))
    assert result.returncode != 0
    assert re.search(r"99\.md:\d+: 'order' 07 is also used by", result.stdout + result.stderr), result.stderr


@pytest.mark.parametrize("slug, path, owner", [
    ("about", "about/index.html", "the site's about page"),
    ("archive", "archive/index.html", "the site's archives page"),
    ("2017/9-10", "2017/9-10/index.html", "the page of issue 2017年第9-10期"),
    ("2017/9-10/07", "2017/9-10/07/index.html", "{content}/articles/2017/9-10/07.md"),
])
def test_a_page_on_the_path_of_another_page_fails_the_build(tmp_path, slug, path, owner):
    content = copy_content(tmp_path)
    (content / "pages/clash.md").write_text(f"---\ntitle: 关于\nlang: zh-CN\nslug: {slug}\n---\n\n正文\n",
                                            encoding="utf-8")
    result = build_site(tmp_path / "output", content, extra=("--log-handler", "plain"))
    assert result.returncode != 0
    log = result.stdout + result.stderr
    owner = owner.format(content=content)
    assert f"pages/clash.md:4: is saved as {path}, which {owner} also writes — give it another slug" in log, log
    assert not (tmp_path / "output/index.html").exists()  # found before anything is written


def test_invalid_content_stops_the_build(tmp_path):
    content = copy_content(tmp_path)
    article = content / "articles/2017/9-10/07.md"
    article.write_text(article.read_text(encoding="utf-8").replace("order: '07'", "order: 7"), encoding="utf-8")
    result = build_site(tmp_path / "output", content)
    assert result.returncode != 0
    assert "07.md" in result.stdout + result.stderr
    assert not (tmp_path / "output/2017").exists()


def test_markdown_renders_bold_and_no_literal_asterisks(site):
    html = read(site, "2017/9-10/05/index.html")
    assert "<strong>在做实做强基层工作基础上深入推进。</strong>深入开展" in html
    for page in (site / "2017/9-10").glob("*/index.html"):
        assert "**" not in page.read_text(encoding="utf-8"), page


def test_the_interface_has_a_chinese_and_an_english_catalog():
    found = {p.parent.parent.name for p in (ROOT / "theme/translations").glob("*/LC_MESSAGES/messages.po")}
    assert found >= {"zh_CN", "en"}


@pytest.mark.parametrize("locale", sorted(p.parent.parent.name for p in (ROOT / "theme/translations").glob(
    "*/LC_MESSAGES/messages.po")))
def test_every_message_of_every_catalog_is_translated(locale):
    from babel.messages.pofile import read_po

    with open(ROOT / "theme/translations" / locale / "LC_MESSAGES/messages.po", "rb") as fp:
        catalog = read_po(fp)
    with open(ROOT / "theme/translations/messages.pot", "rb") as fp:
        template = read_po(fp)
    wanted = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id}
    have = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}
    assert wanted <= have, "run `invoke translations`"
    untranslated = [m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
    assert untranslated == []


def test_article_photos_become_responsive_pictures_and_are_cached(tmp_path):
    from PIL import Image

    content = copy_content(tmp_path)
    photo = content / "articles/2017/9-10/images/07-meeting.jpg"
    photo.parent.mkdir()
    Image.new("RGB", (2000, 1200), (120, 90, 60)).save(photo)
    article = content / "articles/2017/9-10/07.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n![会议现场](images/07-meeting.jpg)\n", encoding="utf-8")
    env_cache = tmp_path / "cache"
    import os

    os.environ["QHGY_IMAGE_CACHE"] = str(env_cache)
    try:
        assert build_site(tmp_path / "output", content).returncode == 0
        made = {p: p.stat().st_mtime_ns for p in env_cache.rglob("*") if p.is_file()}
        assert build_site(tmp_path / "output", content).returncode == 0  # again, nothing changed
        assert {p: p.stat().st_mtime_ns for p in env_cache.rglob("*") if p.is_file()} == made
    finally:
        del os.environ["QHGY_IMAGE_CACHE"]
    html = soup(tmp_path / "output", "2017/9-10/07/index.html")
    picture = html.select_one(".article-body picture")
    img = picture.img
    assert img["alt"] == "会议现场" and img["width"] == "1600" and img["height"] == "960"
    assert "960w" in img["srcset"] and picture.source["type"] == "image/webp"
    for candidate in img["srcset"].split(","):
        assert (tmp_path / "output" / candidate.split()[0].lstrip("/")).exists()


def test_an_article_and_its_translation_link_to_each_other(tmp_path):
    """A translation is the same article (issue and order) with lang: en: each page names the
    other in a visible language switch and in <link rel="alternate" hreflang>, x-default the original."""
    content = copy_content(tmp_path)
    original = content / "articles/2017/9-10/28.md"
    head, _body = original.read_text(encoding="utf-8").split("\n---\n", 1)
    head = re.sub(r"^title_en: .*\n", "", head.replace("lang: zh-CN", "lang: en"), flags=re.M)
    head = re.sub(r"^title: .*$", "title: Second Provincial Agricultural Machinery Skills Contest Held", head, flags=re.M)
    (content / "articles/2017/9-10/28.en.md").write_text(head + "\n---\n\nThe contest was held in Huzhu County.\n",
                                                          encoding="utf-8")
    result = build_site(tmp_path / "output", content)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = {"zh-CN": soup(tmp_path / "output", "2017/9-10/28/index.html"),
             "en": soup(tmp_path / "output", "en/2017/9-10/28/index.html")}
    for lang, page in pages.items():
        assert page.html["lang"] == lang
        links = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate", hreflang=True)}
        assert links == {"zh-CN": "/2017/9-10/28/", "en": "/en/2017/9-10/28/", "x-default": "/2017/9-10/28/"}
    og = {lang: [(m["property"], m["content"]) for m in page.find_all("meta", property=re.compile("^og:locale"))]
          for lang, page in pages.items()}
    assert og == {"zh-CN": [("og:locale", "zh_CN"), ("og:locale:alternate", "en_GB")],
                  "en": [("og:locale", "en_GB"), ("og:locale:alternate", "zh_CN")]}
    to_english = pages["zh-CN"].select_one(".lang-switch a")
    assert (to_english["href"], to_english["hreflang"], to_english.get_text()) == ("/en/2017/9-10/28/", "en", "English")
    to_chinese = pages["en"].select_one(".lang-switch a")
    assert (to_chinese["href"], to_chinese.get_text()) == ("/2017/9-10/28/", "中文")
    assert pages["en"].h1.get_text() == "Second Provincial Agricultural Machinery Skills Contest Held"
    # an article without a translation: its switch leads to its English page, which is no translation
    untranslated = soup(tmp_path / "output", "2017/9-10/27/index.html")
    assert untranslated.select_one(".lang-switch a")["href"] == "/en/2017/9-10/27/"
    assert not untranslated.find("link", rel="alternate", hreflang=True)
    english = soup(tmp_path / "output", "en/2017/9-10/27/index.html")
    assert english.html["lang"] == "en" and "untranslated" in english.article["class"]
    assert english.select_one(".in-other-language a")["href"] == "/2017/9-10/27/"
    assert not english.find("link", rel="alternate", hreflang=True)
