"""Index, retrieval and answers over the parsed units.

``from qa import retrieve`` is the entry point for search; the heavy modules (Chroma,
llama-index, the embedding model) load on first call, not on import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qa.model import Filters, Hit


def retrieve(query: str, k: int = 10, filters: Filters | None = None, mode: str = "hybrid") -> list[Hit]:
    """Units for ``query``, best first (see :func:`qa.retrieve.retrieve`)."""
    from qa.retrieve import retrieve as _retrieve

    return _retrieve(query, k=k, filters=filters, mode=mode)


def __getattr__(name: str) -> Any:
    if name == "Retriever":
        from qa.retrieve import Retriever

        return Retriever
    raise AttributeError(name)
