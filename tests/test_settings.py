"""The plugins' settings (qhgy.settings): declared once, defaults filled in, wrong values refused."""

import re

import pytest
from pelican.settings import DEFAULT_CONFIG

from qhgy.settings import SETTINGS, SettingsError, plugin_settings

from conftest import ROOT


def test_defaults_fill_in_what_the_settings_leave_out():
    assert plugin_settings({}, "qhgy_search") == {"SEARCH_INDEX_URL": "pagefind/", "SEARCH_BUNDLE_ARTICLES": 3000,
                                                  "SEARCH_CHUNK_SIZE": 6000, "QHGY_SEARCH_CACHE": None}
    assert plugin_settings({"PDF_PAGE": {"width": 210}}, "qhgy_pdf")["PDF_PAGE"] == {"width": 210}


@pytest.mark.parametrize("plugin, name, value, wanted", [
    ("qhgy_pdf", "PDF_PAGE", {"widht": 210}, "a dict with some of the keys"),
    ("qhgy_search", "SEARCH_BUNDLE_ARTICLES", "3000", "a whole number above 0"),
    ("qhgy_search", "SEARCH_CHUNK_SIZE", 0, "a whole number above 0"),
    ("qhgy_search", "SEARCH_INDEX_URL", "search/", "'pagefind/'"),
    ("qhgy_images", "QHGY_IMAGE_CACHE", 7, "a folder path"),
])
def test_a_wrong_value_names_the_setting_and_what_it_must_be(plugin, name, value, wanted):
    with pytest.raises(SettingsError) as caught:
        plugin_settings({name: value}, plugin)
    assert f"{name} is {value!r}" in str(caught.value) and wanted in str(caught.value)


def test_every_setting_a_plugin_reads_is_pelicans_or_declared():
    """A plugin reading a setting of its own that is not in qhgy/settings.py would be undocumented."""
    ours = {s.name for s in SETTINGS}
    conf = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    for plugin in (ROOT / "plugins").glob("*/__init__.py"):
        source = plugin.read_text(encoding="utf-8")
        for name in re.findall(r"settings(?:\.get\(|\[)\s*[\"']([A-Z][A-Z0-9_]+)[\"']", source):
            assert name in DEFAULT_CONFIG or name in ours or name == "QHGY_JOURNAL" \
                or re.search(rf"^{name} = ", conf, re.M), f"{plugin.parent.name} reads {name}, declared nowhere"
        for declared in re.findall(r"plugin_settings\([^,]+, \"(qhgy_\w+)\"\)", source):
            assert declared == plugin.parent.name


def test_each_reading_of_the_settings_has_markdown_settings_of_its_own():
    """Pelican's Markdown reader adds keys to the MARKDOWN dict it is given; a build reads the
    settings once per language, and the Markdown cache is keyed by that dict: the second run
    would miss every body (measured: 7 s of a 60-issue rebuild with nothing changed)."""
    from pelican.readers import MarkdownReader
    from pelican.settings import read_settings

    from qhgy.content import MARKDOWN

    first = read_settings(str(ROOT / "pelicanconf.py"))
    MarkdownReader(first)
    assert "extensions" in first["MARKDOWN"]  # what Pelican does to the dict
    second = read_settings(str(ROOT / "pelicanconf.py"))
    assert second["MARKDOWN"] == MARKDOWN and "extensions" not in second["MARKDOWN"]
