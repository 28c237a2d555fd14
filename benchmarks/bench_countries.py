"""How long the countries screen and the positions matrix take per key on a large deck.

Generates a 10,000-incident, 50,000-quote deck (benchmarks/gen_deck.py), then in a headless
app steps through countries (each step rebuilds the list's pane) and moves the matrix
cursor, printing medians. There is no budget in DESIGN.md for these keys; the figures are
printed against a reference measured in the same run: one step on the example deck.

    python benchmarks/bench_countries.py [--steps 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefing.deck import load_deck
from briefing.ui.app import BriefingApp
from briefing.views.countries import country_facts

EXAMPLE = REPO / "decks" / "nato-airspace-2025" / "deck.yaml"


async def key_times(path: Path, screen: str, key: str, steps: int) -> list[float]:
    """Seconds from pressing ``key`` to the screen having processed it, ``steps`` times."""
    app = BriefingApp(path, load_deck(path), show_clock=False, initial_screen=screen)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(steps):
            started = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            times.append(time.perf_counter() - started)
    return times


def report(label: str, times: list[float], reference: float) -> None:
    median = statistics.median(times)
    print(
        f"{label}: median {median * 1000:.1f} ms ({median / reference:.2f} x the example deck)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder)
        generate = [sys.executable, str(REPO / "benchmarks" / "gen_deck.py"), str(big)]
        subprocess.run(
            [*generate, "--incidents", "10000", "--quotes", "50000"],
            check=True,
            capture_output=True,
        )
        deck_path = big / "deck.yaml"
        deck = load_deck(deck_path).deck
        started = time.perf_counter()
        country_facts(deck)
        print(
            f"country facts for every country, one pass: {(time.perf_counter() - started) * 1000:.1f} ms"
        )
        for screen, key in (("countries", "n"), ("positions", "right")):
            reference = statistics.median(
                asyncio.run(key_times(EXAMPLE, screen, key, args.steps))
            )
            report(
                f"{screen} '{key}' on the large deck",
                asyncio.run(key_times(deck_path, screen, key, args.steps)),
                reference,
            )


if __name__ == "__main__":
    main()
