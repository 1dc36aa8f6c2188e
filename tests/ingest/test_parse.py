"""The structure parser on the real mirror: exact Pasal counts, texts, labels, Penjelasan, references."""

from __future__ import annotations

import re

import pytest

from ingest.clean import clean
from ingest.model import Line, SourceText
from ingest.parse import parse_document, parse_pasal_blocks, parse_penjelasan_block, split_penjelasan_by_pasal
from ingest.read import read_source

_CACHE: dict[str, object] = {}


def _text_copy(mirror, name):
    path = mirror / name
    return SourceText(str(path), [Line(t) for t in path.read_text(encoding="utf-8").splitlines()])


def _cleaned(mirror, name):
    source, _ = clean(read_source(mirror / name))
    return source


def parsed(mirror, manifest, doc_id, name, cleaned=False):
    key = f"{doc_id}:{cleaned}"
    if key not in _CACHE:
        source = _cleaned(mirror, name) if cleaned else _text_copy(mirror, name)
        _CACHE[key] = parse_document(source, manifest.get(doc_id), manifest)
    return _CACHE[key]


def units(doc):
    return {u.id: u for u in doc.units}


def test_uu_5_2014(mirror, manifest):
    doc = parsed(mirror, manifest, "uu-5-2014", "uu-5-2014.md")
    u = units(doc)
    assert doc.report.counts["pasal"] == 141
    assert [k for k in "abcde" if f"uu-5-2014/pasal-87/ayat-4/huruf-{k}" in u] == list("abcd")
    c = u["uu-5-2014/pasal-87/ayat-4/huruf-c"]
    assert c.text == "menjadi anggota dan/atau pengurus partai politik; atau"
    assert c.short_label == "Pasal 87 ayat (4) huruf c UU 5/2014"
    assert c.label == "Pasal 87 ayat (4) huruf c Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara"
    assert c.parent_id == "uu-5-2014/pasal-87/ayat-4" and u[c.parent_id].parent_id == "uu-5-2014/pasal-87"
    assert c.hierarchy == ["BAB VIII MANAJEMEN ASN", "Bagian Ketiga Manajemen PNS", "Paragraf 12 Pemberhentian"]
    # "...; atau e. tidak cakap ..." runs on the line of huruf d.
    assert u["uu-5-2014/pasal-87/ayat-1/huruf-e"].text.startswith("tidak cakap jasmani")
    pasal_87 = u["uu-5-2014/pasal-87"].text
    assert pasal_87.startswith("(1) PNS diberhentikan dengan hormat karena: a. meninggal dunia; b. atas permintaan sendiri;")
    assert "(4) PNS diberhentikan tidak dengan hormat karena:" in pasal_87 and "\n" not in pasal_87

    f = u["uu-5-2014/pasal-2/huruf-f"]
    pj = u["uu-5-2014/penjelasan/pasal-2/huruf-f"]
    assert f.text == "netralitas;"
    assert pj.kind == "penjelasan" and pj.explains == f.id and f.penjelasan_id == pj.id
    assert pj.short_label == "Penjelasan Pasal 2 huruf f UU 5/2014"
    assert f.penjelasan == pj.text == (
        "Yang dimaksud dengan “asas netralitas” adalah bahwa setiap Pegawai ASN tidak berpihak dari segala "
        "bentuk pengaruh manapun dan tidak memihak kepada kepentingan siapapun."
    )
    assert u["uu-5-2014/pasal-141"].penjelasan == "Cukup jelas."
    # The signature block, the Penjelasan heading and the Penjelasan Umum share one line of the copy.
    umum = u["uu-5-2014/penjelasan-umum"].text
    assert umum.startswith("Dalam rangka mencapai tujuan nasional") and umum.endswith("Pokok-Pokok Kepegawaian.")
    assert u["uu-5-2014/menimbang/huruf-a"].short_label == "Menimbang huruf a UU 5/2014"
    assert u["uu-5-2014/menimbang/huruf-e"].refs == [f"uu-5-2014/menimbang/huruf-{k}" for k in "abcd"]
    assert u["uu-5-2014/pasal-86/ayat-4"].refs == [f"uu-5-2014/pasal-86/ayat-{n}" for n in "123"]
    assert u["uu-5-2014/pasal-89"].refs == ["uu-5-2014/pasal-87", "uu-5-2014/pasal-88"]
    assert u["uu-5-2014/pasal-47"].text.startswith("BKN memiliki fungsi:")  # "PasaI 47" after a heading


