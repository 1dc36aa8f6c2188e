"""The downloader against a real HTTP server on 127.0.0.1, and the mirror copy."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from corpus import fetch
from corpus.manifest import load_manifest

BODY = b"%PDF-1.4\n" + bytes(range(256)) * 1000  # 256,009 bytes
SHA = hashlib.sha256(BODY).hexdigest()


class Handler(BaseHTTPRequestHandler):
    """Serves BODY at /good.pdf and /cut.pdf (Range supported), 404 elsewhere.

    /cut.pdf closes the connection after ``cut_after`` bytes on its first request only,
    announcing the full length, as a dropped mobile connection does.
    """

    requests: list[tuple[str, str | None]] = []
    cuts_left = 0
    cut_after = 100_000

    def do_GET(self):  # noqa: N802 (http.server API)
        type(self).requests.append((self.path, self.headers.get("Range")))
        if self.path == "/moved.pdf":  # a portal's answer to a moved file: a page, status 200
            page = b"<!DOCTYPE html><html><body>Dokumen tidak ditemukan</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)
            return
        if self.path not in ("/good.pdf", "/cut.pdf", "/other.pdf"):
            self.send_error(404, "Not Found")
            return
        start = 0
        rng = self.headers.get("Range")
        if rng:
            start = int(rng.removeprefix("bytes=").split("-")[0])
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(BODY) - 1}/{len(BODY)}")
        else:
            self.send_response(200)
        payload = BODY[start:]
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Content-Type", "application/pdf")
        self.end_headers()
        if self.path == "/cut.pdf" and type(self).cuts_left > 0:
            type(self).cuts_left -= 1
            self.wfile.write(payload[: self.cut_after])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Handler.requests = []
    Handler.cuts_left = 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_good_file(server, tmp_path):
    target = tmp_path / "a.pdf"
    fetch.download(f"{server}/good.pdf", target, sha256=SHA, progress=False, backoff=0)
    assert target.read_bytes() == BODY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_404_is_not_retried_and_leaves_nothing(server, tmp_path):
    with pytest.raises(fetch.DownloadError, match="HTTP 404"):
        fetch.download(f"{server}/missing.pdf", tmp_path / "a.pdf", progress=False, backoff=0)
    assert Handler.requests == [("/missing.pdf", None)]
    assert list(tmp_path.iterdir()) == []


def test_wrong_checksum_is_rejected_and_never_replaces_a_good_file(server, tmp_path):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"the good copy")
    with pytest.raises(fetch.ChecksumError):
        fetch.download(f"{server}/good.pdf", target, sha256="0" * 64, progress=False, backoff=0)
    assert target.read_bytes() == b"the good copy"
    assert (tmp_path / "a.pdf.rejected").read_bytes() == BODY
    assert not (tmp_path / "a.pdf.part").exists()


def test_html_page_instead_of_pdf_is_rejected(server, tmp_path):
    target = tmp_path / "a.pdf"
    with pytest.raises(fetch.ChecksumError, match="bukan berkas PDF"):
        fetch.download(f"{server}/moved.pdf", target, progress=False, backoff=0, expect_pdf=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf.rejected"]


def test_cut_connection_resumes_with_range_and_verifies(server, tmp_path):
    Handler.cuts_left = 1
    target = tmp_path / "a.pdf"
    fetch.download(f"{server}/cut.pdf", target, sha256=SHA, progress=False, backoff=0)
    assert target.read_bytes() == BODY
    assert Handler.requests == [("/cut.pdf", None), ("/cut.pdf", f"bytes={Handler.cut_after}-")]
    assert not (tmp_path / "a.pdf.part").exists()


def test_part_file_survives_failed_run_and_next_run_resumes(server, tmp_path):
    Handler.cuts_left = 5
    target = tmp_path / "a.pdf"
    with pytest.raises(fetch.DownloadError, match="gagal setelah 1 percobaan"):
        fetch.download(f"{server}/cut.pdf", target, sha256=SHA, progress=False, retries=1, backoff=0)
    assert (tmp_path / "a.pdf.part").stat().st_size == Handler.cut_after
    assert not target.exists()
    Handler.cuts_left = 0
    fetch.download(f"{server}/cut.pdf", target, sha256=SHA, progress=False, retries=1, backoff=0)
    assert target.read_bytes() == BODY
    assert Handler.requests[-1] == ("/cut.pdf", f"bytes={Handler.cut_after}-")


MANIFEST = '''
[[document]]
id = "doc-a"
kind = "UU"
number = "1"
year = 2020
title = "A"
citation = "A"
short_name = "A"

[[document.source]]
file = "a.pdf"
url = "{server}/good.pdf"
sha256 = "{sha}"

[[document.source]]
file = "a.md"
format = "text"

[[document]]
id = "doc-b"
kind = "PP"
number = "2"
year = 2021
title = "B"
citation = "B"
short_name = "B"

[[document.source]]
file = "b.pdf"
url = "{server}/missing.pdf"

[[document.source]]
file = "b2.pdf"
url = "{server}/other.pdf"
sha256 = "{bad}"
'''


def test_fetch_corpus_reports_each_file(server, tmp_path):
    path = tmp_path / "manifest.toml"
    path.write_text(MANIFEST.format(server=server, sha=SHA, bad="1" * 64))
    dest = tmp_path / "corpus"
    results = fetch.fetch_corpus(load_manifest(path), dest=dest, progress=False, retries=1, backoff=0)
    assert [(r.doc_id, r.file, r.outcome) for r in results] == [
        ("doc-a", "a.pdf", fetch.DIAMBIL),
        ("doc-a", "a.md", fetch.TANPA_URL),
        ("doc-b", "b.pdf", fetch.GAGAL),
        ("doc-b", "b2.pdf", fetch.CHECKSUM_SALAH),
    ]
    assert results[0].verified
    assert sorted(p.name for p in dest.iterdir()) == ["a.pdf", "b2.pdf.rejected"]
    # Second run: the verified file is not downloaded again.
    before = len(Handler.requests)
    again = fetch.fetch_corpus(load_manifest(path), dest=dest, only=["doc-a"], progress=False, retries=1)
    assert again[0].outcome == fetch.SUDAH_ADA and len(Handler.requests) == before


def test_mirror_copies_verified_files_and_refuses_mismatches(tmp_path, mirror, manifest):
    dest = tmp_path / "corpus"
    results = fetch.fetch_corpus(manifest, dest=dest, mirror=mirror, only=["uu-5-2014", "pp-94-2021"])
    outcomes = {r.file: r.outcome for r in results}
    assert outcomes == {
        "uu-5-2014.pdf": fetch.TIDAK_DI_MIRROR,
        "uu-5-2014.md": fetch.DIAMBIL,
        "pp-94-2021.pdf": fetch.DIAMBIL,
    }
    assert sorted(p.name for p in dest.iterdir()) == ["pp-94-2021.pdf", "uu-5-2014.md"]
    assert fetch.sha256_of(dest / "uu-5-2014.md") == manifest.get("uu-5-2014").sources[1].sha256

    fake_mirror = tmp_path / "fake"
    fake_mirror.mkdir()
    (fake_mirror / "uu-5-2014.md").write_text("not the law")
    (dest / "uu-5-2014.md").unlink()
    bad = fetch.fetch_corpus(manifest, dest=dest, mirror=fake_mirror, only=["uu-5-2014"])
    assert [r.outcome for r in bad] == [fetch.TIDAK_DI_MIRROR, fetch.CHECKSUM_SALAH]
    assert not (dest / "uu-5-2014.md").exists()
