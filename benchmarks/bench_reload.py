"""Live reload, save to screen, in a real terminal; and the big deck's incremental reload.

Part 1 (tmux): `briefing deck.yaml` on a copy of the example deck, on slide 3. Each save
changes that slide's title to a new counter, the three ways editors save (in place; a new
file renamed over the old; truncate, then write 1-50 ms later), randomly spaced. The screen
is read with `capture-pane` through one tmux control-mode connection, polled every 2 ms, from
the moment of the final write until the new title shows. Prints per kind: median, 95th
percentile and worst latency, misses (never shown within the timeout) and error flashes
(the error bar seen at any moment). Duplicate reloads cannot be told apart on the screen
(the app sums quick saves up in one notice); benchmarks/bench_watch.py counts them
in-process ("extra"). The reference, measured in the same run the same way: a minimal
Textual app that follows the file with watchfiles' defaults (benchmarks/minimal_follow_app.py).

Part 2 (in-process): a 10,000-incident, 50,000-quote deck (benchmarks/gen_deck.py, split
over included files); one line of one included file edited; time from the write to the
follower's `Reloaded` (DeckFollower + LoadCache, as the app runs them), the notice's diff, and
the longest stall of a running app's event loop while it reloads that deck with every screen
open. Budget: 300 ms to `Reloaded`; the reference is the deck's full load in the same run.

    python benchmarks/bench_reload.py                    # both parts, 100 saves of each kind
    python benchmarks/bench_reload.py --saves 20 --skip-big
    python benchmarks/bench_reload.py --skip-terminal --edits 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

from terminal import Terminal

EXAMPLE = REPO / "decks" / "nato-airspace-2025"
SLIDE_TITLE = "Russian drone tracked over Romania for 50 minutes"
SLIDE_PROGRESS = "Brief 3/"
ERROR_BAR = "Deck not reloaded"
KINDS = ("in-place", "rename", "truncate-then-write")
TAGS = {"in-place": "I", "rename": "R", "truncate-then-write": "T"}


# -- reading the screen --------------------------------------------------------------------------


class ControlClient:
    """`capture-pane` over one tmux control-mode connection: no process started per look."""

    def __init__(self, socket: str) -> None:
        self.process = subprocess.Popen(
            ["tmux", "-L", socket, "-C", "attach-session", "-t", "main", "-f", "no-output,ignore-size,read-only"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        # Attaching answers with a block of its own: read up to our marker so that every
        # later answer is the answer to the command just sent.
        self._send("display-message -p briefing-bench-ready")
        while self._block() != ["briefing-bench-ready"]:
            pass

    def _send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command.encode() + b"\n")
        self.process.stdin.flush()

    def _block(self) -> list[str]:
        """The next %begin ... %end block's lines (notifications between blocks skipped)."""
        assert self.process.stdout is not None
        lines: list[str] = []
        inside = False
        while True:
            raw = self.process.stdout.readline()
            if not raw:
                raise RuntimeError("tmux control connection closed")
            line = raw.decode("utf-8", errors="replace").rstrip("\n")
            if not inside:
                inside = line.startswith("%begin ")
                continue
            if line.startswith(("%end ", "%error ")):
                return lines
            lines.append(line)

    def _command(self, command: str) -> list[str]:
        self._send(command)
        return self._block()

    def screen(self) -> str:
        return "\n".join(self._command("capture-pane -p -t main"))

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=5)


def capture_cost(reader: Callable[[], str], samples: int = 200) -> float:
    """Median milliseconds one look at the screen takes."""
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        reader()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


# -- saving -----------------------------------------------------------------------------------------


def save(path: Path, text: str, kind: str) -> float:
    """Save the way an editor does; returns the time of the final write."""
    data = text.encode("utf-8")
    if kind == "in-place":
        with open(path, "wb") as handle:
            written = time.perf_counter()
            handle.write(data)
    elif kind == "rename":
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(data)
        written = time.perf_counter()
        os.replace(temporary, path)
    else:
        with open(path, "r+b") as handle:
            handle.truncate(0)
            handle.flush()
            time.sleep(random.uniform(0.001, 0.05))
            written = time.perf_counter()
            handle.write(data)
    return written


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    misses: dict[str, int] = field(default_factory=dict)
    flashes: dict[str, int] = field(default_factory=dict)
    looks: int = 0
    first_flash: str = ""


