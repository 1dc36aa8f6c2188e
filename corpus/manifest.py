"""The corpus manifest: which documents exist, what they are called, where their files come from.

``manifest.toml`` is edited by hand, so :func:`load_manifest` checks it strictly and names the
document and the field in every error: a typo in a field name must not silently drop a fact.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from corpus.coverage import Coverage
from corpus import kinds
from corpus.ids import InvalidUnitId, UnitId
from corpus.settings import MANIFEST_PATH

FORMATS = ("pdf", "text")

_DOC_FIELDS = {
    "id", "kind", "number", "year", "title", "citation", "short_name", "aliases", "enacted",
    "amends", "revokes", "source", "note", "pending", "regime", "subjects", "changes_without_text",
    "promulgated", "dates_source",
}
# How an amending law may change a Pasal of the law it amends.
CHANGES = ("diubah", "disisipkan", "dihapus")
# Election regimes: UU 7/2017 (Pemilu) and UU 1/2015 as amended (Pilkada, "Pemilihan").
REGIMES = ("pemilu", "pilkada")
_SOURCE_FIELDS = {"file", "url", "page", "sha256", "format", "part", "note", "coverage", "ocr"}
_COVERAGE_FIELDS = {"pasal", "pasal_total", "penjelasan"}
_IMPLEMENTS_FIELDS = {"regulation", "law", "source", "note"}
_SUCCESSOR_FIELDS = {"revoked", "successors", "source", "note"}
_REQUIRED = ("number", "year", "title", "citation", "short_name")
_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ManifestError(ValueError):
    """The manifest cannot be used; the message names the file and the cause, in Indonesian
    (it is shown to people as it is)."""


@dataclass(frozen=True)
class SourceFile:
    file: str  # name inside the corpus folder
    url: str = ""  # official download URL; empty when unknown
    sha256: str = ""  # empty when unknown
    format: str = "pdf"  # "pdf" or "text"
    note: str = ""
    page: str = ""  # official page describing the document (not a download); empty when unknown
    # 0: the whole document (several are alternatives; the first present is read);
    # 1, 2, ...: parts published separately, read in order and only as a complete set
    part: int = 0
    coverage: Coverage | None = None  # what of the document the file holds; None: all of it
    # The text is OCR output (a scan's OCR layer, or an OCR transcript saved as text): ingest runs
    # the OCR correction pass on it. Scans without a text layer are OCR'd by ingest and need no flag.
    ocr: bool = False


@dataclass(frozen=True)
class DocumentMeta:
    id: str
    kind: str
    number: str
    year: int
    title: str
    citation: str  # full name used in citation labels
    short_name: str  # short name used in short labels ("UU 5/2014")
    aliases: tuple[str, ...] = ()
    enacted: str = ""  # disahkan / ditetapkan (YYYY-MM-DD)
    amends: tuple[str, ...] = ()
    revokes: tuple[str, ...] = ()
    sources: tuple[SourceFile, ...] = ()
    note: str = ""
    pending: bool = False  # identity not yet established from a source: never ingested
    # Pasal of the amended law this law changed whose new text the corpus lacks: (pasal, change)
    changes_without_text: tuple[tuple[str, str], ...] = ()
    regime: str = ""  # "pemilu" or "pilkada" for election laws (REGIMES); "" otherwise
    subjects: tuple[str, ...] = ()  # what it regulates, in everyday words (named when the index lacks it)
    promulgated: str = ""  # diundangkan (YYYY-MM-DD)
    dates_source: str = ""  # where the dates are read (the law's closing formula, its Lembaran Negara)

    @property
    def kind_info(self) -> kinds.Kind:
        """The registry entry of this document's kind (names, parser, furniture)."""
        return kinds.get(self.kind)

    @property
    def is_decree(self) -> bool:
        return self.kind_info.is_decree


@dataclass(frozen=True)
class Implementation:
    """A regulation made to carry out a law, and the provision that says so."""

    regulation: str  # document id: "pp-94-2021"
    law: str  # document id: "uu-5-2014"
    source: str  # unit id of the provision it rests on: "pp-94-2021/menimbang"
    note: str = ""


@dataclass(frozen=True)
class Succession:
    """A revoked provision's counterparts in the law that revoked it (reviewed by a person)."""

    revoked: str  # unit id: "uu-5-2014/pasal-87/ayat-4/huruf-c"
    successors: tuple[str, ...]  # unit ids in the revoking law: ("uu-20-2023/pasal-52/ayat-3/huruf-j",)
    source: str  # unit id of the revoking provision: "uu-20-2023/pasal-76"
    note: str = ""


