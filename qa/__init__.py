"""Index, retrieval and answers over the parsed units.

The entry points: :class:`qa.retrieval.Retriever` (``Retriever.from_settings(settings,
manifest).retrieve(query, k=10, filters=None, mode="hybrid") -> list[Hit]``), built once by
the edge that serves queries, and ``qa.answer(question, retriever=...) -> Answer``
(:mod:`qa.answering`). The heavy modules (Chroma, llama-index, the embedding model) load on
first call, not on import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa.model import Answer


def answer(question: str, **options) -> Answer:
    """An answer with verified citations, or an abstention (see :func:`qa.answering.answer`)."""
    from qa.answering import answer as _answer

    return _answer(question, **options)
