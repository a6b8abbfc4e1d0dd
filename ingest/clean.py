"""Clean extracted text while keeping an exact map back to the source.

Every pass only deletes source characters (or swaps one for one), so the cleaned
text is a concatenation of source slices and ``source_index[i]`` names the
source character behind cleaned character ``i``. Passes, in order: newlines,
web/doc-site boilerplate lines, doc-sharing page markers ("2、" glued into
sentences), table of contents, hard wraps, trailing spaces and blank runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ingest.sections import heading_of

_BOILERPLATE = re.compile(
    r"^[ \t]*(?:当前位置[:：].*|时间[:：].{0,40}浏览(?:量|次数)?[:：].*|.*由会员分享.*|推荐访问[:：].*|猜你喜欢.*"
    r"|相关(?:推荐|阅读|文章)[:：]?$|上一篇[:：].*|下一篇[:：].*|责任编辑[:：].*|(?:打印|关闭)(?:本页|窗口).*"
    r"|分享到[:：].*|【?字体[:：].*)[ \t]*$",
    re.M,
)
_PAGE_MARKER = re.compile(r"^(\d{1,4})、", re.M)
_TOC_HEAD = re.compile(r"^[ \t]*目[ \t\u3000]*录[ \t]*$", re.M)
_TOC_PAGE = re.compile(r"[ \t.…·]{2,}\d{1,4}[ \t]*$")
_SENTENCE_END = tuple("。！？；;：:!?”」』）)…")


@dataclass(frozen=True)
class Cleaned:
    text: str
    source_index: np.ndarray  # int32, len(text): source offset of each cleaned character
    title_hint: str = ""  # a title found in boilerplate that was removed (doc-site banner)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets covering cleaned text[start:end]."""
        if end <= start:
            s = int(self.source_index[start]) if start < len(self.text) else int(self.source_index[-1]) + 1
            return s, s
        return int(self.source_index[start]), int(self.source_index[end - 1]) + 1

    def segments(self) -> list[tuple[int, int, int]]:
        """Run-length form (clean_start, source_start, length), compact enough to store."""
        idx = self.source_index
        if len(idx) == 0:
            return []
        breaks = np.flatnonzero(np.diff(idx) != 1) + 1
        starts = np.concatenate([[0], breaks])
        ends = np.concatenate([breaks, [len(idx)]])
        return [(int(s), int(idx[s]), int(e - s)) for s, e in zip(starts, ends)]


class _Text:
    def __init__(self, text: str):
        self.text = text
        self.idx = np.arange(len(text), dtype=np.int32)

    def delete(self, spans: list[tuple[int, int]]) -> None:
        if not spans:
            return
        keep = np.ones(len(self.text), dtype=bool)
        for s, e in spans:
            keep[s:e] = False
        self.text = "".join(ch for ch, k in zip(self.text, keep) if k)
        self.idx = self.idx[keep]

    def swap(self, old: str, new: str) -> None:
        assert len(old) == len(new) == 1
        self.text = self.text.replace(old, new)


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _strip_page_markers(t: _Text) -> None:
    """Doc-sharing sites cut text into numbered slices: "…实现翻\\n3、两番". Remove marker and newline."""
    lines = [(p, ln) for p, ln in _lines(t.text) if ln.strip()]
    numbered = [(p, int(m.group(1)), m.end()) for p, ln in lines if (m := _PAGE_MARKER.match(ln))]
    if len(numbered) < 5 or len(numbered) < 0.6 * len(lines):
        return
    nums = [n for _, n, _ in numbered]
    if sum(b == a + 1 for a, b in zip(nums, nums[1:])) < 0.8 * (len(nums) - 1):
        return  # not a running sequence: a real numbered list
    spans = []
    for p, n, mlen in numbered:
        start = p - 1 if p > 0 and t.text[p - 1] == "\n" else p  # join with no separator
        spans.append((start, p + mlen))
    t.delete(spans)


