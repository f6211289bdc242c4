"""The site benchmark (`invoke bench`, never run for timings by the tests): the project's build
against plain Pelican on a generated archive (devtools/archive_gen.py), at 60 and 240 issues.

For each size, in a work folder of its own (every cache in it, empty at the start):
  1. cold: the project's full build (`python -m qhgy build`), split into content check, images,
     search, PDFs and the rest (pages, feeds, sitemap: "HTML"); then the bytes a browser
     downloads for a first and a second search (devtools/search_bench.py);
  2. no change: the same build again, counting the output files it rewrote;
  3. one article corrected (one paragraph of its body edited);
  4. one issue added, the newest;
  5. one issue of an earlier year removed, then added back;
and plain Pelican (devtools/baseline_pelican/: its default theme, only the YAML metadata plugin)
on the same content at the same moments: cold, no change, one issue added; and with its content
cache on, cold and one issue added; and Pagefind's default indexing (the standard binary, no
options) of the same article pages the project's search indexes. The baselines run beside the
project so the ratios hold on a noisy machine.

Every step is a fresh process started through `drive` (python -m devtools.site_bench drive …),
which times the main thread's time inside each qhgy_* plugin's hooks (its signal handlers and
generators) and redirects Pelican's CACHE_PATH into the work folder. The parent measures the
wall time and polls /proc for the process tree's memory: the build's own high-water mark, the
tree's (the build and the Pagefind indexer together) and the indexer's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BASELINE_SETTINGS = PROJECT / "devtools" / "baseline_pelican" / "pelicanconf.py"
SIZES = (60, 240)
RESULTS = Path("bench") / "results.json"
# The environment variable through which a step's driver gets its settings overrides (JSON).
OVERRIDES_ENV = "QHGY_BENCH_SETTINGS"
# The project's caches, each moved by an environment variable of its name (qhgy/build_cache.py); one
# not listed here is in work/.cache too, its default being .cache/ beside the content folder (work/content),
# as long as the caller's environment does not move it (a step's environment has no QHGY_*_CACHE of its own).
PROJECT_CACHES = {"QHGY_IMAGE_CACHE": "images", "QHGY_PDF_CACHE": "pdf", "QHGY_SEARCH_CACHE": "search",
                  "QHGY_HTML_CACHE": "html"}
# The parts of the cold build reported apart: plugin → part. The rest is "HTML".
PARTS = {"qhgy_images": "images", "qhgy_search": "search", "qhgy_pdf": "pdf"}
# The article pages of a build (ARTICLE_SAVE_AS "{issue}/{order}/index.html", issue "2017/9-10"): what
# Pagefind's default indexing is given, to weigh the project's search index against.
ARTICLE_PAGES = "[12][0-9][0-9][0-9]/*/*/index.html"
MB = 1024 * 1024


class BenchError(Exception):
    """A step of the benchmark failed: which, and where its log is."""


# ---------------------------------------------------------------- files rewritten

def snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file under folder (links not followed): relative path → (inode, mtime_ns, size)."""
    files = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            st = os.lstat(path)
            files[os.path.relpath(path, folder)] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return files


@dataclass
class Rewrites:
    written: int  # new files, and files whose inode or modification time changed
    deleted: int
    total: int  # files after

    @property
    def unchanged(self) -> int:
        return self.total - self.written


def rewrites(before: dict, after: dict) -> Rewrites:
    """What a build did to its output folder, from snapshots before and after. A file replaced by
    a hard link to a cached copy of itself (same inode, same time) counts as not written."""
    written = sum(1 for path, (ino, mtime, _size) in after.items()
                  if path not in before or before[path][0] != ino or before[path][1] != mtime)
    return Rewrites(written, sum(1 for path in before if path not in after), len(after))


# ---------------------------------------------------------------- memory of a process tree

def _children(pid: int) -> list[int]:
    found = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                found += [int(p) for p in f.read().split()]
    except OSError:
        pass
    return found


