"""Legal status on the real mirror: UU 20/2023 revokes UU 5/2014, keeps its implementing
regulations in force, and takes over its provisions (successors)."""

from __future__ import annotations

import dataclasses

import pytest

from corpus.manifest import Manifest, load_manifest
from ingest.model import ParsedDocument, ParseReport, Unit
from ingest.status import apply_status, find_revocations, match_successors

ASN = ("uu-5-2014", "uu-20-2023", "pp-42-2004")


def _parse(path, manifest, doc_id):
    from ingest.clean import clean
    from ingest.parse import parse_document
    from ingest.read import read_source

    cleaned, _ = clean(read_source(path))
    return parse_document(cleaned, manifest.get(doc_id), manifest)


@pytest.fixture(scope="module")
def asn(mirror):
    manifest = load_manifest()
    docs = {d: _parse(mirror / f"{d}.md", manifest, d) for d in ASN}
    docs["pp-94-2021"] = _parse(mirror / "pp-94-2021.pdf", manifest, "pp-94-2021")
    revocations = find_revocations(docs, manifest)
    apply_status(docs, manifest)
    return {d: {u.id: u for u in doc.units} for d, doc in docs.items()}, revocations


def test_revocation_is_read_from_pasal_76_of_uu_20_2023(asn):
    [rev] = asn[1]
    assert (rev.revoked, rev.by_doc, rev.source_id, rev.source_label) == (
        "uu-5-2014", "uu-20-2023", "uu-20-2023/pasal-76", "Pasal 76 UU 20/2023"
    )


def test_every_unit_of_uu_5_2014_is_revoked(asn):
    units = asn[0]["uu-5-2014"]
    assert len(units) > 500
    assert {(u.status, u.status_note, u.status_source) for u in units.values()} == {
        ("dicabut", "dicabut oleh Pasal 76 UU 20/2023", "uu-20-2023/pasal-76")
    }
    assert {u.status for u in asn[0]["uu-20-2023"].values()} == {"berlaku"}


def test_reviewed_successors(asn):
    old, new = asn[0]["uu-5-2014"], asn[0]["uu-20-2023"]
    party = old["uu-5-2014/pasal-87/ayat-4/huruf-c"]
    assert party.text.startswith("menjadi anggota dan/atau pengurus partai politik")
    assert party.successors[0] == "uu-20-2023/pasal-52/ayat-3/huruf-j"
    assert new["uu-20-2023/pasal-52/ayat-3/huruf-j"].text.startswith("menjadi anggota dan/atau pengurus partai")
    free = old["uu-5-2014/pasal-9/ayat-2"]
    assert free.successors[0] == "uu-20-2023/pasal-9/ayat-2"
    assert "bebas dari pengaruh dan intervensi semua golongan dan partai politik" in new["uu-20-2023/pasal-9/ayat-2"].text
    for row in load_manifest().successions:  # the manifest names units that exist
        assert row.revoked in old, row.revoked
        assert all(t in new for t in row.successors), row.successors
        assert row.source == "uu-20-2023/pasal-76" and row.source in new


def test_near_identical_texts_are_matched_automatically(asn):
    old = asn[0]["uu-5-2014"]
    # Not in the reviewed table: "Pegawai ASN melaksanakan kebijakan yang ditetapkan oleh pimpinan Instansi Pemerintah."
    assert "uu-5-2014/pasal-9/ayat-1" not in {row.revoked for row in load_manifest().successions}
    assert old["uu-5-2014/pasal-9/ayat-1"].successors == ["uu-20-2023/pasal-9/ayat-1"]
    linked = [u for u in old.values() if u.successors]
    assert 20 <= len(linked) <= 200
    assert not [u.id for u in linked if "/penjelasan" in u.id or "/menimbang" in u.id]


def test_implementation_sources_are_the_provisions_that_say_so(asn):
    units = {uid: u for doc in asn[0].values() for uid, u in doc.items()}
    rows = {(i.regulation, i.law): i.source for i in load_manifest().implementations}
    assert rows == {("pp-94-2021", "uu-5-2014"): "pp-94-2021/menimbang", ("pp-42-2004", "uu-5-2014"): "uu-5-2014/pasal-139"}
    assert "untuk melaksanakan ketentuan Pasal 86 ayat (4) Undang-Undang Nomor 5 Tahun 2014" in units["pp-94-2021/menimbang"].text
    assert "peraturan pelaksanaan dari Undang-Undang Nomor 8 Tahun 1974" in units["uu-5-2014/pasal-139"].text


