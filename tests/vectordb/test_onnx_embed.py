"""The ONNX backend against sentence-transformers on a tiny model built here (no download): same vectors in fp32,
close ones in int8, the export done once and atomically, and models it cannot run refused clearly."""

import json

import numpy as np
import pytest

from vectordb.embeddings import Embedder, EmbeddingConfig, EmbeddingModelError, INT8_SUFFIX
from vectordb.onnx_embed import ONNX_FILE, OnnxEncoder, OnnxExportError, ensure_export, export_dir, pooling_of

WORDS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "passage:", "query:"] + list("规划目标增长地区生产总值城镇化率粮食产量稳定在亿斤以上")
TEXTS = ["规 划 目 标 增 长", "地 区 生 产 总 值", "城 镇 化 率", "粮 食 产 量 稳 定 在 亿 斤 以 上 目 标"]


def tiny_model(folder, pooling="mean", extra_module=False):
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import BertConfig, BertModel

    torch.manual_seed(0)
    folder.mkdir(parents=True)
    BertModel(BertConfig(vocab_size=len(WORDS), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                         intermediate_size=64, max_position_embeddings=64)).save_pretrained(folder)
    tok = Tokenizer(models.WordLevel({w: i for i, w in enumerate(WORDS)}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    tok.save(str(folder / "tokenizer.json"))
    (folder / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "PreTrainedTokenizerFast", "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]",
        "unk_token": "[UNK]"}))
    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
               {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]
    if extra_module:
        modules.insert(2, {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"})
    (folder / "modules.json").write_text(json.dumps(modules))
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": 32, "pooling_mode_cls_token": pooling == "cls",
        "pooling_mode_mean_tokens": pooling == "mean", "pooling_mode_max_tokens": pooling == "max"}))
    (folder / "2_Normalize").mkdir()
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 32, "do_lower_case": False}))
    (folder / "config_sentence_transformers.json").write_text(json.dumps(
        {"prompts": {"query": "query: ", "passage": "passage: "}}))
    return folder


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    return tiny_model(tmp_path_factory.mktemp("tiny") / "model")


def reference(folder, texts):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(folder), device="cpu").encode(texts, normalize_embeddings=True)


@pytest.mark.parametrize("pooling", ["mean", "cls"])
def test_fp32_export_gives_the_sentence_transformers_vectors(tmp_path, pooling):
    folder = tiny_model(tmp_path / "m", pooling)
    enc = OnnxEncoder(ensure_export(tmp_path / "cache", folder, int8=False), folder, batch_size=2)
    got, want = enc.encode(TEXTS), reference(folder, TEXTS)
    assert got.shape == want.shape == (4, 32)
    assert np.allclose(got, want, atol=1e-5)
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_int8_vectors_stay_close_and_batches_keep_the_input_order(tmp_path, model):
    enc = OnnxEncoder(ensure_export(tmp_path, model, int8=True), model, batch_size=3)
    got, want = enc.encode(TEXTS), reference(model, TEXTS)
    assert (got * want).sum(axis=1).min() > 0.98
    one_by_one = np.stack([enc.encode([t])[0] for t in TEXTS])
    # Length-sorted batches, results back in place (int8 activations are scaled per batch: not bit-identical).
    assert np.allclose(got, one_by_one, atol=1e-3)


def test_the_export_is_made_once_and_a_half_written_one_does_not_count(tmp_path, model):
    said = []
    first = ensure_export(tmp_path, model, int8=False, progress=said.append)
    stamp = first.stat().st_mtime_ns
    assert ensure_export(tmp_path, model, int8=False, progress=said.append) == first
    assert first.stat().st_mtime_ns == stamp and sum("exporting" in m for m in said) == 1
    meta = json.loads((first.parent / "export.json").read_text())
    meta["bytes"] += 1  # as if the file were cut short
    (first.parent / "export.json").write_text(json.dumps(meta))
    again = ensure_export(tmp_path, model, int8=False, progress=said.append)
    assert again.is_file() and sum("exporting" in m for m in said) == 2
    assert [p.name for p in tmp_path.joinpath("onnx").iterdir() if not p.name.startswith(".")] == [first.parent.name]


def test_new_weights_get_a_new_export_and_the_old_one_is_removed(tmp_path):
    folder = tiny_model(tmp_path / "m")
    old = ensure_export(tmp_path / "cache", folder, int8=False).parent
    (folder / "model.safetensors").write_bytes((folder / "model.safetensors").read_bytes())  # rebuilt weights
    new = export_dir(tmp_path / "cache", folder, int8=False)
    assert new != old
    ensure_export(tmp_path / "cache", folder, int8=False)
    assert new.joinpath(ONNX_FILE).is_file() and not old.exists()