def _status_kb(pid: int) -> dict[str, int]:
    values = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    key, value = line.split(":")
                    values[key] = int(value.split()[0])
    except OSError:
        pass
    return values


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


class TreeMemory(threading.Thread):
    """Polls a process and its descendants: the largest sum of their resident sets, and each
    Pagefind process's high-water mark (its memory once it has exec'd its binary)."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.tree_kb = self.main_kb = self.indexer_kb = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(self.interval)

    def sample(self) -> None:
        pending, total = [self.pid], 0
        while pending:
            pid = pending.pop()
            status = _status_kb(pid)
            total += status.get("VmRSS", 0)
            if pid == self.pid:
                self.main_kb = max(self.main_kb, status.get("VmHWM", 0))
            elif "pagefind" in _cmdline(pid):
                self.indexer_kb = max(self.indexer_kb, status.get("VmHWM", 0))
            pending += _children(pid)
        self.tree_kb = max(self.tree_kb, total)

    def stop(self) -> None:
        self._halt.set()
        self.join()


# ---------------------------------------------------------------- one step, in its own process

@dataclass
class Step:
    label: str
    wall_s: float
    cpu_s: float  # the process and its children, user + system
    peak_rss_mb: float  # the process tree: the build and the indexer together
    main_rss_mb: float  # the build process alone
    indexer_rss_mb: float  # the largest Pagefind process
    parts: dict = field(default_factory=dict)  # plugin → {"s": main-thread seconds in its hooks, "cpu_s": …}
    written: int | None = None
    deleted: int | None = None
    files: int | None = None

    def part_s(self, plugin: str) -> float:
        return self.parts.get(plugin, {}).get("s", 0.0)


def run_step(label: str, command: list[str], work: Path, output: Path, overrides: dict | None = None) -> Step:
    """Run `python -m devtools.site_bench drive … command` in work/ and measure it; count the files
    it rewrote in output/."""
    import resource

    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    times = logs / f"{label}.json"
    times.unlink(missing_ok=True)
    inherited = {k: v for k, v in os.environ.items() if not (k.startswith("QHGY_") and k.endswith("_CACHE"))}
    env = {**inherited, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])),
           "QHGY_LANG": "en", OVERRIDES_ENV: json.dumps(overrides or {}),
           **{name: str(work / ".cache" / folder) for name, folder in PROJECT_CACHES.items()}}
    before = snapshot(output) if output.exists() else {}
    cpu_before = _children_cpu(resource)
    with open(logs / f"{label}.log", "wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "devtools.site_bench", "drive", str(times), *command],
                                   cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
        memory = TreeMemory(process.pid)
        memory.start()
        code = process.wait()
        wall = time.perf_counter() - started
        memory.stop()
    if code:
        tail = (logs / f"{label}.log").read_text(errors="replace")[-3000:]
        raise BenchError(f"{label}: exit status {code}; log {logs / f'{label}.log'}:\n{tail}")
    driven = json.loads(times.read_text()) if times.exists() else {}
    main_kb = max(memory.main_kb, driven.get("maxrss_kb", 0))
    after = snapshot(output)
    changes = rewrites(before, after)
    return Step(label, wall, _children_cpu(resource) - cpu_before, max(memory.tree_kb, main_kb) / 1024,
                main_kb / 1024, memory.indexer_kb / 1024, driven.get("parts", {}),
                changes.written, changes.deleted, changes.total)


def _children_cpu(resource) -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# ---------------------------------------------------------------- the driver, inside a step's process

class PartClock:
    """Seconds (wall, and CPU of the process and its reaped children) the main thread spends in
    each plugin's hooks; a hook called inside another's counts for itself only."""

    def __init__(self) -> None:
        self.parts: dict[str, dict[str, float]] = {}
        self._stack: list[list[float]] = []

    def call(self, part: str, fn, *args, **kwargs):
        import resource

        def cpu() -> float:
            return sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
                       for f in ("ru_utime", "ru_stime"))

        self._stack.append([0.0, 0.0])
        started, cpu_started = time.perf_counter(), cpu()
        try:
            return fn(*args, **kwargs)
        finally:
            wall, used = time.perf_counter() - started, cpu() - cpu_started
            inner_wall, inner_cpu = self._stack.pop()
            total = self.parts.setdefault(part, {"s": 0.0, "cpu_s": 0.0, "calls": 0})
            total["s"] += wall - inner_wall
            total["cpu_s"] += used - inner_cpu
            total["calls"] += 1
            if self._stack:
                self._stack[-1][0] += wall
                self._stack[-1][1] += used

    def wrap(self, part: str, fn):
        import functools

        @functools.wraps(fn)
        def timed(*args, **kwargs):
            result = self.call(part, fn, *args, **kwargs)
            for generator in result if isinstance(result, (list, tuple)) else [result]:
                if isinstance(generator, type):  # a get_generators handler's class: time its two phases
                    self.wrap_generator(part, generator)
            return result
        return timed

    def wrap_generator(self, part: str, cls: type) -> None:
        for name in ("generate_context", "generate_output"):
            method = cls.__dict__.get(name)
            if method is not None and not getattr(method, "_bench_timed", False):
                timed = self.wrap(part, method)
                timed._bench_timed = True
                setattr(cls, name, timed)


def _plugin_of(receiver) -> str | None:
    module = getattr(receiver, "__module__", None) or ""
    root = module.split(".")[0]
    return root if root.startswith("qhgy_") else None


def install_timers(clock: PartClock) -> None:
    """Every signal handler a qhgy_* plugin connects is timed under the plugin's name (blinker's
    connect, patched before Pelican loads the plugins), and so is the content check that
    `qhgy build` runs before Pelican (part "check")."""
    import blinker

    connect = blinker.Signal.connect
    # one wrapper per handler: a build runs Pelican once per language, and each run registers the
    # plugins again; blinker ignores a receiver connected twice, so it must be the same object
    wrappers: dict = {}

    def timed_connect(self, receiver, sender=blinker.ANY, weak=True):
        plugin = _plugin_of(receiver)
        if plugin is None:
            return connect(self, receiver, sender, weak)
        if receiver not in wrappers:
            wrappers[receiver] = clock.wrap(plugin, receiver)
        connect(self, wrappers[receiver], sender, False)  # the wrapper has no other reference
        return receiver

    blinker.Signal.connect = timed_connect
    try:
        import qhgy.check
    except ImportError:
        return
    if hasattr(qhgy.check, "check_content"):
        qhgy.check.check_content = clock.wrap("check", qhgy.check.check_content)


def redirect_settings(overrides: dict) -> None:
    """Pelican settings forced for this step (CACHE_PATH into the work folder, the content cache
    on or off) through read_settings, whichever of Pelican's CLI or qhgy.site calls it."""
    if not overrides:
        return
    import pelican
    import pelican.settings

    read = pelican.settings.read_settings

    def read_settings(path=None, override=None):
        return read(path, {**(override or {}), **overrides})

    pelican.settings.read_settings = read_settings
    pelican.read_settings = read_settings


