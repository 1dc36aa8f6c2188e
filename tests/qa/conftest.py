"""Hand-built units of real provisions (texts from the mirror), for index and retrieval tests.

Independent of the parser: each Pasal is written as printed, and :func:`pasal` splits it
into ayat / huruf / angka units with the ids and labels of the team contract.
"""

from __future__ import annotations

import re
import socket

import pytest

from ingest.model import Unit

DOCS = {
    "uu-5-2014": ("UU 5/2014", "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara"),
    "uu-20-2023": ("UU 20/2023", "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara"),
    "pp-94-2021": ("PP 94/2021", "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil"),
    "uu-1-2015": ("UU 1/2015", "Undang-Undang Nomor 1 Tahun 2015 tentang Penetapan Peraturan Pemerintah"),
}

_AYAT = re.compile(r"^\((\d+)\)\s*(.*)$")
_HURUF = re.compile(r"^([a-z])\.\s*(.*)$")
_ANGKA = re.compile(r"^(\d+)\.\s*(.*)$")


def pasal(doc_id: str, number: str, printed: str, hierarchy: list[str], status: str = "berlaku", order: int = 0) -> list[Unit]:
    """Units of one Pasal from its printed lines: "(1) ...", "a. ...", "1. ..." (one per line)."""
    short, full = DOCS[doc_id]
    root = Unit(
        id=f"{doc_id}/pasal-{number}",
        doc_id=doc_id,
        kind="pasal",
        number=number,
        label=f"Pasal {number} {full}",
        short_label=f"Pasal {number} {short}",
        text=printed.strip(),
        order=order,
        hierarchy=hierarchy,
        status=status,
    )
    units = [root]
    stack: list[tuple[str, Unit]] = [("pasal", root)]  # (kind, unit), outermost first
    depth = {"pasal": 0, "ayat": 1, "huruf": 2, "angka": 3}
    for line in printed.strip().splitlines():
        for kind, pattern in (("ayat", _AYAT), ("huruf", _HURUF), ("angka", _ANGKA)):
            m = pattern.match(line.strip())
            if m:
                break
        else:
            continue
        while depth[stack[-1][0]] >= depth[kind]:
            stack.pop()
        parent = stack[-1][1]
        marker = {"ayat": f"ayat ({m.group(1)})", "huruf": f"huruf {m.group(1)}", "angka": f"angka {m.group(1)}"}[kind]
        path_label = parent.short_label.replace(f" {short}", "") + f" {marker}"
        unit = Unit(
            id=f"{parent.id}/{kind}-{m.group(1)}",
            doc_id=doc_id,
            kind=kind,
            number=m.group(1),
            label=f"{path_label} {full}",
            short_label=f"{path_label} {short}",
            text=m.group(2),
            parent_id=parent.id,
            order=order + len(units),
            hierarchy=hierarchy,
            status=status,
        )
        units.append(unit)
        stack.append((kind, unit))
    # A parent's text holds its children, as the parser's units do.
    for unit in reversed(units):
        kids = [u for u in units if u.parent_id == unit.id]
        if kids and unit.kind != "pasal":
            unit.text = unit.text + " " + " ".join(k.text for k in kids)
    return units


def penjelasan(doc_id: str, path: str, explains: str, text: str, order: int) -> Unit:
    short, full = DOCS[doc_id]
    label = path.replace("pasal-", "Pasal ").replace("/huruf-", " huruf ")
    return Unit(
        id=f"{doc_id}/penjelasan/{path}",
        doc_id=doc_id,
        kind="penjelasan",
        number=path.rsplit("-", 1)[-1],
        label=f"Penjelasan {label} {full}",
        short_label=f"Penjelasan {label} {short}",
        text=text,
        order=order,
        explains=f"{doc_id}/{explains}",
    )


