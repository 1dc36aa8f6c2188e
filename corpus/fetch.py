"""Fill the corpus folder: from a local mirror, or from the official download URLs.

Nothing unverified replaces a good file: a download goes to ``<file>.part`` (kept between
attempts so an interrupted transfer resumes with an HTTP Range request), is checked against
the manifest's sha256 where one is known, and only then moves into place with ``os.replace``.
A file that fails the check is kept beside as ``<file>.rejected`` for inspection.
"""

from __future__ import annotations

import hashlib
import http.client
import logging
import os
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from corpus.manifest import DocumentMeta, Manifest, SourceFile

log = logging.getLogger(__name__)

USER_AGENT = "rujukan-corpus-fetch/0.1 (+https://github.com/; legal research)"
CHUNK = 64 * 1024

# Outcomes, in Indonesian because they are shown to people as they are.
DIAMBIL = "diambil"  # fetched and (where a checksum is known) verified
SUDAH_ADA = "sudah ada"  # already present and verified
TIDAK_DI_MIRROR = "tidak ada di mirror"
TANPA_URL = "tidak ada URL resmi di manifest"
CHECKSUM_SALAH = "ditolak: bukan berkas yang dimaksud manifest"
GAGAL = "gagal diunduh"


class DownloadError(Exception):
    """The file could not be downloaded (after retries); ``str()`` is Indonesian."""


class ChecksumError(Exception):
    """The downloaded file is not the one the manifest names (kept as ``path``, a .rejected file)."""

    def __init__(self, path: Path, expected: str, actual: str, why: str = ""):
        self.path, self.expected, self.actual = path, expected, actual
        super().__init__(why or f"{path.name}: sha256 {actual[:12]}… tidak cocok dengan manifest {expected[:12]}…")


@dataclass
class FetchResult:
    doc_id: str
    file: str
    outcome: str  # one of the constants above
    detail: str = ""  # Indonesian, for people
    verified: bool = False  # checksum known and matched

    @property
    def ok(self) -> bool:
        return self.outcome in (DIAMBIL, SUDAH_ADA)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_corpus(
    manifest: Manifest,
    dest: Path,
    mirror: Path | None = None,
    only: list[str] | None = None,
    progress: bool = True,
    timeout: float = 30.0,
    retries: int = 4,
    backoff: float = 2.0,
) -> list[FetchResult]:
    """Fetch every source of the selected documents; never raises for one bad file."""
    dest.mkdir(parents=True, exist_ok=True)
    results = []
    for doc in _selected(manifest, only):
        for src in doc.sources:
            target = dest / src.file
            if target.exists() and src.sha256 and sha256_of(target) == src.sha256:
                results.append(FetchResult(doc.id, src.file, SUDAH_ADA, verified=True))
                continue
            if mirror is not None:
                results.append(_from_mirror(doc, src, mirror, target))
            elif target.exists() and not src.sha256:
                # Nothing to check against: a present file is as good as a new download.
                results.append(FetchResult(doc.id, src.file, SUDAH_ADA, "checksum tidak diketahui"))
            elif not src.url:
                results.append(FetchResult(doc.id, src.file, TANPA_URL))
            else:
                results.append(_from_url(doc, src, target, progress, timeout, retries, backoff))
    return results


def _selected(manifest: Manifest, only: list[str] | None) -> list[DocumentMeta]:
    if not only:
        return [doc for doc in manifest.documents if not doc.pending]
    unknown = [doc_id for doc_id in only if doc_id not in manifest]
    if unknown:
        raise KeyError(", ".join(unknown))
    return [manifest.get(doc_id) for doc_id in only]


