"""The preview server (qhgy.serve): the built site as the web server serves it, its 404 page for a
missing URL, the types of the files the build writes, and a busy port in one line."""

import contextlib
import socket
import threading
import urllib.error
import urllib.request

import pytest

from qhgy.cli import main
from qhgy.serve import ServeError, SiteServer


@contextlib.contextmanager
def serving(root):
    server = SiteServer(root, port=0)  # port 0: a free one, chosen by the system
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.url.rstrip("/")
    finally:
        server.shutdown()
        server.server_close()


def get(url, method="GET"):
    """(status, headers, body) whatever the status: urllib raises for 4xx, and the answer is in the error."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=60) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.headers, err.read()


@pytest.fixture(scope="module")
def base(site):
    with serving(site) as base:
        yield base


@contextlib.contextmanager
def occupied_port():
    """A port another program listens on."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


def test_a_missing_url_answers_404_with_the_sites_own_404_page(site, base):
    status, headers, body = get(f"{base}/2017/9-10/99/")
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == (site / "404.html").read_bytes()
    assert "<title>页面不存在 · 青海工运</title>" in body.decode("utf-8")


def test_a_head_request_for_a_missing_url_is_404_without_a_body(base):
    status, headers, body = get(f"{base}/no/such/page/", method="HEAD")
    assert status == 404 and body == b"" and int(headers["Content-Length"]) > 0


def test_home_and_an_issue_folder_answer_their_index_html(site, base):
    status, _, body = get(f"{base}/")
    assert status == 200 and body == (site / "index.html").read_bytes()
    status, headers, body = get(f"{base}/2017/9-10/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "《青海工运》2017年第9-10期" in body.decode("utf-8")
    # without the final slash: redirected to the folder (urllib follows), as the web server does
    status, _, body = get(f"{base}/2017/9-10")
    assert status == 200 and body == (site / "2017/9-10/index.html").read_bytes()


def test_a_folder_without_index_html_is_not_listed(site, base):
    folder = next(p for p in sorted(site.rglob("*")) if p.is_dir() and not (p / "index.html").exists())
    status, _, body = get(f"{base}/{folder.relative_to(site).as_posix()}/")
    assert status == 404 and body == (site / "404.html").read_bytes()


def test_the_built_files_go_out_with_their_types(site, base):
    pagefind = next(site.glob("pagefind/**/*.pf_meta"))
    expected = {
        "/sitemap.xml": "application/xml; charset=utf-8",
        "/robots.txt": "text/plain; charset=utf-8",
        "/pagefind/bundles.json": "application/json; charset=utf-8",
        "/2017/9-10/07/qhgy-2017-9-10-07.pdf": "application/pdf",
        f"/{pagefind.relative_to(site).as_posix()}": "application/octet-stream",
    }
    for path, kind in expected.items():
        status, headers, _ = get(base + path)
        assert (status, headers["Content-Type"]) == (200, kind), path


@pytest.mark.parametrize("name, kind", [("x.wasm", "application/wasm"), ("x.pf_index", "application/octet-stream"),
                                        ("x.pf_fragment", "application/octet-stream"),
                                        ("wasm.zh-cn.pagefind", "application/octet-stream"),
                                        ("feed.atom.xml", "application/xml; charset=utf-8"),
                                        ("x.json", "application/json; charset=utf-8")])
def test_types_pagefind_and_feeds_need(tmp_path, name, kind):
    (tmp_path / name).write_bytes(b"\0asm")
    with serving(tmp_path) as base:
        status, headers, body = get(f"{base}/{name}")
    assert (status, headers["Content-Type"], body) == (200, kind, b"\0asm")


def test_without_a_404_page_a_missing_url_is_still_404(tmp_path):
    (tmp_path / "index.html").write_text("<title>x</title>", encoding="utf-8")
    with serving(tmp_path) as base:
        assert get(f"{base}/gone/")[0] == 404


def test_a_busy_port_is_a_serve_error_naming_another_port():
    with occupied_port() as port:
        with pytest.raises(ServeError) as caught:
            SiteServer(".", port=port)
    message = str(caught.value)
    assert message.startswith(f"port {port} is in use — choose another with --port, e.g. invoke serve --port ")
    suggested = int(message.rsplit(" ", 1)[1])
    assert suggested != port


@pytest.mark.parametrize("command", ["serve", "livereload"])
def test_a_busy_port_is_one_line_and_exit_status_1(tmp_path, capsys, command):
    with occupied_port() as port:
        # the port is taken before anything is built: the content folder is not even read
        code = main([command, "--content-dir", str(tmp_path / "nothing"), "--output-dir", str(tmp_path / "out"),
                     "--port", str(port)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"error: port {port} is in use — choose another with --port, e.g. invoke {command} --port ")
    assert not (tmp_path / "out").exists()


def test_a_port_that_is_not_a_number_is_refused_by_the_command_line(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["serve", "--port", "eighty"])
    assert caught.value.code == 2
    assert "'eighty' is not a port" in capsys.readouterr().err
