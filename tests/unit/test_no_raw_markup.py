"""Md(...) and Html(...) wrap literal templates only: anything else reaches a page through
their escaping (format, join, +). Checked on the source of every module that renders."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "build_scripts"
TRUSTED = {"render/markup.py"}  # where the types are defined


def raw_wraps(path: Path, base: Path = PACKAGE) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("Md", "Html"):
            literal = all(isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in node.args)
            if not literal or node.keywords:
                found.append(f"{path.relative_to(base).as_posix()}:{node.lineno}")
    return found


def test_markup_types_wrap_only_literals():
    offenders = [hit for path in sorted(PACKAGE.rglob("*.py")) if path.relative_to(PACKAGE).as_posix() not in TRUSTED
                 for hit in raw_wraps(path)]
    assert offenders == []


def test_the_check_finds_a_raw_wrap(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("x = Md(title)\ny = Html('<p>ok</p>')\nz = Md('a' + b)\nw = Md('a', x=1)\n", encoding="utf-8")
    assert raw_wraps(sample, tmp_path) == ["sample.py:1", "sample.py:3", "sample.py:4"]
