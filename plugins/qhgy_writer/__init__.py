"""qhgy_writer: an incremental build (qhgy.incremental): the output folder is kept; a page is
rendered only when what it shows changed, a file written only when its bytes changed, and what
the last build produced and this one does not (a deleted or renamed article's page, PDFs, images)
is deleted.

Each language's run (qhgy.site.run_sites) keeps its own manifest and owns its own files: the
English run's are under en/, and the run of the journal's language leaves en/ alone.

At `initialized`: an output folder this project has not built before (no manifest) is emptied,
as Pelican's DELETE_OUTPUT_DIRECTORY would (a language's run empties only its own folder). The writer (`get_writer`) skips pages whose key is
unchanged. At `finalized` (before qhgy_sitemap writes, which comes after it in PLUGINS): the
theme's static files are copied where they changed, files of the last build that no step
produced this time are deleted (the PDFs, made earlier in the run, are known from the journal),
and the manifest is saved.

Pelican reads each Markdown file once more than the check does, for its own objects: the YAML
header with the project's loader (libyaml's), and the body's HTML from the last build's cache
where the body and the Markdown settings are unchanged (this plugin comes after
pelican.plugins.yaml_metadata, whose reader it replaces).
Setting: QHGY_HTML_CACHE (where manifests and the Markdown cache are kept)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pelican import signals
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader
from pelican.utils import clean_output_dir, sanitised_join
from pelican.writers import Writer

from qhgy import incremental
from qhgy.build_cache import cache_dir
from qhgy.citation import DOWNLOADS
from qhgy.content import load_yaml
from qhgy.site import JOURNAL_SETTING, PROJECT, LAST_RUN_SETTING
from qhgy.site_language import language_prefixes

log = logging.getLogger(__name__)

STATE_SETTING = "QHGY_OUTPUT_STATE"
# Code whose output never reaches a page (pages name the PDFs and the index by paths the model
# gives): changing it renders no page again. Everything else of qhgy/ and plugins/ does.
HTML_FREE_CODE = ("qhgy/pdf", "qhgy/search/index.py", "qhgy/search/bundles.py", "qhgy/search/canonical.py",
                  "plugins/qhgy_pdf", "plugins/qhgy_search", "qhgy/importer")
# Files the sitemap step writes at `finalized` (qhgy_sitemap).
SITE_FILES = ("sitemap.xml", "robots.txt")


class OutputState:
    """One build's view of its output folder: the last manifest, and what this build produced."""

    def __init__(self, settings) -> None:
        self.output = Path(settings["OUTPUT_PATH"]).resolve()
        self._root = os.path.abspath(settings["OUTPUT_PATH"]) + os.sep  # how Pelican's writer spells its paths
        self.prefix = settings.get("LANG_PREFIX", "")  # the folder this run's site lives in: "" or en/
        # the other languages' runs' folders: their files are theirs to keep or remove
        self.other_prefixes = tuple(p for p in language_prefixes(settings) if p and p != self.prefix)
        cache = cache_dir(settings, "html", "QHGY_HTML_CACHE")
        self.manifest_file = incremental.manifest_path(cache, self.output, self.prefix)
        self.markdown = incremental.MarkdownCache(cache, settings["MARKDOWN"])
        self.previous = incremental.Manifest.load(self.manifest_file)
        self.fingerprint = build_fingerprint(settings)
        self.pages: dict[str, list] = {}  # path: [key, size, mtime_ns]
        self.produced: set[str] = set()
        self.digests = incremental.Digests()
        self.rendered = self.skipped = self.written = 0

    def rel(self, path) -> str:
        path = str(path)
        if path.startswith(self._root) and os.sep == "/":  # the writer's own paths: no file system call
            return path[len(self._root):]
        return Path(path).resolve().relative_to(self.output).as_posix()

    def unchanged(self, rel: str, key: str) -> bool:
        if self.previous is None or self.previous.fingerprint != self.fingerprint:
            return False
        entry = self.previous.pages.get(rel)
        return bool(entry) and entry[0] == key and entry[1:] == incremental.stamp(self.output / rel)

    def save(self) -> None:
        for rel, entry in self.pages.items():
            entry[1:] = incremental.stamp(self.output / rel) or [None, None]
        incremental.Manifest(self.fingerprint, self.pages, sorted(self.produced)).save(self.manifest_file)


