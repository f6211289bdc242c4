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


def test_the_editors_manual_has_the_key_tables_in_chinese_and_current():
    from qhgy.docs import MANUAL, update_manual

    manual = (ROOT / MANUAL).read_text(encoding="utf-8")
    assert update_manual(manual) == manual, "the manual's key tables are stale: run `invoke docs`"
    table = manual.split("<!-- keys:article -->")[1].split("<!-- /keys -->")[0]
    assert "| 键 | 写法 | 必填 | 含义 |" in table and "| `category` |" in table
    # every row is translated: no English type or meaning left in the Chinese table
    assert "a line of text" not in table and "the section" not in table and "a language code" not in table
