"""Text similarity between tasks: character-bigram TF-IDF, vectorised with numpy.

Why character bigrams and not jieba tokens: bigrams need no dictionary, are not
thrown off by segmentation mistakes or by the plans' own coinages (强校工程,
宝宝屋), and are fast to compute for every task of a large corpus (jieba would
dominate the build at thousands of notices).

Two uses:

- ``matching.compare`` pairs two plans' tasks (``tfidf`` over their tasks only).
- ``related_tasks`` finds, for every task, the most similar tasks of *other*
  notices with the same primary theme, by exact cosine of TF-IDF rows compared
  block by block with a matrix product (no all-pairs loop in Python). Its
  weights are **stable**: the inverse document frequencies are rounded to
  ``IDF_STEP`` and computed against the collection size rounded up to a power of
  two, so adding or editing one notice leaves every other task's weights, and
  so the other notices' related-task lists, as they were (an incremental build
  then re-renders only the pages that really changed). Latent semantic analysis
  was dropped for the same reason: an SVD of the whole collection moves every
  score whenever one task changes.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from typing import Iterator

import numpy as np
from scipy import sparse

from ..model import Item, Notice

TITLE_REPEAT = 2  # a task's title counts twice: it says what the task is about
SCORE_DECIMALS = 4
DENSE_CELLS = 32_000_000  # a block of rows × used features up to this is compared as a dense matrix (128 MB)
BLOCK_CELLS = 32_000_000  # scores computed at once (rows × group size): about 128 MB of float32
IDF_STEP = 0.1  # related tasks: idf rounded to this step, so one more notice rarely moves a weight
RELATED_PER_TASK = 5
RELATED_MIN_SCORE = 0.1
EXACT_BLOCK = 4_000  # tasks of one primary theme compared all against all; above, through leaders
LEADER_PROBES = 4  # the nearest leaders whose clusters a task joins
LEADER_SHARE = 4  # one task in about √n / LEADER_SHARE leads (about LEADER_SHARE·√n leaders)
HASH_BUCKETS = 4_194_301  # a prime
SORT_BELOW = HASH_BUCKETS // 8  # bigrams: below this many, the used buckets are found by a sort
CHUNK_CHARS = 4_000_000  # characters counted at once (a few arrays of 32 MB)


def task_text(item: Item) -> str:
    return "\n".join([item.title] * TITLE_REPEAT + item.paragraphs)


def _is_word_char(codes: np.ndarray) -> np.ndarray:
    cjk = (codes >= 0x4E00) & (codes <= 0x9FFF)
    ascii_alnum = ((codes >= 0x30) & (codes <= 0x39)) | ((codes >= 0x41) & (codes <= 0x5A)) \
        | ((codes >= 0x61) & (codes <= 0x7A))
    return cjk | ascii_alnum


def tfidf(texts: list[str], stable: bool = False) -> sparse.csr_matrix:
    """Character-bigram TF-IDF rows (L2-normalised), computed without a Python loop over bigrams.

    ``stable``: idf rounded to ``IDF_STEP`` and computed against the number of texts rounded up
    to a power of two, so that one text more or changed leaves the other rows' weights alone.

    The texts are counted in chunks of about ``CHUNK_CHARS`` characters, so that the arrays of
    characters and bigrams stay small whatever the collection's size (at 10,000 notices, all of
    them at once took gigabytes)."""
    if not texts:
        return sparse.csr_matrix((0, 0), dtype=np.float32)
    chunks = _numbered_features([_bucket_counts(part) for part in _chunks(texts)])
    document_frequency = sum(np.bincount(c.indices, minlength=c.shape[1]) for c in chunks)
    size = 1 << (len(texts) - 1).bit_length() if stable else len(texts)
    idf = np.log((1 + size) / (1 + document_frequency)) + 1.0
    if stable:
        idf = np.round(idf / IDF_STEP) * IDF_STEP
    idf = idf.astype(np.float32)
    for counts in chunks:
        counts.data = (1 + np.log(counts.data)) * idf[counts.indices]
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
        counts.data *= np.repeat(1 / np.maximum(norms, 1e-12).astype(np.float32), np.diff(counts.indptr))
    return _stacked(chunks)


def _stacked(chunks: list[sparse.csr_matrix]) -> sparse.csr_matrix:
    """The chunks' rows as one matrix, each chunk let go once copied (``sparse.vstack`` would
    hold every chunk and the whole matrix at once: twice the memory at 10,000 notices)."""
    nnz, n = sum(c.nnz for c in chunks), sum(c.shape[0] for c in chunks)
    data = np.empty(nnz, dtype=np.float32)
    indices = np.empty(nnz, dtype=np.int32)
    indptr = np.zeros(n + 1, dtype=np.int64)
    features, row, at_ = chunks[0].shape[1], 0, 0
    while chunks:
        chunk = chunks.pop(0)
        data[at_:at_ + chunk.nnz], indices[at_:at_ + chunk.nnz] = chunk.data, chunk.indices
        indptr[row + 1:row + 1 + chunk.shape[0]] = chunk.indptr[1:] + at_
        row, at_ = row + chunk.shape[0], at_ + chunk.nnz
    return sparse.csr_matrix((data, indices, indptr), shape=(n, features))


def _numbered_features(chunks: list[sparse.csr_matrix]) -> list[sparse.csr_matrix]:
    """The chunks with their used hash buckets numbered 0, 1, … in bucket order."""
    buckets = [c.indices for c in chunks]
    if sum(len(b) for b in buckets) < SORT_BELOW:  # a few texts (two plans): sort, do not sweep 4M buckets
        used = np.unique(np.concatenate(buckets))
        numbers = [np.searchsorted(used, b).astype(np.int32) for b in buckets]
        features = len(used)
    else:
        seen = np.zeros(HASH_BUCKETS, dtype=bool)
        for b in buckets:
            seen[b] = True
        number = (np.cumsum(seen) - 1).astype(np.int32)
        numbers = [number[b] for b in buckets]
        features = int(seen.sum())
    return [sparse.csr_matrix((c.data, n, c.indptr), shape=(c.shape[0], features)) for c, n in zip(chunks, numbers)]


def _chunks(texts: list[str]) -> Iterator[list[str]]:
    start, chars = 0, 0
    for end, text in enumerate(texts, start=1):
        chars += len(text) + 1
        if chars >= CHUNK_CHARS:
            yield texts[start:end]
            start, chars = end, 0
    if start < len(texts):
        yield texts[start:]


def _bucket_counts(texts: list[str]) -> sparse.csr_matrix:
    """Each text's bigram counts, one column per hash bucket (feature hashing: no sort of the
    bigrams; collisions are rare, a few hundred thousand bigrams in 4M buckets)."""
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    codes = np.frombuffer("\x00".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    row_of_char = np.repeat(np.arange(len(texts)), lengths)[:len(codes)]
    valid = _is_word_char(codes)
    pair_ok = valid[:-1] & valid[1:]
    rows = row_of_char[:-1][pair_ok]
    buckets = ((codes[:-1] * 1_000_003 + codes[1:]) % HASH_BUCKETS)[pair_ok]
    counts = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, buckets)),
                               shape=(len(texts), HASH_BUCKETS))
    counts.sum_duplicates()
    return counts


# --- related tasks across notices -------------------------------------------

@dataclass(frozen=True)
class TaskRef:
    notice_id: str
    anchor: str

    @property
    def key(self) -> str:
        return f"{self.notice_id}#{self.anchor}"


def related_tasks(notices: list[Notice], matrix: sparse.csr_matrix | None = None,
                  per_task: int = RELATED_PER_TASK,
                  min_score: float = RELATED_MIN_SCORE) -> dict[str, list[tuple[TaskRef, float]]]:
    """For each task (by key), up to ``per_task`` most similar tasks of other notices.

    Tasks are compared within their primary theme (blocking): related tasks share what
    they are mainly about. A theme of at most ``EXACT_BLOCK`` tasks is compared all against
    all (exact); a larger one through leaders (``_best_via_leaders``), which keeps the cost
    near-linear where the exact product grows with the square of the collection.
    ``matrix`` is the corpus's TF-IDF (one row per task, in notice order), if already made.
    """
    refs = [TaskRef(n.id, i.anchor) for n in notices for i in n.items]
    if not refs:
        return {}
    owner = np.repeat(np.arange(len(notices)), [len(n.items) for n in notices])
    vectors = corpus_tfidf(notices) if matrix is None else matrix
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(i for n in notices for i in n.items):
        groups.setdefault(item.themes[0] if item.themes else "", []).append(index)
    result: dict[str, list[tuple[TaskRef, float]]] = {}
    for members in groups.values():
        members = np.array(members)
        block_vectors, block_owner = vectors[members], owner[members]
        if len(members) <= EXACT_BLOCK:
            best, scores = best_others(block_vectors, block_owner, per_task)
        else:
            hashes = np.array([zlib.crc32(refs[m].key.encode("utf-8")) for m in members], dtype=np.int64)
            best, scores = _best_via_leaders(block_vectors, block_owner, hashes, per_task)
        for offset, row in enumerate(members):
            result[refs[row].key] = [(refs[members[c]], float(score)) for c, score in zip(best[offset], scores[offset])
                                     if c >= 0 and score >= min_score]
    return {ref.key: result[ref.key] for ref in refs}


def best_others(vectors: sparse.csr_matrix, owner: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact: each row's ``k`` most similar rows of another owner (rows × k columns, best first,
    -1 where there are fewer rows), and their scores; all rows against all, a block of rows at a time."""
    n = vectors.shape[0]
    best = np.full((n, k), -1, dtype=np.int64)
    found = np.full((n, k), -1.0, dtype=np.float32)
    used = np.unique(vectors.indices)
    if n * len(used) <= DENSE_CELLS:  # a small block of alike rows: a dense product is many times faster
        vectors = vectors[:, used].toarray()
    block_rows = max(16, min(n, BLOCK_CELLS // max(1, n)))
    for start in range(0, n, block_rows):
        rows = slice(start, start + block_rows)
        scores = vectors[rows] @ vectors.T
        scores = np.asarray(scores.toarray() if sparse.issparse(scores) else scores, dtype=np.float32)
        # Rounded: the dense and the sparse product (and two machines' BLAS) differ in the last bits,
        # and near-twins tie; rounded, a tie goes to the earlier row whichever product made it.
        np.round(scores, SCORE_DECIMALS, out=scores)
        scores[owner[rows, None] == owner[None, :]] = -1.0  # only other notices
        columns = top_k(scores, k)
        best[rows, :columns.shape[1]] = columns
        found[rows, :columns.shape[1]] = np.take_along_axis(scores, columns, axis=1)
    best[found < 0] = -1
    return best, found


def _best_via_leaders(vectors: sparse.csr_matrix, owner: np.ndarray, hashes: np.ndarray,
                      k: int) -> tuple[np.ndarray, np.ndarray]:
    """Like ``best_others``, for a large block, by comparing each row only with the rows that
    share one of its ``LEADER_PROBES`` nearest leaders (cluster pruning).

    Leaders are the rows whose hash (of the task's key) is a multiple of a power of two near
    √n / LEADER_SHARE, so about LEADER_SHARE·√n of them, chosen the same whatever else the
    collection holds: a task
    added elsewhere changes the leaders only if it is one. Each row joins its nearest leaders'
    clusters; each cluster is compared all against all (exactly), and a row keeps its best over
    its clusters. The cost is n × leaders plus the clusters' squares, instead of n². Near
    neighbours share a nearest leader, so the lists are those of the exact product for nearly
    every task (``tests/unit/test_similarity.py`` measures the agreement)."""
    n = vectors.shape[0]
    step = 1 << max(0, (math.isqrt(n) // LEADER_SHARE).bit_length() - 1)
    leaders = np.flatnonzero(hashes % step == 0)
    if len(leaders) == 0:  # only when unlucky with a small block: all against all then
        return best_others(vectors, owner, k)
    probes = min(LEADER_PROBES, len(leaders))
    nearest = np.empty((n, probes), dtype=np.int64)
    leader_vectors = vectors[leaders].T.tocsc()
    block_rows = max(16, BLOCK_CELLS // max(1, len(leaders)))
    for start in range(0, n, block_rows):
        rows = slice(start, start + block_rows)
        scores = np.asarray((vectors[rows] @ leader_vectors).toarray(), dtype=np.float32)
        nearest[rows] = top_k(scores, probes)
    order = np.argsort(nearest.ravel(), kind="stable")
    cluster_of = nearest.ravel()[order]
    row_of = order // probes
    bounds = np.flatnonzero(np.diff(cluster_of)) + 1
    rows_found, columns_found, scores_found = [], [], []
    for cluster in np.split(row_of, bounds):
        best, found = best_others(vectors[cluster], owner[cluster], k)
        rows_found.append(np.repeat(cluster, best.shape[1]))
        columns_found.append(np.where(best >= 0, cluster[np.maximum(best, 0)], -1).ravel())
        scores_found.append(found.ravel())
    rows, columns, scores = (np.concatenate(a) for a in (rows_found, columns_found, scores_found))
    keep = columns >= 0
    _, first = np.unique(rows[keep] * n + columns[keep], return_index=True)  # a pair found in two clusters once
    rows, columns, scores = rows[keep][first], columns[keep][first], scores[keep][first]
    order = np.lexsort((columns, -scores, rows))
    rows, columns, scores = rows[order], columns[order], scores[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
    best = np.full((n, k), -1, dtype=np.int64)
    found = np.full((n, k), -1.0, dtype=np.float32)
    within = rank < k
    best[rows[within], rank[within]] = columns[within]
    found[rows[within], rank[within]] = scores[within]
    return best, found


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` best columns of each row, best first (ties: lower column first).

    Instead of partitioning every row, the k-th best score of a 1-in-16 sample of
    columns gives a lower bound for the row's k-th best; only columns at or above
    it are ranked exactly. Returns a rows × k array of columns.
    """
    n_rows, n_cols = scores.shape
    k = min(k, n_cols)
    sample = scores[:, ::16]
    if sample.shape[1] >= k:
        bound = np.partition(sample, sample.shape[1] - k, axis=1)[:, sample.shape[1] - k, None]
        rows, cols = np.nonzero(scores >= bound)
    else:
        rows, cols = np.repeat(np.arange(n_rows), n_cols), np.tile(np.arange(n_cols), n_rows)
    order = np.lexsort((cols, -scores[rows, cols], rows))
    rows, cols = rows[order], cols[order]
    first = np.searchsorted(rows, np.arange(n_rows))
    picked = first[:, None] + np.arange(k)[None, :]
    return cols[picked]


def corpus_tfidf(notices: list[Notice]) -> sparse.csr_matrix:
    return tfidf([task_text(i) for n in notices for i in n.items], stable=True)
