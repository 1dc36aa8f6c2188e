"""clean(): page furniture goes, OCR damage to structural markers is repaired, the body stays as published."""

from __future__ import annotations

import re

import pytest

from ingest.clean import clean, is_page_number, is_running_head, is_setneg_footer
from ingest.model import Line, SourceText
from ingest.read import read_source

PASAL_HEADING = re.compile(r"^Pasal \d+[A-Z]?$")


def paged(*pages: list[str]) -> SourceText:
    lines = [Line(text, number) for number, texts in enumerate(pages, start=1) for text in texts]
    return SourceText(path="test.pdf", lines=lines, page_count=len(pages), method="pypdf")


def texts(source: SourceText) -> list[str]:
    return [line.text for line in source.lines]


# --- recognisers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["PRESIDEN", "REPUBLIK INDONESIA", "PRESIDEN REPUBLIK INDONESIA", "SALINAN", "PR.ES!DEN",
     "REPUBUK INIX)NESIA", "REPUBLIK INDONESIA.", "PFIES IDEN", "REPUEUK INDONESIA", "REPUBL|K INDONESIA"],
)
def test_running_heads_and_their_ocr_garble(text):
    assert is_running_head(text)


@pytest.mark.parametrize(
    "text",
    ["PRESIDEN REPUBLIK INDONESIA,", "REPUBLIK INDONESIA,", "PERATURAN PEMERINTAH REPUBLIK INDONESIA",
     "UNDANG-UNDANG REPUBLIK INDONESIA", "PENJELASAN", "K INDONESIA", "Presiden", "TENTANG"],
)
def test_title_and_signature_lines_are_not_running_heads(text):
    assert not is_running_head(text)


@pytest.mark.parametrize("text", ["- 12 -", "-2-", "-31 -", "- 11-", "-t7-", "_25_", "_ 10_", "-7 -"])
def test_page_numbers(text):
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["-", "- a -", "-2", "2.", "- menjadi -"])
def test_not_page_numbers(text):
    assert not is_page_number(text)


@pytest.mark.parametrize(
    "text",
    ["SK No 023649 A", "SK No 202875 A", "SK No202818A", "I'l( l.lo f fltrr< - A", "I;l< l.,lo I 0(. ls I",
     ",1, ),16 l(lh-5(., r,", ":ll{ Nlo l0r.-'il n", "'t; I ll., I Or. -.7f) A", "lii( irln lo(..100 A"],
)
def test_setneg_footers_and_their_ocr_garble(text):
    assert is_setneg_footer(text)


@pytest.mark.parametrize(
    "text",
    ["b. PNS", "e.bekerja...", "(2) Hukuman .", "Pasal 36. . .", "Agar. . .", "c pemberian", "5. membuat",
     "pokok-pokok pengaturan dalam Undang-Undang dimaksud.", "Cukup jelas.", "dan/atau", "Huruf c. . .",
     "Rp1.000.000,00", "sebesar 25% (dua puluh lima persen)", "ke-15 (lima belas)", "www.bawaslu.go.id",
     "31/12/2023", "Presiden/Wakil Presiden;"],
)
def test_short_real_lines_are_not_footers(text):
    assert not is_setneg_footer(text)


# --- furniture ---------------------------------------------------------------------------------


