"""qhgy_i18n: install the theme's gettext catalog (theme/translations/LOCALE/LC_MESSAGES/messages.po)
into every template environment, so `{% trans %}` and `_()` speak the site's language.

The .po file is compiled in memory at each build: no compiled .mo is committed or can go stale."""

import functools
import io
import logging
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from pelican import signals

from qhgy.journal import LANGUAGE
from qhgy.languages import autonym, babel_locale, file_size, long_date, og_locale
from qhgy.settings import plugin_settings

log = logging.getLogger(__name__)


def locale_of(settings) -> str:
    """Babel's spelling of the site language: zh-CN → zh_CN."""
    return babel_locale(settings.get("DEFAULT_LANG", LANGUAGE))


def load_translations(translations_dir: Path, locale: str):
    po = translations_dir / locale / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        log.warning("qhgy_i18n: no catalog %s: the interface falls back to the message ids", po)
        return NullTranslations()
    with po.open("rb") as fp:
        catalog = read_po(fp, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer)


def install(generator) -> None:
    env = getattr(generator, "env", None)
    if env is None:
        return
    settings = generator.settings
    locale = locale_of(settings)
    translations_dir = Path(plugin_settings(settings, "qhgy_i18n")["I18N_TRANSLATIONS_DIR"]
                            or Path(settings["THEME"]) / "translations")
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(load_translations(translations_dir, locale), newstyle=True)
    # remembered: Babel parses the locale on every call, and an archive's pages share a few hundred dates
    env.filters["long_date"] = functools.lru_cache(maxsize=None)(lambda value: long_date(value, locale))
    env.filters["autonym"] = functools.lru_cache(maxsize=None)(autonym)  # a language switch: 中文, English
    env.filters["og_locale"] = og_locale  # zh-CN → zh_CN, en → en_GB
    env.filters["file_size"] = lambda size: file_size(size, locale)  # a PDF link's size: 356 KB


def register() -> None:
    signals.generator_init.connect(install)
