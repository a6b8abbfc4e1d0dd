"""The UI in a real browser (Debian's chromium through Playwright): ask about the sample corpus and follow a
citation; upload a .docx and get an answer cited from it. Set PLANQA_WRITE_SCREENSHOT=1 to refresh
docs/screenshot.png."""

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
