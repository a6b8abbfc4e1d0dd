"""Real documents of the twenty-fifth blind batch: an HTML table whose department cell spans the rows of its fees
(rowspan), with a title row above the header and a 备注 row of prose below the last row; a markdown export opening
with a front matter block (title: …)."""

from ingest.clean import clean, extract_title
from ingest.formats import html_extract

FEES = """<html><body><h1>甲县收费目录清单</h1><table class="list">
<thead><tr><th colspan="4">甲县行政事业性收费目录清单（2026年版）</th></tr>
<tr><th>序号</th><th>项目名称</th><th>收费标准</th><th>执收部门</th></tr></thead>
<tbody>
<tr><td>1</td><td>居民身份证工本费</td><td>换领、补领每证20元</td><td rowspan="2">县公安局</td></tr>
<tr><td>2</td><td>机动车号牌工本费</td><td>汽车号牌每副100元</td></tr>
<tr><td>3</td><td>不动产登记费</td><td>住宅类每件80元；非住宅类每件550元</td><td>县自然资源局</td></tr>
<tr><td colspan="4">备注：1.本目录清单所列小微企业，是指符合《中小企业划型标准规定》的小型、微型企业，以市场监管部门登记注册信息为准；2.凡未列入本目录清单的行政事业性收费项目，一律不得收取，缴费单位和个人有权拒绝缴纳；3.国家和省出台新的收费减免政策的，从其规定。</td></tr>
</tbody></table></body></html>"""


def test_a_table_with_spanned_cells_a_title_row_and_a_note_row_is_a_table():
    ex = html_extract(FEES)
    assert len(ex.tables) == 1
    table = ex.tables[0]
    assert table.header == ("序号", "项目名称", "收费标准", "执收部门")
    assert [r[3] for r in table.rows] == ["县公安局", "县公安局", "县自然资源局"]  # the spanned cell in each row
    assert "甲县行政事业性收费目录清单（2026年版）" in table.name
    assert "项目名称：机动车号牌工本费；收费标准：汽车号牌每副100元；执收部门：县公安局" in ex.text
    assert "备注：1.本目录清单所列小微企业" in ex.text  # the note stays, as text after the table


FRONT = """---
title: 甲市冬季清洁取暖和天然气保供工作方案
来源: 甲市发展和改革委员会
---

# 甲市冬季清洁取暖和天然气保供工作方案

## 一、总体要求

本采暖季法定采暖期为**2026年11月15日至2027年3月15日**，共121天。
"""


def test_a_front_matter_key_is_markup():
    cleaned = clean(FRONT, markdown=True)
    assert "title:" not in cleaned.text and "甲市冬季清洁取暖和天然气保供工作方案" in cleaned.text
    assert extract_title(cleaned) == "甲市冬季清洁取暖和天然气保供工作方案"
    assert "采暖期为2026年11月15日至2027年3月15日" in cleaned.text
