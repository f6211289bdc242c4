"""The language of what the tools say to editors: Chinese by default, English on request.

Messages are written in English in the code, wrapped in `_()` (or `ngettext()` where a count
decides the form), and translated through a gettext catalog, as the theme's interface is:
`qhgy/locale/<locale>/LC_MESSAGES/qhgy.po`, compiled in memory with Babel when first needed, so
no compiled .mo is committed or can go stale.

The language: `QHGY_LANG` (`zh_CN`, `en`) if set, else the locale's (`LC_ALL`, `LC_MESSAGES`,
`LANG`) when it is English, else Chinese: the editors are Chinese, and a server's `C` or
`POSIX` locale says nothing about who reads.

`invoke translations` extracts the messages into `qhgy/locale/qhgy.pot` and merges them into each
catalog; a test fails when a message has no translation.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "qhgy"
DEFAULT = "zh_CN"


def language() -> str:
    """The locale the tools speak: zh_CN or en."""
    wanted = os.environ.get("QHGY_LANG", "")
    if not wanted:
        for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
            value = os.environ.get(name, "")
            if value:
                wanted = value if value.lower().startswith("en") else ""
                break
    wanted = wanted.split(".")[0].replace("-", "_")
    return "en" if wanted.lower().startswith("en") else DEFAULT


@functools.lru_cache(maxsize=None)
def translations(locale: str) -> _gettext.NullTranslations:
    po = LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if locale == "en" or not po.exists():
        return _gettext.NullTranslations()  # the messages are written in English
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fp:
        catalog = read_po(fp, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(fp=buffer)


def _(message: str) -> str:
    """The message in the editor's language."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(language()).ngettext(singular, plural, n)
