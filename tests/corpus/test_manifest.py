"""The manifest is edited by hand: every mistake must stop loading with a message naming it."""

from __future__ import annotations

import pytest

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
    assert manifest.related("uu-10-2016") == {"uu-1-2015", "uu-8-2015", "uu-10-2016"}
    # Unknown facts stay empty: the Mendagri letters are recorded, without an invented number.
    mendagri = [d for d in manifest.documents if d.pending]
    assert mendagri and all(d.number == "" and not d.sources for d in mendagri)
    # Every checksum given is one of the mirror's files (SOURCES.md).
    given = {s.file: s.sha256 for d in manifest.documents for s in d.sources if s.sha256}
    assert given["pp-94-2021.pdf"].startswith("0ad3bf0e")
    assert set(given) == {
        "uu-1-2015.md", "uu-8-2015.md", "uu-10-2016.md", "uu-5-2014.md", "uu-20-2023.md",
        "pp-94-2021.pdf", "pp-42-2004.md", "se-walikota-dumai-800-873-bkpsdm-2023.pdf",
    }
