"""Unit ids as values: every shape the parsers produce parses, formats back, and answers
questions about its Pasal, parents and scopes the same way everywhere."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import ids
from corpus.ids import SINGLETONS, InvalidUnitId, Step, UnitId
from ingest import store

# Every shape of id the parsers write (law, Penjelasan, Penetapan, amending law, decree, letter).
SHAPES = [
    "uu-5-2014/pasal-87",
    "uu-5-2014/pasal-87/ayat-4/huruf-c",
    "pp-94-2021/pasal-5/huruf-n/angka-2",
    "uu-10-2016/pasal-7A",
    "uu-5-2014/penjelasan/pasal-2/huruf-f",
    "uu-5-2014/penjelasan-umum",
    "uu-5-2014/menimbang/huruf-a",
    "uu-5-2014/mengingat/angka-1",
    "uu-10-2016/pasal-I",
    "uu-10-2016/pasal-I/angka-26",
    "uu-10-2016/pasal-II",
    "uu-10-2016/penjelasan/pasal-I/angka-26",
    "uu-1-2015/penetapan/pasal-1",
    "uu-1-2015/penetapan/penjelasan/pasal-I",
    "uu-1-2015/penetapan/menimbang/huruf-a",
    "skb-2-2022/diktum-ketiga",
    "skb-2-2022/diktum-kedua/huruf-a",
    "skb-2-2022/lampiran/bab-ii",
    "skb-2-2022/lampiran/bab-ii/huruf-b/angka-3",
    "skb-2-2022/lampiran/bab-iii/huruf-a/angka-1/huruf-b/angka-3",
    "skb-2-2022/lampiran/bab-ii/tabel-1/baris-3",
    "se-walikota-dumai-800-873-bkpsdm-2023/kepala",
    "se-walikota-dumai-800-873-bkpsdm-2023/angka-2/huruf-b",
    "surat-mendagri-netralitas-asn/huruf-d/angka-4",
    "pp-42-2004/pasal-1/ayat-3_2",  # a repeated id kept by the law parser
    "skb-2-2022/diktum-kedua~2",  # ... and by the decree parser
    "uu-5-2014/menimbang_2",
    "uu-5-2014",  # the document itself
]


@pytest.mark.parametrize("text", SHAPES)
def test_every_shape_round_trips(text):
    uid = UnitId.parse(text)
    assert str(uid) == text
    assert UnitId.parse(str(uid)) == uid


def test_parts():
    uid = UnitId.parse("uu-5-2014/pasal-87/ayat-4/huruf-c")
    assert uid.doc == "uu-5-2014"
    assert uid.steps == (("pasal", "87"), ("ayat", "4"), ("huruf", "c"))
    assert (uid.kind, uid.number, uid.depth) == ("huruf", "c", 3)
    assert str(uid.root) == "uu-5-2014" and uid.root.is_document and not uid.is_document
    assert UnitId("uu-5-2014", [("pasal", "87"), ("ayat", "4"), ("huruf", "c")]) == uid  # plain pairs accepted
    assert str(UnitId("uu-5-2014").child("pasal", "87").child("ayat", "4")) == "uu-5-2014/pasal-87/ayat-4"
    assert str(UnitId("uu-5-2014").join([("penjelasan", ""), ("pasal", "2")])) == "uu-5-2014/penjelasan/pasal-2"
    assert ids.unit_id("uu-5-2014", [("penjelasan-umum", "")]) == "uu-5-2014/penjelasan-umum"
    assert uid.relative_to(UnitId.parse("uu-5-2014/pasal-87")) == (("ayat", "4"), ("huruf", "c"))
    with pytest.raises(ValueError):
        uid.relative_to(UnitId.parse("uu-5-2014/pasal-8"))


def test_parent_and_ancestors():
    uid = UnitId.parse("pp-94-2021/pasal-5/huruf-n/angka-2")
    assert str(uid.parent) == "pp-94-2021/pasal-5/huruf-n"
    assert [str(a) for a in uid.ancestors] == ["pp-94-2021/pasal-5/huruf-n", "pp-94-2021/pasal-5"]
    assert str(UnitId.parse("pp-94-2021/pasal-5").parent) == "pp-94-2021"
    assert UnitId.parse("pp-94-2021/pasal-5").ancestors == ()
    assert UnitId.parse("pp-94-2021").parent is None


@pytest.mark.parametrize(
    ("text", "pasal"),
    [
        ("uu-5-2014/pasal-87/ayat-4/huruf-c", "uu-5-2014/pasal-87"),
        ("uu-5-2014/pasal-87", "uu-5-2014/pasal-87"),
        ("uu-5-2014/penjelasan/pasal-2/huruf-f", "uu-5-2014/penjelasan/pasal-2"),
        ("uu-5-2014/penjelasan-umum", "uu-5-2014/penjelasan-umum"),
        ("uu-5-2014/menimbang/huruf-a", "uu-5-2014/menimbang"),
        ("uu-10-2016/pasal-I/angka-26", "uu-10-2016/pasal-I"),
        ("uu-1-2015/penetapan/pasal-1/ayat-2", "uu-1-2015/penetapan/pasal-1"),
        ("uu-1-2015/penetapan/penjelasan/pasal-1", "uu-1-2015/penetapan/penjelasan/pasal-1"),
        ("skb-2-2022/diktum-kedua/huruf-a", "skb-2-2022/diktum-kedua"),
        # A Lampiran chapter holds lettered points the way a law holds Pasal: two points of
        # one chapter are two provisions, not one (references between them must be kept).
        ("skb-2-2022/lampiran/bab-ii/huruf-b/angka-3", "skb-2-2022/lampiran/bab-ii/huruf-b"),
        ("skb-2-2022/lampiran/bab-ii/huruf-c", "skb-2-2022/lampiran/bab-ii/huruf-c"),
        ("skb-2-2022/lampiran/bab-ii/tabel-1/baris-3", "skb-2-2022/lampiran/bab-ii/tabel-1"),
        ("skb-2-2022/lampiran/bab-iv", "skb-2-2022/lampiran/bab-iv"),
        ("se-x-2023/angka-2/huruf-b", "se-x-2023/angka-2"),
        ("se-x-2023/kepala", "se-x-2023/kepala"),
    ],
)
def test_pasal(text, pasal):
    assert str(UnitId.parse(text).pasal) == pasal
    assert ids.pasal_of(text) == pasal


def test_skb_lampiran_points_are_different_provisions():
    b = UnitId.parse("skb-2-2022/lampiran/bab-ii/huruf-b/angka-3")
    c = UnitId.parse("skb-2-2022/lampiran/bab-ii/huruf-c")
    assert b.pasal != c.pasal


def test_contains_and_nested():
    pasal = UnitId.parse("uu-5-2014/pasal-87")
    huruf = UnitId.parse("uu-5-2014/pasal-87/ayat-4/huruf-c")
    assert pasal.contains(huruf) and pasal.contains(pasal) and not huruf.contains(pasal)
    assert pasal.nested(huruf) and huruf.nested(pasal)
    # Pasal 8 is not a prefix-parent of Pasal 87, and another document never nests.
    assert not UnitId.parse("uu-5-2014/pasal-8").contains(huruf)
    assert not UnitId.parse("uu-5-2014/pasal-8").nested(pasal)
    assert not UnitId.parse("uu-20-2023/pasal-87").nested(pasal)
    assert UnitId("uu-5-2014").contains(huruf)
    assert ids.nested("uu-5-2014/pasal-87", "uu-5-2014/pasal-87/ayat-4")
    assert not ids.nested("uu-5-2014/pasal-87", "uu-5-2014/pasal-88")
    assert ids.contains("uu-5-2014/pasal-87", "uu-5-2014/pasal-87/ayat-4")
    assert not ids.contains("uu-5-2014/pasal-87/ayat-4", "uu-5-2014/pasal-87")


def test_penjelasan_body_and_explanation():
    pj = UnitId.parse("uu-5-2014/penjelasan/pasal-2/huruf-f")
    assert pj.is_penjelasan and str(pj.body) == "uu-5-2014/pasal-2/huruf-f"
    assert str(pj.body.explanation) == str(pj) and pj.explanation == pj
    assert UnitId.parse("uu-5-2014/penjelasan-umum").is_penjelasan
    assert not UnitId.parse("uu-5-2014/pasal-2").is_penjelasan
    penetapan = UnitId.parse("uu-1-2015/penetapan/pasal-I")
    assert str(penetapan.explanation) == "uu-1-2015/penetapan/penjelasan/pasal-I"
    assert penetapan.explanation.body == penetapan
    assert penetapan.in_penetapan and not UnitId.parse("uu-1-2015/pasal-70").in_penetapan
    assert str(penetapan.scope) == "uu-1-2015/penetapan"
    assert str(UnitId.parse("uu-1-2015/pasal-70/ayat-1").scope) == "uu-1-2015"


def test_up_to():
    point = UnitId.parse("skb-2-2022/lampiran/bab-ii/huruf-b/angka-3")
    assert str(point.up_to("bab")) == "skb-2-2022/lampiran/bab-ii"
    assert str(point.up_to("huruf")) == "skb-2-2022/lampiran/bab-ii/huruf-b"
    assert point.up_to("diktum") is None


def test_scopes():
    assert UnitId.parse("skb-2-2022/lampiran/bab-ii/huruf-b").in_lampiran
    assert not UnitId.parse("skb-2-2022/diktum-kesatu").in_lampiran
    assert UnitId.parse("uu-5-2014/menimbang/huruf-a").in_preamble
    assert UnitId.parse("uu-5-2014/mengingat").in_preamble
    assert not UnitId.parse("uu-5-2014/pasal-1").in_preamble


def test_amending_articles():
    change = UnitId.parse("uu-10-2016/pasal-I/angka-26")
    assert change.in_amending_article and change.in_amending_change
    article = UnitId.parse("uu-10-2016/pasal-I")
    assert article.in_amending_article and not article.in_amending_change
    assert UnitId.parse("uu-10-2016/pasal-II").in_amending_article
    assert not UnitId.parse("uu-10-2016/pasal-II/ayat-1").in_amending_change  # Pasal II lists no changes
    assert UnitId.parse("uu-10-2016/penjelasan/pasal-I/angka-2").in_amending_change
    assert UnitId.parse("uu-1-2015/penetapan/pasal-I/angka-2").in_amending_change
    # Pasal 1 is Arabic, and "pasal-7A" is not a Roman numeral.
    assert not UnitId.parse("uu-1-2015/pasal-1/ayat-2").in_amending_article
    assert not UnitId.parse("uu-10-2016/pasal-7A/ayat-1").in_amending_article


@pytest.mark.parametrize(
    "text",
    [
        "",
        "/pasal-1",
        "uu-5-2014/",
        "uu-5-2014//pasal-1",
        "uu-5-2014/pasal-",
        "uu-5-2014/Pasal-1",
        "uu-5-2014/pasal 1",
        "uu 5 2014/pasal-1",
        "uu-5-2014/penjelasan-2",  # the Penjelasan takes no number
        "uu-5-2014/menimbang-a",
        "uu-5-2014/pasal-1/",
        "uu-5-2014/pasal-_2",
        "uu-5-2014/-1",
    ],
)
def test_rejects_what_is_not_an_id(text):
    with pytest.raises(InvalidUnitId, match="unit id|document id"):
        UnitId.parse(text)
    assert not UnitId.is_valid(text)


def test_rejects_bad_steps():
    with pytest.raises(InvalidUnitId):
        UnitId("uu-5-2014", [("penjelasan", "2")])
    with pytest.raises(InvalidUnitId):
        UnitId("uu-5-2014", [("pasal", "8/7")])
    with pytest.raises(InvalidUnitId):
        UnitId("uu/5", [])
    with pytest.raises(InvalidUnitId):
        UnitId.parse(None)  # type: ignore[arg-type]


# --- properties --------------------------------------------------------------------------------

doc_ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
numbers = st.from_regex(r"[0-9A-Za-z][0-9A-Za-z.-]{0,6}(?:[_~][0-9]{1,2})?", fullmatch=True)
numbered = st.builds(Step, st.sampled_from(["pasal", "ayat", "huruf", "angka", "diktum", "bab", "tabel", "baris"]), numbers)
singleton = st.builds(Step, st.sampled_from(sorted(SINGLETONS)), st.sampled_from(["", "", "", "_2", "~3"]))
unit_ids = st.builds(UnitId, doc_ids, st.lists(numbered | singleton, max_size=6).map(tuple))


@settings(max_examples=300, deadline=None)
@given(unit_ids)
def test_format_then_parse_is_identity(uid):
    text = str(uid)
    assert UnitId.parse(text) == uid
    assert str(UnitId.parse(text)) == text


@settings(max_examples=200, deadline=None)
@given(unit_ids)
def test_structure_is_consistent(uid):
    # Every ancestor contains the id; the parent is the nearest; the Pasal is among them or itself.
    assert uid.root.contains(uid)
    for ancestor in uid.ancestors:
        assert ancestor.contains(uid) and not uid.contains(ancestor)
        assert str(uid).startswith(str(ancestor) + "/")
    if uid.ancestors:
        assert uid.ancestors[0] == uid.parent
    assert uid.pasal == uid or uid.pasal in uid.ancestors
    assert uid.pasal.pasal == uid.pasal
    assert uid.body.explanation.body == uid.body
    assert not uid.body.is_penjelasan or any(s.kind == "penjelasan-umum" for s in uid.steps)


@settings(max_examples=200, deadline=None)
@given(unit_ids, unit_ids)
def test_contains_agrees_with_the_id_text(a, b):
    # On the spelled-out ids, "contains" is "equal or a prefix up to a slash".
    text_a, text_b = str(a), str(b)
    assert a.contains(b) == (text_a == text_b or text_b.startswith(text_a + "/"))
    assert a.nested(b) == b.nested(a)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abpsl-/_~19IV ", max_size=20))
def test_parse_accepts_exactly_what_formats_back(text):
    try:
        uid = UnitId.parse(text)
    except InvalidUnitId:
        return
    assert str(uid) == text


def test_typed_ids_lose_stray_slashes_and_spaces():
    assert ids.typed("  /uu-5-2014/pasal-87/ ") == "uu-5-2014/pasal-87"


def test_every_id_of_the_real_index_parses_and_formats_back(full_data):
    units = store.load_units(full_data / "units")
    assert len(units) > 3000
    for unit in units:
        for held in (unit.id, unit.parent_id, unit.penjelasan_id, unit.explains, unit.status_source,
                     *unit.refs, *unit.successors):  # fmt: skip
            if held is not None:
                assert str(UnitId.parse(held)) == held
        uid = UnitId.parse(unit.id)
        assert uid.doc == unit.doc_id
        if unit.parent_id:
            assert UnitId.parse(unit.parent_id).contains(uid) or uid.in_lampiran, unit.id
        assert ids.pasal_of(unit.id) == unit.id or ids.pasal_of(unit.id) in {str(a) for a in uid.ancestors}


def test_repeated_ids_keep_their_suffix():
    assert str(UnitId.parse("pp-42-2004/pasal-1/ayat-3").repeated(2)) == "pp-42-2004/pasal-1/ayat-3_2"
    assert str(UnitId.parse("skb-2-2022/diktum-kedua").repeated(3, "~")) == "skb-2-2022/diktum-kedua~3"
    assert str(UnitId.parse("uu-5-2014/menimbang").repeated(2)) == "uu-5-2014/menimbang_2"
    assert UnitId.parse("uu-5-2014/menimbang_2").kind == "menimbang"
    with pytest.raises(ValueError):
        UnitId("uu-5-2014").repeated(2)


# --- ownership: nobody else spells, splits or joins unit ids -------------------------------------

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("app.py", "cli.py", "corpus", "ingest", "qa", "evals", "pages")
OWNER = "corpus/ids.py"

_NUMBERED = "pasal|ayat|huruf|angka|diktum|bab|tabel|baris|butir"
_SCOPED = "penjelasan|penetapan|menimbang|mengingat|lampiran|kepala"
# A piece of an id inside a string: "/pasal-", "…/penjelasan/", "penjelasan/…", or a step prefix
# about to get its number ("pasal-" + n, f"ayat-{n}").
_ID_PIECE = re.compile(
    rf"/(?:{_NUMBERED})-|(?:^|[^\w-])(?:{_NUMBERED})-$|/(?:{_SCOPED})(?:/|$|-umum)|^(?:{_SCOPED})/"
)
# A whole id written out (an example in a message: "like 'uu-5-2014/pasal-87'") builds nothing.
_WHOLE_ID = re.compile(r"[a-z0-9][a-z0-9-]*(?:/[A-Za-z0-9_~-]+)+")
_SLASH_METHODS = {"split", "rsplit", "partition", "rpartition", "find", "rfind", "index", "rindex", "count",
                  "strip", "lstrip", "rstrip"}  # fmt: skip
_STR_METHODS = _SLASH_METHODS | {"startswith", "endswith", "replace", "removeprefix", "removesuffix"}
# Names that hold a unit id (Unit.id, parent_id, explains, ...); a document id is not one.
_ID_NAME = re.compile(r"^(?:id|uid|unit_id|parent_id|penjelasan_id|source_id|status_source|explains|target_id)$")
_PATH_NAME = re.compile(r"dir|folder|file|url|root", re.IGNORECASE)  # "path" is also an id path


def _names_an_id(node: ast.AST) -> bool:
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
    return bool(name and _ID_NAME.match(name))


def _is_slash(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value == "/"


def _joins_with_slashes(node: ast.JoinedStr) -> bool:
    """f"{a}/{b}": values with nothing but "/" between them, none of them a file path."""
    values = [v for v in node.values if isinstance(v, ast.FormattedValue)]
    texts = [v.value for v in node.values if isinstance(v, ast.Constant)]
    if len(values) < 2 or not texts or any(t != "/" for t in texts) or isinstance(node.values[0], ast.Constant):
        return False
    return not any(_PATH_NAME.search(ast.unparse(v.value)) for v in values)


def id_handling(source: str, path: str = "<snippet>") -> list[str]:
    """Places in ``source`` that build or take apart a unit id by hand."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }  # fmt: skip
    found: list[str] = []

    def flag(node: ast.AST, why: str) -> None:
        found.append(f"{path}:{node.lineno}: {why}: {ast.get_source_segment(source, node)}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if _ID_PIECE.search(_WHOLE_ID.sub("", node.value)):
                flag(node, "a piece of a unit id in a string")
        elif isinstance(node, ast.JoinedStr) and _joins_with_slashes(node):
            flag(node, "values joined with '/' in an f-string")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method, receiver = node.func.attr, node.func.value
            if method in _SLASH_METHODS and node.args and _is_slash(node.args[0]):
                flag(node, f"{method}('/')")
            elif method == "join" and _is_slash(receiver):
                flag(node, "'/'.join")
            elif method in _STR_METHODS and _names_an_id(receiver):
                flag(node, f"str.{method} on a unit id")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and (_is_slash(node.left) or _is_slash(node.right)):
            flag(node, "concatenation with '/'")
        elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
            if isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
                if any(_names_an_id(c) for c in node.comparators):
                    flag(node, "substring test on a unit id")
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice) and _names_an_id(node.value):
            flag(node, "slice of a unit id")
    return found


