"""Unit ids: the one place that knows how the id of a citable provision is spelled.

An id is a document id followed by steps from the document root down to the provision::

    uu-5-2014/pasal-87/ayat-4/huruf-c              Pasal 87 ayat (4) huruf c
    uu-5-2014/penjelasan/pasal-2/huruf-f           Penjelasan of Pasal 2 huruf f
    uu-5-2014/penjelasan-umum                      the general Penjelasan
    uu-5-2014/menimbang/huruf-a                    Menimbang huruf a
    uu-10-2016/pasal-I/angka-26                    change 26 of Pasal I of an amending law
    uu-1-2015/penetapan/pasal-1                    the body of a law enacting a Perppu (whose
                                                   Lampiran carries the real Pasal numbering)
    skb-2-2022/diktum-kedua/huruf-a                a decree's Diktum
    skb-2-2022/lampiran/bab-ii/huruf-b/angka-3     a point of a decree's Lampiran
    skb-2-2022/lampiran/bab-ii/tabel-1/baris-3     a row of a table in that Lampiran
    se-.../kepala, se-.../angka-2/huruf-b          a letter's head and points

A step is ``kind-number`` or, for a step that occurs once per scope, the bare kind
(:data:`SINGLETONS`). A repeated id gets a deterministic suffix on its last step
("pasal-5_2" from the law parser, "diktum-kedua~2" from the decree parser); the suffix stays
part of the step's number, so it survives parse and format unchanged.

:class:`UnitId` is a value: ``UnitId.parse(s)`` and ``str(uid)`` are inverse, and every
question about an id (its Pasal, its parent, whether it lies inside another one, whether it
is a Penjelasan) is answered here, so no other module slices id strings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

# Steps without a number: they occur once per document or per scope.
SINGLETONS = frozenset({"penjelasan", "penjelasan-umum", "menimbang", "mengingat", "penetapan", "lampiran", "kepala"})
# Steps that open a scope rather than name a provision: the provision a unit belongs to (its
# "Pasal") is the first step after them. "bab" only appears in ids inside a decree's Lampiran,
# where a chapter holds lettered points the way a law holds Pasal.
_SCOPES = frozenset({"penetapan", "penjelasan", "lampiran", "bab"})
# The Penjelasan of a provision lives under this step, after any "penetapan" scope.
_PENJELASAN = "penjelasan"
_PENETAPAN = "penetapan"

_KIND = r"penjelasan-umum|[a-z]+"
# A repeated id's suffix, glued to a singleton step: "menimbang_2".
_SEGMENT = re.compile(rf"(?P<kind>{_KIND})(?:(?P<dup>[_~]\d+)|-(?P<number>[^/\s]+))?")
_NUMBER = re.compile(r"[^/\s]+")
_DUP = re.compile(r"[_~]\d+")
_DOC = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_ROMAN = re.compile(r"[IVXLC]+(?:[_~]\d+)?")


class InvalidUnitId(ValueError):
    """A string or step that is not a unit id."""


class Step(NamedTuple):
    """One step of an id: ``("pasal", "87")``, ``("huruf", "c")``, ``("penjelasan", "")``."""

    kind: str
    number: str = ""

    def __str__(self) -> str:
        if not self.number:
            return self.kind
        if _DUP.fullmatch(self.number):  # a repeated-id suffix on a step without a number
            return f"{self.kind}{self.number}"
        return f"{self.kind}-{self.number}"

    @staticmethod
    def parse(segment: str) -> Step:
        m = _SEGMENT.fullmatch(segment)
        if not m:
            raise InvalidUnitId(f"not a unit id step: {segment!r}")
        if m.group("number") and _DUP.fullmatch(m.group("number")):
            raise InvalidUnitId(f"not a unit id step: {segment!r}")  # spelled "menimbang_2"
        step = Step(m.group("kind"), m.group("dup") or m.group("number") or "")
        _check_step(step)
        return step


def _check_step(step: Step) -> None:
    kind, number = step
    if not re.fullmatch(_KIND, kind):
        raise InvalidUnitId(f"not a unit id step kind: {kind!r}")
    if number and not _NUMBER.fullmatch(number):
        raise InvalidUnitId(f"not a unit id step number: {number!r} (in {kind!r})")
    if kind in SINGLETONS and number and not _DUP.fullmatch(number):
        raise InvalidUnitId(f"{kind!r} takes no number, got {number!r}")


@dataclass(frozen=True, order=True)
class UnitId:
    """A unit id as a value: document id plus the steps down to the provision.

    ``UnitId("uu-5-2014", (("pasal", "87"), ("ayat", "4")))`` is ``uu-5-2014/pasal-87/ayat-4``.
    With no steps it names the document itself (the root every unit id lies under).
    """

    doc: str
    steps: tuple[Step, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.doc, str) or not _DOC.fullmatch(self.doc):
            raise InvalidUnitId(f"not a document id: {self.doc!r}")
        steps = tuple(s if isinstance(s, Step) else Step(*s) for s in self.steps)
        for step in steps:
            _check_step(step)
        object.__setattr__(self, "steps", steps)

    # --- text -------------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> UnitId:
        """``"uu-5-2014/pasal-87/ayat-4"`` -> ``UnitId``; :class:`InvalidUnitId` if it is not one."""
        if not isinstance(text, str):
            raise InvalidUnitId(f"not a unit id: {text!r}")
        return _parse(text)

    @classmethod
    def is_valid(cls, text: str) -> bool:
        try:
            cls.parse(text)
        except InvalidUnitId:
            return False
        return True

    def __str__(self) -> str:
        return "/".join([self.doc, *map(str, self.steps)])

    # --- building ---------------------------------------------------------------------------

    def child(self, kind: str, number: str = "") -> UnitId:
        return UnitId(self.doc, (*self.steps, Step(kind, number)))

    def join(self, steps: Iterable[tuple[str, str]]) -> UnitId:
        """This id with ``steps`` below it."""
        return UnitId(self.doc, (*self.steps, *steps))

    def with_doc(self, doc: str) -> UnitId:
        """The same provision in another document (a replica, a copy for benchmarks)."""
        return UnitId(doc, self.steps)

    def repeated(self, n: int, mark: str = "_") -> UnitId:
        """The id given to the ``n``-th unit (n >= 2) that came out with this same id: "pasal-5_2".
        A repeated marker (misnumbering, OCR) must not overwrite a unit, so it is kept apart."""
        if not self.steps or n < 2 or mark not in ("_", "~"):
            raise ValueError(f"cannot number repeat {n} of {self} with {mark!r}")
        last = self.steps[-1]
        return UnitId(self.doc, (*self.steps[:-1], Step(last.kind, f"{last.number}{mark}{n}")))

    def relative_to(self, ancestor: UnitId) -> tuple[Step, ...]:
        """The steps from ``ancestor`` down to this id; ValueError if it is not inside ``ancestor``."""
        if not ancestor.contains(self):
            raise ValueError(f"{self} is not inside {ancestor}")
        return self.steps[len(ancestor.steps):]

    # --- structure --------------------------------------------------------------------------

    @property
    def root(self) -> UnitId:
        """The document this unit belongs to, as an id without steps."""
        return UnitId(self.doc)

    @property
    def is_document(self) -> bool:
        return not self.steps

    @property
    def kind(self) -> str:
        """Kind of the last step ("" for a document)."""
        return self.steps[-1].kind if self.steps else ""

    @property
    def number(self) -> str:
        return self.steps[-1].number if self.steps else ""

    @property
    def depth(self) -> int:
        return len(self.steps)

    @property
    def parent(self) -> UnitId | None:
        """The id one step up; the document for a top-level unit, None for the document."""
        return UnitId(self.doc, self.steps[:-1]) if self.steps else None

    @property
    def ancestors(self) -> tuple[UnitId, ...]:
        """Ids above this one, nearest first, the document itself not included."""
        return tuple(UnitId(self.doc, self.steps[:i]) for i in range(len(self.steps) - 1, 0, -1))

    def up_to(self, kind: str) -> UnitId | None:
        """This id cut after its first step of ``kind`` (the chapter of a Lampiran point); None
        if it has no such step."""
        for i, step in enumerate(self.steps):
            if step.kind == kind:
                return UnitId(self.doc, self.steps[: i + 1])
        return None

    def contains(self, other: UnitId) -> bool:
        """True if ``other`` is this id or lies below it."""
        return other.doc == self.doc and other.steps[: len(self.steps)] == self.steps

    def nested(self, other: UnitId) -> bool:
        """True if either id contains the other: the same provision or one a part of the other."""
        return self.contains(other) or other.contains(self)

    @property
    def pasal(self) -> UnitId:
        """The top-level provision this unit belongs to: its Pasal, Diktum, Menimbang, letter point,
        or the lettered point of a Lampiran chapter; scopes (Penetapan, Penjelasan, Lampiran, Bab)
        are kept, so the Penjelasan of Pasal 2 huruf f belongs to the Penjelasan of Pasal 2.
        A scope with nothing below it (``.../lampiran/bab-iv``) is its own Pasal."""
        for i, step in enumerate(self.steps):
            if step.kind not in _SCOPES:
                return UnitId(self.doc, self.steps[: i + 1])
        return self

    # --- scopes -----------------------------------------------------------------------------

    def has(self, kind: str) -> bool:
        """True if any step is of ``kind`` ("mengingat", "lampiran", ...)."""
        return any(step.kind == kind for step in self.steps)

    @property
    def is_penjelasan(self) -> bool:
        """Inside the Penjelasan: an explanation of a provision, or the general Penjelasan."""
        return self.has(_PENJELASAN) or self.has("penjelasan-umum")

    @property
    def in_penetapan(self) -> bool:
        """Part of the body of a law that enacts a Perppu (not of the Perppu it enacts)."""
        return self.has(_PENETAPAN)

    @property
    def in_lampiran(self) -> bool:
        return self.has("lampiran")

    @property
    def in_preamble(self) -> bool:
        """Menimbang or Mengingat: the considerations and legal bases, not a rule."""
        return self.has("menimbang") or self.has("mengingat")

    @property
    def in_amending_article(self) -> bool:
        """Inside an article of an amending law (Pasal I, II of "UU ... tentang Perubahan ..."),
        whose changes quote the Pasal of the amended law; the article itself included."""
        return any(step.kind == "pasal" and _ROMAN.fullmatch(step.number) for step in self.steps)

    @property
    def in_amending_change(self) -> bool:
        """Below Pasal I of an amending law (``.../pasal-I/angka-26``), the article that lists the
        changes: a change quotes the amended law's text, it does not speak for itself."""
        return any(step == ("pasal", "I") for step in self.steps[:-1])

    @property
    def body(self) -> UnitId:
        """The provision a Penjelasan explains (this id without its "penjelasan" step)."""
        return UnitId(self.doc, tuple(s for s in self.steps if s.kind != _PENJELASAN))

    @property
    def explanation(self) -> UnitId:
        """The id of this provision's Penjelasan: "penjelasan" after any "penetapan" scope."""
        if self.is_penjelasan:
            return self
        lead = 1 if self.steps and self.steps[0].kind == _PENETAPAN else 0
        return UnitId(self.doc, (*self.steps[:lead], Step(_PENJELASAN), *self.steps[lead:]))

    @property
    def scope(self) -> UnitId:
        """Where a provision's own numbering lives: the document, or its Penetapan body."""
        lead = 1 if self.steps and self.steps[0].kind == _PENETAPAN else 0
        return UnitId(self.doc, self.steps[:lead])

    @property
    def path(self) -> tuple[Step, ...]:
        """The steps below the document (what labels are built from)."""
        return self.steps


