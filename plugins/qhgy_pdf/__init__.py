"""qhgy_pdf: a print PDF of every article, of each of its translations, and of every issue, set
with Typst (qhgy.pdf.build). Each language's run makes the PDFs in its language once every body
is read and every photo placed (Pelican's `all_generators_finalized`, after qhgy_model hands the
bodies to the model and qhgy_images has placed the photos) and before any page is written, so
that the pages can give each PDF's size: the Chinese run the articles' and the issues' PDFs, the
English run the translations'. What changed is rendered on every core (QHGY_JOBS processes:
qhgy.pdf.pool); the rest comes from the cache. Settings: PDF_PAGE, QHGY_PDF_CACHE (README, Settings)."""

import logging
import os
import time
from pathlib import Path

from pelican import signals

from qhgy.build_cache import cache_dir, worker_count
from qhgy.legal import LEGAL_MARKS_SETTING
from qhgy.pdf.build import record_sizes, render_journal_pdfs
from qhgy.pdf.documents import PageSettings
from qhgy.qr import QR_CACHE_SETTING
from qhgy.settings import plugin_settings
from qhgy.site import JOURNAL_SETTING
from qhgy.site_language import site_language

log = logging.getLogger(__name__)


def check_settings(pelican) -> None:
    plugin_settings(pelican.settings, "qhgy_pdf")  # a wrong PDF_PAGE stops the build before it starts
    worker_count()  # so does a wrong QHGY_JOBS


def cpu_seconds() -> float:
    """CPU time of this process and of its finished workers."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def render_pdfs(generators) -> None:
    settings = generators[0].settings
    journal, here = settings[JOURNAL_SETTING], site_language(settings)
    output = Path(settings["OUTPUT_PATH"])
    page = PageSettings(**plugin_settings(settings, "qhgy_pdf")["PDF_PAGE"])
    started, cpu = time.perf_counter(), cpu_seconds()
    qr = settings.get(QR_CACHE_SETTING)  # qhgy_qr's cache, where that plugin runs
    rendered = render_journal_pdfs(journal, output, page, cache_dir(settings, "pdf", "QHGY_PDF_CACHE"),
                                   settings.get("SITEURL", ""), qr=qr.svg if qr else None,
                                   public_siteurl=settings.get("PUBLIC_SITEURL", ""),
                                   legal=settings.get(LEGAL_MARKS_SETTING),  # qhgy_model's, checked
                                   wanted=here.same, issues=here.is_default)
    count = record_sizes(journal, output, here.same, here.is_default)
    log.info("qhgy_pdf: %d PDFs, %d rendered, the others unchanged (%.1f s, CPU %.1f s)", count, len(rendered),
             time.perf_counter() - started, cpu_seconds() - cpu)


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.all_generators_finalized.connect(render_pdfs)
