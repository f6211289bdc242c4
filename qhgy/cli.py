"""Command line: `python -m qhgy import PATH`, `python -m qhgy check`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from qhgy.errors import QhgyError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def run_import(source: Path, content_dir: Path, force: bool = False, date: dt.date | None = None,
               quiet: bool = False) -> int:
    from qhgy.importer.pipeline import import_issue
    from qhgy.importer.report import render_outcomes

    started = time.perf_counter()
    plan, outcomes = import_issue(source, content_dir, force=force, date=date)
    if not quiet:
        print(plan.report, end="")
        print(render_outcomes(outcomes))
        print(f"Imported into {content_dir}/ in {time.perf_counter() - started:.2f} s; "
              f"report saved as {content_dir}/{plan.issue_dir}/import-report.txt")
    return 0


def run_check(content_dir: Path, quiet: bool = False) -> int:
    from qhgy.content import load_content

    content = load_content(content_dir)
    for problem in content.problems:
        print(problem, file=sys.stderr)
    if content.problems:
        print(f"{len(content.problems)} problem(s) in {content_dir}/: fix them before building.", file=sys.stderr)
        return 1
    if not quiet:
        print(f"{content_dir}/: {len(content.issues)} issue(s), {len(content.articles)} article(s), "
              f"{len(content.pages)} page(s) — all valid.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="qhgy", description="《青海工运》 publishing tools")
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import", help="import one print issue (.txt or .pdf) into Markdown")
    imp.add_argument("source", type=Path, help="the issue's extracted text (.txt) or print PDF (.pdf)")
    imp.add_argument("--content-dir", type=Path, default=Path("content"), help="where to write (default: content)")
    imp.add_argument("--force", action="store_true",
                     help="replace files edited by hand since the last import (backing them up first)")
    imp.add_argument("--date", type=_date, help="publication date YYYY-MM-DD, if the 目录 does not print one")
    imp.add_argument("--quiet", action="store_true", help="print nothing but errors")
    chk = commands.add_parser("check", help="validate every content file")
    chk.add_argument("--content-dir", type=Path, default=Path("content"))
    args = parser.parse_args(argv)
    try:
        if args.command == "import":
            return run_import(args.source, args.content_dir, args.force, args.date, args.quiet)
        return run_check(args.content_dir)
    except QhgyError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
