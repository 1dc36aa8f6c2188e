"""Consolidation of the Pilkada law (UU 1/2015 amended by UU 8/2015, UU 10/2016 and UU 6/2020, whose
amending text the corpus lacks) on the real mirror, and of a UU 7/2017-like law amended by a UU 7/2023-like law from a generated fixture."""

from __future__ import annotations

import pytest

from corpus.manifest import load_manifest
from ingest.amend import consolidate, read_instructions, read_penjelasan_changes
from tests.fixtures import amendment_uu7

PILKADA = ("uu-1-2015", "uu-8-2015", "uu-10-2016")


def _parse(mirror, manifest, doc_id):
    from ingest.clean import clean
    from ingest.parse import parse_document
    from ingest.read import read_source

    cleaned, _ = clean(read_source(mirror / f"{doc_id}.md"))
    return parse_document(cleaned, manifest.get(doc_id), manifest)


@pytest.fixture(scope="module")
def pilkada(mirror):
    manifest = load_manifest()
    parsed = {d: _parse(mirror, manifest, d) for d in PILKADA}
    out = consolidate(parsed, manifest)
    return {d: {u.id: u for u in out[d].units} for d in PILKADA}, out, manifest


@pytest.fixture(scope="module")
def base(pilkada):
    return pilkada[0]["uu-1-2015"]


def _sources(unit):
    return [(v.doc_id, v.source_id, v.source_label, v.change) for v in unit.history]


# ------------------------------------------------------------------ reading the instructions


def test_instructions_are_read_from_the_text_of_both_amending_laws(mirror):
    manifest = load_manifest()
    for doc_id, count in (("uu-8-2015", 117), ("uu-10-2016", 67)):
        lines = (mirror / f"{doc_id}.md").read_text(encoding="utf-8").splitlines()
        instructions = read_instructions(lines, manifest.get(doc_id))
        assert [i.angka for i in instructions] == [str(n) for n in range(1, count + 1)]
    by_angka = {i.angka: i for i in instructions}  # UU 10/2016
    assert by_angka["26"].action == "ubah" and by_angka["26"].targets == ["70"]
    assert by_angka["63"].action == "hapus" and by_angka["63"].targets == ["196"]
    assert by_angka["6"].action == "penjelasan" and by_angka["6"].targets == ["20"]
    # Glued to the end of the previous line in the text copy: "... Rp96.000.000,00 56. Di antara ..."
    assert by_angka["56"].targets == ["182A", "182B"] and by_angka["56"].anchor == "182"
    assert by_angka["54"].targets == [f"178{c}" for c in "ABCDEFGH"]


def test_penjelasan_changes_are_read_per_pasal(mirror):
    lines = (mirror / "uu-8-2015.md").read_text(encoding="utf-8").splitlines()
    changes = read_penjelasan_changes(lines)
    assert changes["70"].text == "Cukup jelas." and changes["70"].angka == "48"
    # "Cukup jelas. Angka 49 Pasal 71 Ayat (1) ..." stands on one line in the text copy.
    assert changes["71"].angka == "49"
    assert changes["71"].text.startswith("Ayat (1) Cukup jelas. Ayat (2) Dalam hal terjadi kekosongan jabatan")


# ------------------------------------------------------------------ the Pilkada law in force