def build_fingerprint(settings) -> str:
    """What every page depends on: the project's code, theme and settings, and the libraries."""
    digests = incremental.Digests()
    values = [f"{k}={digests.of(v, False)}" for k, v in sorted(settings.items())
              if k not in incremental.NOT_SETTINGS and k != STATE_SETTING]
    code = incremental.tree_digest(PROJECT / "qhgy", PROJECT / "plugins", suffixes=(".py", ".po"),
                                   leave_out=HTML_FREE_CODE)
    theme = incremental.tree_digest(Path(settings["THEME"]))
    return incremental._h(code, theme, incremental.library_versions(), *values)


class _Buffer:
    """What Pelican writes a page into: on close, the file is written only if its bytes changed."""

    def __init__(self, path: str, encoding: str, state: OutputState | None) -> None:
        self.path, self.encoding, self.state, self.parts = path, encoding, state, []

    def write(self, text) -> int:  # text (pages), or bytes (feedgenerator's feeds)
        self.parts.append(text.encode(self.encoding) if isinstance(text, str) else text)
        return len(text)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.close()

    def close(self) -> None:
        if self.path == os.devnull:
            return
        written = incremental.write_if_changed(Path(self.path), b"".join(self.parts))
        if self.state is not None:
            self.state.produced.add(self.state.rel(self.path))
            self.state.written += written


