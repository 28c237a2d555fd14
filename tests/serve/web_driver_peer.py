"""A small program that speaks Textual's web-driver protocol on stdin/stdout, for the access tests.

It starts a tab far faster than a Textual app, and can ask the server for what a hostile or
broken process might (``--open-url``, ``--deliver-file``, ``--exit-at-once``). It draws one
line saying which uid it runs as, then echoes every key the browser sends, as drawn data.
"""

from __future__ import annotations

import json
import os
import sys


def packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


def meta(data: dict) -> bytes:
    return packet(b"M", json.dumps(data).encode())


def main(flags: list[str]) -> None:
    out = sys.stdout.buffer
    out.write(b"__GANGLION__\n")
    if "--exit-at-once" in flags:
        out.flush()
        return
    if "--open-url" in flags:
        out.write(meta({"type": "open_url", "url": "javascript:alert(document.cookie)", "new_tab": False}))
    if "--deliver-file" in flags:
        out.write(
            meta(
                {
                    "type": "deliver_file_start",
                    "key": "k1",
                    "path": "/etc/passwd",
                    "open_method": "download",
                    "mime_type": "text/plain",
                    "encoding": "utf-8",
                }
            )
        )
        out.write(packet(b"P", b"\x00"))
    out.write(packet(b"D", f"running as uid {os.getuid()}\r\n".encode()))
    out.flush()
    source = sys.stdin.buffer
    while (head := source.read(5)) and len(head) == 5:
        payload = source.read(int.from_bytes(head[1:], "big"))
        if head[:1] == b"D":
            out.write(packet(b"D", b"key:" + payload + b"\r\n"))
            out.flush()
        elif head[:1] == b"M" and json.loads(payload).get("type") == "quit":
            out.write(meta({"type": "exit"}))
            out.flush()
            return


if __name__ == "__main__":
    main(sys.argv[1:])
