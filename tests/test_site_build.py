"""A real Pelican build of the bundled content (the full site comes with the site issue)."""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import CONTENT, ROOT


def build(content, output):
    return subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(output),
                           "--fatal", "errors"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "250"})  # Pelican's log crops long paths at 80


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("site") / "output"
    result = build(CONTENT, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_every_article_at_its_issue_and_order_url(site):
    pages = sorted((site / "2017/9-10").glob("*/index.html"))
    assert len(pages) == 55
    assert (site / "2017/9-10/07/index.html").exists()
    assert not list(site.glob("*zh-CN*"))  # no article taken for a translation


def test_markdown_renders_bold_and_captions(site):
    html = (site / "2017/9-10/05/index.html").read_text(encoding="utf-8")
    assert "<strong>在做实做强基层工作基础上深入推进。</strong>深入开展" in html
    cover = (site / "2017/9-10/01/index.html").read_text(encoding="utf-8")
    assert '<figure class="caption">' in cover and "<figcaption>座谈会现场</figcaption>" in cover
    for page in (site / "2017/9-10").glob("*/index.html"):
        assert "**" not in page.read_text(encoding="utf-8"), page


def test_invalid_content_stops_the_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    article = content / "articles/2017/9-10/07.md"
    article.write_text(article.read_text(encoding="utf-8").replace("order: '07'", "order: 7"), encoding="utf-8")
    result = build(content, tmp_path / "output")
    assert result.returncode != 0
    assert "07.md" in result.stdout + result.stderr
    assert not (tmp_path / "output/2017").exists()
