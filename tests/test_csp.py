"""The Content Security Policy (base.html's <meta>, deploy/qhgy-headers.conf's header) and the
icon: every page of the built site keeps to the policy, in the HTML and in Debian's chromium."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from devtools.browser import serve

HEADERS = ROOT / "deploy" / "qhgy-headers.conf"
SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript"}  # others are data, never run


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.policies: list[str] = []
        self.inline_scripts: list[str] = []
        self.style_elements = 0
        self.style_attributes: list[str] = []
        self.handlers: list[str] = []
        self.js_urls: list[str] = []
        self._script = None
        self.before_policy = []  # elements that load or run something before the policy is read

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(a.get("content", ""))
        elif not self.policies and tag in ("script", "link", "style", "img"):
            self.before_policy.append(tag)
        if tag == "script" and not a.get("src") and (a.get("type") or "").lower() in SCRIPT_TYPES:
            self._script = []
        if tag == "style":
            self.style_elements += 1
        for name, value in attrs:
            if name == "style":
                self.style_attributes.append(f"<{tag} style={value}>")
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.js_urls.append(value)

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_states_one_strict_policy_before_anything_loads(site):
    policies = set()
    for page in pages(site):
        head = _Head()
        head.feed(page.read_text(encoding="utf-8"))
        assert len(head.policies) == 1, page
        assert head.before_policy == [], page
        policies.add(head.policies[0])
    assert len(policies) == 1
    policy = directives(policies.pop())
    assert policy["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in sum(policy.values(), []) and "'unsafe-eval'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'"]
    assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert "frame-ancestors" not in policy  # ignored in a <meta>: the header says it


def test_no_inline_script_or_style_runs_but_those_the_policy_hashes(site):
    problems = []
    hashes_used = set()
    for page in pages(site):
        head = _Head()
        head.feed(page.read_text(encoding="utf-8"))
        allowed = directives(head.policies[0])["script-src"]
        for script in head.inline_scripts:
            hashes_used.add(sha256(script))
            if sha256(script) not in allowed:
                problems.append(f"{page.relative_to(site)}: inline script {script[:40]!r} needs {sha256(script)}")
        problems += [f"{page.relative_to(site)}: {x}" for x in head.style_attributes + head.handlers + head.js_urls]
        if head.style_elements:
            problems.append(f"{page.relative_to(site)}: <style> element")
    assert problems == []
    policy_hashes = {h for h in directives(head.policies[0])["script-src"] if h.startswith("'sha256-")}
    assert policy_hashes == hashes_used  # no hash left for a script that is gone


def test_the_nginx_header_is_the_meta_policy_plus_what_only_a_header_can_say(site):
    header = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', HEADERS.read_text(encoding="utf-8"))
    assert header, HEADERS
    head = _Head()
    head.feed((site / "index.html").read_text(encoding="utf-8"))
    meta, sent = directives(head.policies[0]), directives(header.group(1))
    assert sent.pop("frame-ancestors") == ["'none'"]
    assert sent.pop("upgrade-insecure-requests") == []
    assert sent == meta
    headers = HEADERS.read_text(encoding="utf-8")
    for name in ("X-Content-Type-Options", "Referrer-Policy", "Strict-Transport-Security"):
        assert f"add_header {name} " in headers
    nginx = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "error_page 404 /404.html;" in nginx and "gzip on;" in nginx
    assert "include snippets/qhgy-headers.conf;" in nginx


def test_the_icon_is_linked_and_is_an_svg_and_an_ico(site):
    from PIL import Image

    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="icon" href="/theme/favicon.svg" type="image/svg+xml">' in home
    assert '<link rel="icon" href="/theme/favicon.ico"' in home
    svg = (site / "theme" / "favicon.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and 'fill="#9b1c1c"' in svg
    with Image.open(site / "theme" / "favicon.ico") as icon:
        assert icon.format == "ICO" and {(16, 16), (32, 32)} <= set(icon.info["sizes"])


def test_the_committed_icons_are_what_the_drawing_script_makes(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("favicon", ROOT / "theme" / "favicon.py")
    favicon = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(favicon)
    assert (ROOT / "theme" / "static" / "favicon.svg").read_text(encoding="utf-8") == favicon.svg()
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert f"--accent: {favicon.RED};" in css  # the journal's red of the theme


# ---- in the browser: every kind of page, served with the nginx sample's headers (as the web
# server sends them: the header's policy also binds Pagefind's worker, which a <meta> does not
# reach), no violation reported

CALL = "/call-for-submissions-2017-9-10/"
PAGES = {"home": "/", "archive": "/archive/", "issue": "/2017/9-10/", "article": "/2017/9-10/07/",
         "sections": "/sections/", "section": "/sections/xin-xi-duan-bo/", "authors": "/authors/",
         "author": "/authors/li-zhong/", "tags": "/tags/",  # the bundled issue has no tag pages
         "about": "/about/", "call for submissions": CALL,
         "search": "/search/?q=%E5%86%9C%E6%B0%91%E5%B7%A5", "404": "/404.html"}

# Collected before any script of the page runs (an init script is not subject to the page's policy).
LISTEN = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));"""


