"""The manifest is edited by hand: every mistake must stop loading with a message naming it."""

from __future__ import annotations

import pytest

from corpus.coverage import Coverage
from corpus.manifest import ManifestError, load_manifest

GOOD = '''
[[document]]
id = "uu-5-2014"
kind = "UU"
number = "5"
year = 2014
title = "Undang-Undang Republik Indonesia Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara"
citation = "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara"
short_name = "UU 5/2014"

[[document.source]]
file = "uu-5-2014.md"
format = "text"
sha256 = "A53E4EE8B88A3301A38E735822418BC4CF221FAA0B81738A1CCB19F5CCFE5DD8"
'''

SECOND = '''
[[document]]
id = "uu-20-2023"
kind = "UU"
number = "20"
year = 2023
title = "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara"
citation = "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara"
short_name = "UU 20/2023"
revokes = ["uu-5-2014"]
'''


def write(tmp_path, text):
    path = tmp_path / "manifest.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_manifest_loads_with_normalised_checksum(tmp_path):
    manifest = load_manifest(write(tmp_path, GOOD + SECOND))
    assert manifest.ids() == ["uu-5-2014", "uu-20-2023"]
    src = manifest.get("uu-5-2014").sources[0]
    assert src.sha256 == "a53e4ee8b88a3301a38e735822418bc4cf221faa0b81738a1ccb19f5ccfe5dd8"
    assert (src.format, src.part, src.url) == ("text", 0, "")
    assert manifest.by_file("uu-5-2014.md").id == "uu-5-2014"
    assert manifest.related("uu-5-2014") == {"uu-5-2014", "uu-20-2023"}


def test_syntax_error_names_file_and_line(tmp_path):
    path = write(tmp_path, GOOD + '\n[[document]]\nid = "x\n')
    with pytest.raises(ManifestError, match=r"manifest\.toml: kesalahan sintaks TOML.*line 1[67]"):
        load_manifest(path)


def test_duplicate_id(tmp_path):
    dup = GOOD.replace('file = "uu-5-2014.md"', 'file = "copy.md"')
    with pytest.raises(ManifestError, match=r"dokumen 'uu-5-2014': id ganda"):
        load_manifest(write(tmp_path, GOOD + dup))


def test_unknown_kind(tmp_path):
    with pytest.raises(ManifestError, match=r"dokumen 'uu-5-2014': jenis \(kind\) 'Undang-Undang' tidak dikenal"):
        load_manifest(write(tmp_path, GOOD.replace('kind = "UU"', 'kind = "Undang-Undang"')))


@pytest.mark.parametrize("field", ["number", "year", "title", "citation", "short_name"])
def test_missing_field(tmp_path, field):
    text = "\n".join(line for line in GOOD.splitlines() if not line.startswith(f"{field} ="))
    with pytest.raises(ManifestError, match=rf"dokumen 'uu-5-2014': '{field}' tidak ada"):
        load_manifest(write(tmp_path, text))


def test_misspelt_field_is_an_error_not_a_silent_loss(tmp_path):
    text = GOOD.replace('short_name = "UU 5/2014"', 'short_name = "UU 5/2014"\nshortname = "x"')
    with pytest.raises(ManifestError, match=r"field tidak dikenal: shortname"):
        load_manifest(write(tmp_path, text))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('format = "text"', 'format = "docx"', "format 'docx' tidak dikenal"),
        ('sha256 = "A53E', 'sha256 = "ZZ', "64 digit heksadesimal"),
        ('file = "uu-5-2014.md"', 'file = "../uu.md"', "nama berkas biasa"),
        ('year = 2014', 'year = "2014"', "'year' harus berupa angka"),
        ('short_name = "UU 5/2014"', 'short_name = "UU 5/2014"\npromulgated = "15-01-2014"',
         "'promulgated' harus berformat YYYY-MM-DD"),
    ],
)
def test_bad_source_or_field_values(tmp_path, old, new, message):
    with pytest.raises(ManifestError, match=message):
        load_manifest(write(tmp_path, GOOD.replace(old, new)))


def test_relation_to_unknown_document(tmp_path):
    with pytest.raises(ManifestError, match=r"'uu-20-2023' merujuk id yang tidak dikenal 'uu-5-2014'"):
        load_manifest(write(tmp_path, SECOND))


def test_same_file_in_two_documents(tmp_path):
    other = SECOND.replace('revokes = ["uu-5-2014"]', "") + '\n[[document.source]]\nfile = "uu-5-2014.md"\n'
    with pytest.raises(ManifestError, match=r"berkas 'uu-5-2014.md' sudah menjadi sumber 'uu-5-2014'"):
        load_manifest(write(tmp_path, GOOD + other))


