"""Plugin qhgy_images, in an in-process build of the tiny site: the issue's cover (typeset, or
its photo resized) in three widths of WebP and JPEG plus an Open Graph card, and an article's
photo turned into a <picture> with WebP and JPEG srcsets; every size a page names is a file of
the build, as wide as its srcset says."""

import pytest
from PIL import Image

from qhgy.images import ImageError

from plugin_build import ISSUE_URL, build, copy_content, plugins

COVERS = "images/covers/qhgy-2030-3-4/"
PHOTO_COLOUR = (30, 120, 200)
COVER_COLOUR = (150, 60, 40)


def add_photo(content):
    """A 2000 × 1200 photo beside article 03, shown in its body."""
    folder = content / "articles/2030/3-4/images"
    folder.mkdir()
    Image.new("RGB", (2000, 1200), PHOTO_COLOUR).save(folder / "03-lamp.jpg", quality=90)
    article = content / "articles/2030/3-4/03.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n![值班室的灯](images/03-lamp.jpg)\n", encoding="utf-8")
    return content


def set_cover(content, name: str, colour=None):
    issue = content / "issues/2030/3-4/issue.yaml"
    if colour:
        Image.new("RGB", (1300, 1800), colour).save(issue.parent / name, quality=90)
    issue.write_text(issue.read_text(encoding="utf-8") + f"cover_image: {name}\n", encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("images")
    return build(work, plugins("qhgy_images"), content=add_photo(copy_content(work / "content")))


@pytest.fixture(scope="module")
def with_cover_photo(tmp_path_factory):
    work = tmp_path_factory.mktemp("cover-photo")
    return build(work, plugins("qhgy_images"),
                 content=set_cover(copy_content(work / "content"), "cover.jpg", COVER_COLOUR))


def srcset(value: str) -> list[tuple[str, int]]:
    """(site path, width) of each candidate of a srcset."""
    out = []
    for candidate in value.split(","):
        url, width = candidate.split()
        out.append((url.removeprefix("/"), int(width.removesuffix("w"))))
    return out


def check_srcset(result, value: str, suffix: str) -> list[tuple[str, int]]:
    """Every candidate is a file of the build in that format, exactly as wide as it says."""
    candidates = srcset(value)
    for path, width in candidates:
        assert path.endswith(suffix), path
        with Image.open(result.output / path) as image:
            assert image.size[0] == width, (path, image.size)
    return candidates


def test_the_build_logs_no_warning(site, with_cover_photo):
    assert site.problems() == [] and with_cover_photo.problems() == []


def test_the_typeset_cover_in_three_widths_of_two_formats_and_a_card(site):
    assert {f for f in site.files() if f.startswith(COVERS)} == {
        f"{COVERS}qhgy-2030-3-4-{w}.{fmt}" for w in (320, 640, 1200) for fmt in ("webp", "jpg")} | {
        f"{COVERS}qhgy-2030-3-4-og.jpg"}
    with Image.open(site.output / COVERS / "qhgy-2030-3-4-1200.jpg") as cover:
        assert cover.size == (1200, 1600)
    with Image.open(site.output / COVERS / "qhgy-2030-3-4-og.jpg") as card:
        assert card.size == (1200, 630)


def test_the_home_page_shows_the_cover_from_those_files(site):
    picture = site.soup("index.html").select_one("picture.cover")
    webp = check_srcset(site, picture.source["srcset"], ".webp")
    jpeg = check_srcset(site, picture.img["srcset"], ".jpg")
    assert [w for _, w in webp] == [w for _, w in jpeg] == [320, 640, 1200]
    img = picture.img
    assert (site.output / img["src"].removeprefix("/")).is_file()
    assert (img["width"], img["height"]) == ("1200", "1600")  # the space it keeps while loading
    og = site.soup("index.html").select_one('meta[property="og:image"]')["content"]
    assert og == f"/{COVERS}qhgy-2030-3-4-og.jpg"


def test_an_article_photo_becomes_a_picture_of_files_of_the_build(site):
    body = site.soup(f"{ISSUE_URL}03/index.html").select_one(".article-body")
    [picture] = body.select("picture")
    assert picture.source["type"] == "image/webp"
    webp = check_srcset(site, picture.source["srcset"], ".webp")
    jpeg = check_srcset(site, picture.img["srcset"], ".jpg")
    assert [w for _, w in webp] == [w for _, w in jpeg] == [480, 960, 1600]
    assert all(path.startswith("images/photos/qhgy-2030-3-4-03/") for path, _ in webp + jpeg)
    img = picture.img
    assert img["alt"] == "值班室的灯" and (img["width"], img["height"]) == ("1600", "960")  # 2000 × 1200 scaled
    assert img["loading"] == "lazy"
    with Image.open(site.output / img["src"].removeprefix("/")) as photo:
        assert photo.convert("RGB").getpixel((10, 10)) == pytest.approx(PHOTO_COLOUR, abs=4)
    assert not (site.output / ISSUE_URL / "03/images").exists()  # the original is not published beside the page


def test_an_issue_with_a_cover_photo_shows_that_photo_resized(with_cover_photo):
    site = with_cover_photo
    picture = site.soup("index.html").select_one("picture.cover")
    check_srcset(site, picture.source["srcset"], ".webp")
    jpeg = check_srcset(site, picture.img["srcset"], ".jpg")
    assert [w for _, w in jpeg] == [320, 640, 1200]
    assert all(path.startswith(COVERS) for path, _ in jpeg)
    height = round(1800 * 1200 / 1300)  # the photo's proportions, not the typeset cover's 3:4
    with Image.open(site.output / jpeg[-1][0]) as cover:
        assert cover.size == (1200, height)
        assert cover.convert("RGB").getpixel((600, 600)) == pytest.approx(COVER_COLOUR, abs=4)
    assert (picture.img["width"], picture.img["height"]) == ("1200", str(height))
    with Image.open(site.output / COVERS / "qhgy-2030-3-4-og.jpg") as card:
        assert card.size == (1200, 630)


def test_a_cover_image_that_is_not_there_stops_the_build_naming_the_issue_file(tmp_path):
    content = set_cover(copy_content(tmp_path / "content"), "missing.jpg")
    result = build(tmp_path, plugins("qhgy_images"), content=content, raise_errors=False)
    assert isinstance(result.error, ImageError), result.error_text()
    issue = content / "issues/2030/3-4/issue.yaml"
    assert str(result.error).startswith(f"{issue}: cover_image 'missing.jpg' is not in {issue.parent}")
    assert result.files() == set()  # the context was being built: nothing written yet


def test_without_the_plugin_the_photo_stays_a_plain_img_and_no_image_is_written(tmp_path):
    result = build(tmp_path, plugins(), content=add_photo(copy_content(tmp_path / "content")))
    assert result.problems() == []
    body = result.soup(f"{ISSUE_URL}03/index.html").select_one(".article-body")
    assert body.select("picture") == [] and body.img["src"] == "images/03-lamp.jpg"
    assert not [f for f in result.files() if f.startswith("images/")]


def test_a_rebuild_with_nothing_changed_makes_no_image_and_rewrites_no_file(tmp_path, monkeypatch):
    content = set_cover(add_photo(copy_content(tmp_path / "content")), "cover.jpg", COVER_COLOUR)
    first = build(tmp_path, plugins("qhgy_images"), content=content)
    images = sorted((first.output / "images").rglob("*.*"))
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in images}
    assert len(before) == 6 + 1 + 6  # the cover's sizes and card, the photo's sizes

    def refuse(*args, **kwargs):
        raise AssertionError("an image was made although nothing changed")
    monkeypatch.setattr(Image.Image, "save", refuse)
    again = build(tmp_path, plugins("qhgy_images"), content=content)
    assert again.problems() == []
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in images} == before
    assert sorted((again.output / "images").rglob("*.*")) == images
