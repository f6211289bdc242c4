"""The synthetic archive generator (devtools.archive_gen): real content format, realistic text."""

import re

import pytest

from devtools.archive_gen import generate_archive, pair_statistics
from qhgy.check import check_content, load_journal

from conftest import CONTENT


@pytest.fixture(scope="module")
def real_bodies():
    return [a.body for a in load_journal(CONTENT).articles]


@pytest.fixture(scope="module")
def archive(tmp_path_factory, real_bodies):
    dest = tmp_path_factory.mktemp("archive") / "content"
    written = generate_archive(dest, issues=8, start_year=2020, seed=7, domain_texts=real_bodies)
    return dest, written


def test_it_writes_valid_content_in_the_projects_format(archive):
    dest, written = archive
    checked = check_content(dest)
    assert checked.problems == []
    content = checked.journal
    assert len(content.issues) == 8 and len(content.articles) == written and 8 * 40 <= written <= 8 * 60
    refs = {i.ref for i in content.issues}
    assert refs == {"2020/11-12", "2020/9-10", "2020/7-8", "2020/5-6", "2020/3-4", "2020/1-2", "2019/11-12", "2019/9-10"}
    orders = [a.order for a in content.articles if a.issue_ref == "2020/9-10"]
    assert orders == list(range(1, len(orders) + 1))


def test_the_same_seed_writes_the_same_archive(tmp_path, real_bodies):
    first, second = tmp_path / "a", tmp_path / "b"
    generate_archive(first, issues=1, seed=3, domain_texts=real_bodies)
    generate_archive(second, issues=1, seed=3, domain_texts=real_bodies)
    assert [p.read_bytes() for p in sorted(first.rglob("*.md"))] == [p.read_bytes() for p in sorted(second.rglob("*.md"))]


def test_authors_include_homophones_and_sections_have_sub_columns(archive):
    content = load_journal(archive[0])
    authors = {name for a in content.articles for name in a.author_names}
    assert len(authors) > 100 and {"汪军", "王军"} & authors
    assert any(a.subcolumn for a in content.articles)
    assert {a.section for a in content.articles} >= {"信息短播", "理论与实践"}


def test_its_text_is_not_the_samples_paragraphs_reused(archive, real_bodies):
    generated = "\n".join(a.body for a in load_journal(archive[0]).articles)
    sentences = {s for body in real_bodies for s in re.split(r"[。！？\n]", body) if len(s) >= 12}
    assert not any(s in generated for s in sentences)


def test_character_pairs_fall_off_with_rank_as_the_real_issues_do(archive, real_bodies):
    generated = [a.body for a in load_journal(archive[0]).articles][: len(real_bodies)]
    gen, real = pair_statistics(generated), pair_statistics(real_bodies)
    assert abs(gen["slope_10_1000"] - real["slope_10_1000"]) < 0.15, (gen, real)
    assert 0.04 < gen["top100_share"] < 0.35 and gen["once_share"] > 0.5
