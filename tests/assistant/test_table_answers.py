"""Indicator tables answered through the assistant: a .docx, an .html and a PDF table (each written by the test)
answer a row's target or result from that row, and the citation names the table and holds the row."""

import pytest

from assistant.builder import open_index
from assistant.chain import Assistant
from assistant.settings import Settings
from tests.ingest.test_formats_structure import make_table_docx, make_table_html, make_table_pdf
from vectordb.pipeline import ingest_paths

pytestmark = pytest.mark.integration

MAKERS = {"docx": make_table_docx, "html": make_table_html, "pdf": make_table_pdf}
# (question, the row's words, the value asked, other rows' values that must not be given); the document's prose
# gives none of these values, so only the table row can answer
CASES = [("居民消费价格涨幅2025年目标是多少？", "居民消费价格涨幅", "2左右", ("5.5以内", "5.5左右", "5.1")),
         ("2024年城镇调查失业率完成值是多少？", "城镇调查失业率", "5.1", ("0.2", "5.3"))]


@pytest.mark.parametrize("fmt", list(MAKERS))
def test_a_table_row_answers_its_target(fmt, home, tmp_path):
    path = MAKERS[fmt](tmp_path / f"indicators.{fmt}")
    settings = Settings()
    index = open_index(settings)
    report = ingest_paths(index, [path], settings.chunking())
    assert not report.failed
    assistant = Assistant(settings, index)
    for question, row, target, others in CASES:
        r = assistant.ask(question)
        assert not r.refused, (question, r.answer)
        assert target in r.answer and not any(o in r.answer for o in others), (question, r.answer)
        cited = r.citations[0]
        assert cited.section.endswith("表1 主要指标"), cited.section
        assert row in cited.text and target in cited.text
        assert index.text(index.documents()[0].doc_id)[cited.start:cited.end] == cited.text
