"""Rendering many PDFs on every core: worker processes, each with its own Typst compiler.

The `typst` binding compiles in the calling process, on one core, so the build hands the
documents that must be rendered to a pool of processes (one per core, or QHGY_JOBS:
qhgy.build_cache.worker_count). Each worker loads the fonts once, compiles into the
shared cache (qhgy.pdf.render.Renderer.make) and sends back only the characters the font lacked;
the build then reports them and links the cached files into the output, in the documents' order,
so the log and the output do not depend on which worker finished first.

Workers are started with "spawn": a fresh interpreter that imports only the renderer, rather
than a copy of the whole build (forking a process holding the site's pages would count their
memory once per worker). At most two documents per worker wait in the queue, so memory stays
bounded whatever the archive's size. A few documents are rendered in the build's own process:
starting workers would cost more than it saves (a corrected article: its PDF and its issue's).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from qhgy.build_cache import place, worker_count
from qhgy.i18n import _
from qhgy.pdf.render import PdfError, Renderer, report_unprintable

POOL_FROM = 8  # the fewest documents worth starting worker processes for
QUEUED_PER_WORKER = 2


@dataclass
class Job:
    """A document to render: its cache key, its name for messages, where its PDF goes, and a
    function making its data (called only when it is rendered, so unchanged documents cost no
    parsing, and dropped once the data is sent)."""
    key: str
    name: str
    dests: list[Path]
    document: Callable[[], dict] | None
    missing: list[str] = field(default_factory=list)


def render_jobs(renderer: Renderer, jobs: list[Job], workers: int | None = None) -> None:
    """Render every job into the cache, then place each PDF where it goes; renderer.rendered
    gets their names, in order. A PdfError (naming the document) stops the rest."""
    workers = worker_count() if workers is None else workers
    if workers > 1 and len(jobs) >= POOL_FROM:
        _in_pool(renderer, jobs, min(workers, len(jobs)))
    else:
        for job in jobs:
            document, job.document = job.document(), None
            job.missing = renderer.make(job.key, document, job.name)
    for job in jobs:
        report_unprintable(job.name, job.missing)
        for dest in job.dests:
            place(renderer.cached(job.key), dest)
        renderer.rendered.append(job.name)


def _in_pool(renderer: Renderer, jobs: list[Job], workers: int) -> None:
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(renderer.cache, renderer.root))
    queued: dict = {}

    def collect(futures) -> None:
        for future in futures:
            queued.pop(future).missing = future.result()  # a worker's PdfError is raised here

    try:
        for job in jobs:
            if len(queued) >= QUEUED_PER_WORKER * workers:
                collect(wait(queued, return_when=FIRST_COMPLETED).done)
            document, job.document = job.document(), None
            queued[pool.submit(_make, job.key, document, job.name)] = job
        collect(wait(queued).done)
    finally:
        # after an error: drop what has not started, wait for what has (its cache file is whole)
        pool.shutdown(wait=True, cancel_futures=True)


# The worker process's renderer, made once by the pool's initializer: one compiler per process,
# the fonts loaded once. It lives only in worker processes, never in the build's own.
_worker: Renderer | None = None


def _start_worker(cache: Path, root: Path) -> None:
    global _worker
    _worker = Renderer(cache=cache, root=root)


def _make(key: str, document: dict, name: str) -> list[str]:
    try:
        return _worker.make(key, document, name)
    except PdfError:
        raise
    except Exception as err:  # anything else still names the document, and pickles
        raise PdfError(name, _("the PDF could not be rendered: {error}").format(error=f"{type(err).__name__}: {err}"),
                       _("run the build again; if it fails the same way, report it with this message")) from None