def test_pasal_70_in_force_is_uu_10_2016_with_its_history(base):
    ayat3 = base["uu-1-2015/pasal-70/ayat-3"]
    assert ayat3.text == (
        "Gubernur dan Wakil Gubernur, Bupati dan Wakil Bupati, Walikota dan Wakil Walikota, yang "
        "mencalonkan kembali pada daerah yang sama, selama masa kampanye harus memenuhi ketentuan: "
        "a. menjalani cuti di luar tanggungan negara; dan b. dilarang menggunakan fasilitas yang "
        "terkait dengan jabatannya."
    )
    assert base["uu-1-2015/pasal-70/ayat-3/huruf-a"].text == "menjalani cuti di luar tanggungan negara; dan"
    assert base["uu-1-2015/pasal-70/ayat-3/huruf-b"].text == (
        "dilarang menggunakan fasilitas yang terkait dengan jabatannya."
    )
    assert "uu-1-2015/pasal-70/ayat-3/huruf-c" not in base  # UU 8/2015's huruf c is gone
    pasal = base["uu-1-2015/pasal-70"]
    assert _sources(pasal) == [
        ("uu-1-2015", "uu-1-2015/pasal-70", "Pasal 70 UU 1/2015", "asli"),
        ("uu-8-2015", "uu-8-2015/pasal-I/angka-48", "Pasal I angka 48 UU 8/2015", "diubah"),
        ("uu-10-2016", "uu-10-2016/pasal-I/angka-26", "Pasal I angka 26 UU 10/2016", "diubah"),
    ]
    assert pasal.history[-1].text == pasal.text
    assert pasal.history[0].text.startswith("(1) Dalam Kampanye, calon dilarang melibatkan:")
    assert [v.text for v in ayat3.history][0] == (
        "Pejabat negara sebagaimana dimaksud pada ayat (2) yang menjadi Calon Gubernur, Calon Bupati, "
        "Calon Walikota dalam melaksanakan Kampanye tidak menggunakan fasilitas yang terkait dengan jabatannya."
    )
    assert ayat3.history[0].source_id == "uu-1-2015/pasal-70/ayat-3"
    assert ayat3.history[1].text.endswith(
        "c. pengaturan lama cuti dan jadwal cuti dengan memperhatikan keberlangsungan tugas "
        "penyelenggaraan pemerintahan daerah."
    )
    assert (pasal.status, pasal.status_source) == ("berlaku", "uu-10-2016/pasal-I/angka-26")
    assert pasal.status_note == "diubah terakhir oleh Pasal I angka 26 UU 10/2016"


SEVERAL = "sebagaimana telah beberapa kali diubah terakhir dengan"


def test_every_label_of_the_pilkada_law_uses_one_formula_built_from_its_amendment_chain(pilkada, base):
    """UU 1/2015 was amended three times (UU 8/2015, UU 10/2016, UU 6/2020): every label, changed
    article or not, Penjelasan and the enacting body included, names it one way."""
    manifest = pilkada[2]
    ayat1 = base["uu-1-2015/pasal-70/ayat-1"]
    assert ayat1.short_label == f"Pasal 70 ayat (1) UU 1/2015 {SEVERAL} UU 6/2020"
    assert ayat1.label == (
        f"Pasal 70 ayat (1) {manifest.get('uu-1-2015').citation} {SEVERAL} {manifest.get('uu-6-2020').citation}"
    )
    assert ayat1.label.startswith("Pasal 70 ayat (1) Undang-Undang Nomor 1 Tahun 2015 tentang Penetapan")
    assert ayat1.label.endswith("sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 6 Tahun "
                                "2020 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2020 "
                                "tentang Perubahan Ketiga atas Undang-Undang Nomor 1 Tahun 2015 tentang Penetapan "
                                "Peraturan Pemerintah Pengganti Undang-Undang Nomor 1 Tahun 2014 tentang Pemilihan "
                                "Gubernur, Bupati, dan Walikota menjadi Undang-Undang menjadi Undang-Undang")  # fmt: skip
    assert base["uu-1-2015/pasal-188"].short_label == f"Pasal 188 UU 1/2015 {SEVERAL} UU 6/2020"
    assert base["uu-1-2015/penjelasan/pasal-71"].short_label == f"Penjelasan Pasal 71 UU 1/2015 {SEVERAL} UU 6/2020"
    assert base["uu-1-2015/penetapan/pasal-1"].short_label == (
        f"Pasal 1 UU 1/2015 {SEVERAL} UU 6/2020 (batang tubuh penetapan)"
    )
    suffix = f" {SEVERAL} UU 6/2020"
    full = f" {SEVERAL} {manifest.get('uu-6-2020').citation}"
    assert all(suffix in u.short_label and u.short_label.count("sebagaimana telah") == 1 for u in base.values())
    assert all(full in u.label for u in base.values())
    # The amending laws are not amended: their labels stay plain.
    assert pilkada[0]["uu-10-2016"]["uu-10-2016/pasal-I/angka-27"].short_label == "Pasal I angka 27 UU 10/2016"


