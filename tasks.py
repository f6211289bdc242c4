"""The editors' commands: `invoke --list` shows them. Each task is one call into the qhgy package
(the editors' commands go through its command line, qhgy.cli, which turns errors into messages)
or, for the developers' tools, into devtools/."""

from invoke import task

from qhgy.i18n import _

# The options' help, in the editor's language: the same messages as qhgy.cli's (one translation).
CONTENT_DIR = _("the content folder (default: content)")
OUTPUT_DIR = _("the folder the site is built into; what is in it is replaced (default: output)")
PORT = _("the port to serve on (default: 8000)")
BIND = _("the address to serve on (default: 127.0.0.1, this computer only)")

def _says(text: str):
    """The task's help (`invoke --list`, `invoke --help TASK`) in the editor's language: a docstring
    cannot go through the catalog, so the editors' tasks get theirs from _()."""
    def described(body):
        body.__doc__ = text
        return body
    return described


def _cli(*args: str) -> None:
    from qhgy.cli import main

    if code := main(list(args)):
        raise SystemExit(code)


@task(help={"source": _("the issue's extracted text (.txt) or print PDF (.pdf)"),
            "content_dir": _("where to write (default: content)"),
            "force": _("replace files edited by hand since the last import (backing them up first)"),
            "date": _("publication date YYYY-MM-DD, if the 目录 does not print one"),
            "keep_partial": _("write what was found even when most articles of the 目录 are not in the body")})
@_says(_("Import one print issue into Markdown articles and an issue file."))
def import_issue(c, source, content_dir="content", force=False, date=None, keep_partial=False):
    _cli("import", source, "--content-dir", content_dir, *(["--force"] if force else []),
         *(["--date", date] if date else []), *(["--keep-partial"] if keep_partial else []))


@task(help={"content_dir": CONTENT_DIR})
@_says(_("Validate every content file; report each problem as file:line: message."))
def check(c, content_dir="content"):
    _cli("check", "--content-dir", content_dir)


@task(help={"content_dir": CONTENT_DIR, "output_dir": OUTPUT_DIR})
@_says(_("Validate the content and build the site into output/ (development settings)."))
def build(c, content_dir="content", output_dir="output"):
    _cli("build", "--content-dir", content_dir, "--output-dir", output_dir)


@task(help={"content_dir": CONTENT_DIR, "output_dir": OUTPUT_DIR})
@_says(_("Build the site with the production settings (absolute URLs, feeds)."))
def preview(c, content_dir="content", output_dir="output"):
    _cli("build", "--settings", "publishconf.py", "--content-dir", content_dir, "--output-dir", output_dir)


@task(help={"content_dir": CONTENT_DIR, "output_dir": OUTPUT_DIR, "port": PORT, "bind": BIND,
            "no_build": _("serve the output folder as it is, without building first")})
@_says(_("Build the site, then serve it on http://127.0.0.1:8000/ (a missing page answers the site's 404 page)."))
def serve(c, content_dir="content", output_dir="output", port=8000, bind="127.0.0.1", no_build=False):
    _cli("serve", "--content-dir", content_dir, "--output-dir", output_dir, "--port", str(port), "--bind", bind,
         *(["--no-build"] if no_build else []))


@task(help={"content_dir": CONTENT_DIR, "output_dir": OUTPUT_DIR, "port": PORT, "bind": BIND})
@_says(_("Build, serve on http://127.0.0.1:8000/ and rebuild (and reload the browser) when content or theme change."))
def livereload(c, content_dir="content", output_dir="output", port=8000, bind="127.0.0.1"):
    _cli("livereload", "--content-dir", content_dir, "--output-dir", output_dir, "--port", str(port),
         "--bind", bind)


PUBLISHED = _("the published site, a link to the newest release (e.g. /srv/qhgy/site)")


@task(help={"content_dir": CONTENT_DIR, "output_dir": PUBLISHED})
@_says(_("Check, build with the production settings into a fresh folder, check the site, then publish it in one step."))
def publish(c, output_dir=None, content_dir="content"):
    _cli("publish", "--content-dir", content_dir, *(["--output-dir", output_dir] if output_dir else []))


@task(help={"output_dir": PUBLISHED})
@_says(_("Publish the release before the current one again (publish keeps the previous ones)."))
def rollback(c, output_dir=None):
    _cli("rollback", *(["--output-dir", output_dir] if output_dir else []))


@task
def translations(c):
    """Extract the theme's and the tools' messages and merge them into each catalog (.po); list what is untranslated."""
    from qhgy.i18n import update_catalogs
    from qhgy.site import update_translations

    update_translations()
    for message in update_catalogs():
        print(f"untranslated: {message}")


@task(help={"dest": "folder for the PNGs (default: screenshots)"})
def screenshots(c, dest="screenshots"):
    """Build the site and take screenshots of every kind of page at 320, 390 and 1280 px wide."""
    from pathlib import Path

    from devtools.browser import screenshots

    _cli("build")
    for path in screenshots(Path("output"), Path(dest)):
        print(path)


@task
def test(c):
    """Run the test suite."""
    c.run("python -m pytest", pty=False)


@task(help={"issues": "one archive size only, in issues of ~50 articles (default: 60, then 240)",
            "keep": "work folder to keep (its generated archives are reused by the next run)",
            "browser": "count the bytes a search downloads, with Chromium (--no-browser skips it)",
            "importer": "measure the importer (sample issue as text and PDF) and the bundled site instead",
            "rounds": "with --importer: how many times to repeat each measurement"})
def bench(c, issues=None, keep=None, browser=True, importer=False, rounds=5):
    """Measure the build against plain Pelican on a generated archive, at 60 and 240 issues: cold (HTML, images,
    search, PDFs), no change, one article corrected, one issue added; one table, and bench/results.json."""
    from devtools.bench import run

    run(int(issues) if issues else None, keep, browser, importer, int(rounds))


@task(help={"content_dir": "the content folder (default: content)",
            "output_dir": "the folder to build into (default: output); build it twice to profile a rebuild"})
def profile(c, content_dir="content", output_dir="output"):
    """Profile one build with pyinstrument: bench/profile.html and bench/profile.txt."""
    from devtools.profile import run

    if code := run(content_dir, output_dir):
        raise SystemExit(code)


@task
def docs(c):
    """Regenerate the README's tables of content keys (qhgy/schema.py) and settings (qhgy/settings.py),
    and the editors' manual's key tables in Chinese."""
    from qhgy.docs import update_manual_file, update_readme_file

    update_readme_file("README.md")
    update_manual_file()


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
