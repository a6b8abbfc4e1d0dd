"""The UI in a real browser (Debian's chromium through Playwright): ask about the sample corpus and follow a
citation; upload a .docx and get an answer cited from it; the 指标 tab (filter, click a value, see its passage).
Set PLANQA_WRITE_SCREENSHOT=1 to refresh docs/screenshot.png and docs/targets.png."""

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

from assistant.builder import open_index
from assistant.settings import Settings
from assistant.ui.app import build_app
from assistant.ui.render import CSS
from tests.conftest import REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (apt install chromium)")]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']


@pytest.fixture()
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _serve(env: dict):
    settings = Settings(home=Path(env["PLANQA_HOME"]), collection=env.get("PLANQA_COLLECTION", "planqa_chunks"))
    demo = build_app(settings, open_index(settings))
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=None, css=CSS, quiet=True)
    return demo


def _ask(page, question: str):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.fill("#question textarea", question)
    page.click("#send")
    try:
        page.wait_for_selector("#chat a.cite", timeout=180_000)
        page.wait_for_selector("#sources #src-1", timeout=60_000)
    except PlaywrightTimeout:
        pytest.fail(f"no cited answer; chat: {page.inner_text('#chat')!r}; sources: {page.inner_text('#sources')!r}")


def test_ask_and_follow_a_citation(browser, corpus_kb, tmp_path):
    root, env = corpus_kb
    demo = _serve(env)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(demo.local_url)
        _ask(page, "冀州区2020年地区生产总值是多少？")
        chat = page.inner_text("#chat")
        assert "111亿元" in chat and "[1]" in chat
        card = page.locator("#sources #src-1")
        assert "001_28c4fe0a356f8a23.txt" in card.inner_text() and card.locator("mark").count() == 1
        page.locator("#chat a.cite").first.click()
        page.wait_for_function("location.hash === '#src-1'")
        assert page.evaluate("document.querySelector('#src-1').getBoundingClientRect().top") < 900
        shot = tmp_path / "screenshot.png"
        page.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 10_000
        if os.environ.get("PLANQA_WRITE_SCREENSHOT"):
            shutil.copyfile(shot, REPO / "docs" / "screenshot.png")
    finally:
        demo.close()


def test_upload_a_docx_then_ask_about_it(browser, kb, tmp_path):
    import docx

    settings, _, _ = kb
    path = tmp_path / "充电设施实施方案.docx"
    d = docx.Document()
    d.add_paragraph("关于加快充电基础设施建设的实施方案")
    d.add_paragraph("一、建设目标")
    d.add_paragraph("到2025年,示范区新建公共充电桩360个,实现乡镇全覆盖。")
    d.save(path)
    demo = _serve(dict(os.environ))  # the kb fixture set PLANQA_HOME (and PLANQA_COLLECTION) there
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(demo.local_url)
        page.get_by_role("tab", name="知识库").click()
        page.set_input_files("#upload input[type=file]", str(path))
        page.wait_for_timeout(1000)
        page.click("#ingest")
        page.wait_for_function("document.querySelector('#ingest-log').innerText.includes('added')", timeout=180_000)
        assert "充电设施实施方案.docx" in page.inner_text("#doc-table")
        page.get_by_role("tab", name="问答").click()
        _ask(page, "示范区到2025年要新建多少个公共充电桩？")
        assert "360个" in page.inner_text("#chat")
        assert page.locator("#sources #src-1").get_attribute("data-doc") == "充电设施实施方案.docx"
    finally:
        demo.close()


def _choose(page, elem_id: str, option: str):
    """Pick one option of a gradio Dropdown: type to filter, then click the option."""
    box = page.locator(f"#{elem_id} input").first
    box.click()
    box.fill("")
    box.press_sequentially(option)  # typed keys (not fill) open the list again after a multiselect's first pick
    choice = page.get_by_role("option", name=option, exact=True).first
    choice.wait_for()
    choice.click()
    page.keyboard.press("Escape")