def test_each_provision_says_which_law_last_changed_it(base):
    # Body changed by UU 10/2016 only, but the article's Penjelasan by UU 8/2015 too: "terakhir".
    assert base["uu-1-2015/pasal-71/ayat-1"].status_note == "diubah terakhir oleh Pasal I angka 27 UU 10/2016"
    # Changed by UU 8/2015 only (ayat (2) deleted).
    assert base["uu-1-2015/pasal-3"].status_note == "diubah oleh Pasal I angka 2 UU 8/2015"
    assert base["uu-1-2015/pasal-40A"].status_note == "disisipkan oleh Pasal I angka 12 UU 10/2016"
    assert base["uu-1-2015/pasal-40A"].status_source == "uu-10-2016/pasal-I/angka-12"
    assert base["uu-1-2015/pasal-196"].status_note == "dihapus oleh Pasal I angka 63 UU 10/2016"
    # Body changed by UU 8/2015, its Penjelasan later by UU 10/2016: each says its own last change.
    assert base["uu-1-2015/pasal-20"].status_note == "diubah terakhir oleh Pasal I angka 14 UU 8/2015"
    assert base["uu-1-2015/penjelasan/pasal-20"].status_note == "diubah terakhir oleh Pasal I angka 6 UU 10/2016"
    assert base["uu-1-2015/penjelasan/pasal-71"].status_note == "diubah terakhir oleh Pasal I angka 27 UU 10/2016"
    assert base["uu-1-2015/pasal-188"].status_note is None  # as first enacted
    # UU 6/2020 changed Pasal 120; its amending text is not in the corpus.
    for unit_id in ("uu-1-2015/pasal-120", "uu-1-2015/pasal-120/ayat-1"):
        assert base[unit_id].status_note == "diubah oleh UU 6/2020; teks perubahan tidak ada di korpus"


def test_every_version_of_the_history_is_dated_by_its_law(base):
    pasal = base["uu-1-2015/pasal-70"]
    assert [(v.source_label, v.enacted, v.dated) for v in pasal.history] == [
        ("Pasal 70 UU 1/2015", "2015-02-02", "disahkan 2 Februari 2015"),
        ("Pasal I angka 48 UU 8/2015", "2015-03-18", "disahkan 18 Maret 2015"),
        ("Pasal I angka 26 UU 10/2016", "2016-07-01", "disahkan 1 Juli 2016"),
    ]
    # A change made to the Penjelasan alone ("Pasal 71 tetap, dengan perubahan penjelasan") is in
    # the Penjelasan's history, dated.
    pj = base["uu-1-2015/penjelasan/pasal-71/ayat-2"]
    assert [(v.source_label, v.dated) for v in pj.history] == [
        ("Penjelasan Pasal 71 ayat (2) UU 1/2015", "disahkan 2 Februari 2015"),
        ("Penjelasan Pasal I angka 49 UU 8/2015", "disahkan 18 Maret 2015"),
        ("Penjelasan Pasal I angka 27 UU 10/2016", "disahkan 1 Juli 2016"),
    ]
    assert all(v.enacted for u in base.values() for v in u.history)


def test_pasal_71_has_six_ayat_and_penjelasan_history(base):
    ayat = [uid for uid, u in base.items() if u.parent_id == "uu-1-2015/pasal-71"]
    assert ayat == [f"uu-1-2015/pasal-71/ayat-{n}" for n in range(1, 7)]
    assert base["uu-1-2015/pasal-71/ayat-6"].text == (
        "Sanksi sebagaimana dimaksud pada ayat (1) sampai dengan ayat (3) yang bukan petahana diatur "
        "sesuai dengan peraturan perundang-undangan yang berlaku."
    )
    assert [s[1] for s in _sources(base["uu-1-2015/pasal-71"])] == [
        "uu-1-2015/pasal-71", "uu-10-2016/pasal-I/angka-27",
    ]
    pj = base["uu-1-2015/penjelasan/pasal-71"]
    assert _sources(pj) == [
        ("uu-1-2015", "uu-1-2015/penjelasan/pasal-71", "Penjelasan Pasal 71 UU 1/2015", "asli"),
        ("uu-8-2015", "uu-8-2015/penjelasan/pasal-I/angka-49", "Penjelasan Pasal I angka 49 UU 8/2015", "penjelasan diubah"),
        ("uu-10-2016", "uu-10-2016/penjelasan/pasal-I/angka-27", "Penjelasan Pasal I angka 27 UU 10/2016", "diubah"),
    ]
    assert pj.text.startswith("Ayat (1) Yang dimaksud dengan “pejabat negara” adalah")
    assert base["uu-1-2015/pasal-71"].penjelasan_id == pj.id
    assert [v.text for v in base["uu-1-2015/penjelasan/pasal-71/ayat-2"].history][:2] == [
        "Pengisian jabatan hanya dapat dilakukan untuk mengisi kekosongan jabatan.",
        "Dalam hal terjadi kekosongan jabatan, maka Gubernur, Bupati, dan Walikota menunjuk pejabat pelaksana tugas.",
    ]


