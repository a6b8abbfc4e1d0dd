"""The embedding model run by ONNX Runtime instead of torch: exported once from the local sentence-transformers
folder (no download), optionally with int8 weights (per-channel dynamic quantisation of the matrix products).

On 2 CPU cores the int8 graph embeds ~2.5x faster than torch, and a process that only answers never imports
torch. The export is written beside the model folder under ``onnx/`` and replaced atomically; a killed export
leaves nothing that loads.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

EXPORT_VERSION = 1
ONNX_FILE = "model.onnx"
_MODES = {"pooling_mode_mean_tokens": "mean", "pooling_mode_cls_token": "cls"}


class OnnxExportError(RuntimeError):
    """The model folder cannot be run by the ONNX backend."""


def pooling_of(folder: Path) -> str:
    """The folder's pooling, if it is a plain transformer + pooling (+ normalize) model we can export."""
    modules = _read_json(folder / "modules.json")
    if modules is None:
        raise OnnxExportError(f"{folder} is not a sentence-transformers folder (no modules.json)")
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    if kinds[:2] != ["Transformer", "Pooling"] or any(k != "Normalize" for k in kinds[2:]):
        raise OnnxExportError(f"{folder}: modules {kinds} are not transformer + pooling (+ normalize)")
    pool = _read_json(folder / modules[1].get("path", "1_Pooling") / "config.json") or {}
    if isinstance(pool.get("pooling_mode"), str):  # newer configs name the mode
        flags = {pool["pooling_mode"]}
    else:
        flags = {_MODES.get(k, k) for k, v in pool.items() if k.startswith("pooling_mode_") and v is True}
    if len(flags) != 1 or not flags <= set(_MODES.values()):
        raise OnnxExportError(f"{folder}: pooling {sorted(flags)} is neither mean nor cls alone")
    return flags.pop()


def max_length(folder: Path) -> int:
    st = _read_json(folder / "sentence_bert_config.json") or {}
    return int(st.get("max_seq_length") or 512)


def prompts(folder: Path) -> dict[str, str]:
    return (_read_json(folder / "config_sentence_transformers.json") or {}).get("prompts") or {}


def export_dir(cache_dir: Path, folder: Path, int8: bool) -> Path:
    """Where the export of ``folder`` lives: named by the folder, its weights and the precision."""
    weights = _weights(folder)
    st = weights.stat()
    key = hashlib.sha256(f"{folder.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:12]
    return Path(cache_dir) / "onnx" / f"{folder.name}-{key}-{_precision(int8)}-v{EXPORT_VERSION}"


def _precision(int8: bool) -> str:
    return "int8" if int8 else "fp32"


def ensure_export(cache_dir: Path, folder: Path, int8: bool,
                  progress: Callable[[str], None] = lambda _m: None, force: bool = False) -> Path:
    """The exported model file, exporting it once (under a lock, so two processes never export together)."""
    folder = Path(folder)
    target = export_dir(cache_dir, folder, int8)
    if not force and _complete(target):
        return target / ONNX_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / ".export.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not force and _complete(target):
            return target / ONNX_FILE
        progress(f"exporting {folder.name} to ONNX{' (int8)' if int8 else ''} (one time, about a minute)")
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        try:
            _export(folder, tmp, int8)
            if target.exists():
                shutil.rmtree(target)
            os.replace(tmp, target)
            for old in target.parent.glob(f"{folder.name}-*-{_precision(int8)}-v*"):  # exports of older weights
                if old != target and old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    progress("ONNX model ready")
    return target / ONNX_FILE


def _export(folder: Path, out: Path, int8: bool) -> None:
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()

    pooling = pooling_of(folder)
    model = AutoModel.from_pretrained(str(folder), attn_implementation="eager").eval()

    class Pooled(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask):
            h = self.m(input_ids=input_ids, attention_mask=attention_mask,
                       token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            if pooling == "cls":
                v = h[:, 0]
            else:
                mask = attention_mask.unsqueeze(-1).to(h.dtype)
                v = (h * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(v, p=2, dim=1)

    fp32 = out / ("fp32.onnx" if int8 else ONNX_FILE)
    dummy = torch.ones(2, 8, dtype=torch.long)
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
            "embedding": {0: "batch"}}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's notes on tracing, for a graph we check by its outputs
        torch.onnx.export(Pooled(model).eval(), (dummy, dummy), str(fp32), input_names=["input_ids", "attention_mask"],
                          output_names=["embedding"], dynamic_axes=axes, opset_version=17, dynamo=False)
    if int8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        root = logging.getLogger()
        level, root.level = root.level, logging.ERROR  # its advice to pre-process, printed on every export
        try:
            quantize_dynamic(str(fp32), str(out / ONNX_FILE), weight_type=QuantType.QInt8, per_channel=True,
                             op_types_to_quantize=["MatMul"])
        finally:
            root.level = level
        fp32.unlink()
    _write_json(out / "export.json", {
        "version": EXPORT_VERSION, "source": str(folder.resolve()), "pooling": pooling, "int8": int8,
        "max_length": max_length(folder), "bytes": (out / ONNX_FILE).stat().st_size,
    })


def _complete(target: Path) -> bool:
    meta = _read_json(target / "export.json")
    f = target / ONNX_FILE
    return bool(meta) and f.is_file() and f.stat().st_size == meta.get("bytes")


def _weights(folder: Path) -> Path:
    for name in ("model.safetensors", "pytorch_model.bin"):
        if (folder / name).is_file():
            return folder / name
    raise OnnxExportError(f"{folder} has no model.safetensors or pytorch_model.bin")


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2), encoding="utf-8")


class OnnxEncoder:
    """Texts to L2-normalised vectors with the exported graph; batches are formed by length so that short
    sentences are not padded to the longest chunk."""

    def __init__(self, model_file: Path, folder: Path, batch_size: int, threads: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or min(os.cpu_count() or 1, 8)
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(str(model_file), opts, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(Path(folder) / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length(Path(folder)))
        self.tokenizer.no_padding()
        self.batch_size = batch_size
        self.prompts = prompts(Path(folder))  # what sentence-transformers calls them, so the Embedder reads either
        self.dimension = int(self.session.get_outputs()[0].shape[-1])

    def get_embedding_dimension(self) -> int:
        return self.dimension

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            enc = self.tokenizer.encode_batch([texts[i] for i in idx])
            width = max(len(e.ids) for e in enc)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, e in enumerate(enc):
                ids[row, : len(e.ids)] = e.ids
                mask[row, : len(e.ids)] = 1
            out[idx] = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return out
