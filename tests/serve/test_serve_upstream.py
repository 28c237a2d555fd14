"""The textual-serve internals the browser view relies on are still there (its version is pinned)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="briefing serve needs the serve extra: pip install -e '.[serve]'")

from briefing.serve import upstream

ROOT = Path(__file__).parents[2]


def test_textual_serve_has_everything_the_browser_view_takes_from_it():
    problems = upstream.problems()
    assert not problems, (
        "briefing serve is built on textual-serve's AppService, static files and client conventions "
        "(briefing/serve/upstream.py); the installed textual-serve differs:\n  " + "\n  ".join(problems)
    )


def test_the_pinned_version_is_the_one_in_pyproject():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert f"textual-serve=={upstream.PINNED_VERSION}" in extras["serve"]


def test_the_browser_test_can_still_find_the_terminal_object():
    """The browser test reads xterm's buffer through the object textual.js stores as `this.terminal`."""
    script = upstream.assets()["textual.js"].path.read_text(encoding="utf-8")
    assert re.search(r"this\.terminal=new [\w.]+\.Terminal\(", script)


def test_a_missing_static_file_is_reported(monkeypatch, tmp_path):
    real = upstream.assets()
    moved = {**real, "xterm.css": upstream.Asset(tmp_path / "gone.css", "text/css")}
    monkeypatch.setattr(upstream, "assets", lambda: moved)
    assert any("gone.css is missing" in problem for problem in upstream.problems())


def test_another_version_is_reported(monkeypatch):
    monkeypatch.setattr(upstream, "PINNED_VERSION", "0.0.1")
    assert any("built for 0.0.1" in problem for problem in upstream.problems())
