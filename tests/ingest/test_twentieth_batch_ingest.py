"""Ingest rule of the twentieth blind batch: a table's name standing before its rows is no part title."""

from ingest.sections import parse_sections, part_title


def test_a_tables_name_before_its_rows_is_no_part():
    before = "城区公办学校学区划分见下表。"
    caption = "某县2026年城区公办义务教育学校学区划分表"
    row = "片区：第一片区；学校名称：某县实验小学；招生范围：凤栖街道文昌路以东区域（含文昌社区）；计划班数：8；计划人数：360。"
    assert not part_title(before, caption, row)
    text = f"五、学区划分\n{before}\n{caption}\n{row}\n六、招生程序\n（一）网上报名。家长于6月10日至6月20日登录平台报名。\n"
    paths = [s.path for s in parse_sections(text)]
    assert ("六、招生程序", "（一）网上报名") in paths  # the parts after the table are not put under its name
    # an unnumbered part title is still one
    body = "坚持稳中求进工作总基调，统筹发展和安全，推动经济实现质的有效提升和量的合理增长，全力以赴抓好以下重点工作，确保全年目标任务圆满完成，为实现十五五良好开局打下坚实基础。"
    assert part_title("全年经济运行总体平稳，各项事业取得新进展。", "2026年重点工作", body)
