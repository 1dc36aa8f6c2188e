"""Legal status of every unit: in force, stale or revoked, and where a revoked rule went.

Statuses (the same three as :mod:`ingest.amend`, which explains them in full):

- ``berlaku``: in force. Amended articles are ``berlaku`` in their consolidated text.
- ``diubah``: a stale unit whose own text a later law replaced (an amending instruction that a
  later amendment superseded); ``status_source`` names the replacing provision.
- ``dicabut``: revoked or deleted; ``status_note`` says by what ("dicabut oleh Pasal 76 UU 20/2023"),
  ``status_source`` is the revoking unit's id. The retrieval filter "in force only" drops these.

Revocation comes from the text where the text says so ("Undang-Undang Nomor 5 Tahun 2014 ...
dicabut dan dinyatakan tidak berlaku" in a Pasal of the new law), and from the manifest's
``revokes`` otherwise (then ``status_source`` is None and the note names the law).

A revoking law usually keeps the implementing regulations of the old law in force where they do
not conflict with it (UU 20/2023 Pasal 75). Those regulations stay ``berlaku`` with a note naming
that transitional provision.

Which regulations implement a law comes from the manifest's ``[[implements]]`` entries, plus
regulations whose Mengingat cite the law.

Where the new law has a counterpart of a revoked provision, the revoked unit links to it in
``successors``: from the manifest's reviewed ``[[successor]]`` entries, plus automatic matching
of near-identical texts (same kind of unit, same wording after normalising OCR noise).
"""

from __future__ import annotations

import difflib
import logging
import re
from dataclasses import dataclass

from corpus import ids, kinds
from corpus.ids import UnitId
from corpus.manifest import DocumentMeta, Manifest
from ingest.model import ParsedDocument, Unit

log = logging.getLogger(__name__)

STATUSES = ("berlaku", "diubah", "dicabut")

_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "L": "1"})
# A document named by kind, number and year: "Undang-Undang Nomor 5 Tahun 2014",
# "Peraturan Badan Pengawas Pemilihan Umum Nomor 6 Tahun 2018".
_DOC_REF = re.compile(
    rf"(?P<kind>{kinds.names_pattern()})\s+(?:Republik\s+Indonesia\s+)?Nomor\s+(\d+)\s+Tahun\s+([0-9OoIlL]{{4}})"
)
_KEPT = re.compile(r"peraturan\s+pelaksanaan\b.*?\btetap\s+berlaku", re.I | re.S)


@dataclass
class Revocation:
    revoked: str  # doc id of the revoked law
    by_doc: str  # doc id of the revoking law
    source_id: str | None  # the revoking unit, e.g. "uu-20-2023/pasal-76"
    source_label: str  # "Pasal 76 UU 20/2023", or the law's short name without a unit


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _names(m: re.Match, doc: DocumentMeta) -> bool:
    """Whether the reference ``m`` (of :data:`_DOC_REF`) names ``doc``."""
    kind = kinds.by_text(m.group("kind"))
    return (
        kind is not None and kind.name == doc.kind and m.group(2) == doc.number
        and m.group(3).translate(_OCR_DIGITS) == str(doc.year)
    )


def _document_id(m: re.Match, manifest: Manifest) -> str | None:
    return next((doc.id for doc in manifest.documents if _names(m, doc)), None)


def _revoked_phrase(doc_id: str, manifest: Manifest) -> re.Pattern[str]:
    """How a document of this kind says it revokes another."""
    phrase = manifest.get(doc_id).kind_info.revoked if doc_id in manifest else kinds.REVOKED
    return re.compile(phrase, re.I)


def _body_units(doc: ParsedDocument) -> list[Unit]:
    """Units of the body: Penjelasan and quoted text of amending instructions say nothing here."""
    return [
        u for u in doc.units
        if not (uid := UnitId.parse(u.id)).is_penjelasan
        and u.kind not in ("menimbang", "mengingat")
        and not uid.in_amending_change
    ]


def _deepest(units: list[Unit], within: Unit, mention: str) -> Unit:
    """The most specific unit inside ``within`` (or itself) that names ``mention``."""
    hits = [
        u for u in units
        if ids.contains(within.id, u.id) and mention in _flat(u.text)
    ]
    return min(hits, key=lambda u: (len(u.text), -UnitId.parse(u.id).depth)) if hits else within


def find_revocations(docs: dict[str, ParsedDocument], manifest: Manifest) -> list[Revocation]:
    """Revocations stated in the text ("... dicabut dan dinyatakan tidak berlaku"), then those the
    manifest declares that the text did not show."""
    found: dict[tuple[str, str], Revocation] = {}
    for doc_id, doc in docs.items():
        units = _body_units(doc)
        revoked = _revoked_phrase(doc_id, manifest)
        for unit in units:
            flat = _flat(unit.text)
            if not revoked.search(flat):
                continue
            for m in _DOC_REF.finditer(flat):
                target = _document_id(m, manifest)
                if target is None or target == doc_id or (target, doc_id) in found:
                    continue
                # Cite the most specific unit that states it (a huruf of a list, else the Pasal).
                mention = m.group(0)
                best = _deepest(units, unit, mention)
                found[(target, doc_id)] = Revocation(target, doc_id, best.id, best.short_label)
    for meta in manifest.documents:
        for target in meta.revokes:
            if (target, meta.id) not in found:
                found[(target, meta.id)] = Revocation(target, meta.id, None, meta.short_name)
    return list(found.values())