def test_page_furniture_is_removed_and_title_and_signature_stay():
    source = paged(
        ["SALINAN", "PRESIDEN", "REPUBLIK INDONESIA", "PERATURAN PEMERINTAH REPUBLIK INDONESIA",
         "DENGAN RAHMAT TUHAN YANG MAHA ESA", "PRESIDEN REPUBLIK INDONESIA,", "Pasal 1",
         "(1) Satu.", "SK No 123456 A", "(2) Dua..."],
        ["PR.ES!DEN", "REPUBUK INDONESIA", "- 2 -", "(2) Dua ayat.", "Dengan Persetujuan Bersama",
         "dan", "PRESIDEN REPUBLIK INDONESIA", "Disahkan di Jakarta", "PRESIDEN REPUBLIK INDONESIA,",
         "ttd.", "MENTERI SEKRETARIS NEGARA", "REPUBLIK INDONESIA,", "I'l( l.lo f fltrr< - A"],
    )

    cleaned, report = clean(source)

    assert texts(cleaned) == [
        "PERATURAN PEMERINTAH REPUBLIK INDONESIA", "DENGAN RAHMAT TUHAN YANG MAHA ESA",
        "PRESIDEN REPUBLIK INDONESIA,", "Pasal 1", "(1) Satu.", "(2) Dua ayat.", "Dengan Persetujuan Bersama",
        "dan", "PRESIDEN REPUBLIK INDONESIA", "Disahkan di Jakarta", "PRESIDEN REPUBLIK INDONESIA,", "ttd.",
        "MENTERI SEKRETARIS NEGARA", "REPUBLIK INDONESIA,",
    ]
    assert [line.page for line in cleaned.lines if line.text == "(2) Dua ayat."] == [2]
    assert report.removed == {"running_head": 5, "page_number": 1, "setneg_footer": 2, "catchword": 1}
    assert report.examples["running_head"][:3] == ["SALINAN", "PRESIDEN", "REPUBLIK INDONESIA"]
    assert report.examples["catchword"] == ["(2) Dua..."]


def test_head_with_ocr_comma_goes_when_the_page_number_follows():
    cleaned, _ = clean(paged(["Pasal 9", "Isi."], ["PRESIDEN", "REPIJBLIK INDONESIA,", "- 10-", "Pasal 10", "Isi."]))
    assert texts(cleaned) == ["Pasal 9", "Isi.", "Pasal 10", "Isi."]


def test_page_number_glued_to_the_first_line_is_cut_off():
    cleaned, report = clean(paged(["Isi.", "Paragraf 6"], ["PRESIDEN", "REPUBLIK INDONESIA", "-2t-Paragraf 6", "Isi."]))
    assert texts(cleaned) == ["Isi.", "Paragraf 6", "Isi."]
    assert report.removed["catchword"] == 1 and report.removed["page_number"] == 1


def test_stray_lines_above_the_head_keep_the_head_removable():
    # PP 94/2021 p. 46: OCR put four "Pasal" labels above the running head.
    cleaned, _ = clean(paged(["Isi."], ["Pasal", "Pasal", "PRESIDEN", "REPUBLIK INDONESIA", "-12-", "Huruf c"]))
    assert texts(cleaned) == ["Isi.", "Pasal", "Pasal", "Huruf c"]


@pytest.mark.parametrize(
    "foot, top",
    [("5. membuat", "5. membuat keputusan dan/atau tindakan yang"),
     ("b. menjadi...", "b. menjadi perantara untuk mendapatkan keuntungan"),
     ("Pasal 12 . . .", "Pasal 12"),
     ("e.bekerja...", "e. bekerja pada perusahaan asing, konsultan asing, atau"),
     ("BAB XtI", "BAB XII"),
     ("Ayat(21 ...", "Ayat (2)")],
)
def test_catchword_repeated_on_the_next_page_is_removed(foot, top):
    cleaned, report = clean(paged(["Isi halaman satu;", foot], ["PRESIDEN", "REPUBLIK INDONESIA", "-2-", top]))
    assert foot not in texts(cleaned)
    assert report.removed["catchword"] == 1


@pytest.mark.parametrize(
    "foot, top", [("Cukup jelas.", "Pasal 6"), ("Pasal 1", "Pasal 12"), ("tahapan pengawasan.", "(2) Pengawas")]
)
def test_last_line_that_does_not_repeat_the_next_page_stays(foot, top):
    cleaned, report = clean(paged(["Isi.", foot], ["PRESIDEN", "REPUBLIK INDONESIA", "-2-", top]))
    assert texts(cleaned) == ["Isi.", foot, top]
    assert "catchword" not in report.removed


def test_text_without_pages_keeps_its_furniture_like_lines():
    # A clean text copy: nothing proves a page top, so nothing is removed.
    lines = ["Dengan Persetujuan Bersama", "dan", "PRESIDEN REPUBLIK INDONESIA", "PRESIDEN", "Pasal 1", "Isi."]
    source = SourceText("copy.md", [Line(t) for t in lines])
    cleaned, report = clean(source)
    assert texts(cleaned) == lines
    assert report.removed == {} and report.repaired == {}
    assert cleaned.page_count is None


