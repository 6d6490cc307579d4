"""The search code: bigrams of documents, the worker patch and its guard, the domain words."""

from __future__ import annotations

import json

import pytest

from build_scripts.site.search import (BIGRAM_FIELD, WORKER_BIGRAMS, WORKER_SEGMENTATION, SearchPatchError,
                                       add_bigram_field, bigrams, dictionary_words, document_text, patch_worker)


def test_bigrams_are_distinct_overlapping_pairs_with_digit_runs_as_one_unit():
    assert bigrams("学前教育") == ["学前", "前教", "教育"]
    assert bigrams("全年16小时，95%覆盖") == ["全年", "年16", "16小", "小时", "95%覆", "覆盖"]
    assert bigrams("教育教育") == ["教育", "育教"]
    assert bigrams("abc def") == [] and bigrams("a教") == ["a教"]


def test_document_text_drops_tags_and_jieba_breaks():
    assert document_text("<p>双\u200b减 &amp; <b>作业</b></p>") == " 双减 &  作业  "


def test_add_bigram_field_to_every_document_and_write_utf8(tmp_path):
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"config": {"lang": ["zh"]}, "docs": [
        {"location": "a.html", "title": "双减", "text": "<p>课后服务</p>"}]}), encoding="utf-8")
    add_bigram_field(index)
    data = json.loads(index.read_text(encoding="utf-8"))
    assert data["config"]["fields"][BIGRAM_FIELD] == {"boost": 1.0}
    assert data["docs"][0][BIGRAM_FIELD] == "双减 课后 后服 服务"
    assert "双减" in index.read_text(encoding="utf-8")  # not \\u escapes


def worker(tmp_path, code: str):
    folder = tmp_path / "assets" / "javascripts" / "workers"
    folder.mkdir(parents=True)
    path = folder / "search.abc123.min.js"
    path.write_text(code, encoding="utf-8")
    return path


def test_patch_worker_replaces_the_query_segmentation_once(tmp_path):
    path = worker(tmp_path, f"before;{WORKER_SEGMENTATION};after")
    assert patch_worker(tmp_path) == path
    assert path.read_text(encoding="utf-8") == f"before;{WORKER_BIGRAMS};after"
    patch_worker(tmp_path)  # patched already: left as it is
    assert path.read_text(encoding="utf-8") == f"before;{WORKER_BIGRAMS};after"


@pytest.mark.parametrize("code", ["no segmentation here", f"{WORKER_SEGMENTATION};{WORKER_SEGMENTATION}"])
def test_patch_worker_fails_loudly_when_material_changed(tmp_path, code):
    path = worker(tmp_path, code)
    with pytest.raises(SearchPatchError, match="query segmentation has changed"):
        patch_worker(tmp_path)
    assert path.read_text(encoding="utf-8") == code


def test_patch_worker_needs_the_worker(tmp_path):
    with pytest.raises(SearchPatchError, match="not found"):
        patch_worker(tmp_path)


def test_dictionary_words_are_the_domain_words(corpus):
    words = dictionary_words(corpus.notices, corpus.vocabulary, ["强校工程", "一个 空格", "x"])
    assert "强校工程" in words and "学前教育" in words and "教育学院" in words
    assert "一个 空格" not in words and "x" not in words
    assert words == sorted(set(words)) and all(1 < len(w) <= 12 for w in words)
