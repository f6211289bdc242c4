"""qhgy_images: covers and photos in responsive sizes, made with Pillow and cached (qhgy.images).

While the context is built (the templates need the images' sizes): every issue's cover — its
photo resized, or a typeset cover — and Open Graph card, the ones not cached made on every core
(QHGY_JOBS processes); every article's photos become <picture>s with WebP and JPEG srcsets; and
the files are put into output/images/, a file already there left alone — before any page is
written, since the print PDFs, made then (qhgy_pdf), print the photos.
Setting: QHGY_IMAGE_CACHE (README, Settings)."""

import logging
import time
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from qhgy.build_cache import cache_dir, place, worker_count
from qhgy.images import cover_job, issue_cover, make_covers, responsive_photos, wechat_qr
from qhgy.settings import plugin_settings
from qhgy.site import JOURNAL_SETTING

log = logging.getLogger(__name__)


class ImagesGenerator(Generator):
    def generate_context(self):
        own = plugin_settings(self.settings, "qhgy_images")
        started = time.perf_counter()
        cache = cache_dir(self.settings, "images", "QHGY_IMAGE_CACHE")
        siteurl = self.settings.get("SITEURL", "")
        self.published: dict[Path, str] = {}
        issues = self.settings[JOURNAL_SETTING].issues
        jobs = {issue: cover_job(issue, cache) for issue in issues}
        files = make_covers(list(jobs.values()), worker_count())
        for issue in issues:
            issue.cover = issue_cover(issue, siteurl, cache, self.published, files[jobs[issue]])
        here = self.context["here"]
        for article in self.context.get("articles", []):
            if not here.same(article.lang):  # shown by its title only in this run (qhgy_lang)
                continue
            article._content = responsive_photos(article._content, Path(article.source_path).parent, article.slug,
                                                 siteurl, cache, self.published, article.source_path)
        account = own["WECHAT_ACCOUNT"]
        self.context["wechat"] = wechat_qr(account, Path(self.settings["PATH"]), siteurl,
                                           self.published) if account else None
        placed = sum(place(source, Path(self.output_path) / rel) for source, rel in self.published.items())
        log.info("qhgy_images: %d covers and photos in the output, %d of them new or changed (%.1f s)",
                 len(self.published), placed, time.perf_counter() - started)

    def generate_output(self, writer):
        pass  # the files are placed with the context: the PDFs print them before any page is written


def get_generators(pelican):
    return ImagesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
