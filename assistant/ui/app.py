"""The Gradio Blocks app: chat with streamed, cited answers and a sources panel; a knowledge-base tab.
Every answer comes from the same `Assistant` chain as the CLI."""

from __future__ import annotations

import ipaddress
import threading
from datetime import datetime
from pathlib import Path
from typing import Iterator

import gradio as gr

from assistant.backends import DEFAULT_BACKEND, available
from assistant.chain import Assistant, QuestionError
from assistant.settings import Settings
from assistant.ui.render import answer_markdown, plain_text, sources_html
from assistant.ui.targets_tab import targets_tab
from assistant.ui.uploads import save_upload
from ingest.load import SUPPORTED_SUFFIXES
from vectordb.index import Index
from vectordb.pipeline import ingest_paths, remove_documents

# Questions that fit any collection of plans and reports (the UI knows nothing of the sample corpus).
EXAMPLES = [
    "到2025年的主要发展目标有哪些？",
    "地区生产总值年均增长目标是多少？",
    "这些文件对乡村振兴提了哪些要求？",
    "哪些文件提到了优化营商环境？",
    "第二章讲的是什么？",
]
COPY_JS = "(text) => { if (text && navigator.clipboard) { navigator.clipboard.writeText(text); } return text; }"


class UIError(ValueError):
    """A serve configuration that is refused (e.g. exposed without auth)."""


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_auth(auth: str | None, host: str, insecure: bool) -> tuple[str, str] | None:
    """Binding beyond loopback needs user:password, unless --insecure says otherwise explicitly."""
    if auth:
        user, sep, password = auth.partition(":")
        if not sep or not user or not password:
            raise UIError("--auth must be user:password")
        return user, password
    if not is_loopback(host) and not insecure:
        raise UIError(f"serving on {host} exposes the knowledge base to the network: give --auth user:password "
                      "(or PLANQA_UI_AUTH), or --insecure if you really mean it")
    return None


class App:
    """State shared by all sessions: one set of components (index, search, reranker, backends) whatever backend a
    user picks, one writer at a time."""

    def __init__(self, settings: Settings, index: Index, assistant: Assistant | None = None):
        self.settings, self.index = settings, index
        self.main = assistant or Assistant(settings, index)
        self.assistants: dict[str, Assistant] = {self.main.backend.name: self.main}
        self._lock = threading.Lock()  # assistants dict
        self.write_lock = threading.Lock()  # ingest and remove

    def assistant(self, backend: str) -> Assistant:
        """The chain answering with `backend`, over the shared components."""
        with self._lock:
            if backend not in self.assistants:
                self.assistants[backend] = self.main.with_backend(backend)
            return self.assistants[backend]

    # --- documents -------------------------------------------------------
    def doc_choices(self) -> list[tuple[str, str]]:
        return [(f"{r.title}（{r.name}）", r.doc_id) for r in self.index.documents()]

    def doc_rows(self) -> list[list]:
        return [[r.title, r.name, r.sections, r.n_chunks, datetime.fromtimestamp(r.ingested_at).strftime("%Y-%m-%d %H:%M")]
                for r in self.index.documents()]

    def examples(self) -> list[str]:
        return list(EXAMPLES)

    # --- chat --------------------------------------------------------------
    def respond(self, message: str, history: list, docs: list[str] | None, backend: str, k: float) -> Iterator[tuple]:
        history = list(history or [])
        prior = [dict(m) for m in history]
        question = message if isinstance(message, str) else ""
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": "…"}]
        try:
            assistant = self.assistant(backend or DEFAULT_BACKEND)
            events = assistant.stream(question, history=prior, k=int(k or self.settings.top_k), doc_ids=docs or None)
            yield history, '<div class="sources-empty">检索中…</div>', "", ""
            text = ""
            for event in events:
                if "piece" in event:
                    text += event["piece"]
                    history[-1] = {"role": "assistant", "content": text}
                    yield history, gr.skip(), "", ""
                elif "result" in event:
                    result = event["result"]
                    history[-1] = {"role": "assistant", "content": answer_markdown(result)}
                    yield history, sources_html(result), "", plain_text(result)
        except QuestionError as e:
            history[-1] = {"role": "assistant", "content": f"⚠️ 问题无效：{e}"}
            yield history, sources_html(None), "", ""
        except Exception as e:  # noqa: BLE001 - one failing question must not take the session down
            history[-1] = {"role": "assistant", "content": f"⚠️ 出错了：{type(e).__name__}: {e}"}
            yield history, sources_html(None), message, ""

    # --- knowledge base ----------------------------------------------------
    def ingest(self, files: list | None, progress=gr.Progress()) -> tuple:
        rows: list[list] = []
        uploads = self.settings.home / "uploads"
        saved = [save_upload(Path(f), Path(f).name, uploads, int(self.settings.max_file_mb * 2**20)) for f in files or []]
        rows += [[s.name, "failed", s.error] for s in saved if s.path is None]
        paths = [s.path for s in saved if s.path is not None]
        if paths:
            progress(0, desc="导入中")
            with self.write_lock:
                report = ingest_paths(self.index, paths, self.settings.chunking(),
                                      on_file=lambda i, n, r: progress(i / n, desc=f"{Path(r.path).name}: {r.status}"),
                                      max_bytes=int(self.settings.max_file_mb * 2**20))
            rows += [[Path(f.path).name, f.status, f.reason or f"{f.chunks} chunks, {f.encoding}"] for f in report.files]
        choices = self.doc_choices()
        return rows, self.doc_rows(), gr.update(choices=choices), gr.update(choices=choices, value=None)

    def remove(self, doc_id: str | None) -> tuple:
        msg = "请先选择一个文档"
        if doc_id:
            with self.write_lock:
                [found] = remove_documents(self.index, [doc_id])
            msg = "已删除" if found else "文档不存在（可能已被删除）"
        choices = self.doc_choices()
        return msg, self.doc_rows(), gr.update(choices=choices), gr.update(choices=choices, value=None)

    def ask_api(self, question: str, k: int = 5) -> dict:
        """JSON answer (the CLI's contract) for programmatic clients."""
        return self.assistant(DEFAULT_BACKEND).ask(question, k=int(k)).model_dump()


