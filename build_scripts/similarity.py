"""Text similarity between tasks: character-bigram TF-IDF, vectorised with numpy.

Why character bigrams and not jieba tokens: bigrams need no dictionary, are not
thrown off by segmentation mistakes or by the plans' own coinages (强校工程,
宝宝屋), and are fast to compute for every task of a large corpus (jieba would
dominate the build at thousands of notices).

Two uses:

- ``match_tasks`` pairs two notices' tasks (a plan and the same issuer's plan
  the year before) by exact cosine similarity: a few dozen tasks, so exact.
- ``related_tasks`` finds, for every task, the most similar tasks of *other*
  notices. There is no all-pairs loop in Python: tasks are projected to dense
  vectors (a seeded random projection of their TF-IDF vectors, which keeps
  cosine similarity approximately) and compared block by block with a matrix
  product, keeping the top few per row with ``argpartition``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import Item, Notice

TITLE_REPEAT = 2  # a task's title counts twice: it says what the task is about
EMBEDDING_DIM = 256
OVERSAMPLE = 10
POWER_ITERATIONS = 2
BLOCK_ROWS = 1024
RELATED_PER_TASK = 5
RELATED_MIN_SCORE = 0.1
MATCH_MIN_SCORE = 0.3
SEED = 20240222


def task_text(item: Item) -> str:
    return "\n".join([item.title] * TITLE_REPEAT + item.paragraphs)


@dataclass
class TfIdf:
    """Sparse TF-IDF rows in coordinate form: row, feature, weight (rows L2-normalised)."""

    rows: np.ndarray
    features: np.ndarray
    weights: np.ndarray
    n_rows: int
    n_features: int


def _is_word_char(codes: np.ndarray) -> np.ndarray:
    cjk = (codes >= 0x4E00) & (codes <= 0x9FFF)
    ascii_alnum = ((codes >= 0x30) & (codes <= 0x39)) | ((codes >= 0x41) & (codes <= 0x5A)) \
        | ((codes >= 0x61) & (codes <= 0x7A))
    return cjk | ascii_alnum


def tfidf(texts: list[str]) -> TfIdf:
    """Character-bigram TF-IDF of each text, computed without a Python loop over bigrams."""
    if not texts:
        return TfIdf(*(np.zeros(0, dtype=t) for t in (np.int64, np.int64, np.float32)), 0, 0)
    joined = "\x00".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    row_of_char = np.cumsum(codes == 0)
    valid = _is_word_char(codes)
    pair_ok = valid[:-1] & valid[1:]
    keys = (codes[:-1] << 21 | codes[1:])[pair_ok]
    rows = row_of_char[:-1][pair_ok]
    vocabulary, feature = np.unique(keys, return_inverse=True)
    n_features = len(vocabulary)
    cells, counts = np.unique(rows * n_features + feature, return_counts=True)
    cell_rows, cell_features = cells // n_features, cells % n_features
    document_frequency = np.bincount(cell_features, minlength=n_features)
    idf = np.log((1 + len(texts)) / (1 + document_frequency)) + 1.0
    weights = ((1 + np.log(counts)) * idf[cell_features]).astype(np.float32)
    norms = np.sqrt(np.bincount(cell_rows, weights=weights.astype(np.float64) ** 2, minlength=len(texts)))
    weights /= np.maximum(norms[cell_rows], 1e-12).astype(np.float32)
    return TfIdf(cell_rows, cell_features, weights, len(texts), n_features)


def dense(matrix: TfIdf) -> np.ndarray:
    out = np.zeros((matrix.n_rows, matrix.n_features), dtype=np.float32)
    out[matrix.rows, matrix.features] = matrix.weights
    return out


def _times_dense(matrix: TfIdf, right: np.ndarray) -> np.ndarray:
    """X @ right, X sparse (rows × features), right dense (features × k)."""
    out = np.zeros((matrix.n_rows, right.shape[1]), dtype=np.float32)
    _accumulate(out, matrix.rows, matrix.features, matrix.weights, right)
    return out


def _transpose_times_dense(matrix: TfIdf, right: np.ndarray) -> np.ndarray:
    """X.T @ right, right dense (rows × k)."""
    out = np.zeros((matrix.n_features, right.shape[1]), dtype=np.float32)
    _accumulate(out, matrix.features, matrix.rows, matrix.weights, right)
    return out


def _accumulate(out: np.ndarray, targets: np.ndarray, sources: np.ndarray, weights: np.ndarray,
                right: np.ndarray) -> None:
    """out[targets] += weights * right[sources], grouped by target, in memory-bounded chunks."""
    order = np.argsort(targets, kind="stable")
    targets, sources, weights = targets[order], sources[order], weights[order]
    step = max(1, 8_000_000 // max(1, right.shape[1]))
    for start in range(0, len(targets), step):
        chunk = slice(start, start + step)
        values = right[sources[chunk]] * weights[chunk, None]
        rows = targets[chunk]
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        out[rows[starts]] += np.add.reduceat(values, starts, axis=0)


def embed(matrix: TfIdf, dim: int = EMBEDDING_DIM) -> np.ndarray:
    """Rows of the best rank-``dim`` approximation of the TF-IDF matrix (latent semantic
    analysis by randomized SVD): inner products of the result approximate the cosine
    similarity of the TF-IDF rows, exactly so when the corpus has at most ``dim`` tasks."""
    rank = min(dim, matrix.n_rows, matrix.n_features)
    if rank == 0:
        return np.zeros((matrix.n_rows, 0), dtype=np.float32)
    sketch = min(rank + OVERSAMPLE, matrix.n_rows, matrix.n_features)
    rng = np.random.default_rng(SEED)
    basis, _ = np.linalg.qr(_times_dense(matrix, rng.standard_normal((matrix.n_features, sketch),
                                                                      dtype=np.float32)))
    for _ in range(POWER_ITERATIONS):
        basis, _ = np.linalg.qr(_times_dense(matrix, _transpose_times_dense(matrix, basis)))
    small = _transpose_times_dense(matrix, basis).T  # sketch × features
    left, singular, _ = np.linalg.svd(small, full_matrices=False)
    return (basis @ left[:, :rank]) * singular[:rank]


# --- related tasks across notices -------------------------------------------

@dataclass(frozen=True)
class TaskRef:
    notice_id: str
    anchor: str

    @property
    def key(self) -> str:
        return f"{self.notice_id}#{self.anchor}"


def related_tasks(notices: list[Notice], per_task: int = RELATED_PER_TASK,
                  min_score: float = RELATED_MIN_SCORE) -> dict[str, list[tuple[TaskRef, float]]]:
    """For each task (by key), up to ``per_task`` most similar tasks of other notices."""
    refs = [TaskRef(n.id, i.anchor) for n in notices for i in n.items]
    if not refs:
        return {}
    owner = np.array([index for index, n in enumerate(notices) for _ in n.items])
    vectors = embed(tfidf([task_text(i) for n in notices for i in n.items]))
    result: dict[str, list[tuple[TaskRef, float]]] = {}
    k = min(per_task, len(refs))
    for start in range(0, len(refs), BLOCK_ROWS):
        block = slice(start, start + BLOCK_ROWS)
        scores = vectors[block] @ vectors.T
        scores[owner[block, None] == owner[None, :]] = -1.0  # only other notices
        top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        for offset, candidates in enumerate(top):
            row = start + offset
            ranked = sorted(candidates, key=lambda c: (-scores[offset, c], c))
            result[refs[row].key] = [(refs[c], float(scores[offset, c])) for c in ranked
                                     if scores[offset, c] >= min_score]
    return result


# --- year over year ------------------------------------------------------------

@dataclass
class Comparison:
    """A plan against the same issuer's previous plan."""

    previous: Notice
    current: Notice
    continued: list[tuple[Item, Item, float]]  # (current task, previous task, score)
    new: list[Item]
    dropped: list[Item]


def match_tasks(previous: Notice, current: Notice, min_score: float = MATCH_MIN_SCORE) -> Comparison:
    """One-to-one matching by exact cosine similarity, best pairs first."""
    old, new = previous.items, current.items
    matrix = dense(tfidf([task_text(i) for i in old + new]))
    scores = matrix[len(old):] @ matrix[:len(old)].T if old and new else np.zeros((len(new), len(old)))
    pairs = sorted(((float(scores[c, p]), c, p) for c in range(len(new)) for p in range(len(old))
                    if scores[c, p] >= min_score), key=lambda t: (-t[0], t[1], t[2]))
    used_current: dict[int, tuple[int, float]] = {}
    used_previous: set[int] = set()
    for score, c, p in pairs:
        if c not in used_current and p not in used_previous:
            used_current[c] = (p, score)
            used_previous.add(p)
    continued = [(new[c], old[p], score) for c, (p, score) in sorted(used_current.items())]
    return Comparison(previous, current, continued,
                      [item for c, item in enumerate(new) if c not in used_current],
                      [item for p, item in enumerate(old) if p not in used_previous])
