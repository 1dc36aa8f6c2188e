"""The ``rujukan`` command: one entry point, each package brings its own subcommands.

Each package's ``commands`` module adds parsers whose ``func`` default takes the parsed
arguments and the :class:`~corpus.settings.Settings` and returns an exit code. Commands that
span layers live in the higher one: ``rujukan ingest`` (units, then the index) in
``qa.commands``, ``rujukan corpus status`` (files, then what ingest stored) in
``ingest.commands``. The environment is read here, once, and nowhere below. Imports are
static; only the heavy third-party libraries (Chroma, llama-index) wait for the command that
needs them, so that ``rujukan --help`` stays quick (tests/test_imports.py).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Iterator

import corpus.commands
import evals.commands
import ingest.commands
import qa.commands
import qa.index
import qa.kajian_commands
from corpus.settings import Settings, SettingsError

# argparse's own words (headings, the -h help, its errors) in Indonesian. argparse looks each one
# up through gettext when it writes it, so they are swapped in while a command runs
# (see _indonesian_argparse), and only then.
_ARGPARSE = {
    "usage: ": "pemakaian: ",
    "positional arguments": "argumen",
    "options": "opsi",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan tidak sah: %(value)r (pilih dari %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "expected one argument": "perlu satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "expected at least one argument": "perlu sedikitnya satu nilai",
    "ambiguous option: %(option)s could match %(matches)s": "opsi %(option)s tidak jelas: bisa %(matches)s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "one of the arguments %s is required": "salah satu argumen ini wajib diisi: %s",
    "can't open '%(filename)s': %(error)s": "tidak dapat membuka '%(filename)s': %(error)s",
}


@contextlib.contextmanager
def _indonesian_argparse() -> Iterator[None]:
    english = argparse._
    argparse._ = lambda message: _ARGPARSE.get(message) or english(message)
    try:
        yield
    finally:
        argparse._ = english


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rujukan",
        description=(
            "Rujukan: basis pengetahuan hukum pengawasan pemilu dengan tanya-jawab berdasarkan kutipan "
            "pasal. Pemakaian biasa: 'rujukan corpus fetch --mirror FOLDER', 'rujukan ingest', "
            "'rujukan ask \"asn boleh ikut kampanye?\"'. Bantuan tiap perintah: 'rujukan PERINTAH -h'."
        ),
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="catat rincian proses ke stderr (log)")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    corpus_sub = corpus.commands.register(sub)  # corpus fetch
    ingest.commands.register_corpus_status(  # corpus status, counting the units of the serving index
        corpus_sub, lambda settings: qa.index.serving_counts(settings.index_dir)
    )
    qa.commands.register(sub)  # ingest, search, ask, show
    qa.kajian_commands.register(sub)  # kajian
    evals.commands.register(sub)  # eval, bench
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        try:
            with _indonesian_argparse():
                return _run(argv)
        finally:
            sys.stdout.flush()  # a closed pipe shows here, not as a traceback at interpreter exit
    except BrokenPipeError:
        # The reader went away (`rujukan search ... | head -1`): stop quietly, as Unix tools do.
        # Python flushes stdout once more at exit; pointing it at devnull keeps that one quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + 13  # killed by SIGPIPE, by the shell's convention


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        settings = Settings.from_env(os.environ)
    except SettingsError as exc:
        print(f"pengaturan tidak dapat dipakai: {exc}", file=sys.stderr)
        return 2
    try:
        return int(args.func(args, settings) or 0)
    except KeyboardInterrupt:
        print("dibatalkan", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise  # the reader went away: main() ends quietly
    except Exception as exc:  # noqa: BLE001 - a bug must still end in words the user can act on
        logging.getLogger("rujukan").info("command failed", exc_info=True)
        print(f"gagal karena kesalahan sistem ({type(exc).__name__}: {exc}); "
              "jalankan lagi dengan `rujukan -v ...` untuk rinciannya", file=sys.stderr)  # fmt: skip
        return 1


if __name__ == "__main__":
    sys.exit(main())