def nginx_headers() -> list[tuple[str, str]]:
    """The headers of deploy/qhgy-headers.conf; upgrade-insecure-requests left out, for the test
    server is http on loopback (it would send every request of the page to https)."""
    found = re.findall(r'^add_header ([\w-]+) "([^"]*)" always;', HEADERS.read_text(encoding="utf-8"), re.M)
    return [(name, value.replace("; upgrade-insecure-requests", "")) for name, value in found]


def serve_with_headers(root: Path, headers: list[tuple[str, str]]):
    return serve(root, headers=headers)


@pytest.fixture(scope="module")
def served(site):
    with serve_with_headers(site, nginx_headers()) as url:
        yield url


def visit(browser, url: str, search: str = "") -> list[str]:
    """The violations reported while a page loads (and, search: reaches that state)."""
    page = browser.new_page()
    reported = []
    page.on("console", lambda m: reported.append(m.text) if "content security policy" in m.text.lower() else None)
    page.add_init_script(LISTEN)
    try:
        response = page.goto(url)
        assert response.ok, url
        if search:
            page.wait_for_function(
                "() => ['done', 'error'].includes(document.querySelector('[data-search]').dataset.state)")
            assert page.evaluate("document.querySelector('[data-search]').dataset.state") == search
        page.wait_for_load_state("networkidle")
        return page.evaluate("window.__csp") + reported
    finally:
        page.close()


def test_the_test_server_sends_the_policy_header(served):
    import urllib.request

    with urllib.request.urlopen(served + "/about/") as answer:
        assert "'wasm-unsafe-eval'" in answer.headers["Content-Security-Policy"]
        assert answer.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", PAGES)
def test_no_page_breaks_the_policy_in_the_browser(browser, served, site, name):
    path = PAGES[name].split("?")[0].lstrip("/")
    assert (site / path).is_file() or (site / path / "index.html").is_file(), path
    assert visit(browser, served + PAGES[name], search="done" if name == "search" else "") == []


def test_the_search_shows_results_under_the_policy(browser, served):
    page = browser.new_page()
    try:
        page.goto(served + PAGES["search"])
        page.wait_for_function("() => document.querySelector('[data-search]').dataset.state == 'done'")
        assert page.locator(".search-result").count() > 0
    finally:
        page.close()


def test_the_browser_reports_a_violation_this_test_would_see(browser, base):
    """The listener works: an inline script added to a page is blocked (by the <meta> alone) and reported."""
    page = browser.new_page()
    page.add_init_script(LISTEN)
    try:
        page.goto(base + "/about/")
        page.evaluate("""() => { const s = document.createElement('script');
            s.textContent = 'window.__ran = 1'; document.body.append(s); }""")
        page.wait_for_function("() => window.__csp.length > 0")
        assert page.evaluate("window.__ran") is None
        assert page.evaluate("window.__csp")[0].startswith("script-src")
    finally:
        page.close()


def test_search_needs_wasm_unsafe_eval(browser, site):
    """Without 'wasm-unsafe-eval' Pagefind's WebAssembly (in its worker) is refused and the search
    fails: the directive is needed, and a violation in the worker is seen by `visit`."""
    headers = [(n, v.replace(" 'wasm-unsafe-eval'", "")) for n, v in nginx_headers()]
    with serve_with_headers(site, headers) as url:
        reported = visit(browser, url + PAGES["search"], search="error")
    assert any("WebAssembly" in message for message in reported), reported
