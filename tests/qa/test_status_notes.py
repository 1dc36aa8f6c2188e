"""Marks and attention notes of a provision, from its own data (no index needed)."""

from __future__ import annotations

from corpus.manifest import load_manifest
from ingest.model import Unit, Version
from qa import status_notes
from qa.answering import _status_warnings


def unit(uid: str, label: str, *changes: str, status: str = "berlaku", note: str | None = None, **kw) -> Unit:
    history = [Version(text=f"teks {c}", doc_id="x", source_id=f"x/{c}", source_label="Pasal I angka 3 UU 8/2015",
                       change=c) for c in changes]  # fmt: skip
    doc = uid.split("/")[0]
    return Unit(id=uid, doc_id=doc, kind="pasal", number=uid.rsplit("-", 1)[-1], label=label, short_label=label,
                text="...", status=status, status_note=note, history=history, **kw)  # fmt: skip


def test_marks_follow_the_history_and_status():
    assert status_notes.marks(unit("uu-1-2015/pasal-2", "Pasal 2 UU 1/2015", "asli")) == ()
    assert status_notes.marks(unit("uu-1-2015/pasal-71", "Pasal 71", "asli", "diubah", "diubah")) == ("diubah",)
    assert status_notes.marks(unit("uu-1-2015/pasal-22A", "Pasal 22A", "disisipkan")) == ("disisipkan",)
    assert status_notes.marks(unit("uu-1-2015/pasal-22B", "Pasal 22B", "disisipkan", "diubah")) == (
        "disisipkan", "diubah")  # fmt: skip
    # UU 7/2017 beyond the part the corpus holds: known only from UU 7/2023, which amended it.
    outside = unit("uu-7-2017/pasal-276", "Pasal 276 UU 7/2017", "diubah", coverage_note="Teks asli Pasal 276 ...")
    assert status_notes.marks(outside) == ("diubah",) and status_notes.original_missing(outside)
    assert not status_notes.original_missing(unit("uu-1-2015/pasal-22A", "Pasal 22A", "disisipkan"))
    inserted = unit("uu-7-2017/pasal-568A", "Pasal 568A UU 7/2017", "disisipkan", coverage_note="diketahui hanya dari X")
    assert status_notes.inserted_whole(inserted) and status_notes.attention(inserted, {}) == []
    assert [a.kind for a in status_notes.attention(outside, {})] == ["teks tidak ada"]
    deleted = unit("uu-1-2015/pasal-4", "Pasal 4", "asli", "dihapus", status="dicabut",
                   note="dihapus dengan Pasal I angka 3 UU 8/2015")  # fmt: skip
    assert status_notes.marks(deleted) == ("dihapus",) and status_notes.is_deleted(deleted)
    revoked = unit("uu-5-2014/pasal-3", "Pasal 3 UU 5/2014", status="dicabut", note="dicabut oleh Pasal 76 UU 20/2023")
    assert status_notes.marks(revoked) == ("dicabut",) and not status_notes.is_deleted(revoked)


def test_an_amended_or_inserted_provision_in_force_needs_no_attention():
    for u in (unit("uu-1-2015/pasal-71", "Pasal 71", "asli", "diubah"), unit("uu-1-2015/pasal-22A", "22A", "disisipkan")):
        assert status_notes.attention(u, {u.id: u}) == []


