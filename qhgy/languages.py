"""Language codes and the locale's ways of writing dates, derived from one spelling per language.

Content and HTML write zh-CN (qhgy.journal.LANGUAGE); Babel's catalogs and dates want zh_CN;
Pelican lowercases the site's language to zh-cn. Everyone converts here."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date


def babel_locale(lang: str) -> str:
    """Babel's spelling of a language code: zh-CN (or Pelican's zh-cn) → zh_CN."""
    language, _, region = lang.replace("_", "-").partition("-")
    return f"{language.lower()}_{region.upper()}" if region else language.lower()


def long_date(value: dt.date | dt.datetime, lang: str) -> str:
    """A date as the language writes it in full: 2017年10月10日 (zh-CN), October 10, 2017 (en)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, "long", locale=babel_locale(lang))


def typst_language(lang: str) -> tuple[str, str | None]:
    """Typst's `lang` and `region` of a language code: zh-CN → ("zh", "cn")."""
    language, _, region = lang.replace("_", "-").partition("-")
    return language.lower(), region.lower() or None
