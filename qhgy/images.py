"""Images of the website: typeset covers, responsive variants of photos, the CJK fonts.

Every generated file is cached: it is remade only when what it is made from changes.
The cache key (a SHA-256 of the inputs, the parameters and VERSION) is stored in a small
hidden sidecar beside the outputs, `.<name>.key`, rather than in the file names: the
public URLs stay predictable (cover.jpg, cover-960.webp) for templates and Open Graph
tags, no stale hash-named files pile up, and the sidecar is written last, so a run that
was interrupted half-way leaves no key and is simply redone.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from bs4 import BeautifulSoup
from PIL import ExifTags, Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from qhgy.errors import QhgyError
from qhgy.fonts import FONT_DIR, FONT_FIX
from qhgy.i18n import _
from qhgy.journal import JOURNAL_TITLE, LANGUAGE
from qhgy.languages import long_date

# Bump whenever a change here changes the pixels or bytes of an output: every cached file is remade.
# 2: WebP at libwebp's default effort (method 4: two thirds of method 6's time, files 1–3 % larger);
#    typeset covers drawn at each width (not drawn once, saved as JPEG and scaled), lossless WebP.
VERSION = 2

# Debian's fonts-noto-cjk (qhgy.fonts). Only these: a default font would draw boxes (tofu) for Chinese.
TITLE_FONT = ("NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC")
TEXT_FONT = ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC")

COVER_SIZE = (1200, 1600)
OG_SIZE = (1200, 630)  # Open Graph / social cards: generate_cover lays this out landscape

# Calm print colours: warm paper, a muted Chinese red band, near-black ink.
# White on BAND is about 9:1 contrast, INK on PAPER about 13:1, MUTED on PAPER about 6:1.
PAPER = (245, 240, 230)
BAND = (128, 32, 28)
INK = (40, 36, 32)
MUTED = (96, 88, 80)

# format name → (file suffix, MIME type, Pillow format, save options)
FORMATS = {
    "jpeg": (".jpg", "image/jpeg", "JPEG", {"quality": 85, "optimize": True, "progressive": True}),
    "webp": (".webp", "image/webp", "WEBP", {"quality": 80, "method": 4}),
    "png": (".png", "image/png", "PNG", {"optimize": True}),
}
# A typeset cover is flat colour and type: lossless WebP keeps it exactly, in about the bytes of
# lossy WebP, at little effort (method 1: a quarter of the time of lossy method 4 at 1200 × 1600).
FLAT_WEBP = {"lossless": True, "quality": 20, "method": 1}
_SUFFIX_FORMAT = {".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp", ".png": "png"}


def _whole(error: QhgyError):
    # an error raised in a worker process (make_covers) comes back to the build whole
    return type(error), (error.path, error.problem, error.fix, error.line)


class FontError(QhgyError):
    """A CJK font the images need is not installed."""
    __reduce__ = _whole


class ImageError(QhgyError):
    """A source image is missing or not an image Pillow can read."""
    __reduce__ = _whole


class FontFile(NamedTuple):
    path: Path
    index: int  # the face inside a .ttc collection

    def load(self, size: int) -> ImageFont.FreeTypeFont:
        return _load_font(self.path, self.index, size)


@lru_cache(maxsize=64)
def _load_font(path: Path, index: int, size: int) -> ImageFont.FreeTypeFont:
    # a cover needs a few sizes of two faces, the same for every issue: read each once
    return ImageFont.truetype(str(path), size, index=index)


class CjkFonts(NamedTuple):
    title: FontFile  # Noto Serif CJK SC Bold
    text: FontFile  # Noto Serif CJK SC Regular


@dataclass(frozen=True)
class Variant:
    path: Path
    width: int
    height: int
    format: str  # a key of FORMATS: "webp", "jpeg", "png"
    mime: str


def find_cjk_fonts(font_dir: Path | None = None) -> CjkFonts:
    """The Simplified Chinese faces of Noto Serif CJK; FontError naming the file when one is missing."""
    font_dir = Path(font_dir) if font_dir is not None else FONT_DIR
    return CjkFonts(*(FontFile(font_dir / name, _face_index(font_dir / name, family))
                      for name, family in (TITLE_FONT, TEXT_FONT)))


@lru_cache(maxsize=None)
def _face_index(path: Path, family: str) -> int:
    # A .ttc holds JP, KR, SC, TC and HK faces; their order is the packager's choice (Debian:
    # SC is index 2), so find the face by its name rather than trusting a fixed index.
    if not path.is_file():
        raise FontError(path, _("the font {name} ({family}) is not installed").format(name=path.name, family=family),
                        _(FONT_FIX))
    index = 0
    while True:
        try:
            name = ImageFont.truetype(str(path), 12, index=index).getname()[0]
        except OSError:  # past the last face (or not a font at all)
            raise FontError(path, _("the font file has no '{family}' face").format(family=family), _(FONT_FIX)) from None
        if name == family:
            return index
        index += 1


def generate_cover(dest: Path, *, journal: str, label: str, date_text: str, credit: str = "",
                   size: tuple[int, int] = COVER_SIZE) -> Path:
    """A typeset cover for an issue without a cover photo; portrait or (size=OG_SIZE) landscape.

    The format follows dest's suffix (.jpg/.jpeg, .png, .webp). Returns dest.
    """
    return _cover_file(dest, dict(journal=journal, label=label, date_text=date_text, credit=credit), size, make=True)


def _cover_file(dest: Path, texts: dict, size: tuple[int, int], make: bool) -> Path | None:
    """generate_cover; with make=False, None instead of drawing what is not cached."""
    dest = Path(dest)
    fmt = _SUFFIX_FORMAT.get(dest.suffix.lower())
    if fmt is None:
        raise ImageError(dest, "a cover is saved as .jpg, .png or .webp", "give the file one of these suffixes")
    fonts = find_cjk_fonts()  # before the cache check: a missing font is reported even when cached
    size = (int(size[0]), int(size[1]))
    key = _key(kind="cover", **texts, size=size, format=fmt, fonts=[[str(f.path), f.index] for f in fonts])
    sidecar = dest.with_name(f".{dest.name}.key")
    if (_read_sidecar(sidecar) or {}).get("key") == key and dest.is_file():
        return dest
    if not make:
        return None
    image = _draw_cover(size, texts["journal"], texts["label"], texts["date_text"], texts["credit"], fonts)
    dest.parent.mkdir(parents=True, exist_ok=True)
    _save(image, dest, fmt)
    _write_sidecar(sidecar, {"key": key})
    return dest


def typeset_variants(dest_dir: Path, stem: str, texts: dict, widths=(320, 640, 1200),
                     formats=("webp", "jpeg"), make: bool = True) -> list[Variant] | None:
    """A typeset cover (COVER_SIZE's proportions) in each width and format, named like
    responsive_variants' and cached the same way. Each width is drawn, not scaled: the type is
    set at the size it is shown, and no full-size JPEG is saved, decoded and scaled first.
    With make=False, None instead of drawing what is not cached."""
    dest_dir = Path(dest_dir)
    fonts = find_cjk_fonts()
    widths = sorted({int(w) for w in widths})
    key = _key(kind="typeset", **texts, widths=widths, formats=list(formats), proportions=list(COVER_SIZE),
               fonts=[[str(f.path), f.index] for f in fonts])
    sidecar = dest_dir / f".{stem}.variants.key"
    previous = _read_sidecar(sidecar) or {}
    if cached := _cached_variants(previous, key, dest_dir):
        return cached
    if not make:
        return None
    dest_dir.mkdir(parents=True, exist_ok=True)
    drawn = {w: _draw_cover((w, round(w * COVER_SIZE[1] / COVER_SIZE[0])), texts["journal"], texts["label"],
                            texts["date_text"], texts["credit"], fonts) for w in widths}
    variants = []
    for fmt in formats:
        suffix, mime = FORMATS[fmt][:2]
        for width, image in drawn.items():
            path = dest_dir / f"{stem}-{width}{suffix}"
            _save(image, path, fmt, FLAT_WEBP if fmt == "webp" else None)
            variants.append(Variant(path, width, image.height, fmt, mime))
    _forget_unmade(previous, variants, dest_dir)
    _write_sidecar(sidecar, {"key": key, "variants": [[v.path.name, v.width, v.height, v.format] for v in variants]})
    return variants


def _draw_cover(size: tuple[int, int], journal: str, label: str, date_text: str, credit: str,
                fonts: CjkFonts) -> Image.Image:
    w, h = size
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    # Portrait: the band across the top; landscape: down the left. The rest holds the text.
    if h >= w:
        band = (0, 0, w, round(h * 0.42))
        area = (0, band[3], w, h)
    else:
        band = (0, 0, round(w * 0.48), h)
        area = (band[2], 0, w, h)
    draw.rectangle(band, fill=BAND)
    unit = min(w, h)  # type scales with the short side, so both layouts stay balanced

    band_w, band_h = band[2] - band[0], band[3] - band[1]
    if journal:
        title_size = min(band_w * 0.8 / len(journal), band_h * 0.45)
        font = _fit(fonts.title, journal, title_size, band_w * 0.8)
        draw.text(((band[0] + band[2]) / 2, (band[1] + band[3]) / 2), journal, fill="white",
                  font=font, anchor="mm")

    area_w, area_h = area[2] - area[0], area[3] - area[1]
    cx = (area[0] + area[2]) / 2

    def at(fraction: float) -> float:
        return area[1] + area_h * fraction

    for text, scale, y, colour in ((label, 0.085, 0.28, INK), (date_text, 0.045, 0.55, INK),
                                   (credit, 0.032, 0.88, MUTED)):
        if text:
            font = _fit(fonts.text, text, unit * scale, area_w * 0.86)
            draw.text((cx, at(y)), text, fill=colour, font=font, anchor="mm")
    rule = area_w * 0.12
    draw.line([(cx - rule, at(0.42)), (cx + rule, at(0.42))], fill=BAND, width=max(2, unit // 300))
    return image


def _fit(font: FontFile, text: str, size: float, max_width: float) -> ImageFont.FreeTypeFont:
    """The font at `size`, made smaller when the text would be wider than max_width (a long credit)."""
    loaded = font.load(max(1, int(size)))
    width = loaded.getlength(text)
    if width > max_width:
        loaded = font.load(max(1, int(size * max_width / width)))
    return loaded


def responsive_variants(src: Path, dest_dir: Path, widths=(480, 960, 1600),
                        formats=("webp", "jpeg")) -> list[Variant]:
    """Scaled copies of src for srcset, named <stem>-<width><suffix>, grouped by format then width.

    Never upscales: a width above the source's becomes the source width, produced once.
    EXIF orientation is applied and all metadata but the colour profile dropped.
    """
    return _variants(src, dest_dir, widths, formats, make=True)


def _variants(src: Path, dest_dir: Path, widths, formats, make: bool) -> list[Variant] | None:
    """responsive_variants; with make=False, None instead of making what is not cached."""
    src, dest_dir = Path(src), Path(dest_dir)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats or not widths or min(widths) < 1:
        raise ImageError(src, f"cannot make widths {widths!r} in formats {formats!r}",
                         f"widths must be positive and formats among {sorted(FORMATS)}")
    sidecar = dest_dir / f".{src.stem}.variants.key"
    previous = _read_sidecar(sidecar) or {}
    # The source is known by its bytes; their digest is kept with the file's identity (inode,
    # size, times) and read again only when that changed: a photo is not hashed on every build.
    stat = _identity(src)
    data = None
    digest = previous.get("source") if stat is not None and previous.get("stat") == stat else None
    if digest is None:
        try:
            data = src.read_bytes()
        except OSError as err:
            raise _image_error(src, err) from None
        digest = hashlib.sha256(data).hexdigest()
    key = _key(kind="variants", source=digest, widths=sorted(set(widths)), formats=list(formats))
    if cached := _cached_variants(previous, key, dest_dir):
        if previous.get("stat") != stat:  # the same bytes under a new identity (a copy): note it
            _write_sidecar(sidecar, {**previous, "stat": stat})
        return cached
    if not make:
        return None

    if data is None:
        try:
            data = src.read_bytes()
        except OSError as err:
            raise _image_error(src, err) from None
    image = _open_upright(src, data, max(widths))
    src_w, src_h = image.info.pop("qhgy_size", image.size)
    # The caller's widths capped at the source's: never upscale, and never the same width twice.
    targets = sorted({min(int(w), src_w) for w in widths})
    variants = []
    dest_dir.mkdir(parents=True, exist_ok=True)
    for fmt in formats:
        suffix, mime = FORMATS[fmt][:2]
        flat = _for_format(image, fmt)
        for width in targets:
            height = max(1, round(src_h * width / src_w))
            scaled = flat if (width, height) == flat.size else flat.resize((width, height), Image.Resampling.LANCZOS,
                                                                           reducing_gap=3.0)
            path = dest_dir / f"{src.stem}-{width}{suffix}"
            _save(scaled, path, fmt)
            variants.append(Variant(path, width, height, fmt, mime))
    _forget_unmade(previous, variants, dest_dir)
    _write_sidecar(sidecar, {"key": key, "source": digest, "stat": stat,
                             "variants": [[v.path.name, v.width, v.height, v.format] for v in variants]})
    return variants


def _identity(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _cached_variants(previous: dict, key: str, dest_dir: Path) -> list[Variant] | None:
    if previous.get("key") != key:
        return None
    cached = [Variant(dest_dir / name, w, h, fmt, FORMATS[fmt][1]) for name, w, h, fmt in previous.get("variants", [])]
    return cached if cached and all(v.path.is_file() for v in cached) else None


def _forget_unmade(previous: dict, variants: list[Variant], dest_dir: Path) -> None:
    """Variants of an earlier run that this one no longer makes (a width or format dropped)."""
    made = {v.path.name for v in variants}
    for name, *_rest in previous.get("variants", []):
        if name not in made and "/" not in name:
            (dest_dir / name).unlink(missing_ok=True)


def _open_upright(path: Path, data: bytes, largest: int | None = None) -> Image.Image:
    """The source decoded, turned upright, as RGB or RGBA, carrying no metadata but its colour profile.

    With `largest`, the widest variant wanted: a JPEG is decoded at the smallest of its
    1/2, 1/4, 1/8 scales still at least that wide (libjpeg's DCT scaling: a 4000-pixel photo
    for 1600-pixel variants decodes a quarter of the pixels); info["qhgy_size"] is then the
    source's own upright size, which the variants' widths and proportions keep."""
    try:
        image = Image.open(io.BytesIO(data))
        full = image.size
        turned = image.getexif().get(ExifTags.Base.Orientation, 1) in (5, 6, 7, 8)
        upright_size = (full[1], full[0]) if turned else full
        if largest is not None and image.format == "JPEG" and largest < upright_size[0]:
            height = -(-upright_size[1] * largest // upright_size[0])
            image.draft(None, (height, largest) if turned else (largest, height))
        image.load()
    except (UnidentifiedImageError, OSError) as err:
        raise _image_error(path, err) from None
    # Browsers honour EXIF orientation but the variants carry no EXIF: turn the pixels instead.
    upright = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    out = upright.convert("RGBA" if has_alpha else "RGB")  # also CMYK, greyscale, palette sources
    # Drop EXIF (GPS, camera, orientation), XMP and comments. Keep an RGB source's ICC profile:
    # it is colour data, not metadata (without it a wide-gamut photo looks washed out); a CMYK
    # or grey profile no longer fits the converted pixels, so it goes too.
    icc = image.info.get("icc_profile") if image.mode in ("RGB", "RGBA") else None
    out.info = {"icc_profile": icc} if icc else {}
    out.info["qhgy_size"] = upright_size
    return out


def _for_format(image: Image.Image, fmt: str) -> Image.Image:
    """JPEG has no transparency: put a transparent source on white rather than on black."""
    if fmt != "jpeg" or image.mode != "RGBA":
        return image
    out = Image.new("RGB", image.size, (255, 255, 255))
    out.paste(image, mask=image.getchannel("A"))
    out.info = dict(image.info)
    return out


def _save(image: Image.Image, path: Path, fmt: str, options: dict | None = None) -> None:
    """Written under another name, then renamed over the old file: a cached file may be hard-linked
    into a published release (build_cache.link_or_copy), which a write in place would change."""
    pil_format = FORMATS[fmt][2]
    options = options or FORMATS[fmt][3]
    extra = {"icc_profile": image.info["icc_profile"]} if image.info.get("icc_profile") else {}
    partial = path.with_name(f".{path.name}.part")
    image.save(partial, pil_format, **options, **extra)
    os.replace(partial, path)


def _key(**parts) -> str:
    text = json.dumps({"version": VERSION, **parts}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_sidecar(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or damaged: treat as not cached
        return None
    return data if isinstance(data, dict) else None


def _write_sidecar(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")


def _image_error(path: Path, err: Exception) -> ImageError:
    if isinstance(err, FileNotFoundError):
        return ImageError(path, _("the image file does not exist"), _("check the file name"))
    if isinstance(err, UnidentifiedImageError):
        return ImageError(path, _("not an image that can be read"), _("save it as JPEG, PNG or WebP"))
    return ImageError(path, _("the image cannot be read: {error}").format(error=err),
                      _("save it again as JPEG, PNG or WebP"))


# ---------------------------------------------------------------------------- the site's images
# Covers and photos of the website: made into a cache folder (Pelican empties output/ on every
# build), published under output/images/: covers/<issue slug>/, photos/<article slug>/.

COVER_WIDTHS = (320, 640, 1200)
PHOTO_WIDTHS = (480, 960, 1600)
PHOTO_SIZES = "(min-width: 40em) 38em, 100vw"
SITE_IMAGES = "images"  # their folder in the output


def _srcsets(variants: list[Variant], url_prefix: str) -> dict:
    sets = {}
    for fmt in ("webp", "jpeg"):
        chosen = [v for v in variants if v.format == fmt]
        sets[fmt] = ", ".join(f"{url_prefix}{v.path.name} {v.width}w" for v in chosen)
    jpegs = [v for v in variants if v.format == "jpeg"]
    middle = jpegs[min(1, len(jpegs) - 1)]
    largest = jpegs[-1]
    return {"webp_srcset": sets["webp"], "jpeg_srcset": sets["jpeg"], "src": f"{url_prefix}{middle.path.name}",
            "width": largest.width, "height": largest.height}


@dataclass(frozen=True)
class CoverJob:
    """What an issue's cover is made from: plain data, so a worker process can make it."""
    slug: str
    work: Path  # its folder in the cache
    texts: tuple[tuple[str, str], ...]  # journal, label, date_text, credit
    photo: Path | None  # the editors' cover photo, or None: a typeset cover


def cover_job(issue, cache: Path) -> CoverJob:
    """The cover of an issue (qhgy.model.Issue); ImageError naming issue.yaml if its photo is missing."""
    credit = issue.cover_credit_text
    texts = dict(journal=JOURNAL_TITLE, label=issue.label, date_text=f"{long_date(issue.date, LANGUAGE)}出版",
                 credit=f"封面：{credit}" if credit else "")
    photo = None
    if issue.cover_image:
        photo = issue.cover_image_file
        if not photo.exists():
            raise ImageError(issue.path, _("cover_image '{name}' is not in {folder}").format(
                                 name=issue.cover_image, folder=issue.folder),
                             _("put the photo in the issue's folder, or correct cover_image"))
    return CoverJob(issue.slug, Path(cache) / "covers" / issue.slug, tuple(texts.items()), photo)


def cover_files(job: CoverJob, make: bool = True) -> tuple[list[Variant], Path] | None:
    """The cover's sizes and its Open Graph card, made if not cached; with make=False, None
    when something would have to be made."""
    texts = dict(job.texts)
    if job.photo is not None:
        variants = _variants(job.photo, job.work / "sizes", COVER_WIDTHS, ("webp", "jpeg"), make)
    else:
        variants = typeset_variants(job.work / "sizes", job.slug, texts, COVER_WIDTHS, make=make)
    og = _cover_file(job.work / f"{job.slug}-og.jpg", texts, OG_SIZE, make) if variants else None
    return (variants, og) if variants and og else None


def make_covers(jobs: list[CoverJob], workers: int) -> dict[CoverJob, tuple[list[Variant], Path]]:
    """Every cover's files: the cached ones looked up here, the others made on `workers`
    processes when there are enough of them to be worth starting processes for."""
    done = {job: files for job in jobs if (files := cover_files(job, make=False))}
    todo = [job for job in jobs if job not in done]
    if workers > 1 and len(todo) >= COVERS_POOL_FROM:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # "spawn": a fresh interpreter importing only this module, not a copy of the build
        with ProcessPoolExecutor(min(workers, len(todo)), mp_context=multiprocessing.get_context("spawn")) as pool:
            done.update(zip(todo, pool.map(cover_files, todo, chunksize=max(1, len(todo) // (4 * workers)))))
    else:
        done.update((job, cover_files(job)) for job in todo)
    return done


COVERS_POOL_FROM = 8  # the fewest covers to make worth starting worker processes for


def issue_cover(issue, siteurl: str, cache: Path, published: dict[Path, str],
                files: tuple[list[Variant], Path] | None = None) -> dict:
    """The cover of an issue (qhgy.model.Issue) for its pages: its photo resized, or a typeset one,
    and an Open Graph card; the files to publish are added to `published`. files: what
    make_covers made for it (made here if not given)."""
    variants, og = files or cover_files(cover_job(issue, cache))
    # The alt text is written by the templates (through gettext); they learn here which cover it is.
    folder = f"{SITE_IMAGES}/covers/{issue.slug}/"
    cover = _srcsets(variants, f"{siteurl}/{folder}")
    cover.update(typeset=not issue.cover_image, credit=issue.cover_credit_text, og_image=f"{siteurl}/{folder}{og.name}",
                 og_width=OG_SIZE[0], og_height=OG_SIZE[1])  # the card is always this size (WeChat wants ≥300×300)
    for path in [v.path for v in variants] + [og]:
        published[path] = f"{folder}{path.name}"
    return cover


def responsive_photos(html: str, base_dir: Path, slug: str, siteurl: str, cache: Path,
                      published: dict[Path, str], source_name: str = "") -> str:
    """An article's HTML with each <img> of a local file turned into a <picture> with WebP and
    JPEG srcsets and its size set; the files to publish are added to `published`."""
    if "<img" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    folder = f"{SITE_IMAGES}/photos/{slug}/"
    for img in soup.find_all("img"):
        src = img.get("src", "")
        if "://" in src or src.startswith(("/", "data:")):
            continue
        source = (base_dir / src).resolve()
        if not source.exists():
            raise ImageError(source_name or base_dir, _("the image '{src}' does not exist").format(src=src),
                             _("put the file beside the article, or correct the image's path"))
        variants = responsive_variants(source, cache / "photos" / slug, widths=PHOTO_WIDTHS)
        sets = _srcsets(variants, f"{siteurl}/{folder}")
        picture = soup.new_tag("picture")
        picture.append(soup.new_tag("source", type="image/webp", srcset=sets["webp_srcset"], sizes=PHOTO_SIZES))
        img["src"], img["srcset"] = sets["src"], sets["jpeg_srcset"]
        img["sizes"] = PHOTO_SIZES
        img["width"], img["height"] = str(sets["width"]), str(sets["height"])
        img["loading"], img["decoding"] = "lazy", "async"
        img.replace_with(picture)
        picture.append(img)
        for variant in variants:
            published[variant.path] = f"{folder}{variant.path.name}"
    return str(soup)


# The journal's WeChat official account (公众号): its QR code, as the WeChat platform gives it to
# download, shown in every page's footer and on the about page (setting WECHAT_ACCOUNT).
WECHAT_MIN_SIZE = 200  # pixels: smaller, a phone's camera struggles to read it off a screen


def wechat_qr(account: dict, content_dir: Path, siteurl: str, published: dict[Path, str]) -> dict:
    """The account's name and its QR code for the templates (src, width, height); the file, put in
    the output as it is (a QR code must not be resampled), is added to `published`."""
    source = Path(content_dir) / account["qr"]
    problem = None
    try:
        with Image.open(source) as image:
            width, height = image.size
            if image.format not in ("PNG", "JPEG"):
                problem = _("it is a {kind} file: give a PNG or JPEG").format(kind=image.format)
            elif min(width, height) < WECHAT_MIN_SIZE or abs(width - height) > width // 10:
                problem = _("it is {width}×{height} pixels: give the square code of at least {least} pixels "
                            "the WeChat platform offers to download").format(width=width, height=height,
                                                                            least=WECHAT_MIN_SIZE)
    except FileNotFoundError:
        raise ImageError(source, _("WECHAT_ACCOUNT's qr file is not there"),
                         _("put the account's QR code in the content folder, or correct 'qr' in WECHAT_ACCOUNT")) from None
    except (UnidentifiedImageError, OSError) as err:
        raise ImageError(source, _("WECHAT_ACCOUNT's qr file is not an image: {error}").format(error=err),
                         _("download the code again from the WeChat platform")) from None
    if problem:
        raise ImageError(source, _("WECHAT_ACCOUNT's qr file cannot be used: {problem}").format(problem=problem))
    rel = f"{SITE_IMAGES}/wechat/{source.name}"
    published[source] = rel
    return {"name": account["name"], "src": f"{siteurl}/{rel}", "width": width, "height": height}