def _kept_in_force(revoking: ParsedDocument, revoked: DocumentMeta) -> Unit | None:
    """The transitional unit of the revoking law that keeps the old law's regulations in force."""
    units = _body_units(revoking)
    hits = []
    for u in units:
        flat = _flat(u.text)
        if not _KEPT.search(flat):
            continue
        if any(_names(m, revoked) for m in _DOC_REF.finditer(flat)):
            hits.append(u)
    return min(hits, key=lambda u: len(u.text)) if hits else None


def _implementing(docs: dict[str, ParsedDocument], manifest: Manifest, revoked: DocumentMeta) -> list[str]:
    """Regulations implementing ``revoked``: the manifest's, plus regulations whose Mengingat cite it."""
    out = [i.regulation for i in manifest.implementations if i.law == revoked.id and i.regulation in docs]
    for doc_id, doc in docs.items():
        if doc_id in out or doc_id not in manifest or not manifest.get(doc_id).kind_info.implements_laws:
            continue
        for u in doc.units:
            if u.kind == "mengingat" or UnitId.parse(u.id).has("mengingat"):
                if any(_names(m, revoked) for m in _DOC_REF.finditer(_flat(u.text))):
                    out.append(doc_id)
                    break
    return out


def _norm(text: str) -> str:
    """Compare wording, not markers or OCR noise: drop "(2)", "a.", digits and punctuation."""
    text = re.sub(r"^\s*(\(\w+\)|[a-z]\d?\.|\d+\.)\s*", "", text.strip().lower())
    return re.sub(r"[^a-z]+", " ", text).strip()


def match_successors(old: list[Unit], new: list[Unit], threshold: float = 0.92) -> dict[str, list[str]]:
    """Pair units of the same kind whose texts are near-identical (``SequenceMatcher`` ratio).

    Only body units of at least eight words take part: short items ("a. meninggal dunia;") recur
    in many places and would pair by accident. A word-set overlap filter keeps this cheap.
    """
    def candidates(units: list[Unit]) -> list[tuple[Unit, str, set[str]]]:
        out = []
        for u in units:
            if (uid := UnitId.parse(u.id)).is_penjelasan or uid.in_preamble or u.kind not in (
                "pasal", "ayat", "huruf", "angka"
            ):
                continue
            n = _norm(u.text)
            words = set(n.split())
            if len(n.split()) >= 8:
                out.append((u, n, words))
        return out

    olds, news = candidates(old), candidates(new)
    by_word: dict[str, list[int]] = {}
    for i, (_, _, words) in enumerate(news):
        for w in words:
            by_word.setdefault(w, []).append(i)
    pairs: dict[str, list[str]] = {}
    for u, n, words in olds:
        counts: dict[int, int] = {}
        for w in words:
            for i in by_word.get(w, ()):
                counts[i] = counts.get(i, 0) + 1
        best: tuple[float, str] | None = None
        for i, shared in counts.items():
            v, vn, vwords = news[i]
            if v.kind != u.kind or shared < 0.8 * max(len(words), len(vwords)):
                continue
            ratio = difflib.SequenceMatcher(None, n, vn, autojunk=False).ratio()
            if ratio >= threshold and (best is None or ratio > best[0]):
                best = (ratio, v.id)
        if best:
            pairs[u.id] = [best[1]]
    return pairs


def apply_status(docs: dict[str, ParsedDocument], manifest: Manifest) -> None:
    """Set ``status``, ``status_note``, ``status_source`` and ``successors`` in place."""
    for rev in find_revocations(docs, manifest):
        if rev.revoked not in docs:
            continue
        source_label = rev.source_label
        note = f"dicabut oleh {source_label}"
        revoked_units = docs[rev.revoked].units
        for u in revoked_units:
            u.status, u.status_note, u.status_source = "dicabut", note, rev.source_id
        log.info("%s: %d units revoked by %s", rev.revoked, len(revoked_units), rev.source_id or rev.by_doc)

        if rev.by_doc in docs:
            new_units = docs[rev.by_doc].units
            new_ids = {u.id for u in new_units}
            links = match_successors(revoked_units, new_units)
            for row in manifest.successions:
                if ids.doc_of(row.revoked) == rev.revoked and ids.doc_of(row.source) == rev.by_doc:
                    present = [t for t in row.successors if t in new_ids]
                    if len(present) < len(row.successors):
                        log.warning("manifest successor: %s -> %s not all found", row.revoked, row.successors)
                    links[row.revoked] = present + [t for t in links.get(row.revoked, []) if t not in present]
            for u in revoked_units:
                if links.get(u.id):
                    u.successors = list(dict.fromkeys([*u.successors, *links[u.id]]))

            kept = _kept_in_force(docs[rev.by_doc], manifest.get(rev.revoked))
            if kept is not None:
                for reg in _implementing(docs, manifest, manifest.get(rev.revoked)):
                    for u in docs[reg].units:
                        if u.status == "berlaku" and not u.status_note:
                            u.status_note = (
                                f"tetap berlaku berdasarkan {kept.short_label} sepanjang tidak "
                                f"bertentangan dengan {manifest.get(rev.by_doc).short_name}"
                            )
                            u.status_source = kept.id
    for doc in docs.values():
        for u in doc.units:
            if u.status not in STATUSES:
                raise ValueError(f"{u.id}: unknown status {u.status!r} (expected one of {', '.join(STATUSES)})")
