"""The settings the project's plugins read, each declared once: its plugin, default, meaning and
check. Plugins read them through `plugin_settings`, which fills defaults and refuses a wrong
value before anything is built; the README's table of settings is made from here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from qhgy.errors import QhgyError
from qhgy.i18n import _
from qhgy.legal import problems as legal_problems
from qhgy.search.bundles import DEFAULT_MAX_ARTICLES
from qhgy.search.index import DEFAULT_CHUNK_SIZE


class SettingsError(QhgyError):
    """A setting in pelicanconf.py or publishconf.py has a value the build cannot use."""


def _positive_int(value) -> str | None:
    return None if isinstance(value, int) and not isinstance(value, bool) and value > 0 else "a whole number above 0"


def _folder(value) -> str | None:
    return None if value is None or isinstance(value, str) else "a folder path, or None for the default"


def _endpoint(value) -> str | None:
    ok = value is None or isinstance(value, str) and re.fullmatch(r"https?://[^\s/]+(/\S*)?", value)
    return None if ok else "None, or an http(s) URL such as https://forms.example.org/qhgy"


def _page(value) -> str | None:
    from qhgy.pdf.documents import PageSettings

    known = set(PageSettings.__dataclass_fields__)
    if not isinstance(value, dict) or set(value) - known:
        return f"a dict with some of the keys {', '.join(sorted(known))}"
    return None


@dataclass(frozen=True)
class Setting:
    name: str
    plugin: str
    default: object
    meaning: str
    check: Callable[[object], str | None]


SETTINGS = (
    Setting("PDF_PAGE", "qhgy_pdf", {}, "the print page of the PDFs: a dict of `width` and `height` (mm), `font`, "
            "`size` (pt) and `leading` (em); keys left out keep the magazine's 16开 (185 × 260 mm, Noto Serif "
            "CJK SC, 10.5 pt, 0.8 em)", _page),
    Setting("QHGY_PDF_CACHE", "qhgy_pdf", None, "where rendered PDFs are kept between builds (default "
            "`.cache/pdf` beside the content folder; the environment variable of the same name works too)", _folder),
    Setting("QHGY_IMAGE_CACHE", "qhgy_images", None, "where covers and photo sizes are kept between builds "
            "(default `.cache/images`; also an environment variable)", _folder),
    Setting("WECHAT_ACCOUNT", "qhgy_images", None, "the journal's WeChat official account (公众号), shown with its "
            "QR code in every page's footer and on the about page: {'name': '青海工会', 'qr': 'wechat-qr.png'} (the "
            "code as the WeChat platform offers it, PNG or JPEG, in the content folder); None shows none",
            lambda v: None if v is None or (isinstance(v, dict) and set(v) == {"name", "qr"}
                                            and all(isinstance(x, str) and x.strip() for x in v.values()))
            else "None, or {'name': the account's name, 'qr': its QR code's file in the content folder}"),
    Setting("SEARCH_INDEX_URL", "qhgy_search", "pagefind/", "the folder of the search bundles; must be "
            "`pagefind/`, where the search page loads them (a language's run puts its prefix before it: `en/pagefind/`)",
            lambda v: None if isinstance(v, str) and re.fullmatch(r"(?:[a-z]{2,3}/)?pagefind/", v) else "'pagefind/'"),
    Setting("SEARCH_BUNDLE_ARTICLES", "qhgy_search", DEFAULT_MAX_ARTICLES, "a five-year period of more articles than "
            "this is indexed year by year: bounds the indexer's memory (~0.65 MiB an article)", _positive_int),
    Setting("SEARCH_CHUNK_SIZE", "qhgy_search", DEFAULT_CHUNK_SIZE, "Pagefind's index chunk size: smaller "
            "chunks, fewer bytes per query and more files", _positive_int),
    Setting("QHGY_SEARCH_CACHE", "qhgy_search", None, "where built search bundles are kept between builds "
            "(default `.cache/search`; also an environment variable)", _folder),
    Setting("QHGY_HTML_CACHE", "qhgy_writer", None, "where the incremental build keeps its record of each output "
            "folder and the Markdown bodies' HTML (default `.cache/html`; also an environment variable)", _folder),
    Setting("SUBMISSION_ENDPOINT", "qhgy_model", None, "where the submission form sends a manuscript (a multipart "
            "POST: README, Submissions); None opens the contributor's mail program with the form filled in instead",
            _endpoint),
    Setting("SUBMISSION_MAX_MB", "qhgy_model", 20, "the largest manuscript file the submission form accepts, in MB "
            "(stated on the page and checked in the browser)", _positive_int),
    Setting("LEGAL", "qhgy_model", None, "the marks the law asks for (qhgy/legal.py; README, Legal marks): "
            "{'mode': 'periodical', 'cn': 'CN 63-1001/D', 'issn': 'ISSN 1234-5679'} or {'mode': 'internal', "
            "'permit': 准印证号, 'compiler': 编印单位, 'audience': 发送对象, 'printer': 印刷单位}, each with 'icp' "
            "(ICP 备案号) and 'police' (公安备案号) where the site has them; None shows none", legal_problems),
    Setting("PUBLIC_SITEURL", "qhgy_qr", "https://qhgy.example.org", "the published site's address (QHGY_SITEURL), "
            "also in a preview build: an article's QR code, on its page and its PDF, leads there",
            lambda v: None if isinstance(v, str) and re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", v) and not v.endswith("/")
            else "an http(s) address without a final /, e.g. https://qhgy.example.org"),
    Setting("QHGY_QR_CACHE", "qhgy_qr", None, "where QR codes are kept between builds (default `.cache/qr`; also "
            "an environment variable)", _folder),
    Setting("I18N_TRANSLATIONS_DIR", "qhgy_i18n", None, "the folder of the interface's gettext catalogs "
            "(default the theme's `translations/`)", _folder),
)


def plugin_settings(settings, plugin: str) -> dict:
    """A plugin's settings, defaults filled in; SettingsError names a wrong one and what it must be."""
    values = {}
    for setting in SETTINGS:
        if setting.plugin != plugin:
            continue
        value = settings.get(setting.name, setting.default)
        if (wanted := setting.check(value)) is not None:
            raise SettingsError("pelicanconf.py", _("{name} is {value}").format(name=setting.name, value=repr(value)),
                                _("it must be {wanted}").format(wanted=wanted))
        values[setting.name] = value
    return values


def markdown_table() -> str:
    """The settings as the README lists them."""
    rows = ["| setting | plugin | default | meaning |", "| --- | --- | --- | --- |"]
    for s in SETTINGS:
        default = "—" if s.default is None or s.default == {} else f"`{s.default!r}`"
        rows.append(f"| `{s.name}` | {s.plugin} | {default} | {s.meaning} |")
    return "\n".join(rows)
