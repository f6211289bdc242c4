"""qhgy_ids: authors, sections and tags take their stored ASCII ids (content/ids.yaml, loaded
with the journal) as URL slugs, and the build stops if two different names would share a page."""

from pathlib import Path

from pelican import signals
from pelican.contents import Article

from qhgy.errors import ContentError
from qhgy.ids import registry_path
from qhgy.site import JOURNAL_SETTING

KIND_OF = {"authors": "authors", "category": "sections", "tags": "tags"}


class SharedPage(ContentError):
    """Two different names would be written to one page."""


def _set_slug(wrapper, kind: str, content) -> None:
    ident = content.settings[JOURNAL_SETTING].ids[kind].get(wrapper.name)
    if ident is None:
        raise ContentError(content.source_path, f"the {kind[:-1]} '{wrapper.name}' has no URL id in "
                           f"{registry_path(Path(content.settings['PATH']))}",
                           "run `invoke build`, which assigns ids to new names, or add it by hand")
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
    signals.content_object_init.connect(set_slugs)
    signals.article_generator_finalized.connect(check_collisions)
