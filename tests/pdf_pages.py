"""A PDF's pages as words with their boxes, read with poppler's `pdftotext -bbox`.

Used to check printed handouts the way a reader sees paper: how big each page is, where each
word sits on it, and what the top and bottom of every page say.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</word>')


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]

    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    def band(self, start: float, end: float) -> str:
        """The words whose middle lies between these fractions of the page height, in order."""
        return " ".join(w.text for w in self.words if start <= (w.top + w.bottom) / 2 / self.height <= end)

    def rightmost(self) -> float:
        return max((word.right for word in self.words), default=0.0)

    def leftmost(self) -> float:
        return min((word.left for word in self.words), default=0.0)


def need(tool: str) -> str:
    """The path of a command-line tool, or skip (scripts/test installs them all)."""
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (scripts/test installs it)")
    return path


def pdf_pages(path: Path) -> list[Page]:
    bbox = subprocess.run([need("pdftotext"), "-bbox", str(path), "-"], capture_output=True, text=True, check=True, timeout=60).stdout
    pages = []
    for width, height, body in _PAGE.findall(bbox):
        words = tuple(
            Word(unescape(text), float(x0), float(y0), float(x1), float(y1))
            for x0, y0, x1, y1, text in _WORD.findall(body)
        )
        pages.append(Page(float(width), float(height), words))
    return pages


def section_pages(pages: list[Page], heading: str, next_heading: str) -> list[Page]:
    """The pages from the one that shows ``heading`` to the one where ``next_heading`` starts
    (a section such as the positions matrix may run over a page break)."""
    start = next(n for n, page in enumerate(pages) if heading in page.text())
    pattern = re.compile(rf"\b{re.escape(next_heading)}\b")
    end = next(n for n, page in enumerate(pages) if n >= start and pattern.search(page.band(0.05, 0.94)))
    return pages[start : end + 1]

