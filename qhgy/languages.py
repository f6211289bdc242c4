"""Language codes and the locale's ways of writing dates, derived from one spelling per language.

Content and HTML write zh-CN (qhgy.journal.LANGUAGE); Babel's catalogs and dates want zh_CN;
Pelican lowercases the site's language to zh-cn. Everyone converts here."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal


def babel_locale(lang: str) -> str:
    """Babel's spelling of a language code: zh-CN (or Pelican's zh-cn) → zh_CN."""
    language, _, region = lang.replace("_", "-").partition("-")
    return f"{language.lower()}_{region.upper()}" if region else language.lower()


# A language's own pattern for a date in full, where Babel's "long" is not the journal's: English
# writes the day first, as British and scholarly style do (10 October 2017, not October 10, 2017).
DATE_PATTERNS = {"en": "d MMMM y"}


def long_date(value: dt.date | dt.datetime, lang: str) -> str:
    """A date as the language writes it in full: 2017年10月10日 (zh-CN), 10 October 2017 (en)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    locale = babel_locale(lang)
    return format_date(value, DATE_PATTERNS.get(locale.split("_")[0], "long"), locale=locale)


def file_size(size: int, lang: str) -> str:
    """A download's size as a reader weighs it: 356 KB, 1.2 MB (decimal units, one decimal above
    1 MB), the number in the language's way; "" for an unknown size."""
    if size <= 0:
        return ""
    locale = babel_locale(lang)
    if size < 1_000_000:
        return f"{format_decimal(max(1, round(size / 1000)), locale=locale)} KB"
    return f"{format_decimal(round(size / 1_000_000, 1), format='#,##0.0', locale=locale)} MB"


# Open Graph wants language_TERRITORY: a language written without a region gets the one the
# journal writes it for (British English, as the English pages spell).
OG_REGIONS = {"en": "GB", "bo": "CN", "zh": "CN"}


def og_locale(lang: str) -> str:
    """Open Graph's og:locale of a language code: zh-CN → zh_CN, en → en_GB."""
    locale = babel_locale(lang)
    return locale if "_" in locale else f"{locale}_{OG_REGIONS.get(locale, locale.upper())}"


def autonym(lang: str) -> str:
    """A language's name in itself, as a language switch shows it: 中文, English, བོད་སྐད་."""
    from babel import Locale

    return Locale.parse(babel_locale(lang).split("_")[0]).get_language_name() or lang


def issue_label(year: int | str, number: str, lang: str) -> str:
    """An issue's label: 2017年第9-10期 (Chinese), No. 9–10, 2017 (English and, until they have their
    own, other languages); a combined issue's numbers joined by an en dash outside Chinese."""
    if lang.lower().startswith("zh"):
        return f"{year}年第{number}期"
    return f"No. {str(number).replace('-', '–')}, {year}"


def typst_language(lang: str) -> tuple[str, str | None]:
    """Typst's `lang` and `region` of a language code: zh-CN → ("zh", "cn")."""
    language, _, region = lang.replace("_", "-").partition("-")
    return language.lower(), region.lower() or None
