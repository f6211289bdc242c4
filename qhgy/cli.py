"""Command line: `python -m qhgy import PATH`, `python -m qhgy check`, `python -m qhgy build`.

The one place where errors become messages and exit statuses: the project's own (QhgyError)
print as `file:line: problem — fix`; anything else is reported in one line by a last resort."""

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
               quiet: bool = False, keep_partial: bool = False) -> int:
    from qhgy.importer.pipeline import import_issue
    from qhgy.importer.report import render_outcomes

    started = time.perf_counter()
    plan, outcomes = import_issue(source, content_dir, force=force, date=date, keep_partial=keep_partial)
    if not quiet:
        print(plan.report, end="")
        print(render_outcomes(outcomes))
        print(f"Imported into {content_dir}/ in {time.perf_counter() - started:.2f} s; "
              f"report saved as {content_dir}/{plan.issue_dir}/import-report.txt")
    return 0


def run_check(content_dir: Path) -> int:
    from qhgy.check import check_content

    journal = check_content(content_dir).journal_or_raise()
    print(f"{content_dir}/: {len(journal.issues)} issue(s), {len(journal.articles)} article(s), "
          f"{len(journal.pages)} page(s) — all valid.")
    return 0


def run_build(settings: str, content_dir: Path) -> int:
    from qhgy.site import build

    build(settings, content_dir)
    return 0


def _report(err: QhgyError) -> None:
    from qhgy.check import ContentProblems

    if isinstance(err, ContentProblems):
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) in {err.content_dir}/: fix them before building.", file=sys.stderr)
    else:
        print(f"error: {err}", file=sys.stderr)


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
    imp.add_argument("--keep-partial", action="store_true",
                     help="write what was found even when most articles of the 目录 are not in the body")
    chk = commands.add_parser("check", help="validate every content file")
    chk.add_argument("--content-dir", type=Path, default=Path("content"))
    bld = commands.add_parser("build", help="check the content, then build the site")
    bld.add_argument("--settings", default="pelicanconf.py", help="pelicanconf.py (default) or publishconf.py")
    bld.add_argument("--content-dir", type=Path, default=Path("content"))
    args = parser.parse_args(argv)
    try:
        if args.command == "import":
            return run_import(args.source, args.content_dir, args.force, args.date, args.quiet, args.keep_partial)
        if args.command == "build":
            return run_build(args.settings, args.content_dir)
        return run_check(args.content_dir)
    except QhgyError as err:
        _report(err)
        return 1
    except Exception as err:  # last resort: another library's failure, in one line rather than a traceback
        print(f"error: {type(err).__name__}: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
