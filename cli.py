"""The ``rujukan`` command: one entry point, each package brings its own subcommands.

Each package's ``commands`` module adds parsers whose ``func`` default takes the parsed
arguments and the :class:`~corpus.settings.Settings` and returns an exit code. Commands that
span layers live in the higher one: ``rujukan ingest`` (units, then the index) in
``qa.commands``, ``rujukan corpus status`` (files, then what ingest stored) in
``ingest.commands``. The environment is read here, once, and nowhere below. Heavy imports
stay inside the command functions so that ``rujukan --help`` is instant.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

import corpus.commands
import evals.commands
import ingest.commands
import qa.commands
import qa.index
import qa.kajian_commands
from corpus.settings import Settings, SettingsError

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rujukan",
        description=(
            "Rujukan: a legal knowledge base with retrieval QA for Indonesian election "
            "supervision. Typical use: 'rujukan corpus fetch --mirror DIR', 'rujukan ingest', "
            "'rujukan ask \"asn boleh ikut kampanye?\"'."
        ),
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
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


if __name__ == "__main__":
    sys.exit(main())
