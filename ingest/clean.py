"""Clean extracted text while keeping an exact map back to the source.

Every pass only deletes source characters (or swaps one for one), so the cleaned
text is a concatenation of source slices and ``source_index[i]`` names the
source character behind cleaned character ``i``. Passes, in order: newlines,
web/doc-site boilerplate lines, doc-sharing page markers ("2、" glued into
sentences), table of contents, hard wraps, trailing spaces and blank runs.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.sections import heading_of
from ingest.zh import CN_DIGITS, DOC_NUMBER, HEADING_LEVELS, NEWS_DATELINE

BOILERPLATE_FILE = Path(__file__).with_name("data") / "boilerplate.txt"
ZONES = ("line", "head", "label", "crumb", "tail")
HEAD_LINES = 40  # the head region never runs past this many non-blank lines
HEAD_BODY_LINE = 50  # a longer line that no head rule matches ends the head region
TAIL_SHARE = 0.25  # a tail block starts in the last quarter of the text …
TAIL_MAX_CHARS = 8000  # … and is never longer than this
_INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad\ufeff"
_LINE_STRIP = " \t\u3000\u00a0\u2002\u2003"


@functools.lru_cache(maxsize=4)
def boilerplate_rules(path: Path = BOILERPLATE_FILE) -> dict[str, re.Pattern[str]]:
    """The boilerplate patterns of ``path`` by zone, each zone one alternation of whole-line regexes."""
    zones: dict[str, list[str]] = {z: [] for z in ZONES}
    for n, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        zone, _, rx = line.partition(" ")
        if zone not in zones or not rx.strip():
            raise ValueError(f"{path}:{n}: expected 'ZONE REGEX' with ZONE one of {', '.join(ZONES)}")
        re.compile(rx.strip())  # a bad pattern names its line
        zones[zone].append(rx.strip())
    return {z: re.compile("|".join(f"(?:{rx})" for rx in rxs) if rxs else r"(?!x)x") for z, rxs in zones.items()}


_PAGE_MARKER = re.compile(r"^(\d{1,4})、", re.M)
# 目录 opening its line, or spaced out at the end of one a PDF's cover page ran into (编制日期：…二月目 录)
_TOC_HEAD = re.compile(r"^[ \t\u3000]*目[ \t\u3000]*录|目[ \t\u3000]+录(?=[ \t\u3000]*$)", re.M)
_GLUED_PAGE = re.compile(r"(?<=[\u4e00-\u9fff）)])\d{1,3}$")  # 一、项目概况1: an entry's page number, no leader
_TOC_PAGE = re.compile(r"(?:[ \t.…·]{2,}\d{1,4}|[（(〈]\s*\d{1,3}\S?\s*[)）〉])[ \t]*$")
_TOC_PAGE_INSIDE = re.compile(r"[（(〈]\d{2,3}[)）〉]\S")  # "…综合指标（315）第一章…"
_TOC_KEYS = re.compile(rf"第[{CN_DIGITS}=\d]+[编{HEADING_LEVELS}]")
_DOTTED = re.compile(r"^\S.{1,80}?(?:[.．…·_]{4,}|…{2,}|(?:\. ){3,})\s*\d{1,4}$")
_SENTENCE_END = tuple("。！？；;：:!?”」』）)…")


@dataclass(frozen=True)
class Cleaned:
    text: str
    source_index: np.ndarray  # int32, len(text): source offset of each cleaned character
    title_hint: str = ""  # a title found in boilerplate that was removed (doc-site banner)
    removed: tuple[str, ...] = ()  # what the passes did, for the ingest report
    boilerplate_chars: int = 0  # source characters dropped as site chrome, headers and footers
    toc_chars: int = 0  # characters dropped as a table of contents

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


def _bare(line: str) -> str:
    return line.strip(_LINE_STRIP)


def _norm_title(line: str) -> str:
    """A title's text for spotting its repetition: no spaces, one bracket and dash style."""
    out = re.sub(r"\s+", "", line).translate(str.maketrans("()—–－", "（）---"))
    return out


def _strip_invisible(t: _Text, notes: list[str]) -> None:
    """Zero-width and private-use (icon-font) characters go; a line holding only zero-width
    characters that cuts a sentence ("交出一份人\n\u200b\n民满意") goes with both its line breaks."""
    spans = []
    for m in re.finditer(rf"\n[{_INVISIBLE}]+\n", t.text):
        before = t.text[: m.start()].rstrip(" \t")
        after = t.text[m.end() : m.end() + 1]
        if before and not before.endswith(("\n",) + _SENTENCE_END) and after and after != "\n":
            spans.append((m.start(), m.end()))
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    spans += [(i, i + 1) for i, ch in enumerate(t.text)
              if i not in covered and (ch in _INVISIBLE or unicodedata.category(ch) == "Co")]
    if spans:
        t.delete(spans)
        notes.append(f"invisible characters: {len(spans)}")