@pytest.mark.parametrize("kind", ["max", "dense"])
def test_a_model_the_backend_cannot_run_is_refused_by_name(tmp_path, kind):
    folder = tiny_model(tmp_path / "m", pooling="max" if kind == "max" else "mean", extra_module=kind == "dense")
    with pytest.raises(OnnxExportError, match="pooling|modules"):
        pooling_of(folder)
    e = Embedder(EmbeddingConfig(model=str(folder), cache_dir=tmp_path / "cache", backend="onnx"))
    with pytest.raises(EmbeddingModelError, match="PLANQA_EMBEDDING_BACKEND=torch"):
        e.embed_passages(["规划"])


def test_backend_choice_and_the_store_it_follows(tmp_path, model):
    assert Embedder(EmbeddingConfig()).backend == "onnx-int8"  # the built-in model on a CPU
    assert Embedder(EmbeddingConfig(model=str(model))).backend == "torch"  # other models: what was measured
    with pytest.raises(EmbeddingModelError, match="unknown embedding backend"):
        EmbeddingConfig(backend="tensorrt")
    with pytest.raises(EmbeddingModelError, match="CPU only"):
        Embedder(EmbeddingConfig(device="cuda", backend="onnx"))
    e = Embedder(EmbeddingConfig())
    assert e.model_id.endswith(INT8_SUFFIX) and e.batch_size == 8
    e.follow_store(e.cfg.model)  # a store built before int8: its queries stay fp32
    assert e.backend == "onnx" and e.model_id == e.cfg.model
    fixed = Embedder(EmbeddingConfig(backend="onnx-int8"))
    fixed.follow_store(fixed.cfg.model)  # set by the user: kept, and the store refuses the mismatch
    assert fixed.backend == "onnx-int8"
    assert Embedder(EmbeddingConfig(backend="torch", batch_size=5)).batch_size == 5


def test_prompts_are_the_models_own(tmp_path, model):
    e = Embedder(EmbeddingConfig(model=str(model), cache_dir=tmp_path, backend="onnx"))
    q, p = e.embed_queries(["规 划 目 标"]), e.embed_passages(["规 划 目 标"])
    want = reference(model, ["query: 规 划 目 标", "passage: 规 划 目 标"])
    assert np.allclose(q[0], want[0], atol=1e-5) and np.allclose(p[0], want[1], atol=1e-5)


def test_a_store_says_which_vectors_it_holds(tmp_path):
    from vectordb.chroma_store import StoreConfig, StoreMismatchError, open_collection

    cfg = StoreConfig(path=tmp_path / "chroma")
    open_collection(cfg, Embedder(EmbeddingConfig(backend="torch")))  # a store from before the ONNX backend
    follower = Embedder(EmbeddingConfig())
    open_collection(cfg, follower)
    assert follower.backend == "onnx"  # fp32: the vectors torch wrote
    with pytest.raises(StoreMismatchError, match=r"multilingual-e5-small\+int8.*PLANQA_EMBEDDING_BACKEND"):
        open_collection(cfg, Embedder(EmbeddingConfig(backend="onnx-int8")))
    fresh = Embedder(EmbeddingConfig())
    col = open_collection(StoreConfig(path=tmp_path / "new"), fresh)
    assert fresh.backend == "onnx-int8" and col.metadata["embedding_model"].endswith(INT8_SUFFIX)


@pytest.mark.integration
def test_the_built_in_model_in_int8_ranks_as_torch_does(isolated_env):
    from dataclasses import replace

    from assistant.settings import Settings

    cfg = Settings().embedding()
    passages = ["全区地区生产总值年均增长7%左右。", "常住人口城镇化率达到65%。", "粮食产量稳定在400亿斤以上。",
                "森林覆盖率提高到25%。", "城镇新增就业1200万人以上。"]
    queries = ["经济增速目标", "城镇化率", "粮食", "森林", "就业"]
    vecs = {}
    for backend in ("torch", "onnx", "onnx-int8"):
        e = Embedder(replace(cfg, backend=backend))
        vecs[backend] = e.embed_passages(passages), e.embed_queries(queries)
    torch_p, torch_q = vecs["torch"]
    assert np.allclose(vecs["onnx"][0], torch_p, atol=1e-4) and np.allclose(vecs["onnx"][1], torch_q, atol=1e-4)
    int8_p, int8_q = vecs["onnx-int8"]
    assert (int8_p * torch_p).sum(axis=1).min() > 0.99
    assert ((int8_q @ int8_p.T).argmax(axis=1) == (torch_q @ torch_p.T).argmax(axis=1)).all()
    assert ((torch_q @ torch_p.T).argmax(axis=1) == np.arange(5)).all()