def test_a_revocation_names_the_counterpart_or_only_the_revoking_provision():
    new = unit("uu-20-2023/pasal-52/ayat-3/huruf-j", "Pasal 52 ayat (3) huruf j UU 20/2023")
    old = unit("uu-5-2014/pasal-87/ayat-4/huruf-c", "Pasal 87 ayat (4) huruf c UU 5/2014", status="dicabut",
               note="dicabut oleh Pasal 76 UU 20/2023", successors=[new.id])  # fmt: skip
    alone = unit("uu-5-2014/pasal-3", "Pasal 3 UU 5/2014", status="dicabut", note="dicabut oleh Pasal 76 UU 20/2023")
    units = {u.id: u for u in (new, old, alone)}
    assert status_notes.revocation_note(old, units) == (
        "Ketentuan ini dicabut oleh Pasal 76 UU 20/2023 dan tidak berlaku lagi. "
        "Padanannya yang berlaku: Pasal 52 ayat (3) huruf j UU 20/2023.")  # fmt: skip
    assert status_notes.revocation_note(alone, units) == (
        "Ketentuan ini dicabut oleh Pasal 76 UU 20/2023 dan tidak berlaku lagi.")  # fmt: skip
    assert [a.kind for a in status_notes.attention(old, units)] == ["dicabut"]
    # In an answer: the law's revocation once, then each provision's own counterpart; none made up.
    assert _status_warnings([old, alone], units, load_manifest()) == [
        "UU 5/2014 telah dicabut oleh Pasal 76 UU 20/2023.",
        "Padanan Pasal 87 ayat (4) huruf c UU 5/2014 yang berlaku: Pasal 52 ayat (3) huruf j UU 20/2023.",
    ]


def test_a_deleted_article_is_not_its_whole_law_revoked():
    deleted = unit("uu-1-2015/pasal-4", "Pasal 4 UU 1/2015", "asli", "dihapus", status="dicabut",
                   note="dihapus dengan Pasal I angka 3 UU 8/2015")  # fmt: skip
    assert _status_warnings([deleted], {deleted.id: deleted}, load_manifest()) == [
        "Pasal 4 UU 1/2015: Ketentuan ini dihapus dengan Pasal I angka 3 UU 8/2015 dan tidak berlaku lagi."
    ]


def test_missing_text_ocr_and_possible_gaps_need_attention():
    # Ingest writes a coverage note of the provision itself ("pasal ini"): the label names it.
    u = unit("pp-94-2021/pasal-5", "Pasal 5 PP 94/2021", coverage_note="Pasal ini diubah oleh X",
             ocr_suspect=["Ralcyat"], divergence_note="kemungkinan ada kata yang hilang dari sumber")  # fmt: skip
    assert [(a.kind, a.text) for a in status_notes.attention(u, {})] == [
        ("teks tidak ada", "Pasal ini diubah oleh X."),
        ("teks OCR", "Teks hasil OCR; periksa dengan salinan resmi (kata meragukan: Ralcyat)."),
        ("kemungkinan celah", "Kemungkinan ada kata yang hilang dari sumber."),
    ]
    assert _status_warnings([u], {u.id: u}) == [
        "Pasal 5 PP 94/2021: Pasal ini diubah oleh X.",
        "Pasal 5 PP 94/2021: Teks hasil OCR; periksa dengan salinan resmi (kata meragukan: Ralcyat).",
        "Pasal 5 PP 94/2021: Kemungkinan ada kata yang hilang dari sumber.",
    ]


def test_changes_without_text_come_from_the_manifest_in_pasal_order():
    rows = status_notes.changes_without_text("uu-1-2015", load_manifest())
    assert [(n, c) for n, c, _ in rows] == [("120", "diubah"), ("122A", "disisipkan"), ("201A", "disisipkan")]
    assert rows[1][2].startswith("Pasal 122A UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020 "
                                 "disisipkan oleh UU 6/2020; teksnya tidak ada di korpus")
    assert status_notes.inserted_without_text("uu-1-2015", "201A", load_manifest()) == rows[2][2]
    assert status_notes.inserted_without_text("uu-1-2015", "120", load_manifest()) is None
    assert status_notes.changes_without_text("uu-5-2014", load_manifest()) == []
    assert sorted(["201A", "22", "122A", "122", "4"], key=status_notes.pasal_key) == ["4", "22", "122", "122A", "201A"]


def test_a_pasal_changed_by_an_amendment_without_text_is_known_with_all_it_holds():
    manifest = load_manifest()
    for uid in ("uu-1-2015/pasal-120", "uu-1-2015/pasal-120/ayat-1"):
        assert status_notes.changed_without_text(unit(uid, "Pasal 120 UU 1/2015", "asli"), manifest) == "diubah"
    for uid in ("uu-1-2015/pasal-71", "uu-1-2015/penetapan/pasal-1", "uu-5-2014/pasal-120"):
        assert status_notes.changed_without_text(unit(uid, "x", "asli"), manifest) is None
