"""qhgy_images: covers and photos in responsive sizes, made with Pillow and cached.

An issue with a cover photo (issue.yaml `cover_image`, a file in the issue's folder) gets
it resized; one without gets a typeset cover (title, number, date, cover credit). Either
way an Open Graph card (1200×630) is made too. Photos in articles (Markdown images of local
files) become <picture> elements with WebP and JPEG srcsets and their width and height set.

Images are made into a cache folder outside output/ (Pelican empties output/ on every
build), where unchanged sources are not processed again, and copied into output/images/."""

import logging
import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from pelican import signals
from pelican.generators import Generator

from qhgy.build_cache import cache_dir
from qhgy.images import OG_SIZE, generate_cover, responsive_variants
from qhgy.journal import JOURNAL_TITLE

log = logging.getLogger(__name__)

COVER_WIDTHS = (320, 640, 1200)
PHOTO_WIDTHS = (480, 960, 1600)
OUTPUT_DIR = "images"


def _cache(settings) -> Path:
    return cache_dir(settings, "images", "QHGY_IMAGE_CACHE")


def _srcsets(variants, url_prefix: str) -> dict:
    sets = {}
    for fmt in ("webp", "jpeg"):
        chosen = [v for v in variants if v.format == fmt]
        sets[fmt] = ", ".join(f"{url_prefix}{v.path.name} {v.width}w" for v in chosen)
    jpegs = [v for v in variants if v.format == "jpeg"]
    middle = jpegs[min(1, len(jpegs) - 1)]
    largest = jpegs[-1]
    return {"webp_srcset": sets["webp"], "jpeg_srcset": sets["jpeg"], "src": f"{url_prefix}{middle.path.name}",
            "width": largest.width, "height": largest.height}


def _issue_cover(issue, settings, cache: Path) -> dict:
    siteurl = settings.get("SITEURL", "")
    folder = Path(settings["PATH"]) / "issues" / issue.year / issue.number
    work = cache / "covers" / issue.slug
    work.mkdir(parents=True, exist_ok=True)
    credit = " ".join(x for x in (issue.meta.get("cover_caption"), issue.meta.get("cover_credit")) if x)
    texts = dict(journal=JOURNAL_TITLE, label=issue.label, date_text=f"{issue.date.year}年{issue.date.month}月"
                 f"{issue.date.day}日出版", credit=f"封面：{credit}" if credit else "")
    photo = issue.meta.get("cover_image")
    # The alt text is written by the templates (through gettext); they learn here which cover it is.
    if photo:
        source = folder / photo
        if not source.exists():
            raise FileNotFoundError(f"qhgy_images: {issue.meta.get('label')}: cover_image '{photo}' is not in {folder}")
    else:
        source = generate_cover(work / f"{issue.slug}.jpg", **texts)
    variants = responsive_variants(source, work / "sizes", widths=COVER_WIDTHS)
    og = generate_cover(work / f"{issue.slug}-og.jpg", size=OG_SIZE, **texts)
    prefix = f"{siteurl}/{OUTPUT_DIR}/covers/{issue.slug}/"
    cover = _srcsets(variants, prefix)
    cover.update(typeset=not photo, credit=credit, og_image=f"{siteurl}/{OUTPUT_DIR}/covers/{issue.slug}/{og.name}",
                 files=[v.path for v in variants] + [og])
    return cover


def _article_photos(article, settings, cache: Path) -> list[Path]:
    """<img> of local files in the article → <picture> with srcsets; return the files to publish."""
    html = article._content
    if "<img" not in html:
        return []
    soup = BeautifulSoup(html, "html.parser")
    siteurl = settings.get("SITEURL", "")
    files = []
    for img in soup.find_all("img"):
        src = img.get("src", "")
        if "://" in src or src.startswith(("/", "data:")):
            continue
        source = (Path(article.source_path).parent / src).resolve()
        if not source.exists():
            raise FileNotFoundError(f"qhgy_images: {article.source_path}: the image '{src}' does not exist")
        work = cache / "photos" / article.slug
        variants = responsive_variants(source, work, widths=PHOTO_WIDTHS)
        sets = _srcsets(variants, f"{siteurl}/{OUTPUT_DIR}/photos/{article.slug}/")
        picture = soup.new_tag("picture")
        picture.append(soup.new_tag("source", type="image/webp", srcset=sets["webp_srcset"],
                                    sizes="(min-width: 40em) 38em, 100vw"))
        img["src"], img["srcset"] = sets["src"], sets["jpeg_srcset"]
        img["sizes"] = "(min-width: 40em) 38em, 100vw"
        img["width"], img["height"] = str(sets["width"]), str(sets["height"])
        img["loading"], img["decoding"] = "lazy", "async"
        img.replace_with(picture)
        picture.append(img)
        files += [v.path for v in variants]
    article._content = str(soup)
    return files


class ImagesGenerator(Generator):
    """Make the images while the context is built (templates need their sizes), copy them at output."""

    def generate_context(self):
        cache = _cache(self.settings)
        self.to_publish: dict[Path, str] = {}
        for issue in self.context.get("issues", []):
            issue.cover = _issue_cover(issue, self.settings, cache)
            for path in issue.cover.pop("files"):
                self.to_publish[path] = f"{OUTPUT_DIR}/covers/{issue.slug}/{path.name}"
            for article in issue.articles:
                for path in _article_photos(article, self.settings, cache):
                    self.to_publish[path] = f"{OUTPUT_DIR}/photos/{article.slug}/{path.name}"

    def generate_output(self, writer):
        for source, rel in self.to_publish.items():
            target = Path(self.output_path) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def get_generators(pelican):
    return ImagesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