def drive(times: str, command: list[str]) -> int:
    """Run `qhgy build …` or `pelican …` in this process, timed; write the parts and the peak to times."""
    import atexit

    clock = PartClock()

    def write() -> None:
        # VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over exec, so it would count the
        # benchmark's own memory at the fork (a browser's worth after the search measurement)
        Path(times).write_text(json.dumps({"parts": clock.parts, "maxrss_kb": _status_kb(os.getpid()).get("VmHWM", 0)}))

    atexit.register(write)
    install_timers(clock)
    redirect_settings(json.loads(os.environ.get(OVERRIDES_ENV) or "{}"))
    tool, *args = command
    if tool == "qhgy":
        from qhgy.cli import main

        return main(args)
    if tool == "pelican":
        from pelican import main

        main(args)
        return 0
    if tool == "pagefind":  # the standard binary the build runs, as a child (its CPU is counted)
        return subprocess.run([sys.executable, "-m", "pagefind_bin", *args]).returncode
    raise SystemExit(f"drive: unknown tool {tool!r} (qhgy, pelican or pagefind)")


# ---------------------------------------------------------------- the content and its edits

def issue_folders(content: Path) -> list[tuple[str, str]]:
    """(year, number) of every issue, oldest first."""
    from qhgy.content import ISSUES_DIR

    found = [(p.parent.name, p.name) for p in (content / ISSUES_DIR).glob("*/*") if p.is_dir()]
    return sorted(found, key=lambda issue: (int(issue[0]), int(issue[1].split("-")[0])))


