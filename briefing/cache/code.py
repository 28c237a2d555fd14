"""Which code wrote a cache entry: the size and modification time of each module file that
shapes what is kept. An upgrade (of briefing or a library) or a developer's edit changes them,
and the entry is then as if absent."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import Any


def code_files(is_code: Callable[[str], bool]) -> list[list[Any]]:
    """``[file, size, mtime_ns]`` of every imported module whose name ``is_code``."""
    files = []
    for name, module in sorted(sys.modules.items()):
        path = getattr(module, "__file__", None) if is_code(name) else None
        if path:
            info = os.stat(path)
            files.append([path, info.st_size, info.st_mtime_ns])
    return files


def code_unchanged(files: Iterable[list[Any]]) -> bool:
    """Every file as ``code_files`` found it."""
    for path, size, modified in files:
        try:
            info = os.stat(path)
        except (OSError, TypeError, ValueError):
            return False
        if (info.st_size, info.st_mtime_ns) != (size, modified):
            return False
    return True
