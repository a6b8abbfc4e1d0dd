"""A small OpenAI-compatible chat server on 127.0.0.1 for tests: the real langchain-openai client talks to it.

For what a real server cannot be made to do on demand: a chosen reply (a wrong figure, an obeyed injection) and
faults (`fault="500"`: every request fails; `"slow"`: no reply within the client's timeout; `"malformed"`: a
stream that breaks off with invalid JSON). The answers of a real model are tested against llama.cpp's own server
(tests/assistant/test_openai_server.py)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


class FakeLLM:
    """`reply(messages) -> str` decides what the "model" says; every request is kept in `requests`."""

    def __init__(self, reply: Callable[[list[dict]], str], fault: str | None = None, delay: float = 10.0):
        self.reply, self.fault, self.delay = reply, fault, delay
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                outer.requests.append(body)
                if outer.fault == "500":
                    err = b'{"error": {"message": "model crashed", "type": "server_error"}}'
                    self.send_response(500)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(err)))
                    self.end_headers()
                    self.wfile.write(err)
                    return
                if outer.fault == "slow":
                    time.sleep(outer.delay)
                text = outer.reply(body["messages"])
                if body.get("stream") and outer.fault == "malformed":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    chunk = {"id": "c1", "object": "chat.completion.chunk", "created": int(time.time()),
                             "model": body["model"], "choices": [{"index": 0, "delta": {"content": text[:4]},
                             "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                    self.wfile.write(b'data: {"id": "c1", "choices": [{"delta": {"content": "\xe5\n\n')
                    self.wfile.flush()
                    return
                if body.get("stream"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    pieces = [""] + [text[i:i + 4] for i in range(0, len(text), 4)] + [""]
                    for i, p in enumerate(pieces):
                        chunk = {"id": "c1", "object": "chat.completion.chunk", "created": int(time.time()),
                                 "model": body["model"], "choices": [{"index": 0, "delta": {"content": p},
                                 "finish_reason": "stop" if i == len(pieces) - 1 else None}]}
                        self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                        self.wfile.flush()
                    self.wfile.write(b"data: [DONE]\n\n")
                    return
                out = json.dumps({"id": "c1", "object": "chat.completion", "created": int(time.time()),
                                  "model": body["model"], "choices": [{"index": 0, "finish_reason": "stop",
                                  "message": {"role": "assistant", "content": text}}],
                                  "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}},
                                 ensure_ascii=False).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