def sample_units() -> list[Unit]:
    units: list[Unit] = []
    units += pasal(
        "uu-5-2014", "2",
        """Penyelenggaraan kebijakan dan Manajemen ASN berdasarkan pada asas:
a. kepastian hukum;
b. profesionalitas;
c. proporsionalitas;
d. keterpaduan;
e. delegasi;
f. netralitas;
g. akuntabilitas;""",
        ["BAB II ASAS, PRINSIP, NILAI DASAR, SERTA KODE ETIK DAN KODE PERILAKU"], status="dicabut", order=100,
    )
    units += pasal(
        "uu-5-2014", "87",
        """(1) PNS diberhentikan dengan hormat karena:
a. meninggal dunia;
b. atas permintaan sendiri;
c. mencapai batas usia pensiun;
d. perampingan organisasi atau kebijakan pemerintah yang mengakibatkan pensiun dini; atau
e. tidak cakap jasmani dan/atau rohani sehingga tidak dapat menjalankan tugas dan kewajiban.
(2) PNS dapat diberhentikan dengan hormat atau tidak diberhentikan karena dihukum penjara berdasarkan putusan pengadilan yang telah memiliki kekuatan hukum tetap karena melakukan tindak pidana dengan hukuman pidana penjara paling singkat 2 (dua) tahun dan pidana yang dilakukan tidak berencana.
(3) PNS diberhentikan dengan hormat tidak atas permintaan sendiri karena melakukan pelanggaran disiplin PNS tingkat berat.
(4) PNS diberhentikan tidak dengan hormat karena:
a. melakukan penyelewengan terhadap Pancasila dan Undang-Undang Dasar Negara Republik Indonesia Tahun 1945;
b. dihukum penjara atau kurungan berdasarkan putusan pengadilan yang telah memiliki kekuatan hukum tetap karena melakukan tindak pidana kejahatan jabatan atau tindak pidana kejahatan yang ada hubungannya dengan jabatan dan/atau pidana umum;
c. menjadi anggota dan/atau pengurus partai politik; atau
d. dihukum penjara berdasarkan putusan pengadilan yang telah memiliki kekuatan hukum tetap karena melakukan tindak pidana dengan pidana penjara paling singkat 2 (dua) tahun dan pidana yang dilakukan dengan berencana.""",
        ["BAB VIII MANAJEMEN ASN", "Paragraf 12 Pemberhentian"], status="dicabut", order=200,
    )
    units += pasal(
        "uu-20-2023", "52",
        """(1) Pemberhentian bagi Pegawai ASN meliputi:
a. atas permintaan sendiri; dan
b. tidak atas permintaan sendiri.
(2) Pemberhentian atas permintaan sendiri dilakukan apabila Pegawai ASN mengundurkan diri.
(3) Pemberhentian tidak atas permintaan sendiri bagi Pegawai ASN dilakukan apabila:
a. melakukan penyelewengan terhadap Pancasila dan Undang-Undang Dasar Negara Republik Indonesia Tahun 1945;
b. meninggal dunia;
c. mencapai batas usia pensiun jabatan dan/atau berakhirnya masa perjanjian kerja;
d. terdampak perampingan organisasi atau kebijakan pemerintah;
e. tidak cakap jasmani dan/atau rohani sehingga tidak dapat menjalankan tugas dan kewajiban;
f. tidak berkinerja;
g. melakukan pelanggaran disiplin tingkat berat;
h. dipidana dengan pidana penjara berdasarkan putusan pengadilan yang telah memiliki kekuatan hukum tetap karena melakukan tindak pidana dengan pidana penjara paling singkat 2 (dua) tahun;
i. dipidana dengan pidana penjara atau kurungan berdasarkan putusan pengadilan yang telah memiliki kekuatan hukum tetap karena melakukan tindak pidana kejahatan jabatan atau tindak pidana kejahatan yang ada hubungannya dengan jabatan; dan/atau
j. menjadi anggota dan/atau pengurus partai politik.
(4) Pemberhentian Pegawai ASN karena sebab sebagaimana dimaksud pada ayat (3) huruf a, huruf g, huruf i, dan huruf j dikategorikan sebagai pemberhentian tidak dengan hormat.""",
        ["BAB VIII MANAJEMEN ASN"], order=300,
    )
    units += pasal(
        "pp-94-2021", "5",
        """PNS dilarang:
a. menyalahgunakan wewenang;
c. menjadi pegawai atau bekerja untuk negara lain;
g. melakukan pungutan di luar ketentuan;
k. menerima hadiah yang berhubungan dengan jabatan dan/atau pekerjaan;
n. memberikan dukungan kepada calon Presiden/Wakil Presiden, calon Kepala Daerah/Wakil Kepala Daerah, calon anggota Dewan Perwakilan Rakyat, calon anggota Dewan Perwakilan Daerah, atau calon anggota Dewan Perwakilan Rakyat Daerah dengan cara:
1. ikut kampanye;
2. menjadi peserta kampanye dengan menggunakan atribut partai atau atribut PNS;
3. sebagai peserta kampanye dengan mengerahkan PNS lain;
4. sebagai peserta kampanye dengan menggunakan fasilitas negara;
5. membuat keputusan dan/atau tindakan yang menguntungkan atau merugikan salah satu pasangan calon sebelum, selama, dan sesudah masa kampanye;
6. mengadakan kegiatan yang mengarah kepada keberpihakan terhadap pasangan calon yang menjadi peserta pemilu sebelum, selama, dan sesudah masa kampanye meliputi pertemuan, ajakan, himbauan, seruan, atau pemberian barang kepada PNS dalam lingkungan unit kerjanya, anggota keluarga, dan masyarakat; dan/atau
7. memberikan surat dukungan disertai fotokopi Kartu Tanda Penduduk atau Surat Keterangan Tanda Penduduk.""",
        ["BAB II KEWAJIBAN DAN LARANGAN", "Bagian Kedua Larangan"], order=400,
    )
    units += pasal(
        "uu-1-2015", "71",
        """(1) Pejabat negara, pejabat aparatur sipil negara, dan Kepala Desa atau sebutan lain/Lurah dilarang membuat keputusan dan/atau tindakan yang menguntungkan atau merugikan salah satu calon selama masa Kampanye.
(2) Petahana dilarang melakukan penggantian pejabat 6 (enam) bulan sebelum masa jabatannya berakhir.
(3) Petahana dilarang menggunakan program dan kegiatan Pemerintahan Daerah untuk kegiatan Pemilihan 6 (enam) bulan sebelum masa jabatannya berakhir.
(4) Dalam hal petahana melakukan hal sebagaimana dimaksud pada ayat (2) dan ayat (3), petahana dikenai sanksi pembatalan sebagai calon oleh KPU Provinsi atau KPU Kabupaten/Kota.""",
        ["BAB IX KAMPANYE"], order=500,
    )
    units += pasal(
        "uu-1-2015", "7",
        """Warga negara Indonesia yang dapat menjadi Calon Gubernur, Calon Bupati, dan Calon Walikota adalah yang memenuhi persyaratan sebagai berikut:
a. bertakwa kepada Tuhan Yang Maha Esa;
b. setia kepada Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, cita-cita Proklamasi 17 Agustus 1945, dan Negara Kesatuan Republik Indonesia;""",
        ["BAB III PERSYARATAN CALON"], order=450,
    )
    units.append(
        Unit(
            id="uu-1-2015/pasal-188",
            doc_id="uu-1-2015",
            kind="pasal",
            number="188",
            label="Pasal 188 " + DOCS["uu-1-2015"][1],
            short_label="Pasal 188 UU 1/2015",
            text=(
                "Setiap pejabat negara, pejabat Aparatur Sipil Negara, dan Kepala Desa atau sebutan lain/Lurah "
                "yang dengan sengaja melanggar ketentuan sebagaimana dimaksud dalam Pasal 71, dipidana dengan "
                "pidana penjara paling singkat 1 (satu) bulan atau paling lama 6 (enam) bulan dan/atau denda "
                "paling sedikit Rp600.000,00 (enam ratus ribu rupiah) atau paling banyak Rp6.000.000,00 (enam juta rupiah)."
            ),
            order=900,
            hierarchy=["BAB XXIII KETENTUAN PIDANA"],
        )
    )
    units.append(
        penjelasan(
            "uu-5-2014", "pasal-2/huruf-f", "pasal-2/huruf-f",
            "Yang dimaksud dengan “asas netralitas” adalah bahwa setiap Pegawai ASN tidak berpihak dari segala "
            "bentuk pengaruh manapun dan tidak memihak kepada kepentingan siapapun.",
            order=1000,
        )
    )
    units.append(penjelasan("uu-20-2023", "pasal-52", "pasal-52", "Cukup jelas.", order=1100))
    for u in units:
        if u.doc_id == "uu-5-2014":
            u.status = "dicabut"  # UU 20/2023 revoked the whole law, Penjelasan included
    for u in units:
        if u.status == "dicabut":
            u.status_note = "dicabut oleh Pasal 76 UU 20/2023"
    return units


