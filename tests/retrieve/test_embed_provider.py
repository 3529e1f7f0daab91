"""The embedding model runs on the onnxruntime provider the settings name; CPU by default, a clear error otherwise."""

from __future__ import annotations

import onnxruntime
import pytest
from pydantic import ValidationError

from medora.errors import ModelUnavailableError
from medora.retrieve.embed import MiniLMEmbedder
from medora.settings import IngestSettings, Settings
from medora.workspace import Workspace


def test_the_workspace_embedder_runs_on_the_cpu_by_default(settings: Settings):
    embedder = Workspace(settings).embedder
    assert embedder.provider == "CPUExecutionProvider"
    assert embedder._session.get_providers() == ["CPUExecutionProvider"]


@pytest.mark.skipif(
    "CUDAExecutionProvider" in onnxruntime.get_available_providers(), reason="this machine can run CUDA"
)
def test_asking_for_cuda_where_it_is_missing_says_what_to_install_or_set():
    with pytest.raises(ModelUnavailableError) as raised:
        MiniLMEmbedder(provider="CUDAExecutionProvider")
    assert str(raised.value) == (
        "the embedding provider CUDAExecutionProvider is not available here (onnxruntime offers "
        f"{', '.join(onnxruntime.get_available_providers())}): install onnxruntime-gpu on a machine with an NVIDIA "
        "GPU, or set MEDORA_INGEST__EMBED_PROVIDER=CPUExecutionProvider"
    )


def test_an_unknown_provider_is_refused_by_the_settings():
    with pytest.raises(ValidationError, match="CPUExecutionProvider"):
        IngestSettings(embed_provider="TensorrtExecutionProvider")
