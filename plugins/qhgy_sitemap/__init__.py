"""qhgy_sitemap: what the site tells machines beyond its pages: sitemap.xml and robots.txt
from the pages actually written, and the authors in the Atom feeds.

Walking the output (rather than Pelican's lists of articles and pages, as pelican-sitemap
does) includes the pages other plugins write, such as one page per issue.

Pelican gives a feed entry without authors an empty `<author><name/></author>` and the feed
no author at all; Atom wants every entry to have one, its own or the feed's: the editorial
office is the feed's author, and an entry without authors has none of its own."""

from pathlib import Path
from xml.sax.saxutils import escape

from pelican import signals

from qhgy.incremental import write_if_changed
from qhgy.journal import JOURNAL_TITLE
from qhgy.site import JOURNAL_SETTING, LAST_RUN_SETTING
from qhgy.site_language import language_prefixes

NOT_LISTED = ("theme", "search", "pagefind")  # assets, and the search page (noindex)


def page_urls(output: Path, prefixes=("",)) -> list[str]:
    """Every page of every language's site (prefixes: their folders, "" and en/), less NOT_LISTED in each."""
    urls = []
    for page in sorted(output.rglob("index.html")):
        rel = page.relative_to(output).parent.as_posix()
        prefix = max((p for p in prefixes if rel.startswith(p)), key=len, default="")
        if rel[len(prefix):].split("/")[0] in NOT_LISTED:
            continue
        urls.append("" if rel == "." else f"{rel}/")
    return urls


def write_sitemap(pelican) -> None:
    if not pelican.settings.get(LAST_RUN_SETTING, True):  # the last language's run writes it
        return
    output = Path(pelican.output_path)
    siteurl = pelican.settings.get("SITEURL", "").rstrip("/")
    # No <lastmod>: the build date would change every page's entry on every build.
    entries = "".join(f"  <url><loc>{escape(siteurl)}/{escape(url)}</loc></url>\n"
                      for url in page_urls(output, language_prefixes(pelican.settings)))
    # written only when they change, like every file of an incremental build (qhgy_writer)
    write_if_changed(output / "sitemap.xml", (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n").encode("utf-8"))
    write_if_changed(output / "robots.txt",
                     f"User-agent: *\nAllow: /\nSitemap: {siteurl}/sitemap.xml\n".encode("utf-8"))


def feed_authors(context, feed) -> None:
    journal = context[JOURNAL_SETTING]
    latest = journal.latest_issue
    contact = latest.contact if latest else None
    feed.feed["author_name"] = (contact.publisher if contact else "") or f"《{JOURNAL_TITLE}》编辑部"
    # Pelican names an entry's first author only; the journal knows them all.
    by_link = {f"{context.get('SITEURL', '')}/{a.url}": a for a in journal.articles}
    for item in feed.items:
        article = by_link.get(item["link"])
        names = "、".join(article.author_names) if article else item["author_name"]
        item["author_name"] = names or None  # None, not '': feedgenerator then writes no <author>


def register() -> None:
    signals.finalized.connect(write_sitemap)
    signals.feed_generated.connect(feed_authors)
