"""qhgy.images: typeset covers, responsive variants, caching, CJK fonts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageChops, ImageDraw, ImageOps, ImageStat

from qhgy import images
from qhgy.errors import QhgyError
from qhgy.images import FontError, ImageError, Variant, generate_cover, responsive_variants

COVER = dict(journal="青海工运", label="2017年第9-10期", date_text="2017年10月10日出版",
             credit="封面摄影：《浇筑》 刘家赢 摄")


def image_size(path) -> tuple[int, int]:
    """(width, height) as a browser displays the file: an EXIF quarter-turn swaps them."""
    with Image.open(path) as im:
        return ImageOps.exif_transpose(im).size


def make_source(path: Path, size=(2000, 1000), mode="RGB", **save_options) -> Path:
    """A small photo-like source: a gradient with shapes, so scaling has something to keep."""
    w, h = size
    image = Image.linear_gradient("L").resize(size).convert(mode if mode != "P" else "RGB")
    draw = ImageDraw.Draw(image)
    draw.rectangle((w // 10, h // 10, w // 2, h // 2), fill="red" if mode != "L" else 80)
    draw.ellipse((w // 2, h // 3, w - 10, h - 10), fill="blue" if mode != "L" else 200)
    if mode == "P":
        image = image.convert("P")
    image.save(path, **save_options)
    return path


def no_saving(monkeypatch):
    """Make any Image.save fail: a cached call must not write a single file."""
    def refuse(*args, **kwargs):
        raise AssertionError("Image.save called although the inputs did not change")
    monkeypatch.setattr(Image.Image, "save", refuse)


# --- fonts -------------------------------------------------------------------------------------

def test_fonts_are_the_simplified_chinese_serif_faces():
    fonts = images.find_cjk_fonts()
    assert fonts.title.path.name == "NotoSerifCJK-Bold.ttc"
    assert fonts.title.load(20).getname() == ("Noto Serif CJK SC", "Bold")
    assert fonts.text.load(20).getname() == ("Noto Serif CJK SC", "Regular")


def test_missing_font_is_a_clear_error_and_no_cover_is_drawn(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "FONT_DIR", tmp_path / "no-fonts")
    with pytest.raises(FontError) as caught:
        images.find_cjk_fonts()
    assert isinstance(caught.value, QhgyError)
    message = str(caught.value)
    assert "NotoSerifCJK-Bold.ttc" in message
    assert "apt-get install fonts-noto-cjk" in message and "scripts/setup.sh" in message

    dest = tmp_path / "cover.jpg"
    with pytest.raises(FontError):
        generate_cover(dest, **COVER)
    assert not dest.exists()


def test_font_file_without_the_sc_serif_face_is_refused(tmp_path):
    # The sans collection under the serif's name: a font, but not the face the covers need.
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "NotoSerifCJK-Bold.ttc").symlink_to(images.FONT_DIR / "NotoSansCJK-Bold.ttc")
    with pytest.raises(FontError, match="no 'Noto Serif CJK SC' face"):
        images.find_cjk_fonts(fonts)


# --- covers ------------------------------------------------------------------------------------

def test_cover_has_the_size_and_format_and_is_not_blank(tmp_path):
    dest = generate_cover(tmp_path / "cover.jpg", **COVER)
    with Image.open(dest) as im:
        assert im.format == "JPEG" and im.size == (1200, 1600) and im.mode == "RGB"
        stat = ImageStat.Stat(im.convert("L"))
        colours = im.convert("RGB").quantize(16).getcolors()
    assert stat.stddev[0] > 30  # paper, a dark band and text: far from one flat colour
    assert len(colours) >= 4


def test_cover_draws_the_chinese_text_not_boxes(tmp_path):
    # PNG so that pixels compare exactly. Missing glyphs (tofu) look alike whatever the
    # character, so two different titles giving different pixels proves real glyphs.
    def cover(name, **changes):
        return Image.open(generate_cover(tmp_path / name, **{**COVER, **changes})).convert("RGB")

    base = cover("a.png")
    band = (0, 0, 1200, 600)  # the title band of the portrait layout
    other_title = ImageChops.difference(base, cover("b.png", journal="工会之家")).getbbox()
    assert other_title is not None
    assert other_title[3] <= 672, "the title belongs in the band at the top"

    no_title = cover("c.png", journal="").crop(band)
    assert len(no_title.getcolors()) == 1  # the band alone is one flat colour...
    assert len(base.crop(band).getcolors(10_000)) > 2  # ...and the title draws on it

    other_label = ImageChops.difference(base, cover("d.png", label="2018年第1期")).getbbox()
    assert other_label is not None and other_label[1] >= 672  # below the band

    no_credit = ImageChops.difference(base, cover("e.png", credit="")).getbbox()
    assert no_credit is not None and no_credit[1] > 1400  # the credit sits at the foot


def test_open_graph_cover_is_landscape_with_the_title_on_the_left(tmp_path):
    dest = generate_cover(tmp_path / "og.png", **COVER, size=images.OG_SIZE)
    with Image.open(dest) as im:
        assert im.format == "PNG" and im.size == (1200, 630)
        image = im.convert("RGB")
    white = image.crop((0, 0, 576, 630)).getcolors(100_000)
    assert any(colour == (255, 255, 255) for _, colour in white)  # the title, white on the band
    ink = ImageChops.difference(image.crop((576, 0, 1200, 630)),
                                Image.new("RGB", (624, 630), images.PAPER)).getbbox()
    assert ink is not None  # label, date and credit on the right


def test_cover_suffix_must_be_an_image_format(tmp_path):
    with pytest.raises(images.ImageError, match="cover.gif: a cover is saved as .jpg"):
        generate_cover(tmp_path / "cover.gif", **COVER)


def test_cover_is_not_redrawn_when_nothing_changed(tmp_path, monkeypatch):
    dest = generate_cover(tmp_path / "cover.jpg", **COVER)
    before = dest.stat().st_mtime_ns
    with monkeypatch.context() as patch:
        no_saving(patch)
        assert generate_cover(dest, **COVER) == dest
    assert dest.stat().st_mtime_ns == before


@pytest.mark.parametrize("change", [dict(label="2017年第11期"), dict(credit=""),
                                   dict(size=(1200, 1500)), "version", "deleted"])
def test_cover_is_redrawn_when_an_input_changed(tmp_path, monkeypatch, change):
    dest = generate_cover(tmp_path / "cover.png", **COVER)
    os.utime(dest, ns=(0, 0))  # an old mtime, so a rewrite shows even on a coarse clock
    args = dict(COVER)
    if change == "version":
        monkeypatch.setattr(images, "VERSION", images.VERSION + 1)
    elif change == "deleted":
        dest.unlink()
    else:
        args.update(change)
    generate_cover(dest, **args)
    assert dest.stat().st_mtime_ns != 0
    if isinstance(change, dict) and "size" in change:
        assert image_size(dest) == (1200, 1500)


# --- responsive variants -----------------------------------------------------------------------

def test_variants_sizes_formats_names_and_aspect_ratio(tmp_path):
    src = make_source(tmp_path / "cover.png", size=(2000, 1000))
    variants = responsive_variants(src, tmp_path / "out")
    assert [(v.format, v.width, v.height) for v in variants] == [
        ("webp", 480, 240), ("webp", 960, 480), ("webp", 1600, 800),
        ("jpeg", 480, 240), ("jpeg", 960, 480), ("jpeg", 1600, 800)]
    assert variants[1] == Variant(tmp_path / "out" / "cover-960.webp", 960, 480, "webp", "image/webp")
    assert variants[4].path.name == "cover-960.jpg" and variants[4].mime == "image/jpeg"
    for v in variants:
        with Image.open(v.path) as im:
            assert im.size == (v.width, v.height)
            assert im.format == {"webp": "WEBP", "jpeg": "JPEG"}[v.format]
    with pytest.raises(Exception):  # frozen
        variants[0].width = 1


def test_variants_keep_an_odd_aspect_ratio(tmp_path):
    src = make_source(tmp_path / "odd.png", size=(1234, 777))
    for v in responsive_variants(src, tmp_path / "out", formats=("jpeg",)):
        assert v.height == round(777 * v.width / 1234)
        assert image_size(v.path) == (v.width, v.height)


def test_variants_never_upscale_and_give_the_source_width_once(tmp_path):
    src = make_source(tmp_path / "small.png", size=(700, 350))
    variants = responsive_variants(src, tmp_path / "out")
    assert [(v.format, v.width) for v in variants] == [
        ("webp", 480), ("webp", 700), ("jpeg", 480), ("jpeg", 700)]
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        "small-480.jpg", "small-480.webp", "small-700.jpg", "small-700.webp"]

    tiny = make_source(tmp_path / "tiny.png", size=(300, 200))
    assert [(v.width, v.height) for v in responsive_variants(tiny, tmp_path / "out", formats=("jpeg",))] \
        == [(300, 200)]


def test_variants_of_transparent_and_palette_sources(tmp_path):
    src = tmp_path / "logo.png"
    image = Image.new("RGBA", (600, 300), (0, 0, 0, 0))  # fully transparent black
    ImageDraw.Draw(image).rectangle((100, 100, 200, 200), fill=(0, 128, 0, 255))
    image.save(src)
    jpeg, webp = responsive_variants(src, tmp_path / "out", widths=(600,), formats=("jpeg", "webp"))
    with Image.open(jpeg.path) as im:
        assert im.mode == "RGB"
        assert all(c > 240 for c in im.getpixel((10, 10)))  # transparency on white, not black
    with Image.open(webp.path) as im:
        assert im.mode == "RGBA" and im.getpixel((10, 10))[3] == 0

    palette = make_source(tmp_path / "pal.gif", size=(500, 250), mode="P")
    [v] = responsive_variants(palette, tmp_path / "out", widths=(480,), formats=("jpeg",))
    with Image.open(v.path) as im:
        assert im.mode == "RGB" and im.size == (480, 240)


def test_variants_apply_exif_orientation_and_drop_metadata(tmp_path):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # stored sideways: display turned a quarter
    exif[ExifTags.Base.Artist] = "刘家赢"
    # A JPEG comment is what Pillow would copy into a JPEG by itself if the module let it.
    src = make_source(tmp_path / "photo.jpg", size=(800, 400), exif=exif, comment="刘家赢".encode(),
                      xmp=b"<x:xmpmeta>GPS 36.6N 101.8E</x:xmpmeta>")
    assert image_size(src) == (400, 800)
    variants = responsive_variants(src, tmp_path / "out", widths=(200, 960))
    assert {(v.width, v.height) for v in variants} == {(200, 400), (400, 800)}
    for v in variants:
        with Image.open(v.path) as im:
            assert im.size == (v.width, v.height)
            assert dict(im.getexif()) == {}
            assert not {"exif", "xmp", "comment"} & set(im.info)


def test_unreadable_source_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a picture", encoding="utf-8")
    with pytest.raises(ImageError, match="notes.jpg"):
        responsive_variants(bad, tmp_path / "out")
    with pytest.raises(ImageError, match="does not exist"):
        responsive_variants(tmp_path / "missing.jpg", tmp_path / "out")


def test_variants_are_not_rewritten_when_nothing_changed(tmp_path, monkeypatch):
    src = make_source(tmp_path / "cover.png")
    first = responsive_variants(src, tmp_path / "out")
    mtimes = {v.path: v.path.stat().st_mtime_ns for v in first}
    with monkeypatch.context() as patch:
        no_saving(patch)
        again = responsive_variants(src, tmp_path / "out")
    assert again == first
    assert {v.path: v.path.stat().st_mtime_ns for v in again} == mtimes


def test_variants_are_remade_when_the_source_or_a_parameter_changed(tmp_path):
    src = make_source(tmp_path / "cover.png", size=(2000, 1000))
    out = tmp_path / "out"
    first = responsive_variants(src, out)
    for v in first:
        os.utime(v.path, ns=(0, 0))

    make_source(src, size=(1000, 1000))  # new bytes under the same name
    square = responsive_variants(src, out)
    assert all(v.width == v.height and v.path.stat().st_mtime_ns != 0 for v in square)
    assert not (out / "cover-1600.webp").exists()  # a width no longer made is removed

    narrower = responsive_variants(src, out, widths=(480,), formats=("jpeg",))
    assert [v.path.name for v in narrower] == ["cover-480.jpg"]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["cover-480.jpg"]

    (out / "cover-480.jpg").unlink()  # an output deleted by hand is made again
    assert responsive_variants(src, out, widths=(480,), formats=("jpeg",))[0].path.is_file()


def test_variants_keep_the_colour_profile_of_an_rgb_source(tmp_path):
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    src = make_source(tmp_path / "photo.jpg", size=(1000, 500), icc_profile=icc)
    for v in responsive_variants(src, tmp_path / "out", widths=(480, 1000)):
        with Image.open(v.path) as im:
            assert im.info.get("icc_profile") == icc


# --- the site's covers at archive scale ----------------------------------------------------------

def cover_jobs(cache: Path, count: int) -> list[images.CoverJob]:
    return [images.CoverJob(f"qhgy-2017-{n}", cache / "covers" / f"qhgy-2017-{n}",
                            tuple({**COVER, "label": f"2017年第{n}期"}.items()), None) for n in range(count)]


def cover_bytes(cache: Path) -> dict[str, bytes]:
    return {p.relative_to(cache).as_posix(): p.read_bytes() for p in sorted(cache.rglob("*")) if p.is_file()}


def test_covers_made_on_several_processes_are_the_bytes_made_in_one(tmp_path):
    count = images.COVERS_POOL_FROM
    serial = images.make_covers(cover_jobs(tmp_path / "serial", count), workers=1)
    pooled = images.make_covers(cover_jobs(tmp_path / "pool", count), workers=2)
    assert [[v.path.name for v in variants] + [og.name] for variants, og in pooled.values()] == \
           [[v.path.name for v in variants] + [og.name] for variants, og in serial.values()]
    assert cover_bytes(tmp_path / "pool") == cover_bytes(tmp_path / "serial")
    assert len(cover_bytes(tmp_path / "pool")) == count * (6 + 1 + 2)  # 6 sizes, a card, their two keys


def test_an_unchanged_cover_is_not_made_again(tmp_path, monkeypatch):
    jobs = cover_jobs(tmp_path, 2)
    first = images.make_covers(jobs, workers=1)
    times = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    with monkeypatch.context() as patch:
        no_saving(patch)
        assert images.make_covers(jobs, workers=2) == first  # nothing to make: no process started either
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()} == times
    changed = images.make_covers([jobs[0], images.CoverJob(jobs[1].slug, jobs[1].work, (*jobs[1].texts[:-1],
                                                                                        ("credit", "封面：新")), None)], 1)
    assert changed[jobs[0]] == first[jobs[0]]
    assert all(v.path.stat().st_mtime_ns != times[v.path] for v in list(changed.values())[1][0])


def test_a_typeset_cover_is_drawn_at_each_width_and_its_webp_is_lossless(tmp_path):
    variants = images.typeset_variants(tmp_path, "c", COVER, widths=(320, 1200))
    assert [(v.format, v.width, v.height) for v in variants] == [("webp", 320, 427), ("webp", 1200, 1600),
                                                                  ("jpeg", 320, 427), ("jpeg", 1200, 1600)]
    drawn = images._draw_cover((320, 427), *COVER.values(), images.find_cjk_fonts())
    with Image.open(variants[0].path) as webp:
        assert ImageChops.difference(webp.convert("RGB"), drawn).getbbox() is None  # exactly what was drawn


def test_a_large_jpeg_photo_is_decoded_at_a_reduced_scale_with_the_same_sizes(tmp_path):
    src = make_source(tmp_path / "big.jpg", size=(4000, 2000), quality=90)
    variants = responsive_variants(src, tmp_path / "out", widths=(480, 960, 1600), formats=("jpeg",))
    assert [(v.width, v.height) for v in variants] == [(480, 240), (960, 480), (1600, 800)]
    assert all(image_size(v.path) == (v.width, v.height) for v in variants)
    turned = make_source(tmp_path / "turned.jpg", size=(4000, 2000), quality=90,
                         exif=_orientation(6))  # stored landscape, shown upright
    assert [(v.width, v.height) for v in responsive_variants(turned, tmp_path / "out2", widths=(480, 1600),
                                                              formats=("jpeg",))] == [(480, 960), (1600, 3200)]


def _orientation(value: int) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = value
    return exif.tobytes()