# --- hyphenation -------------------------------------------------------------------------------


def test_word_split_at_line_end_is_joined():
    source = paged(["mampu menye-", "lenggarakan pelayanan publik", "bagi masyarakat."])
    cleaned, report = clean(source)
    assert texts(cleaned) == ["mampu menyelenggarakan", "pelayanan publik", "bagi masyarakat."]
    assert report.repaired["hyphenation"] == 1


@pytest.mark.parametrize(
    "first, second, joined, rest",
    [("kepada Pancasila, Undang-", "Undang Dasar Negara", "kepada Pancasila, Undang-Undang", "Dasar Negara"),
     ("ketentuan peraturan perundang-", "undangan.", "ketentuan peraturan perundang-undangan.", None),
     ("bertindak sewenang-", "wenang terhadap bawahan;", "bertindak sewenang-wenang", "terhadap bawahan;"),
     ("dengan sebaik-", "baiknya;", "dengan sebaik-baiknya;", None),
     ("menerapkan prinsip-", "prinsip tata kelola", "menerapkan prinsip-prinsip", "tata kelola")],
)
def test_real_hyphens_at_line_end_are_kept(first, second, joined, rest):
    cleaned, report = clean(paged([first, second]))
    assert texts(cleaned) == [joined] + ([rest] if rest else [])
    assert report.repaired["hyphen_kept"] == 1


def test_hyphen_before_a_change_of_case_is_left_alone():
    # Two-column letterhead of the Dumai circular, as OCR reads it.
    lines = ["Nomor :800/873/BKPSDM Yth. KEPALA PERANGKAT DAERAH SE-", "Sifat : Penting ata DUMAI"]
    cleaned, report = clean(paged(lines))
    assert texts(cleaned) == lines
    assert report.repaired == {}


def test_word_split_over_a_page_break_is_joined_on_the_first_page():
    cleaned, _ = clean(paged(["penyeleng-", "SK No 123456 A"], ["PRESIDEN", "REPUBLIK INDONESIA", "-2-", "garaan pemilihan"]))
    assert [(line.text, line.page) for line in cleaned.lines] == [("penyelenggaraan", 1), ("pemilihan", 2)]


# --- OCR repairs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ocr, repaired",
    [("Pasal 1 1", "Pasal 11"), ("Pasal I 1", "Pasal 11"), ("Pasal22", "Pasal 22"), ("Pasal 3O", "Pasal 30"),
     ("Pasal 4 1", "Pasal 41"), ("Pasal 2l", "Pasal 21"), ("Pasal7l", "Pasal 71"), ("Pasal 4L", "Pasal 41"),
     ("Pasal 7A", "Pasal 7A"), ("Pasal I", "Pasal I"), ("Pasal II", "Pasal II"),
     ("Pasal 20 dan Pasal 2l Undang-Undang Dasar", "Pasal 20 dan Pasal 21 Undang-Undang Dasar")],
)
def test_pasal_numbers(ocr, repaired):
    cleaned, _ = clean(paged([ocr]))
    assert texts(cleaned) == [repaired]


@pytest.mark.parametrize(
    "ocr, repaired",
    [("(21 Jenis Hukuman Disiplin", "(2) Jenis Hukuman Disiplin"), ("(1 ) Setiap PNS", "(1) Setiap PNS"),
     ("( 1) Setiap PNS", "(1) Setiap PNS"), ("(41 Jenis", "(4) Jenis"), ("Ayat(21", "Ayat (2)"),
     ("Ayat ( 1)", "Ayat (1)"), ("dimaksud pada ayat (21 diatur", "dimaksud pada ayat (2) diatur"),
     ("(10) Ketentuan", "(10) Ketentuan"), ("(lima belas) sejak diterima.", "(lima belas) sejak diterima.")],
)
def test_ayat_markers(ocr, repaired):
    cleaned, _ = clean(paged([ocr]))
    assert texts(cleaned) == [repaired]