class IncrementalWriter(Writer):
    """Pelican's writer, but a page whose key is unchanged is not rendered, and a file is written
    only if its bytes changed."""

    state: OutputState | None = None

    def _open_w(self, filename, encoding, override=False):
        # Pelican's bookkeeping of its _open_w (one writer per path unless overridden), without opening
        if filename in self._overridden_files:
            if override:
                return super()._open_w(filename, encoding, override)  # raises
            filename = os.devnull
        elif filename in self._written_files and not override:
            return super()._open_w(filename, encoding, override)  # raises
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _Buffer(filename, encoding, self.state)

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        state = self.state
        if paginated is None:  # as Pelican's writer decides what it would paginate
            paginated = {key: value for key, value in kwargs.items() if key in {"articles", "dates"}}
        if not name or state is None or (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            super().write_file(name, template, context, relative_urls, paginated, template_name,
                               override_output, url, **kwargs)
            if name and state is not None:
                state.rendered += 1  # pages split by Pelican's paginator have no key: always rendered
            return None
        key = self._page_key(name, template, context, relative_urls, kwargs)
        path = sanitised_join(self.output_path, name)
        rel = state.rel(path)
        if key is not None and path not in self._written_files and state.unchanged(rel, key):
            self._written_files.add(path)
            state.produced.add(rel)
            state.pages[rel] = [key, None, None]
            state.skipped += 1
            return None
        super().write_file(name, template, context, relative_urls, paginated, template_name,
                           override_output, url, **kwargs)
        state.rendered += 1
        if key is not None:
            state.pages[rel] = [key, None, None]
        return None

    def _page_key(self, name, template, context, relative_urls, kwargs) -> str | None:
        reads = _template_reads(template).of(template.name)
        if reads is None:
            return None
        variables, bodies = reads
        local = dict(context)
        local.update(kwargs, output_file=name, localsiteurl=context.get("localsiteurl"))
        if relative_urls:
            return None  # SITEURL differs per page: render (no production build uses relative URLs)
        digests = self.state.digests
        return incremental._h(template.name, name, *(f"{v}={digests.of(local.get(v), bodies)}"
                                                     for v in sorted(variables) if v in local))


def _template_reads(template) -> incremental.TemplateReads:
    env = template.environment
    reads = getattr(env, "qhgy_template_reads", None)
    if reads is None:
        reads = env.qhgy_template_reads = incremental.TemplateReads(env)
    return reads


class CheckedMarkdownReader(YAMLMetadataReader):
    """pelican-yaml-metadata's reader, with libyaml (the check has parsed every header already)
    and the bodies' HTML kept between builds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        state = self.settings.get(STATE_SETTING)
        if state is not None:
            convert = self._md.convert
            self._md.convert = lambda text: state.markdown.get(text, convert)

    def _load_yaml_metadata(self, text, source_path):
        try:
            metadata = load_yaml(text)
        except Exception:  # noqa: BLE001 — the plugin's own loader logs the error as it would
            return super()._load_yaml_metadata(text, source_path)
        if not isinstance(metadata, dict):
            return super()._load_yaml_metadata(text, source_path)
        return self._parse_yaml_metadata(metadata, source_path)


def use_checked_reader(readers) -> None:
    for ext in CheckedMarkdownReader.file_extensions:
        if readers.reader_classes.get(ext) is YAMLMetadataReader:  # not a reader someone else chose
            readers.reader_classes[ext] = CheckedMarkdownReader


def start(pelican) -> None:
    state = OutputState(pelican.settings)
    pelican.settings[STATE_SETTING] = state
    own = Path(pelican.output_path) / state.prefix
    if state.previous is None and own.is_dir():
        clean_output_dir(str(own), pelican.output_retention)  # as a cold build


def get_writer(pelican):
    return type("IncrementalWriter", (IncrementalWriter,), {"state": pelican.settings[STATE_SETTING]})


def _images_published(generators) -> list[str]:
    found = []
    for gen in generators:
        found += [str(rel) for rel in getattr(gen, "published", {}).values()]
    return found


def remember_generators(generators) -> None:
    generators[0].settings[STATE_SETTING].generators = generators


def expected_files(state: OutputState, settings) -> set[str]:
    """What the steps that do not write through the writer produce: citation files (qhgy_issues),
    PDFs (qhgy_pdf), images (qhgy_images), the sitemap; the search index keeps its own folder.
    Each run answers for the files under its own folder (a translation's PDF is the English run's,
    under en/, whichever run renders it), and for the images it placed."""
    journal = settings[JOURNAL_SETTING]
    files = set()
    for issue in journal.issues:
        files.add(issue.pdf_path)
        for article in issue.articles:
            files |= {version.pdf_path for version in article.versions}
            files |= {f"{article.cite_stem}{suffix}" for suffix in DOWNLOADS}
            if article.print_pdf_path:
                files.add(article.print_pdf_path)
    owned = {f.lstrip("/") for f in files}
    owned = {f for f in owned if f.startswith(state.prefix) and not f.startswith(state.other_prefixes)}
    owned |= {f.lstrip("/") for f in _images_published(getattr(state, "generators", []))}
    return owned | (set(SITE_FILES) if settings.get(LAST_RUN_SETTING, True) else set())  # the sitemap: the last run's


def tidy(pelican) -> None:
    """Copy the theme's static files where they changed, and delete what the last build produced and this
    one does not (what the PDFs, images and citation files are is known from the journal)."""
    settings = pelican.settings
    state: OutputState = settings[STATE_SETTING]
    static = Path(settings["THEME"]) / "static"
    if static.is_dir() and not state.prefix:  # one theme folder for every language's site
        dest = state.output / settings["THEME_STATIC_DIR"]
        for target in incremental.copy_tree_if_changed(static, dest, _ignored(settings)):
            state.produced.add(state.rel(target))
    state.produced |= expected_files(state, settings)
    if state.previous is not None:
        stale = set(state.previous.produced) - state.produced
        # the search index keeps its own folder; the other languages' runs, theirs
        removed = incremental.remove_stale(state.output, stale,
                                           keep_under=(settings.get("SEARCH_INDEX_URL", ""), *state.other_prefixes))
        if removed:
            log.info("qhgy_writer: %d files of the last build removed", len(removed))
    state.save()
    state.markdown.save()
    log.info("qhgy_writer: %d pages rendered, %d unchanged; %d files written", state.rendered, state.skipped,
             state.written)


def _ignored(settings):
    import fnmatch

    patterns = settings.get("IGNORE_FILES", [])
    return lambda name: any(fnmatch.fnmatch(name, p) for p in patterns)


def register() -> None:
    signals.initialized.connect(start)
    signals.readers_init.connect(use_checked_reader)
    signals.get_writer.connect(get_writer)
    signals.all_generators_finalized.connect(remember_generators)
    signals.finalized.connect(tidy)

