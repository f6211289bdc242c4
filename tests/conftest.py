"""Shared fixtures: the real sample issue (the bundled content's source) and its import."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

# The tools speak Chinese by default (qhgy.i18n); tests read their messages in the English they are
# written in. Set for the whole session, so that session fixtures (an import plan) read English too;
# a test that wants Chinese sets QHGY_LANG=zh_CN itself.
os.environ["QHGY_LANG"] = "en"

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # pelicanconf, for the tests that read the settings
CONTENT = ROOT / "content"
SAMPLE = CONTENT / "issues" / "2017" / "9-10" / "qhgy-2017-09-10.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """The tools speak Chinese by default (qhgy.i18n); tests read their messages in the English they
    are written in, unless a test asks for Chinese (monkeypatch.setenv("QHGY_LANG", "zh_CN"))."""
    monkeypatch.setenv("QHGY_LANG", "en")


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_plan():
    from qhgy.importer.pipeline import plan_import

    return plan_import(SAMPLE)


@pytest.fixture(scope="session")
def items_by_title(sample_plan):
    """Title → item; the three speeches that share a title are keyed 'title/author'."""
    out = {}
    for item in sample_plan.items:
        key = item.draft.title
        if key in out or sum(i.draft.title == key for i in sample_plan.items) > 1:
            key = f"{key}/{item.draft.authors[0]}"
        out[key] = item
    return out


@pytest.fixture
def scratch_content(tmp_path) -> Path:
    return tmp_path / "content"


@pytest.fixture
def bundled_copy(tmp_path) -> Path:
    """A copy of the repository's content folder, to import into without touching the real one."""
    dest = tmp_path / "content"
    shutil.copytree(CONTENT, dest)
    return dest


@pytest.fixture(scope="session")
def sample_pdf(tmp_path_factory, sample_text) -> Path:
    """The sample issue rendered by typst into a two-column PDF with a real CJK text layer."""
    from pdf_fixtures import make_issue_pdf

    return make_issue_pdf(sample_text, tmp_path_factory.mktemp("pdf") / "qhgy-2017-09-10.pdf")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The bundled content built with the development settings."""
    from site_helpers import build_site

    output = tmp_path_factory.mktemp("site") / "output"
    result = build_site(output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The bundled content built with the production settings (absolute URLs, feeds)."""
    from site_helpers import build_site

    output = tmp_path_factory.mktemp("published") / "output"
    result = build_site(output, settings="publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    return output


# Browser tests: Debian's chromium through Playwright, one per test module (its sync API cannot
# nest), and the bundled site served on loopback.
@pytest.fixture(scope="module")
def browser():
    from devtools.browser import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def base(site):
    from devtools.browser import serve

    with serve(site) as base:
        yield base


@pytest.fixture(scope="module")
def page(browser):
    """A 1280 px page of the module's browser: a JavaScript error on any page it loads fails the module."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page
    page.close()
    assert errors == []


@pytest.fixture(scope="module")
def browser_page(browser, base):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield base, page
    page.close()
