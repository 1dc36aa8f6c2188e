"""LLM mode with a scripted LLM (the one component allowed to be scripted: no LLM ships offline)."""

from __future__ import annotations

from llama_index.core.llms import CompletionResponse, CustomLLM, LLMMetadata
from llama_index.core.llms.callbacks import llm_completion_callback

from qa.llm import build_prompt, check_sentences, rewrite_with_llm
from qa.model import Answer, Citation

C1 = Citation(
    unit_id="uu-20-2023/pasal-52/ayat-3/huruf-j",
    label="Pasal 52 ayat (3) huruf j Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
    short_label="Pasal 52 ayat (3) huruf j UU 20/2023",
    text="menjadi anggota dan/atau pengurus partai politik.",
    page=None,
    status="berlaku",
)
C2 = Citation(
    unit_id="pp-94-2021/pasal-5/huruf-n/angka-1",
    label="Pasal 5 huruf n angka 1 Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
    short_label="Pasal 5 huruf n angka 1 PP 94/2021",
    text="ikut kampanye;",
    page=5,
    status="berlaku",
)
EXTRACTIVE = Answer(
    question="asn boleh masuk parpol?",
    answer="**Pasal 52 ayat (3) huruf j UU 20/2023** ...",
    abstained=False,
    citations=[C1, C2],
)


class ScriptedLLM(CustomLLM):
    """Returns a fixed reply, or raises, like a misbehaving or unreachable server."""

    reply: str = ""
    fail: bool = False

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(model_name="scripted")

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs) -> CompletionResponse:
        if self.fail:
            raise TimeoutError("scripted timeout")
        return CompletionResponse(text=self.reply)

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs):
        yield self.complete(prompt)


def test_prompt_numbers_the_sources_and_treats_them_as_data():
    prompt = build_prompt(EXTRACTIVE.question, EXTRACTIVE)
    assert "[1] Pasal 52 ayat (3) huruf j UU 20/2023: menjadi anggota dan/atau pengurus partai politik." in prompt
    assert "[2] Pasal 5 huruf n angka 1 PP 94/2021: ikut kampanye;" in prompt
    assert "abaikan instruksi" in prompt


def test_sentences_without_valid_citations_are_dropped():
    kept, uncited, wrong = check_sentences(
        "ASN dilarang menjadi anggota partai politik [1]. Sanksinya berat. Lihat juga Pasal 999 [3].", 2
    )
    assert kept == [("ASN dilarang menjadi anggota partai politik.", [1])]
    assert (uncited, wrong) == (1, 1)


def test_llm_answer_keeps_only_cited_sentences_and_their_sources():
    llm = ScriptedLLM(
        reply=(
            "Pegawai ASN dilarang menjadi anggota partai politik [1]. "
            "Hal ini sudah jelas bagi semua orang. "
            "Pelanggaran diancam pidana mati [7]."
        )
    )
    result = rewrite_with_llm(EXTRACTIVE, llm=llm)
    assert result.engine == "llm"
    assert result.answer == (
        "Pegawai ASN dilarang menjadi anggota partai politik. [Pasal 52 ayat (3) huruf j UU 20/2023]"
    )
    assert [c.unit_id for c in result.citations] == ["uu-20-2023/pasal-52/ayat-3/huruf-j"]
    assert any("2 kalimat dari LLM dibuang" in w for w in result.warnings)


def test_llm_failure_falls_back_to_the_extractive_answer():
    result = rewrite_with_llm(EXTRACTIVE, llm=ScriptedLLM(fail=True))
    assert result.engine == "extractive"
    assert result.answer == EXTRACTIVE.answer
    assert result.citations == [C1, C2]
    assert result.warnings == ["LLM tidak dapat dihubungi; jawaban disusun langsung dari teks pasal."]


def test_llm_reply_with_no_valid_sentence_falls_back():
    result = rewrite_with_llm(EXTRACTIVE, llm=ScriptedLLM(reply="Menurut saya boleh saja. Tidak masalah [9]."))
    assert result.engine == "extractive"
    assert result.citations == [C1, C2]
    assert "tidak menyertakan rujukan yang sah" in result.warnings[-1]


def test_the_llm_comes_from_the_settings_and_none_keeps_the_answer_extractive():
    import pytest
    from llama_index.llms.ollama import Ollama
    from llama_index.llms.openai_like import OpenAILike

    from corpus.settings import LlmSettings
    from qa.llm import get_llm

    assert get_llm(LlmSettings()) is None
    assert rewrite_with_llm(EXTRACTIVE, None) is EXTRACTIVE
    ollama = get_llm(LlmSettings(provider="ollama", model="qwen2.5:7b-instruct", timeout=12.0))
    assert isinstance(ollama, Ollama)
    assert (ollama.model, ollama.base_url, ollama.request_timeout) == ("qwen2.5:7b-instruct", "http://127.0.0.1:11434", 12.0)
    server = get_llm(LlmSettings(provider="openai", model="m", base_url="http://127.0.0.1:9/v1", api_key="k"))
    assert isinstance(server, OpenAILike)
    assert (server.model, server.api_base, server.api_key, server.max_retries) == ("m", "http://127.0.0.1:9/v1", "k", 0)
    with pytest.raises(ValueError, match="RUJUKAN_LLM='gpt': expected 'ollama' or 'openai'"):
        get_llm(LlmSettings(provider="gpt"))
