"""Timeline pan and zoom steps on a 10,000-entry deck against the DESIGN budget (16 ms a step).

    python benchmarks/bench_timeline.py [--steps N] [--size 120x40] [--deck PATH]

The deck comes from ``benchmarks/gen_deck.py`` (9,524 incidents + 476 events = 10,000
entries over 1,000 days, 31 countries) unless ``--deck`` names one. The app runs headless
at 120x40 on the timeline screen, in both views (a lane per country, and all entries on
one lane).

One step is the screen's own action (``pan`` or ``zoom``) followed by rendering every
visible line of the lanes and the axis through their ``render_line`` - what Textual asks
for on the next refresh. The strip cache is emptied before each pan step (outside the
timing) so every step draws new columns, as panning into unseen time does; a zoom step
empties it itself. Pan steps are taken at every zoom level; zoom steps walk in and out
through every level around the selection.

Also printed: the same steps end to end through the pilot, as the CPU time the process
spends from the key press until the app is idle (Textual's message loop, layout, the
compositor and the render; the pilot's own cost is shown as an unbound key), and a
reference measured in the same run - rendering as many lines from a trivial Line API
widget - to compare machines.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.deck import load_deck
from briefing.ui.app import BriefingApp
from briefing.ui.widgets.timeline.axis import TimelineAxis
from briefing.ui.widgets.timeline.lanes import TimelineLanes
from briefing.views.timeline import ZOOMS

BUDGET_MS = 16.0
INCIDENTS = 9524
"""gen_deck adds one event per 20 incidents: 9,524 + 476 = 10,000 entries."""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def row(name: str, samples: list[float], reference_ms: float | None = None) -> str:
    median, p95 = statistics.median(samples), percentile(samples, 0.95)
    ratio = f"{median / BUDGET_MS:6.2f} {p95 / BUDGET_MS:6.2f}"
    against = f"  {median / reference_ms:6.1f}x ref" if reference_ms else ""
    return f"{name:<34} {len(samples):>5} {median:8.2f} {p95:8.2f}   {ratio}{against}"


def render_visible(lanes: TimelineLanes, axis: TimelineAxis) -> int:
    """Every line Textual would ask for after the step; returns how many were drawn."""
    height = lanes.size.height
    for y in range(height):
        lanes.render_line(y)
    for y in range(axis.size.height):
        axis.render_line(y)
    return height + axis.size.height


def timed(step, lanes: TimelineLanes, axis: TimelineAxis) -> float:
    start = time.perf_counter()
    step()
    render_visible(lanes, axis)
    return (time.perf_counter() - start) * 1000


def pan_samples(screen, lanes: TimelineLanes, axis: TimelineAxis, per_zoom: int) -> list[float]:
    samples: list[float] = []
    nav = screen.navigator
    for zoom_index in range(len(ZOOMS)):
        while nav.zoom_index != zoom_index:
            screen.action_zoom(1 if nav.zoom_index < zoom_index else -1)
        direction = 1
        for _ in range(per_zoom):
            before = nav.left
            lanes.redraw()
            samples.append(timed(lambda d=direction: screen.action_pan(d), lanes, axis))
            if nav.left == before:
                direction = -direction
    return samples


def zoom_samples(screen, lanes: TimelineLanes, axis: TimelineAxis, count: int) -> list[float]:
    samples: list[float] = []
    nav = screen.navigator
    direction = -1
    while len(samples) < count:
        if not 0 <= nav.zoom_index + direction < len(ZOOMS):
            direction = -direction
        samples.append(timed(lambda d=direction: screen.action_zoom(d), lanes, axis))
    return samples


async def pilot_samples(app: BriefingApp, pilot, keys: list[str]) -> list[float]:
    """CPU time the whole process spends on each key press, until the app is idle again.

    Wall time would measure the pilot's idle polling (it sleeps in 20 ms slices); CPU time
    counts the work done: the key, the action, layout, the compositor and the render.
    """
    samples: list[float] = []
    for key in keys:
        start = time.process_time()
        await pilot.press(key)
        samples.append((time.process_time() - start) * 1000)
    return samples


class PlainLines(ScrollView):
    """The reference: a Line API widget whose lines are one plain Segment each."""

    def render_line(self, y: int) -> Strip:
        return Strip([Segment(f"{y:>4} " + "·" * (self.size.width - 5))]).crop_extend(0, self.size.width, None)


class ReferenceApp(App[None]):
    def compose(self) -> ComposeResult:
        yield PlainLines()


async def reference_ms(size: tuple[int, int], lines: int, repeats: int) -> float:
    app = ReferenceApp()
    async with app.run_test(size=size):
        widget = app.query_one(PlainLines)
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            for y in range(lines):
                widget.render_line(y % widget.size.height)
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


async def measure(deck_path: Path, size: tuple[int, int], steps: int) -> None:
    result = load_deck(deck_path)
    assert result.deck is not None, [str(d) for d in result.errors[:5]]
    deck = result.deck
    entries = len(deck.incidents) + len(deck.events)
    app = BriefingApp(deck_path, result, show_clock=False, initial_screen="timeline")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        lanes, axis = screen.query_one(TimelineLanes), screen.query_one(TimelineAxis)
        lines = lanes.size.height + axis.size.height
        reference = await reference_ms(size, lines, 200)
        print(f"deck: {deck_path} ({entries:,} entries, {len(deck.countries)} countries)")
        print(f"screen: {size[0]}x{size[1]}, {lanes.size.height} lane rows + {axis.size.height} axis rows "
              f"visible, {screen.navigator.width} time columns")
        print(f"reference: {lines} plain Line API lines rendered in {reference:.3f} ms (median)")
        print()
        print(f"{'step (render_line, cold cache)':<34} {'n':>5} {'median':>8} {'p95':>8}   {'ratio to 16 ms':>13}")
        gc.collect()
        per_zoom = max(1, steps // len(ZOOMS))
        for view in ("by country", "all entries"):
            if view == "all entries":
                screen.action_toggle_all()
                await pilot.pause()
            print(row(f"pan, {view}", pan_samples(screen, lanes, axis, per_zoom), reference))
            print(row(f"zoom, {view}", zoom_samples(screen, lanes, axis, steps), reference))
        print()
        print(f"{'step (CPU, key press until idle)':<34} {'n':>5} {'median':>8} {'p95':>8}   {'ratio to 16 ms':>13}")
        rounds = max(1, steps // 20)
        idle = await pilot_samples(app, pilot, ["z"] * 10 * rounds)
        for view in ("all entries", "by country"):
            if view == "by country":
                screen.action_toggle_all()
                await pilot.pause()
            pans = await pilot_samples(app, pilot, (["shift+right"] * 5 + ["shift+left"] * 5) * rounds)
            zooms = await pilot_samples(app, pilot, (["plus"] * 6 + ["minus"] * 6) * rounds)
            print(row(f"pan, {view}, whole refresh", pans))
            print(row(f"zoom, {view}, whole refresh", zooms))
        print(row("unbound key (pilot's own cost)", idle))
    print()
    print(f"budget: {BUDGET_MS:.0f} ms per pan or zoom step (ratios are median and p95 over the budget; < 1 is within it)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deck", type=Path, help="a deck to use instead of a generated one")
    parser.add_argument("--steps", type=int, default=210, help="steps of each kind per view")
    parser.add_argument("--size", default="120x40")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))
    if args.deck is not None:
        asyncio.run(measure(args.deck, (width, height), args.steps))
        return 0
    from gen_deck import generate

    with tempfile.TemporaryDirectory(prefix="bench-timeline-") as folder:
        deck = generate(Path(folder), incidents=INCIDENTS, quotes=1000, seed=1)
        asyncio.run(measure(deck, (width, height), args.steps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
