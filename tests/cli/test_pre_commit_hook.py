"""The pre-commit hooks in `.pre-commit-hooks.yaml`, run on a repository holding a good and a bad deck.

First as pre-commit runs a hook: its entry, then its args, then the staged files its `files`
pattern selects (or none, with `pass_filenames: false`), with the installed `briefing`.
Then through pre-commit itself (`pre-commit try-repo`), which builds the hook's environment
from this checkout with pip, as a repository of decks that adds the hook would.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from paths import REPO

from briefing.new_deck import new

HOOKS = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
BAD_DECK = "title: x\nincidents:\n  - id: a\n    title: A\n    countries: [XX]\n"
BAD_QUOTE = "quotes:\n  - id: q\n    by: nobody\n    text: Words\n"


@pytest.fixture
def decks(tmp_path) -> Path:
    """A repository of decks: a good one with an included file, and a bad one."""
    assert new([str(tmp_path / "good")]) == 0
    good = tmp_path / "good" / "deck.yaml"
    good.write_text(good.read_text(encoding="utf-8") + "include: [quotes.yaml]\n", encoding="utf-8")
    (tmp_path / "good" / "quotes.yaml").write_text("quotes: []\n", encoding="utf-8")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "deck.yaml").write_text(BAD_DECK, encoding="utf-8")
    return tmp_path


def run_hook(hook_id: str, repository: Path, files: list[str], args: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """What pre-commit runs for these staged files: entry, args, then the files it selects."""
    hook = HOOKS[hook_id]
    selected = [name for name in files if re.search(hook.get("files", ""), name)]
    if not selected and not hook.get("always_run"):
        return subprocess.CompletedProcess([], 0, "", "")
    command = shlex.split(hook["entry"]) + [*args, *(selected if hook.get("pass_filenames", True) else [])]
    command[0] = shutil.which(command[0]) or pytest.skip(f"{command[0]} is not on PATH (scripts/test installs it)")
    return subprocess.run(command, cwd=repository, capture_output=True, text=True, timeout=60)


def test_every_hook_runs_briefing_validate_as_a_python_hook():
    for hook in HOOKS.values():
        assert (hook["entry"], hook["language"]) == ("briefing validate", "python")
        assert hook["name"] and hook["description"]


def test_the_deck_hook_takes_deck_files_and_never_an_included_file():
    pattern = re.compile(HOOKS["briefing-validate"]["files"])
    assert [name for name in ("deck.yaml", "decks/a/deck.yaml", "decks/a/deck.yml", "decks/a/quotes.yaml", "decks/a/mydeck.yaml")
            if pattern.search(name)] == ["deck.yaml", "decks/a/deck.yaml", "decks/a/deck.yml"]


def test_the_deck_hook_passes_a_good_deck_and_its_included_file(decks):
    assert run_hook("briefing-validate", decks, ["good/deck.yaml", "good/quotes.yaml"]).returncode == 0


def test_the_deck_hook_fails_a_bad_deck_at_its_line_and_column(decks):
    run = run_hook("briefing-validate", decks, ["good/deck.yaml", "bad/deck.yaml"])
    assert run.returncode == 1
    assert run.stdout == "bad/deck.yaml:5:17: error: unknown country 'XX' (declare it under countries:)\n"


def test_the_decks_hook_checks_the_listed_decks_when_an_included_file_changes(decks):
    assert run_hook("briefing-validate-decks", decks, ["good/quotes.yaml"], args=("good",)).returncode == 0
    (decks / "good" / "quotes.yaml").write_text(BAD_QUOTE, encoding="utf-8")
    run = run_hook("briefing-validate-decks", decks, ["good/quotes.yaml"], args=("good",))
    assert run.returncode == 1
    assert run.stdout.startswith("good/quotes.yaml:3:9: error: unknown person 'nobody'")


def test_the_decks_hook_without_args_says_what_it_needs(decks):
    run = run_hook("briefing-validate-decks", decks, ["good/quotes.yaml"])
    assert run.returncode == 2
    assert "the following arguments are required: DECK" in run.stderr


@pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None, reason="pre-commit (the test extra) or git is missing")
@pytest.mark.skipif(not (REPO / ".git").exists(), reason="pre-commit try-repo needs this checkout to be a git repository")
def test_pre_commit_itself_runs_the_hook_from_this_checkout(decks, tmp_path_factory):
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    for role in ("AUTHOR", "COMMITTER"):  # try-repo commits a checkout's uncommitted changes
        environment.setdefault(f"GIT_{role}_NAME", "briefing tests")
        environment.setdefault(f"GIT_{role}_EMAIL", "tests@briefing.invalid")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "VIRTUAL_ENV"):
        environment.pop(name, None)

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=decks, check=True, capture_output=True, env=environment)

    git("init", "-q", ".")
    git("add", "-A")
    run = subprocess.run(
        ["pre-commit", "try-repo", str(REPO), "briefing-validate", "--all-files"],
        cwd=decks, capture_output=True, text=True, timeout=600, env=environment,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "bad/deck.yaml:5:17: error: unknown country 'XX'" in run.stdout
    assert "good/" not in run.stdout