def test_parse_report_and_determinism(mirror, manifest):
    doc = parsed(mirror, manifest, "uu-5-2014", "uu-5-2014.md")
    report = doc.report
    assert report.counts == {
        "menimbang": 1, "huruf": 303, "mengingat": 1, "pasal": 141, "angka": 25, "ayat": 269,
        "penjelasan-umum": 1, "penjelasan": 246,
    }
    assert report.suspicious == [] and report.unresolved_refs == [] and report.warnings == []
    ids = [u.id for u in doc.units]
    assert len(ids) == len(set(ids))
    again = parse_document(_text_copy(mirror, "uu-5-2014.md"), manifest.get("uu-5-2014"), manifest)
    assert [u.to_dict() for u in again.units] == [u.to_dict() for u in doc.units]


def test_report_flags_skips_and_duplicates(manifest):
    lines = ["Menimbang:", "a. bahwa satu;", "MEMUTUSKAN:", "Pasal 1", "(1) Satu.", "(3) Tiga.", "(3) Tiga lagi.",
             "Pasal 2", "Ada:", "a. x;", "c. z.", "Pasal 4", "Empat.", "Pasal 3", "Tiga?"]
    doc = parse_document(SourceText("t", [Line(t) for t in lines]), manifest.get("pp-42-2004"), manifest)
    assert doc.report.suspicious == [
        {"unit": "pp-42-2004/pasal-1/ayat-3", "why": "ayat 3 follows ayat 1"},
        {"unit": "pp-42-2004/pasal-1/ayat-3", "why": "ayat 3 follows ayat 3"},
        {"unit": "pp-42-2004/pasal-2/huruf-c", "why": "huruf c follows huruf a"},
        {"unit": "pp-42-2004/pasal-4", "why": "Pasal numbering skips from 2 to 4"},
        {"unit": "pp-42-2004/pasal-4", "why": "a Pasal 3 heading after Pasal 4 (numbers not increasing) kept as text"},
        {"unit": "pp-42-2004/pasal-1/ayat-3_2", "why": "duplicate id pp-42-2004/pasal-1/ayat-3"},
    ]
    u = units(doc)
    assert u["pp-42-2004/pasal-1/ayat-3_2"].text == "Tiga lagi."  # kept, never dropped
    assert u["pp-42-2004/pasal-4"].text == "Empat. Pasal 3 Tiga?"
    assert doc.report.counts["pasal"] == 3


def test_pp_42_2004_inline_headings(mirror, manifest):
    doc = parsed(mirror, manifest, "pp-42-2004", "pp-42-2004.md")
    u = units(doc)
    assert doc.report.counts["pasal"] == 22
    assert sorted(int(x.number) for x in doc.units if x.kind == "pasal") == list(range(1, 23))
    assert u["pp-42-2004/pasal-6/huruf-h"].text == "profesionalisme, netralitas, dan bermoral tinggi;"
    assert u["pp-42-2004/pasal-6/huruf-h"].short_label == "Pasal 6 huruf h PP 42/2004"
    # Inline catchwords ("Pasal 17… Pasal 17 (1)") are not provision text.
    assert "…" not in u["pp-42-2004/pasal-16"].text
    assert u["pp-42-2004/pasal-13/ayat-1"].text.startswith("Berdasarkan ketentuan kode etik")


def test_uu_1_2015_lampiran_numbering(mirror, manifest):
    doc = parsed(mirror, manifest, "uu-1-2015", "uu-1-2015.md")
    u = units(doc)
    assert doc.report.counts["pasal"] == 206
    assert [x.number for x in doc.units if x.kind == "pasal" and "/penetapan/" not in x.id] == [str(n) for n in range(1, 207)]
    for n in (70, 71, 188):
        assert f"uu-1-2015/pasal-{n}" in u
    assert "uu-1-2015/pasal-71" in u["uu-1-2015/pasal-188"].refs
    assert u["uu-1-2015/pasal-70"].hierarchy == ["BAB XI KAMPANYE", "Bagian Kelima Larangan dalam Kampanye"]
    assert u["uu-1-2015/pasal-70/ayat-1/huruf-b"].text.startswith("aparatur sipil Negara, anggota Kepolisian")
    penetapan = u["uu-1-2015/penetapan/pasal-2"]
    assert penetapan.text == "Undang-Undang ini mulai berlaku pada tanggal diundangkan."
    assert penetapan.short_label == "Pasal 2 UU 1/2015 (batang tubuh penetapan)"
    assert [x.id for x in doc.units if x.id.startswith("uu-1-2015/penetapan/mengingat/")] == [
        "uu-1-2015/penetapan/mengingat/angka-1", "uu-1-2015/penetapan/mengingat/angka-2"]


