"""Index, retrieval and answers over the parsed units.

The entry points: :class:`qa.retrieval.Retriever` (``Retriever.from_settings(settings,
manifest).retrieve(query, k=10, filters=None, mode="hybrid") -> list[Hit]``), built once by
the edge that serves queries, and :func:`qa.answering.answer` (``answer(question,
retriever=...) -> Answer``). The heavy libraries (Chroma, llama-index, the embedding model)
load on first use, not on import.
"""
