"""Golden sets in CSV and JSONL: column mapping, messy spreadsheets, and the same metrics as
the equivalent YAML set (on a small scripted system here; on the real index in
test_eval_command.py)."""

from __future__ import annotations

import pytest

from evals.citations import resolve_set
from evals.golden import GoldenError
from evals.run import run_eval
from evals.sources import load_set, parse_mapping, structured_citation
from tests.fixtures.golden_sets import (
    ANSWERS, QUESTIONS, UNITS, UNRESOLVED, comparable, messy_csv_set, scripted_system, write_all,
)  # fmt: skip

@pytest.fixture(scope="module")
def sets(tmp_path_factory):
    return write_all(tmp_path_factory.mktemp("sets"), ANSWERS)


def test_every_format_gives_the_metrics_of_the_yaml_set(sets, manifest):
    reports = {}
    for name, path in sets.items():
        golden = resolve_set(load_set(path), set(UNITS), manifest, unknown_docs="abstain")
        reports[name] = run_eval(golden, scripted_system(), progress=False)
    yaml_summary = comparable(reports["yaml"]["summary"])
    overall = yaml_summary["overall"]
    # Hand-checked on the YAML set: 7 questions, 2 to abstain on (pajak; Perbawaslu, not in the corpus).
    assert overall["questions"] == 7
    assert overall["answer_hit"] == pytest.approx(3 / 5)  # q-angka cites Pasal 13, q-pejabat Pasal 70
    assert overall["exact_match"] == pytest.approx(1 / 3)  # q-sedang matches after normalisation
    assert overall["abstention_precision"] == 1.0 and overall["abstention_recall"] == pytest.approx(1 / 2)
    assert yaml_summary["documents"]["perbawaslu 6 2018"]["abstention_recall"] == 1.0
    assert yaml_summary["splits"]["heldout"]["questions"] == 3
    assert set(yaml_summary["granularities"]) == {"ayat", "huruf/angka"}
    for name in ("csv", "messy", "jsonl"):
        assert comparable(reports[name]["summary"]) == yaml_summary, name
        per_question = {q["question"].casefold(): q["answer"]["metrics"] for q in reports[name]["questions"]}
        assert per_question == {q["question"].casefold(): q["answer"]["metrics"] for q in reports["yaml"]["questions"]}


def test_messy_set_lists_what_it_did_not_run(sets, manifest):
    golden = resolve_set(load_set(sets["messy"]), set(UNITS), manifest, unknown_docs="abstain")
    aside = {r["where"]: r["reason"] for r in golden.set_aside}
    assert aside["baris 6"] == "pertanyaan kosong"
    assert aside["baris 4 (row-4)"].startswith("pertanyaan ganda dari baris 2 (row-2)")
    assert f"'{UNRESOLVED}': Pasal 999 PP 94/2021 tidak ada di indeks (pp-94-2021/pasal-999)" in aside["baris 11 (row-11)"]
    problems = [f"{r['where']}: {r['reason']}" for r in golden.problems]
    assert "messy.csv: kolom diabaikan: No, Tanggal, Penyusun" in problems
    assert any(p.startswith("baris 9 (row-9): dokumen tidak ada di korpus: perbawaslu 6 2018") for p in problems)
    assert [q.id for q in golden.questions] == ["row-2", "row-3", "row-5", "row-7", "row-8", "row-9", "row-10"]


def test_unknown_documents_are_reported_unless_counted_as_abstentions(sets, manifest):
    golden = resolve_set(load_set(sets["csv"]), set(UNITS), manifest)  # default: report
    assert "q-perbawaslu" not in [q.id for q in golden.questions]
    [row] = [r for r in golden.set_aside if r["id"] == "q-perbawaslu"]
    assert "dokumen tidak ada di korpus: perbawaslu 6 2018" in row["reason"]
    assert "--unknown-docs abstain" in row["reason"]


def test_mapping_from_the_command_line_overrides_the_sidecar(tmp_path, manifest):
    path = messy_csv_set(tmp_path / "m.csv", ANSWERS)
    golden = load_set(path, parse_mapping("answer=Tanggal"))
    assert golden.questions[0].answer == "2026-11-30"
    assert golden.questions[0].question == QUESTIONS[0].question  # the rest still from the sidecar


@pytest.mark.parametrize(
    "mapping, complaint",
    [
        ("question=Soal", "kolom yang dipetakan tidak ada: question=Soal"),
        ("questoin=Pertanyaan", "field tidak dikenal ['questoin']"),
        ("question", "tulis field=Kolom"),
    ],
)
def test_bad_mappings_are_named(tmp_path, mapping, complaint):
    path = messy_csv_set(tmp_path / "m.csv", ANSWERS)
    with pytest.raises(GoldenError, match=complaint.replace("[", r"\[").replace("]", r"\]")):
        load_set(path, parse_mapping(mapping))


