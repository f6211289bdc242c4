"""qhgy_check: validate the content with the project's key table before Pelican reads it,
and stop the build on any problem (Pelican's YAML reader would only log a bad header and
skip the file). Once everything is read, and before anything is written, check that no two
pages claim one output path (a page with the slug `about`, or `2017/9-10`, the issue's path):
Pelican would stop half-way through writing with a traceback that names only the path."""

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from qhgy.content import key_line, load_content
from qhgy.errors import ContentError

log = logging.getLogger(__name__)


class InvalidContent(Exception):
    """The content folder has problems; each is logged as file:line: message."""


def check_content(pelican) -> None:
    content = load_content(Path(pelican.settings["PATH"]))
    for problem in content.problems:
        log.error("qhgy_check: %s", problem)
    if content.problems:
        first: ContentError = content.problems[0]
        raise InvalidContent(f"{len(content.problems)} content problem(s), the first: {first} "
                             "(run `invoke check` for all of them)")


def output_claims(generators) -> list[tuple[str, str | None, str]]:
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
            # qhgy_issues has put the issue model in the context by now; it writes one page per issue
            claims += [(f"{issue.url}index.html", None, f"the page of issue {issue.label}")
                       for issue in gen.context.get("issues", [])]
        elif isinstance(gen, PagesGenerator):
            for item in gen.pages + gen.translations + gen.hidden_pages + gen.hidden_translations:
                claims.append((item.save_as, item.source_path, item.source_path))
    return [claim for claim in claims if claim[0]]


def check_output_paths(generators) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for save_as, source, who in output_claims(generators):
        path = save_as.lstrip("/")
        if path in owner:
            clashes.append(ContentError(source or who, f"is saved as {path}, which {owner[path]} also writes",
                                        "give it another slug (a page is saved as SLUG/index.html)",
                                        key_line(Path(source), "slug") if source else None))
        owner.setdefault(path, who)
    for clash in clashes:
        log.error("qhgy_check: %s", clash)
    if clashes:
        raise InvalidContent(f"{len(clashes)} output path(s) claimed twice, the first: {clashes[0]}")


def register() -> None:
    signals.initialized.connect(check_content)
    signals.all_generators_finalized.connect(check_output_paths)