def test_pasal_188_is_unchanged_in_force_and_still_references_pasal_71(base):
    u = base["uu-1-2015/pasal-188"]
    assert u.status == "berlaku" and u.status_note is None
    assert u.text.startswith(
        "Setiap pejabat negara, pejabat Aparatur Sipil Negara, dan Kepala Desa atau sebutan lain/Lurah "
        "yang dengan sengaja melanggar ketentuan sebagaimana dimaksud dalam Pasal 71, dipidana"
    )
    assert _sources(u) == [("uu-1-2015", "uu-1-2015/pasal-188", "Pasal 188 UU 1/2015", "asli")]
    assert "uu-1-2015/pasal-71" in u.refs and "uu-1-2015/pasal-71" in base


def test_pasal_7_ayat_2_huruf_t_in_force_is_uu_10_2016(base):
    u = base["uu-1-2015/pasal-7/ayat-2/huruf-t"]
    assert u.text == (
        "menyatakan secara tertulis pengunduran diri sebagai anggota Tentara Nasional Indonesia, "
        "Kepolisian Negara Republik Indonesia, dan Pegawai Negeri Sipil serta Kepala Desa atau sebutan "
        "lain sejak ditetapkan sebagai pasangan calon peserta Pemilihan; dan"
    )
    assert u.history[-1].source_id == "uu-10-2016/pasal-I/angka-1"
    assert u.short_label == f"Pasal 7 ayat (2) huruf t UU 1/2015 {SEVERAL} UU 6/2020"
    # "d. dihapus;" keeps its id, and nothing of it is in force.
    assert base["uu-1-2015/pasal-7/ayat-2/huruf-d"].status == "dicabut"


def test_inserted_pasal_stand_after_their_anchor(pilkada, base):
    u = base["uu-1-2015/pasal-40A"]
    assert _sources(u) == [("uu-10-2016", "uu-10-2016/pasal-I/angka-12", "Pasal I angka 12 UU 10/2016", "disisipkan")]
    assert u.text.startswith("(1) Partai Politik yang dapat mendaftarkan pasangan calon sebagaimana dimaksud dalam Pasal 40")
    units = pilkada[1]["uu-1-2015"].units
    pasal = [u.number for u in units if u.kind == "pasal" and u.parent_id is None and "/penetapan/" not in u.id]
    assert pasal[pasal.index("40") : pasal.index("40") + 3] == ["40", "40A", "41"]
    assert pasal[pasal.index("182") : pasal.index("182") + 4] == ["182", "182A", "182B", "183"]
    assert pasal[-4:] == ["205A", "205B", "205C", "206"]
    # 206 Pasal of the Lampiran, 7 inserted by UU 8/2015 and 35 by UU 10/2016.
    assert len(pasal) == 206 + 7 + 35
    assert base["uu-1-2015/pasal-182B"].history[0].source_id == "uu-10-2016/pasal-I/angka-56"


def test_deleted_pasal_keeps_its_id_with_the_old_text_in_history(base):
    u = base["uu-1-2015/pasal-196"]
    assert (u.text, u.status) == ("Dihapus.", "dicabut")
    assert (u.status_note, u.status_source) == ("dihapus oleh Pasal I angka 63 UU 10/2016", "uu-10-2016/pasal-I/angka-63")
    assert [v.change for v in u.history] == ["asli", "diubah", "dihapus"]
    assert u.history[0].text.startswith("Ketua dan anggota KPPS yang dengan sengaja tidak membuat")
    assert u.history[1].source_id == "uu-8-2015/pasal-I/angka-112"
    assert not [uid for uid in base if uid.startswith("uu-1-2015/pasal-196/")]
    assert base["uu-1-2015/penjelasan/pasal-196"].text == "Dihapus."
    assert base["uu-1-2015/pasal-4"].status_note == "dihapus oleh Pasal I angka 3 UU 8/2015"


def test_penjelasan_only_change(base):
    pj = base["uu-1-2015/penjelasan/pasal-20"]
    assert pj.history[-1].change == "penjelasan diubah"
    assert pj.history[-1].source_id == "uu-10-2016/penjelasan/pasal-I/angka-6"
    assert "verifikasi dukungan calon perseorangan" in pj.text