@functools.lru_cache(maxsize=1 << 16)
def _parse(text: str) -> UnitId:
    doc, *segments = text.split("/")
    if not _DOC.fullmatch(doc):
        raise InvalidUnitId(f"not a unit id (document part {doc!r}): {text!r}")
    try:
        return UnitId(doc, tuple(Step.parse(seg) for seg in segments))
    except InvalidUnitId as exc:
        raise InvalidUnitId(f"not a unit id: {text!r} ({exc})") from None


def unit_id(doc: str, path: Iterable[tuple[str, str]] = ()) -> str:
    """``uu-5-2014`` + ``(("pasal","87"),("ayat","4"))`` -> ``"uu-5-2014/pasal-87/ayat-4"``."""
    return str(UnitId(doc, tuple(path)))


def general_explanation(doc: str) -> str:
    """The id of a document's general Penjelasan: ``uu-1-2015`` -> ``uu-1-2015/penjelasan-umum``."""
    return unit_id(doc, [("penjelasan-umum", "")])


def typed(text: str) -> str:
    """An id as a user typed or pasted it, without surrounding spaces and slashes."""
    return text.strip().strip("/").strip()


def folded(text: str) -> str:
    """An id as typed, in one case: the key that finds "UU-1-2015/Pasal-22b" as
    ``uu-1-2015/pasal-22B`` (no two ids of the corpus differ only in case)."""
    return typed(text).lower()


def pasal_of(text: str) -> str:
    """The id of the top-level provision (see :attr:`UnitId.pasal`) a unit id belongs to."""
    return str(UnitId.parse(text).pasal)


def doc_of(text: str) -> str:
    """The document id of a unit id."""
    return UnitId.parse(text).doc


def contains(outer: str, inner: str) -> bool:
    """True if unit id ``inner`` is ``outer`` or lies below it."""
    return UnitId.parse(outer).contains(UnitId.parse(inner))


def nested(a: str, b: str) -> bool:
    """True if one unit id contains the other."""
    return UnitId.parse(a).nested(UnitId.parse(b))
