"""qhgy_lang: the languages of a run.

Compare language codes case-insensitively, as BCP 47 does: Pelican lowercases DEFAULT_LANG
('zh-CN' → 'zh-cn') but not an article's `lang`, so an article in the default language written
`lang: zh-CN` would count as a translation. Content keeps the canonical spelling (zh-CN).

A run builds the whole archive in its language (qhgy.site_language): a piece with no version in
that language gets a page of its own there all the same, at the URL its translation would have,
saying in the site's language what it is and where to read it (template `untranslated`). So the
English site lists and links every article, and a language switch never leads to a 404."""

from pelican import signals

from qhgy.site import JOURNAL_SETTING
from qhgy.site_language import site_language

UNTRANSLATED_TEMPLATE = "untranslated"


def mark_default_language(content) -> None:
    """In the run's language: a piece written in it, or, for a piece with no version in it, its
    original (so Pelican lists the original and takes the other versions for its translations)."""
    settings = content.settings
    default = settings.get("DEFAULT_LANG", "")
    lang = getattr(content, "lang", "")
    if not isinstance(lang, str):
        return
    if lang.lower() == default.lower():
        content.in_default_lang = True
        return
    journal = settings.get(JOURNAL_SETTING)
    model = journal.item_at(content.source_path) if journal is not None else None
    if model is not None and model.original is None and site_language(settings).foreign(model):
        content.in_default_lang = True


def pages_in_other_languages(generator) -> None:
    """After Pelican has grouped translations: a piece listed with no version in this run's language
    is shown by the untranslated page, at this site's URL for it."""
    settings = generator.settings
    here = site_language(settings)
    listed = getattr(generator, "articles", None)
    if listed is None:
        listed = generator.pages
    for content in listed:
        # another language's version is that run's page, unwritten here (LANG_SAVE_AS ""): Pelican
        # would put it in this site's feeds, linking nowhere
        content.translations = []
        model = getattr(content, "model", None)
        if model is None or here.same(model.lang):
            continue
        url = here.url(model)
        content.override_url = url
        content.override_save_as = f"{url}index.html"
        content.template = UNTRANSLATED_TEMPLATE
        content.title = here.title(model)  # as the feeds name it (the templates read the model)


def register() -> None:
    signals.content_object_init.connect(mark_default_language)
    signals.article_generator_finalized.connect(pages_in_other_languages)
    signals.page_generator_finalized.connect(pages_in_other_languages)