@pytest.mark.parametrize("doc_id, changes, missing", [("uu-10-2016", 67, 56), ("uu-8-2015", 117, 90)])
def test_amending_laws(mirror, manifest, doc_id, changes, missing):
    doc = parsed(mirror, manifest, doc_id, f"{doc_id}.md")
    u = units(doc)
    assert doc.report.counts["pasal"] == 2
    assert f"{doc_id}/pasal-I" in u and f"{doc_id}/pasal-II" in u
    numbers = [int(x.number) for x in doc.units if x.parent_id == f"{doc_id}/pasal-I"]
    assert numbers == list(range(1, changes + 1))
    assert doc.report.suspicious == [] and doc.report.unresolved_refs == []
    # Change `missing` is glued to the end of the quoted text of the change before it in the copy.
    glued = u[f"{doc_id}/pasal-I/angka-{missing}"]
    quoted = u[f"{doc_id}/penjelasan/pasal-I/angka-{missing}"].text.split(" Cukup")[0]
    assert re.match(r"(Ketentuan|Di antara) Pasal \d+", glued.text) and f"berikut: {quoted} " in glued.text
    assert quoted not in u[f"{doc_id}/pasal-I/angka-{missing - 1}"].text
    # Every change has its Penjelasan attached.
    assert all(x.penjelasan_id for x in doc.units if x.parent_id == f"{doc_id}/pasal-I")
    assert u[f"{doc_id}/pasal-II"].text == "Undang-Undang ini mulai berlaku pada tanggal diundangkan."


def test_change_without_instruction_line_is_recovered_from_its_penjelasan(manifest):
    lines = [
        "MEMUTUSKAN:", "Pasal I", "Beberapa ketentuan diubah sebagai berikut:",
        "1. Ketentuan Pasal 5 diubah sehingga berbunyi sebagai berikut:", "Pasal 5", "Lima.", "Pasal 6A", "Enam A.",
        "3. Ketentuan Pasal 7 dihapus.", "Pasal II", "Undang-Undang ini mulai berlaku pada tanggal diundangkan.",
        "Agar setiap orang mengetahuinya, memerintahkan pengundangan.", "PENJELASAN ATAS UNDANG-UNDANG X", "I. UMUM",
        "Umum.", "II. PASAL DEMI PASAL", "Pasal I", "Angka 1", "Pasal 5", "Cukup jelas.", "Angka 2", "Pasal 6A",
        "Cukup jelas.", "Angka 3", "Pasal 7", "Cukup jelas.", "Pasal II", "Cukup jelas.",
    ]
    doc = parse_document(SourceText("t", [Line(t) for t in lines]), manifest.get("uu-10-2016"), manifest)
    u = units(doc)
    assert u["uu-10-2016/pasal-I/angka-1"].text == "Ketentuan Pasal 5 diubah sehingga berbunyi sebagai berikut: Pasal 5 Lima."
    assert u["uu-10-2016/pasal-I/angka-2"].text == "Pasal 6A Enam A."
    assert u["uu-10-2016/pasal-I/angka-2"].penjelasan == "Pasal 6A Cukup jelas."
    assert u["uu-10-2016/pasal-II"].penjelasan == "Cukup jelas."
    assert u["uu-10-2016/penjelasan-umum"].text == "Umum."
    assert [s["unit"] for s in doc.report.suspicious] == ["uu-10-2016/pasal-I/angka-2"]


