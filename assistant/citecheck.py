"""The check after every answer: markers must point at passages, sentences must cite, figures must be in
the cited passages. The result carries a grounding score and the flags."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from assistant.arithmetic import derived, is_computed
from ingest.zh import DECIMAL, arabic_figures, squash
from vectordb.index import Hit

_MARKER_FORMS = re.compile(r"[\[【［]\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[\]】］]")
_MARKER = re.compile(r"\[(\d+)\]")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?(?:\s*\[\d+\])*")
_FIGURE = re.compile(DECIMAL)


@dataclass(frozen=True)
class Flag:
    kind: str  # "unknown_marker" | "uncited" | "figure_not_in_source"
    sentence: str
    detail: str = ""


@dataclass
class Checked:
    answer: str
    flags: list[Flag] = field(default_factory=list)
    grounding: float = 0.0  # share of sentences with a citation whose passages hold all their figures


def normalise_markers(answer: str) -> str:
    """【1】, ［1］, [1,2] and [1、2] become [1], [1][2]."""
    return _MARKER_FORMS.sub(lambda m: "".join(f"[{n}]" for n in re.split(r"\s*[,，、]\s*", m.group(1))), answer)


_TITLE = re.compile(r"《[^《》]{1,80}》")  # a document's name (《2026年某省政府工作报告》) states no figure


def figures(text: str) -> list[str]:
    return _FIGURE.findall(squash(_TITLE.sub("", _MARKER.sub("", text))))


def _computed(figure: str, quoted: Sequence[str]) -> bool:
    """The figure is the difference or the sum of two figures the sentence quotes from its sources."""
    value = float(figure)
    nums = [float(q) for q in quoted]
    return any(abs(abs(a - b) - value) < 1e-6 or abs(a + b - value) < 1e-6
               for i, a in enumerate(nums) for b in nums[i + 1:])


def check_citations(answer: str, passages: Sequence[Hit]) -> Checked:
    answer = normalise_markers(answer)
    flags: list[Flag] = []

    def keep(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if 1 <= n <= len(passages):
            return m.group(0)
        flags.append(Flag("unknown_marker", "", f"[{n}] points to no passage"))
        return ""

    answer = _MARKER.sub(keep, answer)
    sentences = [s.group(0).strip() for s in _SENTENCE.finditer(answer) if _MARKER.sub("", s.group(0)).strip(" 。！？!?")]
    grounded = 0
    for s in sentences:
        ids = [int(x) for x in _MARKER.findall(s)]
        if not ids:
            flags.append(Flag("uncited", s))
            continue
        # a passage's heading path is shown with it (一、2024年工作回顾 dates the figures under it)
        source = "".join(squash(f"{passages[i - 1].section}\n{passages[i - 1].text}") for i in ids)
        have = set(_FIGURE.findall(source)) | set(_FIGURE.findall(arabic_figures(source)))  # 三万五千一百元 is 35100元
        missing = [f for f in figures(s) if f not in have]
        if missing and is_computed(s):
            made = derived(s)
            missing = [f for f in missing if not _computed(f, [g for g in figures(s) if g in have]) and f not in made]
        if missing:
            flags.append(Flag("figure_not_in_source", s, "、".join(missing)))
            continue
        grounded += 1
    return Checked(answer.strip(), flags, grounded / len(sentences) if sentences else 0.0)