_SPACED_DIGITS = re.compile(r"\d \d")
_GLUED_DIGITS = re.compile(r"\d\d")
_INNER_SPACES = re.compile(r"(?<=\S) +(?=\S)")
SPACED_MIN = 10  # a document needs this many spaced digit pairs (and more spaced than glued) to count as spaced


def _join_spaced_text(t: _Text, notes: list[str]) -> None:
    """Database and OCR exports that space every digit and mark ("到2 0 0 5年 , 达到2 9 0 0 亿元"): in a
    document where spaced digit pairs outnumber glued ones, ASCII spaces inside a line go, except between
    two Latin letters and around a field separator " / "."""
    spaced = len(_SPACED_DIGITS.findall(t.text))
    if spaced < SPACED_MIN or spaced <= len(_GLUED_DIGITS.findall(t.text)):
        return
    spans = []
    for m in _INNER_SPACES.finditer(t.text):
        left, right = t.text[m.start() - 1], t.text[m.end()]
        if (left.isascii() and left.isalpha() and right.isascii() and right.isalpha()) or "/" in (left, right):
            continue
        spans.append((m.start(), m.end()))
    t.delete(spans)
    notes.append(f"spaced text joined: {len(spans)} spaces")


def _strip_site_chrome(t: _Text, notes: list[str], rules: dict[str, re.Pattern[str]]) -> int:
    """Whole boilerplate lines by zone (see ingest/data/boilerplate.txt); returns the characters removed."""
    text = t.text
    lines = list(_lines(text))
    kill: set[int] = set()
    for i, (_, line) in enumerate(lines):
        s = _bare(line)
        if s and rules["line"].fullmatch(s):
            kill.add(i)

    # Head: toolbars, labels and their values, breadcrumbs, a title repeated right after the chrome.
    nonblank = [i for i, (_, line) in enumerate(lines) if _bare(line)]
    crumb = after_sep = label = False
    titles: set[str] = set()
    signed: set[int] = set()
    for k, i in enumerate(nonblank[:HEAD_LINES]):
        s = _bare(lines[i][1])
        if i in signed:
            continue
        if k + 1 < len(nonblank) and _ISSUER_LINE.fullmatch(s) and \
                _SIGNED_DATE.fullmatch(_bare(lines[nonblank[k + 1]][1])):
            signed.add(nonblank[k + 1])  # a notice's 落款 (its body, the day under it): no repeated title, no dateline
            continue
        if crumb and len(s) <= 12 and (s in (">", "»", "/") or after_sep):
            kill.add(i)
            after_sep = s in (">", "»", "/")
            continue
        crumb = False
        if rules["crumb"].fullmatch(s):
            kill.add(i)
            crumb, after_sep = True, s.endswith((":", "：", ">", "»"))
            if s.endswith((">", "»")) and len(s) > 8:
                crumb = False  # a one-line breadcrumb: the title follows
            continue
        if label and len(s) <= 25 and not heading_of(s) and not rules["head"].fullmatch(s):
            kill.add(i)  # "来源：" then "四川日报"
            label = False
            continue
        label = False
        if rules["label"].fullmatch(s):
            kill.add(i)
            label = True
            continue
        if i in kill or rules["head"].fullmatch(s):
            kill.add(i)
            continue
        norm = _norm_title(s)
        if norm in titles and len(norm) >= 6:
            kill.add(i)  # the same title twice (legal-database exports)
            continue
        titles.add(norm)
        if len(s) > HEAD_BODY_LINE:
            break

    # Tail: from the first tail-block opener in the last quarter to the end.
    cut = None
    for i in nonblank:
        p = lines[i][0]
        if p >= (1 - TAIL_SHARE) * len(text) and len(text) - p <= TAIL_MAX_CHARS and rules["tail"].fullmatch(_bare(lines[i][1])):
            cut = p
            break
    spans = [(lines[i][0], min(lines[i][0] + len(lines[i][1]) + 1, len(text))) for i in sorted(kill)
             if cut is None or lines[i][0] < cut]
    if cut is not None:
        spans.append((cut, len(text)))
    removed = sum(e - s for s, e in spans)
    if spans:
        t.delete(spans)
        notes.append(f"boilerplate lines: {len(kill)}" + (f", tail block of {len(text) - cut} chars" if cut is not None else ""))
    return removed


_FIELD_START = re.compile(r"[\u4e00-\u9fff]{2,6}[：:]\S")  # a labelled field of minutes or a form: 列席：某某


def _fields(line: str, nxt: str) -> bool:
    """Two labelled fields in a row (出席：… / 列席：…): each a block of its own, however its value ends."""
    return bool(_FIELD_START.match(line.strip()) and _FIELD_START.match(nxt.strip()))