def test_superseded_instructions_are_stale_and_point_to_their_successor(pilkada):
    uu8 = pilkada[0]["uu-8-2015"]
    u = uu8["uu-8-2015/pasal-I/angka-48"]
    assert (u.status, u.status_source) == ("diubah", "uu-10-2016/pasal-I/angka-26")
    assert u.status_note == "diubah dengan Pasal I angka 26 UU 10/2016"
    assert uu8["uu-8-2015/pasal-I/angka-49"].status_source == "uu-10-2016/pasal-I/angka-27"
    # Pasal 3 was changed by UU 8/2015 only; Pasal 22A-22D partly (22B) by UU 10/2016.
    assert uu8["uu-8-2015/pasal-I/angka-2"].status == "berlaku"
    assert uu8["uu-8-2015/pasal-I/angka-15"].status == "berlaku"
    assert all(u.status == "berlaku" for u in pilkada[0]["uu-10-2016"].values())


def test_every_unit_has_a_history_ending_in_its_text_and_nothing_is_left_unapplied(pilkada, base):
    for u in base.values():
        assert u.history, u.id
        assert u.history[-1].text == u.text, u.id
    assert not [w for w in pilkada[1]["uu-1-2015"].report.warnings if "Pasal I angka" in w]


# ------------------------------------------------------------------ the same mechanism for UU 7/2017


@pytest.fixture(scope="module")
def pemilu():
    from ingest.clean import clean
    from ingest.parse import parse_document

    manifest = amendment_uu7.manifest()
    docs = {}
    for text, doc_id in ((amendment_uu7.BASE_TEXT, "uu-7-2017"), (amendment_uu7.AMENDING_TEXT, "uu-7-2023")):
        cleaned, _ = clean(amendment_uu7.source(text, f"{doc_id}.md"))
        docs[doc_id] = parse_document(cleaned, manifest.get(doc_id), manifest)
    out = consolidate(docs, manifest)
    return {u.id: u for u in out["uu-7-2017"].units}, out


def test_uu_7_2017_consolidated_with_uu_7_2023(pemilu):
    units, out = pemilu
    huruf_b = units["uu-7-2017/pasal-3/ayat-1/huruf-b"]
    assert huruf_b.text == "KPU Provinsi sebanyak 5 (lima) orang, termasuk di provinsi yang baru dibentuk; dan"
    assert [v.text for v in huruf_b.history] == [
        "KPU Provinsi sebanyak 5 (lima) atau 7 (tujuh) orang; dan",
        "KPU Provinsi sebanyak 5 (lima) orang, termasuk di provinsi yang baru dibentuk; dan",
    ]
    assert [v.source_label for v in huruf_b.history] == ["Pasal 3 ayat (1) huruf b UU 7/2017", "Pasal I angka 1 UU 7/2023"]
    assert huruf_b.history[-1].source_id.endswith("pasal-I/angka-1")
    assert huruf_b.short_label == "Pasal 3 ayat (1) huruf b UU 7/2017 sebagaimana telah diubah dengan UU 7/2023"
    assert huruf_b.label == (
        f"Pasal 3 ayat (1) huruf b {amendment_uu7.BASE_CITATION} sebagaimana telah diubah dengan "
        f"{amendment_uu7.AMENDING_CITATION}"
    )
    assert units["uu-7-2017/pasal-3/ayat-1/huruf-a"].history[-1].change == "tetap"

    inserted = units["uu-7-2017/pasal-3A"]
    assert inserted.history[0].change == "disisipkan"
    assert inserted.hierarchy == units["uu-7-2017/pasal-3"].hierarchy
    order = [u.number for u in out["uu-7-2017"].units if u.kind == "pasal"]
    assert order == ["1", "2", "3", "3A", "4", "5", "6"]

    deleted = units["uu-7-2017/pasal-5"]
    assert (deleted.text, deleted.status) == ("Dihapus.", "dicabut")
    assert deleted.history[0].text == "Ketentuan lebih lanjut mengenai tata kerja KPU Provinsi diatur dengan Peraturan KPU."

    pj4 = units["uu-7-2017/penjelasan/pasal-4"]
    assert [v.change for v in pj4.history] == ["asli", "penjelasan diubah"]
    assert pj4.text.startswith('Yang dimaksud dengan "tim kampanye"')
    assert units["uu-7-2017/pasal-4"].history[-1].change == "asli"  # the body itself is unchanged

    # One amendment: "diubah dengan", on the unchanged articles too.
    assert units["uu-7-2017/pasal-6"].short_label == "Pasal 6 UU 7/2017 sebagaimana telah diubah dengan UU 7/2023"
    assert units["uu-7-2017/pasal-6"].status_note is None
    assert units["uu-7-2017/pasal-6"].status == "berlaku"


