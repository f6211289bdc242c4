"""The import command end to end: files written, re-import safety, atomic writes, bad input."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qhgy.cli import main
from qhgy.importer import write as write_module
from qhgy.importer.pipeline import import_issue
from qhgy.importer.write import KEPT, STALE, UNCHANGED, UPDATED, WriteError

from conftest import FIXTURES, ROOT, SAMPLE


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "qhgy", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_python_m_import_writes_issue_articles_and_page(scratch_content):
    result = run_cli("import", SAMPLE, "--content-dir", scratch_content)
    assert result.returncode == 0, result.stderr
    articles = sorted((scratch_content / "articles/2017/9-10").glob("*.md"))
    assert len(articles) == 55 and articles[0].name == "01.md" and articles[-1].name == "56.md"
    assert (scratch_content / "pages/calls/2017-9-10.md").exists()
    issue_dir = scratch_content / "issues/2017/9-10"
    assert {p.name for p in issue_dir.iterdir()} == {
        "issue.yaml", "qhgy-2017-09-10.txt", "import-report.txt", "import-manifest.json"}
    assert (issue_dir / "qhgy-2017-09-10.txt").read_bytes() == SAMPLE.read_bytes()
    report = (issue_dir / "import-report.txt").read_text(encoding="utf-8")
    assert report in result.stdout  # printed and saved
    assert "在省委群团改革工作座谈会上的发言 — 王霞（西宁市委常委、市总工会主席）" in report
    assert "Files: 60 new" in result.stdout


def test_issue_file(scratch_content):
    import yaml

    import_issue(SAMPLE, scratch_content)
    issue = yaml.safe_load((scratch_content / "issues/2017/9-10/issue.yaml").read_text(encoding="utf-8"))
    assert (issue["year"], issue["number"], issue["date"]) == ("2017", "9-10", "2017-10-10")
    assert issue["masthead"][0] == {"role": "主编", "names": ["李忠"]}
    assert issue["contact"]["email"] == "qhgy2017@163.com"
    assert issue["contact"]["phone"] == ["(0971)8804231", "8804826"]
    assert issue["contact"]["postcode"] == "810007"
    assert issue["cover_credit"] == "刘家赢 摄"
    assert [s["name"] for s in issue["sections"]][-1] == "信息短播"


def test_numbers_are_quoted_strings_in_the_yaml(scratch_content):
    import_issue(SAMPLE, scratch_content)
    text = (scratch_content / "articles/2017/9-10/07.md").read_text(encoding="utf-8")
    assert "order: '07'\n" in text and "first_page: '9'\n" in text and "date: '2017-10-10'\n" in text
    issue = (scratch_content / "issues/2017/9-10/issue.yaml").read_text(encoding="utf-8")
    assert "number: '9-10'\n" in issue


def test_reimport_is_byte_identical(scratch_content):
    import_issue(SAMPLE, scratch_content)
    before = tree(scratch_content)
    _, outcomes = import_issue(SAMPLE, scratch_content)
    assert tree(scratch_content) == before
    assert {o.status for o in outcomes} == {UNCHANGED}


def test_edited_article_is_kept_and_force_backs_it_up(scratch_content, tmp_path):
    import_issue(SAMPLE, scratch_content)
    article = scratch_content / "articles/2017/9-10/07.md"
    edited = article.read_text(encoding="utf-8").replace("title: 在省委群团改革工作座谈会上的发言",
                                                          "title: 在省委群团改革工作座谈会上的发言（王霞）")
    article.write_text(edited, encoding="utf-8")
    _, outcomes = import_issue(SAMPLE, scratch_content)
    assert article.read_text(encoding="utf-8") == edited
    assert [o.path for o in outcomes if o.status == KEPT] == ["articles/2017/9-10/07.md"]
    # Kept again on the next import: the manifest still records the importer's version.
    import_issue(SAMPLE, scratch_content)
    assert article.read_text(encoding="utf-8") == edited

    backups = tmp_path / "backups"
    result = run_cli("import", SAMPLE, "--content-dir", scratch_content, "--force")
    assert result.returncode == 0, result.stderr
    assert "（王霞）" not in article.read_text(encoding="utf-8")
    saved = list(backups.rglob("07.md"))
    assert len(saved) == 1 and saved[0].read_text(encoding="utf-8") == edited
    assert not any(p.suffix == ".md" for p in scratch_content.rglob("*") if "backup" in str(p))
    assert "saved as" in result.stdout


def test_unedited_article_follows_a_corrected_source(tmp_path, scratch_content):
    source = tmp_path / "small.txt"
    text = (FIXTURES / "small_issue.txt").read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    import_issue(source, scratch_content)
    source.write_text(text.replace("20名劳模参加座谈", "25名劳模参加座谈"), encoding="utf-8")
    _, outcomes = import_issue(source, scratch_content)
    status = {o.path: o.status for o in outcomes}
    assert status["articles/2018/3/04.md"] == UPDATED
    assert "25名劳模" in (scratch_content / "articles/2018/3/04.md").read_text(encoding="utf-8")
    assert status["articles/2018/3/05.md"] == UNCHANGED


def test_failure_part_way_leaves_the_content_folder_as_it_was(tmp_path, scratch_content, monkeypatch):
    source = tmp_path / "small.txt"
    text = (FIXTURES / "small_issue.txt").read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    import_issue(source, scratch_content)
    (scratch_content / "articles/2018/3/02.md").write_text("---\ntitle: x\n---\n\nhand edit\n", encoding="utf-8")
    before = tree(scratch_content)
    # A corrected source: three articles change, and --force replaces the edited one.
    source.write_text(text.replace("20名劳模", "25名劳模").replace("120 万元", "130 万元")
                      .replace("集体协商推进会", "集体协商推进大会"), encoding="utf-8")
    real_replace = os.replace
    calls = {"n": 0}

    def failing_replace(src, dst):
        calls["n"] += 1
        if calls["n"] == 5:  # after two files have been moved into place
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(write_module.os, "replace", failing_replace)
    with pytest.raises(WriteError, match="disk full; nothing was changed"):
        import_issue(source, scratch_content, force=True)
    assert calls["n"] > 5  # the failure happened, and the rollback moved files back
    assert tree(scratch_content) == before
    assert not list(scratch_content.parent.glob(".import-staging-*"))


def test_an_unreadable_content_file_stops_the_import_with_nothing_written(tmp_path, scratch_content, monkeypatch):
    source = tmp_path / "small.txt"
    source.write_text((FIXTURES / "small_issue.txt").read_text(encoding="utf-8"), encoding="utf-8")
    import_issue(source, scratch_content)
    locked = scratch_content / "articles/2018/3/02.md"
    locked.write_text("---\ntitle: x\n---\n\nhand edit\n", encoding="utf-8")
    before = tree(scratch_content)
    real_read_bytes = Path.read_bytes

    def refuse(self):  # as chmod 000 would, also when the tests run as root
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(WriteError, match=r"02\.md: cannot be read .*Permission denied.*nothing was written — check"):
        import_issue(source, scratch_content, force=True)
    monkeypatch.undo()
    assert tree(scratch_content) == before


def test_failure_on_a_fresh_folder_leaves_nothing(scratch_content, monkeypatch):
    real_replace = os.replace

    def failing_replace(src, dst):
        if str(dst).endswith("30.md"):
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(write_module.os, "replace", failing_replace)
    with pytest.raises(WriteError, match="disk full"):
        import_issue(SAMPLE, scratch_content)
    assert not scratch_content.exists() or not any(p.is_file() for p in scratch_content.rglob("*"))


def test_invoke_task_imports(scratch_content):
    invoke = Path(sys.executable).parent / "invoke"
    result = subprocess.run([str(invoke), "import-issue", str(SAMPLE), "--content-dir", str(scratch_content)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(list((scratch_content / "articles/2017/9-10").glob("*.md"))) == 55


def test_main_returns_nonzero_and_one_line_on_error(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["import", str(empty), "--content-dir", str(tmp_path / "content")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "empty.txt" in err


def test_an_edited_file_that_would_hold_another_piece_stops_the_import(tmp_path, scratch_content):
    source = tmp_path / "small.txt"
    text = (FIXTURES / "small_issue.txt").read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    import_issue(source, scratch_content)
    edited = scratch_content / "articles/2018/3/04.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n编者按：校对时补充。\n", encoding="utf-8")
    before = tree(scratch_content)
    # the corrected source lists one more piece before 04: every later piece moves one place
    source.write_text(text.replace("海东市总工会举办劳模座谈会……07\n", "新增的一篇……07\n海东市总工会举办劳模座谈会……07\n")
                      .replace("海东市总工会举办劳模座谈会\n\n5月1日", "新增的一篇\n\n新增文章的正文，内容充实，文字足够长。\n\n"
                               "海东市总工会举办劳模座谈会\n\n5月1日"), encoding="utf-8")
    with pytest.raises(WriteError, match="04.md: was edited by hand and holds '海东市总工会举办劳模座谈会'"):
        import_issue(source, scratch_content)
    assert tree(scratch_content) == before


def test_files_no_longer_produced_are_reported(tmp_path, scratch_content):
    source = tmp_path / "small.txt"
    text = (FIXTURES / "small_issue.txt").read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    import_issue(source, scratch_content)
    source.write_text(text[: text.index("省总工会召开全委会议")], encoding="utf-8")  # the unlisted last piece is gone
    _, outcomes = import_issue(source, scratch_content)
    assert [o.path for o in outcomes if o.status == STALE] == ["articles/2018/3/06.md"]
    assert (scratch_content / "articles/2018/3/06.md").exists()


def test_a_content_folder_that_is_a_file_is_a_clear_error(tmp_path):
    blocker = tmp_path / "content"
    blocker.write_text("not a folder")
    with pytest.raises(WriteError, match="cannot be written to"):
        import_issue(SAMPLE, blocker)


def _titles_as_body_text(tmp_path) -> Path:
    """The sample as a PDF whose titles are set like body text would read: the 目录 intact, but
    hardly a title of it printed above its article (here: every title in the body removed)."""
    from qhgy.importer.pipeline import plan_import

    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines()
    plan = plan_import(SAMPLE)
    titles = {item.draft.title for item in plan.items if item.piece.entry is not None}
    body_start = plan.toc.end
    kept = lines[:body_start] + [line for line in lines[body_start:] if line.strip() not in titles
                                 and not any(line.strip() and line.strip() in t for t in titles)]
    path = tmp_path / "qhgy-2017-09-10.txt"
    path.write_text("\n".join(kept), encoding="utf-8")
    return path


def test_an_import_that_finds_few_articles_stops_and_writes_nothing(tmp_path, scratch_content):
    source = _titles_as_body_text(tmp_path)
    result = run_cli("import", source, "--content-dir", scratch_content)
    assert result.returncode == 1
    message = result.stderr.strip()
    assert "\n" not in message and str(source) in message
    found = int(message.split("only ")[1].split(" of ")[0])
    assert found < 0.8 * 53 and "of the 53 articles of the 目录 were found in the body" in message
    assert ".txt" in message and "--keep-partial" in message
    assert not scratch_content.exists()
    kept = run_cli("import", source, "--content-dir", scratch_content, "--keep-partial")
    assert kept.returncode == 0, kept.stderr
    report = (scratch_content / "issues/2017/9-10/import-report.txt").read_text(encoding="utf-8")
    drafts = int(report.split("Drafts to fill in: ")[1].split(" ")[0])
    assert drafts == 53 - found and drafts == sum(
        "status: draft" in p.read_text(encoding="utf-8") for p in (scratch_content / "articles").rglob("*.md"))
    # and the check names each of them: a draft with no text is a warning, counted, that stops nothing
    check = run_cli("check", "--content-dir", scratch_content)
    assert check.returncode == 0 and (check.stdout + check.stderr).count("is a draft with no text") == drafts


def test_the_sample_imports_with_no_draft_to_fill_in(scratch_content):
    assert run_cli("import", SAMPLE, "--content-dir", scratch_content).returncode == 0
    report = (scratch_content / "issues/2017/9-10/import-report.txt").read_text(encoding="utf-8")
    assert "Drafts to fill in: 0\n" in report
    assert run_cli("check", "--content-dir", scratch_content).returncode == 0
