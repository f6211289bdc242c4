"""Nothing an editor did is lost by any task: check, build, preview into another folder, publish
and rollback read the content folder and never write into it (the URL ids of names already
recorded stay as they are), and a re-import keeps the hand-edited articles (tests/test_import.py
and tests/test_bundled_content.py hold the import's side)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from qhgy.cli import main

from conftest import CONTENT


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_check_build_publish_and_rollback_leave_the_content_as_the_editor_left_it(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    # the editor's hand work: a corrected article and a note in an issue's folder
    article = content / "articles" / "2017" / "9-10" / "07.md"
    article.write_text(article.read_text(encoding="utf-8").replace("根据会议安排", "根据会议的安排"), encoding="utf-8")
    (content / "issues" / "2017" / "9-10" / "校对记录.txt").write_text("第7篇已校\n", encoding="utf-8")
    before = _snapshot(content)

    site = tmp_path / "site"
    assert main(["check", "--content-dir", str(content)]) == 0
    assert main(["build", "--content-dir", str(content), "--output-dir", str(tmp_path / "output")]) == 0
    assert main(["publish", "--content-dir", str(content), "--output-dir", str(site)]) == 0
    assert main(["publish", "--content-dir", str(content), "--output-dir", str(site)]) == 0
    assert main(["rollback", "--output-dir", str(site)]) == 0
    capsys.readouterr()

    assert _snapshot(content) == before
    assert "根据会议的安排" in (site / "2017" / "9-10" / "07" / "index.html").read_text(encoding="utf-8")


def test_a_build_into_the_content_folder_is_refused_and_deletes_nothing(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    before = _snapshot(content)
    assert main(["build", "--content-dir", str(content), "--output-dir", str(content)]) == 1
    assert str(content) in capsys.readouterr().err
    assert _snapshot(content) == before