def watch_save(screen: Callable[[], str], marker: str, written: float, timeout: float, interval: float) -> tuple[float | None, bool, int]:
    """Poll until `marker` shows: (latency in ms or None, error seen, looks taken)."""
    flash = False
    looks = 0
    while True:
        text = screen()
        now = time.perf_counter()
        looks += 1
        flash = flash or ERROR_BAR in text
        if marker in text:
            return (now - written) * 1000, flash, looks
        if now - written > timeout:
            return None, flash, looks
        time.sleep(interval)


def watch_gap(screen: Callable[[], str], seconds: float, interval: float) -> tuple[bool, int]:
    """Keep looking while waiting for the next save: (error seen, looks)."""
    flash = False
    looks = 0
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        flash = flash or ERROR_BAR in screen()
        looks += 1
        time.sleep(interval)
    return flash, looks


def run_saves(
    deck: Path,
    screen: Callable[[], str],
    original: str,
    render: Callable[[str, str], str],
    kinds: tuple[str, ...],
    saves: int,
    gaps: tuple[float, float],
    interval: float,
    timeout: float,
    detail: str = "",
) -> Tally:
    tally = Tally()
    for kind in kinds:
        for number in range(saves):
            marker = f"{detail}{TAGS[kind]}{number:03d}x{random.randrange(10**6):06d}"
            written = save(deck, render(original, marker), kind)
            latency, flash, looks = watch_save(screen, marker, written, timeout, interval)
            gap_flash, gap_looks = watch_gap(screen, random.uniform(*gaps), 0.01)
            tally.looks += looks + gap_looks
            if latency is None:
                tally.misses[kind] = tally.misses.get(kind, 0) + 1
            else:
                tally.latencies.setdefault(kind, []).append(latency)
            if flash or gap_flash:
                tally.flashes[kind] = tally.flashes.get(kind, 0) + 1
                tally.first_flash = tally.first_flash or screen()
    return tally