def build_app(settings: Settings, index: Index, assistant: Assistant | None = None) -> gr.Blocks:
    app = App(settings, index, assistant)
    backends = available(settings)
    with gr.Blocks(title="PlanQA 规划文件问答", analytics_enabled=False) as demo:
        gr.Markdown("## PlanQA 规划文件问答\n答案中的每一处 [n] 都指向右侧的原文段落；文件没有写的，助手会直接说明。")
        with gr.Tab("问答"):
            with gr.Row():
                with gr.Column(scale=3):
                    chat = gr.Chatbot(label="对话", height=520, elem_id="chat", buttons=["copy"], sanitize_html=True)
                    with gr.Row():
                        box = gr.Textbox(placeholder="例如：到2025年常住人口城镇化率目标是多少？", show_label=False,
                                         scale=5, elem_id="question", max_lines=4)
                        send = gr.Button("提问", variant="primary", scale=1, elem_id="send")
                    with gr.Row():
                        clear = gr.Button("清空对话", elem_id="clear")
                        copy = gr.Button("复制答案和来源", elem_id="copy")
                    copy_text = gr.Textbox(visible=False)
                    gr.Examples(app.examples(), inputs=[box], label="示例问题")
                with gr.Column(scale=2):
                    gr.Markdown("### 来源")
                    sources = gr.HTML(sources_html(None), elem_id="sources")
            with gr.Accordion("检索设置", open=False):
                docs = gr.Dropdown(choices=app.doc_choices(), multiselect=True, label="只在这些文件中查找（不选 = 全部）",
                                   elem_id="docs")
                with gr.Row():
                    backend = gr.Dropdown(backends, value=settings.answer_backend if settings.answer_backend in backends
                                          else DEFAULT_BACKEND, label="回答方式")
                    k = gr.Slider(1, 20, value=settings.top_k, step=1, label="检索段落数 (top-k)")
            inputs = [box, chat, docs, backend, k]
            outputs = [chat, sources, box, copy_text]
            box.submit(app.respond, inputs, outputs, api_name="chat")
            send.click(app.respond, inputs, outputs, api_name=False)
            clear.click(lambda: ([], sources_html(None), "", ""), None, outputs, api_name=False)
            copy.click(None, [copy_text], [copy_text], js=COPY_JS, api_name=False)
        with gr.Tab("知识库"):
            files = gr.File(file_count="multiple", file_types=sorted(SUPPORTED_SUFFIXES), label="上传文件",
                            elem_id="upload")
            ingest_btn = gr.Button("导入", variant="primary", elem_id="ingest")
            log = gr.Dataframe(headers=["文件", "状态", "说明"], label="导入结果", elem_id="ingest-log", interactive=False)
            table = gr.Dataframe(app.doc_rows(), headers=["标题", "文件", "章节数", "块数", "导入时间"], label="已收录文件",
                                 elem_id="doc-table", interactive=False)
            with gr.Row():
                pick = gr.Dropdown(choices=app.doc_choices(), label="删除文档", scale=3)
                remove = gr.Button("删除", variant="stop", scale=1)
            removed = gr.Markdown()
            ingest_btn.click(app.ingest, [files], [log, table, docs, pick], api_name=False)
            remove.click(app.remove, [pick], [removed, table, docs, pick], api_name=False)
        targets_tab(app)  # 指标: the indicator table (assistant/ui/targets_tab.py)
        gr.api(app.ask_api, api_name="ask")
    demo.queue(default_concurrency_limit=settings.ui_concurrency, max_size=settings.ui_queue_size)
    return demo
