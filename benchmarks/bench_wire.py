"""Bytes on the wire: what briefing writes to its terminal, with the lean output and without.

Each app runs in tmux (benchmarks/terminal.py); `pipe-pane` copies every byte the app writes
to its pty into a file, and the figures are read off that file's growth. A measurement ends
when the app has written nothing for `QUIET` seconds. For each terminal size and colour depth:

- first paint: from launch until the first screen is complete (the start-up modes included);
- slide step: one `→` or `←` on the brief (median and largest over the deck's slides);
- screen switch: each of `2`…`6` and back to `1` (median and largest);
- idle: bytes per second over a few seconds of nothing (clock hidden);
- reload: a save that changes the deck's title, until the new title shows and the screen is
  quiet (the "reloaded" notice drawn; its fading later is not counted).

Three apps are measured in the same run: briefing with its lean output (the default),
briefing with Textual's own output (BRIEFING_LEAN_OUTPUT=0), and a minimal Textual app
showing one word (benchmarks/minimal_app.py), whose "step" is a key it ignores.
Budget (DESIGN.md): at most 4 KB per slide step at 100x30 truecolor.

Then, in process, the lean output's CPU cost: a recorded session (the brief's slides, every
screen, a theme change) replayed through it, per frame beside what Textual itself spends
drawing the same frame (its compositor's update rendered to a string), and per key.

    python benchmarks/bench_wire.py                      # 80x24 and 100x30, truecolor and 16 colours
    python benchmarks/bench_wire.py --sizes 100x30 --colours truecolor
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

from terminal import Terminal  # noqa: E402

EXAMPLE = REPO / "decks" / "nato-airspace-2025"
QUIET = 0.4
"""Seconds without a byte that end a measurement (Textual draws at most 60 frames a second)."""
IDLE_SECONDS = 4.0
COLOURS = {
    "truecolor": {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    "16": {"TERM": "xterm", "COLORTERM": ""},
}
SIZE_ENVIRONMENT = {"COLUMNS": "", "LINES": ""}
"""Empty, so an exported $COLUMNS or $LINES cannot make an app draw for another size."""
SCREEN_KEYS = ["2", "3", "4", "5", "6", "1"]


@dataclass
class Figures:
    first_paint: int = 0
    steps: list[int] = field(default_factory=list)
    switches: list[int] = field(default_factory=list)
    reload: int | None = None
    idle: float = 0.0


class Wire:
    """An app in tmux with every byte it writes logged; measures what an action writes."""

    def __init__(self, command: list[str], size: tuple[int, int], env: dict[str, str], log: Path) -> None:
        self.log = log
        log.write_bytes(b"")
        self.terminal = Terminal(command, size=size, env={**env, **SIZE_ENVIRONMENT}, log=log)

    def written(self) -> int:
        return self.log.stat().st_size

    def quiet(self, timeout: float = 15.0) -> int:
        """Wait until nothing has been written for QUIET seconds; the bytes written so far."""
        deadline = time.monotonic() + timeout
        last, since = self.written(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.02)
            now = self.written()
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= QUIET:
                return now
        raise TimeoutError("the app never went quiet")

    def start(self, ready: str) -> int:
        self.terminal.start()
        self.terminal.wait_for(ready)
        return self.quiet()

    def action(self, *keys: str) -> int:
        before = self.quiet()
        self.terminal.send(*keys)
        time.sleep(0.05)
        return self.quiet() - before

    def idle(self) -> float:
        before = self.quiet()
        time.sleep(IDLE_SECONDS)
        return (self.written() - before) / IDLE_SECONDS

    def close(self) -> None:
        self.terminal.close()


def measure_briefing(size, colours, lean: bool, folder: Path) -> Figures:
    deck_folder = folder / ("lean" if lean else "textual")
    shutil.copytree(EXAMPLE, deck_folder)
    deck = deck_folder / "deck.yaml"
    env = {**COLOURS[colours], "BRIEFING_LEAN_OUTPUT": "1" if lean else "0"}
    wire = Wire([sys.executable, "-m", "briefing", str(deck)], size, env, folder / "wire.log")
    figures = Figures()
    try:
        figures.first_paint = wire.start("Brief 1/")
        wire.action("c")  # the clock hidden: its minute would tick into the figures
        for key in ["Right"] * 4 + ["Left"] * 4:
            figures.steps.append(wire.action(key))
        for key in SCREEN_KEYS:
            figures.switches.append(wire.action(key))
        figures.idle = wire.idle()
        before = wire.quiet()
        deck.write_text(deck.read_text(encoding="utf-8").replace("title: Airspace incursions", "title: Edited incursions", 1), encoding="utf-8")
        wire.terminal.wait_for("Edited incursions")
        figures.reload = wire.quiet() - before
    finally:
        wire.close()
    return figures


def measure_minimal(size, colours, folder: Path) -> Figures:
    wire = Wire([sys.executable, str(BENCH / "minimal_app.py")], size, COLOURS[colours], folder / "wire.log")
    figures = Figures()
    try:
        figures.first_paint = wire.start("ready")
        figures.steps = [wire.action("Right") for _ in range(4)]
        figures.idle = wire.idle()
    finally:
        wire.close()
    return figures


def kb(count: float | None) -> str:
    return "–" if count is None else f"{count / 1024:.1f} KB"


def median_and_max(values: list[int]) -> str:
    return "–" if not values else f"{kb(statistics.median(values))} (max {kb(max(values))})"


def print_table(title: str, rows: dict[str, Figures]) -> None:
    print(f"\n{title}")
    print(f"  {'':28} {'first paint':>12} {'slide step':>22} {'screen switch':>22} {'reload':>9} {'idle':>9}")
    for name, figures in rows.items():
        print(
            f"  {name:28} {kb(figures.first_paint):>12} {median_and_max(figures.steps):>22} "
            f"{median_and_max(figures.switches):>22} {kb(figures.reload):>9} {figures.idle:>5.1f} B/s"
        )
    lean, textual = rows["briefing, lean output"], rows["briefing, Textual's output"]
    step_ratio = statistics.median(lean.steps) / statistics.median(textual.steps)
    print(f"  lean / Textual's: first paint {lean.first_paint / textual.first_paint:.2f}, slide step {step_ratio:.2f}, "
          f"screen switch {statistics.median(lean.switches) / statistics.median(textual.switches):.2f}, reload {lean.reload / textual.reload:.2f}")


def frame_costs() -> tuple[list[float], list[float], list[float]]:
    """A recorded session at 100x30 truecolor (the brief's slides, every screen, a theme change).
    Per frame: Textual's own time to draw it (its compositor's update, rendered to a string)
    and the lean output's time on that string; per key, the lean output's time on all the
    frames the key drew. In seconds."""
    import textual.constants
    from textual.screen import Screen

    textual.constants.COLOR_SYSTEM = "truecolor"
    from briefing.deck import load_deck
    from briefing.ui.app import BriefingApp
    from briefing.ui.output.lean_output import LeanOutput
    from briefing.ui.output.recording import RecordingDriver

    class TextualOnly(RecordingDriver):
        lean = False

    frame_times: list[float] = []
    frames_per_key: list[tuple[int, int]] = []
    refresh = Screen._compositor_refresh

    def timed_refresh(screen: Screen) -> None:
        started = time.perf_counter()
        refresh(screen)
        frame_times.append(time.perf_counter() - started)

    async def session():
        deck = EXAMPLE / "deck.yaml"
        app = BriefingApp(deck, load_deck(deck), show_clock=False)
        app.driver_class = TextualOnly
        async with app.run_test(headless=False, size=(100, 30)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            for key in ["right"] * 4 + ["left"] * 4 + SCREEN_KEYS + ["t", "right", "t"]:
                first = len(app._driver.frames)
                await pilot.press(key)
                await pilot.app.workers.wait_for_complete()
                await pilot.pause()
                frames_per_key.append((first, len(app._driver.frames)))
            return app._driver.frames

    Screen._compositor_refresh = timed_refresh
    try:
        frames = asyncio.run(session())
    finally:
        Screen._compositor_refresh = refresh
    replays = []
    for _ in range(7):
        out: list[str] = []
        current = [frames[0].size]
        lean = LeanOutput(out.append, lambda: current[0])
        times = []
        for frame in frames:
            current[0] = frame.size
            started = time.perf_counter()
            lean.write(frame.textual)
            lean.flush()
            times.append(time.perf_counter() - started)
        replays.append(times)
    lean_times = [statistics.median(per_frame) for per_frame in zip(*replays[2:])]
    lean_per_key = [sum(lean_times[first:last]) for first, last in frames_per_key]
    return frame_times, lean_times, lean_per_key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="80x24,100x30")
    parser.add_argument("--colours", default="truecolor,16", help="truecolor and/or 16")
    parser.add_argument("--skip-cpu", action="store_true")
    args = parser.parse_args()
    sizes = [tuple(int(n) for n in size.split("x")) for size in args.sizes.split(",")]
    for size in sizes:
        for colours in args.colours.split(","):
            rows = {}
            with tempfile.TemporaryDirectory() as folder:
                rows["minimal Textual app"] = measure_minimal(size, colours, Path(folder))
            for name, lean in (("briefing, Textual's output", False), ("briefing, lean output", True)):
                with tempfile.TemporaryDirectory() as folder:
                    rows[name] = measure_briefing(size, colours, lean, Path(folder))
            print_table(f"{size[0]}x{size[1]}, {colours} colours" if colours == "16" else f"{size[0]}x{size[1]}, {colours}", rows)
    if not args.skip_cpu:
        frame_times, lean_times, lean_per_key = frame_costs()
        print(f"\nCPU, a recorded session at 100x30 truecolor ({len(lean_times)} frames, {len(lean_per_key)} keys):")
        print(f"  per frame: Textual draws it in median {ms(frame_times)}; the lean output takes median {ms(lean_times)} "
              f"(mean {statistics.mean(lean_times) * 1000:.2f} ms, max {max(lean_times) * 1000:.2f} ms)")
        print(f"  per key (every frame the key drew): the lean output takes median {ms(lean_per_key)}, "
              f"max {max(lean_per_key) * 1000:.2f} ms")


def ms(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:.2f} ms"


if __name__ == "__main__":
    main()