def _issue_paths(content: Path, issue: tuple[str, str]) -> list[Path]:
    from qhgy.content import ISSUES_DIR

    year, number = issue
    return [content / ISSUES_DIR / year / number, content / "articles" / year / number]


def move_issue(source: Path, dest: Path, issue: tuple[str, str], copy: bool = False) -> None:
    """Move (or copy) an issue's folders, its issue.yaml and its articles, from one content folder to another."""
    for path, target in zip(_issue_paths(source, issue), _issue_paths(dest, issue)):
        target.parent.mkdir(parents=True, exist_ok=True)
        if copy:
            shutil.copytree(path, target)
        else:
            shutil.move(path, target)


def correct_article(content: Path, issue: tuple[str, str]) -> Path:
    """One paragraph of one article changed, as an editor's correction: its last sentence's end."""
    articles = sorted(_issue_paths(content, issue)[1].glob("*.md"))
    article = articles[min(2, len(articles) - 1)]
    text = article.read_text(encoding="utf-8").rstrip()
    article.write_text(text[:-1] + "，特此更正。\n", encoding="utf-8")
    return article


def prepare(work: Path, issues: int, seed: int = 1, articles_per_issue: int = 50) -> Path:
    """work/archive: N + 1 issues generated (the same seed writes the same archive, so a kept work
    folder reuses it); returns it. The benchmark's content is it without its newest issue."""
    archive = work / "archive"
    done = archive / ".complete"
    if done.exists() and done.read_text() == f"{issues + 1} {seed} {articles_per_issue}":
        return archive
    from devtools.archive_gen import generate_archive
    from qhgy.check import load_journal

    shutil.rmtree(archive, ignore_errors=True)
    real = [a.body for a in load_journal(PROJECT / "content").articles]
    generate_archive(archive, issues + 1, articles_per_issue=articles_per_issue, seed=seed, domain_texts=real)
    done.write_text(f"{issues + 1} {seed} {articles_per_issue}")
    return archive


# ---------------------------------------------------------------- one size

