"""qhgy_images: covers and photos in responsive sizes, made with Pillow and cached (qhgy.images).

While the context is built (the templates need the images' sizes): every issue's cover — its
photo resized, or a typeset cover — and Open Graph card; every article's photos become
<picture>s with WebP and JPEG srcsets. At the output phase the files are put into
output/images/. Setting: QHGY_IMAGE_CACHE (README, Settings)."""

from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from qhgy.build_cache import cache_dir, link_or_copy
from qhgy.images import issue_cover, responsive_photos
from qhgy.settings import plugin_settings
from qhgy.site import JOURNAL_SETTING


class ImagesGenerator(Generator):
    def generate_context(self):
        plugin_settings(self.settings, "qhgy_images")
        cache = cache_dir(self.settings, "images", "QHGY_IMAGE_CACHE")
        siteurl = self.settings.get("SITEURL", "")
        self.published: dict[Path, str] = {}
        for issue in self.settings[JOURNAL_SETTING].issues:
            issue.cover = issue_cover(issue, siteurl, cache, self.published)
        for article in self.context.get("articles", []):
            article._content = responsive_photos(article._content, Path(article.source_path).parent, article.slug,
                                                 siteurl, cache, self.published, article.source_path)

    def generate_output(self, writer):
        for source, rel in self.published.items():
            target = Path(self.output_path) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                target.unlink()
            link_or_copy(source, target)


def get_generators(pelican):
    return ImagesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
