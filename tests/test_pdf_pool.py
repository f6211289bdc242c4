"""The print PDFs at archive scale (qhgy.pdf.pool, qhgy.pdf.build): worker processes render the
same bytes as the build's own process, a worker's Typst error names the document, and on a small
generated archive a rebuild renders and rewrites nothing, while a corrected article renders
exactly its own PDF and its issue's."""

import pickle
from pathlib import Path

import pytest

from qhgy.build_cache import worker_count
from qhgy.check import load_journal
from qhgy.errors import QhgyError
from qhgy.images import FontError, ImageError
from qhgy.pdf import pool as pool_module
from qhgy.pdf.build import render_journal_pdfs
from qhgy.pdf.documents import PageSettings, article_document
from qhgy.pdf.pool import Job, render_jobs
from qhgy.pdf.render import PdfError, Renderer

from devtools.archive_gen import generate_archive
from test_pdf_render import article


def jobs_for(renderer: Renderer, out: Path, texts: list[str], page: PageSettings = PageSettings()) -> list[Job]:
    jobs = []
    for n, text in enumerate(texts):
        document = article_document(article(), [{"t": "p", "c": [text]}], page)
        jobs.append(Job(renderer.key(document), f"content/articles/2017/9-10/{n:02d}.md", [out / f"{n:02d}.pdf"],
                        lambda document=document: document))
    return jobs


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.pdf"))}


def state(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*.pdf")}


@pytest.mark.parametrize("error", [PdfError("content/articles/2017/9-10/07.md", "Typst could not set it", "fix it", 3),
                                   ImageError("content/issues/2017/9-10/issue.yaml", "no photo", "put it back"),
                                   FontError("/usr/share/fonts/x.ttc", "no font", "install it")])
def test_errors_raised_in_a_worker_come_back_whole(error):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and isinstance(again, QhgyError)
    assert (again.path, again.problem, again.fix, again.line, str(again)) == \
           (error.path, error.problem, error.fix, error.line, str(error))


def test_the_pool_renders_the_same_bytes_as_the_build_itself(tmp_path):
    texts = [f"第{n}篇正文，工会组织职工开展技能竞赛。" for n in range(pool_module.POOL_FROM)]
    serial = Renderer(cache=tmp_path / "serial-cache", root=tmp_path)
    render_jobs(serial, jobs_for(serial, tmp_path / "serial", texts), workers=1)
    pooled = Renderer(cache=tmp_path / "pool-cache", root=tmp_path)
    render_jobs(pooled, jobs_for(pooled, tmp_path / "pool", texts), workers=2)
    assert pooled.rendered == serial.rendered == [f"content/articles/2017/9-10/{n:02d}.md" for n in range(len(texts))]
    assert files(tmp_path / "pool") == files(tmp_path / "serial") and len(files(tmp_path / "pool")) == len(texts)


def test_a_typst_failure_in_a_worker_names_the_document(tmp_path):
    renderer = Renderer(cache=tmp_path / "cache", root=tmp_path)
    texts = [f"第{n}篇" for n in range(pool_module.POOL_FROM)]
    jobs = jobs_for(renderer, tmp_path / "out", texts)
    wrong = article_document(article(), [{"t": "p", "c": ["正文"]}], PageSettings(font="No Such Font SC"))
    jobs[5] = Job(renderer.key(wrong), "content/articles/2017/9-10/05.md", [tmp_path / "out/05.pdf"], lambda: wrong)
    with pytest.raises(PdfError) as caught:
        render_jobs(renderer, jobs, workers=2)
    assert str(caught.value).startswith("content/articles/2017/9-10/05.md: Typst warned, so the PDF is not written")
    assert not renderer.cached(jobs[5].key).exists() and not (tmp_path / "out/05.pdf").exists()


def test_qhgy_jobs_sets_the_number_of_workers_and_a_wrong_value_is_refused(monkeypatch):
    monkeypatch.setenv("QHGY_JOBS", "3")
    assert worker_count() == 3
    monkeypatch.setenv("QHGY_JOBS", "many")
    with pytest.raises(QhgyError, match="QHGY_JOBS is 'many'"):
        worker_count()


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("archive") / "content"
    generate_archive(content, 2, articles_per_issue=6)
    return content


def journal_of(content: Path):
    journal = load_journal(content)
    journal.render_bodies()  # the site's Markdown, as the build gives the PDFs each article's html
    return journal


def test_a_rebuild_renders_only_what_changed_and_rewrites_nothing_else(archive, tmp_path):
    cache, out, page = tmp_path / "cache", tmp_path / "out", PageSettings()
    journal = journal_of(archive)
    first = render_journal_pdfs(journal, out, page, cache, workers=2)
    assert len(first) == len(journal.articles) + len(journal.issues)
    before = state(out)

    assert render_journal_pdfs(journal_of(archive), out, page, cache, workers=2) == []  # nothing changed
    assert state(out) == before  # every file kept: same inode, same time

    corrected = sorted((archive / "articles").rglob("*.md"))[3]
    text = corrected.read_text(encoding="utf-8")
    corrected.write_text(text + "\n更正：补记一段。\n", encoding="utf-8")
    try:
        journal = journal_of(archive)
        [piece] = [a for a in journal.articles if a.path.resolve() == corrected.resolve()]
        assert render_journal_pdfs(journal, out, page, cache, workers=2) == [str(piece.path), f"issue {piece.issue.ref}"]
        after = state(out)
        changed = {name for name in after if after[name] != before[name]}
        assert changed == {piece.pdf_path, piece.issue.pdf_path}

        cold = tmp_path / "cold"  # the same bytes as a cold build's
        render_journal_pdfs(journal_of(archive), cold, page, tmp_path / "cold-cache", workers=1)
        assert files(cold) == files(out)
    finally:
        corrected.write_text(text, encoding="utf-8")
