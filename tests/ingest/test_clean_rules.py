"""General cleaning rules of issue 16 on small made-up texts (the corpus-dev tests cover real files)."""

import pytest

from ingest.clean import boilerplate_rules, clean
from ingest.load import decode
from ingest.sections import heading_of


def _exact(raw, c):
    assert all(raw[int(c.source_index[i])] == ch or ch == "\n" for i, ch in enumerate(c.text))
    assert all(b > a for a, b in zip(c.source_index, c.source_index[1:]))


def test_head_chrome_one_token_per_line_and_tail_links():
    body = "各位代表：\n" + "现在，我代表省人民政府，向大会报告工作，请予审议。" * 6 + "\n"
    raw = "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年某省政府工作报告\n来源：\n某某日报\n" + body * 8 + "相关报道：\n某条新闻标题\n"
    c = clean(raw)
    assert c.text.startswith("2026年某省政府工作报告\n各位代表：")
    assert "相关报道" not in c.text and "某条新闻标题" not in c.text and "某某日报" not in c.text
    assert c.boilerplate_chars > 0
    _exact(raw, c)


def test_invisible_private_use_subscript_and_form_feed():
    raw = "过去一年交出一份人\n\u200b\n民满意的答卷。细颗粒物（PM\n2.5\n）浓度下降\ue600。\n规划\x0c纲要。"
    c = clean(raw)
    assert "交出一份人民满意" in c.text and "（PM2.5）浓度下降。" in c.text and "规划纲要" in c.text
    _exact(raw, c)


def test_private_use_text_is_accepted():
    text, enc = decode(("图标\ue600\ue601正文内容" * 5).encode("utf-8"))
    assert enc == "utf-8" and "正文内容" in text


def test_ocr_brackets_and_arabic_articles():
    assert heading_of("〈一）加强组织领导")[0] == 6
    assert heading_of("（五〕强化督查")[0] == 6
    assert heading_of("第3条 本办法自发布之日起施行。") == (4, "第3条")
    assert heading_of("附件2")[0] == 1 and heading_of("名词解释")[0] == 1


def test_rules_file_names_a_bad_zone(tmp_path):
    bad = tmp_path / "rules.txt"
    bad.write_text("# comment\nfooter .*\n", encoding="utf-8")
    with pytest.raises(ValueError, match="rules.txt:2"):
        boilerplate_rules(bad)