def test_no_question_column_asks_for_a_mapping(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("Soal,Jawaban\nx,y\n", encoding="utf-8")
    with pytest.raises(GoldenError, match="--map question=NamaKolom"):
        load_set(path)


@pytest.mark.parametrize(
    "row, complaint",
    [
        ("q,test,,", "split 'test'"),
        ("q,,mungkin,", "should_abstain 'mungkin'"),
        ("q,,,Pasal 8 PP 94/2021", "bukan id unit"),
    ],
)
def test_values_that_mean_nothing_stop_the_load_with_the_row(tmp_path, row, complaint):
    path = tmp_path / "s.csv"
    path.write_text(f"question,split,should_abstain,expected\nfine,tune,,\n{row}\n", encoding="utf-8")
    with pytest.raises(GoldenError, match=f"baris 3: .*{complaint}"):
        load_set(path)


def test_same_id_on_two_questions_is_an_error(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "a", "question": "x"}\n{"id": "a", "question": "y"}\n', encoding="utf-8")
    with pytest.raises(GoldenError, match="id 'a' dipakai dua kali"):
        load_set(path)


def test_bad_json_line_is_named(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"question": "x"}\n{"question": \n', encoding="utf-8")
    with pytest.raises(GoldenError, match="baris 2: bukan JSON"):
        load_set(path)


def test_unknown_format_and_mapping_for_yaml_are_refused(tmp_path):
    with pytest.raises(GoldenError, match="format tidak dikenal"):
        load_set(tmp_path / "set.xlsx")
    with pytest.raises(GoldenError, match="hanya berlaku untuk berkas CSV"):
        load_set(None, {"question": "Q"})


def test_citation_columns_become_one_citation_string():
    assert structured_citation("PP 94/2021", "8", "3", "") == "Pasal 8 ayat (3) PP 94/2021"
    assert structured_citation("UU 5/2014", "Pasal 87", "(4)", "c") == "Pasal 87 ayat (4) huruf c UU 5/2014"
    assert structured_citation("PP 94/2021", "5", "", "", huruf="n", angka="2") == "Pasal 5 huruf n angka 2 PP 94/2021"
    assert structured_citation("PP 94/2021", "1", "", "6") == "Pasal 1 angka 6 PP 94/2021"
    assert structured_citation("PP 94/2021", "", "3", "a") == ""


# ------------------------------------------------------------------ on the real index


@pytest.fixture(scope="module")
def real_system(full_data, manifest):
    """The real retriever and answer engine over the full mirror index. Calls are memoised per
    question: the system is deterministic, and each format asks the same questions."""
    import functools

    from qa.answering import answer
    from qa.retrieval import Retriever

    retriever = Retriever(root=full_data / "index", manifest=manifest)
    units = retriever.units()
    retrieve = functools.cache(lambda q, k, mode: retriever.retrieve(q, k=k, mode=mode))
    ask = functools.cache(lambda q, engine: answer(q, retriever=retriever, engine=engine))
    from evals.run import System

    return System(retrieve=retrieve, answer=ask, units={uid: u.text for uid, u in units.items()})


def test_every_format_gives_the_yaml_metrics_on_the_real_index(real_system, manifest, tmp_path):
    units = real_system.units
    # Golden texts as a spreadsheet holds them: copied from the regulation with the ayat's
    # enumerator, or shortened.
    answers = {
        "q-sedang": "(3) " + units["pp-94-2021/pasal-8/ayat-3"],
        "q-huruf": units["uu-5-2014/pasal-87/ayat-4/huruf-c"].rstrip(";."),
        "q-pejabat": "(1) " + units["uu-1-2015/pasal-71/ayat-1"],
    }
    sets = write_all(tmp_path, answers)
    reports = {}
    for name, path in sets.items():
        golden = resolve_set(load_set(path), set(units), manifest, unknown_docs="abstain")
        reports[name] = run_eval(golden, real_system, progress=False)
    yaml_summary = comparable(reports["yaml"]["summary"])
    assert yaml_summary["overall"]["questions"] == 7
    assert reports["yaml"]["index"]["missing_expected"] == {}  # every expected id is in the index
    for name in ("csv", "messy", "jsonl"):
        assert comparable(reports[name]["summary"]) == yaml_summary, name
    q = {r["id"]: r["answer"] for r in reports["yaml"]["questions"]}
    # The provision asked for is cited first and its copied text matches, enumerator aside.
    assert q["q-pejabat"]["cited"][0] == "uu-1-2015/pasal-71/ayat-1"
    assert q["q-pejabat"]["metrics"]["exact_match"] == 1.0 and q["q-pejabat"]["metrics"]["granularity"] == 1.0
    # The citation strings resolved to the real units: "huruf" and "angka" questions are hits.
    assert q["q-huruf"]["metrics"]["answer_hit"] == q["q-angka"]["metrics"]["answer_hit"] == 1.0
    assert q["q-pajak"]["abstained"] is True
    messy = resolve_set(load_set(sets["messy"]), set(units), manifest, unknown_docs="abstain")
    assert any("pasal-999" in r["reason"] for r in messy.set_aside)
