"""The README's generated tables (qhgy.docs) are current: every content key and every setting."""

from qhgy.docs import update_readme

from conftest import ROOT


def test_readme_tables_of_keys_and_settings_are_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "<!-- settings -->" in readme and "<!-- keys:article -->" in readme
    assert update_readme(readme) == readme, "the README's generated tables are stale: run `invoke docs`"


def test_a_stale_table_is_noticed():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stale = readme.replace("| `SEARCH_CHUNK_SIZE` |", "| `SEARCH_CHUNKS` |")
    assert stale != readme and update_readme(stale) == readme