@pytest.fixture
def units() -> list[Unit]:
    return sample_units()


@pytest.fixture
def no_network(monkeypatch):
    """Connections to non-loopback addresses fail, as on a machine without internet.

    Returns the list of blocked attempts, so a test can also catch a library that
    swallows the error (a telemetry ping, a model download with a fallback).
    """
    real_connect = socket.socket.connect
    real_create = socket.create_connection
    blocked: list[str] = []

    def loopback(address) -> bool:
        host = address[0] if isinstance(address, tuple) else address
        return isinstance(host, str) and (host in ("localhost", "::1") or host.startswith("127.") or host.startswith("/"))

    def refuse(address):
        blocked.append(repr(address))
        raise OSError(f"network disabled in tests: {address!r}")

    def guarded_connect(self, address):
        if self.family != socket.AF_UNIX and not loopback(address):
            refuse(address)
        return real_connect(self, address)

    def guarded_create(address, *args, **kwargs):
        if not loopback(address):
            refuse(address)
        return real_create(address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", guarded_create)
    return blocked


@pytest.fixture(scope="session")
def embedding_cache(tmp_path_factory):
    """One embedding cache for the session: the model embeds each sample text once."""
    return tmp_path_factory.mktemp("embedding-cache") / "embeddings.sqlite"


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory, embedding_cache):
    """An index over :func:`sample_units`, built once per session: (root, IndexInfo)."""
    from corpus.manifest import load_manifest
    from qa.index import build_index

    root = tmp_path_factory.mktemp("index")
    info = build_index(sample_units(), load_manifest(), progress=False, root=root, cache_path=embedding_cache)
    return root, info


@pytest.fixture(scope="session")
def sample_retriever(sample_index):
    from corpus.manifest import load_manifest
    from qa.retrieval import Retriever

    return Retriever(root=sample_index[0], manifest=load_manifest())


@pytest.fixture(scope="session")
def make_units():
    """A factory of fresh sample units, for tests that build several indexes or edit units."""
    return sample_units


REAL_DOCS = {"uu-5-2014": "uu-5-2014.md", "uu-20-2023": "uu-20-2023.md", "pp-94-2021": "pp-94-2021.pdf"}


@pytest.fixture(scope="session")
def real_units(mirror, manifest):
    """Units of three mirror documents through the real ingest stages (read, clean, parse, status)."""
    from ingest.clean import clean
    from ingest.parse import parse_document
    from ingest.read import read_source
    from ingest.status import apply_status

    docs = {}
    for doc_id, name in REAL_DOCS.items():
        source, _ = clean(read_source(mirror / name))
        docs[doc_id] = parse_document(source, manifest.get(doc_id), manifest)
    apply_status(docs, manifest)
    return [u for doc in docs.values() for u in doc.units]
