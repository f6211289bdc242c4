"""Damaged variants of the real issue: the importer either imports them or says why in one
QhgyError; it never crashes with another exception."""

import random

import pytest

from qhgy.errors import QhgyError
from qhgy.importer.pipeline import plan_import


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


@pytest.mark.parametrize("seed", range(4))
def test_damaged_variants_import_or_fail_cleanly(tmp_path, sample_text, seed):
    imported = refused = 0
    for n, text in enumerate(variants(sample_text, 12, seed)):
        path = tmp_path / f"variant-{n}.txt"
        path.write_text(text, encoding="utf-8")
        try:
            plan = plan_import(path)
        except QhgyError as err:
            assert str(path) in str(err)
            refused += 1
        else:
            assert plan.items and all(item.meta.get("title") for item in plan.items)
            imported += 1
    assert imported + refused == 12
