"""qhgy_check: the build reads checked content only, and no two pages claim one output path.

At `initialized`, before anything is read: take the journal the build has checked (qhgy.site
hands it in as the setting QHGY_JOURNAL) or, in a bare `pelican` run, check the content folder
now, through qhgy.check, the one home of checking; any problem stops the build (Pelican's YAML
reader would only log a bad header and skip the file). Once everything is read, and before
anything is written, check that no two pages claim one output path (a page with the slug
`about`, or `2017/9-10`, the issue's path): Pelican would stop half-way through writing with a
traceback that names only the path."""

from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from qhgy.check import load_journal
from qhgy.content import key_line
from qhgy.errors import ContentError
from qhgy.model import Journal
from qhgy.site import JOURNAL_SETTING


class OutputClash(ContentError):
    """Two pages of the build would be written to one path."""


def provide_journal(pelican) -> None:
    settings = pelican.settings
    if not isinstance(settings.get(JOURNAL_SETTING), Journal):
        settings[JOURNAL_SETTING] = load_journal(Path(settings["PATH"]))


def output_claims(generators, journal: Journal) -> list[tuple[str, str | None, str]]:
    """(output path, content file or None, who writes it) for every HTML page the build writes."""
    claims = []
    for gen in generators:
        settings = gen.settings
        if isinstance(gen, ArticlesGenerator):
            for name in settings["DIRECT_TEMPLATES"]:
                save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
                claims.append((save_as, None, f"the site's {name} page"))
            for item in gen.articles + gen.translations + gen.hidden_articles + gen.hidden_translations:
                claims.append((item.save_as, item.source_path, item.source_path))
            for kind, groups in (("section", gen.categories), ("author", gen.authors),
                                 ("tag", list(gen.tags.items()))):
                claims += [(group.save_as, None, f"the {kind} page of '{group.name}'") for group, _ in groups]
            # qhgy_issues writes one page per issue
            prefix = settings.get("LANG_PREFIX", "")
            claims += [(f"{prefix}{issue.url}index.html", None, f"the page of issue {issue.label}")
                       for issue in journal.issues]
        elif isinstance(gen, PagesGenerator):
            for item in gen.pages + gen.translations + gen.hidden_pages + gen.hidden_translations:
                claims.append((item.save_as, item.source_path, item.source_path))
    return [claim for claim in claims if claim[0]]


def check_output_paths(generators) -> None:
    journal = generators[0].settings[JOURNAL_SETTING]
    owner: dict[str, str] = {}
    for save_as, source, who in output_claims(generators, journal):
        path = save_as.lstrip("/")
        if path in owner:
            raise OutputClash(source or who, f"is saved as {path}, which {owner[path]} also writes",
                              "give it another slug (a page is saved as SLUG/index.html)",
                              key_line(Path(source), "slug") if source else None)
        owner[path] = who


def register() -> None:
    signals.initialized.connect(provide_journal)
    signals.all_generators_finalized.connect(check_output_paths)
