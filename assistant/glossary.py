"""Query normalisation and expansion from an editable glossary (assistant/data/glossary.txt)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from ingest.zh import join_digit_spaces
from ingest.zh.vocab import vocabulary_groups

DEFAULT_GLOSSARY = Path(__file__).parent / "data" / "glossary.txt"
_CN_DIGITS = dict(zip("〇零一二三四五六七八九", "00123456789"))
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
# PM二点五 (a voice input): a decimal right after letters is a name's number, PM2.5
_LETTER_DECIMAL = re.compile(r"(?<=[A-Za-z])[〇零一二三四五六七八九]点[〇零一二三四五六七八九]+")
_BARE_YI = re.compile(r"(?<=[\d多少几])亿(?!元)")  # "多少亿" asks for 亿元


_TYPOS = dict(g for g in vocabulary_groups("typos") if len(g) == 2)  # ingest/data/typos.txt: 补帖 → 补贴


@lru_cache(maxsize=1)
def _typos() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(_TYPOS, key=len, reverse=True))))


class GlossaryError(ValueError):
    """A glossary file that cannot be read."""


# What follows a year that dates a document (2023年政府工作报告, 2026年的报告); question.py reads full years by it.
DOCUMENT_AFTER_YEAR = r"度?的?[\u4e00-\u9fff]{0,8}?(?:政府工作报告|工作报告|报告|规划|计划|纲要|意见|方案|通知|办法|讲话)"
# 25年政府工作报告, 19年的规划: a two-digit year that dates a document (not 近10年, 过去5年)
_SHORT_YEAR = re.compile(rf"(?<![\d.近这过去前后多每几第余了])(\d{{2}})(?=年{DOCUMENT_AFTER_YEAR})")


def normalise_query(text: str) -> str:
    """Full-width digits, letters and punctuation to half-width, 二〇三五年 → 2035年, 25年政府工作报告 → 2025年…,
    `2020 年` → `2020年`, `多少亿` → `多少亿元`."""
    text = "".join(unicodedata.normalize("NFKC", ch) if ord(ch) >= 0xFF01 and ord(ch) <= 0xFF5E else ch for ch in text)
    text = _typos().sub(lambda m: _TYPOS[m.group(0)], text) if _TYPOS else text
    text = _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(0)), text)
    text = _LETTER_DECIMAL.sub(lambda m: "".join(_CN_DIGITS.get(c, ".") for c in m.group(0)), text)
    text = _SHORT_YEAR.sub(lambda m: ("20" if int(m.group(1)) < 50 else "19") + m.group(1), text)
    return _BARE_YI.sub("亿元", join_digit_spaces(text)).strip()


@dataclass(frozen=True)
class Expanded:
    text: str  # the normalised question
    added: tuple[str, ...] = field(default_factory=tuple)  # glossary terms it did not contain


@dataclass(frozen=True)
class Glossary:
    groups: tuple[tuple[str, ...], ...]

    @classmethod
    def load(cls, path: Path | None = None) -> "Glossary":
        path = path or DEFAULT_GLOSSARY
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            raise GlossaryError(f"cannot read glossary {path}: {e}") from e
        groups = []
        for n, line in enumerate(lines, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            terms = tuple(t for t in (normalise_query(x) for x in line.split("|")) if t)
            if len(terms) < 2:
                raise GlossaryError(f"{path}:{n}: a group needs at least two terms separated by |")
            groups.append(terms)
        return cls(tuple(groups))

    @staticmethod
    @lru_cache(maxsize=1)
    def builtin() -> "Glossary":
        """The built-in glossary, read once (the words the rules themselves know)."""
        return Glossary.load(DEFAULT_GLOSSARY)

    @cached_property
    def group_of(self) -> dict[str, tuple[str, ...]]:
        """Lower-cased term → the first group that holds it (looked up for every term of every candidate)."""
        out: dict[str, tuple[str, ...]] = {}
        for group in self.groups:
            for t in group:
                out.setdefault(t.lower(), group)
        return out

    def expand(self, question: str) -> Expanded:
        q = normalise_query(question)
        folded = q.lower()
        added: list[str] = []
        for group in self.groups:
            if any(t.lower() in folded for t in group):
                added.extend(t for t in group if t.lower() not in folded and t not in added)
        return Expanded(q, tuple(added))
