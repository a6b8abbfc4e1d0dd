"""Optional LLM judge (RAGAS-style faithfulness and answer relevance) over any OpenAI-compatible endpoint.

The default metrics need no LLM; this runs only when a judge URL is configured.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass

PROMPT = """你是严格的评审。只根据下面的“段落”判断“回答”。
问题：{question}
段落：
{contexts}
回答：{answer}

给出两个0到1之间的分数，只输出JSON：{{"faithfulness": 回答中有多少比例的陈述能由段落支持, "relevance": 回答在多大程度上回应了问题}}"""
_JSON = re.compile(r"\{[^{}]*\}")


class JudgeError(RuntimeError):
    """The judge endpoint failed or answered something unusable."""


@dataclass(frozen=True)
class JudgeConfig:
    base_url: str
    model: str
    api_key: str = "not-needed"
    timeout: float = 60.0


def judge(cfg: JudgeConfig, question: str, answer: str, contexts: list[str]) -> dict[str, float]:
    body = {
        "model": cfg.model, "temperature": 0,
        "messages": [{"role": "user", "content": PROMPT.format(
            question=question, answer=answer, contexts="\n".join(f"[{i}] {c}" for i, c in enumerate(contexts, 1)))}],
    }
    req = urllib.request.Request(
        cfg.base_url.rstrip("/") + "/chat/completions", data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {cfg.api_key}"},
    )
    try:
        with urllib.request.urlopen(req, timeout=cfg.timeout) as resp:
            content = json.loads(resp.read())["choices"][0]["message"]["content"]
    except (urllib.error.URLError, OSError, ValueError, KeyError, IndexError, TypeError) as e:
        raise JudgeError(f"judge request to {cfg.base_url} failed: {e}") from e
    m = _JSON.search(content or "")
    try:
        scores = json.loads(m.group(0)) if m else {}
        return {f"judge_{k}": min(1.0, max(0.0, float(scores[k]))) for k in ("faithfulness", "relevance")}
    except (ValueError, KeyError, TypeError) as e:
        raise JudgeError(f"judge answered no usable scores: {content[:200]!r}") from e
