"""`briefing export`, `briefing screenshot`, and the plain-text handout when not on a terminal."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pytest
from app_support import EXAMPLE_DECK, REPO

from briefing import commands
from briefing.cli import main

BAD_DECK = "title: x\nincidents:\n  - id: a\n    title: A\n    countries: [XX]\n"


def run_cli(*args: str, env_term: str | None = None, cwd=REPO) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    if env_term:
        env["TERM"] = env_term
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, capture_output=True, env=env, timeout=120)


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_export_writes_the_format_to_standard_output(fmt):
    run = run_cli("export", str(EXAMPLE_DECK), "--format", fmt)
    assert run.returncode == 0, run.stderr
    text = run.stdout.decode("utf-8")
    assert "Airspace incursions on NATO" in text
    assert "Russia is testing us, testing our preparedness" in text


def test_export_to_a_file_writes_it_whole(tmp_path):
    out = tmp_path / "handout.html"
    out.write_text("old", encoding="utf-8")
    assert main(["export", str(EXAMPLE_DECK), "--format", "html", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") or html.lower().startswith("<!doctype html>")
    assert not [p for p in tmp_path.iterdir() if p.name != "handout.html"], "no temporary file is left behind"


def test_export_of_an_invalid_deck_prints_diagnostics_and_writes_nothing(tmp_path, capsys):
    deck = tmp_path / "deck.yaml"
    deck.write_text(BAD_DECK, encoding="utf-8")
    out = tmp_path / "out.md"
    assert main(["export", str(deck), "--format", "md", "-o", str(out)]) == 1
    assert "unknown country 'XX'" in capsys.readouterr().err
    assert not out.exists()


def test_export_never_writes_over_a_deck_file(tmp_path, capsys):
    folder = tmp_path / "deck"
    shutil.copytree(EXAMPLE_DECK.parent, folder)
    deck = folder / "deck.yaml"
    before = deck.read_bytes()
    assert main(["export", str(deck), "--format", "txt", "-o", str(folder / "quotes.yaml")]) == 1
    assert "briefing export:" in capsys.readouterr().err
    assert deck.read_bytes() == before
    assert (folder / "quotes.yaml").read_bytes() == (EXAMPLE_DECK.parent / "quotes.yaml").read_bytes()


def test_export_usage_errors_exit_2():
    assert run_cli("export", str(EXAMPLE_DECK), "--format", "docx").returncode == 2
    assert run_cli("export").returncode == 2


def test_pdf_export_without_the_pdf_extra_names_it_and_exits_2(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if `briefing[pdf]` were not installed
    out = tmp_path / "briefing.pdf"
    assert main(["export", str(EXAMPLE_DECK), "--format", "pdf", "-o", str(out)]) == 2
    error = capsys.readouterr().err
    assert "briefing export: PDF export needs WeasyPrint" in error
    assert "pip install 'briefing[pdf]'" in error and "Traceback" not in error
    assert not out.exists() and list(tmp_path.iterdir()) == []


class Terminal(io.BytesIO):
    def isatty(self) -> bool:
        return True


def test_pdf_is_not_written_to_a_terminal(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(Terminal()))
    assert main(["export", str(EXAMPLE_DECK), "--format", "pdf"]) == 2
    assert "give -o FILE.pdf, or redirect standard output" in capsys.readouterr().err


def test_pdf_goes_to_standard_output_when_it_is_not_a_terminal(monkeypatch):
    from briefing import export

    monkeypatch.setattr(export, "export_pdf", lambda deck: b"%PDF-1.7 " + deck.title.encode())
    pipe = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(pipe))
    assert main(["export", str(EXAMPLE_DECK), "--format", "pdf"]) == 0
    assert pipe.getvalue() == b"%PDF-1.7 Airspace incursions on NATO's eastern flank"


def test_text_export_takes_a_page_length(tmp_path):
    out = tmp_path / "handout.txt"
    assert main(["export", str(EXAMPLE_DECK), "--format", "txt", "--page-length", "40", "-o", str(out)]) == 0
    pages = out.read_text(encoding="utf-8").split("\f")
    assert len(pages) > 2 and all(len(page.splitlines()) <= 40 for page in pages)
    assert main(["export", str(EXAMPLE_DECK), "--format", "txt", "--page-length", "0", "-o", str(out)]) == 0
    assert "\f" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [["--format", "txt", "--page-length", "5"], ["--format", "txt", "--page-length", "x"], ["--format", "html", "--page-length", "40"]])
def test_a_bad_or_misplaced_page_length_is_a_usage_error(args, capsys):
    assert main(["export", str(EXAMPLE_DECK), *args]) == 2
    assert "--page-length" in capsys.readouterr().err


def test_piped_output_prints_the_plain_text_handout_instead_of_the_app():
    run = run_cli(str(EXAMPLE_DECK))
    assert run.returncode == 0, run.stderr
    text = run.stdout.decode("utf-8")
    assert "Airspace incursions on NATO's eastern flank" in text
    assert "\x1b" not in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_dumb_terminal_gets_the_plain_text_handout(monkeypatch):
    class FakeTTY(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert commands.wants_plain_text({"TERM": "dumb"}, FakeTTY())
    assert not commands.wants_plain_text({"TERM": "xterm-256color"}, FakeTTY())
    assert commands.wants_plain_text({"TERM": "xterm-256color"}, io.StringIO())


def test_a_named_textual_driver_gets_the_app_on_a_pipe():
    """textual-serve's web driver draws on the process's stdout pipe (briefing serve's tabs)."""
    web_driver = {"TERM": "xterm-256color", "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}
    assert not commands.wants_plain_text(web_driver, io.StringIO())


def test_screenshot_writes_an_svg_of_the_named_screen(tmp_path):
    out = tmp_path / "sources.svg"
    run = run_cli("screenshot", str(EXAMPLE_DECK), "--screen", "sources", "--size", "100x30", "-o", str(out))
    assert run.returncode == 0, run.stderr
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert "Bloomberg" in svg


def test_screenshot_rejects_a_bad_size():
    run = run_cli("screenshot", str(EXAMPLE_DECK), "--size", "huge", "-o", "/tmp/x.svg")
    assert run.returncode == 2
    assert b"COLUMNSxROWS" in run.stderr
