"""Named references checked against the corpus: what is missing is said, never substituted."""

from __future__ import annotations

import pytest

from corpus.manifest import DocumentMeta, Manifest
from ingest.model import Unit
from qa.reference_check import ReferenceCheck, check_references, documents_lacking


def _unit(unit_id: str, kind: str, number: str, parent: str | None, text: str = "", order: int = 0) -> Unit:
    doc = unit_id.split("/")[0]
    return Unit(unit_id, doc, kind, number, unit_id, unit_id, text or unit_id, parent_id=parent, order=order)


@pytest.fixture
def manifest() -> Manifest:
    return Manifest([
        DocumentMeta("pp-94-2021", "PP", "94", 2021, "PP 94", "PP 94", "PP 94/2021"),
        DocumentMeta("uu-5-2014", "UU", "5", 2014, "UU 5", "UU 5", "UU 5/2014", aliases=("UU ASN 2014",)),
        DocumentMeta("uu-7-2017", "UU", "7", 2017, "UU 7", "UU 7", "UU 7/2017", aliases=("UU Pemilu",)),
    ])  # fmt: skip


@pytest.fixture
def units() -> dict[str, Unit]:
    items = [
        _unit("pp-94-2021/pasal-5", "pasal", "5", None, order=1),
        *(_unit(f"pp-94-2021/pasal-5/huruf-{h}", "huruf", h, "pp-94-2021/pasal-5", order=i) for i, h in enumerate("abcdefghijklmn")),
        _unit("pp-94-2021/pasal-8", "pasal", "8", None, order=30),
        *(_unit(f"pp-94-2021/pasal-8/ayat-{a}", "ayat", str(a), "pp-94-2021/pasal-8", order=30 + a) for a in (1, 2, 3, 4)),
        *(_unit(f"uu-5-2014/pasal-{n}", "pasal", str(n), None, order=n) for n in range(1, 142)),
        _unit("uu-5-2014/pasal-141A", "pasal", "141A", None, order=200),
        _unit("uu-5-2014/pasal-139", "pasal", "139", None,
              "Peraturan Pemerintah Nomor 53 Tahun 2010 tentang Disiplin dicabut.", order=139),
    ]  # fmt: skip
    return {u.id: u for u in items}


def messages(check) -> list[str]:
    return [f.message for f in check.findings]


def test_a_pasal_beyond_the_last_names_the_range_that_exists(units, manifest):
    check = check_references("Apa isi Pasal 150 UU 5/2014?", units, manifest)
    assert messages(check) == ["Pasal 150 UU 5/2014 tidak ada: UU 5/2014 memuat Pasal 1–141."]
    assert check.named_nothing_that_exists


INSERTED_122A = ("Pasal 122A UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020 disisipkan "
                 "oleh UU 6/2020; teksnya tidak ada di korpus (periksa UU 6/2020).")


@pytest.mark.parametrize("question", ["Apa isi Pasal 122A UU 1/2015?", "pasal 122a uu 10/2016"])
def test_a_pasal_inserted_by_an_amendment_without_text_is_named_with_the_formula(question):
    """Pasal 122A exists in law (Perppu 2/2020, enacted by UU 6/2020) but not in the corpus: said so,
    the law named with its citation formula from the manifest chain, never "tidak ada"."""
    from corpus.manifest import load_manifest

    pilkada = {f"uu-1-2015/pasal-{n}": _unit(f"uu-1-2015/pasal-{n}", "pasal", str(n), None, order=n) for n in range(1, 207)}
    pilkada["uu-10-2016/pasal-I"] = _unit("uu-10-2016/pasal-I", "pasal", "I", None)
    check = check_references(question, pilkada, load_manifest())
    assert messages(check) == [INSERTED_122A]
    assert [f.kind for f in check.findings] == ["provision-without-text"] and check.named_nothing_that_exists


def test_a_missing_huruf_names_the_huruf_that_exist(units, manifest):
    check = check_references("pasal 5 huruf z PP 94/2021", units, manifest)
    assert messages(check) == ["Pasal 5 huruf z PP 94/2021 tidak ada: Pasal 5 PP 94/2021 memuat huruf a–n."]


def test_a_missing_ayat_names_the_ayat_that_exist(units, manifest):
    check = check_references("Pasal 8 ayat (7) PP 94/2021", units, manifest)
    assert messages(check) == ["Pasal 8 ayat (7) PP 94/2021 tidak ada: Pasal 8 PP 94/2021 memuat ayat (1)–(4)."]


def test_a_pasal_without_ayat(units, manifest):
    check = check_references("Pasal 5 ayat (2) PP 94/2021", units, manifest)
    assert messages(check) == ["Pasal 5 ayat (2) PP 94/2021 tidak ada: Pasal 5 PP 94/2021 tidak terbagi atas ayat."]


