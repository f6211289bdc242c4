"""Plugin qhgy_ids, in an in-process build of the tiny site: authors, sections and tags are
written at the ids content/ids.yaml gives them (not at Pelican's own slugs of the names); a
name without an id, or two names on one id, stops the build with a message saying which."""

import pytest
import yaml

from qhgy.check import ContentProblems, check_content
from qhgy.errors import ContentError
from qhgy.site import JOURNAL_SETTING

from plugin_build import TINY_CONTENT, build, copy_content, plugins

IDS = yaml.safe_load((TINY_CONTENT / "ids.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(tmp_path_factory.mktemp("ids"), plugins())


@pytest.fixture(scope="module")
def without_ids(tmp_path_factory):
    return build(tmp_path_factory.mktemp("no-ids"), plugins(without=("qhgy_ids",)))


def pages_of(result, kind: str) -> set[str]:
    return {f.split("/")[1] for f in result.files() if f.startswith(f"{kind}/") and f.count("/") == 2}


@pytest.mark.parametrize("kind", ["authors", "sections", "tags"])
def test_every_name_has_its_page_at_its_id(site, kind):
    assert site.problems() == []
    assert pages_of(site, kind) == set(IDS[kind].values())
    for name, ident in IDS[kind].items():
        assert name in site.soup(f"{kind}/{ident}/index.html").h1.get_text(), (kind, name)


def test_the_ids_are_the_registrys_not_pelicans_own_slugs(site, without_ids):
    # Pelican would slug 李芳 as li-fang and 综艺之旅 as zong-yi-zhi-lu; ids.yaml says otherwise
    assert without_ids.problems() == []
    assert "li-fang" in pages_of(without_ids, "authors") and "zong-yi-zhi-lu" in pages_of(without_ids, "sections")
    assert "li-fang-xining" in pages_of(site, "authors") and "zong-yi-zhi-lv" in pages_of(site, "sections")
    assert "li-fang" not in pages_of(site, "authors")
    # and the templates link names by their ids (the model's): without the plugin those links break
    byline = without_ids.soup("2030/3-4/03/index.html").select_one(".byline a")["href"]
    assert byline == "/authors/li-fang-xining/" and not (without_ids.output / byline[1:]).exists()


def test_article_pages_link_names_to_their_ids(site):
    page = site.soup("2030/3-4/01/index.html")
    assert [a["href"] for a in page.select(".byline a")] == ["/authors/zhao-ming/", "/authors/qian-hong/"]
    assert [a["href"] for a in page.select(".tags a")] == ["/tags/chan-ye-gong-ren/"]
    assert page.select_one(".breadcrumbs a[href^='/sections/']")["href"] == "/sections/gong-zuo-zhi-dao/"
    assert site.soup("2030/3-4/03/index.html").select_one(".byline a")["href"] == "/authors/li-fang-xining/"


@pytest.mark.parametrize("kind, name, article", [
    ("authors", "李芳", "03.md"), ("sections", "综艺之旅", "03.md"), ("tags", "劳模精神", "02.md")])
def test_a_name_without_an_id_fails_the_build_with_the_message(tmp_path, kind, name, article):
    content = copy_content(tmp_path / "content")
    ids = content / "ids.yaml"
    ids.write_text(ids.read_text(encoding="utf-8").replace(f"  {name}: {IDS[kind][name]}\n", ""), encoding="utf-8")
    result = build(tmp_path, plugins(), content=content, raise_errors=False)
    # stopped before Pelican reads a file (where it would report only "could not process" the file),
    # naming the file and the key
    key = {"authors": "authors", "sections": "category", "tags": "tags"}[kind]
    line = next(n for n, text in enumerate((content / "articles/2030/3-4" / article).read_text(
        encoding="utf-8").splitlines(), 1) if text.startswith(f"{key}:"))
    assert isinstance(result.error, ContentError)
    assert str(result.error) == (f"{content / 'articles/2030/3-4' / article}:{line}: the {kind[:-1]} '{name}' has "
                                 f"no URL id in {ids} — run `invoke build`, which assigns ids to new names, or add it "
                                 "by hand")
    assert result.problems() == []
    assert not (result.output / "index.html").exists()


def test_two_names_on_one_id_in_the_registry_stop_the_build(tmp_path):
    content = copy_content(tmp_path / "content")
    ids = content / "ids.yaml"
    ids.write_text(ids.read_text(encoding="utf-8").replace("李芳: li-fang-xining", "李芳: zhao-ming"),
                   encoding="utf-8")
    result = build(tmp_path, plugins(), content=content, raise_errors=False)
    assert isinstance(result.error, ContentProblems)
    assert str(result.error).startswith(f"{ids}: authors: '李芳' and '赵明' share the id 'zhao-ming'"), result.error
    assert not result.output.exists()


def test_two_names_on_one_page_stop_the_build_whoever_handed_in_the_ids(tmp_path):
    """A journal handed to the build (as qhgy.site does) whose ids were not checked: Pelican would
    merge 李芳's articles into 赵明's page; the plugin refuses before anything is written."""
    content = copy_content(tmp_path / "content")
    journal = check_content(content).journal_or_raise()
    journal.ids["authors"]["李芳"] = "zhao-ming"
    result = build(tmp_path, plugins(), content=content, raise_errors=False, **{JOURNAL_SETTING: journal})
    assert str(result.error).startswith(
        f"{content / 'ids.yaml'}: the authors 李芳 and 赵明 would share the page of 'zhao-ming' — give them different ids"), \
        result.error_text()
    assert result.files() == set()
