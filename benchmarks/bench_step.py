"""What one step costs on each screen of the example deck, key press until idle, in process.

    python benchmarks/bench_step.py [--steps 200] [--size 100x30]

Every step a presenter takes now also tells the presentation session where the screen is
(its `Place`), so a follower can be sent there. This prints the CPU time the process spends
on each key press until the app is idle (the key, the action, the place report, layout,
the compositor and the render), per screen, and the pilot's own cost as an unbound key;
then the place report alone (the screen's `place_view()` and the session's `report`),
timed over many calls. CPU time rather than wall time: the pilot polls in 20 ms slices.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.deck import load_deck
from briefing.ui.app import BriefingApp

DECK = Path(__file__).resolve().parent.parent / "decks" / "nato-airspace-2025" / "deck.yaml"

SCREENS: tuple[tuple[str, str, tuple[str, str]], ...] = (
    ("brief: next/previous slide", "1", ("right", "left")),
    ("timeline: next/previous entry", "2", ("right", "left")),
    ("countries: next/previous country", "3", ("n", "p")),
    ("positions: next/previous cell", "4", ("right", "left")),
    ("quotes: next/previous quote", "5", ("down", "up")),
    ("sources: next/previous line", "6", ("down", "up")),
)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def step_samples(pilot, keys: tuple[str, str], steps: int) -> list[float]:
    """Walk forward a few steps and back again, so every step changes what is shown."""
    samples: list[float] = []
    for number in range(steps):
        key = keys[0] if (number // 3) % 2 == 0 else keys[1]
        start = time.process_time()
        await pilot.press(key)
        samples.append((time.process_time() - start) * 1000)
    return samples


def report_cost_us(app: BriefingApp, calls: int = 20_000) -> float | None:
    """Microseconds for one place report of the screen on show (None before the session)."""
    report = getattr(app, "report_place", None)
    if report is None:
        return None
    screen = app.screen
    start = time.perf_counter()
    for _ in range(calls):
        report(screen)
    return (time.perf_counter() - start) / calls * 1e6


async def measure(steps: int, size: tuple[int, int]) -> None:
    app = BriefingApp(DECK, load_deck(DECK), show_clock=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.5)
        idle = await step_samples(pilot, ("f12", "f12"), steps)
        print(f"{'step (CPU ms, key press until idle)':<38} {'n':>5} {'median':>8} {'p95':>8}  {'report µs':>10}")
        print(f"{'unbound key (the pilot own cost)':<38} {len(idle):>5} {statistics.median(idle):>8.2f} {percentile(idle, 0.95):>8.2f}")
        for name, key, keys in SCREENS:
            await pilot.press(key)
            await pilot.pause(0.5)
            samples = await step_samples(pilot, keys, steps)
            cost = report_cost_us(app)
            shown = f"{cost:>10.2f}" if cost is not None else f"{'-':>10}"
            print(f"{name:<38} {len(samples):>5} {statistics.median(samples):>8.2f} {percentile(samples, 0.95):>8.2f}  {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--size", default="100x30")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))
    asyncio.run(measure(args.steps, (width, height)))


if __name__ == "__main__":
    main()