def test_an_unknown_document_is_named(units, manifest):
    check = check_references("Jelaskan Pasal 15 PP 11/2017", units, manifest)
    assert messages(check) == ["PP 11/2017 tidak ada di korpus Rujukan."]
    assert check.named_nothing_that_exists


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Pasal 5 ayat (1) Peraturan Bawaslu Nomor 6 Tahun 2018", "Perbawaslu 6/2018"),
        ("isi pasal 3 pkpu 8 2022", "PKPU 8/2022"),
        ("Pasal 2 Peraturan Menteri Nomor 1 Tahun 2020", "Permen 1/2020"),
    ],
)
def test_an_unknown_document_of_any_registered_kind_is_named(units, manifest, question, name):
    check = check_references(question, units, manifest)
    assert messages(check) == [f"{name} tidak ada di korpus Rujukan."]
    assert check.named_nothing_that_exists


def test_an_unknown_document_the_corpus_mentions_is_not_fatal(units, manifest):
    check = check_references("Apakah PP 53/2010 masih berlaku?", units, manifest)
    assert [f.fatal for f in check.findings] == [False]
    assert not check.named_nothing_that_exists


def test_a_known_document_without_text(units, manifest):
    check = check_references("Apa bunyi Pasal 280 ayat (2) UU 7/2017?", units, manifest)
    assert check.findings[0].kind == "document-not-indexed"
    assert check.findings[0].message.startswith("UU 7/2017 dikenal Rujukan, tetapi teksnya belum ada di indeks")
    assert check.named_nothing_that_exists


def test_an_existing_provision_resolves_with_no_findings(units, manifest):
    check = check_references("Pasal 8 ayat (3) PP 94/2021 mengatur apa?", units, manifest)
    assert check.resolved == ("pp-94-2021/pasal-8/ayat-3",)
    assert check.findings == ()
    assert not check.named_nothing_that_exists


def test_one_existing_and_one_missing_is_not_an_abstention(units, manifest):
    check = check_references("Bandingkan Pasal 8 PP 94/2021 dengan Pasal 150 UU 5/2014", units, manifest)
    assert check.resolved == ("pp-94-2021/pasal-8",)
    assert len(check.findings) == 1
    assert not check.named_nothing_that_exists


def test_a_question_without_references_has_no_findings(units, manifest):
    check = check_references("apakah asn boleh ikut kampanye?", units, manifest)
    assert check == check.__class__()


def test_a_document_the_index_lacks_is_named_by_its_subjects():
    skb = DocumentMeta("skb-2-2022", "Keputusan Bersama", "2", 2022, "Keputusan Bersama tentang Pedoman Netralitas",
                       "SKB 2", "SKB 2/2022", subjects=("media sosial", "like", "postingan"))  # fmt: skip
    manifest = Manifest([skb, DocumentMeta("pp-94-2021", "PP", "94", 2021, "PP 94", "PP 94", "PP 94/2021")])
    indexed = {"pp-94-2021"}
    [finding] = documents_lacking("asn boleh like postingan paslon?", indexed, manifest)
    assert finding.message.startswith("Aturan yang rinci tentang hal ini ada di SKB 2/2022 tentang Pedoman Netralitas")
    assert not finding.fatal and finding.doc_id == "skb-2-2022" and finding.subjects == ("like", "postingan")
    assert documents_lacking("asn boleh ikut kampanye?", indexed, manifest) == []
    assert documents_lacking("likes", indexed, manifest) == []  # whole words only
    assert documents_lacking("asn boleh like postingan paslon?", indexed | {"skb-2-2022"}, manifest) == []


def test_a_penjelasan_umum_resolves_or_is_named_as_missing(units, manifest):
    umum = _unit("pp-94-2021/penjelasan-umum", "penjelasan-umum", "", None)
    units = {**units, umum.id: umum}
    assert check_references("Penjelasan Umum PP 94/2021", units, manifest) == ReferenceCheck(("pp-94-2021/penjelasan-umum",))
    # UU 5/2014 is indexed, without a Penjelasan Umum; UU 7/2017 is not indexed at all.
    check = check_references("Penjelasan Umum UU 5/2014", units, manifest)
    assert check.named_nothing_that_exists
    assert messages(check) == ["Penjelasan Umum UU 5/2014 tidak ada di korpus Rujukan."]
    check = check_references("penjelasan umum uu pemilu", units, manifest)
    assert [(f.kind, f.doc_id) for f in check.findings] == [("document-not-indexed", "uu-7-2017")]
    check = check_references("Pasal 5 dan Penjelasan Umum UU 5/2014", units, manifest)
    assert check.resolved == ("uu-5-2014/pasal-5",) and not check.named_nothing_that_exists