@dataclass
class Manifest:
    documents: list[DocumentMeta] = field(default_factory=list)
    path: Path | None = None
    implementations: list[Implementation] = field(default_factory=list)
    successions: list[Succession] = field(default_factory=list)

    def get(self, doc_id: str) -> DocumentMeta:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)

    def __contains__(self, doc_id: str) -> bool:
        return any(doc.id == doc_id for doc in self.documents)

    def ids(self) -> list[str]:
        return [doc.id for doc in self.documents]

    def by_file(self, name: str) -> DocumentMeta | None:
        """The document one of whose sources has this file name, if any."""
        for doc in self.documents:
            if any(src.file == name for src in doc.sources):
                return doc
        return None

    def related(self, doc_id: str) -> set[str]:
        """Ids linked to ``doc_id`` by amendment or revocation, transitively (itself included).

        Consolidation needs the whole family: re-ingesting UU 10/2016 alone would leave
        UU 1/2015 without its history.
        """
        family, todo = set(), [doc_id]
        while todo:
            current = todo.pop()
            if current in family:
                continue
            family.add(current)
            doc = self.get(current)
            todo.extend((*doc.amends, *doc.revokes))
            todo.extend(d.id for d in self.documents if current in (*d.amends, *d.revokes))
        return family

    def amendments(self, doc_id: str) -> list[DocumentMeta]:
        """The laws that amend ``doc_id`` according to the manifest, oldest first, whether or not
        the corpus holds their text: the chain its citation formula is built from."""
        laws = [d for d in self.documents if doc_id in d.amends and not d.pending]
        return sorted(laws, key=lambda d: (d.enacted or d.promulgated or f"{d.year}-99", d.year,
                                           int(re.sub(r"\D", "", d.number) or 0)))  # fmt: skip