def _cell(page, text: str):
    """The visible cell of the 指标 table showing exactly ``text`` (the Dataframe also renders hidden sizing cells)."""
    return page.locator("#targets-table").get_by_text(text, exact=True).filter(visible=True).first


JIZHOU = "001_28c4fe0a356f8a23.txt"


def test_targets_tab_filter_click_a_value_see_its_passage(browser, corpus_kb, tmp_path):
    """The 指标 tab: filter by indicator, year and kind, click a value, see the passage with the value marked at its
    offsets; the comparison view; CSV export. Set PLANQA_WRITE_SCREENSHOT=1 to refresh docs/targets.png."""
    root, env = corpus_kb
    demo = _serve(env)
    try:
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.goto(demo.local_url)
        page.get_by_role("tab", name="指标").click()
        _choose(page, "targets-docs", f"冀州区国民经济和社会发展 第十四个五年规划和二〇三五年远景目标纲要（{JIZHOU}）")
        _choose(page, "targets-year", "2025")
        _choose(page, "targets-kind", "目标（target）")
        page.click("#targets-filter")
        page.wait_for_function("document.querySelector('#targets-status').innerText.includes('共')", timeout=60_000)
        assert "共 28 条" in page.inner_text("#targets-status")
        table = page.inner_text("#targets-table")
        assert JIZHOU in table and "60%左右" in table and "实绩" not in table and "004_" not in table
        _cell(page, "60%左右").click()
        card = page.locator("#targets-passage .target-passage").first
        card.wait_for(timeout=60_000)
        assert card.get_attribute("data-doc") == JIZHOU
        assert card.locator("mark.target-value").inner_text() == "60"
        assert "常住人口城镇化率" in card.locator(".target-sentence").inner_text()
        assert "冀州区" in card.locator(".tp-doc").inner_text() and "›" in card.locator(".tp-path").inner_text()
        start, end = int(card.get_attribute("data-start")), int(card.get_attribute("data-end"))
        index = open_index(Settings(home=Path(env["PLANQA_HOME"]),
                                    collection=env.get("PLANQA_COLLECTION", "planqa_chunks")))
        text = index.text(next(r.doc_id for r in index.documents() if r.name == JIZHOU))
        assert text[start:end] == "60"
        page.evaluate("window.scrollTo(0, 0)")
        shot = tmp_path / "targets.png"
        page.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 10_000
        if os.environ.get("PLANQA_WRITE_SCREENSHOT"):
            shutil.copyfile(shot, REPO / "docs" / "targets.png")
        # the comparison view: one indicator across documents and years, each cell clickable
        _choose(page, "targets-docs", "真抓实干 接力拼搏 开拓前行（004_1f12325822a7f9ec.txt）")
        _choose(page, "targets-indicator", "地区生产总值增速")
        _choose(page, "targets-year", "全部")
        _choose(page, "targets-kind", "全部")
        page.click("#targets-compare")
        page.wait_for_function("document.querySelector('#targets-status').innerText.includes('个文件')",
                               timeout=60_000)
        grid = page.inner_text("#targets-table")
        assert JIZHOU in grid and "004_1f12325822a7f9ec.txt" in grid and "8．5％以上" in grid
        _cell(page, "8．5％以上").click()
        page.wait_for_function("document.querySelector('#targets-passage mark.target-value')?.innerText === '8．5'",
                               timeout=60_000)
        assert page.locator("#targets-passage .target-passage").first.get_attribute("data-doc") == \
            "004_1f12325822a7f9ec.txt"
        # export the current view (the two values of the comparison)
        page.click("#targets-csv")
        link = page.locator("#targets-file a[href*='targets-']").first
        link.wait_for(timeout=60_000)
        body = page.request.get(link.get_attribute("href")).body().decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(body)))
        assert [(r["doc_name"], r["indicator"], r["value"], r["unit"]) for r in rows] == [
            (JIZHOU, "地区生产总值增速", "6", "%"), ("004_1f12325822a7f9ec.txt", "地区生产总值增速", "8．5", "％")]
    finally:
        demo.close()
