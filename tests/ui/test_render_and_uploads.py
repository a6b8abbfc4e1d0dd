"""UI pieces without a server: rendering, safe uploads, the bind/auth rule."""

import pytest

from assistant.result import AnswerResult, Citation, Context
from assistant.ui.app import UIError, is_loopback, parse_auth
from assistant.ui.render import answer_markdown, plain_text, sources_html
from assistant.ui.uploads import UploadError, safe_name, save_upload

PASSAGE = "全区生产总值由2010年的49.4亿元增长到2020年的111亿元。城镇居民收入达到37247元。"


def _result(**kw):
    base = dict(question="冀州区2020年地区生产总值是多少？", answer="全区生产总值增长到2020年的111亿元[1]。", refused=False,
                citations=[Citation(id=1, doc="001.txt", title="冀州区规划", section="第一篇 › 第一章", text=PASSAGE,
                                    start=0, end=len(PASSAGE))],
                contexts=[Context(doc="001.txt", section="第一篇 › 第一章", text=PASSAGE, score=0.9),
                          Context(doc="002.txt", section="一、目标任务", text="其他<b>段落</b>", score=0.5)])
    base.update(kw)
    return AnswerResult(**base)


def test_markers_become_links_and_cards_highlight_the_support():
    r = _result()
    md = answer_markdown(r)
    assert '<a class="cite" href="#src-1"' in md and "111亿元" in md
    html = sources_html(r)
    assert 'id="src-1"' in html and "冀州区规划" in html and "第一篇 › 第一章" in html
    assert "<mark>全区生产总值由2010年的49.4亿元增长到2020年的111亿元。</mark>" in html
    assert "<details" in html and "其他相关段落（1）" in html and "其他&lt;b&gt;段落" in html  # escaped, collapsed
    assert "0.900" in html


def test_refusals_look_different_and_show_related_passages():
    r = _result(answer="根据已收录的文件，没有找到能够回答这个问题的内容。", refused=True, citations=[])
    assert answer_markdown(r).startswith("⚠️ **未找到答案**")
    html = sources_html(r)
    assert 'class="refusal"' in html and "可能相关的段落（2）" in html and "<details class=\"others\" open>" in html


def test_plain_text_copy():
    text = plain_text(_result())
    assert text.splitlines()[:3] == ["问：冀州区2020年地区生产总值是多少？", "答：全区生产总值增长到2020年的111亿元[1]。", "来源："]
    assert "[1] 《冀州区规划》（001.txt）第一篇 › 第一章" in text


@pytest.mark.parametrize("name,expected", [
    ("../../etc/passwd.txt", "passwd.txt"), ("..\\\\win\\\\evil.docx", "evil.docx"), ("规划 纲要(2022).pdf", "规划_纲要(2022).pdf"),
    (".hidden.md", "hidden.md"), ("a/b/c/报告.html", "报告.html"),
])
def test_safe_names(name, expected):
    assert safe_name(name) == expected


def test_unusable_names_are_refused():
    for bad in ("..", "/", "...", ""):
        with pytest.raises(UploadError):
            safe_name(bad)


def test_save_upload_checks_type_size_and_stays_in_its_folder(tmp_path):
    src = tmp_path / "x.bin"
    src.write_bytes(b"a" * 2048)
    folder = tmp_path / "uploads"
    ok = save_upload(src, "../../escape.txt", folder, max_bytes=4096)
    assert ok.path == (folder / "escape.txt").resolve() and ok.path.read_bytes() == b"a" * 2048
    assert "unsupported type" in save_upload(src, "tool.exe", folder, 4096).error
    assert "over the" in save_upload(src, "big.txt", folder, 1024).error
    assert not (tmp_path / "escape.txt").exists()


def test_binding_beyond_loopback_needs_auth():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert parse_auth(None, "127.0.0.1", False) is None
    assert parse_auth("alice:s3cret", "0.0.0.0", False) == ("alice", "s3cret")
    assert parse_auth(None, "0.0.0.0", True) is None
    with pytest.raises(UIError, match="--auth"):
        parse_auth(None, "0.0.0.0", False)
    with pytest.raises(UIError, match="user:password"):
        parse_auth("alice", "127.0.0.1", False)


def test_table_rows_in_a_source_card_are_a_table_with_the_cited_row_marked():
    rows = ["指标：地区生产总值增长；单位：%；2025年目标值：5.5左右。", "指标：居民消费价格涨幅；单位：%；2025年目标值：2左右。"]
    text = "表1 主要指标\n" + "\n".join(rows) + "\n实现上述目标需要<努力>。"
    cite = Citation(id=1, doc="r.docx", title="报告", section="一、目标 › 表1 主要指标", text=text, start=0, end=len(text))
    r = _result(answer=f"{rows[1]}[1]", citations=[cite], contexts=[])
    html = sources_html(r)
    assert '<table class="src-table"><tr><th>指标</th><th>单位</th><th>2025年目标值</th></tr>' in html
    assert '<tr><td>地区生产总值增长</td>' in html  # the other row, not marked
    assert '<tr class="hit"><td>居民消费价格涨幅</td><td>%</td><td>2左右</td></tr>' in html
    assert "表1 主要指标" in html and "需要&lt;努力&gt;" in html and "<mark>" not in html.split("</table>")[1]
