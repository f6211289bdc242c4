"""qhgy_ids: authors, sections and tags take their stored ASCII ids (content/ids.yaml) as
URL slugs, and the build stops if two different names would share a page."""

import logging
from pathlib import Path

from pelican import signals
from pelican.contents import Article

from qhgy.errors import ContentError
from qhgy.ids import load_registry, registry_path

log = logging.getLogger(__name__)

KIND_OF = {"authors": "authors", "category": "sections", "tags": "tags"}


class OutputCollision(Exception):
    """Two different names would be written to one page."""


def load_ids(pelican) -> None:
    # Kept in the settings (not in a module global), which every content object can reach.
    pelican.settings["QHGY_IDS"] = load_registry(Path(pelican.settings["PATH"]))


def _set_slug(wrapper, kind: str, content) -> None:
    ids = content.settings.get("QHGY_IDS", {}).get(kind, {})
    ident = ids.get(wrapper.name)
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
                raise OutputCollision(f"qhgy_ids: the {kind}s {' and '.join(sorted(names))} would share the page "
                                      f"of '{wrapper.slug}': give them different ids in content/ids.yaml")


def _wrappers(article, kind):
    if kind == "author":
        return getattr(article, "authors", [])
    if kind == "section":
        return [article.category]
    return getattr(article, "tags", [])


def register() -> None:
    signals.initialized.connect(load_ids)
    signals.content_object_init.connect(set_slugs)
    signals.article_generator_finalized.connect(check_collisions)