_CLOSING_START = tuple("）)，,。、；;：:！!？?」』")
_SUBSCRIPT = re.compile(r"[0-9]{1,2}(?:\.[0-9])?")


_CELL_GAP = re.compile(r"[ \t\u3000]{2,}")


def _text_row(line: str) -> bool:
    """A table row laid out as text: three cells or more parted by runs of spaces (指标　　2025年　　2030年)."""
    return len(_CELL_GAP.split(line.strip(_LINE_STRIP))) >= 3


def _page_head(line: str) -> bool:
    """A web page's head line: a breadcrumb (首页 > 政务公开) or the portal's name, a block of its own."""
    return bool(_CRUMBS.fullmatch(line.strip()) or _SITE.fullmatch(line.strip()))


def _join_fragments(t: _Text, notes: list[str], paragraphs_blank_separated: bool) -> None:
    """Line breaks inside a sentence: a subscript on its own line ("PM\n2.5\n）浓度"), a line that
    starts with closing punctuation, and (where paragraphs are separated by blank lines, as in wiki
    copies) link text put on its own line ("推动\n区域全面经济伙伴关系协定\n生效")."""
    text = t.text
    lines = list(_lines(text))
    spans = []
    joined_after: set[int] = set()
    for i in range(1, len(lines)):
        p, line = lines[i]
        prev = lines[i - 1][1].rstrip(_LINE_STRIP)
        if not line.strip() or not prev.strip():
            continue
        cut = (p - 1 - (len(lines[i - 1][1]) - len(prev)), p)  # the break and the spaces before it
        if _SUBSCRIPT.fullmatch(line.strip()) and re.search(r"[A-Za-z]$", prev):
            spans.append(cut)
            joined_after.add(i)  # the sentence goes on after the subscript
        elif i - 1 in joined_after and not prev.endswith(_SENTENCE_END) and not heading_of(line):
            spans.append(cut)
        elif line.lstrip(_LINE_STRIP).startswith(_CLOSING_START) and not heading_of(line):
            spans.append(cut)
        elif (paragraphs_blank_separated and not prev.endswith(_SENTENCE_END) and not heading_of(prev)
              and not heading_of(line) and not line.lstrip().startswith(("——", "—"))
              and not _text_row(prev) and not _text_row(line) and not _page_head(prev) and not _page_head(line)
              and not NEWS_DATELINE.match(line.strip())  # a news report's dateline opens a block
              and not _SIGNED_DATE.fullmatch(prev.strip())  # a 落款's date ends its block
              and not _fields(prev, line)):
            spans.append(cut)
    if spans:
        t.delete(spans)
        notes.append(f"split sentences joined: {len(spans)}")


# whole lines of markup: a code fence, a rule (---, ***), a table's rule (|---|:--:|)
_MD_LINE = re.compile(r"^[ \t]*(?:`{3}.*|(?:[-*_][ \t]*){3,}|\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?)?[ \t]*)$",
                      re.M)
_MD_LEAD = re.compile(r"^[ \t]{0,3}(?:(?:>[ \t]?)+(?:#{1,6}[ \t]+)?|#{1,6}[ \t]+|[-*+][ \t]+)", re.M)
_MD_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"  # a link's target, one level of brackets inside: (javascript:f())
_MD_INLINE = re.compile(rf"!\[[^\]\n]*\]{_MD_TARGET}|\*\*|__|(?<=\S)[ \t]+#+[ \t]*$|\[(?=[^\]\n]+\]{_MD_TARGET})"
                        rf"|(?<=[^\s\[])\]{_MD_TARGET}", re.M)


# a front matter block (---, key: value lines, ---) opening the file: its keys in Latin letters are markup (title:)
_MD_FRONT = re.compile(r"\A\ufeff?\s*---[ \t]*\n((?:[^\n]*\n){1,30}?)---[ \t]*$", re.M)
_MD_FRONT_KEY = re.compile(r"^[A-Za-z_][\w-]*[ \t]*:[ \t]*", re.M)


def _strip_markdown(t: _Text, notes: list[str]) -> None:
    """Markdown's markup (heading and quote marks, bullets, bold, rules, table rules, link targets, images, front
    matter keys), so a markdown export reads as the document it holds: "## 一、…" is a heading, "[打印本页](javascript:…)"
    its text, "title: 某方案" its title."""
    spans = [m.span() for m in _MD_LINE.finditer(t.text)]
    if front := _MD_FRONT.match(t.text):
        spans += [(front.start(1) + m.start(), front.start(1) + m.end())
                  for m in _MD_FRONT_KEY.finditer(front.group(1))]
    spans += [m.span() for m in _MD_LEAD.finditer(t.text) if m.end() > m.start()]
    spans += [m.span() for m in _MD_INLINE.finditer(t.text)]
    if spans:
        t.delete(spans)
        notes.append(f"markdown marks: {len(spans)}")