def test_implementing_regulations_stay_in_force_by_pasal_75(asn):
    note = "tetap berlaku berdasarkan Pasal 75 UU 20/2023 sepanjang tidak bertentangan dengan UU 20/2023"
    for reg in ("pp-94-2021", "pp-42-2004"):
        units = asn[0][reg]
        assert len(units) > 20
        assert {(u.status, u.status_note, u.status_source) for u in units.values()} == {
            ("berlaku", note, "uu-20-2023/pasal-75")
        }, reg


def _unit(uid, text, kind="pasal"):
    doc, _, _ = uid.partition("/")
    return Unit(id=uid, doc_id=doc, kind=kind, number=uid.rsplit("-", 1)[-1], label=uid, short_label=uid, text=text)


def test_revocation_from_the_manifest_when_the_text_does_not_say_so():
    manifest = load_manifest()
    old = ParsedDocument("uu-5-2014", [_unit("uu-5-2014/pasal-1", "Pegawai ASN wajib menjaga netralitas.")], ParseReport("uu-5-2014"))
    new = ParsedDocument("uu-20-2023", [_unit("uu-20-2023/pasal-1", "Undang-Undang ini mulai berlaku pada tanggal diundangkan.")], ParseReport("uu-20-2023"))
    apply_status({"uu-5-2014": old, "uu-20-2023": new}, manifest)
    u = old.units[0]
    assert (u.status, u.status_note, u.status_source) == ("dicabut", "dicabut oleh UU 20/2023", None)


def test_revocation_in_a_huruf_cites_the_huruf():
    base = load_manifest()
    docs_meta = [d for d in base.documents if d.id in ("uu-7-2017", "uu-1-2015", "uu-5-2014")]
    manifest = Manifest(documents=[dataclasses.replace(d, revokes=()) for d in docs_meta])
    pasal = _unit(
        "uu-7-2017/pasal-571",
        "Pada saat Undang-Undang ini mulai berlaku: a. Undang-Undang Nomor 1 Tahun 2015 tentang Pemilihan; dan "
        "b. Undang-Undang Nomor 5 Tahun 2O14 tentang ASN, dicabut dan dinyatakan tidak berlaku.",
    )
    huruf_a = dataclasses.replace(_unit("uu-7-2017/pasal-571/huruf-a", "Undang-Undang Nomor 1 Tahun 2015 tentang Pemilihan; dan", "huruf"), short_label="Pasal 571 huruf a UU 7/2017")
    docs = {"uu-7-2017": ParsedDocument("uu-7-2017", [pasal, huruf_a], ParseReport("uu-7-2017"))}
    found = {(r.revoked, r.source_id) for r in find_revocations(docs, manifest)}
    assert found == {("uu-1-2015", "uu-7-2017/pasal-571/huruf-a"), ("uu-5-2014", "uu-7-2017/pasal-571")}


def test_match_successors_ignores_short_items_and_different_wording():
    old = [
        _unit("a/pasal-1", "Pegawai ASN harus bebas dari pengaruh dan intervensi semua golongan dan partai politik.", "ayat"),
        _unit("a/pasal-2", "meninggal dunia;", "huruf"),
        _unit("a/pasal-3", "Pejabat Pembina Kepegawaian menetapkan pengangkatan, pemindahan, dan pemberhentian pegawai.", "ayat"),
    ]
    new = [
        _unit("b/pasal-9", "Pegawai ASN harus bebas dari pengaruh dan intervensi semua golongan dan partai politik.", "ayat"),
        _unit("b/pasal-4", "meninggal dunia;", "huruf"),
        _unit("b/pasal-5", "Presiden dapat mendelegasikan kewenangan pembinaan Manajemen ASN kepada menteri.", "ayat"),
    ]
    assert match_successors(old, new) == {"a/pasal-1": ["b/pasal-9"]}


def test_unknown_status_is_refused():
    manifest = load_manifest()
    bad = _unit("pp-42-2004/pasal-1", "Dalam Peraturan Pemerintah ini yang dimaksud dengan:")
    bad.status = "tidak berlaku"
    with pytest.raises(ValueError, match="unknown status"):
        apply_status({"pp-42-2004": ParsedDocument("pp-42-2004", [bad], ParseReport("pp-42-2004"))}, manifest)