def test_pending_entry_may_leave_number_and_year_empty(tmp_path):
    pending = '\n[[document]]\nid = "surat-x"\nkind = "Surat"\npending = true\ntitle = "Surat tanpa nomor"\n'
    doc = load_manifest(write(tmp_path, GOOD + pending)).get("surat-x")
    assert (doc.pending, doc.number, doc.year, doc.sources) == (True, "", 0, ())


def test_project_manifest(manifest):
    assert len(manifest.ids()) == len(set(manifest.ids()))
    assert manifest.get("uu-20-2023").revokes == ("uu-5-2014",)
    assert manifest.related("uu-10-2016") == {"uu-1-2015", "uu-8-2015", "uu-10-2016", "uu-6-2020"}
    # Unknown facts stay empty: the Mendagri letters are recorded, without an invented number.
    mendagri = [d for d in manifest.documents if d.pending]
    assert mendagri and all(d.number == "" and not d.sources for d in mendagri)
    # Every checksum given is one of the mirror's files (SOURCES.md).
    given = {s.file: s.sha256 for d in manifest.documents for s in d.sources if s.sha256}
    assert given["pp-94-2021.pdf"].startswith("0ad3bf0e")
    assert set(given) == {
        "uu-1-2015.md", "uu-8-2015.md", "uu-10-2016.md", "uu-5-2014.md", "uu-20-2023.md",
        "pp-94-2021.pdf", "pp-42-2004.md", "se-walikota-dumai-800-873-bkpsdm-2023.pdf",
        "uu-7-2017-pasal-1-214.txt", "uu-7-2023.md", "uu-6-2020.txt",
    }
    # Coverage is data: the retyped UU 7/2017 holds Pasal 1-214 of 573 and no Penjelasan; the
    # official PDFs, preferred when present, hold the whole law.
    uu7 = {s.file: s.coverage for s in manifest.get("uu-7-2017").sources}
    assert uu7["uu-7-2017-pasal-1-214.txt"] == Coverage(1, 214, 573, penjelasan=False)
    assert uu7["uu7-2017bt.pdf"] is None
    assert all(s.coverage is None for d in manifest.documents if d.id != "uu-7-2017" for s in d.sources)



RELATIONS = '''
[[implements]]
regulation = "pp-1-2020"
law = "uu-5-2014"
source = "pp-1-2020/menimbang"

[[successor]]
revoked = "uu-5-2014/pasal-87/ayat-4/huruf-c"
successors = ["uu-20-2023/pasal-52/ayat-3/huruf-j"]
source = "uu-20-2023/pasal-76"
note = "same ground"
'''
PP = '''
[[document]]
id = "pp-1-2020"
kind = "PP"
number = "1"
year = 2020
title = "Peraturan Pemerintah Nomor 1 Tahun 2020 tentang Contoh"
citation = "Peraturan Pemerintah Nomor 1 Tahun 2020 tentang Contoh"
short_name = "PP 1/2020"
'''


def test_relations_load_with_their_source_provisions(tmp_path):
    manifest = load_manifest(write(tmp_path, GOOD + SECOND + PP + RELATIONS))
    [impl] = manifest.implementations
    assert (impl.regulation, impl.law, impl.source) == ("pp-1-2020", "uu-5-2014", "pp-1-2020/menimbang")
    [succ] = manifest.successions
    assert (succ.revoked, succ.successors, succ.source, succ.note) == (
        "uu-5-2014/pasal-87/ayat-4/huruf-c", ("uu-20-2023/pasal-52/ayat-3/huruf-j",), "uu-20-2023/pasal-76", "same ground"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('law = "uu-5-2014"', 'law = "uu-9-1999"', r"implements ke-1: 'law' merujuk id yang tidak dikenal 'uu-9-1999'"),
        ('source = "pp-1-2020/menimbang"', 'source = "uu-9-1999/pasal-1"', r"'source' merujuk dokumen yang tidak dikenal 'uu-9-1999'"),
        ('source = "pp-1-2020/menimbang"', 'source = "pp 1 2020 pasal 1"', r"'source' bukan id ketentuan"),
        ('source = "pp-1-2020/menimbang"\n', "", r"'source' tidak ada"),
        ('regulation = "pp-1-2020"\nlaw = "uu-5-2014"', 'regulation = "uu-20-2023"\nlaw = "uu-5-2014"',
         r"jenis 'UU' bukan peraturan pelaksanaan"),
        ('source = "uu-20-2023/pasal-76"', 'source = "uu-5-2014/pasal-1"', r"'uu-5-2014' \(source\) tidak mencabut 'uu-5-2014'"),
        ('successors = ["uu-20-2023/pasal-52/ayat-3/huruf-j"]', 'successors = ["pp-1-2020/pasal-5"]',
         r"pengganti 'pp-1-2020/pasal-5' bukan ketentuan 'uu-20-2023'"),
        ('successors = ["uu-20-2023/pasal-52/ayat-3/huruf-j"]', "successors = []", r"'successors' harus berupa daftar"),
        ('note = "same ground"', 'reason = "same ground"', r"successor ke-1: field tidak dikenal: reason"),
    ],
)
def test_bad_relations_name_the_entry_and_the_cause(tmp_path, old, new, message):
    text = GOOD + SECOND + PP + RELATIONS.replace(old, new)
    with pytest.raises(ManifestError, match=message):
        load_manifest(write(tmp_path, text))