_MD_H1 = re.compile(r"^[ \t]{0,3}#[ \t]+(.+?)[ \t#]*$", re.M)


def _markdown_title(text: str) -> str:
    """A markdown export's first level-1 heading among its opening lines, when it names a kind of document: the
    title, whatever account banner or caption stands above it (点击蓝字关注我们, **政府工作报告（全文）**)."""
    head = "\n".join(text.split("\n")[:30])
    m = _MD_H1.search(head)
    if not m:
        return ""
    title = re.sub(r"\*\*|__|[*_`]", "", m.group(1)).strip()
    return title if len(title) <= TITLE_CHARS and _DOC_TYPE.search(title) else ""


def _blank_separated(text: str) -> bool:
    """Most paragraphs are followed by a blank line (web and wiki copies)."""
    lines = text.split("\n")
    nonblank = sum(bool(ln.strip()) for ln in lines)
    return len(lines) >= 5 and sum(not ln.strip() for ln in lines) >= 0.3 * len(lines) and nonblank > 0


def _strip_page_markers(t: _Text, notes: list[str]) -> None:
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
    notes.append(f"page markers: {len(spans)}")


# A scan's specks: a line of dots and stray punctuation (·, ．。·) between the halves of a sentence
_SPECKS = re.compile(r"(?=.*[·．])[ \t\u3000·．.。，,、]+")
# A printed page's number line (— 3 —, - 12 -, 第3页 共20页)
_PAGE_NUMBER = re.compile(r"[—－\-–]\s*\d{1,4}\s*[—－\-–]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?")
_EDGE_NUMBER = re.compile(r"^\d{1,4}[ \t\u3000]+|[ \t\u3000]+\d{1,4}$")  # a page number beside a running head
RUNNING_HEAD_MIN = 3  # a short line repeated this often next to page numbers is the page's running head


def _open_end(line: str) -> bool:
    """A line that ends inside a paragraph: not at 。！？, nor at a quote or bracket closing after one (a list's
    items go on after ；and ：)."""
    s = line.rstrip(_LINE_STRIP)
    ends = "。！？!?…"
    return bool(s) and s[-1] not in ends and not (s[-1] in "”」』）)\"" and len(s) > 1 and s[-2] in ends)


