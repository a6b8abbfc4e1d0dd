"""Real documents of the twenty-fourth blind batch: a notice's title wrapped after its 关于 line (…办公室关于印发泠州市
安全生产 / 治本攻坚…的通知), and a 专栏 box whose items are numbered as a higher level than the box (专栏1 / 1.… 2.…)."""

from ingest.clean import extract_title
from ingest.sections import outline, parse_sections

HEAD = """          泠州市人民政府办公室文件

                泠政办发〔2024〕11号

  泠州市人民政府办公室关于印发泠州市安全生产
  治本攻坚三年行动实施方案（2024—2026年）的通知

各县（市、区）人民政府，市政府各部门：
"""


def test_a_title_wrapped_after_its_guanyu_line_is_read_whole():
    assert extract_title(HEAD) == "泠州市人民政府办公室关于印发泠州市安全生产治本攻坚三年行动实施方案（2024—2026年）的通知"


BOXES = """第三章 提升创造质量
第三节 推动地理标志发展
正文。
专栏1　创造提质工程
1.高价值专利培育中心。建设市级中心10家。
2.专利导航项目。实施30项。

第四章 加强保护
（一）健全机制
正文。
专栏2　保护工程
1.快速协同保护。
（二）加强重点领域保护
正文。
"""


def test_a_boxs_items_sit_inside_it():
    paths = [s.path for s in parse_sections(BOXES)]
    assert ("第三章 提升创造质量", "第三节 推动地理标志发展", "专栏1 创造提质工程", "2.专利导航项目") in paths
    assert ("第四章 加强保护", "（一）健全机制", "专栏2 保护工程", "1.快速协同保护") in paths
    # a heading of the part the box is in closes the box
    assert ("第四章 加强保护", "（二）加强重点领域保护") in paths
    assert (4, "2.专利导航项目") in outline(BOXES)


def test_a_dashed_item_wrapped_at_the_page_width_goes_on():
    from ingest.clean import clean

    line = "　　——2024年：全面启动八大行动，建立重大事故隐患数据库"
    body = "\n".join([f"　　第{i}段正文内容在这里继续写下去直到这一行写满了为止还有" for i in range(12)])
    text = (f"{body}\n{line}\n和整改台账，较大事故起数控制在3起以内。\n"
            "——2026年1月26日在某市第十七届人民代表大会第五次会议\n上\n")
    out = clean(text).text
    assert "建立重大事故隐患数据库和整改台账，较大事故起数控制在3起以内。" in out
    assert "——2026年1月26日在某市第十七届人民代表大会第五次会议\n" in out  # a dateline stays a line of its own