def test_project_manifest_relations(manifest):
    assert {(i.regulation, i.law) for i in manifest.implementations} == {
        ("pp-94-2021", "uu-5-2014"), ("pp-42-2004", "uu-5-2014")
    }
    assert {s.revoked for s in manifest.successions} == {
        "uu-5-2014/pasal-87/ayat-4/huruf-c", "uu-5-2014/pasal-9/ayat-2", "uu-5-2014/pasal-2/huruf-f"
    }
    assert {s.source for s in manifest.successions} == {"uu-20-2023/pasal-76"}


COVERED = GOOD + 'coverage = { pasal = [1, 214], pasal_total = 573, penjelasan = false }\n'


def test_coverage_of_a_partial_copy(tmp_path):
    coverage = load_manifest(write(tmp_path, COVERED)).get("uu-5-2014").sources[0].coverage
    assert coverage.describe() == "sebagian: Pasal 1\u2013214 dari 573, tanpa Penjelasan"
    assert coverage.holds("214") and coverage.holds("92A") and not coverage.holds("215")
    assert not coverage.complete
    assert coverage.missing_note("280", "UU 7/2017") == (
        "Pasal 280 UU 7/2017 belum ada di korpus: berkas yang tersedia hanya memuat Pasal 1\u2013214; "
        "tambahkan PDF resmi lewat Tambah Dokumen"
    )


@pytest.mark.parametrize(
    "value, message",
    [
        ("{ pasal = [1, 214] }", "pasal_total"),
        ("{ pasal = [214, 1], pasal_total = 573 }", "tidak masuk akal"),
        ("{ pasal = [1, 600], pasal_total = 573 }", "tidak masuk akal"),
        ("{ pasal = 214, pasal_total = 573 }", r"\[pertama, terakhir\]"),
        ("{ pasal = [1, 214], pasal_total = 573, penjelasan = \"tidak\" }", "penjelasan"),
        ("{ pasal = [1, 214], pasal_total = 573, bab = 3 }", "field coverage tidak dikenal: bab"),
        ('"Pasal 1-214"', "harus berupa tabel"),
    ],
)
def test_bad_coverage_names_document_and_field(tmp_path, value, message):
    with pytest.raises(ManifestError, match=rf"uu-5-2014.*uu-5-2014\.md.*{message}"):
        load_manifest(write(tmp_path, GOOD + f"coverage = {value}\n"))


def test_changes_without_text_are_manifest_data(tmp_path):
    from corpus.manifest import ManifestError, load_manifest

    uu6 = load_manifest().get("uu-6-2020")
    assert uu6.amends == ("uu-1-2015",) and uu6.enacted == "2020-08-11"
    assert uu6.changes_without_text == (("120", "diubah"), ("122A", "disisipkan"), ("201A", "disisipkan"))
    bad = tmp_path / "m.toml"
    bad.write_text(
        '[[document]]\nid = "uu-6-2020"\nkind = "UU"\nnumber = "6"\nyear = 2020\ntitle = "t"\ncitation = "c"\n'
        'short_name = "UU 6/2020"\namends = ["uu-1-2015"]\nchanges_without_text = [{ pasal = "120", change = "diganti" }]\n',
        encoding="utf-8",
    )
    with pytest.raises(ManifestError, match="changes_without_text"):
        load_manifest(bad)


def test_amendment_chains_and_dates_are_manifest_data(manifest):
    """The citation formula of a law is built from every law that amends it, oldest first, the
    ones whose text the corpus lacks included; each has its dates and where they are read."""
    assert [d.short_name for d in manifest.amendments("uu-1-2015")] == ["UU 8/2015", "UU 10/2016", "UU 6/2020"]
    assert [d.short_name for d in manifest.amendments("uu-7-2017")] == ["UU 7/2023"]
    assert manifest.amendments("uu-5-2014") == []
    for doc_id in ("uu-1-2015", "uu-8-2015", "uu-10-2016", "uu-6-2020"):
        doc = manifest.get(doc_id)
        assert doc.enacted and doc.promulgated and "closing formula" in doc.dates_source, doc_id
    # UU 7/2023 became law without the President's signature (Pasal 20 ayat (5) UUD 1945): no
    # date of enactment, only of promulgation.
    uu7 = manifest.get("uu-7-2023")
    assert (uu7.enacted, uu7.promulgated) == ("", "2023-05-04")
    assert "Pasal 20 ayat (5)" in uu7.dates_source