def _from_mirror(doc: DocumentMeta, src: SourceFile, mirror: Path, target: Path) -> FetchResult:
    origin = mirror / src.file
    if not origin.is_file():
        return FetchResult(doc.id, src.file, TIDAK_DI_MIRROR)
    if src.sha256:
        actual = sha256_of(origin)
        if actual != src.sha256:
            # The mirror copy is not the file the manifest names; leave the corpus as it is.
            return FetchResult(
                doc.id, src.file, CHECKSUM_SALAH,
                f"salinan di mirror ({origin}) ber-sha256 {actual[:12]}…, manifest {src.sha256[:12]}…; tidak disalin",
            )
    fd, tmp = tempfile.mkstemp(prefix=f".{src.file}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(origin, tmp)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return FetchResult(doc.id, src.file, DIAMBIL, f"disalin dari {origin}", verified=bool(src.sha256))


def _from_url(
    doc: DocumentMeta, src: SourceFile, target: Path, progress: bool, timeout: float, retries: int, backoff: float
) -> FetchResult:
    try:
        download(src.url, target, sha256=src.sha256, progress=progress, timeout=timeout,
                 retries=retries, backoff=backoff, expect_pdf=src.format == "pdf")
    except ChecksumError as exc:
        return FetchResult(doc.id, src.file, CHECKSUM_SALAH, f"{exc}; disimpan sebagai {exc.path.name}")
    except DownloadError as exc:
        return FetchResult(doc.id, src.file, GAGAL, str(exc))
    return FetchResult(doc.id, src.file, DIAMBIL, f"diunduh dari {src.url}", verified=bool(src.sha256))


def download(
    url: str,
    target: Path,
    sha256: str = "",
    progress: bool = True,
    timeout: float = 30.0,
    retries: int = 4,
    backoff: float = 2.0,
    expect_pdf: bool = False,
) -> Path:
    """Download ``url`` to ``target``: resumable, retried with exponential backoff, verified.

    Raises :class:`DownloadError` when every attempt failed (the ``.part`` file is kept for
    the next run to resume) and :class:`ChecksumError` when the finished file does not match.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    last = ""
    for attempt in range(1, retries + 1):
        try:
            _transfer(url, part, timeout, progress, target.name)
            break
        except _Permanent as exc:
            raise DownloadError(f"{url}: {exc}") from None
        except (OSError, http.client.HTTPException, _Incomplete) as exc:
            last = _describe(exc)
            log.info("download %s attempt %d/%d failed: %s", url, attempt, retries, last)
            if attempt < retries:
                time.sleep(backoff * 2 ** (attempt - 1))
    else:
        raise DownloadError(f"{url}: gagal setelah {retries} percobaan ({last})")
    rejected = target.with_name(target.name + ".rejected")
    if sha256:
        actual = sha256_of(part)
        if actual != sha256:
            os.replace(part, rejected)
            raise ChecksumError(rejected, sha256, actual)
    if expect_pdf:
        # Without a known checksum this is the one check left: portals answer a moved file
        # with an HTML page and status 200.
        with part.open("rb") as fh:
            head = fh.read(1024)
        if b"%PDF-" not in head:
            os.replace(part, rejected)
            raise ChecksumError(rejected, sha256, "", f"{target.name}: yang diterima bukan berkas PDF (mungkin halaman HTML)")
    os.replace(part, target)
    return target


class _Permanent(Exception):
    """Retrying will not help (404, 403, ...)."""


class _Incomplete(Exception):
    """The server closed the connection before the announced length."""


def _transfer(url: str, part: Path, timeout: float, progress: bool, name: str) -> None:
    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:
            # Range beyond the end: the .part is complete already (or stale); the checksum decides.
            return
        if exc.code in (408, 425, 429) or exc.code >= 500:
            raise OSError(f"HTTP {exc.code} {exc.reason}") from None
        raise _Permanent(f"HTTP {exc.code} {exc.reason}") from None
    with response:
        if have and response.status != 206:
            have = 0  # the server ignored Range: start over
        length = response.headers.get("Content-Length")
        expected = int(length) if length and length.isdigit() else None
        total = have + expected if expected is not None else None
        got = 0
        with part.open("ab" if have else "wb") as fh, tqdm(
            total=total, initial=have, unit="B", unit_scale=True, desc=name, file=sys.stderr,
            disable=not progress, leave=False,
        ) as bar:
            while True:
                try:
                    block = response.read(CHUNK)
                except http.client.IncompleteRead as exc:
                    fh.write(exc.partial)
                    raise _Incomplete(f"koneksi terputus setelah {have + got + len(exc.partial)} byte") from None
                if not block:
                    break
                fh.write(block)
                got += len(block)
                bar.update(len(block))
        if expected is not None and got < expected:
            raise _Incomplete(f"koneksi terputus setelah {have + got} dari {total} byte")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.URLError):
        return f"tidak tersambung: {exc.reason}"
    if isinstance(exc, TimeoutError):
        return "waktu habis"
    return str(exc) or type(exc).__name__