def _strip_toc(t: _Text) -> None:
    """Drop a 目录 block: short heading lines or lines ending in page numbers, up to the first prose line."""
    m = _TOC_HEAD.search(t.text)
    if not m:
        return
    end, entries, first = m.end(), 0, None
    for p, line in _lines(t.text[m.end():]):
        s = line.strip()
        if not s:
            continue
        entry = _TOC_PAGE.sub("", s).strip()
        if len(s) > 80 or not (_TOC_PAGE.search(line) or heading_of(s)) or entry == first:
            break  # prose, or the body repeating the first entry
        first = first or entry
        entries += 1
        end = m.end() + p + len(line)
    if entries >= 3:
        t.delete([(m.start(), end)])


def _join_hard_wraps(t: _Text) -> None:
    """Join a line cut mid-sentence ("一般公\\n\\n共预算收入") with the next non-blank line."""
    spans = []
    lines = list(_lines(t.text))
    for i, (p, line) in enumerate(lines):
        s = line.rstrip()
        # Short lines are titles unless a comma shows they are cut-off prose ("其中,示范县县").
        if len(s.strip()) < (6 if re.search("[,，]", s) else 20) or s.endswith(_SENTENCE_END) or heading_of(s):
            continue
        j = i + 1
        while j < len(lines) and not lines[j][1].strip():
            j += 1
        if j >= len(lines) or j - i > 3:
            continue
        nxt = lines[j][1].strip()
        if heading_of(nxt) or nxt.startswith(("——", "—")):
            continue
        spans.append((p + len(s), lines[j][0] + (len(lines[j][1]) - len(lines[j][1].lstrip()))))
    t.delete(spans)


def clean(text: str, join_wraps: bool | None = None) -> Cleaned:
    """``join_wraps``: None decides from the text (most lines followed by a blank line, as in web copies)."""
    t = _Text(text)
    t.delete([(i, i + 1) for i, ch in enumerate(t.text) if ch in "\ufeff\x00" or (ch == "\r" and t.text[i + 1 : i + 2] == "\n")])
    for ch in ("\r", "\u2028", "\u2029", "\x0c"):
        t.swap(ch, "\n")

    title_hint = ""
    banner = re.search(r"《([^》]{4,80}?)(?:\.docx?|\.pdf|\.txt)?(?:\(\d+页[^)]*\))?》由会员分享", t.text)
    if banner:
        title_hint = banner.group(1)
    spans = [(m.start(), min(m.end() + 1, len(t.text))) for m in _BOILERPLATE.finditer(t.text)]
    t.delete(spans)

    _strip_page_markers(t)
    _strip_toc(t)
    if join_wraps is None:
        lines = t.text.split("\n")
        join_wraps = len(lines) >= 5 and sum(not ln.strip() for ln in lines) >= 0.3 * len(lines)
    if join_wraps:
        _join_hard_wraps(t)

    # Trailing spaces, then blank-line runs (keep one blank line), then leading blank lines.
    t.delete([(m.start(), m.end()) for m in re.finditer(r"[ \t\u3000]+(?=\n|$)", t.text)])
    t.delete([(m.start() + 2, m.end()) for m in re.finditer(r"\n{3,}", t.text)])
    lead = len(t.text) - len(t.text.lstrip("\n"))
    t.delete([(0, lead)])
    return Cleaned(t.text, t.idx, title_hint)


_DOC_TYPE = re.compile(r"规划|纲要|意见|报告|讲话|方案|通知|决定|思路|办法|条例|计划|要点")


def extract_title(cleaned: Cleaned | str) -> str:
    """The document's title from its first lines (or the doc-site banner)."""
    hint = cleaned.title_hint if isinstance(cleaned, Cleaned) else ""
    text = cleaned.text if isinstance(cleaned, Cleaned) else cleaned
    if hint:
        return hint
    head = [ln.strip() for ln in text.split("\n")[:12] if ln.strip()][:4]
    short = [ln for ln in head if len(ln) <= 60 and not heading_of(ln)]
    for ln in short:
        if ln.startswith("关于") and _DOC_TYPE.search(ln):
            return ln
    if not head:
        return ""
    first = head[0]
    if len(first) > 60:
        return first[:60]
    nxt = head[1] if len(head) > 1 else ""
    if first.startswith(("(", "（")) and nxt in short and _DOC_TYPE.search(nxt):
        return nxt  # a "(省)…" source label above the real title
    if not _DOC_TYPE.search(first) and nxt in short and _DOC_TYPE.search(nxt) and len(first + nxt) <= 60:
        return first + nxt  # a title wrapped over two lines
    return first
