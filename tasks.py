"""The editors' commands: `invoke --list` shows them. Each task is one call into the qhgy package."""

from invoke import task


@task(help={"source": "the issue's .txt or .pdf", "content_dir": "where to write (default: content)",
            "force": "replace files edited by hand (they are backed up first)",
            "date": "publication date YYYY-MM-DD, if the 目录 prints none"})
def import_issue(c, source, content_dir="content", force=False, date=None):
    """Import one print issue into Markdown articles and an issue file."""
    from qhgy.cli import main

    args = ["import", source, "--content-dir", content_dir] + (["--force"] if force else []) + \
        (["--date", date] if date else [])
    if code := main(args):
        raise SystemExit(code)


@task(help={"content_dir": "the content folder (default: content)"})
def check(c, content_dir="content"):
    """Validate every content file; report each problem as file:line: message."""
    from qhgy.cli import main

    if code := main(["check", "--content-dir", content_dir]):
        raise SystemExit(code)


@task
def build(c):
    """Validate the content and build the site into output/ (development settings)."""
    from qhgy.site import build

    build("pelicanconf.py")


@task
def preview(c):
    """Build the site with the production settings (absolute URLs, feeds)."""
    from qhgy.site import build

    build("publishconf.py")


@task(help={"port": "port to serve on (default 8000)"})
def serve(c, port=8000):
    """Build the site, then serve output/ on http://127.0.0.1:8000/."""
    from qhgy.site import build, serve

    build("pelicanconf.py")
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

    from qhgy.browser import screenshots
    from qhgy.site import build

    build("pelicanconf.py")
    for path in screenshots(Path("output"), Path(dest)):
        print(path)


@task
def test(c):
    """Run the test suite."""
    c.run("python -m pytest", pty=False)


@task(help={"rounds": "how many times to repeat each measurement"})
def bench(c, rounds=5):
    """Measure the importer: the sample issue as text and as PDF."""
    from qhgy.bench import run

    run(rounds=int(rounds))


@task
def docs(c):
    """Regenerate the README's content-guide key tables from qhgy/schema.py."""
    from pathlib import Path

    from qhgy.schema import update_readme

    readme = Path("README.md")
    readme.write_text(update_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")


@task(help={"issues": "how many issues (~50 articles each)", "dest": "the content folder to write",
            "seed": "the same seed writes the same archive"})
def gen_archive(c, issues=60, dest="archive-content", seed=1):
    """Write a synthetic archive of N issues in the project's content format (for benchmarks)."""
    from pathlib import Path

    from qhgy.archive_gen import generate_archive
    from qhgy.content import load_content

    real = [a.body for a in load_content(Path("content")).articles]
    print(f"{generate_archive(Path(dest), int(issues), seed=int(seed), domain_texts=real)} articles written to {dest}")


@task(help={"articles": "size of the generated archive (default 3000)",
            "bundle_articles": "articles per Pagefind run (default 3000)",
            "keep": "work folder to keep (and reuse its generated content)",
            "chunk_size": "Pagefind's index chunk size (default: the site's SEARCH_CHUNK_SIZE)"})
def bench_search(c, articles=3000, bundle_articles=3000, keep=None, chunk_size=None):
    """Measure the search index on a generated archive: time, memory, size, bytes per query."""
    from qhgy.search.bench import run

    run(int(articles), int(bundle_articles), keep, int(chunk_size) if chunk_size else None)


@task
def bench_pdf(c):
    """Measure the print PDFs of the bundled issue: cold, per article, issue, sizes, no-change rebuild, memory."""
    from qhgy.pdf.bench import run

    run()


@task(help={"pdf": "the PDF (e.g. output/2017/9-10/qhgy-2017-9-10.pdf)", "pages": "pages, e.g. 1-4 (default 1)",
            "dest": "folder for the PNGs (default screenshots/pdf)", "dpi": "resolution (default 100)"})
def pdf_pages(c, pdf, pages="1", dest="screenshots/pdf", dpi=100):
    """Render chosen pages of a PDF to PNG (pdftoppm) to look at them."""
    from pathlib import Path

    from qhgy.pdf.preview import page_images

    for path in page_images(Path(pdf), pages, Path(dest), int(dpi)):
        print(path)
