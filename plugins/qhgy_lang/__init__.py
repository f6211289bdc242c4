"""qhgy_lang: compare language codes case-insensitively, as BCP 47 does.

Pelican lowercases DEFAULT_LANG ('zh-CN' → 'zh-cn') but not an article's `lang`, so an
article in the default language written `lang: zh-CN` would count as a translation and be
saved under ARTICLE_LANG_SAVE_AS. Content keeps the canonical spelling (zh-CN)."""

from pelican import signals


def mark_default_language(content) -> None:
    default = content.settings.get("DEFAULT_LANG", "")
    lang = getattr(content, "lang", "")
    if isinstance(lang, str) and lang.lower() == default.lower():
        content.in_default_lang = True


def register() -> None:
    signals.content_object_init.connect(mark_default_language)