def still_shows(screen: Callable[[], str], text: str, seconds: float) -> bool:
    """Whether `text` shows within `seconds` (the notices cover the header until they expire)."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if text in screen():
            return True
        time.sleep(0.05)
    return False


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def start_terminal(command: list[str], ready: str, cwd: Path) -> tuple[Terminal, ControlClient]:
    terminal = Terminal(["sh", "-c", f"cd {shlex.quote(str(cwd))} && exec {shlex.join(command)}"])
    terminal.start()
    terminal.wait_for(ready, timeout=30)
    return terminal, ControlClient(terminal.socket)


def with_slide_title(text: str, marker: str) -> str:
    return text.replace(SLIDE_TITLE, f"Romania save {marker}", 1)


def terminal_part(args: argparse.Namespace) -> None:
    gaps = (args.min_gap, args.max_gap)
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as temporary:
        folder = Path(temporary) / "deck"
        shutil.copytree(EXAMPLE, folder)
        deck = folder / "deck.yaml"
        original = deck.read_text(encoding="utf-8")

        reference_file = Path(temporary) / "reference.txt"
        reference_file.write_text("reference\n", encoding="utf-8")
        terminal, client = start_terminal([sys.executable, str(BENCH / "minimal_follow_app.py"), str(reference_file)], "reference", folder)
        try:
            time.sleep(0.5)
            reference = run_saves(
                reference_file, client.screen, "", lambda _text, marker: f"reference {marker}\n",
                ("in-place",), args.reference_saves, gaps, args.interval, args.timeout, detail="ref",
            )
        finally:
            client.close()
            terminal.close()

        command = [sys.executable, "-m", "briefing", "deck.yaml"] + (["--poll"] if args.poll else [])
        terminal, client = start_terminal(command, "Brief 1/", folder)
        try:
            terminal.send("Right", "Right")
            terminal.wait_for(SLIDE_TITLE)
            time.sleep(0.5)
            subprocess_cost = capture_cost(terminal.screen, 50)
            control_cost = capture_cost(client.screen)
            started = time.perf_counter()
            tally = run_saves(deck, client.screen, original, with_slide_title, KINDS, args.saves, gaps, args.interval, args.timeout)
            elapsed = time.perf_counter() - started
            still_on_slide = still_shows(client.screen, SLIDE_PROGRESS, 6.0)
            final_screen = client.screen()
        finally:
            client.close()
            terminal.close()

    reference_values = reference.latencies.get("in-place", [])
    reference_median = statistics.median(reference_values) if reference_values else float("nan")
    mode = "stat polling (--poll)" if args.poll else "notification"
    print(f"bench_reload part 1: real terminal (tmux 80x24), {args.saves} saves of each kind, gaps "
          f"{gaps[0]:g}-{gaps[1]:g} s after each save shows, {mode}")
    print(f"  screen reading: capture-pane over tmux control mode {control_cost:.2f} ms a look "
          f"(a new `tmux capture-pane` process: {subprocess_cost:.2f} ms), polled every {args.interval * 1000:g} ms;")
    print(f"  so a latency is late by at most about {control_cost + args.interval * 1000:.1f} ms; "
          f"{tally.looks} looks in {elapsed:.0f} s")
    print(f"  reference: minimal Textual app + watchfiles defaults, in-place save to screen: "
          f"median {reference_median:.1f} ms, p95 {percentile(reference_values, 0.95) if reference_values else float('nan'):.1f} ms "
          f"({len(reference_values)} saves, {reference.misses.get('in-place', 0)} missed)")
    print(f"  {'save kind':<20} {'median':>8} {'p95':>8} {'max':>8} {'ratio':>6} {'misses':>7} {'flashes':>8}")
    for kind in KINDS:
        values = tally.latencies.get(kind, [])
        counts = f"{tally.misses.get(kind, 0):7d} {tally.flashes.get(kind, 0):8d}"
        if values:
            median = statistics.median(values)
            print(f"  {kind:<20} {median:7.1f}ms {percentile(values, 0.95):7.1f}ms {max(values):7.1f}ms "
                  f"{median / reference_median:6.2f} {counts}")
        else:
            print(f"  {kind:<20} {'-':>8} {'-':>8} {'-':>8} {'-':>6} {counts}")
    everything = [value for values in tally.latencies.values() for value in values]
    if everything:
        print(f"  all kinds: median {statistics.median(everything):.1f} ms, p95 {percentile(everything, 0.95):.1f} ms; "
              f"still on slide 3 at the end: {'yes' if still_on_slide else 'NO'}")
    if not still_on_slide:
        print("  the screen at the end:\n" + final_screen)
    if tally.first_flash:
        print("  first error flash seen:\n" + tally.first_flash)
    print("  budget (DESIGN): median <= 50 ms, no miss, no error flash; ratio = median / reference median")


# -- the big deck ------------------------------------------------------------------------------------


def edit_one_line(path: Path, number: int) -> None:
    """Change one quoted text in an included file (a new word each time)."""
    text = path.read_text(encoding="utf-8")
    start = text.index('text: "') + len('text: "')
    end = text.index('"', start)
    path.write_text(text[:start] + f"Edit {number} " + text[start:end].split(" ", 2)[-1] + text[end:], encoding="utf-8")


def included_files(folder: Path) -> list[Path]:
    return sorted((folder / "quotes").glob("*.yaml")) + sorted((folder / "incidents").glob("*.yaml"))


async def follower_reloads(deck: Path, edits: int) -> tuple[list[float], list[float], list[str], float]:
    """(ms write -> Reloaded, ms for the notice's diff, summaries, ms of the first full load)."""
    from briefing.deck import LoadCache, load_deck
    from briefing.deck.diff import diff_decks
    from briefing.watch import DeckFollower, Reloaded

    cache = LoadCache()
    started = time.perf_counter()
    initial = load_deck(deck, cache=cache)
    full_load = (time.perf_counter() - started) * 1000
    assert initial.ok, initial.errors[:3]
    follower = DeckFollower(deck, lambda path: load_deck(path, cache=cache), initial=initial)
    files = included_files(deck.parent)
    reload_times: list[float] = []
    diff_times: list[float] = []
    summaries: list[str] = []
    previous = initial
    written = 0.0
    number = 0

    async def edit_soon() -> None:
        nonlocal written, number
        await asyncio.sleep(0.4)
        path = files[number % len(files)]
        edit_one_line(path, number)
        written = time.perf_counter()

    asyncio.get_running_loop().create_task(edit_soon())
    async for update in follower:
        if not isinstance(update, Reloaded):
            print(f"  unexpected update: {update}")
            continue
        reload_times.append((time.perf_counter() - written) * 1000)
        unchanged = [str(path) for path in update.result.files if path not in update.changed_paths]
        started = time.perf_counter()
        changes = diff_decks(previous.deck, update.result.deck, unchanged_files=unchanged)
        diff_times.append((time.perf_counter() - started) * 1000)
        summaries.append(changes.summary())
        previous = update.result
        number += 1
        if number >= edits:
            follower.stop()
        else:
            asyncio.get_running_loop().create_task(edit_soon())
    return reload_times, diff_times, summaries, full_load


async def app_stall(deck: Path) -> tuple[float, float, float, float]:
    """A running app with every screen open reloads the big deck after one edit:
    (longest event-loop stall in ms, ms the screens spent redrawing for the new deck, ms from
    the write to the notice, the longest stall the probe saw before the edit: the baseline)."""
    from briefing.deck import LoadCache, load_deck
    from briefing.ui.app import BriefingApp
    from briefing.ui.screens import SCREEN_SPECS
    from briefing.ui.screens.base import DeckScreen

    cache = LoadCache()
    app = BriefingApp(deck, load_deck(deck, cache=cache), load_cache=cache, watch=True, show_clock=False)
    redrawing: list[float] = []
    redraw = DeckScreen._deck_changed

    def timed_redraw(screen, new_deck) -> None:
        started = time.perf_counter()
        redraw(screen, new_deck)
        redrawing.append((time.perf_counter() - started) * 1000)

    DeckScreen._deck_changed = timed_redraw
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            for spec in SCREEN_SPECS:
                await pilot.press(spec.key)
                await pilot.pause(0.3)
            await pilot.press("1")
            await pilot.pause(1.0)
            while app.session.follower is None or not app.session.follower.ready:
                await pilot.pause(0.05)
            baseline = await probe_stalls(1.0)
            notices = len(app._notifications)
            probe = asyncio.get_running_loop().create_task(probe_stalls(30.0, until=lambda: len(app._notifications) > notices))
            edit_one_line(included_files(deck.parent)[0], 999)
            written = time.perf_counter()
            stall = await probe
            noticed = (time.perf_counter() - written) * 1000
    finally:
        DeckScreen._deck_changed = redraw
    return stall, sum(redrawing), noticed, baseline


async def probe_stalls(seconds: float, until: Callable[[], bool] | None = None) -> float:
    """The longest time the loop took to wake a 2 ms sleep, minus the 2 ms."""
    worst = 0.0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline and not (until is not None and until()):
        started = time.perf_counter()
        await asyncio.sleep(0.002)
        worst = max(worst, (time.perf_counter() - started) * 1000 - 2)
    return worst


def big_deck_part(args: argparse.Namespace) -> None:
    from gen_deck import generate

    with tempfile.TemporaryDirectory(prefix="bench-reload-big-") as temporary:
        started = time.perf_counter()
        deck = generate(Path(temporary), incidents=args.incidents, quotes=args.quotes, files=args.files)
        generated = time.perf_counter() - started
        reloads, diffs, summaries, full_load = asyncio.run(follower_reloads(deck, args.edits))
        print(f"bench_reload part 2: {args.incidents} incidents, {args.quotes} quotes over {2 * args.files} included files "
              f"(generated in {generated:.1f} s); {args.edits} one-line edits, each in another included file")
        print(f"  reference: full load of the deck {full_load:.0f} ms")
        print(f"  save -> Reloaded (DeckFollower + LoadCache): median {statistics.median(reloads):.0f} ms, "
              f"max {max(reloads):.0f} ms, ratio to the full load {statistics.median(reloads) / full_load:.3f} (budget 300 ms)")
        print(f"  the notice's diff (unchanged files skipped): median {statistics.median(diffs):.1f} ms, max {max(diffs):.1f} ms "
              f"(runs in a thread after the deck is on screen); e.g. '{summaries[0]}'")
        if not args.skip_app:
            stall, redrawing, noticed, baseline = asyncio.run(app_stall(deck))
            print(f"  running app, every screen open: longest event-loop stall during the reload {stall:.0f} ms "
                  f"(before the edit {baseline:.0f} ms); the screens' show_deck took {redrawing:.0f} ms in all "
                  f"(heavy work such as the quote index runs in threads); write -> notice {noticed:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=100, help="saves of each kind (default 100)")
    parser.add_argument("--reference-saves", type=int, default=30)
    parser.add_argument("--min-gap", type=float, default=0.05, help="seconds after a save shows (default 0.05)")
    parser.add_argument("--max-gap", type=float, default=0.3, help="seconds after a save shows (default 0.3)")
    parser.add_argument("--interval", type=float, default=0.002, help="seconds between looks at the screen (default 0.002)")
    parser.add_argument("--timeout", type=float, default=3.0, help="seconds before a save counts as missed")
    parser.add_argument("--poll", action="store_true", help="run briefing with --poll")
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--quotes", type=int, default=50_000)
    parser.add_argument("--files", type=int, default=10, help="included files per kind")
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--skip-terminal", action="store_true")
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--skip-app", action="store_true", help="in part 2, skip the running app's stall")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    random.seed(args.seed)
    if not args.skip_terminal:
        terminal_part(args)
    if not args.skip_big:
        big_deck_part(args)


if __name__ == "__main__":
    main()
