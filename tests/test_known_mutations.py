"""Small deliberate mistakes in the code must each fail a test.

Each case copies the package and the tests into a temporary folder, makes one
small change to the code (the kind of slip a review can miss), and runs the tests
that guard that code: they must fail. A control run of the unchanged copy must
pass, so a failure is the mutation's doing. ``scripts/mutation-score.sh`` does
the same for every mutant mutmut can make, and prints the score.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("build_scripts", "tests", "sources", "overrides", "pytest.ini")

# (what is changed, file, the code, the mistake, the tests that must catch it)
MUTATIONS = [
    ("the writer's refusal to write a path twice", "build_scripts/render/writer.py",
     "        if key in self.written:\n", "        if False:\n", "tests/unit/test_writer.py"),
    ("one_line", "build_scripts/render/markup.py",
     '    return _LINE_BREAKS.sub(" ", text).strip(" ")\n', "    return text\n", "tests/unit/test_markup.py"),
    ("escaping keeps values on one line", "build_scripts/render/markup.py",
     '    escaped = _html.escape(_LINE_BREAKS.sub(" ", text), quote=False)\n',
     "    escaped = _html.escape(text, quote=False)\n", "tests/unit/test_markup.py"),
    ("the manifest's '..' guard", "build_scripts/render/writer.py",
     'or ".." in path.parts ', "", "tests/unit/test_writer.py"),
    ("the tagger's title weight", "build_scripts/enrich/themes.py",
     "TITLE_WEIGHT = 3.0\n", "TITLE_WEIGHT = 1.0\n", "tests/unit/test_tagger.py"),
    ("a numbered line inside an unfinished sentence continues it", "build_scripts/parse/body.py",
     "            if expected or not _continues(previous):\n", "            if True:\n",
     "tests/test_parser_rules.py"),
    ("the sidecar settling of warnings", "build_scripts/read/sidecar.py",
     "            _settle(notice, SETTLES[key], sidecar.name)\n", "            pass\n",
     "tests/unit/test_sidecar_parsing.py"),
    ("the search index's character pairs", "build_scripts/render/search_index.py",
     "    return set(text) | {text[i:i + 2] for i in range(len(text) - 1)}\n", "    return set(text)\n",
     "tests/test_search_engine.py"),
    ("the search client's check of a candidate's text", "overrides/assets/javascripts/workplans-search.js",
     "              if (!wanted.every(function (term) { return body.indexOf(term) >= 0; })) return;\n", "",
     "tests/test_search_engine.py"),
    ("a missing escape of source text", "build_scripts/render/notice_page.py",
     "        out.append(Md.escape(text[cursor:]))\n", "        out.append(Md(text[cursor:]))\n",
     "tests/test_golden.py"),
]


@pytest.fixture(scope="module")
def copy_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mutations")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__", "golden"))
        else:
            shutil.copy(source, root / name)
    shutil.copytree(ROOT / "tests" / "golden", root / "tests" / "golden")
    return root


def run_tests(root: Path, *selection: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *selection],
                          cwd=root, capture_output=True, text=True, timeout=600)


def test_the_unchanged_copy_passes_and_is_the_code_under_test(copy_root):
    result = run_tests(copy_root, *sorted({m[4] for m in MUTATIONS}))
    assert result.returncode == 0, result.stdout[-3000:]
    probe = subprocess.run([sys.executable, "-c", "import build_scripts; print(build_scripts.__file__)"],
                           cwd=copy_root, capture_output=True, text=True)
    assert probe.stdout.strip() == str(copy_root / "build_scripts" / "__init__.py")


@pytest.mark.parametrize("what, file, code, mistake, tests", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_each_small_mistake_fails_a_test(copy_root, what, file, code, mistake, tests):
    path = copy_root / file
    original = path.read_text(encoding="utf-8")
    assert original.count(code) == 1, f"{file}: the code to change is not there once; update this test"
    path.write_text(original.replace(code, mistake), encoding="utf-8")
    try:
        result = run_tests(copy_root, tests)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 1, f"{what}: no test failed ({tests})\n{result.stdout[-2000:]}"
