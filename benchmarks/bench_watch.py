"""Save -> update latency of live reload's file following, without the UI.

Copies the example deck to a temporary folder, follows it with ``DeckFollower`` and the real
loader, and saves it from another thread the three main ways editors do (in place; a new file
renamed over the old; truncate, then write a moment later), each save changing the subtitle to
a unique text, at random intervals. Prints, per way: median, 95th percentile and worst latency
from the final write to the update carrying that content, misses (a save never seen), extra
updates (a save seen twice) and failure flashes (a failed or unexpected load yielded).

The reference, measured in the same run: watchfiles' ``awatch`` with its default settings
(what a plain "reload on change" would use), timed from an in-place save to its first event.

    python benchmarks/bench_watch.py                 # 100 saves of each kind, notification
    python benchmarks/bench_watch.py --poll          # the same with stat polling
    python benchmarks/bench_watch.py --saves 20 --loader fake
    python benchmarks/bench_watch.py --includes 10000 --poll   # polling's cost with many files

``--includes N`` measures following at scale instead: a deck of N included files
(benchmarks/gen_deck.py), followed idle for a few seconds (the process's CPU share, all threads,
while nothing changes), then one-line edits of included files, each timed from the write to its
update. The "light" loader lists the includes once and then reads only the deck file, so the
figure is the follower's own cost (detection, settling, looking, bookkeeping); the real
loader's figure adds ``load_deck`` of every file, which is the deck core's cost.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from watchfiles import awatch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.watch import DeckFollower, ReloadFailed, WatchNotice

EXAMPLE = Path(__file__).resolve().parent.parent / "decks" / "nato-airspace-2025"
KINDS = ("in-place", "rename", "truncate-then-write")


@dataclass(frozen=True)
class FakeResult:
    ok: bool
    files: tuple[Path, ...]
    subtitle: str | None


def fake_load(path: Path) -> FakeResult:
    """libyaml alone: what the follower costs on top of the cheapest possible load."""
    try:
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError):
        return FakeResult(False, (path,), None)
    if not isinstance(data, dict) or "title" not in data:
        return FakeResult(False, (path,), None)
    return FakeResult(True, (path,), data.get("subtitle"))


def real_loader():
    from briefing.deck import LoadCache, load_deck

    cache = LoadCache()
    return lambda path: load_deck(path, cache=cache)


def subtitle_of(result) -> str | None:
    deck = getattr(result, "deck", None)
    return deck.subtitle if deck is not None else getattr(result, "subtitle", None)


@dataclass
class Tally:
    saved_at: dict[str, float] = field(default_factory=dict)
    latencies: dict[str, list[float]] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)
    failures: int = 0
    unexpected: int = 0
    first_failure: str = ""


def with_subtitle(text: str, subtitle: str) -> str:
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("subtitle:"):
            lines[index] = f"subtitle: {subtitle}\n"
            return "".join(lines)
    raise SystemExit("the example deck has no top-level subtitle: line")


def save(path: Path, text: str, kind: str, tally: Tally, label: str) -> None:
    data = text.encode("utf-8")
    if kind == "in-place":
        with open(path, "wb") as handle:
            tally.saved_at[label] = time.perf_counter()
            handle.write(data)
    elif kind == "rename":
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(data)
        tally.saved_at[label] = time.perf_counter()
        os.replace(temporary, path)
    else:
        with open(path, "r+b") as handle:
            handle.truncate(0)
            handle.flush()
            time.sleep(random.uniform(0.001, 0.03))
            tally.saved_at[label] = time.perf_counter()
            handle.write(data)


def writer(path: Path, saves: int, tally: Tally, gaps: tuple[float, float], done: threading.Event) -> None:
    original = path.read_text(encoding="utf-8")
    time.sleep(0.3)
    for kind in KINDS:
        for number in range(saves):
            time.sleep(random.uniform(*gaps))
            label = f"{kind} {number}"
            save(path, with_subtitle(original, label), kind, tally, label)
    time.sleep(0.6)
    done.set()


async def measure(deck: Path, load, saves: int, poll: bool, step_ms: int, gaps: tuple[float, float]) -> Tally:
    tally = Tally()
    done = threading.Event()
    follower = DeckFollower(deck, load, poll=poll, step_ms=step_ms)
    thread: threading.Thread | None = None
    notices = []
    async for update in follower:
        now = time.perf_counter()
        if thread is None:
            thread = threading.Thread(target=writer, args=(deck, saves, tally, gaps, done), daemon=True)
            thread.start()
            asyncio.create_task(_stop_when(done, follower))
            continue
        if isinstance(update, WatchNotice):
            notices.append(update.message)
            continue
        if isinstance(update, ReloadFailed):
            tally.failures += 1
            errors = getattr(update.result, "errors", ())
            tally.first_failure = tally.first_failure or (str(errors[0]) if errors else "load failed")
            continue
        label = subtitle_of(update.result)
        if label not in tally.saved_at:
            tally.unexpected += 1
            continue
        tally.seen[label] = tally.seen.get(label, 0) + 1
        if tally.seen[label] == 1:
            kind = label.rsplit(" ", 1)[0]
            tally.latencies.setdefault(kind, []).append((now - tally.saved_at[label]) * 1000)
    for message in notices:
        print(f"  notice: {message}")
    return tally


async def _stop_when(done: threading.Event, follower: DeckFollower) -> None:
    while not done.is_set():
        await asyncio.sleep(0.05)
    follower.stop()


async def reference(folder: Path, saves: int, gaps: tuple[float, float]) -> list[float]:
    """watchfiles' defaults: in-place save to the first event."""
    path = folder / "reference.yaml"
    path.write_text("title: reference\n")
    stop = asyncio.Event()
    arrivals: asyncio.Queue[float] = asyncio.Queue()

    async def watch() -> None:
        async for _ in awatch(folder, stop_event=stop):
            arrivals.put_nowait(time.perf_counter())

    task = asyncio.create_task(watch())
    await asyncio.sleep(0.3)
    latencies = []
    for number in range(saves):
        await asyncio.sleep(random.uniform(*gaps))
        while not arrivals.empty():
            arrivals.get_nowait()
        started = time.perf_counter()
        path.write_text(f"title: reference {number}\n")
        latencies.append((await asyncio.wait_for(arrivals.get(), 10) - started) * 1000)
    stop.set()
    await task
    return latencies


