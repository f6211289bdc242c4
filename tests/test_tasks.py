"""The editors' commands (tasks.py → qhgy.cli): any content folder builds into any output folder, so
a scratch import can be previewed beside the real site, and an output folder that holds the
editor's work is refused before anything is deleted."""

import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import tasks
from qhgy import cli

from conftest import ROOT


def invoke(*args, cwd):
    """`invoke ARGS` as an editor types it, in the folder cwd (tasks.py found in the project)."""
    return subprocess.Popen([sys.executable, "-m", "invoke", "--search-root", str(ROOT), *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def calls(monkeypatch):
    """What each task hands the command line, parsed by the command line's own parser (so an option a
    task passes and the command line does not know fails here)."""
    seen = []
    monkeypatch.setattr(cli, "main", lambda argv: seen.append(cli.parser().parse_args(argv)) or 0)
    return seen


@pytest.mark.parametrize("name, command, settings", [("build", "build", "pelicanconf.py"),
                                                     ("preview", "build", "publishconf.py"),
                                                     ("serve", "serve", "pelicanconf.py"),
                                                     ("livereload", "livereload", "pelicanconf.py")])
def test_site_tasks_pass_the_content_and_output_folders(calls, name, command, settings):
    getattr(tasks, name).body(None, content_dir="/tmp/scratch", output_dir="/tmp/scratch-site")
    (args,) = calls
    assert (args.command, args.settings) == (command, settings)
    assert (args.content_dir, args.output_dir) == (Path("/tmp/scratch"), Path("/tmp/scratch-site"))


def test_serve_task_passes_port_bind_and_no_build(calls):
    tasks.serve.body(None, port=8001, bind="0.0.0.0", no_build=True)
    (args,) = calls
    assert (args.port, args.bind, args.build) == (8001, "0.0.0.0", False)
    assert (args.content_dir, args.output_dir) == (Path("content"), Path("output"))


def test_publish_and_rollback_tasks_pass_the_folders(calls):
    tasks.publish.body(None, output_dir="/srv/qhgy/site", content_dir="/tmp/scratch")
    tasks.rollback.body(None, output_dir="/srv/qhgy/site")
    publish, rollback = calls
    assert (publish.command, publish.settings, publish.content_dir, publish.output_dir) == (
        "publish", "publishconf.py", Path("/tmp/scratch"), Path("/srv/qhgy/site"))
    assert (rollback.command, rollback.output_dir) == ("rollback", Path("/srv/qhgy/site"))


def test_check_task_passes_the_content_folder(calls):
    tasks.check.body(None, content_dir="/tmp/scratch")
    (args,) = calls
    assert (args.command, args.content_dir) == ("check", Path("/tmp/scratch"))


@pytest.fixture
def workdir(tmp_path):
    """The folder the editor runs the command in, with an output/ of an earlier build in it."""
    work = tmp_path / "work"
    (work / "output/2017").mkdir(parents=True)
    (work / "output/index.html").write_text("<title>earlier build</title>", encoding="utf-8")
    (work / "output/404.html").write_text("<title>earlier 404</title>", encoding="utf-8")
    (work / "output/2017/kept.txt").write_text("kept", encoding="utf-8")
    return work


def test_a_scratch_content_folder_builds_into_its_own_output_and_leaves_output_alone(bundled_copy, tmp_path,
                                                                                    workdir):
    before = files(workdir / "output")
    scratch_site = tmp_path / "scratch-site"
    done = invoke("build", "--content-dir", str(bundled_copy), "--output-dir", str(scratch_site), cwd=workdir)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, out + err
    for page in ("index.html", "404.html", "2017/9-10/index.html", "2017/9-10/07/index.html",
                 "2017/9-10/07/qhgy-2017-9-10-07.pdf", "sitemap.xml", "pagefind/bundles.json"):
        assert (scratch_site / page).is_file(), page
    assert files(workdir / "output") == before
    assert sorted(p.name for p in workdir.iterdir()) == ["output"]  # nothing written beside it either


def test_invoke_serve_previews_a_scratch_import(bundled_copy, tmp_path, workdir):
    with socket.socket() as probe:  # a port free now (the server takes it again at once)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    scratch_site = tmp_path / "scratch-site"
    server = invoke("serve", "--content-dir", str(bundled_copy), "--output-dir", str(scratch_site),
                    "--port", str(port), cwd=workdir)
    try:
        for line in server.stdout:  # blocks until the server says it serves (or ends: then it failed)
            if f"http://127.0.0.1:{port}/" in line:
                break
        else:
            pytest.fail(f"the server ended: {server.wait()} {server.stderr.read()}")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/2017/9-10/", timeout=60) as page:
            assert page.status == 200 and "《青海工运》2017年第9-10期" in page.read().decode("utf-8")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/2017/9-10/99/", timeout=60)
        with missing.value as answer:
            assert answer.code == 404 and answer.read() == (scratch_site / "404.html").read_bytes()
    finally:
        server.terminate()
        server.communicate(timeout=60)
    assert files(workdir / "output")["index.html"] == b"<title>earlier build</title>"


def refused(capsys, argv):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert code == 1 and out == "" and err.count("\n") == 1 and "Traceback" not in err, (code, out, err)
    return err.strip()


@pytest.mark.parametrize("where", [".", "articles", ".."])
def test_an_output_folder_overlapping_the_content_is_refused_and_nothing_is_deleted(bundled_copy, capsys,
                                                                                   monkeypatch, where):
    monkeypatch.chdir(bundled_copy.parent.parent)  # the content's parent is not where the command runs
    before = files(bundled_copy)
    output = (bundled_copy / where).resolve()
    err = refused(capsys, ["build", "--content-dir", str(bundled_copy), "--output-dir", str(output)])
    assert err.startswith(f"error: {output}: the output folder overlaps the content folder {bundled_copy} — "
                          "give --output-dir a folder of its own")
    assert files(bundled_copy) == before


def test_the_folder_the_command_runs_in_is_refused_as_output(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    err = refused(capsys, ["build", "--content-dir", str(ROOT / "content"), "--output-dir", "."])
    assert "the output folder holds the folder the command runs in" in err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_folder_of_other_files_is_refused_as_output(tmp_path, capsys):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos/cover.jpg").write_bytes(b"jpeg")
    err = refused(capsys, ["build", "--content-dir", str(ROOT / "content"), "--output-dir", str(tmp_path / "photos")])
    assert err == (f"error: {tmp_path / 'photos'}: the folder holds files but no built site: the build would "
                   "delete them — empty the folder yourself, or give --output-dir another folder")
    assert (tmp_path / "photos/cover.jpg").read_bytes() == b"jpeg"


def test_a_built_site_holding_markdown_is_refused_as_output(tmp_path, capsys):
    site = tmp_path / "site"
    (site / "drafts").mkdir(parents=True)
    (site / "index.html").write_text("<title>site</title>", encoding="utf-8")
    (site / "drafts/07.md").write_text("---\ntitle: 草稿\n---\n", encoding="utf-8")
    err = refused(capsys, ["build", "--content-dir", str(ROOT / "content"), "--output-dir", str(site)])
    assert err.startswith(f"error: {site / 'drafts/07.md'}: a build never writes this file, and would delete it")
    assert (site / "drafts/07.md").exists()


def test_a_published_link_is_refused_as_output(tmp_path, capsys):
    release = tmp_path / "site.releases/20171010T080000Z"
    release.mkdir(parents=True)
    (release / "index.html").write_text("<title>published</title>", encoding="utf-8")
    (release / "404.html").write_text("<title>404</title>", encoding="utf-8")
    (tmp_path / "site").symlink_to("site.releases/20171010T080000Z")
    err = refused(capsys, ["build", "--content-dir", str(ROOT / "content"), "--output-dir", str(tmp_path / "site")])
    assert err.startswith(f"error: {tmp_path / 'site'}: is a link (a published site")
    assert files(release) == {"index.html": b"<title>published</title>", "404.html": b"<title>404</title>"}


@pytest.mark.parametrize("command", [["build", "--output-dir", "{out}"], ["check"]])
def test_a_missing_content_folder_is_one_line(tmp_path, capsys, command):
    argv = [part.format(out=tmp_path / "out") for part in command]
    err = refused(capsys, [*argv, "--content-dir", str(tmp_path / "nowhere")])
    assert err == (f"error: {tmp_path / 'nowhere'}: the content folder does not exist — give --content-dir the "
                   "folder that holds issues/ and articles/ (default: content)")
    assert not (tmp_path / "nowhere").exists() and not (tmp_path / "out").exists()


def test_the_quick_start_script_serves_with_the_defaults_and_passes_options_on():
    script = (ROOT / "serve.sh").read_text(encoding="utf-8")
    assert "bash scripts/setup.sh" in script
    assert script.rstrip().endswith('exec .venv/bin/invoke serve "$@"')  # port 8000, content/, output/


def test_a_busy_port_names_the_command_the_editor_typed(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("QHGY_SERVE_COMMAND", "bash serve.sh")  # as serve.sh sets it
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        err = refused(capsys, ["serve", "--output-dir", str(tmp_path / "out"), "--port", str(port)])
    assert err.startswith(f"error: port {port} is in use — choose another with --port, e.g. bash serve.sh --port ")


def test_the_default_output_folder_is_output_under_where_the_command_runs():
    args = cli.parser().parse_args(["serve"])
    assert (args.content_dir, args.output_dir, args.port, args.bind) == (
        Path("content"), Path("output"), 8000, "127.0.0.1")
