"""``rujukan kajian``: an incident report in, a kajian out (text or JSON)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpus.manifest import load_manifest
from corpus.settings import Settings
from qa.kajian import EmptyReport, analyse, load_index_units, to_json, to_text
from qa.kajian_rules import RulesError
from qa.retrieval import IndexNotBuilt


def register(subparsers: argparse._SubParsersAction) -> None:
    kajian = subparsers.add_parser(
        "kajian",
        help="kajian awal sebuah laporan dugaan pelanggaran: subjek, ketentuan, unsur, sanksi, celah",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Kaji uraian kejadian sebagaimana kajian awal Bawaslu dimulai: status hukum subjek (PNS, "
            "PPPK, camat, kepala desa, TNI/Polri, kepala daerah, paslon, tim kampanye) beserta kata "
            "yang mendukungnya; Pemilu atau Pilkada; perbuatannya; untuk tiap perbuatan, larangan di "
            "korpus dikutip apa adanya dan tiap unsurnya ditandai 'terpenuhi menurut uraian', 'tidak "
            "disebut' atau 'bertentangan'; sanksi yang merujuknya (disiplin, pidana, administratif); "
            "pihak yang berwenang; dan aturan yang tidak ada di korpus. Setiap kutipan diperiksa "
            "terhadap indeks; hasilnya bukan putusan.\n\n"
            "Pemetaan kata ke ketentuan ada di qa/kajian_rules.yaml.\n\n"
            "Contoh:\n"
            "  rujukan kajian \"Camat X hadir di deklarasi pasangan calon bupati memakai seragam dinas\"\n"
            "  rujukan kajian --file laporan.txt --json\n"
            "  cat laporan.txt | rujukan kajian -\n\n"
            "Kunci JSON: uraian, subjek {id,label,kata}, subjek_asn, pihak_lain, dasar_status, pemilihan "
            "(pemilu|pilkada|tidak jelas), pemilihan_kata, perbuatan, perbuatan_dibantah, ketentuan "
            "[{unit_id,label,short_label,pengantar,text,page,status,perbuatan,unsur[{unsur,kutipan,"
            "status,kata}],sanksi[{jenis,unit_id,...}]}], pihak_berwenang, celah [{id,dokumen,catatan}], "
            "pertanyaan_terbuka, peringatan, elapsed_ms."
        ),
    )
    kajian.add_argument("uraian", nargs="?", help="uraian kejadian, atau - untuk membaca dari stdin")
    kajian.add_argument("--file", type=Path, metavar="BERKAS", help="baca uraian dari berkas teks (UTF-8)")
    kajian.add_argument("--json", action="store_true", help="keluaran JSON")
    kajian.set_defaults(func=run_kajian)


def _report(args: argparse.Namespace) -> str | None:
    if args.file and args.uraian:
        print("gagal: berikan uraian sebagai argumen atau --file, tidak keduanya", file=sys.stderr)
        return None
    if args.file:
        try:
            return args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"gagal: berkas {args.file} tidak dapat dibaca ({type(exc).__name__})", file=sys.stderr)
            return None
    if args.uraian == "-":
        return sys.stdin.read()
    if args.uraian is None:
        print("gagal: tuliskan uraian kejadian, --file BERKAS, atau - untuk stdin "
              "(lihat 'rujukan kajian --help')", file=sys.stderr)  # fmt: skip
        return None
    return args.uraian


def run_kajian(args: argparse.Namespace, settings: Settings) -> int:
    report = _report(args)
    if report is None:
        return 2
    try:
        units = load_index_units(settings.index_dir)
        result = analyse(report, units, load_manifest(settings.manifest_path))
    except EmptyReport as exc:
        print(f"gagal: {exc}", file=sys.stderr)
        return 2
    except (IndexNotBuilt, RulesError) as exc:
        print(f"gagal: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(to_json(result), ensure_ascii=False, indent=2))
    else:
        print(to_text(result))
    return 0
