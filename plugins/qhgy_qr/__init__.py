"""qhgy_qr: the `qr_svg` filter the templates use for an article's QR code (qhgy.qr): its public
address (PUBLIC_SITEURL, the published site's, also in a preview build) as an SVG, from the cache
kept between builds (QHGY_QR_CACHE, default .cache/qr), which is saved once the build is done."""

from pelican import signals

from qhgy.build_cache import cache_dir
from qhgy.qr import QR_CACHE_SETTING as CACHE_SETTING
from qhgy.qr import QrCache
from qhgy.settings import plugin_settings


def give_templates_the_filter(pelican) -> None:
    settings = pelican.settings
    plugin_settings(settings, "qhgy_qr")  # a wrong PUBLIC_SITEURL stops the build before it starts
    cache = settings[CACHE_SETTING] = QrCache(cache_dir(settings, "qr", "QHGY_QR_CACHE"))
    # before the generators make their Jinja environments, which read JINJA_FILTERS
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}), "qr_svg": cache.svg}


def save_the_cache(pelican) -> None:
    cache = pelican.settings.get(CACHE_SETTING)
    if cache is not None:
        cache.save()


def register() -> None:
    signals.initialized.connect(give_templates_the_filter)
    signals.finalized.connect(save_the_cache)