@pytest.mark.parametrize(
    "ocr, repaired",
    [("Tahun 2Ol4 tentang", "Tahun 2014 tentang"), ("Tahun L945;", "Tahun 1945;"),
     ("2Ol4 Nomor 6, Tambahan", "2014 Nomor 6, Tambahan"), ("Nomor 5 Tahun 2014", "Nomor 5 Tahun 2014"),
     ("nomor LOLO", "nomor LOLO"), ("kode 1O", "kode 1O")],
)
def test_years(ocr, repaired):
    cleaned, _ = clean(paged([ocr]))
    assert texts(cleaned) == [repaired]


def test_pasal_labels_ocr_split_from_their_numbers_are_reunited():
    # PP 94/2021 p. 46 (Penjelasan): four "Pasal" at the top, their numbers alone further down.
    page = ["Pasal", "Pasal", "Huruf c", "Cukup jelas.", "L2", "Cukup jelas.", "13", "Ayat (1)", "Cukup jelas."]
    cleaned, report = clean(paged(["Isi."], page))
    assert texts(cleaned) == ["Isi.", "Huruf c", "Cukup jelas.", "Pasal 12", "Cukup jelas.", "Pasal 13", "Ayat (1)",
                              "Cukup jelas."]
    # Counts that do not match prove nothing: leave the page alone.
    cleaned, _ = clean(paged(["Isi."], ["Pasal", "Huruf c", "12", "13"]))
    assert texts(cleaned) == ["Isi.", "Pasal", "Huruf c", "12", "13"]


def test_angka_marker_split_by_ocr_is_joined_in_sequence():
    cleaned, report = clean(paged(["10. Dampak Negatif adalah", "1 1. Menteri adalah", "L2. Instansi adalah"]))
    assert texts(cleaned) == ["10. Dampak Negatif adalah", "11. Menteri adalah", "12. Instansi adalah"]
    assert report.repaired["ocr_angka_marker"] == 2


def test_f_opening_an_angka_list_is_angka_1():
    # PP 94/2021 Pasal 5 huruf n: "dengan cara:" then "f . ikut kampanye;" then "2. menjadi ...".
    lines = ["Perwakilan Rakyat Daerah dengan cara:", "f . ikut kampanye;", "2. menjadi peserta kampanye;"]
    cleaned, _ = clean(paged(lines))
    assert texts(cleaned)[1] == "1. ikut kampanye;"


def test_real_huruf_f_stays():
    lines = ["e. bekerja pada perusahaan asing;", "f. memiliki, menjual, membeli;", "g. melakukan pungutan;"]
    cleaned, _ = clean(paged(lines))
    assert texts(cleaned) == lines
    lines = ["PNS dilarang:", "f. memiliki barang;", "g. melakukan pungutan;"]  # no "2." follows
    cleaned, _ = clean(paged(lines))
    assert texts(cleaned) == lines


# --- the mirror --------------------------------------------------------------------------------


def _body(source: SourceText) -> list[Line]:
    lines = source.lines
    cut = next(i for i, line in enumerate(lines) if line.text.strip() == "PENJELASAN")
    return lines[:cut]


def _assert_no_furniture(cleaned: SourceText, allowed_heads: list[tuple[str, str]]) -> None:
    """No running head, footer or page number is left, except real content: (line before, line)."""
    lines = [line.text for line in cleaned.lines]
    leftovers = [(lines[i - 1], text) for i, text in enumerate(lines) if is_running_head(text)]
    assert leftovers == allowed_heads
    assert not [text for text in lines if "SK No" in text or re.match(r"^SK\s*No", text)]
    assert not [text for text in lines if is_page_number(text)]


@pytest.fixture(scope="module")
def uu_20_2023(mirror):
    return clean(read_source(mirror / "uu-20-2023.md"))


@pytest.fixture(scope="module")
def pp_94_2021(mirror):
    return clean(read_source(mirror / "pp-94-2021.pdf"))


