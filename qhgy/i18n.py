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


def N_(message: str) -> str:
    """Mark a message for the catalog where it is defined (a table, a constant) without translating
    it there; translate it where it is shown, with _(variable)."""
    return message



# Where the messages are: the package, the project's Pelican plugins and the tasks (Python files
# only; the theme's templates have their own catalog, theme/translations, extracted with babel.cfg).
ROOT = LOCALE_DIR.parent.parent
SOURCES = ("qhgy", "plugins", "tasks.py")
MAPPING = LOCALE_DIR / "babel-python.cfg"
POT = LOCALE_DIR / f"{DOMAIN}.pot"
LOCALES = (DEFAULT,)
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}
COMMENT_TAG = "TRANSLATORS:"


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(root: Path = ROOT):
    """pybabel extract: every `_()` and `ngettext()` message of the SOURCES under root, as a catalog
    template, with the comments written for translators (`# TRANSLATORS: …`)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir, extract_from_file
    from babel.messages.frontend import parse_mapping_cfg

    with MAPPING.open(encoding="utf-8") as fp:
        method_map, options_map = parse_mapping_cfg(fp)
    template = Catalog(project=DOMAIN, domain=DOMAIN, fuzzy=False)
    options = {"keywords": KEYWORDS, "comment_tags": (COMMENT_TAG,), "strip_comment_tags": True}
    for source in SOURCES:
        path = Path(root) / source
        if path.is_file():
            found = [(path.name, *message) for message in extract_from_file("python", path, **options)]
        else:
            found = [(f"{source}/{filename}", *rest)
                     for filename, *rest in extract_from_dir(path, method_map, options_map, **options)]
        for filename, lineno, message, comments, context in found:
            template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def _write(path: Path, catalog, **options) -> None:
    """A catalog written sorted and without source locations, so that moving code changes nothing."""
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, no_location=True, sort_output=True, **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != buffer.getvalue():
        path.write_bytes(buffer.getvalue())


def update_catalogs(root: Path = ROOT) -> list[str]:
    """pybabel extract + update (init the first time), through Babel's API: the template
    qhgy/locale/qhgy.pot, and each catalog given every new message with an empty translation
    (tests/test_messages.py names them until they are translated), no fuzzy guesses, and the
    messages no longer in the code dropped. Returns the messages still untranslated."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    template = extract(root)
    _write(POT, template, omit_header=True)
    missing: list[str] = []
    for locale in LOCALES:
        po = po_path(locale)
        if po.exists():
            with po.open("rb") as fp:
                catalog = read_po(fp, locale=locale)
        else:
            catalog = Catalog(locale=locale, domain=DOMAIN, project="《青海工运》 qhgy", fuzzy=False,
                              header_comment="# The editors' tools in Chinese: translations of the messages "
                                             "of qhgy/ and plugins/.\n# Update with `invoke translations` "
                                             "(qhgy.i18n.update_catalogs); translate every empty msgstr.")
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        _write(po, catalog, ignore_obsolete=True)
        missing += untranslated(catalog)
    translations.cache_clear()
    return missing


def untranslated(catalog) -> list[str]:
    """The messages of a catalog with no usable translation: empty, partly empty, or fuzzy."""
    out = []
    for message in catalog:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy or not all(strings):
            out.append(message.id[0] if isinstance(message.id, (list, tuple)) else message.id)
    return out
