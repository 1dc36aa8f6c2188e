"""Index, retrieval and answers over the parsed units.

The two entry points: ``qa.retrieve(query, k=10, filters=None, mode="hybrid") -> list[Hit]``
(:mod:`qa.retrieval`) and ``qa.answer(question) -> Answer`` (:mod:`qa.answering`). The heavy
modules (Chroma, llama-index, the embedding model) load on first call, not on import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa.model import Answer, Filters, Hit


def retrieve(query: str, k: int = 10, filters: Filters | None = None, mode: str = "hybrid") -> list[Hit]:
    """Units for ``query``, best first (see :func:`qa.retrieval.retrieve`)."""
    from qa.retrieval import retrieve as _retrieve

    return _retrieve(query, k=k, filters=filters, mode=mode)


def answer(question: str, **options) -> Answer:
    """An answer with verified citations, or an abstention (see :func:`qa.answering.answer`)."""
    from qa.answering import answer as _answer

    return _answer(question, **options)
