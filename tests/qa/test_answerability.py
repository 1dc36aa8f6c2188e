"""The answer-or-abstain signals and the calibrated model that combines them."""

from __future__ import annotations

import math

import pytest

from ingest.model import Unit
from qa.answerability import (
    CALIBRATION_FILE,
    FEATURES,
    Calibration,
    DomainModel,
    Signals,
    lead_ins_of,
    load_calibration,
    signals,
)
from qa.graph import Graph
from qa.model import Hit


def _hit(text: str, similarity: float, retrievers: list[str]) -> Hit:
    unit = Unit("uu-91-2091/pasal-1", "uu-91-2091", "pasal", "1", "Pasal 1", "Pasal 1 UU 91/2091", text)
    return Hit(unit, 0.01, retrievers, similarity=similarity)


def test_signals_of_the_first_hits():
    hits = [
        _hit("Pegawai dilarang menjadi anggota partai politik.", 0.84, ["dense"]),
        _hit("Pegawai wajib netral dalam pemilihan.", 0.88, ["dense", "bm25"]),
        _hit("Tidak terkait sama sekali.", 0.80, ["bm25"]),
        _hit("Pegawai partai politik netral anggota", 0.99, ["dense", "bm25"]),  # beyond the first three
    ]
    # Of 100 units, "politik" is used by 1, "boleh" by none, the other words by 50 each.
    frequencies = {"pegawai": 50, "jadi": 50, "anggota": 50, "partai": 50, "politik": 1}
    found = signals("apakah pegawai boleh jadi anggota partai politik", hits, frequencies, 100)
    assert found.similarity == 0.88
    # Content words as BM25 sees them (stemmed, no stopwords): pegawai, boleh, jadi, anggota,
    # partai, politik; the first hit ("menjadi" stems to "jadi") holds all but "boleh", which
    # no unit uses: it weighs most, so the coverage falls well below 5/6.
    idf = {w: math.log(101 / (f + 0.5)) for w, f in (frequencies | {"boleh": 0}).items()}
    assert found.coverage == pytest.approx(1 - idf["boleh"] / sum(idf.values()))
    assert found.unknown == pytest.approx(1 / 6)
    assert found.agreement == pytest.approx(1 / 3)


def test_no_hits_no_support():
    assert signals("apa saja", [], {}, 0) == Signals(0.0, 0.0, 1.0, 0.0)


def test_the_model_is_a_logistic_threshold():
    model = Calibration(weights=(10.0, 0.0, 0.0, 0.0, 0.0), bias=-8.6, threshold=0.5)
    assert model.answerable(Signals(0.87, 0, 0, 0))
    assert not model.answerable(Signals(0.85, 0, 0, 0))
    assert model.probability(Signals(0.86, 0, 0, 0)) == pytest.approx(0.5)


def test_calibration_round_trip_and_feature_check():
    model = Calibration((1.0, 2.0, 3.0, 4.0, 0.0), -1.5, 0.42, "test")
    assert Calibration.from_dict(model.to_dict()) == model
    with_domain = Calibration((1.0, 0.0, 0.0, 0.0, 2.0), -1.5, 0.42, "test", DomainModel((0.5, -0.5), 0.25))
    assert Calibration.from_dict(with_domain.to_dict()) == with_domain
    with pytest.raises(ValueError, match="domain model"):
        Calibration.from_dict(with_domain.to_dict() | {"domain": None})
    bad = model.to_dict() | {"features": ["similarity"]}
    with pytest.raises(ValueError, match="differ"):
        Calibration.from_dict(bad)


def test_the_shipped_calibration_loads_and_says_what_it_was_fitted_on():
    model = load_calibration(CALIBRATION_FILE)
    assert len(model.weights) == len(FEATURES)
    assert "tune" in model.fitted_on
    assert 0.0 < model.threshold < 1.0


def test_the_domain_signal_reads_the_direction_of_the_question_embedding():
    domain = DomainModel((3.0, -3.0), 0.5)
    # The vector's length does not matter: embeddings are compared by direction.
    assert domain.score([2.0, 0.0]) == pytest.approx(3.5)
    assert domain.score([0.0, 0.1]) == pytest.approx(-2.5)
    hits = [_hit("Pegawai wajib netral.", 0.85, ["dense"])]
    assert signals("pegawai netral", hits, {}, 1, vector=[1.0, 0.0], domain=domain).domain == pytest.approx(3.5)
    # Without hits the question is still scored: an empty ranking is no reason to skip it.
    assert signals("pajak", [], {}, 0, vector=[0.0, 1.0], domain=domain).domain == pytest.approx(-2.5)
    # Not needed, no embedding or no model: 0.0.
    assert signals("pegawai netral", hits, {}, 1, needed=("similarity",), vector=[1.0, 0.0], domain=domain).domain == 0.0
    assert signals("pegawai netral", hits, {}, 1, domain=domain).domain == 0.0


def test_the_shipped_calibration_weighs_a_domain_model_of_the_embedding_size():
    from qa.embedding import DIM

    model = load_calibration(CALIBRATION_FILE)
    if model.weights[FEATURES.index("domain")]:
        assert model.domain is not None and len(model.domain.weights) == DIM


def test_a_list_item_covers_the_question_with_the_lead_ins_above_it():
    # "Apa saja kewajiban pegawai ASN?" is answered by items of "Pegawai ASN wajib:", whose own
    # words say nothing of a duty.
    pasal = Unit("uu-91-2091/pasal-23", "uu-91-2091", "pasal", "23", "Pasal 23", "Pasal 23 UU 91/2091",
                 "Pegawai ASN wajib: a. setia kepada Pancasila; b. bersedia ditempatkan di seluruh wilayah.",
                 order=1)  # fmt: skip
    items = [
        Unit(f"uu-91-2091/pasal-23/huruf-{m}", "uu-91-2091", "huruf", m, f"huruf {m}", f"Pasal 23 huruf {m}", text,
             parent_id="uu-91-2091/pasal-23", order=i)  # fmt: skip
        for i, (m, text) in enumerate([("a", "setia kepada Pancasila;"), ("b", "bersedia ditempatkan di seluruh wilayah.")], 2)
    ]
    graph = Graph.build([pasal, *items])
    hits = [Hit(items[1], 0.01, ["dense", "bm25"], similarity=0.9)]
    frequencies = {"wajib": 3, "pegawai": 3, "asn": 3}
    assert signals("kewajiban pegawai asn", hits, frequencies, 3).coverage == 0.0
    assert signals("kewajiban pegawai asn", hits, frequencies, 3, lead_ins=lead_ins_of(graph)).coverage == 1.0
    # A Pasal has no lead-in: its own text is read as before.
    assert lead_ins_of(graph)(pasal) == ""