def test_uu_10_2016_change_26(mirror, manifest):
    doc = parsed(mirror, manifest, "uu-10-2016", "uu-10-2016.md")
    u = units(doc)
    change = u["uu-10-2016/pasal-I/angka-26"]
    assert change.short_label == "Pasal I angka 26 UU 10/2016"
    assert change.text.startswith("Ketentuan Pasal 70 diubah, sehingga berbunyi sebagai berikut: Pasal 70 (1) Dalam kampanye,")
    assert change.text.endswith(
        "(5) Cuti yang telah diberikan sebagaimana dimaksud pada ayat (4), wajib diberitahukan oleh Gubernur dan Wakil "
        "Gubernur kepada KPU Provinsi, dan bagi Bupati dan Wakil Bupati, serta Walikota dan Wakil Walikota kepada KPU "
        "Kabupaten/Kota."
    )
    pj = u["uu-10-2016/penjelasan/pasal-I/angka-26"]
    assert pj.text == "Pasal 70 Cukup jelas." and change.penjelasan_id == pj.id
    # What amend.py does with the quoted text:
    quoted = change.text.split("berikut: ", 1)[1]
    blocks = parse_pasal_blocks([quoted], manifest.get("uu-1-2015"))
    ids = [b.id for b in blocks]
    assert ids[:3] == ["uu-1-2015/pasal-70", "uu-1-2015/pasal-70/ayat-1", "uu-1-2015/pasal-70/ayat-1/huruf-a"]
    assert "uu-1-2015/pasal-70/ayat-5" in ids
    assert blocks[0].short_label == "Pasal 70 UU 1/2015"
    assert split_penjelasan_by_pasal(pj.text) == [("70", "Cukup jelas.")]


def test_parse_pasal_blocks_and_penjelasan_block(manifest):
    meta = manifest.get("uu-1-2015")
    lines = ["Pasal 7A", "(1) Satu:", "a. x; dan", "b. y.", "(2) Dua.", "Pasal 7B", "Dihapus."]
    got = {b.id: b.text for b in parse_pasal_blocks(lines, meta, id_prefix="uu-1-2015")}
    assert got == {
        "uu-1-2015/pasal-7A": "(1) Satu: a. x; dan b. y. (2) Dua.",
        "uu-1-2015/pasal-7A/ayat-1": "Satu: a. x; dan b. y.",
        "uu-1-2015/pasal-7A/ayat-1/huruf-a": "x; dan",
        "uu-1-2015/pasal-7A/ayat-1/huruf-b": "y.",
        "uu-1-2015/pasal-7A/ayat-2": "Dua.",
        "uu-1-2015/pasal-7B": "Dihapus.",
    }
    pj = parse_penjelasan_block("Ayat (1) Cukup jelas. Ayat (2) Huruf a Yang dimaksud dengan x. Huruf b Cukup jelas.", "71", meta)
    assert {p.id: (p.text, p.explains) for p in pj} == {
        "uu-1-2015/penjelasan/pasal-71": (
            "Ayat (1) Cukup jelas. Ayat (2) Huruf a Yang dimaksud dengan x. Huruf b Cukup jelas.", "uu-1-2015/pasal-71"),
        "uu-1-2015/penjelasan/pasal-71/ayat-1": ("Cukup jelas.", "uu-1-2015/pasal-71/ayat-1"),
        "uu-1-2015/penjelasan/pasal-71/ayat-2": ("Huruf a Yang dimaksud dengan x. Huruf b Cukup jelas.", "uu-1-2015/pasal-71/ayat-2"),
        "uu-1-2015/penjelasan/pasal-71/ayat-2/huruf-a": ("Yang dimaksud dengan x.", "uu-1-2015/pasal-71/ayat-2/huruf-a"),
        "uu-1-2015/penjelasan/pasal-71/ayat-2/huruf-b": ("Cukup jelas.", "uu-1-2015/pasal-71/ayat-2/huruf-b"),
    }


FURNITURE = ("PRESIDEN", "REPUBLIK INDONESIA", "SK No")


def test_uu_20_2023_ocr(mirror, manifest):
    doc = parsed(mirror, manifest, "uu-20-2023", "uu-20-2023.md", cleaned=True)
    u = units(doc)
    assert doc.report.counts["pasal"] == 77
    assert u["uu-20-2023/pasal-52/ayat-3/huruf-j"].text == "menjadi anggota dan/atau pengurus partai politik."
    assert u["uu-20-2023/pasal-52/ayat-4"].text == (
        "Pemberhentian Pegawai ASN karena sebab sebagaimana dimaksud pada ayat (3) huruf a, huruf g, huruf i, "
        "dan huruf j dikategorikan sebagai pemberhentian tidak dengan hormat."
    )
    assert u["uu-20-2023/pasal-52/ayat-4"].refs == [f"uu-20-2023/pasal-52/ayat-3/huruf-{k}" for k in "agij"]
    # OCR tolerance: "1. keadilan" after huruf k is huruf l; bare "(1)"/"(21" lines printed before
    # the Pasal 19 heading are the markers of its two ayat.
    assert u["uu-20-2023/pasal-2/huruf-l"].text == "keadilan dan kesetaraan; dan"
    assert u["uu-20-2023/pasal-19/ayat-1"].text == "Jabatan ASN diisi dari Pegawai ASN."
    assert u["uu-20-2023/pasal-19/ayat-2"].text.startswith("Jabatan ASN tertentu dapat diisi dari: a. prajurit")
    assert "uu-20-2023/pasal-18/ayat-6" not in u
    assert doc.report.suspicious == []
    assert [x.id for x in doc.units if any(w in x.text for w in FURNITURE)] == []


