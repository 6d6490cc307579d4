"""Text similarity: bigram TF-IDF, the top-k selection, stable weights and related tasks."""

from __future__ import annotations

import numpy as np

from build_scripts.enrich.similarity import related_tasks, task_text, tfidf, top_k
from build_scripts.model import Item, Notice, Section


def notice(notice_id: str, titles: list[str], themes: list[str] | None = None) -> Notice:
    items = [Item(number=n, marker=f"{n}.", title=t, anchor=f"task-{n}", line=n, paragraphs=[t * 2],
                  themes=[(themes or ["x"] * len(titles))[n - 1]]) for n, t in enumerate(titles, start=1)]
    return Notice(notice_id, f"{notice_id}.txt", notice_id, sections=[Section(1, "一", "h", "sec-1", 1, items)])


def test_tfidf_rows_are_unit_length_and_share_bigrams():
    matrix = tfidf(["学前教育普及", "学前教育质量", "体育锻炼时间", ""])
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    assert np.allclose(norms[:3], 1.0) and norms[3] == 0
    scores = (matrix @ matrix.T).toarray()
    assert scores[0, 1] > 0.3 and scores[0, 2] == 0
    assert tfidf([]).shape == (0, 0)


def test_title_counts_twice_in_the_task_text():
    task = notice("a", ["标题。"]).items[0]
    assert task_text(task) == "标题。\n标题。\n标题。标题。"


def test_top_k_picks_the_best_columns_best_first_ties_to_the_lower_column():
    rng = np.random.default_rng(1)
    scores = rng.random((7, 100)).astype(np.float32)
    scores[0, [3, 40]] = 2.0
    best = top_k(scores, 5)
    assert best.shape == (7, 5)
    assert list(best[0, :2]) == [3, 40]
    for row in range(7):
        assert list(best[row]) == sorted(range(100), key=lambda c: (-scores[row, c], c))[:5]
    small = np.array([[0.1, 0.9, 0.5]], dtype=np.float32)
    assert list(top_k(small, 5)[0]) == [1, 2, 0]


def test_stable_weights_do_not_move_when_another_text_is_added():
    texts = [f"学校{'体育' * (i % 3)}教育{'课程' * (i % 5)}第{i}项" for i in range(60)]
    before = tfidf(texts, stable=True)
    after = tfidf(texts + ["完全不同的一项新任务文字"], stable=True)
    assert np.array_equal((before @ before.T).toarray(), (after[:60] @ after[:60].T).toarray())
    plain_before, plain_after = tfidf(texts), tfidf(texts + ["完全不同的一项新任务文字"])
    assert not np.array_equal((plain_before @ plain_before.T).toarray(), (plain_after[:60] @ plain_after[:60].T).toarray())


def test_related_tasks_come_from_other_notices_with_the_same_primary_theme():
    a = notice("a", ["推进学前教育普及。", "加强体育锻炼。"], ["pre", "pe"])
    b = notice("b", ["推进学前教育普惠。", "加强学生体育锻炼。"], ["pre", "other"])
    related = related_tasks([a, b])
    assert [ref.key for ref, _ in related["a#task-1"]] == ["b#task-1"]
    assert related["a#task-2"] == []  # its look-alike has another primary theme
    assert all(ref.notice_id != "a" for ref, _ in related["a#task-1"])


def test_counting_in_chunks_gives_the_same_weights(monkeypatch):
    from build_scripts.enrich import similarity
    texts = [f"学校{'体育' * (i % 3)}教育{'课程' * (i % 5)}第{i}项，推进{'家校' * (i % 4)}协同" for i in range(50)]
    whole = tfidf(texts, stable=True)
    monkeypatch.setattr(similarity, "CHUNK_CHARS", 60)  # a few texts per chunk
    assert len(list(similarity._chunks(texts))) > 10
    chunked = tfidf(texts, stable=True)
    assert chunked.shape == whole.shape
    assert np.array_equal(chunked.toarray(), whole.toarray())
    monkeypatch.setattr(similarity, "SORT_BELOW", 0)  # the sweep over every bucket, not the sort
    assert np.array_equal(tfidf(texts, stable=True).toarray(), whole.toarray())


def collection(count: int) -> list[Notice]:
    """``count`` plans made of the corpus's tasks, shuffled and mixed (like the benchmark's)."""
    import random
    from build_scripts.pipeline import load_corpus
    from tests.conftest import SOURCES
    items = [i for n in load_corpus(SOURCES).notices for i in n.items]
    rng = random.Random(5)
    plans = []
    for p in range(count):
        tasks = []
        for _ in range(20):
            item, other = rng.choice(items), rng.choice(items)
            sentences = "".join(item.paragraphs).split("。")
            rng.shuffle(sentences)
            tasks.append((item.title, "。".join(sentences + "".join(other.paragraphs).split("。")[:1]), item.themes[:1]))
        plans.append(Notice(f"p{p}", f"p{p}.txt", f"p{p}", sections=[Section(1, "一", "h", "sec-1", 1, [
            Item(number=n, marker=f"{n}.", title=t, anchor=f"task-{n}", line=n, paragraphs=[body], themes=themes)
            for n, (t, body, themes) in enumerate(tasks, start=1)])]))
    return plans


def test_large_themes_go_through_leaders_and_find_nearly_the_exact_lists(monkeypatch):
    from build_scripts.enrich import similarity
    plans = collection(150)
    exact = related_tasks(plans)
    monkeypatch.setattr(similarity, "EXACT_BLOCK", 0)
    blocks = []
    real = similarity._best_via_leaders
    monkeypatch.setattr(similarity, "_best_via_leaders", lambda v, *a: (blocks.append(v.shape[0]), real(v, *a))[1])
    via_leaders = related_tasks(plans)
    assert sum(blocks) == sum(len(p.items) for p in plans)  # every theme went through leaders
    found = sum(len({r.key for r, _ in exact[k]} & {r.key for r, _ in via_leaders[k]}) for k in exact)
    total = sum(len(v) for v in exact.values())
    kept = sum(sum(s for _, s in via_leaders[k]) for k in exact) / sum(sum(s for _, s in v) for v in exact.values())
    print(f"related tasks through leaders vs exact: recall {found / total:.3f}, score kept {kept:.3f}")
    assert found / total >= 0.98 and kept >= 0.99
    for key, refs in via_leaders.items():
        assert all(ref.notice_id != key.split("#")[0] for ref, _ in refs)
        assert [s for _, s in refs] == sorted((s for _, s in refs), reverse=True)
        assert len({ref.key for ref, _ in refs}) == len(refs)  # a task found in two clusters counts once


def test_the_dense_and_the_sparse_product_rank_alike(monkeypatch):
    from build_scripts.enrich import similarity
    plans = collection(30)
    dense = related_tasks(plans)
    monkeypatch.setattr(similarity, "DENSE_CELLS", 0)
    sparse_ = related_tasks(plans)
    assert {k: [r for r, _ in v] for k, v in sparse_.items()} == {k: [r for r, _ in v] for k, v in dense.items()}
    assert max(abs(a - b) for k in dense for (_, a), (_, b) in zip(dense[k], sparse_[k])) <= 1.01e-4
