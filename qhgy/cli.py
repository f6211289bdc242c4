"""Command line: `python -m qhgy import PATH`, `check`, `build`, `serve`, `livereload`, `publish`, `rollback`.

The one place where errors become messages and exit statuses: the project's own (QhgyError)
print as `file:line: problem — fix`; anything else is reported in one line by a last resort.
Every message is written in English and goes through qhgy.i18n (Chinese by default)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

from qhgy.errors import QhgyError
from qhgy.i18n import N_, _

# argparse's own words (usage, headings, -h, its errors) come from its gettext domain, which has no
# Chinese catalog; listed here so that ours has them, and routed through it while parsing.
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"), N_("expected one argument"),
    N_("invalid %(type)s value: %(value)r"),
)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is not a date written YYYY-MM-DD").format(text=text)) from None


def run_import(source: Path, content_dir: Path, force: bool = False, date: dt.date | None = None,
               quiet: bool = False, keep_partial: bool = False) -> int:
    from qhgy.importer.pipeline import import_issue
    from qhgy.importer.report import render_outcomes

    started = time.perf_counter()
    plan, outcomes = import_issue(source, content_dir, force=force, date=date, keep_partial=keep_partial)
    if not quiet:
        print(plan.report, end="")
        print(render_outcomes(outcomes))
        print(_("Imported into {content}/ in {seconds:.2f} s; report saved as {report}").format(
            content=content_dir, seconds=time.perf_counter() - started,
            report=f"{content_dir}/{plan.issue_dir}/import-report.txt"))
    return 0


def run_check(content_dir: Path, settings: str = "pelicanconf.py") -> int:
    """Every error and warning, then a summary (qhgy.check.report); exit status 1 if there is an error."""
    from qhgy.check import run_check as check
    from qhgy.site import check_content_dir, legal_of, settings_file

    check_content_dir(content_dir)
    return check(content_dir, legal_of(settings_file(settings), content_dir))


def run_build(settings: str, content_dir: Path, output_dir: Path = Path("output")) -> int:
    from qhgy.site import build

    build(settings, content_dir, output_dir)
    return 0


def run_serve(settings: str, content_dir: Path, output_dir: Path, port: int, bind: str, build: bool = True) -> int:
    """Take the port first (a busy one stops before a build is spent), build, then serve until Ctrl-C.
    QHGY_SERVE_COMMAND: the command a message suggests (serve.sh sets it to itself)."""
    from qhgy.serve import SiteServer

    command = os.environ.get("QHGY_SERVE_COMMAND") or "invoke serve"
    with SiteServer(output_dir, port, bind, command=command) as server:
        if build:
            run_build(settings, content_dir, output_dir)
        print(_("Serving {output}/ on {url} (Ctrl-C stops)").format(output=output_dir, url=server.url), flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print(_("Stopped."))
    return 0


def run_livereload(settings: str, content_dir: Path, output_dir: Path, port: int, bind: str) -> int:
    from qhgy.serve import ensure_port_free
    from qhgy.site import livereload

    ensure_port_free(port, bind, command="invoke livereload")
    livereload(content_dir, output_dir, port, bind, settings)
    return 0


def run_publish(settings: str, content_dir: Path, output_dir: Path) -> int:
    """Check, build into a fresh folder, check the built site, then switch output_dir to it (qhgy.publish)."""
    from qhgy.publish import publish
    from qhgy.site import check_content_dir

    check_content_dir(content_dir)
    publish(content_dir, output_dir, settings)
    return 0


def run_rollback(output_dir: Path) -> int:
    from qhgy.publish import rollback

    rollback(output_dir)
    return 0


def run_receiver(config: Path) -> int:
    from qhgy.receiver import serve

    serve(config)
    return 0


def _report(err: QhgyError) -> None:
    from qhgy.check import ContentProblems

    if isinstance(err, ContentProblems):
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(_("{count} problem(s) in {content}/: fix them before building.").format(
            count=len(err.problems), content=err.content_dir), file=sys.stderr)
    else:
        print(_("error: {message}").format(message=err), file=sys.stderr)


def _port(text: str) -> int:
    if text.isdigit() and 0 < int(text) < 65536:
        return int(text)
    raise argparse.ArgumentTypeError(_("'{text}' is not a port: give a number from 1 to 65535, e.g. 8000").format(
        text=text))


def _folders(command: argparse.ArgumentParser, output: bool = True) -> None:
    command.add_argument("--content-dir", type=Path, default=Path("content"),
                         help=_("the content folder (default: content)"))
    if output:
        command.add_argument("--output-dir", type=Path, default=Path("output"),
                             help=_("the folder the site is built into; what is in it is replaced (default: output)"))


def _site_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--settings", default="pelicanconf.py",
                         help=_("pelicanconf.py (default) or publishconf.py"))
    _folders(command)


def _server_options(command: argparse.ArgumentParser) -> None:
    _site_options(command)
    command.add_argument("--port", type=_port, default=8000, help=_("the port to serve on (default: 8000)"))
    command.add_argument("--bind", default="127.0.0.1",
                         help=_("the address to serve on (default: 127.0.0.1, this computer only)"))


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qhgy", description=_("《青海工运》 publishing tools"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    imp = commands.add_parser("import", help=_("import one print issue (.txt or .pdf) into Markdown"),
                              description=_("import one print issue (.txt or .pdf) into Markdown"))
    imp.add_argument("source", type=Path, help=_("the issue's extracted text (.txt) or print PDF (.pdf)"))
    imp.add_argument("--content-dir", type=Path, default=Path("content"),
                     help=_("where to write (default: content)"))
    imp.add_argument("--force", action="store_true",
                     help=_("replace files edited by hand since the last import (backing them up first)"))
    imp.add_argument("--date", type=_date, help=_("publication date YYYY-MM-DD, if the 目录 does not print one"))
    imp.add_argument("--quiet", action="store_true", help=_("print nothing but errors"))
    imp.add_argument("--keep-partial", action="store_true",
                     help=_("write what was found even when most articles of the 目录 are not in the body"))
    chk = commands.add_parser("check", help=_("validate every content file"),
                              description=_("validate every content file"))
    _folders(chk, output=False)
    chk.add_argument("--settings", default="pelicanconf.py",
                     help=_("the settings whose LEGAL marks the check applies (default: pelicanconf.py)"))
    bld = commands.add_parser("build", help=_("check the content, then build the site"),
                              description=_("check the content, then build the site"))
    _site_options(bld)
    srv = commands.add_parser("serve", help=_("build the site, then serve it on this computer"),
                              description=_("build the site, then serve it on this computer"))
    _server_options(srv)
    srv.add_argument("--no-build", dest="build", action="store_false",
                     help=_("serve the output folder as it is, without building first"))
    live = commands.add_parser("livereload", help=_("build, serve, and rebuild when a file changes"),
                               description=_("build, serve, and rebuild when a file changes"))
    _server_options(live)
    pub = commands.add_parser("publish", help=_("check, build into a fresh folder, check the site, then publish it"),
                              description=_("check, build into a fresh folder, check the site, then publish it"))
    published = _("the published site, a link to the newest release (e.g. /srv/qhgy/site)")
    pub.add_argument("--settings", default="publishconf.py", help=_("publishconf.py (default) or another settings file"))
    _folders(pub, output=False)
    pub.add_argument("--output-dir", type=Path, required=True, help=published)
    back = commands.add_parser("rollback", help=_("publish the release before the current one again"),
                               description=_("publish the release before the current one again"))
    back.add_argument("--output-dir", type=Path, required=True, help=published)
    rcv = commands.add_parser("receive", help=_("run the submission receiver (on the journal's server, behind nginx)"),
                              description=_("run the submission receiver (on the journal's server, behind nginx)"))
    rcv.add_argument("--config", type=Path, default=Path("/etc/qhgy/receiver.toml"),
                     help=_("the receiver's settings (default: /etc/qhgy/receiver.toml; see deploy/receiver.toml)"))
    return parser


def _parse(argv: list[str] | None) -> argparse.Namespace:
    saved = argparse._
    argparse._ = lambda message: _(message) if message in ARGPARSE_MESSAGES else saved(message)
    try:
        return parser().parse_args(argv)
    finally:
        argparse._ = saved


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    try:
        if args.command == "import":
            return run_import(args.source, args.content_dir, args.force, args.date, args.quiet, args.keep_partial)
        if args.command == "build":
            return run_build(args.settings, args.content_dir, args.output_dir)
        if args.command == "serve":
            return run_serve(args.settings, args.content_dir, args.output_dir, args.port, args.bind, args.build)
        if args.command == "livereload":
            return run_livereload(args.settings, args.content_dir, args.output_dir, args.port, args.bind)
        if args.command == "publish":
            return run_publish(args.settings, args.content_dir, args.output_dir)
        if args.command == "rollback":
            return run_rollback(args.output_dir)
        if args.command == "receive":
            return run_receiver(args.config)
        return run_check(args.content_dir, args.settings)
    except QhgyError as err:
        _report(err)
        return 1
    except KeyboardInterrupt:  # Ctrl-C during a build: stop quietly, as the server does
        print(_("Stopped."), file=sys.stderr)
        return 130
    except Exception as err:  # last resort: another library's failure, in one line rather than a traceback
        print(_("error: {kind}: {message}").format(kind=type(err).__name__, message=err), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