def test_pp_94_2021_scan(mirror, manifest):
    doc = parsed(mirror, manifest, "pp-94-2021", "pp-94-2021.pdf", cleaned=True)
    u = units(doc)
    assert doc.report.counts["pasal"] == 46
    assert "pp-94-2021/pasal-11" in u and u["pp-94-2021/pasal-11"].pages == [12, 13, 14, 15]
    angka = [u[f"pp-94-2021/pasal-5/huruf-n/angka-{i}"] for i in range(1, 8)]
    assert "pp-94-2021/pasal-5/huruf-n/angka-8" not in u
    assert angka[0].text == "ikut kampanye;"  # OCR printed "f . ikut kampanye;"
    assert angka[1].text == "menjadi peserta kampanye dengan menggunakan atribut partai atau atribut PNS;"
    assert angka[3].text == "sebagai peserta kampanye dengan menggunakan fasilitas negara;"
    assert angka[6].text == (
        "memberikan surat dukungan disertai fotokopi Kartu Tanda Penduduk atau Surat Keterangan Tanda Penduduk."
    )
    assert [a.pages for a in angka] == [[5], [5], [5], [5], [6], [6], [6]]
    assert angka[1].short_label == "Pasal 5 huruf n angka 2 PP 94/2021"
    assert angka[0].penjelasan_id == "pp-94-2021/penjelasan/pasal-5/huruf-n/angka-1"
    assert angka[0].penjelasan == (
        "PNS sebagai peserta kampanye hadir untuk mendengar, menyimak visi, misi, dan program yang ditawarkan "
        "peserta pemilu, tanpa menggunakan atribut partai atau atribut PNS."
    )
    assert u[angka[0].penjelasan_id].pages == [41]
    assert u["pp-94-2021/pasal-13/huruf-g"].refs == ["pp-94-2021/pasal-5/huruf-n/angka-2"]
    assert u["pp-94-2021/menimbang"].refs == ["uu-5-2014/pasal-86/ayat-4"]
    # Sub-items numbered "1)" are angka; OCR printed "2l" for "2)".
    d = [u[f"pp-94-2021/pasal-11/ayat-2/huruf-d/angka-{i}"] for i in range(1, 5)]
    assert d[1].text.startswith("pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 (dua belas) bulan")
    assert "2) pembebasan" in u["pp-94-2021/pasal-11/ayat-2/huruf-d"].text
    assert u["pp-94-2021/pasal-15/ayat-2"].refs[-1] == "pp-94-2021/pasal-11/ayat-2/huruf-d/angka-4"
    assert [x.id for x in doc.units if any(w in x.text for w in FURNITURE)] == []


# --- UU 7/2017: the partial retyped copy on the mirror (Pasal 1-214 of 573) -----------------------


def _body(doc, pasal: str) -> dict:
    return {u.id: u for u in doc.units if u.id == f"uu-7-2017/pasal-{pasal}" or u.id.startswith(f"uu-7-2017/pasal-{pasal}/")}


def test_uu_7_2017_holds_pasal_1_to_214_and_nothing_beyond(pemilu_mirror):
    result, docs, _ = pemilu_mirror
    doc = docs["uu-7-2017"]
    original = [u.number for u in doc.units if u.kind == "pasal" and u.history[0].change == "asli"]
    assert original == [str(n) for n in range(1, 215)]
    # Only the heading of Pasal 215 is in the copy: not a provision, and the report says why.
    assert "uu-7-2017/pasal-215" not in {u.id for u in doc.units}
    assert any(w.startswith("Pasal 215: di luar bagian yang dimuat berkas sumber (Pasal 1\u2013214)") for w in doc.report.warnings)
    assert doc.report.coverage == {"pasal_first": 1, "pasal_last": 214, "pasal_total": 573, "penjelasan": False}
    assert doc.report.cleaning.removed == {"web_header": 80, "web_footer": 80}
    assert doc.report.page_count == 80


