"""How questions name a part of a document, resolved to the heading prefixes the section parser writes.

第三部分 → a top-level heading `三、…`; 第（八）项 / 第八项 → `（八）…`; 第十五条 / 第15条 → `第十五条…`;
第二篇/章/节/编 → `第二章…`; 附件2 → `附件2…`; 专栏3 → `专栏3…`; 【重点任务5】 → `【重点任务5】…`; 3.2节 → `3.2 …`.
Chinese and Arabic numerals are both accepted and both forms are tried.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator, Sequence, TypeVar

from ingest.sections import heading_of
from ingest.zh import CN_DIGITS, HEADING_LEVELS, ORDINAL, SECTION_SEP, bigrams, cn_number

_DIGITS = "零一二三四五六七八九"
_NUM = rf"[{CN_DIGITS}\d]+"
_REF = re.compile(
    rf"第\s*(?P<n1>{_NUM})\s*(?P<unit>部分|篇|章|节|编|条|项)"
    rf"|第\s*[（(]\s*(?P<n2>{_NUM})\s*[）)]\s*(?:项|条|点|部分)?"
    rf"|(?P<box>附件|专栏|附表|(?<![代发列报图外仪统])表)\s*(?P<n3>{_NUM})"  # 表3: a table by its number
    rf"|【(?P<tag>[^】]{{1,12}}?\d+)】"
    rf"|第?\s*(?P<dec>\d{{1,2}}(?:[.．]\d{{1,2}}){{1,3}})\s*(?:小节|节|条|款|部分)"  # 3.2节 of a decimal outline (1.1, 3.2.1)
)


def to_int(numeral: str) -> int | None:
    """二十三 → 23, 15 → 15, 两 → 2; None when it is not a numeral."""
    s = unicodedata.normalize("NFKC", numeral).replace("〇", "零").replace("两", "二")
    if s.isdigit():
        return int(s)
    if not s or any(c not in _DIGITS + "十百" for c in s):
        return None
    value = cn_number(s)
    return None if value is None else int(value)


def to_chinese(n: int) -> str:
    """23 → 二十三 (1–999), the way headings number their parts."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if not rest else ("零" + _DIGITS[rest] if rest < 10 else ("一" + to_chinese(rest) if rest < 20 else to_chinese(rest)))
    return _DIGITS[n // 100] + "百" + tail


# 最后一部分, 最后一章: the last heading of that kind in the document (resolved through its heading tree)
LAST = "\x00last:"
_LAST_REF = re.compile(r"最后一?(?P<unit>部分|篇|章|节|编|条|项)")
_UNIT_HEAD = {"部分": re.compile(rf"(?:[{_DIGITS}十百]+|\d+)[、.]"), "项": re.compile(rf"（{_NUM}）")}


def _unit_head(unit: str) -> re.Pattern[str]:
    return _UNIT_HEAD.get(unit) or re.compile(rf"第{_NUM}{unit}")


def is_last(prefixes: tuple[str, ...]) -> bool:
    return bool(prefixes) and prefixes[0].startswith(LAST)


def ordinal(element: str) -> int:
    """The number a heading opens with (十、… → 10, 第十五条 → 15, （三）… → 3), 0 when none."""
    m = re.match(rf"\s*第?[（(]?\s*({_NUM})", unicodedata.normalize("NFKC", element))
    return (to_int(m.group(1)) or 0) if m else 0


def heading_prefixes(question: str) -> list[tuple[str, ...]]:
    """One tuple of alternative heading prefixes per part the question names, in order (最后一部分: the marker
    LAST and the kind of part, which `matches` any heading of that kind; the last of them is the one named)."""
    text = unicodedata.normalize("NFKC", question).replace("(", "（").replace(")", "）")
    found: list[tuple[int, tuple[str, ...]]] = [(m.start(), (f"{LAST}{m.group('unit')}",))
                                                for m in _LAST_REF.finditer(text)]
    for m in _REF.finditer(text):
        if m.group("tag"):
            found.append((m.start(), (f"【{m.group('tag')}】",)))
            continue
        if m.group("dec"):  # 3.2 → the heading "3.2 监测预警" (not 3.21)
            found.append((m.start(), (m.group("dec").replace("．", "."),)))
            continue
        raw = m.group("n1") or m.group("n2") or m.group("n3")
        n = to_int(raw)
        if n is None or n <= 0:
            continue
        forms = (to_chinese(n), str(n)) if n < 1000 else (str(n),)
        if m.group("box"):
            found.append((m.start(), tuple(f"{m.group('box')}{f}" for f in forms)))
        elif m.group("n2") or m.group("unit") == "项":  # an item numbered （六）, or run in as 六是…
            found.append((m.start(), tuple(f"（{f}）" for f in forms) + (f"{forms[0]}是",)))
        elif m.group("unit") == "部分":
            found.append((m.start(), (f"{forms[0]}、", f"{forms[1]}、", f"{forms[1]}.")))
        else:
            found.append((m.start(), tuple(f"第{f}{m.group('unit')}" for f in forms)))
    return [prefixes for _, prefixes in sorted(found, key=lambda t: t[0])]


def without_refs(question: str) -> str:
    """The question with its part references (第三部分, 第（八）项, 附件2…) blanked out: they name a place in the
    document, not a subject the passage must mention."""
    return _LAST_REF.sub("，", _REF.sub("，", question.replace("(", "（").replace(")", "）")))


def _folded(element: str) -> str:
    """A heading element with widths, brackets and spaces folded (（一）, (一) and （ 一 ） alike)."""
    return unicodedata.normalize("NFKC", element).replace("(", "（").replace(")", "）").replace(" ", "").lstrip("\u3000")


def within(path: Sequence[str], parts: Sequence[tuple[str, ...]]) -> bool:
    """The heading path holds a heading of each part named (第七篇 of 第七篇最后一章)."""
    return all(any(matches(e, p) for e in path) for p in parts)


def matches(element: str, prefixes: tuple[str, ...]) -> bool:
    """Does one element of a section path start with one of the prefixes (widths and spaces folded)?"""
    e = _folded(element)
    if is_last(prefixes):
        return bool(_unit_head(prefixes[0][len(LAST):]).match(e))
    # a number ends where the element's does: 附件2 or 3.2 is not 附件21 or 3.21 (3.2.1, a sub-part, is 3.2's)
    raw = unicodedata.normalize("NFKC", element).strip()  # spaces kept: 表1 2025年… is 表1's, 附件21 is not 附件2's
    return any(e.startswith(p) and not (p[-1].isdigit() and raw.startswith(p) and raw[len(p): len(p) + 1].isdigit())
               for p in prefixes)


def runin_item(text: str, prefixes: tuple[str, ...]) -> int | None:
    """Where a paragraph opens with the item asked, run in with its text rather than a heading line of its own
    ((16)全面融入都市圈。推进…; a measure 18. of a 若干措施 asked as 第18条): the offset of its first character, or None."""
    if is_last(prefixes) or not prefixes[0].startswith(("（", "第")) or prefixes[0].endswith("、"):
        return None  # 第五部分 is a part, never a paragraph opening 5.
    forms = [_folded(p) for p in prefixes]
    n = ordinal(forms[0]) if forms[0].endswith("条") else 0
    # 第24条: also the measure numbered 24., and only where none is, the one numbered 二十四、 (名词解释第4条 is its 4．)
    for group in ([*forms, f"{n}.", f"{n}、"], [f"{to_chinese(n)}、"]) if n else (forms,):
        for m in re.finditer(r"(?m)^[ \t\u3000]*(\S.{0,11})", text):
            head = _folded(m.group(1))
            if any(head.startswith(f) and not head[len(f):len(f) + 1].isdigit() for f in group):
                return m.start(1)
    # 一是…。二是…。五是…: items run on in one paragraph, the one asked after the item before it
    for f in (f for f in forms if f.endswith("是") and len(f) == 2):
        n = to_int(f[0]) or 0
        before = text.find(f"{to_chinese(n - 1)}是") if n > 1 else -1
        m = re.compile(rf"(?<=[。；;：:])\s*{f}").search(text, before + 1) if before >= 0 else None
        if m:
            return m.end() - len(f)
    return None


def heading_line(text: str, prefixes: tuple[str, ...]) -> int | None:
    """Where a line opens with the part asked (四、) as a heading of its own, though no chunk starts there (a short
    part the chunker kept with the one before it): the offset of its first character, or None."""
    if is_last(prefixes) or not prefixes[0].endswith("、"):
        return None
    forms = [_folded(p) for p in prefixes if p.endswith("、")]
    for m in re.finditer(r"(?m)^[ \t\u3000]*(\S[^\n]*)", text):
        line = m.group(1)
        # the opening folded (as runin_item folds it), the whole line read as a heading only where it matches
        if any(_folded(line[:12]).startswith(f) for f in forms) and (found := heading_of(line)) and found[0] == 5:
            return m.start(1)
    return None


def part_opening(text: str, prefixes: tuple[str, ...]) -> tuple[int, bool] | None:
    """Where the one part asked opens in a text whose heading paths do not show it: run in as a paragraph's opening
    ((16)…, 五是…; False), else as a heading line of its own inside a chunk that starts before it (四、事故性质; True)."""
    at = runin_item(text, prefixes)
    if at is not None:
        return at, False
    at = heading_line(text, prefixes)
    return (at, True) if at is not None else None


def heading_path(section: str) -> tuple[str, ...]:
    """A chunk's heading path as its non-empty elements."""
    return tuple(e for e in section.split(SECTION_SEP) if e.strip()) if section else ()


# 这份报告分成哪几部分 / 规划共有几篇: a question about the document's own outline (its subject is the document, named
# by its genre: 主要任务分成哪几块 asks about a part)
OUTLINE = re.compile(r"(?:报告|规划|纲要|计划|意见|方案|通知|办法|讲话|文件|决定|条例)[^，,。？?]{0,4}?(?:一共|总共|共)?"
                     r"(?:分成|分为|包括|包含|有|由|分)了?(?:哪几|几)[个大]*(部分|篇|章|块)")
_NUMBERED_TOP = re.compile(rf"第{ORDINAL}部分|[{CN_DIGITS}]+、")
T = TypeVar("T")


def outline_level(question: str) -> str | None:
    """部分, 篇 or 章 when the question asks how the document is divided; else None."""
    m = OUTLINE.search(question)
    return ("部分" if m.group(1) == "块" else m.group(1)) if m else None  # 分了几块: its parts


def outline_part(section: str, level: str) -> str | None:
    """The heading of the outline a chunk falls under: its 第X篇/第X章 heading when those are asked, else its top
    heading; None for a chunk under none (a preamble)."""
    path = heading_path(section)
    if level in ("篇", "章"):
        return next((p for p in path if re.match(rf"第{ORDINAL}{level}", p)), None)
    return path[0] if path else None


def numbered_parts(parts: dict[str, T], level: str) -> dict[str, T]:
    """When some top headings are numbered (一、…, 第三部分), only those are parts (an annex or a closing line is
    none)."""
    numbered = {p: v for p, v in parts.items() if _NUMBERED_TOP.match(p)}
    return numbered if level == "部分" and numbered else parts


def outline(chunks: list[tuple[str, str]], level: str) -> list[tuple[str, str]]:
    """(heading, its first chunk id) of each part of one document's outline, in reading order."""
    first: dict[str, str] = {}
    for cid, section in chunks:
        part = outline_part(section, level)
        if part is not None:
            first.setdefault(part, cid)
    return list(numbered_parts(first, level).items())


def items_as_parts(parts: list[tuple[str, ...]]) -> list[tuple[str, ...]] | None:
    """The parts with each item (第三项: （三）, 三是) read as a part numbered 三、, as a document whose items are its
    top headings (a 会议纪要's 一、关于…) numbers them; None when no part is an item."""
    out = [(f"{p[-1][:-1]}、",) if p[0].startswith("（") and p[-1].endswith("是") else p for p in parts]
    return out if out != parts else None


def resolve_part(chunks: list[tuple[str, str]], parts: list[tuple[str, ...]], question: str = ""
                 ) -> tuple[tuple[str, ...], list[str]] | None:
    """The part a question names, through one document's heading tree: `chunks` are (chunk id, heading path) in
    reading order; each of `parts` (第三部分, 第（八）项…) must match a heading, nested in that order. Returns the
    heading path of the part and the chunks that show it: its first chunk, then the first chunk of each sub-part
    (their headings summarise it), or all its chunks when it has no sub-parts. Of several matches (第（六）项 under every part) the shallowest wins, then the one
    whose enclosing headings share most with the question (重点工作的第（六）项)."""
    if not parts:
        return None
    nodes: dict[tuple[str, ...], list[str]] = {}
    for cid, section in chunks:
        path = heading_path(section)
        for i in range(len(path)):
            nodes.setdefault(path[:i + 1], []).append(cid)
    parts = [_outermost(p, nodes) if p[0].endswith("、") else p for p in parts]

    def nested(path: tuple[str, ...]) -> bool:
        if not matches(path[-1], parts[-1]):
            return False
        at = 0
        for element in path[:-1]:
            if at < len(parts) - 1 and matches(element, parts[at]):
                at += 1
        return at == len(parts) - 1

    found = [p for p in nodes if nested(p)]
    if not found:
        return None
    words = bigrams(question)
    order = list(nodes)
    if is_last(parts[-1]):  # the last of the shallowest headings of that kind
        depth = min(len(p) for p in found)
        best = max((p for p in found if len(p) == depth), key=order.index)
    else:
        best = min(found, key=lambda p: (len(p), -len(words & bigrams("".join(p[:-1]))), order.index(p)))
    children = [p for p in nodes if len(p) == len(best) + 1 and p[:-1] == best]
    # no sub-part headings: the part's own chunks, whose run-in leads (旗帜鲜明讲政治。) stand for them
    shown = list(dict.fromkeys([nodes[best][0], *(nodes[c][0] for c in children)] if children else nodes[best]))
    return best, shown


def _outermost(prefixes: tuple[str, ...], nodes: dict[tuple[str, ...], list[str]]) -> tuple[str, ...]:
    """Of a 部分's numberings (五、, 5、, 5.), those of the kind the document numbers its outermost parts with: 第五部分
    of a document whose parts are 一、…四、 is none of its 5. items further down."""
    kinds = {p: _same_kind(p) for p in prefixes}
    depth = {p: min((len(path) for path in nodes if kind.match(_folded(path[-1]))), default=None)
             for p, kind in kinds.items()}
    top = min((d for d in depth.values() if d is not None), default=None)
    return tuple(p for p in prefixes if depth[p] == top) if top is not None else prefixes


def _same_kind(prefix: str) -> re.Pattern[str]:
    """Headings numbered like `prefix`, any number: 第十三篇 → 第N篇, （九） → （N）, 附件2 → 附件N."""
    m = re.search(rf"{_NUM}", prefix)
    if m is None:
        return re.compile(re.escape(prefix))
    return re.compile(re.escape(prefix[:m.start()]) + _NUM + re.escape(prefix[m.end():]))


def absent_part(chunks: list[tuple[str, str]], parts: list[tuple[str, ...]]) -> str | None:
    """The first part a question names (outermost first) that one document's heading tree lacks although it numbers
    parts of that kind (第十三篇 of a plan of twelve, 专栏13 of twelve boxes, 第四部分的第（九）项 of eight); None when
    every part is found, or the document numbers none of that kind (its headings may not have been read)."""
    if not parts or any(is_last(p) for p in parts):
        return None
    elements = {e for _, section in chunks for e in heading_path(section)}
    for i, prefixes in enumerate(parts):
        if resolve_part(chunks, parts[:i + 1]) is not None:
            continue
        kinds = [_same_kind(p) for p in prefixes]  # （九） or 九是…: a document numbering its items either way
        alike = {e for e in elements if any(k.match(_folded(e)) for k in kinds)}
        boxed = prefixes[0].startswith(("附件", "专栏", "附表", "表", "【"))
        return prefixes[0] if len(alike) >= (1 if boxed else 2) else None
    return None


_OPENING = re.compile(r"^[—\-－―\s]+")  # ——必须坚持人民至上: a dash opens each item
MIN_PARALLEL = 3  # headings (or lines) opening alike that make a list


_NUMBERED = re.compile(rf"第|[（(]|[\d０-９]|[{CN_DIGITS}]+[、．.]")  # 第十章, （一）, 1., 一、: numbering, not an opening


def opening(line: str) -> str:
    """The first two characters of a heading or line after a leading dash: 聚焦 in 聚焦对外开放，… ("" for a
    numbered one: numbered items are read as such)."""
    body = _OPENING.sub("", line)
    return "" if _NUMBERED.match(body) else body[:2]


def lead_clause(line: str) -> str:
    """An item's lead clause: 聚焦对外开放 in 聚焦对外开放，高标准建设海南自由贸易港。 (a leading dash dropped)."""
    return re.split(r"[，,：:。；;！？!?]", _OPENING.sub("", line.strip()), maxsplit=1)[0].strip()


_ORDINAL_LEAD = re.compile(rf"^(?:第{ORDINAL}[{HEADING_LEVELS}部分条]|[（(]?[{CN_DIGITS}\d]+[）)、．.]|[{CN_DIGITS}]+[是要])\s*")


def ending_siblings(chunks: list[tuple[str, str]], section: str, question: str) -> list[str]:
    """A list whose items are numbered headings ending alike ((一)网络体系强基行动 … (九)生态体系构建行动) with the
    ending the question names (哪几大行动): the first chunk under each heading sharing the parent of `section`'s
    own, in reading order, when there are at least MIN_PARALLEL of them and the ending has two characters or
    more."""
    path = heading_path(section)
    if not path or not is_numbered(path[-1]):
        return []
    parent = path[:-1]
    firsts: dict[str, str] = {}
    for cid, sec in chunks:
        p = heading_path(sec)
        if len(p) > len(parent) and p[:len(parent)] == parent and is_numbered(p[len(parent)]):
            firsts.setdefault(p[len(parent)], cid)
    if len(firsts) < MIN_PARALLEL:
        return []
    end = common_ending([item_body(h) for h in firsts])
    return list(firsts.values()) if len(end) >= 2 and asks_for(question, end) else []


def asks_for(question: str, word: str) -> bool:
    """The question asks for items that are `word`s (哪几大行动, 五大战略, 哪几种类型的政府), not merely names it
    (行动计划)."""
    return bool(re.search(rf"[几些大种类个项条][^，,。？?]{{0,4}}{re.escape(word)}", question))


def item_body(heading: str) -> str:
    """A numbered heading's lead without its number: 网络体系强基行动 of （一）网络体系强基行动，…"""
    return re.split(r"[，,。；;：:]", _ORDINAL_LEAD.sub("", heading.strip()), maxsplit=1)[0].strip()


def is_numbered(heading: str) -> bool:
    return bool(_ORDINAL_LEAD.match(heading.strip()))


def common_ending(words: Sequence[str]) -> str:
    """The characters every word ends with."""
    end = ""
    for chars in zip(*(w[::-1] for w in words)):
        if len(set(chars)) > 1:
            break
        end = chars[0] + end
    return end


def parallel_siblings(chunks: list[tuple[str, str]], section: str) -> list[str]:
    """A list whose items are headings opening alike (聚焦对外开放，…；聚焦高质量发展，…): the first chunk under each
    heading that shares its parent and its opening with `section`'s own, in reading order, when there are at
    least MIN_PARALLEL of them. `chunks` are (chunk id, heading path) of one document in reading order."""
    path = heading_path(section)
    if not path or len(opening(path[-1])) < 2:
        return []
    parent, head = path[:-1], opening(path[-1])
    firsts: dict[str, str] = {}
    for cid, sec in chunks:
        p = heading_path(sec)
        if len(p) > len(parent) and p[:len(parent)] == parent and opening(p[len(parent)]) == head:
            firsts.setdefault(p[len(parent)], cid)
    return list(firsts.values()) if len(firsts) >= MIN_PARALLEL else []


# 附件：1．某清单 / 2．某分工: the annexes a document lists at its end (their files often not in it)
_ANNEX_LIST = re.compile(r"附\s*件[ \t]*(?:[:：]|(?=\n))\s*")  # 附件：1．… or 附件 on its own line above the list
_ANNEX_ITEM = re.compile(rf"\s*({_NUM})\s*[．.、]\s*([^\n]{{2,80}})")


def _annex_lists(text: str) -> Iterator[list[re.Match[str]]]:
    """Each annex list of a document (附件：1．…\n2．…), as its items numbered 1, 2, … in order."""
    for m in _ANNEX_LIST.finditer(text):
        at, items = m.end(), []
        while (item := _ANNEX_ITEM.match(text, at)) and to_int(item.group(1)) == len(items) + 1:
            at = item.end()
            items.append(item)
        yield items


def annexes_listed(text: str) -> int:
    """How many annexes a document's annex list (附件：1．…\n2．…) numbers; 0 without one."""
    return max((len(items) for items in _annex_lists(text)), default=0)


def listed_annex(text: str, parts: list[tuple[str, ...]]) -> tuple[int, str] | None:
    """The title a document's annex list (附件：1．…\n2．…) gives the annex a question names (附件2), and where it
    stands in the text; None when the question names no annex or the list has no such item."""
    if len(parts) != 1 or not parts[0][0].startswith("附件"):
        return None
    wanted = to_int(parts[0][0][2:]) or 0
    item = next((items[wanted - 1] for items in _annex_lists(text) if 0 < wanted <= len(items)), None)
    return (item.start(2), item.group(2).strip()) if item else None