def light_loader(deck: Path):
    """Lists the includes once and then reads only the deck file: the follower's cost alone."""
    import glob as globbing

    folder = deck.parent
    files = [deck]
    for pattern in ("incidents/*.yaml", "quotes/*.yaml"):
        files += sorted(folder / match for match in globbing.glob(pattern, root_dir=folder))

    def load(path: Path) -> FakeResult:
        return FakeResult(True, tuple(files), path.read_text(encoding="utf-8")[:20])

    return load


def edit_include(path: Path, number: int) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index("    title: ") + len("    title: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + f"Edit {number}" + text[end:], encoding="utf-8")


async def follow_at_scale(deck: Path, load, poll: bool, idle: float, edits: int, run: int) -> tuple[float, list[float], list[float]]:
    """(CPU share while idle, ms from write to update for the first save to a file, for a second
    save to the same file); every run's edits are new text."""
    follower = DeckFollower(deck, load, initial=load(deck), poll=poll)
    updates = aiter(follower)
    files = sorted((deck.parent / "incidents").glob("*.yaml"))
    waiting = asyncio.ensure_future(anext(updates))
    await asyncio.sleep(3.0)  # start-up work (first looks) done before idling is measured
    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.sleep(idle)
    share = (time.process_time() - cpu) / (time.perf_counter() - wall)
    first, again = [], []
    for number in range(edits):
        path = files[(number * 7919) % len(files)]
        for times, text in ((first, run * 1000 + number), (again, run * 1000 + 500 + number)):
            edit_include(path, text)
            written = time.perf_counter()
            while True:
                update = await asyncio.wait_for(waiting, 60)
                waiting = asyncio.ensure_future(anext(updates))
                if not isinstance(update, WatchNotice):
                    break
            times.append((time.perf_counter() - written) * 1000)
            await asyncio.sleep(random.uniform(0.3, 0.6))
    waiting.cancel()
    follower.stop()
    return share, first, again


def scale_part(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from gen_deck import generate

    half = max(1, args.includes // 2)
    with tempfile.TemporaryDirectory(prefix="bench-watch-scale-") as temporary:
        deck = generate(Path(temporary), incidents=half * 2, quotes=half * 2, files=half)
        mode = "stat polling" if args.poll else "notification"
        print(f"bench_watch --includes: {2 * half} included files, {mode}, idle {args.idle:g} s, {args.edits} edits")
        loaders = [("light", light_loader(deck))]
        if args.loader == "real":
            loaders.append(("real", real_loader()))
        for run, (name, load) in enumerate(loaders):
            share, first, again = asyncio.run(follow_at_scale(deck, load, args.poll, args.idle, args.edits, run))
            print(f"  {name + ' loader:':<14} idle CPU {share * 100:5.1f} % of one core; edit -> update: first save to a "
                  f"file median {statistics.median(first):5.0f} ms (max {max(first):5.0f}), the same file again median "
                  f"{statistics.median(again):5.0f} ms (max {max(again):5.0f})")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=100, help="saves of each kind (default 100)")
    parser.add_argument("--poll", action="store_true", help="stat polling instead of notification")
    parser.add_argument("--loader", choices=("real", "fake"), default="real")
    parser.add_argument("--step-ms", type=int, default=None, help="watchfiles step (default: the follower's)")
    parser.add_argument("--min-gap", type=float, default=None, help="seconds (default 0.05, polling 0.15)")
    parser.add_argument("--max-gap", type=float, default=None, help="seconds (default 0.2, polling 0.4)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--includes", type=int, default=0, help="follow a deck of this many included files instead")
    parser.add_argument("--idle", type=float, default=5.0, help="with --includes: seconds idle (default 5)")
    parser.add_argument("--edits", type=int, default=10, help="with --includes: edits timed (default 10)")
    args = parser.parse_args()
    random.seed(args.seed)
    if args.includes:
        scale_part(args)
        return
    # A save replaced before the next poll is rightly never shown; polling gaps exceed the interval.
    default_gaps = (0.15, 0.4) if args.poll else (0.05, 0.2)
    gaps = (args.min_gap or default_gaps[0], args.max_gap or default_gaps[1])
    from briefing.watch import DEFAULT_STEP_MS

    step_ms = args.step_ms or DEFAULT_STEP_MS
    with tempfile.TemporaryDirectory(prefix="bench-watch-") as temporary:
        folder = Path(temporary) / "deck"
        shutil.copytree(EXAMPLE, folder)
        load = real_loader() if args.loader == "real" else fake_load
        load_times = []
        for _ in range(20):
            started = time.perf_counter()
            load(folder / "deck.yaml")
            load_times.append((time.perf_counter() - started) * 1000)
        mode = "stat polling" if args.poll else "notification"
        print(f"bench_watch: {args.saves} saves of each kind, gaps {gaps[0]:g}-{gaps[1]:g} s, {mode}, "
              f"step {step_ms} ms, {args.loader} loader (warm load median {statistics.median(load_times):.1f} ms)")
        reference_latencies = asyncio.run(reference(Path(temporary), min(args.saves, 30), gaps))
        reference_median = statistics.median(reference_latencies)
        print(f"  reference: watchfiles defaults, in-place save to event: median {reference_median:.1f} ms, "
              f"p95 {percentile(reference_latencies, 0.95):.1f} ms")
        tally = asyncio.run(measure(folder / "deck.yaml", load, args.saves, args.poll, step_ms, gaps))
    print(f"  {'save kind':<20} {'median':>8} {'p95':>8} {'max':>8} {'ratio':>6} {'misses':>7} {'extra':>6}")
    for kind in KINDS:
        values = tally.latencies.get(kind, [])
        labels = [label for label in tally.saved_at if label.startswith(kind + " ")]
        misses = sum(1 for label in labels if label not in tally.seen)
        extra = sum(tally.seen.get(label, 1) - 1 for label in labels)
        if values:
            median = statistics.median(values)
            print(f"  {kind:<20} {median:7.1f}ms {percentile(values, 0.95):7.1f}ms {max(values):7.1f}ms "
                  f"{median / reference_median:6.2f} {misses:7d} {extra:6d}")
        else:
            print(f"  {kind:<20} {'-':>8} {'-':>8} {'-':>8} {'-':>6} {misses:7d} {extra:6d}")
    print(f"  failure flashes: {tally.failures}; updates with unexpected content: {tally.unexpected}")
    if tally.first_failure:
        print(f"  first failure: {tally.first_failure}")
    print("  budget (DESIGN, whole app): median <= 50 ms, no miss, no flash; ratio = median / reference median")


if __name__ == "__main__":
    main()
