"""Bad input to ``rujukan ingest``, through the installed console script.

Every fault is added beside a small good corpus that already has an index. The run must name
the file and the cause in Indonesian on stderr, exit non-zero, show no traceback, still ingest
the good documents, and leave the serving index (CURRENT and its build) byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.fixtures.tiny_corpus import DOCS, REPO, TinyDoc, command, environment, manifest_entry, write_corpus

BAD = TinyDoc("uu-99-2099", "99", 2099, "Pengawasan Contoh", "")


def run(data: Path, *args: str, path: str | None = None) -> subprocess.CompletedProcess:
    env = environment(data, **({"PATH": path} if path is not None else {}))
    return subprocess.run(command(*args), capture_output=True, text=True, env=env, cwd=REPO, timeout=600, check=False)


def snapshot(data: Path) -> dict[str, str]:
    """sha256 of CURRENT and of every file of the build it names."""
    index = data / "index"
    current = (index / "CURRENT").read_text(encoding="utf-8").strip()
    files = {"CURRENT": hashlib.sha256((index / "CURRENT").read_bytes()).hexdigest()}
    for path in sorted((index / current).rglob("*")):
        if path.is_file():
            files[str(path.relative_to(index))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> Path:
    """Two good documents, ingested and indexed once for the module."""
    data = tmp_path_factory.mktemp("good") / "data"
    write_corpus(data, checksums=False)  # the last test edits a file
    done = run(data, "ingest", "--no-progress")
    assert done.returncode == 0, done.stderr
    assert (data / "index" / "CURRENT").is_file()
    return data


@pytest.fixture()
def data(indexed, tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(indexed, copy, symlinks=True)
    return copy


def add_bad(data: Path, file: str, **entry) -> None:
    manifest = data / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + manifest_entry(BAD, file=file, **entry), encoding="utf-8")


def assert_isolated(data: Path, before: dict[str, str], done: subprocess.CompletedProcess, *expected: str) -> None:
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert "Traceback" not in out
    for text in expected:
        assert text in done.stderr, done.stderr
    for doc in DOCS:  # the good documents are still ingested ...
        assert (data / "units" / f"{doc.id}.json").is_file()
        assert f"{doc.id}  text" in done.stdout
    assert not (data / "units" / f"{BAD.id}.json").exists()
    assert "2 dokumen diingest, 1 gagal." in done.stdout
    assert snapshot(data) == before  # ... and the serving index is untouched


def truncated_pdf(folder: Path) -> Path:
    from tests.fixtures.official_pdf import make_official_pdf

    path = make_official_pdf(folder / "terpotong.pdf")
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def encrypted_pdf(folder: Path) -> Path:
    import pypdf

    from tests.fixtures.official_pdf import make_official_pdf

    plain = make_official_pdf(folder.parent / "polos.pdf")
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt("rahasia")
    path = folder / "bersandi.pdf"
    writer.write(path)
    return path


def zero_byte(folder: Path) -> Path:
    path = folder / "kosong.pdf"
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize(
    "make, cause",
    [
        (truncated_pdf, "berkas PDF rusak atau terpotong"),
        (encrypted_pdf, "PDF dilindungi kata sandi"),
        (zero_byte, "berkas kosong (0 byte)"),
    ],
    ids=["truncated", "encrypted", "zero-byte"],
)
def test_a_broken_file_fails_alone(data, make, cause):
    bad = make(data / "corpus")
    add_bad(data, bad.name)
    before = snapshot(data)
    done = run(data, "ingest", "--no-progress")
    assert_isolated(data, before, done, f"GAGAL {BAD.id}: {bad.name}: {cause}")


def test_an_image_only_pdf_without_tesseract_says_what_to_install(data, tmp_path):
    from tests.fixtures.official_pdf import make_image_only_pdf

    scan = make_image_only_pdf(data / "corpus" / "pindaian.pdf")
    add_bad(data, scan.name)
    bin_dir = tmp_path / "bin"  # a PATH with poppler but without tesseract
    bin_dir.mkdir()
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "poppler-utils is needed to generate the scan"
    (bin_dir / "pdftoppm").symlink_to(pdftoppm)
    before = snapshot(data)
    done = run(data, "ingest", "--no-progress", path=str(bin_dir))
    assert_isolated(
        data, before, done,
        f"GAGAL {BAD.id}: pindaian.pdf: PDF ini hanya berisi gambar dan perlu OCR, tetapi Tesseract belum terpasang",
        "apt-get install tesseract-ocr tesseract-ocr-ind",
    )  # fmt: skip


def test_a_file_failing_its_checksum_is_not_ingested(data):
    path = data / "corpus" / "uu-99-2099.md"
    path.write_text(DOCS[0].text(), encoding="utf-8")  # a real law text, but not the file the manifest names
    add_bad(data, path.name, sha256="0" * 64)
    before = snapshot(data)
    done = run(data, "ingest", "--no-progress")
    assert_isolated(data, before, done, f"GAGAL {BAD.id}: uu-99-2099.md: checksum sha256 tidak cocok dengan manifest")


def test_a_requested_document_without_its_file_fails(data):
    add_bad(data, "tidak-ada.md")
    before = snapshot(data)
    done = run(data, "ingest", "--no-progress", "--only", BAD.id, *(d.id for d in DOCS))
    assert_isolated(data, before, done, f"dilewati {BAD.id}: berkas tidak ada di folder korpus (tidak-ada.md")


def test_a_missing_file_named_on_the_command_line(data):
    before = snapshot(data)
    done = run(data, "ingest", "--no-progress", "--file", str(data / "corpus" / "hilang.pdf"), "--id", DOCS[0].id)
    assert done.returncode == 2
    assert "berkas tidak ditemukan" in done.stderr and "hilang.pdf" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert snapshot(data) == before


# A broken manifest cannot say which documents exist: nothing is ingested, nothing changes.
MANIFEST_FAULTS = {
    "syntax": (lambda text: text + '[[document]]\nid = "uu-99-2099\n', "kesalahan sintaks TOML"),
    "duplicate-id": (lambda text: text + manifest_entry(DOCS[0], file="lain.md"), "dokumen 'uu-91-2091': id ganda"),
    "unknown-kind": (lambda text: text + manifest_entry(BAD, kind="Undang-Undang"), "jenis (kind) 'Undang-Undang' tidak dikenal"),
}  # fmt: skip


@pytest.mark.parametrize("fault", list(MANIFEST_FAULTS))
def test_a_broken_manifest_changes_nothing(data, fault):
    edit, cause = MANIFEST_FAULTS[fault]
    manifest = data / "manifest.toml"
    manifest.write_text(edit(manifest.read_text(encoding="utf-8")), encoding="utf-8")
    units = {p.name: p.read_bytes() for p in (data / "units").iterdir()}
    before = snapshot(data)
    done = run(data, "ingest", "--no-progress")
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.startswith(f"manifest tidak dapat dipakai: {manifest}")
    assert cause in done.stderr
    assert snapshot(data) == before
    assert {p.name: p.read_bytes() for p in (data / "units").iterdir()} == units


def test_the_next_good_run_rebuilds_only_when_something_changed(data):
    """Control for the tests above: a changed document does swap the index."""
    before = snapshot(data)
    again = run(data, "ingest", "--no-progress")
    assert again.returncode == 0, again.stderr
    assert "indeks tidak diubah" in again.stdout
    assert snapshot(data) == before
    path = data / "corpus" / DOCS[1].file
    path.write_text(path.read_text(encoding="utf-8").replace("fasilitas negara", "fasilitas milik negara"), "utf-8")
    changed = run(data, "ingest", "--no-progress")
    assert changed.returncode == 0, changed.stderr
    assert "indeks: " in changed.stdout
    assert snapshot(data)["CURRENT"] != before["CURRENT"]
    # A manifest fact that Chroma's metadata holds (the year filters read) rebuilds too.
    after_change = snapshot(data)
    manifest = data / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("year = 2092", "year = 2002"), "utf-8")
    refiled = run(data, "ingest", "--no-progress")
    assert refiled.returncode == 0, refiled.stderr
    assert "indeks: " in refiled.stdout
    assert snapshot(data)["CURRENT"] != after_change["CURRENT"]


# ----------------------------------------------------------------- --file, limits


def with_checksums(data: Path) -> None:
    """The manifest of the two good documents, now with their sha256."""
    manifest = data / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    for doc in DOCS:
        sha = hashlib.sha256((data / "corpus" / doc.file).read_bytes()).hexdigest()
        text = text.replace(f'file = "{doc.file}"\n', f'file = "{doc.file}"\nsha256 = "{sha}"\n')
    manifest.write_text(text, encoding="utf-8")


def stored_text(data: Path, unit_id: str) -> str:
    import json

    doc = json.loads((data / "units" / f"{unit_id.split('/')[0]}.json").read_text(encoding="utf-8"))
    return next(u["text"] for u in doc["units"] if u["id"] == unit_id)


def test_a_file_given_as_another_document_is_refused(data, tmp_path):
    other = tmp_path / "lain.md"
    other.write_text(DOCS[1].text(), encoding="utf-8")  # UU 92/2092, given as UU 91/2091
    before = snapshot(data)
    law = stored_text(data, "uu-91-2091/pasal-2/ayat-1")
    done = run(data, "ingest", "--no-progress", "--file", str(other), "--id", DOCS[0].id)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (
        f"GAGAL {DOCS[0].id}: lain.md: berkas ini berjudul UU Nomor 92 Tahun 2092, bukan UU Nomor 91 Tahun 2091 "
        f"({DOCS[0].id}); tidak diingest. Pakai --force"
    ) in done.stderr
    assert snapshot(data) == before and stored_text(data, "uu-91-2091/pasal-2/ayat-1") == law

    with_checksums(data)  # with a checksum in the manifest, that is checked first
    done = run(data, "ingest", "--no-progress", "--file", str(other), "--id", DOCS[0].id)
    assert done.returncode == 1
    assert f"checksum sha256 berkas tidak cocok dengan manifest untuk {DOCS[0].id}" in done.stderr
    assert snapshot(data) == before

    forced = run(data, "ingest", "--no-progress", "--file", str(other), "--id", DOCS[0].id, "--force")
    assert forced.returncode == 0, forced.stderr
    import json

    report = json.loads((data / "units" / f"{DOCS[0].id}.json").read_text(encoding="utf-8"))["report"]
    assert any(w.startswith("dipaksa dengan --force: checksum sha256") for w in report["warnings"])
    assert any(w.startswith("dipaksa dengan --force: berkas ini berjudul UU Nomor 92 Tahun 2092") for w in report["warnings"])


def test_the_right_file_with_its_checksum_is_ingested(data):
    with_checksums(data)
    done = run(data, "ingest", "--no-progress", "--file", str(data / "corpus" / DOCS[0].file), "--id", DOCS[0].id)
    assert done.returncode == 0, done.stderr


def test_an_oversized_file_is_refused(data):
    from ingest.checks import MAX_TEXT_BYTES

    path = data / "corpus" / DOCS[0].file
    path.write_text(DOCS[0].text() + "Pasal 4\nTeks tambahan yang panjang sekali.\n" * (MAX_TEXT_BYTES // 40), "utf-8")
    before = snapshot(data)
    done = run(data, "ingest", "--no-progress")
    assert done.returncode == 1
    assert f"GAGAL {DOCS[0].id}: {DOCS[0].file}: berkas terlalu besar (" in done.stderr
    assert "batas 5 MB untuk teks" in done.stderr
    assert snapshot(data) == before


def test_a_text_that_repeats_itself_is_refused(data):
    body = "BAB I\nKETENTUAN\n" + "".join(
        f"Pasal {n}\n(1) Pengawas contoh wajib melaksanakan tugas pengawasan tahapan ke-{n} secara netral, "
        "jujur, dan adil sesuai ketentuan peraturan perundang-undangan.\n"
        for n in range(1, 31)
    )
    doc = TinyDoc(DOCS[0].id, DOCS[0].number, DOCS[0].year, DOCS[0].about, body * 4)
    (data / "corpus" / DOCS[0].file).write_text(doc.text(), encoding="utf-8")
    before = snapshot(data)
    done = run(data, "ingest", "--no-progress")
    assert done.returncode == 1
    assert f"GAGAL {DOCS[0].id}: {DOCS[0].file}: isi berkas berulang (120 dari 122 baris panjang" in done.stderr
    assert snapshot(data) == before


def test_the_real_pp_42_2004_given_as_pp_94_2021_is_refused(full_data, mirror, tmp_path):
    """The case that once replaced PP 94/2021 with the PP 42/2004 code of ethics, exit 0."""
    import os

    data = tmp_path / "data"
    shutil.copytree(full_data, data, symlinks=True)
    before = snapshot(data)
    env = {k: v for k, v in os.environ.items() if k != "RUJUKAN_MANIFEST"} | {"RUJUKAN_DATA": str(data)}
    done = subprocess.run(
        command("ingest", "--no-progress", "--file", str(mirror / "pp-42-2004.md"), "--id", "pp-94-2021"),
        capture_output=True, text=True, env=env, cwd=REPO, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (
        "GAGAL pp-94-2021: pp-42-2004.md: checksum sha256 berkas tidak cocok dengan manifest untuk pp-94-2021"
    ) in done.stderr
    assert snapshot(data) == before
