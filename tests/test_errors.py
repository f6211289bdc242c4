"""One error family (qhgy.errors): everything the project raises is a QhgyError, which names the
file, the line where known, the problem and the fix; the command line prints it in one line."""

import ast
import importlib
import re
import subprocess
import sys
import typing

import pytest

from qhgy.errors import QhgyError

from conftest import ROOT

# Raised for a library's own protocol, not as an error of ours: argparse turns it into its usage message.
PROTOCOL = {("qhgy.cli", "argparse.ArgumentTypeError")}


def raised_names(path):
    """(line, dotted name) of every `raise Name(...)` in a file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            yield node.lineno, ast.unparse(node.exc.func)


def modules():
    for path in sorted((ROOT / "qhgy").rglob("*.py")):
        if path.name != "__main__.py":  # it runs the command line when imported
            yield path, ".".join(path.relative_to(ROOT).with_suffix("").parts)
    for path in sorted((ROOT / "plugins").glob("*/__init__.py")):
        yield path, path.parent.name


@pytest.mark.parametrize("path, module", list(modules()), ids=lambda v: str(v).split("/")[-1])
def test_everything_the_project_raises_is_a_qhgy_error(path, module):
    sys.path.insert(0, str(ROOT / "plugins"))
    try:
        loaded = importlib.import_module(module)
    finally:
        sys.path.pop(0)
    for line, name in raised_names(path):
        if (module, name) in PROTOCOL:
            continue
        obj = loaded
        for part in name.split("."):
            obj = getattr(obj, part)
        if not isinstance(obj, type):  # a function that makes the error: what it returns
            obj = typing.get_type_hints(obj).get("return")
        assert isinstance(obj, type) and issubclass(obj, QhgyError), f"{path.name}:{line} raises {name}"


def test_the_error_says_where_what_and_how_to_fix_it():
    err = QhgyError("content/articles/2017/9-10/07.md", "'order' is missing", "add it", 3)
    assert str(err) == "content/articles/2017/9-10/07.md:3: 'order' is missing — add it"


def test_a_failed_build_is_one_message_per_problem_and_a_non_zero_exit(bundled_copy, tmp_path):
    article = bundled_copy / "articles/2017/9-10/07.md"
    article.write_text(article.read_text(encoding="utf-8").replace("order: '07'", "order: 7"), encoding="utf-8")
    (bundled_copy / "articles/2017/9-10/08.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "qhgy", "build", "--content-dir", str(bundled_copy)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert "Traceback" not in done.stderr
    assert any("07.md" in l and "'order' must be a number written as a quoted string" in l for l in lines), lines
    assert any(re.search(r"08\.md:\d+: the YAML header does not parse", l) for l in lines), lines
    assert lines[-1] == f"2 problem(s) in {bundled_copy}/: fix them before building."
