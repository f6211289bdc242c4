"""qhgy_sanitize: every article's and page's HTML is cleaned of what would run a script
(qhgy.sanitize, with nh3), as soon as Pelican has read it (`content_object_init`), so everything
that reads the body later — the photos step, the model, search, feeds, PDFs — reads the clean one.

`check` already refuses such HTML in the Markdown (qhgy.checks.bodies); this is the second lock,
for a build run with `pelican` directly or content that reaches the site some other way."""

from pelican import signals
from pelican.contents import Article, Page

from qhgy.sanitize import sanitize_html


def sanitize(content) -> None:
    if isinstance(content, (Article, Page)) and isinstance(getattr(content, "_content", None), str):
        content._content = sanitize_html(content._content)


def register() -> None:
    signals.content_object_init.connect(sanitize)