def test_quoted_ayat_without_pasal_heading_is_merged_into_the_pasal():
    from ingest.amend import consolidate_law, parse_instruction
    from ingest.clean import clean
    from ingest.parse import parse_document

    manifest = amendment_uu7.manifest()
    cleaned, _ = clean(amendment_uu7.source(amendment_uu7.BASE_TEXT, "uu-7-2017.md"))
    base = parse_document(cleaned, manifest.get("uu-7-2017"), manifest)
    ins = parse_instruction(
        "1",
        "Ketentuan Pasal 3 ayat (2) diubah sehingga berbunyi sebagai berikut: "
        "(2) Keanggotaan KPU terdiri atas seorang ketua, seorang wakil ketua, dan anggota.",
        manifest.get("uu-7-2023"),
    )
    assert (ins.action, ins.targets) == ("ubah", ["3"])
    doc, _ = consolidate_law(base, [(manifest.get("uu-7-2023"), [ins], {})], manifest)
    units = {u.id: u for u in doc.units}
    assert units["uu-7-2017/pasal-3/ayat-2"].text == "Keanggotaan KPU terdiri atas seorang ketua, seorang wakil ketua, dan anggota."
    assert [v.change for v in units["uu-7-2017/pasal-3/ayat-1"].history] == ["asli", "tetap"]
    assert units["uu-7-2017/pasal-3"].text.startswith("(1) Jumlah anggota: a. KPU sebanyak 7 (tujuh) orang;")
    assert units["uu-7-2017/pasal-3"].text.endswith(
        "(2) Keanggotaan KPU terdiri atas seorang ketua, seorang wakil ketua, dan anggota."
    )


# --- UU 7/2017 consolidated with UU 7/2023, both from the mirror --------------------------------


def _units(pemilu_mirror, doc_id="uu-7-2017"):
    return {u.id: u for u in pemilu_mirror[1][doc_id].units}


def test_uu_7_2023_pasal_i_has_13_changes_and_change_1_lost_its_number_in_ocr(pemilu_mirror):
    doc = pemilu_mirror[1]["uu-7-2023"]
    changes = [u for u in doc.units if u.parent_id == "uu-7-2023/pasal-I"]
    assert [u.number for u in changes] == [str(n) for n in range(1, 14)]
    assert changes[0].text.startswith("Di antara Pasal 10 dan Pasal 11 disisipkan 1 (satu) pasal, yakni Pasal 10A")
    assert changes[0].short_label == "Pasal I angka 1 UU 7/2023"
    assert {"unit": "uu-7-2023/pasal-I/angka-1", "why": "number of change 1 missing from the source; restored"} in (
        doc.report.suspicious
    )
    # The enacting law's own two Pasal sit under penetapan/; the Perppu's Pasal I and II own the plain ids.
    assert "uu-7-2023/penetapan/pasal-1" in {u.id for u in doc.units}
    # The Penjelasan of the Lampiran changes (angka 10-13) is split per change too.
    penjelasan = {u.id: u.text for u in doc.units if u.id.startswith("uu-7-2023/penjelasan/pasal-I/angka-")}
    assert penjelasan["uu-7-2023/penjelasan/pasal-I/angka-13"] == "Cukup jelas."
    assert "Angka 10" not in penjelasan["uu-7-2023/penjelasan/pasal-I/angka-9"]