def _source_files() -> list[Path]:
    files: list[Path] = []
    for name in SOURCES:
        path = ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py")) if path.is_dir() else []
    return [f for f in files if f.relative_to(ROOT).as_posix() != OWNER]


def test_only_corpus_ids_builds_or_splits_unit_ids():
    files = _source_files()
    assert len(files) > 30  # the walk found the project, not an empty folder
    found = [hit for f in files for hit in id_handling(f.read_text(encoding="utf-8"), f.relative_to(ROOT).as_posix())]
    assert found == [], "unit ids handled outside corpus/ids.py (use corpus.ids.UnitId):\n" + "\n".join(found)


@pytest.mark.parametrize(
    "snippet",
    [
        'uid = f"{doc_id}/pasal-{number}"',
        'uid = f"{meta.id}/penetapan/"',
        'steps = [f"ayat-{a}"]',
        'uid = doc + "/" + rest',
        'uid = "/".join(parts)',
        'doc = unit_id.split("/")[0]',
        'doc, _, rest = unit_id.partition("/")',
        'depth = u.id.count("/")',
        'body = unit.id.replace("/penjelasan/", "/", 1)',
        'inside = u.id.startswith(within.id + "/")',
        'inside = target.startswith(prefix + "/")',
        'skip = "/pasal-I/" in u.id',
        'skip = "penjelasan" in unit.parent_id',
        'rel = "penjelasan/" + path',
        'head = uid[: uid.rfind("/")]',
        'uid = f"{base}/{path}"',
        'typed = text.strip("/")',
    ],
)
def test_the_ownership_check_finds_hand_made_ids(snippet):
    assert id_handling(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        'def f():\n    """Ids look like ``uu-5-2014/pasal-87/ayat-4``."""',
        "raise ValueError(f\"{alt!r} is not a unit id like 'uu-5-2014/pasal-87/ayat-4'\")",
        'name = f"{short} {number}/{year}"',  # "UU 5/2014" is a document's short name
        'print(f"[{i}/{n}] {text}")',
        'target = folder / "units.json"',
        'target = f"{build_dir}/{name}"',  # a file path
        'kinds = ("pasal-roman", "pasal-demi-pasal", "penjelasan-umum")',
        'pasal = ids.pasal_of(unit.id)',
        'ok = unit.kind == "penjelasan" and doc_id.startswith("uu-")',
        'date = "2024/07/09".split("-")',
    ],
)
def test_the_ownership_check_leaves_other_strings_alone(snippet):
    assert id_handling(snippet) == []


def test_folded_ids_find_a_unit_typed_in_any_case():
    assert ids.folded(" UU-1-2015/Pasal-22B/ ") == ids.folded("uu-1-2015/pasal-22B") == "uu-1-2015/pasal-22b"
