"""The editors' commands: `invoke --list` shows them. Each task is one call into the qhgy package
(the editors' commands go through its command line, qhgy.cli, which turns errors into messages)
or, for the developers' tools, into devtools/."""

from invoke import task


def _cli(*args: str) -> None:
    from qhgy.cli import main

    if code := main(list(args)):
        raise SystemExit(code)


@task(help={"source": "the issue's .txt or .pdf", "content_dir": "where to write (default: content)",
            "force": "replace files edited by hand (they are backed up first)",
            "date": "publication date YYYY-MM-DD, if the 目录 prints none",
            "keep_partial": "write what was found even when most articles of the 目录 are not in the body"})
def import_issue(c, source, content_dir="content", force=False, date=None, keep_partial=False):
    """Import one print issue into Markdown articles and an issue file."""
    _cli("import", source, "--content-dir", content_dir, *(["--force"] if force else []),
         *(["--date", date] if date else []), *(["--keep-partial"] if keep_partial else []))


@task(help={"content_dir": "the content folder (default: content)"})
def check(c, content_dir="content"):
    """Validate every content file; report each problem as file:line: message."""
    _cli("check", "--content-dir", content_dir)


@task
def build(c):
    """Validate the content and build the site into output/ (development settings)."""
    _cli("build")


@task
def preview(c):
    """Build the site with the production settings (absolute URLs, feeds)."""
    _cli("build", "--settings", "publishconf.py")


@task(help={"port": "port to serve on (default 8000)"})
def serve(c, port=8000):
    """Build the site, then serve output/ on http://127.0.0.1:8000/."""
    from qhgy.site import serve

    _cli("build")
    serve(int(port))


@task
def livereload(c):
    """Build, serve on http://127.0.0.1:8000/ and rebuild (and reload the browser) when content or theme change."""
    from qhgy.site import livereload

    livereload()


@task
def translations(c):
    """Extract the theme's UI strings into messages.pot and merge them into each catalog (.po)."""
    from qhgy.site import update_translations

    update_translations()


@task(help={"dest": "folder for the PNGs (default: screenshots)"})
def screenshots(c, dest="screenshots"):
    """Build the site and take screenshots of home, issue and article at 390 and 1280 px wide."""
    from pathlib import Path

    from devtools.browser import screenshots

    _cli("build")
    for path in screenshots(Path("output"), Path(dest)):
        print(path)


@task
def test(c):
    """Run the test suite."""
    c.run("python -m pytest", pty=False)


@task(help={"rounds": "how many times to repeat each measurement"})
def bench(c, rounds=5):
    """Measure the importer: the sample issue as text and as PDF."""
    from devtools.bench import run

    run(rounds=int(rounds))


@task
def docs(c):
    """Regenerate the README's tables of content keys (qhgy/schema.py) and settings (qhgy/settings.py)."""
    from qhgy.docs import update_readme_file

    update_readme_file("README.md")


@task(help={"issues": "how many issues (~50 articles each)", "dest": "the content folder to write",
            "seed": "the same seed writes the same archive"})
def gen_archive(c, issues=60, dest="archive-content", seed=1):
    """Write a synthetic archive of N issues in the project's content format (for benchmarks)."""
    from pathlib import Path

    from devtools.archive_gen import generate_archive
    from qhgy.check import load_journal

    real = [a.body for a in load_journal(Path("content")).articles]
    print(f"{generate_archive(Path(dest), int(issues), seed=int(seed), domain_texts=real)} articles written to {dest}")


@task(help={"articles": "size of the generated archive (default 3000)",
            "bundle_articles": "articles per Pagefind run (default 3000)",
            "keep": "work folder to keep (and reuse its generated content)",
            "chunk_size": "Pagefind's index chunk size (default: the site's SEARCH_CHUNK_SIZE)"})
def bench_search(c, articles=3000, bundle_articles=3000, keep=None, chunk_size=None):
    """Measure the search index on a generated archive: time, memory, size, bytes per query."""
    from devtools.search_bench import run

    run(int(articles), int(bundle_articles), keep, int(chunk_size) if chunk_size else None)


@task
def bench_pdf(c):
    """Measure the print PDFs of the bundled issue: cold, per article, issue, sizes, no-change rebuild, memory."""
    from devtools.pdf_bench import run

    run()


@task(help={"pdf": "the PDF (e.g. output/2017/9-10/qhgy-2017-9-10.pdf)", "pages": "pages, e.g. 1-4 (default 1)",
            "dest": "folder for the PNGs (default screenshots/pdf)", "dpi": "resolution (default 100)"})
def pdf_pages(c, pdf, pages="1", dest="screenshots/pdf", dpi=100):
    """Render chosen pages of a PDF to PNG (pdftoppm) to look at them."""
    from pathlib import Path

    from devtools.pdf_preview import page_images

    for path in page_images(Path(pdf), pages, Path(dest), int(dpi)):
        print(path)


@task(help={"keep": "folder to keep the PDFs in (default: a temporary folder)",
            "layouts": "comma-separated layout names (default: all of devtools/magazine_pdf.py)"})
def score_import(c, keep=None, layouts=""):
    """Set the bundled issue as print PDFs in several magazine layouts, import each, and score it."""
    from devtools.import_score import run

    run(keep=keep, layouts=layouts)