def test_uu_7_2023_changes_applied_to_uu_7_2017(pemilu_mirror):
    units = _units(pemilu_mirror)
    pasal_186 = units["uu-7-2017/pasal-186"]
    assert pasal_186.text == "Jumlah kursi anggota DPR ditetapkan sebanyak 580 (lima ratus delapan puluh)."
    assert pasal_186.short_label == "Pasal 186 UU 7/2017 sebagaimana telah diubah dengan UU 7/2023"
    assert [(v.change, v.source_label) for v in pasal_186.history] == [
        ("asli", "Pasal 186 UU 7/2017"), ("diubah", "Pasal I angka 6 UU 7/2023"),
    ]
    assert pasal_186.history[0].text == "Jumlah kursi anggota DPR ditetapkan sebanyak 575 (lima ratus tujuh puluh lima)."
    # Pasal 117 ayat (1) huruf b: the age of Panwaslu members, changed; ayat (3) added.
    huruf_b = units["uu-7-2017/pasal-117/ayat-1/huruf-b"]
    assert "berusia paling rendah 21 (dua puluh satu) tahun untuk calon anggota Panwaslu Kecamatan" in huruf_b.text
    assert [v.change for v in huruf_b.history] == ["asli", "diubah"]
    assert units["uu-7-2017/pasal-117/ayat-3"].history[-1].change == "disisipkan"
    assert units["uu-7-2017/pasal-173/ayat-2a"].text.startswith("Persyaratan kepengurusan partai politik")
    assert units["uu-7-2017/pasal-179/ayat-5"].text.startswith("KPU menetapkan dan mengumumkan nomor")
    assert "(s)KPU" not in units["uu-7-2017/pasal-179/ayat-4"].text  # the OCR catchword of the next page
    # Inserted articles stand right after their anchors.
    order = [u.number for u in sorted(units.values(), key=lambda u: u.order) if u.kind == "pasal"]
    assert order[order.index("10") + 1] == "10A" and order[order.index("92") + 1] == "92A"
    for number in ("10A", "92A"):
        inserted = units[f"uu-7-2017/pasal-{number}"]
        assert [v.change for v in inserted.history] == ["disisipkan"]
        assert inserted.coverage_note is None
    # An unchanged article is named with the law's formula and has a one-version history.
    assert units["uu-7-2017/pasal-93/huruf-f"].short_label == (
        "Pasal 93 huruf f UU 7/2017 sebagaimana telah diubah dengan UU 7/2023"
    )
    assert [v.change for v in units["uu-7-2017/pasal-93/huruf-f"].history] == ["asli"]


def test_articles_outside_the_part_held_are_known_only_from_uu_7_2023(pemilu_mirror):
    units = _units(pemilu_mirror)
    ayat_1 = units["uu-7-2017/pasal-276/ayat-1"]
    assert ayat_1.text.startswith("Kampanye Pemilu sebagaimana dimaksud dalam Pasal 267 dan Pasal 275 ayat (1)")
    assert "sejak 25 (dua puluh lima) hari setelah ditetapkan daftar calon tetap" in ayat_1.text
    assert ayat_1.short_label == "Pasal 276 ayat (1) UU 7/2017 sebagaimana telah diubah dengan UU 7/2023"
    # Changed, not inserted: the original exists but is not in the corpus, and the unit says so.
    assert [(v.change, v.source_label) for v in ayat_1.history] == [("diubah", "Pasal I angka 8 UU 7/2023")]
    assert ayat_1.coverage_note == (
        "Teks asli pasal ini tidak ada di korpus (UU 7/2017 di korpus hanya memuat Pasal 1\u2013214); "
        "teks ini diketahui hanya dari Pasal I angka 8 UU 7/2023."
    )
    assert ayat_1.hierarchy == []  # the chapter of Pasal 276 is not in the copy either
    # Its references into the missing range resolve to known-missing ids, not elsewhere and not dropped.
    assert ayat_1.refs[:2] == ["uu-7-2017/pasal-267", "uu-7-2017/pasal-275/ayat-1/huruf-a"]
    assert "uu-7-2017/pasal-267" not in units
    assert units["uu-7-2017/pasal-243/ayat-5"].coverage_note.startswith("Teks asli pasal ini tidak ada")
    inserted = units["uu-7-2017/pasal-568A"]
    assert [v.change for v in inserted.history] == ["disisipkan"]
    assert inserted.coverage_note.startswith("Pasal 568A disisipkan dengan Pasal I angka 9 UU 7/2023")
    # The Lampiran changes (angka 10-13) have no Pasal to apply to and are reported as not applied.
    warnings = pemilu_mirror[1]["uu-7-2017"].report.warnings
    assert sum("tidak diterapkan (lainnya)" in w for w in warnings) == 4


