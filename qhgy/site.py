"""Build the website with Pelican (the settings files live at the top level), and rebuild it live.

A build checks the content once (qhgy.check), gives new names their URL ids, then runs Pelican
in this process with the checked journal handed to the plugins, so nothing is read twice. Any
content folder builds into any output folder (a scratch import previews beside the real site);
an output folder that would empty the content or something else is refused first.
The preview server is qhgy.serve."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from qhgy.errors import QhgyError
from qhgy.i18n import N_, _

# The settings key through which a build hands its checked journal to the plugins.
JOURNAL_SETTING = "QHGY_JOURNAL"
# The project's folder: pelicanconf.py, publishconf.py, theme/, plugins/.
PROJECT = Path(__file__).resolve().parent.parent


class BuildError(QhgyError):
    """The build stopped: what failed and what to do."""


def run_pelican(settings_file: str, overrides: dict | None = None) -> None:
    """One Pelican build in this process; an error logged by anyone stops it (Pelican's --fatal errors).
    The project's own failures arrive here as QhgyError and go through unchanged."""
    from pelican import Pelican
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    import pelican

    init_logging(level=logging.WARNING, fatal="errors", name="pelican")
    settings = read_settings(settings_file, override=dict(overrides or {}))
    console = pelican.console
    pelican.console = _WithoutSummary(console)  # the caller says what was built, in the editor's language
    try:
        Pelican(settings).run()
    except QhgyError:
        raise
    except Exception as err:  # last resort: another library failed (Pelican, Jinja, a logged error)
        raise BuildError(settings_file, _("the build failed: {error}").format(error=err),
                         _("fix the problem named above and build again")) from err
    finally:
        pelican.console = console


# The settings of one run under the site's prefix (a key ending so, holding a path): its pages' URLs
# and files, and its feeds.
PREFIXED_SUFFIXES = ("_URL", "_SAVE_AS", "_ATOM", "_RSS")
NOT_PREFIXED = ("SITEURL", "FEED_DOMAIN", "STATIC_URL", "STATIC_SAVE_AS")
# Whether a run is the build's last: it writes what needs every language's run done (the sitemap
# lists every language's pages).
LAST_RUN_SETTING = "QHGY_LAST_RUN"


def language_settings(settings: dict, lang: str) -> dict:
    """The overrides of the run that builds the site in `lang` (a key of SITE_LANGUAGES): its
    language and catalog, every page and feed under its prefix (en/), the pieces in other
    languages unwritten (their own runs write them), and the language's own settings."""
    from qhgy.model import language_prefix

    prefix = language_prefix(lang, settings["DEFAULT_LANG"])
    out = {"DEFAULT_LANG": lang, "SITE_LANG": lang, "LANG_PREFIX": prefix}
    for key, value in settings.items():
        if (key.endswith(PREFIXED_SUFFIXES) and key not in NOT_PREFIXED and "_LANG_" not in key
                and isinstance(value, str) and value):
            out[key] = prefix + value.lstrip("/")
    for name in settings["DIRECT_TEMPLATES"]:
        key = f"{name.upper()}_SAVE_AS"
        out[key] = prefix + str(settings.get(key, f"{name}.html"))
    out.update({"ARTICLE_LANG_URL": "", "ARTICLE_LANG_SAVE_AS": "", "PAGE_LANG_URL": "", "PAGE_LANG_SAVE_AS": ""})
    out.update(settings["SITE_LANGUAGES"][lang])
    return out


def run_sites(settings_file: str, overrides: dict) -> None:
    """Build every language's site into one output folder: the journal's own language at its root,
    then each of SITE_LANGUAGES under its prefix. Each run is a whole Pelican build with its own
    catalog (a Jinja environment holds one), sharing the checked journal, the PDFs, images and theme."""
    from pelican.settings import read_settings

    base = read_settings(settings_file, override=dict(overrides))
    languages = list(base.get("SITE_LANGUAGES") or {})
    runs = [dict(overrides)] + [{**overrides, **language_settings(base, lang)} for lang in languages]
    for n, run in enumerate(runs):
        run[LAST_RUN_SETTING] = n == len(runs) - 1
        run_pelican(settings_file, run)


class _WithoutSummary:
    """Pelican's console, less its English "Done: Processed …" line (its log still prints)."""

    def __init__(self, console) -> None:
        self._console = console

    def print(self, *objects, **kwargs) -> None:
        if not (objects and str(objects[0]).startswith("Done: Processed")):
            self._console.print(*objects, **kwargs)

    def __getattr__(self, name):
        return getattr(self._console, name)


# The kinds of name that get a URL id, as a message names them.
ID_KINDS = {"authors": N_("author"), "sections": N_("section"), "tags": N_("tag")}


# What a build writes at the top of its output folder, one of which says "a built site is here".
SITE_MARKS = ("index.html", "404.html", "theme", "pagefind")
# Files no build writes: an output folder holding one is someone's work, not a site.
SOURCE_SUFFIXES = {".md", ".markdown", ".yaml", ".yml", ".py", ".po"}


def settings_file(name: str | Path) -> Path:
    """A settings file as named, or the project's of that name (pelicanconf.py, publishconf.py) when the
    command runs in another folder: the content and output folders are the editor's, the settings the project's."""
    path = Path(name)
    if not path.exists() and not path.is_absolute() and (PROJECT / path).is_file():
        return PROJECT / path
    return path


def check_content_dir(content_dir: Path) -> None:
    """The content folder must exist: a mistyped --content-dir is one line, not a library's error."""
    if not content_dir.is_dir():
        raise BuildError(content_dir, _("the content folder does not exist"),
                         _("give --content-dir the folder that holds issues/ and articles/ (default: content)"))


def check_output_dir(content_dir: Path, output_dir: Path) -> None:
    """Refuse an output folder the build must not empty (Pelican deletes what is in it first):
    the content folder, one inside it or around it, the folder the command runs in or one around
    it, a link (a published site), a folder that holds files and no built site, or one holding
    Markdown, YAML or Python."""
    content, output, here = content_dir.resolve(), output_dir.resolve(), Path.cwd().resolve()
    fix = _("give --output-dir a folder of its own, e.g. {example}").format(example=content.parent / "output")
    if output_dir.is_symlink():  # a published site (qhgy.publish): building into its release would change it live
        raise BuildError(output_dir, _("is a link (a published site, or a folder kept elsewhere): the build would "
                                       "change the files it points to"),
                         _("build into a folder of its own; `invoke publish` replaces a published site"))
    if output == content or content in output.parents or output in content.parents:
        raise BuildError(output_dir, _("the output folder overlaps the content folder {content}").format(
            content=content_dir), fix)
    if output == here or output in here.parents:
        raise BuildError(output_dir, _("the output folder holds the folder the command runs in"), fix)
    if not output.is_dir() or not any(output.iterdir()):
        return
    if not any((output / mark).exists() for mark in SITE_MARKS):
        raise BuildError(output_dir, _("the folder holds files but no built site: the build would delete them"),
                         _("empty the folder yourself, or give --output-dir another folder"))
    for folder, dirs, files in os.walk(output):
        found = [name for name in files if Path(name).suffix.lower() in SOURCE_SUFFIXES] or \
            [name for name in dirs if name == ".git"]
        if found:
            raise BuildError(Path(folder) / found[0], _("a build never writes this file, and would delete it"),
                             _("move your files out of the output folder, or give --output-dir another folder"))


def legal_of(settings_file: str | Path, content_dir: str | Path):
    """The legal marks (qhgy.legal) a settings file sets, checked: `check` warns by them."""
    from pelican.settings import read_settings

    from qhgy.legal import legal_marks
    from qhgy.settings import plugin_settings

    settings = read_settings(str(settings_file), override={"PATH": str(Path(content_dir).resolve())})
    return legal_marks(plugin_settings(settings, "qhgy_model")["LEGAL"])


def build(settings: str = "pelicanconf.py", content_dir: str | Path = "content",
          output_dir: str | Path = "output", log=print):
    """Check the content (ContentProblems names every problem), give new names their URL ids, then
    build into output_dir; the journal built, for the caller."""
    from qhgy.check import check_content, report

    content, output = Path(content_dir), Path(output_dir)
    settings = str(settings_file(settings))
    check_content_dir(content)
    check_output_dir(content, output)
    checked = check_content(content, assign_ids=True, legal=legal_of(settings, content))
    journal = checked.journal_or_raise()  # an error stops the build
    if checked.warnings:  # a warning (a draft with no text yet) is printed and counted, and stops nothing
        report(checked)
    for kind, name, ident in checked.new_ids:
        log(_("new URL id: {kind} '{name}' → {ident} (stored in {path})").format(
            kind=_(ID_KINDS.get(kind, kind)), name=name, ident=ident, path=content / "ids.yaml"))
    started = time.perf_counter()
    run_sites(settings, {"PATH": str(content.resolve()), "OUTPUT_PATH": str(output.resolve()),
                         JOURNAL_SETTING: journal})
    log(_("Built {articles} articles and {pages} pages into {output}/ in {seconds:.1f} s.").format(
        articles=len(journal.articles), pages=len(journal.pages), output=output,
        seconds=time.perf_counter() - started))
    return journal


def livereload(content_dir: str | Path = "content", output_dir: str | Path = "output", port: int = 8000,
               bind: str = "127.0.0.1", settings: str = "pelicanconf.py") -> None:
    """Serve output_dir and rebuild whenever the content, theme, plugins or settings change."""
    from livereload import Server

    content, output, settings = Path(content_dir), Path(output_dir), str(settings_file(settings))
    build(settings, content, output)
    server = Server()
    server.SFH = _not_found_page_handler()
    for pattern in (f"{content}/**/*", f"{PROJECT}/theme/**/*", f"{PROJECT}/plugins/**/*.py",
                    f"{PROJECT}/qhgy/**/*.py", settings):
        server.watch(pattern, lambda: _rebuild_quietly(settings, content, output))
    server.serve(host=bind, port=port, root=str(output))


def _not_found_page_handler():
    """livereload's file handler, answering a missing URL with the site's 404.html as qhgy.serve does."""
    from livereload.handlers import StaticFileHandler

    from qhgy.serve import NOT_FOUND_PAGE, TYPES

    class NotFoundPageHandler(StaticFileHandler):
        def write_error(self, status_code, **kwargs):
            page = Path(self.root) / NOT_FOUND_PAGE
            if status_code != 404 or not page.is_file():
                return super().write_error(status_code, **kwargs)
            self.set_header("Content-Type", TYPES[".html"])
            self.finish(page.read_bytes())

    return NotFoundPageHandler


def _rebuild_quietly(settings: str, content: Path, output: Path) -> None:
    try:
        build(settings, content, output)
    except QhgyError as err:
        print(_("error: {message}").format(message=err))
        print(_("the build failed; fix the problem above and save again"))


def update_translations() -> None:
    """pybabel extract + update: new UI strings reach every catalog (translate them in the .po files)."""
    from babel.messages.frontend import CommandLineInterface

    pot = "theme/translations/messages.pot"
    cli = CommandLineInterface()
    cli.run(["pybabel", "extract", "-F", "babel.cfg", "-o", pot, "--no-location", "--omit-header",
             "--sort-output", "."])
    cli.run(["pybabel", "update", "-i", pot, "-d", "theme/translations", "--ignore-obsolete",
             "--no-fuzzy-matching"])

