"""End to end: the real `briefing` command in tmux, driven by keys, read off the screen."""

from __future__ import annotations

import subprocess

import pytest
from app_support import EXAMPLE_DECK, REPO
from tmux_support import TmuxTerminal, briefing_command, needs_tmux

from briefing.deck import load_deck

pytestmark = [needs_tmux, pytest.mark.e2e]


def test_walk_slides_jump_with_palette_open_help_and_quit():
    deck = load_deck(EXAMPLE_DECK).deck
    total = 1 + len(deck.incidents)
    with TmuxTerminal(briefing_command(str(EXAMPLE_DECK)), cwd=REPO) as term:
        term.wait_for(f"Brief 1/{total}")
        term.wait_for("UNCLASSIFIED // OPEN SOURCE")
        term.send("Right")
        term.wait_for(f"Brief 2/{total}")
        term.send("Space")
        term.wait_for(f"Brief 3/{total}")
        term.send("Left")
        term.wait_for(f"Brief 2/{total}")

        denmark = next(i for i in deck.incidents if "Denmark" in i.title)
        term.send("C-p")
        term.wait_for("Search for commands")
        term.type("Incident: Drones disrupt")
        term.wait_for(denmark.title)
        term.send("Enter")
        number = deck.incidents.index(denmark) + 2
        term.wait_for(f"Brief {number}/{total}")

        term.send("?")
        term.wait_for("Edit at source")
        term.send("Escape")
        term.wait_until_gone("Edit at source")

        term.send("6")
        term.wait_for("Sources")
        term.send("q")
        term.wait_exit()


def test_invalid_deck_prints_diagnostics_and_never_opens(tmp_path):
    bad = tmp_path / "deck.yaml"
    bad.write_text("title: x\nincidents:\n  - id: a\n    title: A\n    countries: [XX]\n", encoding="utf-8")
    run = subprocess.run(briefing_command("deck.yaml"), cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "deck.yaml:5:17: error: unknown country 'XX'" in run.stderr
    assert "Traceback" not in run.stderr
    assert "\x1b[?1049h" not in run.stdout, "the app never switched to its screen"


def test_piped_output_gets_the_plain_text_handout(tmp_path):
    out = tmp_path / "out.txt"
    command = ["sh", "-c", f"{' '.join(briefing_command(str(EXAMPLE_DECK)))} > {out}"]
    with TmuxTerminal(command, cwd=REPO) as term:
        term.wait_exit()
    text = out.read_text(encoding="utf-8")
    assert "Airspace incursions on NATO's eastern flank" in text
    assert "\x1b" not in text


def blank_rows(screen: str) -> list[str]:
    return [line.strip() for line in screen.splitlines() if line.strip()]


@pytest.mark.parametrize(
    "env",
    [{}, {"TERM": "xterm", "COLORTERM": ""}, {"NO_COLOR": "1"}],
    ids=["truecolor", "16-colours", "no-color"],
)
def test_a_presentation_remote_walks_the_brief_with_page_keys_and_blanks_with_b(env):
    """PageDown/PageUp are a remote's next and previous; `b` (or `.`) blanks the screen to the
    classification banner alone and back, in every colour depth."""
    deck = load_deck(EXAMPLE_DECK).deck
    total = 1 + len(deck.incidents)
    with TmuxTerminal(briefing_command(str(EXAMPLE_DECK)), cwd=REPO, env=env) as term:
        term.wait_for(f"Brief 1/{total}")
        for number in range(2, total + 1):
            term.send("PageDown")
            term.wait_for(f"Brief {number}/{total}")
        term.send("PageDown")
        term.wait_for(f"Brief {total}/{total}")
        term.send("PageUp")
        term.wait_for(f"Brief {total - 1}/{total}")
        shown = deck.incidents[total - 3].title

        term.send("b")
        term.wait_until_gone("Brief ")
        assert blank_rows(term.screen()) == ["UNCLASSIFIED // OPEN SOURCE"] * 2
        term.send("PageDown")
        term.send("b")
        screen = term.wait_for(f"Brief {total - 1}/{total}")
        assert shown in screen, "nothing moved behind the blank"

        term.send(".")
        term.wait_until_gone("Brief ")
        term.send("Escape")
        term.wait_for(f"Brief {total - 1}/{total}")
        term.send("q")
        term.wait_exit()
