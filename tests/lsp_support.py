"""Talking to a real YAML language server over LSP (JSON-RPC on its stdin and stdout).

What an editor does with a deck's `# yaml-language-server: $schema=…` modeline, done from
Python: open a document, read the diagnostics the server publishes, ask for completions
and hovers. The server is Red Hat's `yaml-language-server`, which `scripts/test` installs
with npm into `.tools/yaml-language-server/`.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

from paths import REPO

LOCAL_SERVER = REPO / ".tools" / "yaml-language-server" / "node_modules" / ".bin" / "yaml-language-server"


def language_server_command() -> list[str] | None:
    """The server `scripts/test` installed, else one on PATH; None when there is none."""
    if shutil.which("node") is None:
        return None
    if LOCAL_SERVER.exists():
        return [str(LOCAL_SERVER), "--stdio"]
    found = shutil.which("yaml-language-server")
    return [found, "--stdio"] if found else None


class LanguageServer:
    """One server process, one client: requests wait for their answer, notifications queue up."""

    SETTINGS = {"yaml": {"validate": True, "completion": True, "hover": True, "format": {"enable": False}}}

    def __init__(self, command: list[str], *, root: Path, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            cwd=root, env={**os.environ, "NODE_NO_WARNINGS": "1"},
        )
        self.root = root
        self.next_id = 0
        self.answers: dict[int, queue.Queue] = {}
        self.diagnostics: dict[str, queue.Queue] = {}
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read_forever, daemon=True)
        self.reader.start()

    # --- the protocol -------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read_message(self) -> dict[str, Any] | None:
        stream = self.process.stdout
        assert stream is not None
        length = None
        while True:
            line = stream.readline()
            if not line:
                return None
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        return json.loads(stream.read(length or 0))

    def _read_forever(self) -> None:
        while (message := self._read_message()) is not None:
            if "id" in message and "method" in message:
                self._answer_server_request(message)
            elif "id" in message:
                self._queue_for(self.answers, message["id"]).put(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self._queue_for(self.diagnostics, params["uri"]).put(params["diagnostics"])

    def _queue_for(self, table: dict, key) -> queue.Queue:
        with self.lock:
            return table.setdefault(key, queue.Queue())

    def _answer_server_request(self, message: dict[str, Any]) -> None:
        """`workspace/configuration` gets the settings, one per item asked; the rest null."""
        if message["method"] == "workspace/configuration":
            result = [self.SETTINGS.get(item.get("section", ""), None) for item in message["params"]["items"]]
        else:
            result = None
        self._send({"id": message["id"], "result": result})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        with self.lock:
            self.next_id += 1
            request_id = self.next_id
        answers = self._queue_for(self.answers, request_id)
        self._send({"id": request_id, "method": method, "params": params})
        answer = answers.get(timeout=self.timeout)
        assert "error" not in answer, answer["error"]
        return answer["result"]

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    # --- what an editor does ------------------------------------------------------------

    def __enter__(self) -> "LanguageServer":
        self.request("initialize", {
            "processId": os.getpid(),
            "rootUri": self.root.as_uri(),
            "capabilities": {
                "workspace": {"configuration": True},
                "textDocument": {
                    "completion": {"completionItem": {"snippetSupport": True, "documentationFormat": ["plaintext", "markdown"]}},
                    "hover": {"contentFormat": ["plaintext", "markdown"]},
                    "publishDiagnostics": {},
                },
            },
        })
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.SETTINGS})
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=5)
        except Exception:  # noqa: BLE001 - a server that will not stop is killed
            self.process.kill()
            self.process.wait()

    def open(self, path: Path, text: str | None = None) -> list[dict[str, Any]]:
        """Open PATH (with TEXT instead of what is on disk, if given); its diagnostics."""
        uri = path.as_uri()
        content = path.read_text(encoding="utf-8") if text is None else text
        self.notify("textDocument/didOpen", {
            "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": content},
        })
        return self._queue_for(self.diagnostics, uri).get(timeout=self.timeout)

    def completions(self, path: Path, line: int, character: int) -> list[dict[str, Any]]:
        result = self.request("textDocument/completion", {
            "textDocument": {"uri": path.as_uri()}, "position": {"line": line, "character": character},
        })
        return result["items"] if isinstance(result, dict) else result or []

    def hover(self, path: Path, line: int, character: int) -> str:
        result = self.request("textDocument/hover", {
            "textDocument": {"uri": path.as_uri()}, "position": {"line": line, "character": character},
        })
        if not result:
            return ""
        contents = result["contents"]
        return contents["value"] if isinstance(contents, dict) else str(contents)
