"""The kajian rules file: shape checks (unit tier) and its agreement with the real index."""

from __future__ import annotations

import pytest
import yaml

from corpus import ids
from ingest.model import Unit
from qa.kajian_rules import RULES_FILE, RulesError, check_against, load_rules, parse_rules


def _raw():
    return yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))


def test_shipped_rules_parse_and_name_known_acts_and_subjects():
    rules = load_rules()
    assert {"camat_lurah", "kepala_desa", "pns", "pppk", "tni_polri", "kepala_daerah"} <= set(rules.subjects)
    assert rules.closure(["camat_lurah"]) >= {"pns", "asn", "pejabat_asn"}
    assert "asn" not in rules.closure(["kepala_desa"])
    assert rules.subjects["asn"].read_as == "pns"
    assert any(p.unit == "uu-1-2015/pasal-71/ayat-2" for p in rules.provisions)


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda r: r["provisions"][0].update(acts=["terbang"]), "perbuatan tidak dikenal: 'terbang'"),
        (lambda r: r["provisions"][0].update(unit="bukan id/!!"), "bukan id unit"),
        (lambda r: r["acts"][0].update(patterns=["(tak tertutup"]), "bukan regex yang sah"),
        (lambda r: r["provisions"][0].update(sanksi=[]), "kunci tidak dikenal ['sanksi']"),
        (lambda r: r["provisions"][0]["elements"][0].update(unsur="niat"), "unsur tidak dikenal: 'niat'"),
        (lambda r: r["subjects"][0].update(read_as="honorer"), "read_as: subjek tidak dikenal: honorer"),
    ],
)
def test_malformed_rules_are_refused_by_name(edit, message):
    raw = _raw()
    edit(raw)
    with pytest.raises(RulesError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[").replace("]", r"\]")):
        parse_rules(raw)


def _unit(uid: str, text: str) -> Unit:
    return Unit(id=uid, doc_id=ids.doc_of(uid), kind="angka", number="1", label=uid, short_label=uid, text=text)


def test_a_unit_missing_from_an_indexed_document_is_an_error_and_an_absent_document_a_gap():
    rules = parse_rules(_raw())
    with pytest.raises(RulesError, match="unit ini tidak ada di indeks"):
        check_against(rules, {"pp-94-2021/pasal-99": _unit("pp-94-2021/pasal-99", "x")})
    checked = check_against(parse_rules(_raw()), {"lain-1-2000/pasal-1": _unit("lain-1-2000/pasal-1", "x")})
    assert "uu-7-2017" in checked.absent and "pp-94-2021" in checked.absent


def test_an_element_quote_not_in_the_provision_is_refused(full_data):
    from qa.kajian import load_index_units

    units = load_index_units(full_data / "index")
    raw = _raw()
    raw["provisions"][0]["elements"][1]["kutipan"] = "ikut kampanye daring"
    with pytest.raises(RulesError, match="tidak ada di teks ketentuannya"):
        check_against(parse_rules(raw), units)


def test_shipped_rules_agree_with_the_real_index(full_data, manifest):
    from qa.kajian import load_index_units

    rules = load_rules(load_index_units(full_data / "index"), manifest)
    assert set(rules.absent) <= {"uu-7-2017"}  # the only rules document an index may lack
