"""Cross-references inside provisions ("sebagaimana dimaksud dalam Pasal 5 huruf n angka 2")
resolved to unit ids.

A reference is a *chain* of steps (``Pasal 87``, ``ayat (4)``, ``huruf c``, ``angka 2``) joined
by lists ("Pasal 87 dan Pasal 88", "ayat (1), ayat (2), dan ayat (3)") and ranges
("huruf a sampai dengan huruf h", expanded to each item). A chain without a Pasal is relative
to the provision that contains it ("pada ayat (1)" inside Pasal 86 is Pasal 86 ayat (1)).
A chain followed by a document name ("... Undang-Undang Nomor 5 Tahun 2014") points into that
document when the manifest knows it (the id is built, not checked: other documents' units are
not loaded here); documents outside the manifest (UUD 1945, repealed laws) are not tracked.
"Undang-Undang ini" / "Peraturan Pemerintah ini" is the document itself.

Same-document references that name no existing unit go to ``ParseReport.unresolved_refs``.
Penjelasan units resolve relative to the provision they explain. The numbered changes of an
amending law (``pasal-I/angka-N``) are skipped: their Pasal numbers belong to the amended law,
which ``ingest.amend`` resolves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus import ids, kinds
from corpus.ids import Step, UnitId
from ingest.labels import path_label

_STEP = (
    r"Pasa[lI]\s*(?P<pasal>\d+[A-Z]?)\b"
    r"|ayat\s*\((?P<ayat>\d+[a-z]?)\)"
    r"|huruf\s+(?P<huruf>[a-z]\d?)\b"
    r"|angka\s+(?P<angka>\d+[a-z]?)\b"
)
_STEP_RE = re.compile(_STEP)
# What may stand between two steps of one chain.
_GLUE_RE = re.compile(r"^(?:\s*,?\s*(?:dan/atau|dan|atau|serta)?\s*|\s*(?P<range>sampai\s+dengan|s\.d\.|s/d)\s*)$")
# A document named after a chain: a kind with Pasal (decrees and letters have none), or the UUD 1945
# (never in the corpus).
_DOC_RE = re.compile(
    rf"^\s*,?\s*(?P<kind>Undang-Undang\s+Dasar|UUD|{kinds.names_pattern(kinds.WITH_PASAL)})(?!\w)"
    r"(?:\s+Nomor\s+(?P<num>\d+)\s+Tahun\s+(?P<year>\d{4})|\s+(?P<num2>\d+)/(?P<year2>\d{4})|(?P<this>\s+ini))?"
)
_LEVELS = ("pasal", "ayat", "huruf", "angka")


@dataclass(frozen=True)
class Reference:
    """One referenced provision: levels given in the text, and the document (None: this one)."""

    steps: tuple[tuple[str, str], ...]  # (("pasal", "5"), ("huruf", "n"), ("angka", "2"))
    doc_id: str | None
    text: str  # the provision as named in the text: "Pasal 30 huruf g", "ayat (1)"
    external: bool = False  # names a document outside the manifest


def _doc_key(kind: str) -> str:
    """The registry name of a kind as written ("Undang-undang" -> "UU"); "UUD" for the constitution."""
    found = kinds.by_text(kind)
    return found.name if found else "UUD"


def document_index(manifest) -> dict[tuple[str, str, int], str]:
    """(kind, number, year) -> manifest id; aliases such as "Perppu 1/2014" map too."""
    index: dict[tuple[str, str, int], str] = {}
    if manifest is None:
        return index
    alias = re.compile(rf"({'|'.join(re.escape(k.short) for k in kinds.KINDS)})\s+(\d+)/(\d{{4}})")
    for doc in manifest.documents:
        index[(doc.kind, doc.number, doc.year)] = doc.id
        for name in doc.aliases:
            m = alias.fullmatch(name)
            if m:
                index.setdefault((_doc_key(m.group(1)), m.group(2), int(m.group(3))), doc.id)
    return index


def _level(m: re.Match) -> int:
    return next(i for i, k in enumerate(_LEVELS) if m.group(k))


def _expand(prev: str, cur: str) -> list[str]:
    """Items strictly between prev and cur in a range ("a".."d" -> b, c)."""
    if prev.isdigit() and cur.isdigit():
        return [str(n) for n in range(int(prev) + 1, int(cur))]
    if len(prev) == 1 and len(cur) == 1 and prev.isalpha() and cur.isalpha():
        return [chr(c) for c in range(ord(prev) + 1, ord(cur))]
    return []


def find_references(text: str, doc_id: str, docs: dict[tuple[str, str, int], str] | None = None) -> list[Reference]:
    """All references in ``text``, in order, with lists and ranges expanded."""
    docs = docs or {}
    refs: list[Reference] = []
    steps = list(_STEP_RE.finditer(text))
    i = 0
    while i < len(steps):
        # Collect one chain: consecutive steps separated only by glue.
        chain = [steps[i]]
        ranges = [False]
        j = i + 1
        while j < len(steps):
            between = text[chain[-1].end(): steps[j].start()]
            glue = _GLUE_RE.match(between)
            if not glue:
                break
            if between.strip() and not glue.group("range") and _level(steps[j]) > _level(chain[-1]):
                break  # "Pasal 3 dan ayat (1)": a list item that goes deeper starts a new reference
            chain.append(steps[j])
            ranges.append(bool(glue.group("range")))
            j += 1
        i = j
        # The document named after the chain, if any.
        target, external = doc_id, False
        m = _DOC_RE.match(text[chain[-1].end():])
        if m:
            key = _doc_key(m.group("kind"))
            number, year = m.group("num") or m.group("num2"), m.group("year") or m.group("year2")
            if m.group("this"):
                target = doc_id
            elif key == "UUD" or not number:
                target, external = None, True
            else:
                target = next(
                    (docs[k] for k in ((name, number, int(year)) for name in (key, *kinds.read_as(key))) if k in docs),
                    None,
                )
                external = target is None
        refs.extend(_chain_refs(chain, ranges, target, external))
    return refs


def _chain_refs(chain, ranges, target, external) -> list[Reference]:
    out: list[Reference] = []
    path: list[tuple[str, str]] = []
    items = []
    for m in chain:
        kind = next(k for k in _LEVELS if m.group(k))
        items.append((kind, m.group(kind)))
    for k, (kind, number) in enumerate(items):
        level = _LEVELS.index(kind)
        # Keep the given steps above this level; a step at the same level or above replaces.
        path = [s for s in path if _LEVELS.index(s[0]) < level]
        if ranges[k] and out and out[-1].steps and out[-1].steps[-1][0] == kind:
            for between in _expand(out[-1].steps[-1][1], number):
                steps = tuple(path + [(kind, between)])
                out.append(Reference(steps, target, path_label(steps), external))
        path.append((kind, number))
        nxt = items[k + 1] if k + 1 < len(items) else None
        if nxt is None or _LEVELS.index(nxt[0]) <= level:
            out.append(Reference(tuple(path), target, path_label(path), external))
    return out


def _body_path(uid: str) -> tuple[UnitId, tuple[Step, ...]]:
    """(scope, body path) of a unit: the Penjelasan of a provision resolves like the provision."""
    unit = UnitId.parse(uid)
    return unit.scope, unit.body.relative_to(unit.scope)


def resolve(ref: Reference, unit_id_: str, known: set[str]) -> str | None:
    """The unit id ``ref`` names, seen from the unit ``unit_id_``; None if no such unit."""
    scope, body = _body_path(unit_id_)
    if ref.doc_id and ref.doc_id != scope.doc:
        # Another document: absolute references only, not checked against its units.
        return ids.unit_id(ref.doc_id, ref.steps) if ref.steps[0][0] == "pasal" else None
    if ref.steps[0][0] == "pasal":
        uid = str(scope.join(ref.steps))
        return uid if uid in known else None
    # Relative: try the unit's own path, then shorter ones, for the first place the steps exist.
    level = _LEVELS.index(ref.steps[0][0])
    for cut in range(len(body), 0, -1):
        base = body[:cut]
        if base[-1][0] in _LEVELS and _LEVELS.index(base[-1][0]) >= level:
            continue
        uid = str(scope.join(base + ref.steps))
        if uid in known:
            return uid
    if body and body[0][0] in ("menimbang", "mengingat"):
        uid = str(scope.join(body[:1] + ref.steps))
        return uid if uid in known else None
    return None


def resolve_references(
    units, meta, manifest=None, own_text: dict[str, str] | None = None, coverage=None
) -> list[dict[str, str]]:
    """Fill ``unit.refs`` of every unit; return the references that name no unit.

    ``coverage`` (:class:`corpus.coverage.Coverage`) is the part of the document the source
    holds: a reference to a Pasal outside it ("sebagaimana dimaksud dalam Pasal 280" in a copy
    of Pasal 1-214) keeps the id of that provision, known to be missing, rather than being
    dropped as unresolved.

    ``own_text`` (unit id -> the unit's words without its children's) avoids reading a child's
    relative reference ("huruf a" inside Pasal 7 ayat (2)) from the parent; a parent's refs are
    its own followed by its children's. Without it, each unit's full text is read.
    """
    docs = document_index(manifest)
    known = {u.id for u in units}
    unresolved: list[dict[str, str]] = []
    for unit in units:
        unit.refs = []
    for unit in units:
        uid = UnitId.parse(unit.id)
        if uid.in_amending_article:
            continue  # Pasal I of an amending law (and its Penjelasan): its Pasal numbers are the amended law's
        if unit.kind == "penjelasan-umum" or uid.has("mengingat"):
            continue  # narrative text, or the legal bases (other laws, UUD 1945)
        refs: list[str] = []
        text = own_text.get(unit.id, unit.text) if own_text is not None else unit.text
        for ref in find_references(text, meta.id, docs):
            if ref.external or not ref.steps:
                continue
            target = resolve(ref, unit.id, known)
            if target is None and coverage is not None and _outside(ref, meta.id, coverage):
                target = str(_body_path(unit.id)[0].join(ref.steps))
            if target is None:
                if ref.doc_id == meta.id:
                    unresolved.append({"unit": unit.id, "text": ref.text})
                continue
            if not ids.contains(unit.id, target) and target not in refs:
                refs.append(target)
        unit.refs = refs
    if own_text is not None:
        # A parent cites what its children cite: its own references in the order written, then
        # each child's (already gathered) in document order. Deepest units are gathered first.
        children: dict[str, list] = {}
        for unit in units:
            if unit.parent_id:
                children.setdefault(unit.parent_id, []).append(unit)
        for unit in sorted(units, key=lambda u: -UnitId.parse(u.id).depth):
            gathered = list(unit.refs)
            for child in sorted(children.get(unit.id, []), key=lambda c: c.order):
                gathered.extend(r for r in child.refs if not ids.contains(unit.id, r))
            unit.refs = list(dict.fromkeys(gathered))
    return _dedupe(unresolved)


def _outside(ref: Reference, doc_id: str, coverage) -> bool:
    """An absolute reference of this document to a Pasal the source does not hold."""
    return (ref.doc_id in (None, doc_id) and ref.steps[0][0] == "pasal"
            and not coverage.holds(ref.steps[0][1]))


def _dedupe(items: list[dict[str, str]]) -> list[dict[str, str]]:
    seen, out = set(), []
    for item in items:
        key = (item["unit"], item["text"])
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
