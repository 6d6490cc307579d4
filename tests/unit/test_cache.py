"""The parse cache: keyed by everything a parse depends on; holds one build's worth."""

from __future__ import annotations

import json

from build_scripts.cache import PARSER_VERSION, ParseCache
from build_scripts.parse.notice import parse_text

PLAN = "2024年某区教育工作要点\n一、甲\n1.做好某事。内容。\n"


def test_the_key_changes_with_every_input():
    base = ParseCache.key("a.txt", "a", b"text", b"year: 2024")
    others = [ParseCache.key("b.txt", "a", b"text", b"year: 2024"), ParseCache.key("a.txt", "b", b"text", b"year: 2024"),
              ParseCache.key("a.txt", "a", b"text!", b"year: 2024"), ParseCache.key("a.txt", "a", b"text", None),
              ParseCache.key("a.txt", "a", b"text", b"year: 2025"), ParseCache.key("a.txt", "a", b"tex", b"tyear: 2024")]
    assert base == ParseCache.key("a.txt", "a", b"text", b"year: 2024")
    assert len({base, *others}) == 1 + len(others)
    assert len(base) == 64 and len(PARSER_VERSION) == 64


def test_put_get_counts_and_prune(tmp_path):
    notice = parse_text(PLAN, "a.txt", "a")
    cache = ParseCache(tmp_path)
    key = cache.key("a.txt", "a", b"x", None)
    assert cache.get(key) is None and (cache.hits, cache.misses) == (0, 1)
    cache.put(key, notice)
    assert (tmp_path / key[:2] / f"{key}.json").is_file()
    again = ParseCache(tmp_path)
    assert again.get(key) == notice and (again.hits, again.misses) == (1, 0)
    stale = again.key("b.txt", "b", b"y", None)
    again.put(stale, notice)
    again.prune()  # this build used only `key`
    assert not (tmp_path / stale[:2] / f"{stale}.json").exists() and (tmp_path / key[:2] / f"{key}.json").exists()
    ParseCache(tmp_path / "missing").prune()


def test_a_damaged_entry_is_a_miss(tmp_path):
    cache = ParseCache(tmp_path)
    key = cache.key("a.txt", "a", b"x", None)
    (tmp_path / key[:2]).mkdir()
    (tmp_path / key[:2] / f"{key}.json").write_text("{not json", encoding="utf-8")
    assert cache.get(key) is None and cache.misses == 1


def test_pairings_are_kept_for_the_next_build_only_if_used_and_of_this_matcher(tmp_path, monkeypatch):
    from build_scripts import cache as cache_module
    from build_scripts.cache import PairingCache
    first = PairingCache(tmp_path)
    first.put("used", [[[0, [1]]], [[0, 0.5]], [], []])
    first.put("unused", [[], [], [], []])
    first.save()
    second = PairingCache(tmp_path)
    assert second.get("used") == [[[0, [1]]], [[0, 0.5]], [], []]
    assert second.get("missing") is None
    second.save()
    third = PairingCache(tmp_path)
    assert third.get("unused") is None and third.get("used") is not None
    third.save()
    (tmp_path / PairingCache.FILE).write_text("{not json", encoding="utf-8")
    assert PairingCache(tmp_path).get("used") is None  # a damaged file is an empty memo
    first.save()
    assert PairingCache(tmp_path).get("used") is not None
    monkeypatch.setattr(cache_module, "MATCHER_VERSION", "another matcher")
    assert PairingCache(tmp_path).get("used") is None


def test_damaged_or_tampered_records_only_mean_work_done_again(tmp_path):
    """The cache and the last build's record are files on disk: anything in them (JSON nested past
    what can be decoded, a diagnostic without its kind, paths out of the output) starts afresh."""
    from build_scripts.cache import LAST_BUILD, PairingCache
    from build_scripts.pipeline import build_markdown

    from tests.conftest import SOURCES

    cache = ParseCache(tmp_path / "cache")
    first = build_markdown(SOURCES, tmp_path / "md", cache)
    record = tmp_path / "cache" / LAST_BUILD
    saved = json.loads(record.read_text(encoding="utf-8"))
    for tampered in ({**saved, "diagnostics": [{"bogus": 1}]}, {**saved, "files": saved["files"] + ["../outside.md"]},
                     {**saved, "originals": {"x": "/etc/passwd"}}):
        record.write_text(json.dumps(tampered), encoding="utf-8")
        again = build_markdown(SOURCES, tmp_path / "md", ParseCache(tmp_path / "cache"))
        assert again.graph is not None and len(again.report.notices) == len(first.report.notices)
    for damaged in (record, tmp_path / "cache" / PairingCache.FILE):
        damaged.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
        assert len(build_markdown(SOURCES, tmp_path / "md", ParseCache(tmp_path / "cache")).report.notices) == 5