def test_uu_7_2017_pasal_1_has_38_definitions_with_36_split_from_35(pemilu_mirror):
    doc = pemilu_mirror[1]["uu-7-2017"]
    angka = [u for u in doc.units if u.parent_id == "uu-7-2017/pasal-1"]
    assert [u.number for u in angka] == [str(n) for n in range(1, 39)]
    by_id = {u.id: u for u in angka}
    assert by_id["uu-7-2017/pasal-1/angka-35"].text == (
        "Kampanye Pemilu adalah kegiatan Peserta Pemilu atau pihak lain yang ditunjuk oleh Peserta Pemilu untuk "
        "meyakinkan Pemilih dengan menawarkan visi, misi, program dan/atau citra diri Peserta Pemilu."
    )
    assert by_id["uu-7-2017/pasal-1/angka-36"].text == (
        "Masa Tenang adalah masa yang tidak dapat digunakan untuk melakukan aktivitas Kampanye Pemilu."
    )
    assert by_id["uu-7-2017/pasal-1/angka-17"].text.startswith("Badan Pengawas Pemilu yang selanjutnya disebut Bawaslu")


def test_uu_7_2017_pasal_93_huruf_a_to_m_with_nested_angka(pemilu_mirror):
    units = _body(pemilu_mirror[1]["uu-7-2017"], "93")
    huruf = [u.number for u in units.values() if u.parent_id == "uu-7-2017/pasal-93"]
    assert huruf == list("abcdefghijklm")
    nested = {h: [u.number for u in units.values() if u.parent_id == f"uu-7-2017/pasal-93/huruf-{h}"] for h in "bcdg"}
    assert nested == {"b": ["1", "2"], "c": ["1", "2", "3", "4"], "d": [str(n) for n in range(1, 12)],
                      "g": ["1", "2", "3", "4", "5"]}
    # Run-together items in the copy ("d. ... terdiri atas: 1. pemutakhiran ...; 2. penataan ...", "h. ...; i. ...").
    assert units["uu-7-2017/pasal-93/huruf-d/angka-1"].text == (
        "pemutakhiran data pemilih dan penetapan daftar pemilih sementara serta daftar pemilih tetap;"
    )
    assert units["uu-7-2017/pasal-93/huruf-d/angka-2"].text == "penataan dan penetapan daerah pemilihan DPRD kabupaten/kota;"
    assert units["uu-7-2017/pasal-93/huruf-h"].text == "menyampaikan dugaan pelanggaran kode etik Penyelenggara Pemilu kepada DKPP;"
    assert units["uu-7-2017/pasal-93/huruf-i"].text == "menyampaikan dugaan tindak pidana Pemilu kepada Gakkumdu;"
    assert units["uu-7-2017/pasal-93/huruf-f"].text == (
        "mengawasi netralitas aparatur sipil negara, netralitas anggota Tentara Nasional Indonesia, dan "
        "netralitas anggota Kepolisian Republik Indonesia;"
    )
    # An unchanged article is named with the law's formula all the same (one name per law).
    assert units["uu-7-2017/pasal-93/huruf-f"].short_label == (
        "Pasal 93 huruf f UU 7/2017 sebagaimana telah diubah dengan UU 7/2023"
    )


def test_uu_7_2017_pasal_21_ayat_1_huruf_b_intact(pemilu_mirror):
    units = _body(pemilu_mirror[1]["uu-7-2017"], "21")
    assert units["uu-7-2017/pasal-21/ayat-1/huruf-b"].text == (
        "pada saat pendaftaran berusia paling rendah 40 (empat puluh) tahun untuk calon anggota KPU, berusia paling "
        "rendah 35 (tiga puluh lima) tahun untuk calon anggota KPU Provinsi, dan berusia paling rendah 30 (tiga "
        "puluh) tahun untuk calon anggota KPU Kabupaten/Kota;"
    )


def test_uu_7_2017_no_page_furniture_inside_any_unit(pemilu_mirror):
    for doc in pemilu_mirror[1].values():
        for unit in doc.units:
            assert "hukumonline" not in unit.text and "pusatdata" not in unit.text, unit.id
            assert not re.search(r"\b\d{1,3} ?/ ?283\b", unit.text), unit.id
            assert "  " not in unit.text, unit.id
