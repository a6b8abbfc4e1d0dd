"""Rules of the tenth blind batch, on hand-made text and PDFs: a line that touches a table's bottom rule, the lines
a portal page puts above its title, the place a dateline's tagger cuts badly, shares and increments that answer no
level asked, a figure's time and its own change in the answer, an asker's frame, 几个点, 工作日, pairs of figures."""

import pytest

from assistant.answer.extractive import Candidate, ExtractiveBackend
from assistant.arithmetic import computed_sentence
from assistant.evidence import Check, check_sentence, doc_label, has_figure, other_kind
from assistant.glossary import Glossary
from assistant.question import analyse, without_asker
from ingest.clean import extract_title

G = Glossary.load()


def test_a_line_touching_a_tables_bottom_rule_is_read_below_it(tmp_path):
    pytest.importorskip("pdfplumber")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from ingest.chunk import ChunkConfig
    from ingest.documents import prepare

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 760, "一、农业。全年粮食总产量152.6万吨，比上年增长1.9%。")
    rows = [("产品", "单位", "产量"), ("粮食", "万吨", "152.6"), ("油料", "万吨", "8.43")]
    top, step, xs = 740, 20, (72, 200, 330, 460)
    for i in range(len(rows) + 1):
        c.line(xs[0], top - i * step, xs[-1], top - i * step)
    for x in xs:
        c.line(x, top, x, top - len(rows) * step)
    for i, row in enumerate(rows):
        for x, cell in zip(xs, row):
            c.drawString(x + 4, top - (i + 1) * step + 6, cell)
    bottom = top - len(rows) * step
    c.drawString(72, bottom - 8.3, "二、工业和建筑业")  # its characters' tops stand just above the rule
    c.drawString(72, bottom - 40, "全年全部工业增加值1398.65亿元，比上年增长6.4%。")
    c.save()
    text = prepare(path, ChunkConfig()).text
    assert "二、工业和建筑业" in text and "产品：油料；单位：万吨；产量：8.43" in text
    assert text.index("产品：油料") < text.index("二、工业和建筑业") < text.index("全年全部工业增加值")


def test_lines_a_portal_puts_above_a_title_are_no_part_of_it():
    assert extract_title("首页 > 政务公开 > 政府工作报告\n2026年某某县政府工作报告\n各位代表：") == "2026年某某县政府工作报告"
    meta = "表1 文号、发布日期：\n文号：某政办发〔2026〕7号；发布日期：2026年02月27日。\n某省人民政府办公厅关于印发某省生态环境保护规划的通知\n各设区市人民政府："
    assert extract_title(meta) == "某省人民政府办公厅关于印发某省生态环境保护规划的通知"
    numbered = "某政办发〔2025〕31号\n某某省人民政府办公厅关于印发某某省县域商业体系建设实施方案的通知\n各市人民政府："
    assert extract_title(numbered) == "某某省人民政府办公厅关于印发某某省县域商业体系建设实施方案的通知"


def test_a_documents_place_is_read_past_the_word_the_tagger_joins_to_it():
    label = doc_label("政府工作报告", "r.docx",
                      "——2025年1月8日在渟州市栎溪区第三届人民代表大会第五次会议上栎溪区人民政府区长林思远")
    assert label.place == "栎溪区" and label.names_place("栎溪") and label.level == "county"
    title = "璟江省人民政府办公厅关于印发璟江省关于推进县域商业体系建设的实施方案的通知"
    issued = doc_label(title, "p.docx", f"璟政办发〔2025〕31号\n{title}")
    assert issued.body_place == "璟江省" and "2025" in issued.years  # not 印发璟江省; the 文号's year
    speech = doc_label("坚定信心——在市委经济工作会议上的讲话", "s.txt", "同志们：这次市委经济工作会议，是一次重要会议。")
    assert speech.body_place == ""  # 这次市委 names no place


