"""`-o` into devices and FIFOs writes through them as any Unix tool does; other special files are refused.

Real special files, made in a temporary folder (character devices need mknod, so root):
a clone of /dev/null or /dev/full is never the machine's own.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from paths import EXAMPLE_DECK, REPO

from briefing.export import ExportError, write_atomically

NULL, FULL = (1, 3), (1, 7)


def _device(folder: Path, name: str, numbers: tuple[int, int]) -> Path:
    path = folder / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(*numbers))
    except PermissionError:
        pytest.skip("making a character device needs root")
    return path


def test_a_character_device_is_written_through_and_stays_a_device(tmp_path: Path):
    null = _device(tmp_path, "null", NULL)
    write_atomically(null, "# the handout\n")
    assert stat.S_ISCHR(null.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_a_full_device_reports_the_error_and_stays_a_device(tmp_path: Path):
    full = _device(tmp_path, "full", FULL)
    with pytest.raises(ExportError, match="No space left on device"):
        write_atomically(full, "# the handout\n")
    assert stat.S_ISCHR(full.stat().st_mode)


def test_a_fifo_receives_the_export_and_stays_a_fifo(tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomically(fifo, "through the pipe ✓\n")
    reader.join(10)
    assert received == ["through the pipe ✓\n".encode()]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_socket_is_refused_with_a_clear_message(tmp_path: Path):
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(ExportError, match="is a socket, not a regular file"):
            write_atomically(path, "x")
        assert stat.S_ISSOCK(path.stat().st_mode)


def test_export_to_dev_stdout_writes_to_standard_output():
    run = subprocess.run(
        [sys.executable, "-m", "briefing", "export", str(EXAMPLE_DECK), "--format", "md", "-o", "/dev/stdout"],
        cwd=REPO, capture_output=True, timeout=120, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.decode("utf-8").startswith("**UNCLASSIFIED")
