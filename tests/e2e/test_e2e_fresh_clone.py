"""The README's commands, as a newcomer runs them: read from the README, in a fresh clone,
with the system Python first on PATH and no virtual environment active.

Debian's and Ubuntu's `/usr/bin/python3` refuse `pip install` outside a virtual environment
(PEP 668); the README's first command must still set up and present the example deck.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from paths import EXAMPLE_DECK, REPO
from tmux_support import TmuxTerminal, needs_tmux

from briefing.deck import load_deck

SYSTEM_PYTHON = Path("/usr/bin/python3")
PASSED_THROUGH = ("HOME", "XDG_CACHE_HOME", "LANG", "PIP_", "SSL_CERT_", "REQUESTS_CA_BUNDLE", "http_proxy", "https_proxy", "no_proxy",
                  "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY")
"""What a newcomer's shell keeps: their home (pip's cache), language, and how pip reaches an index;
and the test run's start-up cache folder (conftest), so the run leaves nothing in the real home."""


def readme_commands() -> list[str]:
    """The commands the README's "On a fresh machine" gives, indented as code, in order."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## On a fresh machine", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in section.splitlines() if line.startswith("    ") and line.strip()]


def system_python_version() -> tuple[int, int] | None:
    if not SYSTEM_PYTHON.exists():
        return None
    run = subprocess.run([SYSTEM_PYTHON, "-c", "import sys; print(*sys.version_info[:2])"], capture_output=True, text=True)
    return tuple(int(part) for part in run.stdout.split()) if run.returncode == 0 else None  # type: ignore[return-value]


def newcomer_environment() -> dict[str, str]:
    """A login's environment with only the system's bin folders on PATH: no venv, pyenv or conda."""
    kept = {name: value for name, value in os.environ.items() if name.startswith(PASSED_THROUGH)}
    return {**kept, "PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": os.environ.get("LANG", "C.UTF-8")}


def wait_for_unless_it_stops(term: TmuxTerminal, text: str, timeout: float) -> None:
    """Wait for TEXT on screen, failing at once with the screen if the command stops first
    (a set-up that fails, such as pip refusing the system Python)."""
    deadline = time.monotonic() + timeout
    while text not in term.screen():
        assert not term.exited(), f"the command stopped before {text!r} showed; the screen shows:\n{term.screen()}"
        assert time.monotonic() < deadline, f"{text!r} did not show in {timeout:.0f} s; the screen shows:\n{term.screen()}"
        time.sleep(0.2)


def test_the_readme_gives_one_command_to_present_and_one_to_run_the_tests():
    present, test = readme_commands()[:2]
    assert present == "./scripts/present"
    assert test == "./scripts/test"


def test_ci_runs_the_readmes_test_command_as_written():
    test = readme_commands()[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in [line.strip() for line in ci if not line.lstrip().startswith("#")]


@needs_tmux
@pytest.mark.e2e
@pytest.mark.skipif((system_python_version() or (0, 0)) < (3, 11), reason=f"{SYSTEM_PYTHON} is missing or older than 3.11")
@pytest.mark.skipif(shutil.which("git") is None or not (REPO / ".git").exists(), reason="needs git and a git checkout to clone")
def test_the_readmes_first_command_presents_the_example_in_a_fresh_clone_with_the_system_python(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True, timeout=120)
    command = readme_commands()[0]
    environment = [f"{name}={value}" for name, value in newcomer_environment().items()]
    title = load_deck(EXAMPLE_DECK).deck.title
    with TmuxTerminal(["env", "-i", *environment, "bash", "-c", command], size=(120, 40), cwd=clone) as term:
        wait_for_unless_it_stops(term, title, timeout=300)
        term.send("q")
        term.wait_exit()
    made_with = (clone / ".venv" / "pyvenv.cfg").read_text(encoding="utf-8")
    assert f"home = {SYSTEM_PYTHON.parent}" in made_with
