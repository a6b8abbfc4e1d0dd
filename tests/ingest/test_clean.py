from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.clean import clean, extract_title

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="sample corpus not beside the repo")


def _assert_exact_map(raw: str, c) -> None:
    assert len(c.source_index) == len(c.text)
    # Each cleaned character is its source character (a lone \r and other line breaks become \n).
    assert all(raw[int(c.source_index[i])] == ch or (ch == "\n" and raw[int(c.source_index[i])] in "\r\u2028\u2029\x0c")
               for i, ch in enumerate(c.text))
    assert all(b > a for a, b in zip(c.source_index, c.source_index[1:]))  # order kept


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="当前位置:浏览量时间目录一二三、。，,\r\n 12345亿元（）第章篇X", max_size=400))
def test_map_back_to_source_is_exact(raw):
    _assert_exact_map(raw, clean(raw))


def test_boilerplate_markers_and_wraps():
    raw = ("当前位置:某某文档网 > 范文 >\n\n关于推进某事的实施意见\n\n时间:2022-04-26 13:45:12 浏览量:\n\n"
           "到2025年,示范县生产总值超600亿元,一般公\n\n共预算收入超40亿元;\n推荐访问:高质量 实施意见\n")
    c = clean(raw)
    assert "当前位置" not in c.text and "浏览量" not in c.text and "推荐访问" not in c.text
    assert "一般公共预算收入超40亿元" in c.text
    assert extract_title(c) == "关于推进某事的实施意见"
    _assert_exact_map(raw, c)
    s, e = c.source_span(c.text.index("一般公共"), c.text.index("一般公共") + 6)
    assert raw[s:e] == "一般公\n\n共预算"  # the citation can be shown in the original file


def test_doc_sharing_page_markers():
    body = "".join(f"第{i}段内容是一句很长的话,用来填满一页文字。" * 3 for i in range(12))
    pieces = [body[i : i + 60] for i in range(0, len(body), 60)]
    raw = "《2021年政府工作报告.docx》由会员分享,可在线阅读。\n" + "\n".join(f"{n}、{p}" for n, p in enumerate(pieces, 1))
    c = clean(raw)
    assert c.text == body
    assert extract_title(c) == "2021年政府工作报告"


def test_numbered_list_is_not_taken_for_page_markers():
    raw = "措施如下:\n1、加强领导。\n3、落实责任。\n7、强化考核。\n2、加大投入。\n9、严格督查。\n"
    assert "1、加强领导" in clean(raw).text


@needs_corpus
def test_corpus_cleaning():
    raw = (CORPUS / "000_939b51002dab905c.txt").read_text(encoding="utf-8")
    c = clean(raw)
    assert c.text.count("一、迈上新台阶") == 1  # the 目录 copy is gone
    assert "目  录" not in c.text
    assert extract_title(c) == "XX县国民经济和社会发展“十四五”规划总体思路"
    _assert_exact_map(raw, c)

    raw = (CORPUS / "003_fd803d36d9783eb8.txt").read_text(encoding="utf-8")
    c = clean(raw)
    assert "实现翻两番" in c.text and "三、XXXX年目标任务和重点工作" in c.text and "由会员分享" not in c.text
    assert extract_title(c) == "2021年政府工作报告(区县)"

    c = clean((CORPUS / "002_50fc5b672f9dfdcb.txt").read_text(encoding="utf-8"))
    assert c.text.count("一般公共预算收入") == 2 and "当前位置" not in c.text and "猜你喜欢" not in c.text
    assert extract_title(c) == "关于推进县域经济高质量发展的实施意见"

    c = clean((CORPUS / "001_28c4fe0a356f8a23.txt").read_text(encoding="utf-8"))
    assert extract_title(c) == "冀州区国民经济和社会发展 第十四个五年规划和二〇三五年远景目标纲要"


def test_a_salutation_is_no_title():
    assert extract_title(clean("各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。\n")) == ""
    assert extract_title(clean("同志们：\n今天召开全县经济工作会议。\n")) == ""


def test_titles_from_headers_fields_and_joined_lines():
    # a newspaper database header above the title
    assert extract_title(clean("分类号:BH6 6\n云南日报 / 2 0 0 1年 / 0 2月 /\n某省国民经济和社会发展第十个五年计划纲要\n"
                               "(2001年2月16日某省人民代表大会通过)\n正文。")) == "某省国民经济和社会发展第十个五年计划纲要"
    # a metadata table's 标题 field
    assert extract_title(clean("索引号：000014349/2019-00005\n标题：国务院关于印发某方案的通知。\n发文字号：国发〔2019〕4号\n")) \
        == "国务院关于印发某方案的通知"
    # a title line that runs on into a sentence, or into its own repeat
    assert extract_title(clean("某国国民经济和社会发展第十二个五年（2011—2015年）规划纲要，根据《中共中央关于制定"
                               "国民经济和社会发展第十二个五年规划的建议》编制。\n")) == "某国国民经济和社会发展第十二个五年（2011—2015年）规划纲要"
    assert extract_title("某省人民政府办公厅关于印发支持某产业发展若干政策的通知某省人民政府办公厅关于印发支持某产业发展若干政策") \
        == "某省人民政府办公厅关于印发支持某产业发展若干政策的通知"


def test_spaced_digits_and_marks_joined_in_a_spaced_export():
    body = "".join(f"到2 0 0 {i}年 , 全省生产总值达到2 9 0 {i} 亿元左右 , 人口 、 资源协调 。\n" for i in range(6))
    raw = "云南日报 / 2 0 0 1年 / 第 A0 1版 /\n" + body + "引进 China Academic 数据库 。\n"
    c = clean(raw)
    assert "到2000年,全省生产总值达到2900亿元左右,人口、资源协调。" in c.text
    assert "云南日报 / 2001年 / 第A01版 /" in c.text  # field separators kept
    assert "China Academic" in c.text  # a space between Latin words stays
    _assert_exact_map(raw, c)


def test_a_few_spaced_digits_in_an_ordinary_document_stay():
    raw = "表中数字1 2 3 4 5为序号 。\n" + "".join(f"2025年增长{i}5%左右,投资12{i}亿元。\n" for i in range(10))
    assert "1 2 3 4 5" in clean(raw).text
