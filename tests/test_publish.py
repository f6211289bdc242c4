"""Publishing (qhgy.publish) and the checks of the built site (qhgy.postcheck), on the bundled
content with real builds: a publish killed at any point leaves the published site whole; a built
site that fails its checks is not published; rollback returns to the release before."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT

ARTICLE = "articles/2017/9-10/07.md"
ADDED = "\n（本文有删节。）\n"


def snapshot(published: Path) -> dict[str, str]:
    """Every file of the published tree (through the link) with the hash of its bytes."""
    root = published.resolve()
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_publish(content: Path, published: Path, crash: str | None = None, call: str = "publish({c!r}, {p!r})",
                settings: str = "publishconf.py"):
    """publish() in a subprocess, as `invoke publish` runs it; crash: the point where it is killed."""
    env = {**os.environ, "QHGY_LANG": "en"}
    env.pop("QHGY_PUBLISH_CRASH_AT", None)
    if crash:
        env["QHGY_PUBLISH_CRASH_AT"] = crash
    code = ("import sys\nfrom qhgy.errors import QhgyError\nfrom qhgy.publish import publish, rollback\n"
            "try:\n    " + call.format(c=str(content), p=str(published), s=settings) + "\n"
            "except QhgyError as err:\n    print(err)\n    sys.exit(3)\n")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=900)


def leftovers(published: Path) -> list[str]:
    names = [p.name for p in published.parent.iterdir() if ".staging-" in p.name or ".link-" in p.name]
    releases = published.parent / f"{published.name}.releases"
    if releases.is_dir():
        names += [p.name for p in releases.iterdir() if p.name.startswith(".")]
    return sorted(names)


@pytest.fixture(scope="module")
def contents(tmp_path_factory) -> tuple[Path, Path]:
    """Two versions of the bundled content (v2: one article's body changed), side by side so that
    they share one build cache (.cache beside them)."""
    work = tmp_path_factory.mktemp("contents")
    v1, v2 = work / "content-v1", work / "content-v2"
    shutil.copytree(CONTENT, v1)
    shutil.copytree(CONTENT, v2)
    with (v2 / ARTICLE).open("a", encoding="utf-8") as f:
        f.write(ADDED)
    return v1, v2


def test_a_publish_killed_at_any_point_leaves_the_published_site_whole(contents, tmp_path):
    v1, v2 = contents
    published = tmp_path / "site"
    first = run_publish(v1, published)
    assert first.returncode == 0, first.stdout + first.stderr
    assert published.is_symlink()
    before = snapshot(published)
    assert "2017/9-10/07/index.html" in before and "2017/9-10/qhgy-2017-9-10.pdf" in before
    assert "pagefind/bundles.json" in before

    switched = None
    seen: list[str] = []
    for point in ("during-build", "built", "checked", "released", "switched", "link-made"):
        link, whole = os.readlink(published), snapshot(published)
        killed = run_publish(v2, published, crash=point)
        assert killed.returncode == -9, (point, killed.stdout + killed.stderr)  # it was killed there
        assert not set(seen) & set(leftovers(published)), point  # what the run before left is gone
        seen = leftovers(published)
        if point == "switched":  # killed just after the switch: the new release, whole
            assert os.readlink(published) != link
            switched = snapshot(published)
            continue
        assert os.readlink(published) == link, point
        assert snapshot(published) == whole, point
        if point == "during-build":  # killed with the build half written
            staging = [p for p in tmp_path.iterdir() if ".staging-" in p.name]
            assert staging and any(staging[0].rglob("*.html")), "the kill came before the build wrote"
            assert not (staging[0] / "pagefind" / "bundles.json").exists()
        if point == "released":  # the new tree complete in the releases, not yet published
            assert len(list((tmp_path / "site.releases").iterdir())) == 2
        if point == "link-made":
            assert any(".link-" in name for name in seen)

    done = run_publish(v2, published)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "left by an interrupted publish" in done.stdout
    assert leftovers(published) == []
    after = snapshot(published)
    assert after == switched  # the release switched to before the kill was already whole
    pages = sorted(path for path in after if not path.startswith("pagefind/"))  # Pagefind names files by content
    assert pages == sorted(path for path in before if not path.startswith("pagefind/"))
    changed = sorted(path for path in pages if after[path] != before[path])
    assert "2017/9-10/07/index.html" in changed and "2017/9-10/07/qhgy-2017-9-10-07.pdf" in changed
    assert ADDED.strip().encode() in (published / "2017/9-10/07/index.html").read_bytes()


def test_rollback_returns_to_the_release_before(contents, tmp_path):
    v1, v2 = contents
    published = tmp_path / "site"
    nothing = run_publish(v1, published, call="rollback({p!r})")
    assert nothing.returncode == 3 and "nothing is published" in nothing.stdout
    assert run_publish(v1, published).returncode == 0
    old = snapshot(published)
    assert run_publish(v2, published).returncode == 0
    new = snapshot(published)
    assert new != old

    back = run_publish(v1, published, call="rollback({p!r})")
    assert back.returncode == 0, back.stdout + back.stderr
    assert snapshot(published) == old
    again = run_publish(v1, published, call="rollback({p!r})")
    assert again.returncode == 3 and "no release before" in again.stdout
    assert snapshot(published) == old

    third = run_publish(v2, published)  # a publish after a rollback is the newest release
    assert third.returncode == 0
    assert snapshot(published) == new


def test_old_releases_beyond_those_kept_are_removed(contents, tmp_path):
    v1, _v2 = contents
    published = tmp_path / "site"
    for _ in range(3):
        result = run_publish(v1, published, call="publish({c!r}, {p!r}, keep=1)")
        assert result.returncode == 0, result.stdout + result.stderr
    releases = sorted(p.name for p in (tmp_path / "site.releases").iterdir())
    assert len(releases) == 2 and os.readlink(published).endswith(releases[-1])
    assert "removed the old release" in result.stdout


def test_a_site_that_fails_its_checks_is_not_published(contents, tmp_path):
    """A theme edit with a broken link: every page has it; nothing is published, nothing left."""
    v1, _v2 = contents
    published = tmp_path / "site"
    assert run_publish(v1, published).returncode == 0
    before = snapshot(published)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    footer = theme / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace(
        "<footer class=\"site-footer\">", "<footer class=\"site-footer\"><a href=\"{{ SITEURL }}/nowhere/\">x</a>"),
        encoding="utf-8")
    settings = tmp_path / "broken_theme.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *  # noqa\n"
                        f"THEME = {str(theme)!r}\n", encoding="utf-8")

    failed = run_publish(v1, published, call="publish({c!r}, {p!r}, settings={s!r})", settings=str(settings))
    assert failed.returncode == 3, failed.stdout + failed.stderr
    assert "nothing was published" in failed.stdout
    assert "the link https://qhgy.example.org/nowhere/ leads to no file of the site" in failed.stdout
    assert "index.html:" in failed.stdout and "more" in failed.stdout  # the first problems, then a count
    assert snapshot(published) == before
    assert leftovers(published) == []


def test_publish_refuses_to_replace_a_plain_folder(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("an editor's file", encoding="utf-8")
    result = run_publish(CONTENT, folder)
    assert result.returncode == 3 and "is a folder" in result.stdout
    assert (folder / "index.html").read_text(encoding="utf-8") == "an editor's file"


def test_the_release_is_readable_by_the_web_server(contents, tmp_path):
    published = tmp_path / "site"
    assert run_publish(contents[0], published).returncode == 0
    mask = os.umask(0)
    os.umask(mask)
    assert published.resolve().stat().st_mode & 0o777 == 0o777 & ~mask


# ---- the checks of a built site (qhgy.postcheck), on the site built with the production settings


@pytest.fixture(scope="module")
def journal():
    from qhgy.check import check_content

    return check_content(CONTENT).journal_or_raise()


def _break_link(site):
    page = site / "about" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", '<a href="../2017/9-10/99/">x</a></main>'),
                    encoding="utf-8")


def _unlink_article(site):
    page = site / "2017" / "9-10" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "/2017/9-10/07/" in text
    page.write_text(text.replace("/2017/9-10/07/", "/2017/9-10/"), encoding="utf-8")


DAMAGES = {
    "broken link": (_break_link, "about/index.html:", "the link ../2017/9-10/99/ leads to no file of the site"),
    "article not linked from its issue": (_unlink_article, "2017/9-10/index.html",
                                          "does not link to its article 2017/9-10/07/"),
    "article page missing": (lambda s: (s / "2017/9-10/07/index.html").unlink(), "2017/9-10/07/",
                             "the page of 07.md is missing"),
    "article PDF missing": (lambda s: (s / "2017/9-10/07/qhgy-2017-9-10-07.pdf").unlink(),
                            "2017/9-10/07/qhgy-2017-9-10-07.pdf", "the PDF is missing"),
    "issue PDF not a PDF": (lambda s: (s / "2017/9-10/qhgy-2017-9-10.pdf").write_bytes(b"<html>"),
                            "2017/9-10/qhgy-2017-9-10.pdf", "the file is not a PDF"),
    "search fragment missing": (lambda s: next((s / "pagefind/2017/fragment").iterdir()).unlink(),
                                "pagefind/2017/", "files of the search bundle are missing"),
    "search index missing": (lambda s: shutil.rmtree(s / "pagefind"), "pagefind/bundles.json",
                             "the search index is missing"),
    "search pages left out": (lambda s: _relist(s / "pagefind/bundles.json", lambda b: b["held"] and b),
                              "pagefind/bundles.json", "the search index holds 0 pages, the site 3"),
    "search listing unlike its bundles": (lambda s: _relist(s / "en/pagefind/bundles.json",
                                                            lambda b: {**b, "articles": b["articles"] + 1}),
                                          "en/pagefind/bundles.json", "the search index holds"),
}


def _relist(path, change) -> None:
    """bundles.json rewritten with each entry changed (or dropped, where change gives nothing)."""
    listing = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps([b for b in map(change, listing) if b]), encoding="utf-8")


def test_the_built_site_passes_its_checks(published_site, journal):
    from qhgy.postcheck import check_site

    assert check_site(published_site, journal, "https://qhgy.example.org") == []


@pytest.mark.parametrize("damage", DAMAGES)
def test_the_checks_name_each_kind_of_damage(published_site, journal, tmp_path, damage):
    from qhgy.postcheck import check_site

    site = tmp_path / "site"
    shutil.copytree(published_site, site)
    harm, where, problem = DAMAGES[damage]
    harm(site)
    problems = check_site(site, journal, "https://qhgy.example.org")
    assert any(where in p and problem in p for p in problems), problems


def test_a_page_over_the_budget_is_named(published_site, journal):
    from qhgy.postcheck import PAGE_BUDGET, check_site

    largest = max((p.stat().st_size, p) for p in published_site.rglob("*.html"))
    assert largest[0] < PAGE_BUDGET / 4  # the budget leaves room for issues far larger than the bundled one
    problems = check_site(published_site, journal, "https://qhgy.example.org", budget=largest[0] - 1)
    assert problems == [f"{largest[1].relative_to(published_site).as_posix()}: the page is {largest[0] // 1000} KB, "
                        f"over the budget of {(largest[0] - 1) // 1000} KB"]


@pytest.mark.parametrize("url, expected", [
    ("../08/", "2017/9-10/08/"),
    ("qhgy-2017-9-10-07.pdf", "2017/9-10/07/qhgy-2017-9-10-07.pdf"),
    ("/theme/css/site.css", "theme/css/site.css"),
    ("https://qhgy.example.org/archive/#2017", "archive/"),
    ("//qhgy.example.org/", "."),
    ("https://www.acftu.org/", None),
    ("http://qhgy.example.org/", None),  # another origin: http is not the site's https
    ("mailto:qhgy@example.org", None),
    ("#main", None),
    ("/2017/9-10/%E4%B8%8D/", "2017/9-10/不/"),
])
def test_urls_resolve_from_a_page_as_a_browser_resolves_them(url, expected):
    from qhgy.postcheck import SiteTree

    tree = SiteTree(Path("/nonexistent"), "https://qhgy.example.org")
    assert tree.target("2017/9-10/07/index.html", url) == expected


def test_a_later_build_never_changes_a_kept_release(tmp_path):
    """The build links cached photos and PDFs into the site (no copy): a photo replaced under the
    same name must not change the releases already published, or a rollback would not restore it."""
    from PIL import Image

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    photo = content / "articles/2017/9-10/images/07-meeting.jpg"
    photo.parent.mkdir()
    Image.new("RGB", (1200, 800), (150, 40, 40)).save(photo)
    article = content / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\n![会议现场](images/07-meeting.jpg)\n", encoding="utf-8")
    published = tmp_path / "site"
    assert run_publish(content, published).returncode == 0
    first = snapshot(published)
    photos = sorted(path for path in first if "07-meeting" in path)
    assert photos

    Image.new("RGB", (1200, 800), (40, 40, 150)).save(photo)  # the same name, other pixels
    assert run_publish(content, published).returncode == 0
    assert all(snapshot(published)[path] != first[path] for path in photos)
    assert run_publish(content, published, call="rollback({p!r})").returncode == 0
    assert snapshot(published) == first