def bench_size(issues: int, work: Path, browser: bool = True, articles_per_issue: int = 50,
               log=print, query_pairs=None) -> dict:
    """Every measurement at one archive size, in work/ (its caches and outputs emptied first)."""
    if issues < 2:
        raise BenchError("--issues: at least 2 (one issue of an earlier year is removed and added back)")
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    archive = prepare(work, issues, articles_per_issue=articles_per_issue)
    log(f"{issues} issues: archive ready in {time.perf_counter() - started:.1f} s ({archive})")
    for folder in ("content", "output", "pelican-output", "pelican-cached-output", ".cache", "pelican-cache",
                   "cache", "held", "logs", "pagefind-default"):
        shutil.rmtree(work / folder, ignore_errors=True)
    content, output, held = work / "content", work / "output", work / "held"
    all_issues = issue_folders(archive)
    newest = all_issues[-1]
    for issue in all_issues[:-1]:
        move_issue(archive, content, issue, copy=True)
    earlier, corrected = all_issues[(issues - 1) // 2], all_issues[(issues - 1) // 3]
    articles = sum(1 for _ in (content / "articles").rglob("*.md"))

    project = ["qhgy", "build", "--content-dir", str(content), "--output-dir", str(output)]
    own_cache = {"CACHE_PATH": str(work / ".cache" / "pelican")}  # not beside pelicanconf.py, shared by every build
    plain = {"CACHE_PATH": str(work / "pelican-cache" / "plain"), "LOAD_CONTENT_CACHE": False, "CACHE_CONTENT": False}
    cached = {"CACHE_PATH": str(work / "pelican-cache" / "cached"), "LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True}

    def pelican(out: str) -> list[str]:
        return ["pelican", str(content), "-s", str(BASELINE_SETTINGS), "-o", str(work / out)]

    steps: dict[str, Step] = {}

    def step(name: str, command: list[str], out: Path, overrides: dict) -> Step:
        steps[name] = run_step(name, command, work, out, overrides)
        log(f"  {name:<28} {steps[name].wall_s:7.1f} s  {steps[name].peak_rss_mb:6.0f} MB  "
            f"{steps[name].written} of {steps[name].files} files written")
        return steps[name]

    step("cold", project, output, own_cache)
    query = search_bytes(output, log, query_pairs) if browser else {}
    step("baseline_pagefind", ["pagefind", "--site", str(output), "--glob", ARTICLE_PAGES, "--output-path",
                               str(work / "pagefind-default")], work / "pagefind-default", {})
    step("baseline_cold", pelican("pelican-output"), work / "pelican-output", plain)
    step("baseline_cached_cold", pelican("pelican-cached-output"), work / "pelican-cached-output", cached)
    step("nochange", project, output, own_cache)
    step("baseline_nochange", pelican("pelican-output"), work / "pelican-output", plain)
    correct_article(content, corrected)
    step("fix_article", project, output, own_cache)
    step("baseline_fix_article", pelican("pelican-output"), work / "pelican-output", plain)
    move_issue(archive, content, newest, copy=True)
    step("add_issue", project, output, own_cache)
    step("baseline_add_issue", pelican("pelican-output"), work / "pelican-output", plain)
    step("baseline_cached_add_issue", pelican("pelican-cached-output"), work / "pelican-cached-output", cached)
    move_issue(content, held, earlier)
    step("remove_issue", project, output, own_cache)
    move_issue(held, content, earlier)
    step("add_earlier_issue", project, output, own_cache)
    result = summarize(issues, articles, steps, query)
    result["baseline_articles"] = processed_articles(work / "logs" / "baseline_cold.log")
    return result


def processed_articles(log: Path) -> int | None:
    """How many articles plain Pelican says it built ("Done: Processed N articles, …")."""
    import re

    found = re.search(r"Processed (\d+) articles?", log.read_text(errors="replace"))
    return int(found.group(1)) if found else None


def summarize(issues: int, articles: int, steps: dict[str, Step], query: dict) -> dict:
    """The results.json object of one size: the issue's keys first, then the rest of what was measured."""
    cold = steps["cold"]
    parts = {part: cold.part_s(plugin) for plugin, part in PARTS.items()}
    project_steps = [s for name, s in steps.items() if not name.startswith("baseline")]
    result = {
        "issues": issues, "articles": articles,
        "cold_s": cold.wall_s, "cold_html_s": cold.wall_s - sum(parts.values()),
        "cold_images_s": parts["images"], "cold_search_s": parts["search"], "cold_pdf_s": parts["pdf"],
        "cold_check_s": cold.part_s("check"),
        "baseline_cold_s": steps["baseline_cold"].wall_s,
        "add_issue_s": steps["add_issue"].wall_s, "baseline_add_issue_s": steps["baseline_add_issue"].wall_s,
        "fix_article_s": steps["fix_article"].wall_s,
        "nochange_s": steps["nochange"].wall_s, "nochange_files_written": steps["nochange"].written,
        "peak_rss_mb": max(s.peak_rss_mb for s in project_steps),
        "search_peak_rss_mb": max(s.indexer_rss_mb for s in project_steps),
        "search_first_query_kb": query.get("first_kb"), "search_second_query_kb": query.get("second_kb"),
        "search_first_query_median_kb": query.get("first_median_kb"),
        "main_peak_rss_mb": max(s.main_rss_mb for s in project_steps),
        "cold_files": cold.files, "cold_cpu_s": cold.cpu_s,
        "cold_pdf_cpu_s": cold.parts.get("qhgy_pdf", {}).get("cpu_s", 0.0),
        "cold_search_cpu_s": cold.parts.get("qhgy_search", {}).get("cpu_s", 0.0),
        "cpus": os.cpu_count(),
    }
    for name, s in steps.items():
        result.setdefault(f"{name}_s", s.wall_s)
        result[f"{name}_cpu_s"] = s.cpu_s
        result[f"{name}_peak_rss_mb"] = s.peak_rss_mb
        if not name.startswith("baseline"):
            result.setdefault(f"{name}_files_written", s.written)
            result[f"{name}_files"] = s.files
            for plugin, part in (*PARTS.items(), ("check", "check")):
                result.setdefault(f"{name}_{part}_s", s.part_s(plugin))
    result["steps"] = {name: asdict(s) for name, s in steps.items()}
    result["queries"] = query.get("rows", [])
    return result


def search_bytes(site: Path, log=print, pairs=None) -> dict:
    """KB a first search downloads, and a second, different one (the largest over search_bench's
    query pairs, or those given), counted by Chromium against a gzipping static server. A failure is reported and
    leaves them out (null in results.json) rather than losing the rest of a long run."""
    try:
        from devtools.search_bench import QUERY_PAIRS, query_bytes

        rows = query_bytes(site, pairs or QUERY_PAIRS)
    except Exception as err:  # the browser, or the search page, failed: say so and go on
        log(f"  search bytes not measured: {type(err).__name__}: {err}")
        return {}
    import statistics

    return {"first_kb": max(r["first_bytes"] for r in rows) / 1024,
            "first_median_kb": statistics.median(r["first_bytes"] for r in rows) / 1024,
            "second_kb": max(r["second_bytes"] for r in rows) / 1024, "rows": rows}


# ---------------------------------------------------------------- the report

ROWS = [  # label, project key, baseline key ("" none), files-written key
    ("cold build", "cold", "baseline_cold", ""),
    ("  HTML (pages, feeds, sitemap, rest)", "cold_html", "", ""),
    ("    of which content check", "cold_check", "", ""),
    ("  images", "cold_images", "", ""),
    ("  HTML + images", "cold_html_images", "baseline_cold", ""),
    ("  search (plain: Pagefind's default)", "cold_search", "baseline_pagefind", ""),
    ("  PDFs", "cold_pdf", "", ""),
    ("no change", "nochange", "baseline_nochange", "nochange"),
    ("one article corrected", "fix_article", "baseline_fix_article", "fix_article"),
    ("one issue added (newest)", "add_issue", "baseline_add_issue", "add_issue"),
    ("one issue removed (earlier year)", "remove_issue", "", "remove_issue"),
    ("one issue added (earlier year)", "add_earlier_issue", "baseline_add_issue", "add_earlier_issue"),
    ("Pelican + content cache: cold", "", "baseline_cached_cold", ""),
    ("Pelican + content cache: issue added", "", "baseline_cached_add_issue", ""),
]


def _cell(seconds, mb=None) -> str:
    if seconds is None:
        return ""
    return f"{seconds:7.1f} s" + (f"  {mb:5.0f} MB" if mb is not None else "")


def table(results: list[dict]) -> str:
    """One table: a row per measurement, for each size the project, plain Pelican and their ratio."""
    head1, head2 = [f"{'':<38}"], [f"{'':<38}"]
    for r in results:
        group = f"{r['issues']} issues, {r['articles']} articles"
        head1.append(f"{group:<63}")
        head2.append(f"{'project':<20}{'files written':<17}{'plain Pelican':<20}{'×':>6}")
    lines = ["  ".join(head1), "  ".join(head2)]
    for label, key, base, files in ROWS:
        cells = [f"{label:<38}"]
        for r in results:
            values = {**r, "cold_html_images_s": r["cold_html_s"] + r["cold_images_s"]}
            seconds = values.get(f"{key}_s") if key else None
            mb = r.get(f"{key}_peak_rss_mb") if key else None
            base_s = r.get(f"{base}_s") if base else None
            written = f"{r[files + '_files_written']} of {r[files + '_files']}" if files else ""
            ratio = f"{seconds / base_s:5.1f}×" if seconds and base_s else ""
            base_mb = r.get(f"{base}_peak_rss_mb") if base else None
            cells.append(f"{_cell(seconds, mb):<20}{written:<17}{_cell(base_s, base_mb):<20}{ratio:>6}")
        lines.append("  ".join(cells))
    lines.append("")
    for r in results:
        lines.append(f"{r['issues']} issues, where the project's time goes (wall s; CPU s of the process and its children):")
        for name in ("cold", "nochange", "fix_article", "add_issue", "remove_issue", "add_earlier_issue"):
            parts = {part: r[f"{name}_{part}_s"] for part in ("check", "images", "search", "pdf")}
            split = ", ".join(f"{part} {seconds:.1f}" for part, seconds in parts.items())
            rest = r[f"{name}_s"] - sum(parts.values()) + parts["check"]
            lines.append(f"  {name:<18} {r[f'{name}_s']:7.1f} wall, {r[f'{name}_cpu_s']:7.1f} CPU: {split}, "
                         f"HTML (with the check) {rest:.1f}")
    for r in results:
        query = ("first search {0:.0f} KB at most ({2:.0f} KB median), second {1:.0f} KB at most".format(
            r["search_first_query_kb"], r["search_second_query_kb"], r["search_first_query_median_kb"])
                 if r["search_first_query_kb"] is not None else "search bytes not measured")
        lines.append(f"{r['issues']} issues: peak {r['peak_rss_mb']:.0f} MB with the indexer "
                     f"(build alone {r['main_peak_rss_mb']:.0f} MB, indexer {r['search_peak_rss_mb']:.0f} MB); "
                     f"{query}; cold build used {r['cold_cpu_s'] / r['cold_s']:.2f} of {r['cpus']} cores "
                     f"(PDFs {r['cold_pdf_cpu_s'] / r['cold_pdf_s'] if r['cold_pdf_s'] else 0:.2f}); "
                     f"search index {r['cold_search_cpu_s']:.1f} s CPU, Pagefind's default "
                     f"{r['baseline_pagefind_cpu_s']:.1f} s CPU")
    return "\n".join(lines)


def run(sizes=SIZES, keep: str | None = None, browser: bool = True, results: Path = RESULTS,
        articles_per_issue: int = 50, query_pairs=None) -> list[dict]:
    """Every size in turn (in keep/<N>-issues/, kept, or a temporary folder, removed); print the
    table and write results (a list, one object per size)."""
    base = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="qhgy-bench-"))
    found = []
    try:
        for issues in sizes:
            found.append(bench_size(issues, base / f"{issues}-issues", browser, articles_per_issue,
                                    query_pairs=query_pairs))
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps(found, indent=1, ensure_ascii=False), encoding="utf-8")
    print()
    print(table(found))
    print(f"\nresults: {results.resolve()}")
    return found


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "drive":
        sys.exit(drive(sys.argv[2], sys.argv[3:]))
    raise SystemExit("usage: python -m devtools.site_bench drive TIMES.json qhgy|pelican ARGS… (invoke bench runs it)")
