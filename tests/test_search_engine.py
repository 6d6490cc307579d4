"""The search engine: the Python index writer and the JavaScript client, checked against each other
and against brute force over the corpus (node's built-in test runner runs tests/js/)."""

from __future__ import annotations

import json
import shutil
import subprocess
import zlib
from pathlib import Path

import numpy as np
import pytest
import yaml

from build_scripts.render.search_index import (decode, encode, gram_of, grams, normalise, postings, search_files,
                                                task_gram_keys, task_text)

from .conftest import ROOT

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))


def brute_force(notices, query: str, filters: dict) -> list[str]:
    terms = [normalise(t) for t in query.split() if normalise(t)]
    return [f"notices/{n.id}.html#{i.anchor}" for n in notices for i in n.items
            if all(t in normalise(task_text(i)) for t in terms)
            and (not filters.get("year") or n.year == filters["year"])
            and (not filters.get("theme") or filters["theme"] in i.themes)
            and (not filters.get("department") or filters["department"] in i.departments)]


@pytest.mark.parametrize("numbers", [[0], [0, 1, 2], [5, 63, 64, 4095, 4096, 262143, 262144, 300000], list(range(0, 9000, 7))])
def test_encode_and_decode_are_inverse(numbers):
    assert decode(encode(np.array(numbers))) == numbers


def test_the_javascript_client_agrees_with_brute_force(corpus, tmp_path):
    if shutil.which("node") is None:
        pytest.fail("node is needed for the search client's tests (Debian: nodejs)")
    notices = sorted(corpus.notices, key=lambda n: (-(n.year or 0), n.id))
    for path, data in search_files(notices, corpus.vocabulary):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    queries = [(q, {}) for group in QUERIES.values() for q in group]
    queries += [("教师 队伍", {}), ("双减", {"year": 2024}), ("课程", {"theme": "curriculum"}), ("减", {}),
                ("没有这样的词组", {}), ("itsm", {}), ("ＩＴＳＭ", {}),
                ("", {"department": "办公室"}), ("学校", {"department": "小幼教科"})]
    expected = [[q, f, brute_force(notices, q, f)] for q, f in queries]
    assert sum(bool(e[2]) for e in expected) >= len(expected) - 1
    (tmp_path / "expected.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    samples = [[0], [3, 70, 5000], list(range(0, 20000, 13))]
    (tmp_path / "encoded.json").write_text(json.dumps([[encode(np.array(s)), s] for s in samples]), encoding="utf-8")
    texts = ["教育", "双减", "a", "\ue000curriculum", "2024年"]
    (tmp_path / "crc.json").write_text(json.dumps([[t, zlib.crc32(t.encode("utf-8"))] for t in texts],
                                                  ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(["node", "--test", str(ROOT / "tests" / "js" / "search.test.mjs")], env={"SEARCH_INDEX_DIR": str(tmp_path),
                            "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


@pytest.mark.parametrize("text", ["", "双", "教师队伍建设", "abc-12", "𠙶𠙶字𪚥", "aaaa", "“双减”，（一）"])
def test_gram_numbers_are_the_grams(text):
    """The writer packs each gram into a number; decoded, the numbers are exactly the text's
    characters and pairs of characters (non-BMP characters included) and its labels."""
    labels = ["\ue000theme", "\ue001办公室"]
    keys = task_gram_keys(normalise(text), [0, 1])
    decoded = [gram_of(int(k), labels) for k in keys]
    assert len(decoded) == len(set(decoded)) and set(decoded) == grams(normalise(text)) | set(labels)


def test_postings_list_each_grams_tasks_in_order():
    texts = ["教师队伍", "队伍建设", "教师", "建设队伍"]
    labels: dict[str, int] = {}
    index = postings((task_gram_keys(t, []) for t in texts), labels)
    for number, gram in enumerate(index.grams):
        assert index.tasks(number).tolist() == [
            task for task, text in enumerate(texts) if gram in grams(text)]
    assert set(index.grams) == set().union(*(grams(t) for t in texts))


@pytest.mark.parametrize("block", [1, 2, 3, 1 << 24])
def test_gram_runs_are_found_across_blocks(block):
    from build_scripts.render.search_index import TASK_BITS, _group_starts
    keys = [1, 1, 2, 5, 5, 5, 9, 10, 10]
    packed = np.array([(k << TASK_BITS) | t for t, k in enumerate(keys)], dtype=np.uint64)
    assert _group_starts(packed, block).tolist() == [0, 2, 3, 6, 7]
    assert _group_starts(packed[:0], block).tolist() == [] and _group_starts(packed[:1], block).tolist() == [0]


def test_an_index_beyond_its_task_limit_is_refused_with_the_fix(monkeypatch):
    from build_scripts.render import search_index
    monkeypatch.setattr(search_index, "MAX_TASKS", 2)
    with pytest.raises(ValueError, match=r"more than 2 tasks .* several sites"):
        postings((task_gram_keys(t, []) for t in ["甲乙", "乙丙", "丙丁"]), {})


def test_the_index_is_written_before_the_collection_is_linked(tmp_path):
    """The index's (gram, task) pairs are the largest thing a build holds at once (1.7 GB at 10,000
    notices): they must be written and freed before the link stage builds the graph."""
    from contextlib import contextmanager

    from build_scripts.pipeline import build_markdown

    seen: list[tuple[str, bool]] = []

    @contextmanager
    def timer(stage: str):
        seen.append((stage, (tmp_path / "search" / "manifest.js").is_file()))
        yield

    build_markdown(ROOT / "sources", tmp_path, timer=timer)
    assert [stage for stage, _ in seen] == ["read", "parse", "tag", "index", "link", "write"]
    assert dict(seen) == {"read": False, "parse": False, "tag": False, "index": False, "link": True, "write": True}
