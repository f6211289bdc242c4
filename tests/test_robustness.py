"""Damaged variants of the real issue: the importer either imports them whole or says why in one
QhgyError, writing nothing; it never crashes with another exception."""

import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from qhgy.errors import QhgyError
from qhgy.importer.model import Plan
from qhgy.importer.pipeline import import_issue

SEEDS = range(4)
PER_SEED = 12
LAST_PAGE = 56  # the last page the sample's 目录 lists; no piece of the issue lies beyond it
TOC_HEADING = re.compile(r"(?m)^\s*目\s*录")  # the test's own idea of the 目录 heading line


def variants(text: str, count: int, seed: int):
    rng = random.Random(seed)
    lines = text.split("\n")
    for n in range(count):
        kind = n % 4
        if kind == 0:  # truncated at a random line
            yield "\n".join(lines[: rng.randrange(len(lines))])
        elif kind == 1:  # random lines lost
            yield "\n".join(line for line in lines if rng.random() > 0.1)
        elif kind == 2:  # blank lines lost or doubled at random
            yield "\n".join(line for line in lines if line.strip() or rng.random() > 0.5).replace(
                "。\n", "。\n\n" if rng.random() > 0.5 else "。\n")
        else:  # two random lines swapped, a random line duplicated
            copy = list(lines)
            i, j = rng.randrange(len(copy)), rng.randrange(len(copy))
            copy[i], copy[j] = copy[j], copy[i]
            copy.insert(rng.randrange(len(copy)), copy[rng.randrange(len(copy))])
            yield "\n".join(copy)


@dataclass
class Outcome:
    name: str
    source: Path
    text: str
    content: Path
    plan: Plan | None = None
    error: QhgyError | None = None


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory, sample_text) -> list[Outcome]:
    """Every variant imported into a folder of its own; an exception other than QhgyError fails here."""
    done = []
    for seed in SEEDS:
        for n, text in enumerate(variants(sample_text, PER_SEED, seed)):
            folder = tmp_path_factory.mktemp(f"variant-{seed}-{n}")
            source = folder / "issue.txt"
            source.write_text(text, encoding="utf-8")
            outcome = Outcome(f"{seed}-{n}", source, text, folder / "content")
            try:
                outcome.plan, _ = import_issue(source, outcome.content)
            except QhgyError as err:
                outcome.error = err
            done.append(outcome)
    return done


def test_both_outcomes_occur_and_a_variant_without_its_toc_is_refused(outcomes):
    refused = {o.name for o in outcomes if o.error}
    assert refused and len(refused) < len(outcomes)  # the variants exercise both paths
    assert {o.name for o in outcomes if not TOC_HEADING.search(o.text)} <= refused


def test_a_refused_variant_names_the_file_and_the_fix_and_writes_nothing(outcomes):
    for o in (o for o in outcomes if o.error):
        err = o.error
        assert err.path == o.source and str(err).startswith(f"{o.source}"), o.name
        assert err.problem and err.fix and f" — {err.fix}" in str(err), o.name
        if err.line is not None:  # the line it names is in the file
            assert 1 <= err.line <= len(o.text.split("\n")), o.name
            assert str(err).startswith(f"{o.source}:{err.line}: "), o.name
        assert not o.content.exists(), o.name
        assert [p.name for p in o.source.parent.iterdir()] == [o.source.name], o.name  # no backups, no staging


def test_an_imported_variant_is_whole_numbered_and_paged(outcomes):
    for o in (o for o in outcomes if o.plan):
        items = o.plan.items
        assert items, o.name
        assert all(item.meta.get("title") and item.draft.title for item in items), o.name
        assert [item.order for item in items] == list(range(1, len(items) + 1)), o.name
        assert [item.meta["order"] for item in items] == [f"{n:02d}" for n in range(1, len(items) + 1)], o.name
        for item in items:
            assert 1 <= item.first_page <= item.last_page <= LAST_PAGE, (o.name, item.order)
            assert item.meta["first_page"] == str(item.first_page), (o.name, item.order)
        written = {str(p.relative_to(o.content)): p.read_bytes() for p in o.content.rglob("*") if p.is_file()}
        assert written == o.plan.files, o.name