def test_a_change_whose_amending_text_is_missing_is_said_on_the_provision(mirror, tmp_path, monkeypatch, capsys):
    """UU 6/2020 (Perppu 2/2020) changed Pasal 120 and inserted 122A and 201A of UU 1/2015; the
    mirror holds only the enacting law, so the manifest lists them as changes without text."""
    import cli
    from corpus.manifest import load_manifest
    from corpus.settings import Settings
    from ingest import store
    from ingest.pipeline import run_ingest

    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    settings = Settings(data_dir=tmp_path)
    settings.corpus_dir.symlink_to(mirror)  # read straight from the mirror
    result = run_ingest(settings, load_manifest(), only=["uu-1-2015"], progress=False)
    assert not result.failures and "uu-6-2020" in [d.doc_id for d in result.documents if d.written]
    units = {u.id: u for u in store.read_document("uu-1-2015", tmp_path / "units").units}
    note = ("Pasal ini diubah oleh UU 6/2020; teks perubahannya tidak ada di korpus, jadi teks yang "
            "ditampilkan belum memuat perubahan itu (periksa UU 6/2020)")  # fmt: skip
    for unit_id in ("uu-1-2015/pasal-120", "uu-1-2015/pasal-120/ayat-2"):
        assert units[unit_id].coverage_note == note
    assert units["uu-1-2015/pasal-120"].short_label == f"Pasal 120 UU 1/2015 {SEVERAL} UU 6/2020"
    assert units["uu-1-2015/pasal-120"].status_note == "diubah oleh UU 6/2020; teks perubahan tidak ada di korpus"
    assert units["uu-1-2015/pasal-121"].coverage_note is None
    assert cli.main(["show", "uu-1-2015/pasal-71/ayat-1"]) == 0
    out = capsys.readouterr().out
    assert "status: berlaku — diubah terakhir oleh Pasal I angka 27 UU 10/2016" in out
    assert "  - diubah: Pasal I angka 27 UU 10/2016 (disahkan 1 Juli 2016)" in out
    assert cli.main(["show", "uu-1-2015/pasal-120"]) == 0
    assert "status: berlaku — diubah oleh UU 6/2020; teks perubahan tidak ada di korpus" in capsys.readouterr().out
    for number in ("122A", "201A"):
        assert cli.main(["show", f"uu-1-2015/pasal-{number}"]) == 1
        assert capsys.readouterr().err.strip() == (
            f"Pasal {number} UU 1/2015 {SEVERAL} UU 6/2020 disisipkan oleh UU 6/2020; teksnya tidak ada di korpus "
            "(periksa UU 6/2020)"
        )


def test_consolidated_text_from_an_ocr_source_keeps_its_ocr_doubts(pemilu_mirror):
    """Pasal 117 of UU 7/2017 in force is the OCR'd text of Pasal I angka 3 UU 7/2023: the word the
    correction pass left suspicious there is marked on the consolidated provision too, and on the
    Penjelasan that UU 7/2023 gave Pasal 173."""
    amending = _units(pemilu_mirror, "uu-7-2023")
    units = _units(pemilu_mirror)
    word = "T\\rnggal"
    assert word in amending["uu-7-2023/pasal-I/angka-3"].ocr_suspect
    huruf_c = units["uu-7-2017/pasal-117/ayat-1/huruf-c"]
    assert word in huruf_c.text and huruf_c.ocr_suspect == [word]
    assert huruf_c.ocr_note == f"teks hasil OCR; periksa dengan salinan resmi (kata meragukan: {word})"
    assert units["uu-7-2017/pasal-117/ayat-1/huruf-b"].ocr_suspect == []  # its own text holds no such word
    assert units["uu-7-2017/penjelasan/pasal-173/ayat-2/huruf-i"].ocr_suspect == ["2al"]
    # The retyped UU 7/2017 copy is clean: the unchanged articles carry no OCR note.
    assert units["uu-7-2017/pasal-93/huruf-f"].ocr_suspect == []


def test_uu_7_2017_is_named_with_one_amendment_and_its_history_dated(pemilu_mirror):
    units = _units(pemilu_mirror)
    once = " sebagaimana telah diubah dengan UU 7/2023"
    assert all(u.short_label.endswith(once) for u in units.values())
    pasal_186 = units["uu-7-2017/pasal-186"]
    assert pasal_186.status_note == "diubah oleh Pasal I angka 6 UU 7/2023"
    # UU 7/2023 has no date of enactment (sah under Pasal 20 ayat (5) UUD 1945): dated by promulgation.
    assert [v.dated for v in pasal_186.history] == ["disahkan 15 Agustus 2017", "diundangkan 4 Mei 2023"]
    assert units["uu-7-2017/pasal-10A"].status_note == "disisipkan oleh Pasal I angka 1 UU 7/2023"
    # UU 7/2017's own Penjelasan is not in the copy: the one UU 7/2023 gave Pasal 173 changed it.
    pj = units["uu-7-2017/penjelasan/pasal-173/ayat-2"]
    assert [(v.change, v.source_label, v.dated) for v in pj.history] == [
        ("diubah", "Penjelasan Pasal I angka 4 UU 7/2023", "diundangkan 4 Mei 2023"),
    ]