def load_manifest(path: Path | str = MANIFEST_PATH) -> Manifest:
    """Read and validate a manifest; raise :class:`ManifestError` with a readable cause."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{path}: manifest tidak ditemukan") from None
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"{path}: kesalahan sintaks TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{path}: bukan teks UTF-8 ({exc})") from None

    unknown_top = set(raw) - {"document", "implements", "successor"}
    if unknown_top:
        raise ManifestError(f"{path}: kunci tingkat atas tidak dikenal: {', '.join(sorted(unknown_top))}")
    entries = raw.get("document", [])
    if not isinstance(entries, list):
        raise ManifestError(f"{path}: 'document' harus berupa array tabel ([[document]])")

    documents: list[DocumentMeta] = []
    seen: set[str] = set()
    files: dict[str, str] = {}
    for i, entry in enumerate(entries, start=1):
        doc = _document(entry, f"{path}: dokumen ke-{i}", path)
        if doc.id in seen:
            raise ManifestError(f"{path}: dokumen '{doc.id}': id ganda")
        seen.add(doc.id)
        for src in doc.sources:
            if src.file in files:
                raise ManifestError(
                    f"{path}: dokumen '{doc.id}': berkas '{src.file}' sudah menjadi sumber "
                    f"'{files[src.file]}'"
                )
            files[src.file] = doc.id
        documents.append(doc)
    for doc in documents:
        for other in (*doc.amends, *doc.revokes):
            if other not in seen:
                raise ManifestError(f"{path}: dokumen '{doc.id}' merujuk id yang tidak dikenal '{other}'")
            if other == doc.id:
                raise ManifestError(f"{path}: dokumen '{doc.id}' mengubah atau mencabut dirinya sendiri")
    by_id = {doc.id: doc for doc in documents}
    implementations = [
        _implementation(entry, f"{path}: implements ke-{i}", by_id)
        for i, entry in enumerate(_tables(raw, "implements", path), start=1)
    ]
    successions = [
        _succession(entry, f"{path}: successor ke-{i}", by_id)
        for i, entry in enumerate(_tables(raw, "successor", path), start=1)
    ]
    return Manifest(documents=documents, path=path, implementations=implementations, successions=successions)


def _tables(raw: dict, key: str, path: Path) -> list[dict]:
    entries = raw.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ManifestError(f"{path}: '{key}' harus berupa array tabel ([[{key}]])")
    return entries


def _unit(value: object, key: str, where: str, known: dict[str, DocumentMeta]) -> UnitId:
    """A unit id in a relation: well formed and inside a known document."""
    if not isinstance(value, str) or not value:
        raise ManifestError(f"{where}: '{key}' tidak ada")
    try:
        uid = UnitId.parse(value)
    except InvalidUnitId:
        raise ManifestError(f"{where}: '{key}' bukan id ketentuan: {value!r}") from None
    if uid.doc not in known:
        raise ManifestError(f"{where}: '{key}' merujuk dokumen yang tidak dikenal '{uid.doc}'")
    return uid


def _fields(entry: dict, allowed: set[str], where: str) -> None:
    unknown = set(entry) - allowed
    if unknown:
        raise ManifestError(f"{where}: field tidak dikenal: {', '.join(sorted(unknown))}")


def _implementation(entry: dict, where: str, known: dict[str, DocumentMeta]) -> Implementation:
    _fields(entry, _IMPLEMENTS_FIELDS, where)
    regulation, law = entry.get("regulation"), entry.get("law")
    for key, value in (("regulation", regulation), ("law", law)):
        if value not in known:
            raise ManifestError(f"{where}: '{key}' merujuk id yang tidak dikenal {value!r}")
    where = f"{where} ('{regulation}' -> '{law}')"
    if regulation == law:
        raise ManifestError(f"{where}: peraturan tidak dapat melaksanakan dirinya sendiri")
    if not known[regulation].kind_info.implements_laws:
        raise ManifestError(f"{where}: jenis '{known[regulation].kind}' bukan peraturan pelaksanaan")
    source = _unit(entry.get("source"), "source", where, known)
    return Implementation(regulation, law, str(source), entry.get("note", ""))


def _succession(entry: dict, where: str, known: dict[str, DocumentMeta]) -> Succession:
    _fields(entry, _SUCCESSOR_FIELDS, where)
    revoked = _unit(entry.get("revoked"), "revoked", where, known)
    where = f"{where} ('{revoked}')"
    source = _unit(entry.get("source"), "source", where, known)
    # The counterpart lives in the law that revoked the provision, which the source belongs to.
    if revoked.doc not in known[source.doc].revokes:
        raise ManifestError(f"{where}: '{source.doc}' (source) tidak mencabut '{revoked.doc}' menurut manifest")
    successors = entry.get("successors")
    if not isinstance(successors, list) or not successors:
        raise ManifestError(f"{where}: 'successors' harus berupa daftar id ketentuan yang tidak kosong")
    targets = []
    for value in successors:
        target = _unit(value, "successors", where, known)
        if target.doc != source.doc:
            raise ManifestError(f"{where}: pengganti '{target}' bukan ketentuan '{source.doc}'")
        targets.append(str(target))
    return Succession(str(revoked), tuple(targets), str(source), entry.get("note", ""))


def _document(entry: dict, where: str, path: Path) -> DocumentMeta:
    doc_id = entry.get("id")
    if not doc_id:
        raise ManifestError(f"{where}: 'id' tidak ada")
    if not isinstance(doc_id, str) or not _ID.match(doc_id):
        raise ManifestError(f"{where}: id {doc_id!r} hanya boleh berisi huruf kecil, angka, '.' dan '-'")
    where = f"{path}: dokumen '{doc_id}'"
    unknown = set(entry) - _DOC_FIELDS
    if unknown:
        raise ManifestError(f"{where}: field tidak dikenal: {', '.join(sorted(unknown))}")
    kind = entry.get("kind", "")
    if kind not in kinds.NAMES:
        raise ManifestError(f"{where}: jenis (kind) {kind!r} tidak dikenal (pilihan: {', '.join(kinds.NAMES)})")
    pending = entry.get("pending", False)
    if not isinstance(pending, bool):
        raise ManifestError(f"{where}: 'pending' harus true atau false")
    # A pending entry records what is known; its number and year may honestly be empty.
    required = ("title",) if pending else _REQUIRED
    for key in required:
        if entry.get(key) in (None, ""):
            raise ManifestError(f"{where}: '{key}' tidak ada")
    year = entry.get("year", 0)
    if year in ("", None):
        year = 0
    if not isinstance(year, int) or isinstance(year, bool):
        raise ManifestError(f"{where}: 'year' harus berupa angka, bukan {year!r}")
    for key in ("enacted", "promulgated"):
        if entry.get(key) and not _DATE.match(str(entry[key])):
            raise ManifestError(f"{where}: '{key}' harus berformat YYYY-MM-DD, bukan {entry[key]!r}")
    enacted = entry.get("enacted", "")
    for key in ("aliases", "amends", "revokes", "subjects"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ManifestError(f"{where}: '{key}' harus berupa daftar string")
    regime = entry.get("regime", "")
    if regime not in ("", *REGIMES):
        raise ManifestError(f"{where}: 'regime' harus salah satu dari {', '.join(REGIMES)}, bukan {regime!r}")
    changes = entry.get("changes_without_text", [])
    if not isinstance(changes, list) or not all(
        isinstance(c, dict) and set(c) == {"pasal", "change"} and c["change"] in CHANGES and isinstance(c["pasal"], str)
        for c in changes
    ):
        raise ManifestError(
            f"{where}: 'changes_without_text' harus berupa daftar {{ pasal = \"120\", change = \"diubah\" }} "
            f"(change: {', '.join(CHANGES)})"
        )
    if changes and not entry.get("amends"):
        raise ManifestError(f"{where}: 'changes_without_text' hanya untuk dokumen yang mengubah (amends) dokumen lain")
    sources = entry.get("source", [])
    if not isinstance(sources, list):
        raise ManifestError(f"{where}: 'source' harus berupa array tabel ([[document.source]])")
    return DocumentMeta(
        id=doc_id,
        kind=kind,
        number=str(entry.get("number", "")),
        year=year,
        title=entry["title"],
        citation=entry.get("citation", ""),
        short_name=entry.get("short_name", ""),
        aliases=tuple(entry.get("aliases", [])),
        enacted=str(enacted),
        amends=tuple(entry.get("amends", [])),
        revokes=tuple(entry.get("revokes", [])),
        sources=tuple(_source(src, where) for src in sources),
        note=entry.get("note", ""),
        pending=pending,
        regime=regime,
        subjects=tuple(s.lower() for s in entry.get("subjects", [])),
        changes_without_text=tuple((c["pasal"], c["change"]) for c in changes),
        promulgated=str(entry.get("promulgated", "")),
        dates_source=entry.get("dates_source", ""),
    )


def _source(src: dict, where: str) -> SourceFile:
    if not src.get("file"):
        raise ManifestError(f"{where}: ada sumber tanpa 'file'")
    where = f"{where}, sumber '{src['file']}'"
    unknown = set(src) - _SOURCE_FIELDS
    if unknown:
        raise ManifestError(f"{where}: field tidak dikenal: {', '.join(sorted(unknown))}")
    name = src["file"]
    if "/" in name or "\\" in name or name.startswith("."):
        raise ManifestError(f"{where}: 'file' harus nama berkas biasa, bukan path")
    fmt = src.get("format", "pdf")
    if fmt not in FORMATS:
        raise ManifestError(f"{where}: format {fmt!r} tidak dikenal (pilihan: {', '.join(FORMATS)})")
    sha = src.get("sha256", "").lower()
    if sha and not _SHA256.match(sha):
        raise ManifestError(f"{where}: 'sha256' harus 64 digit heksadesimal")
    url = src.get("url", "")
    if url and not url.startswith(("https://", "http://")):
        raise ManifestError(f"{where}: 'url' harus diawali https:// atau http://")
    part = src.get("part", 0)
    if not isinstance(part, int) or isinstance(part, bool) or part < 0:
        raise ManifestError(f"{where}: 'part' harus 0 (dokumen utuh) atau 1, 2, ...")
    ocr = src.get("ocr", False)
    if not isinstance(ocr, bool):
        raise ManifestError(f"{where}: 'ocr' harus true atau false")
    return SourceFile(
        file=name,
        url=url,
        sha256=sha,
        format=fmt,
        note=src.get("note", ""),
        page=src.get("page", ""),
        part=part,
        coverage=_coverage(src["coverage"], where) if "coverage" in src else None,
        ocr=ocr,
    )


def _coverage(raw, where: str) -> Coverage:
    """``coverage = { pasal = [1, 214], pasal_total = 573, penjelasan = false }``."""
    if not isinstance(raw, dict):
        raise ManifestError(f"{where}: 'coverage' harus berupa tabel, mis. {{ pasal = [1, 214], pasal_total = 573 }}")
    unknown = set(raw) - _COVERAGE_FIELDS
    if unknown:
        raise ManifestError(f"{where}: field coverage tidak dikenal: {', '.join(sorted(unknown))}")
    pasal, total = raw.get("pasal"), raw.get("pasal_total")
    if (
        not isinstance(pasal, list) or len(pasal) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in pasal)
    ):
        raise ManifestError(f"{where}: coverage 'pasal' harus [pertama, terakhir], mis. [1, 214]")
    if not isinstance(total, int) or isinstance(total, bool):
        raise ManifestError(f"{where}: coverage 'pasal_total' harus berupa angka (jumlah Pasal dokumen utuh)")
    first, last = pasal
    if not 1 <= first <= last <= total:
        raise ManifestError(
            f"{where}: coverage tidak masuk akal: Pasal {first}–{last} dari {total} "
            "(harus 1 ≤ pertama ≤ terakhir ≤ pasal_total)"
        )
    penjelasan = raw.get("penjelasan", True)
    if not isinstance(penjelasan, bool):
        raise ManifestError(f"{where}: coverage 'penjelasan' harus true atau false")
    return Coverage(first, last, total, penjelasan)