def _strip_page_furniture(t: _Text, notes: list[str]) -> None:
    """Page numbers, running heads and scan specks go; where they part a sentence's halves (…和福建 / — 3 — /
    政府工作报告（2026年） / 的厦门…) the halves join."""
    text = t.text
    lines = list(_lines(text))
    bare = [ln.strip(_LINE_STRIP) for _, ln in lines]
    numbers = {i for i, b in enumerate(bare) if _PAGE_NUMBER.fullmatch(b)}
    near = {j for i in numbers for j in range(i - 3, i + 4)}
    keys = [_EDGE_NUMBER.sub("", b) for b in bare]  # 某区政府工作报告 2: a running head that carries the page number
    counts = Counter(keys[i] for i in near & set(range(len(bare)))
                     if keys[i] and i not in numbers and len(bare[i]) <= 40 and not bare[i].endswith(tuple("。！？；!?;")))
    heads = {b for b, n in counts.items() if n >= RUNNING_HEAD_MIN}
    # a head with its page number is furniture wherever it stands (the first page's, above the title)
    first = next((i for i, b in enumerate(bare) if b), -1)
    # a head on the first page stands above the title, far from its page number: furniture when it opens the text
    # and the title below is another line (a head that repeats the title keeps it)
    top = first >= 0 and keys[first] in heads and keys[first] == bare[first] and \
        next((b for b in bare[first + 1:] if b), "") != bare[first]
    junk = [bool(b) and (i in numbers or (keys[i] in heads and (i in near or keys[i] != b or (top and i == first)))
                         or bool(_SPECKS.fullmatch(b))) for i, b in enumerate(bare)]
    if not any(junk):
        return
    spans, i = [], 0
    while i < len(lines):
        if not junk[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and (junk[j] or not bare[j]):
            j += 1  # the run of furniture and blank lines
        k = i - 1
        while k >= 0 and not bare[k]:
            k -= 1  # the last line of text before the run
        start, end = lines[i][0], lines[j][0] if j < len(lines) else len(text)
        prev = lines[k][1].rstrip(_LINE_STRIP) if k >= 0 else ""
        nxt = lines[j][1] if j < len(lines) else ""
        if prev and nxt.strip() and _open_end(prev) and not heading_of(prev) \
                and not nxt.startswith(tuple(_LINE_STRIP)) and not heading_of(nxt):
            start = lines[k][0] + len(prev)  # from the end of the text before: the sentence goes on
        spans.append((start, end))
        i = j
    t.delete(spans)
    notes.append(f"page furniture lines: {sum(junk)}")


# a line that is only the bodies issuing a document (某区人民政府, 某市统计局 国家统计局某市调查队), under its title
_SIGNED_DATE = re.compile(r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日")
_ISSUER_LINE = re.compile(r"(?:[\u4e00-\u9fff]{2,24}(?:人民政府|委员会|办公室|办公厅|调查队|[局厅委])[\s\u3000]*)+")
_DOC_NUMBER_LINE = re.compile(rf"[\u4e00-\u9fff]{{1,12}}{DOC_NUMBER}")  # 某政办发〔2026〕9号 alone on its line
WRAP_SHARE = 0.5  # of a text's open lines as wide as the commonest width (± WRAP_SLACK): the text is hard-wrapped
WRAP_SLACK = 3
WRAP_MIN_LINES = 10
WRAP_FULL = 0.75  # of that width: a line this wide that ends open is cut off


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in line)  # “” print full-width


# a speech's dateline (——2026年1月26日在…) stays a line of its own; a dashed item (——2024年：全面启动…) wraps as prose
_DASHED_DATE = re.compile(r"[—－-]{2}\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*\d{1,2}\s*月")


def _join_fixed_width_wraps(t: _Text, notes: list[str]) -> None:
    """A text copied out of a PDF is cut into lines of one width, mid-sentence, its paragraphs opened by an indent:
    a full-width open line goes on in the next line unless that one is indented, a heading or blank."""
    lines = list(_lines(t.text))
    opened = [_width(ln.rstrip()) for ln in (x for _, x in lines) if ln.strip() and _open_end(ln)]
    if len(opened) < WRAP_MIN_LINES:
        return
    counts = Counter(opened)
    width = max(counts, key=lambda w: (counts[w], w))
    if width < 40 or sum(abs(w - width) <= WRAP_SLACK for w in opened) < WRAP_SHARE * len(opened):
        return
    spans = []
    for (p, line), (q, nxt) in zip(lines, lines[1:]):
        s = line.rstrip()
        # a full line (digits print narrower) is cut off, even one that opens with a run-in heading
        if _open_end(s) and _width(s) >= WRAP_FULL * width and not _DASHED_DATE.match(s.lstrip()) \
                and nxt.strip() and not nxt.startswith(tuple(_LINE_STRIP)) and not heading_of(nxt) \
                and not _text_row(s) and not _text_row(nxt) and not _ISSUER_LINE.fullmatch(nxt.strip()) \
                and not _DOC_NUMBER_LINE.fullmatch(nxt.strip()):
            spans.append((p + len(s), q))
    if spans:
        t.delete(spans)
        notes.append(f"fixed-width wraps joined: {len(spans)}")


def _toc_line_strength(s: str) -> bool:
    """A line that can only be a table of contents: a trailing page number, several headings run
    together ("第一章…第二章…第二篇…"), or OCR debris of dotted leaders."""
    if _TOC_PAGE.search(s) or len(_TOC_KEYS.findall(s)) >= 2 or _TOC_PAGE_INSIDE.search(s):
        return True
    junk = sum(ch.isdigit() or ch in "·.…“”\"'\t " for ch in s)
    return len(s) >= 8 and junk / len(s) >= 0.4


def _entry(line: str) -> str:
    """A contents line without its page number."""
    s = _TOC_PAGE.sub("", line).strip(" \t\u3000")
    bare = _GLUED_PAGE.sub("", s)
    return bare if heading_of(bare) else s


def _strip_toc(t: _Text, notes: list[str]) -> None:
    """Drop a 目录 block near the top: from the 目录 line to the last line that can only be a
    contents entry, before the body's prose starts. Entries may run together on one line, and the
    body's first heading may be glued to the last entry ("…第二十六章保障计划全面落实序言")."""
    m = _TOC_HEAD.search(t.text)
    if m and m.start() <= 0.3 * len(t.text):
        head_end = t.text.find("\n", m.start())
        head_end = len(t.text) if head_end < 0 else head_end
        first = _entry(t.text[m.end():head_end])
        first = re.split(r"[\s（(]", first, maxsplit=1)[0] if first else ""
        end, entries, prose, last_line = head_end, 0, 0, ""
        for p, line in _lines(t.text[head_end + 1:]):
            s = line.strip(" \t\u3000")
            if not s:
                continue
            entry = _entry(s)
            if entries and first and entry == first:
                break  # the body repeats the first entry
            if _toc_line_strength(s) or (len(s) <= 80 and heading_of(s)):
                end, entries, prose, last_line = head_end + 1 + p + len(line), entries + 1, 0, s
                first = first or entry
            elif len(s) > 30:
                prose += len(s)
                if prose >= 150:
                    break
        if entries >= 3:
            if first and last_line.endswith(first) and len(last_line) > len(first):
                end -= len(first) + (len(t.text[:end]) - len(t.text[:end].rstrip(" \t\u3000")))
            removed = t.text[m.start():end]
            t.delete([(m.start(), end)])
            notes.append(f"table of contents: {entries} entries, {len(removed)} chars")
    # Contents without a 目录 line: runs of dotted-leader entries ("第一章 总则……………3").
    dotted = [(p, len(line) + 1) for p, line in _lines(t.text) if _DOTTED.match(line.strip(" \t\u3000"))]
    if len(dotted) >= 3:
        t.delete([(p, min(p + n, len(t.text))) for p, n in dotted])
        notes.append(f"dotted contents lines: {len(dotted)}")


# a numbered item's lead sentence and the text after it on one full line (3.主要收入情况。增值税完成…，主要是): prose
_LEAD_THEN_TEXT = re.compile(r"^.{2,30}?[。：:][^。]{16,}$")
# an article's number and its text on one line, cut mid-sentence (第二十一条义务兵服现役期间，其家庭按…的标准): prose
# (up to its first comma, so a long line is read once)
_ARTICLE_THEN_TEXT = re.compile(r"^第[一二三四五六七八九十百零〇\d]{1,5}条\s*[^\s，,。；;]{2}[^。，,、；;]*[，,、；;][^。]*$")


TITLE_LINES = 4  # the title is among a document's first lines
_TITLE_END = re.compile(r"(?:规划|纲要|意见|报告|方案|通知|决定|办法|条例|计划|要点|公报|措施|细则|规定|公告|通报|公示)$")
_DATELINE_LINE = re.compile(r"[—－\-]{1,2}\s*[（(]?\d{4}\s*年.{0,40}(?:会议上|大会上|会上)[）)]?$")  # a speech's dateline: its own line


def _join_hard_wraps(t: _Text, notes: list[str]) -> None:
    """Join a line cut mid-sentence ("一般公\\n\\n共预算收入") with the next non-blank line."""
    spans = []
    lines = list(_lines(t.text))
    opening = [i for i, (_, x) in enumerate(lines) if x.strip()][:TITLE_LINES]
    for i, (p, line) in enumerate(lines):
        s = line.rstrip()
        # Short lines are titles unless a comma shows they are cut-off prose ("其中,示范县县").
        if len(s.strip()) < (6 if re.search("[,，]", s) else 20) or s.endswith(_SENTENCE_END) or (
                heading_of(s) and not _LEAD_THEN_TEXT.search(s) and not _ARTICLE_THEN_TEXT.match(s.strip())) \
                or _DATELINE_LINE.match(s.strip()):
            continue
        j = i + 1
        while j < len(lines) and not lines[j][1].strip():
            j += 1
        if j >= len(lines) or j - i > 3:
            continue
        nxt = lines[j][1].strip()
        if i in opening and _TITLE_END.search(s) and not _TITLE_PUNCT.search(s) and not _YEAR_SPAN_LINE.fullmatch(nxt):
            continue  # 某县2026年事业单位公开招聘工作人员公告 / 根据…: the title line, not a wrap (its years go on it)
        if heading_of(nxt) or nxt.startswith(("——", "—")) or NEWS_DATELINE.match(nxt) or _text_row(s) \
                or _text_row(nxt) or _ISSUER_LINE.fullmatch(nxt) or _DOC_NUMBER_LINE.fullmatch(nxt) or _fields(s, nxt):
            continue
        spans.append((p + len(s), lines[j][0] + (len(lines[j][1]) - len(lines[j][1].lstrip()))))
    t.delete(spans)
    if spans:
        notes.append(f"hard wraps joined: {len(spans)}")


def clean(text: str, join_wraps: bool | None = None, rules: dict[str, re.Pattern[str]] | None = None,
          markdown: bool = False) -> Cleaned:
    """``markdown``: the text is markdown; its markup goes first, and its lines are blocks (as HTML's).
    ``join_wraps``: None decides from the text (most lines followed by a blank line, as in web copies); False:
    line breaks end blocks (HTML paragraphs), so neither wraps nor split sentences are joined.
    ``rules``: boilerplate patterns by zone (default: ingest/data/boilerplate.txt)."""
    rules = rules or boilerplate_rules()
    t = _Text(text)
    notes: list[str] = []
    t.delete([(i, i + 1) for i, ch in enumerate(t.text) if ch in "\ufeff\x00" or (ch == "\r" and t.text[i + 1 : i + 2] == "\n")])
    # A form feed is a page break: inside a sentence it goes, between paragraphs it is a line break.
    t.delete([(i, i + 1) for i, ch in enumerate(t.text) if ch == "\x0c" and (
        t.text[i + 1 : i + 2] in ("\n", "\r", "") or t.text[i - 1 : i] in ("\n", "\r", "")
        or not t.text[i - 1 : i].endswith(_SENTENCE_END))])
    for ch in ("\r", "\u2028", "\u2029", "\x0c"):
        t.swap(ch, "\n")
    _strip_invisible(t, notes)
    title_hint = _markdown_title(t.text) if markdown else ""
    if markdown:
        _strip_markdown(t, notes)
        join_wraps = False
    _join_spaced_text(t, notes)

    banner = re.search(r"《([^》]{4,80}?)(?:\.docx?|\.pdf|\.txt)?(?:\(\d+页[^)]*\))?》由会员分享", t.text)
    if banner:
        title_hint = banner.group(1)
    _strip_page_furniture(t, notes)  # first: page numbers show where running heads are
    before = len(t.text)
    _strip_site_chrome(t, notes, rules)
    boilerplate_chars = before - len(t.text)

    _strip_page_markers(t, notes)
    before = len(t.text)
    _strip_toc(t, notes)
    toc_chars = before - len(t.text)
    blank_separated = _blank_separated(t.text)
    # join_wraps=False: every line break is a block's end (HTML), never a wrap inside a sentence
    _join_fragments(t, notes, blank_separated and join_wraps is not False)
    lines_decide = join_wraps is None
    if join_wraps is None:
        join_wraps = blank_separated
    if join_wraps:
        _join_hard_wraps(t, notes)
    elif lines_decide:  # a plain text whose lines end blocks, unless they are a PDF copy's fixed-width lines
        _join_fixed_width_wraps(t, notes)

    # Trailing spaces, then blank-line runs (keep one blank line), then leading blank lines.
    t.delete([(m.start(), m.end()) for m in re.finditer(r"[ \t\u3000]+(?=\n|$)", t.text)])
    t.delete([(m.start() + 2, m.end()) for m in re.finditer(r"\n{3,}", t.text)])
    lead = len(t.text) - len(t.text.lstrip("\n"))
    t.delete([(0, lead)])
    return Cleaned(t.text, t.idx, title_hint, tuple(notes), boilerplate_chars, toc_chars)


_DOC_TYPE = re.compile(r"规划|纲要|意见|报告|讲话|方案|通知|决定|思路|办法|条例|计划|要点|公报|措施|细则|规定")
_TITLE_PUNCT = re.compile(r"[，。；：,;:！？]")
_BYLINE = re.compile(r"[局厅委办院队室][\u3000 ]+\S")  # 某市统计局　国家统计局某市调查队: issuers, not a title's first line
_SALUTATION = re.compile(r"[^，。；,;]{1,16}[：:]")  # 各位代表：, 同志们：
_FIELD_TITLE = re.compile(r"(?:标\s*题|名\s*称)\s*[:：]\s*(.{4,80}?)[。；;]?$")  # a metadata table's 标题： (名称：) field
_METADATA = re.compile(r"[^：:，。]{1,6}[:：]\s*[0-9A-Za-z][\x00-\x7f]*|.*\s/\s.*")  # 分类号:BH6 6, 云南日报 / 2001年 / …
TITLE_CHARS = 60
_SPACED_OUT = re.compile(r"(?:[\u4e00-\u9fff][ \t\u3000]+){2,}[\u4e00-\u9fff]")  # 实 施 方 案
# lines above a portal page's title that are never part of it: a breadcrumb (首页 > 政务公开 > …), the caption and
# rows of a metadata table (表1 文号、发布日期： / 文号：…；发布日期：…), a 文号 line (某政办发〔2025〕31号)
_CRUMBS = re.compile(r"(?:(?:当前位置|您的位置|您现在的位置|所在位置)[:：]\s*)?[^>＞»›\n]{1,12}(?:\s*[>＞»›]\s*[^>＞»›\n]{1,20})+")
_FIELDS_ROW = re.compile(r"表\s*\d{1,2}\s.{1,20}[：:]|(?:[^：:；;。]{1,8}[：:][^；;]{1,40}[；;]\s*)+[^：:；;。]{1,8}[：:].*")
_DOC_NUMBER = re.compile(r".{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号")
_YEAR_SPAN_LINE = re.compile(r"[（(]\s*\d{4}\s*[—–－-]{1,2}\s*\d{4}\s*年?\s*[）)]")
# a law or a government's rules published under an announcement (某市人民代表大会常务委员会公告, 某省人民政府令)
_PROMULGATION = re.compile(r".{2,40}(?:公告|令)(?:[（(]?第[^）)]{1,8}号[）)]?)?")
_PROMULGATED = re.compile(r"《([^《》]{4,60})》(?:已经?|业经|已由|由|经)[^。]{0,160}?现予(?:公布|发布)")
_SITE = re.compile(r".{2,12}(?:人民政府|政府|门户网站|政务网|网站|网)")  # a portal's name, above a page's title


def _tidy_title(title: str) -> str:
    """A title as a line gives it: up to a sentence's comma (…规划纲要，根据…), or up to where the title starts
    over (a joined repeat), without trailing dots, at most TITLE_CHARS."""
    t = title.strip()
    comma = re.search(r"[，,]", t)
    if comma and comma.start() >= 8 and len(t) > 30:
        t = t[: comma.start()]
    again = t.find(t[:8], 8) if len(t) >= 16 else -1
    if again > 0:
        t = t[:again]
    return t.rstrip("·.。 \u3000")[:TITLE_CHARS]


def extract_title(cleaned: Cleaned | str) -> str:
    """The document's title from its first lines (or the doc-site banner)."""
    hint = cleaned.title_hint if isinstance(cleaned, Cleaned) else ""
    text = cleaned.text if isinstance(cleaned, Cleaned) else cleaned
    if hint:
        return hint
    lines = [ln.strip() for ln in text.split("\n")[:12] if ln.strip()]
    for i in range(len(lines) - 1, 0, -1):
        if _YEAR_SPAN_LINE.fullmatch(lines[i]):  # 某市国土空间总体规划 / （2021—2035年）: one title
            lines[i - 1: i + 1] = [lines[i - 1] + lines[i]]
    while len(lines) > 1 and (any(rx.fullmatch(lines[0]) for rx in (_CRUMBS, _FIELDS_ROW, _DOC_NUMBER)) or (
            _SITE.fullmatch(lines[0]) and _CRUMBS.fullmatch(lines[1]))):  # a portal's name above its breadcrumb
        lines = lines[1:]
    for ln in lines:
        m = _FIELD_TITLE.match(ln)
        if m:
            return _tidy_title(m.group(1))
    if any(_PROMULGATION.fullmatch(ln) for ln in lines[:3]):
        for ln in lines[:8]:  # 某市人大常委会公告 / 《某市养犬管理条例》已由…通过…现予公布: the text it publishes
            if m := _PROMULGATED.search(ln):
                return _tidy_title(m.group(1))
    head = lines[:4]
    short = [ln for ln in head if len(ln) <= TITLE_CHARS and not heading_of(ln)]
    # a page's menu above its title (琮州市财政局 / 首页 / 机构概况 / …): no opening line names a kind of document,
    # and the first "关于…的报告" line below is the title
    for ln in short if any(_DOC_TYPE.search(x) for x in head) else lines:
        if ln.startswith("关于") and _DOC_TYPE.search(ln) and len(ln) <= TITLE_CHARS and not heading_of(ln):
            return ln
    if not head:
        return ""
    while len(head) > 1 and _METADATA.fullmatch(head[0]) and not _DOC_TYPE.search(head[0]):
        head = head[1:]  # newspaper and database headers above the title
    first = head[0]
    if _SALUTATION.fullmatch(first):
        return ""  # a speech that starts at 各位代表： has no title line (the file name stands for it)
    if len(first) > TITLE_CHARS:
        return _tidy_title(first)
    nxt = head[1] if len(head) > 1 else ""
    if _SPACED_OUT.fullmatch(nxt):  # 鹭汀县…专项债券项目 / 实 施 方 案: a cover page's kind of document, spaced out
        nxt = re.sub(r"[ \t\u3000]+", "", nxt)
        short = [nxt if ln == head[1] else ln for ln in short]
    if first.startswith(("(", "（")) and nxt in short and _DOC_TYPE.search(nxt):
        return _tidy_title(nxt)  # a "(省)…" source label above the real title
    if _SITE.fullmatch(first) and nxt in short and _DOC_TYPE.search(nxt):
        return _tidy_title(nxt)  # a portal's name above the title (青岚市人民政府 / 2025年青岚市政府工作报告)
    if not _DOC_TYPE.search(first) and nxt in short and _DOC_TYPE.search(nxt) and len(first + nxt) <= TITLE_CHARS \
            and not _BYLINE.search(first):
        return _tidy_title(first + nxt)  # a title wrapped over two lines
    if not _DOC_TYPE.search(first):
        # a header above the title: a red-letter 版头 (某某省人民政府文件), 某某市人民政府令 and its number, a
        # publisher's byline: the title is the first short line below that names a kind of document
        for i, ln in enumerate(lines[1:8], 1):
            if (len(ln) <= TITLE_CHARS and _DOC_TYPE.search(ln) and not _TITLE_PUNCT.search(ln) and not heading_of(ln)
                    and not ln.startswith(("—", "（", "("))):
                before = lines[i - 1]  # …关于印发《…帮扶 / 工作实施方案》的通知: a title wrapped inside its 《》
                if before.count("《") > before.count("》") and len(before + ln) <= 2 * TITLE_CHARS:
                    return _tidy_title(before + ln)
                # …办公室关于印发泠州市安全生产 / 治本攻坚…的通知: a 关于 line that names no kind of document goes on
                if "关于" in before and not _DOC_TYPE.search(before) and not _TITLE_PUNCT.search(before) \
                        and len(before + ln) <= TITLE_CHARS:
                    return _tidy_title(before + ln)
                return _tidy_title(ln)
    return _tidy_title(first)
