"""Start a local Chroma server (`chroma run`) and wait until it answers: for tests, benches and CI."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 60, proc: subprocess.Popen | None = None) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2).read()
            return True
        except OSError:
            if proc is not None and proc.poll() is not None:
                return False
            time.sleep(0.3)
    return False


def start_server(path: Path, log: Path, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """`chroma run --path PATH --host 127.0.0.1 --port N`; returns (process, url) once it is up."""
    port = port or free_port()
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma") or "chroma"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen([chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    if not wait_until_up(url, proc=proc):
        proc.kill()
        raise RuntimeError(f"chroma server did not start: {log.read_text(errors='replace')[-2000:]}")
    return proc, url


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def main(argv: list[str] | None = None) -> int:
    """python -m vectordb.server [--url-env NAME] -- COMMAND...: run COMMAND with a fresh Chroma server on
    127.0.0.1 (data in a temporary folder), its URL in the environment variable NAME."""
    import argparse
    import os
    import tempfile

    ap = argparse.ArgumentParser(prog="python -m vectordb.server", description=main.__doc__.splitlines()[0])
    ap.add_argument("--url-env", default="PLANQA_CHROMA_URL")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        ap.error("no command given")
    with tempfile.TemporaryDirectory(prefix="chroma-server-") as tmp:
        proc, url = start_server(Path(tmp) / "data", Path(tmp) / "server.log")
        print(f"chroma server at {url} (pid {proc.pid})", file=sys.stderr)
        try:
            return subprocess.call(command, env=dict(os.environ, **{args.url_env: url}))
        finally:
            stop_server(proc)


if __name__ == "__main__":
    sys.exit(main())