def test_a_share_or_an_amount_added_does_not_answer_a_level_asked():
    q = "二十大报告说十年来我国经济总量涨到了多少？"
    assert other_kind(q, "我国经济总量占世界经济的比重达百分之十八点五")
    assert not other_kind(q, "国内生产总值从五十四万亿元增长到一百一十四万亿元")
    assert not other_kind("服务业占GDP多少？", "服务业增加值比重达到55%")
    assert other_kind("六五计划1985年挖煤要挖到多少？", "到1985年增加煤炭产量2，300万吨")
    assert not other_kind("去年一次性拿出多少额度来置换隐性债务？", "一次性增加6万亿元地方专项债务限额置换存量隐性债务")
    # a clause of two figures: the share is not the figure asked
    assert not other_kind("高新技术企业数量目标是多少家？", "研发经费支出占营业收入比重达1.26%、有效期内高新技术企业达8200家")
    assert not other_kind("1985年煤炭产量要增加多少？", "到1985年增加煤炭产量2，300万吨")
    assert not other_kind("规上工业产值多少？", "规上工业增加值5000亿元")  # 增加值 adds nothing
    # an amount that stood is not answered by its growth; a goal asked may be one
    assert other_kind("2023年我国国内生产总值是多少？", "国内生产总值增长5%左右")
    assert not other_kind("广东2026年地区生产总值目标是多少？", "地区生产总值增长5%左右")


def _span(question, text):
    backend = ExtractiveBackend(embedder=None, glossary=G)
    return backend._span(analyse(question), Candidate(1, text, 1.0, Check(True)))


def test_a_figures_time_and_its_own_change_are_quoted_with_it():
    assert _span("冀州森林覆盖率要搞到多少？", "到2025 年,全区森林覆盖率达到35%以上,城市建成区绿地率达到37.8%以上") == \
        "到2025 年,全区森林覆盖率达到35%以上,"
    assert _span("年底规上工业企业有几家了", "年末全市规模以上工业企业2146家，比上年末增加138家；营业收入5873.2亿元。") == \
        "年末全市规模以上工业企业2146家，比上年末增加138家；"


def test_an_askers_frame_and_how_they_ask_are_no_terms():
    assert without_asker("我们县在申报项目，想知道省里每年给县域商业建设拿多少钱？") == "省里每年给县域商业建设拿多少钱？"
    assert without_asker("请问2025年GDP目标多少？") == "2025年GDP目标多少？"


def test_a_gap_in_points_is_no_count_and_working_days_are_days():
    s = "全年全市地区生产总值4286.53亿元，比上年增长5.6%。"
    assert check_sentence(analyse("GDP增长几个点？"), s, G, "一、综合").ok
    assert has_figure("企业开办时间压缩至0.5个工作日", "天")
    assert not has_figure("3月8日召开大会", "天")


def test_pairs_of_figures_need_their_own_words_and_a_side_may_be_paraphrased():
    q = "按规划，森林覆盖率从2025年到2030年要提高几个百分点？"
    quotes = ["到2030年，森林覆盖率达到42.5%，湿地保护率达到58%", "国家重点保护野生动植物物种保护率达到95%以上"]
    assert computed_sentence(q, quotes, ["[1]", "[2]"]) is None  # 达到 is no word two figures share
    q = "城里人和农村人人均可支配收入差了多少钱？"
    quote = "城镇居民人均可支配收入50716元，增长4.6%；农村居民人均可支配收入25348元，增长6.5%"
    assert computed_sentence(q, [quote], ["[1]"]).startswith("两者相差25368元（50716元与25348元）")


def test_a_quarters_figure_does_not_answer_the_year_asked():
    quarter = "国家统计局18日发布数据，初步核算，2023年一季度国内生产总值284997亿元，按不变价格计算，同比增长4.5%。"
    title = "2023年一季度国内生产总值同比增长4.5%"
    assert check_sentence(analyse("2023年一季度国内生产总值同比增长多少？"), quarter, G, title).ok
    assert not check_sentence(analyse("2023年国内生产总值同比增长多少？"), quarter, G, title).ok
