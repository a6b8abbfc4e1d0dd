"""Ingest through the real pipeline: formats, bad input, duplicates, and a killed ingest process."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.chain import Assistant
from assistant.builder import open_index
from assistant.settings import Settings
from tests.conftest import CORPUS, SERVER_URL
from tests.ingest.test_formats import make_docx, make_html, make_pdf
from vectordb.pipeline import ingest_paths

pytestmark = pytest.mark.integration


def _consistent(index) -> None:
    """Every live document has exactly its chunks in the store, and nothing else is there."""
    got = index.collection.get(include=["metadatas"])
    live = index.registry.live_versions()
    per_doc: dict[str, int] = {}
    for m in got["metadatas"]:
        if live.get(m["doc_id"]) == m["sha"]:
            per_doc[m["doc_id"]] = per_doc.get(m["doc_id"], 0) + 1
    assert per_doc == {r.doc_id: r.n_chunks for r in index.documents()}


def test_every_format_is_answerable(home, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    make_docx(d / "意见.docx", ["关于加快数字经济发展的实施意见", "一、发展目标", "到2025年,全县建成5G基站1200个。"])
    make_pdf(d / "report.pdf", [["县政府工作报告", "一、工作回顾"], ["全年粮食总产量达到52万吨。"]])
    make_html(d / "page.html", "gb18030")
    s = Settings()
    index = open_index(s)
    report = ingest_paths(index, [d], s.chunking())
    assert {Path(f.path).name: f.status for f in report.files} == {
        "意见.docx": "added", "report.pdf": "added", "page.html": "added"}
    assistant = Assistant(s, index)
    r = assistant.ask("到2025年全县要建成多少个5G基站？")
    assert "1200个" in r.answer and r.citations[0].doc == "意见.docx"
    assert r.citations[0].section == "一、发展目标"
    r = assistant.ask("全年粮食总产量是多少？")
    assert "52万吨" in r.answer and r.citations[0].doc == "report.pdf"
    titles = {x.name: x.title for x in index.documents()}
    assert titles["意见.docx"] == "关于加快数字经济发展的实施意见"
    _consistent(index)


def test_bad_inputs_each_get_a_reason(home, tmp_path, small_corpus):
    (small_corpus / "empty.txt").write_bytes(b"")
    (small_corpus / "photo.txt").write_bytes(bytes(range(256)) * 50)
    (small_corpus / "noise.txt").write_bytes(b"\x80\x1b\x07\x81\x1b\x02" * 200)
    (small_corpus / "z_copy_of_plan.txt").write_bytes((small_corpus / "county_plan.txt").read_bytes())
    (small_corpus / "gone.txt").symlink_to(tmp_path / "missing")
    with open(small_corpus / "huge.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024)
    (small_corpus / "sheet.xlsx").write_bytes(b"PK")
    (small_corpus / "slides.pptx").write_bytes(b"PK")
    s = Settings()
    index = open_index(s)
    report = ingest_paths(index, [small_corpus, small_corpus / "slides.pptx"], s.chunking())
    got = {Path(f.path).name: (f.status, f.reason) for f in report.files}
    assert got["county_plan.txt"][0] == "added" and got["eco_opinion.txt"][0] == "added"
    assert got["z_copy_of_plan.txt"] == ("skipped", "same content as county_plan.txt (already ingested)")
    assert got["empty.txt"] == ("failed", "empty file (no text)")
    assert "binary" in got["photo.txt"][1]
    assert "undecodable" in got["noise.txt"][1]
    assert "cannot read" in got["gone.txt"][1]
    assert "over the 20 MiB limit" in got["huge.txt"][1]
    assert "not a valid .xlsx file" in got["sheet.xlsx"][1]
    assert "unsupported file type .pptx" in got["slides.pptx"][1]  # named directly: a failure with its reason
    assert [Path(p).name for p in report.unsupported] == ["slides.pptx"]  # found in the folder: listed as skipped
    assert all("\n" not in reason for _, reason in got.values())
    _consistent(index)


def test_sync_removes_vanished_files(home, small_corpus):
    s = Settings()
    index = open_index(s)
    ingest_paths(index, [small_corpus], s.chunking())
    (small_corpus / "eco_opinion.txt").unlink()
    report = ingest_paths(index, [small_corpus], s.chunking(), sync=True)
    assert [Path(p).name for p in report.removed] == ["eco_opinion.txt"]
    assert [r.name for r in index.documents()] == ["county_plan.txt"]
    _consistent(index)


def _registry_rows(home: Path) -> int:
    """Documents committed so far. Embedded: read from the store's SQLite file, without opening a second
    Chroma client on a folder another process is writing."""
    if SERVER_URL:
        return len(open_index(Settings()).registry.all())
    try:
        db = sqlite3.connect(f"file:{home / 'chroma' / 'chroma.sqlite3'}?mode=ro", uri=True, timeout=5)
        return db.execute("SELECT COUNT(*) FROM embedding_metadata WHERE key = 'kind' AND string_value = 'doc'").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not CORPUS.exists(), reason="no ../shared/corpus")
def test_killed_ingest_leaves_whole_documents_and_next_run_repairs(home, tmp_path):
    planqa = Path(sys.executable).parent / "planqa"
    env = dict(os.environ, PLANQA_HOME=str(home))
    for kill_after_docs in (0, 1, 3):  # mid first file, mid later files
        proc = subprocess.Popen([str(planqa), "ingest", str(CORPUS)], env=env, cwd=tmp_path,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.time() + 300
        marker = home / "write-in-progress"
        # past the start-up (earlier rounds may have left enough documents live) and into writing
        while (_registry_rows(home) <= kill_after_docs or not (SERVER_URL or marker.exists())) \
                and proc.poll() is None and time.time() < deadline:
            time.sleep(0.2)
        time.sleep(1.5)  # into the next file's embedding or writing
        finished = proc.poll() is not None
        if not finished:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        # killed while writing, the marker tells the next run to check the vector index (a run that had written
        # every document was killed, if at all, on its way out)
        all_live = _registry_rows(home) == sum(1 for p in CORPUS.iterdir() if p.is_file())
        assert SERVER_URL or finished or all_live or marker.exists()
        index = open_index(Settings())
        _consistent(index)  # whole documents only, old or new
        live = index.registry.live_versions()
        assert all(live.get(h.doc_id) for h in Assistant(Settings(), index).retrieve("地区生产总值", 20))
    done = subprocess.run([str(planqa), "ingest", str(CORPUS)], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    index = open_index(Settings())
    assert len(index.documents()) == 5
    _consistent(index)
    assert index.count() == sum(r.n_chunks for r in index.documents())  # leftovers collected, no duplicates
    assert not (home / "write-in-progress").exists()