def test_uu_20_2023_furniture_is_gone(uu_20_2023):
    cleaned, report = uu_20_2023
    # Only the "Dengan Persetujuan Bersama ... dan PRESIDEN REPUBLIK INDONESIA" formula is left.
    _assert_no_furniture(cleaned, [("dan", "PRESIDEN REPUBLIK INDONESIA")])
    assert sum(line.text == "PRESIDEN REPUBLIK INDONESIA," for line in cleaned.lines) == 2  # title, signature
    assert report.removed["setneg_footer"] == 44
    assert report.removed["page_number"] == 42
    assert report.removed["catchword"] >= 40


def test_uu_20_2023_pages_recovered_from_printed_numbers(uu_20_2023):
    cleaned, _ = uu_20_2023
    assert cleaned.page_count == 44  # 32 pages of body, 12 of Penjelasan
    first_page = {}
    for line in cleaned.lines:
        first_page.setdefault(line.text, line.page)
    # Body pages carry their printed number: "-13-" is page 13.
    assert first_page["Pasal 22"] == 13
    assert first_page["Pasal 28"] == 16
    assert first_page["BAB IX"] == 25  # printed "_25_"
    assert first_page["Paragraf 6"] == 21  # printed "-2t-Paragraf 6"; its catchword on p. 20 is gone
    assert first_page["PENJELASAN"] == 33  # the Penjelasan restarts its printed numbers; pages run on
    assert cleaned.lines[-1].page == 44


def test_uu_20_2023_has_77_distinct_pasal_in_the_body(uu_20_2023):
    cleaned, _ = uu_20_2023
    numbers = {int(line.text.split()[1].rstrip("ABCDEFGH")) for line in _body(cleaned) if PASAL_HEADING.match(line.text)}
    assert numbers == set(range(1, 78))


def test_pp_94_2021_furniture_is_gone(pp_94_2021):
    cleaned, report = pp_94_2021
    # The Setneg stamp on the signature page: "Salinan sesuai dengan aslinya / KEMENTERIAN
    # SEKRETARIAT NEGARA / REPUBLIK INDONESIA" is content, not a running head.
    _assert_no_furniture(cleaned, [("KEMENTERIAN SEKRETARIAT NEGARA", "REPUBLIK INDONESIA")])
    assert sum(line.text == "PRESIDEN REPUBLIK INDONESIA," for line in cleaned.lines) == 2
    assert report.removed["page_number"] == 49
    assert report.removed["setneg_footer"] >= 50
    tails = [line.text for line in cleaned.lines if re.search(r"[(){}\[\]<>|\\]{2,}|l\.lo|Nlo", line.text)]
    assert tails == []


def test_pp_94_2021_has_46_distinct_pasal_in_the_body(pp_94_2021):
    cleaned, report = pp_94_2021
    numbers = {int(line.text.split()[1]) for line in _body(cleaned) if PASAL_HEADING.match(line.text)}
    assert numbers == set(range(1, 47))
    assert "'Pasal 1 1' -> 'Pasal 11'" in report.examples["ocr_pasal_number"]
    penjelasan = [line.text for line in cleaned.lines[len(_body(cleaned)) :]]
    numbers = [int(t.split()[1]) for t in penjelasan if PASAL_HEADING.match(t)]
    assert numbers == list(range(1, 47))  # "Pasal" / "L2" split on p. 46 reunited


def test_pp_94_2021_pasal_38_ayat_markers_are_repaired(pp_94_2021):
    cleaned, _ = pp_94_2021
    body = [line.text for line in _body(cleaned)]
    start = body.index("Pasal 38")
    pasal_38 = body[start : body.index("Pasal 39")]
    assert [t[:3] for t in pasal_38 if re.match(r"^\(\d+\)", t)] == ["(1)", "(2)", "(3)"]
    assert "sebagaimana dimaksud pada ayat (2) diatur dalam" in pasal_38


def test_pp_94_2021_repairs_and_keeps_body_text(pp_94_2021):
    cleaned, _ = pp_94_2021
    text_pages = [(line.text, line.page) for line in cleaned.lines]
    assert ("1. ikut kampanye;", 5) in text_pages
    assert ("11. Menteri adalah menteri yang menyelenggarakan urusan", 2) in text_pages
    assert ("a. setia dan taat sepenuhnya kepada Pancasila, Undang-Undang", 3) in text_pages
    assert ("Dasar Negara Republik Indonesia Tahun 1945,", 3) in text_pages
    assert ("Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil", 1) in text_pages
    # The catchword "5. membuat" (foot of p. 5) is gone; the line it repeats opens p. 6.
    assert ("5. membuat", 5) not in text_pages
    assert ("5. membuat keputusan dan/atau tindakan yang", 6) in text_pages


