"""qhgy_ids: authors, sections and tags take their stored ASCII ids (content/ids.yaml, loaded
with the journal) as URL slugs. Before anything is read, a name without an id stops the build,
naming the file and the key (once Pelican reads a file, it reports an error there only as "could
not process" the file); after, two different names on one page stop it too."""

from pathlib import Path

from pelican import signals
from pelican.contents import Article

from qhgy.content import key_line
from qhgy.errors import ContentError
from qhgy.i18n import N_, _
from qhgy.ids import registry_path
from qhgy.site import JOURNAL_SETTING

NO_ID = {"authors": N_("the author '{name}' has no URL id in {registry}"),
         "sections": N_("the section '{name}' has no URL id in {registry}"),
         "tags": N_("the tag '{name}' has no URL id in {registry}")}
ASSIGN_FIX = N_("run `invoke build`, which assigns ids to new names, or add it by hand")

KIND_OF = {"authors": "authors", "category": "sections", "tags": "tags"}


class SharedPage(ContentError):
    """Two different names would be written to one page."""


def _missing(journal) -> list[tuple[Path, str, str, str]]:
    """(file, key, kind, name) of every name the content uses that has no id."""
    missing = []
    for article in journal.articles:
        missing += [(article.path, "authors", "authors", a.name) for a in article.authors if not a.id]
        if article.section and not article.section_id:
            missing.append((article.path, "category", "sections", article.section))
        missing += [(article.path, "tags", "tags", t.name) for t in article.tags if not t.id]
    return missing


def check_every_name_has_an_id(pelican) -> None:
    journal = pelican.settings[JOURNAL_SETTING]
    for path, key, kind, name in _missing(journal):
        raise ContentError(path, _(NO_ID[kind]).format(name=name, registry=registry_path(journal.content_dir)),
                           _(ASSIGN_FIX), key_line(path, key))


def _set_slug(wrapper, kind: str, content) -> None:
    ident = content.settings[JOURNAL_SETTING].ids[kind].get(wrapper.name)
    if ident is None:
        raise ContentError(content.source_path, _(NO_ID[kind]).format(
                               name=wrapper.name, registry=registry_path(Path(content.settings["PATH"]))),
                           _(ASSIGN_FIX))
    wrapper.slug = ident


def set_slugs(content) -> None:
    if not isinstance(content, Article):  # pages are not listed by author, section or tag
        return
    for attr, kind in KIND_OF.items():
        value = getattr(content, attr, None)
        for wrapper in (value if isinstance(value, list) else [value] if value else []):
            _set_slug(wrapper, kind, content)


def check_collisions(generator) -> None:
    """Pelican groups authors/sections/tags by slug: distinct names on one slug would merge silently."""
    for kind, groups in (("author", generator.authors), ("section", generator.categories),
                         ("tag", generator.tags)):
        for wrapper, articles in (groups.items() if isinstance(groups, dict) else groups):  # tags: a dict
            names = {w.name for a in articles for w in _wrappers(a, kind) if w.slug == wrapper.slug}
            if len(names) > 1:
                raise SharedPage(registry_path(Path(generator.settings["PATH"])),
                                 f"the {kind}s {' and '.join(sorted(names))} would share the page of '{wrapper.slug}'",
                                 "give them different ids")


def _wrappers(article, kind):
    if kind == "author":
        return getattr(article, "authors", [])
    if kind == "section":
        return [article.category]
    return getattr(article, "tags", [])


def register() -> None:
    signals.initialized.connect(check_every_name_has_an_id)
    signals.content_object_init.connect(set_slugs)
    signals.article_generator_finalized.connect(check_collisions)