@pytest.mark.parametrize("name", ["uu-5-2014.md", "uu-1-2015.md", "uu-8-2015.md", "uu-10-2016.md", "pp-42-2004.md"])
def test_clean_text_copies_are_left_unchanged(mirror, name):
    source = read_source(mirror / name)
    cleaned, report = clean(source)
    assert cleaned.lines == source.lines
    assert report.removed == {} and report.repaired == {}


@pytest.mark.parametrize("fixture", ["uu_20_2023", "pp_94_2021"])
def test_cleaning_twice_changes_nothing_more(request, fixture):
    cleaned, _ = request.getfixturevalue(fixture)
    again, report = clean(cleaned)
    assert again.lines == cleaned.lines
    assert report.removed == {} and report.repaired == {}


# --- web copies (hukumonline "pusatdata") --------------------------------------------------------


def text_copy(*lines: str) -> SourceText:
    return SourceText(path="copy.txt", lines=[Line(t) for t in lines], page_count=None, method="text")


def test_web_copy_header_and_footers_go_and_give_pages():
    source = text_copy(
        "www.hukumonline.com/pusatdata", "Pasal 1", "Dalam Undang-Undang ini:", "1 /3",
        "www.hukumonline.com/pusatdata", "1. Pemilu adalah sarana kedaulatan rakyat untuk memilih anggota  2 /3",
        "www.hukumonline.com/pusatdata", "Dewan Perwakilan Rakyat; dan 1/1.000 (satu perseribu) penduduk.", "3 /3",
    )
    cleaned, report = clean(source)
    assert texts(cleaned) == [
        "Pasal 1", "Dalam Undang-Undang ini:",
        "1. Pemilu adalah sarana kedaulatan rakyat untuk memilih anggota",
        "Dewan Perwakilan Rakyat; dan 1/1.000 (satu perseribu) penduduk.",
    ]
    assert [line.page for line in cleaned.lines] == [1, 1, 2, 3]
    assert cleaned.page_count == 3
    assert report.removed == {"web_header": 3, "web_footer": 3}


def test_numbers_with_a_slash_in_the_text_are_not_footers():
    # "2 / 3" in a sentence that ends a line, but no run of footers counting pages from 1.
    source = text_copy("Pasal 5", "paling sedikit 2 / 3", "dari jumlah anggota 1 /2", "Pasal 6")
    cleaned, report = clean(source)
    assert texts(cleaned) == texts(source)
    assert "web_footer" not in report.removed


def test_uu_7_2017_web_copy_on_the_mirror(mirror):
    cleaned, report = clean(read_source(mirror / "uu-7-2017-pasal-1-214.txt"))
    assert report.removed["web_header"] == 80 and report.removed["web_footer"] == 80
    assert cleaned.page_count == 80
    assert not any("hukumonline" in line.text or re.search(r"\d+ ?/ ?283", line.text) for line in cleaned.lines)
    # The footer glued to a line keeps the words before it: page 2 ends "... disingkat KPPS adalah kelompok".
    page_2 = [line.text for line in cleaned.lines if line.page == 2]
    assert page_2[-1].endswith("yang selanjutnya disingkat KPPS adalah kelompok")


def test_half_page_number_under_a_running_head_goes():
    cleaned, report = clean(paged(
        ["PRESIDEN", "REPUBLIK INDONESIA", "Pasal 10A", "(1) KPU membentuk KPU Provinsi."],
        ["PRESIDEN", "REPUBLIK INDONESIA", "-4", "(2) Ketentuan diatur dengan Peraturan KPU."],
    ))
    assert texts(cleaned) == ["Pasal 10A", "(1) KPU membentuk KPU Provinsi.", "(2) Ketentuan diatur dengan Peraturan KPU."]
    assert report.removed["page_number"] == 1
