"""First paint, memory and terminal output of `briefing`, against a minimal Textual app.

Both run in a real terminal (tmux), interleaved in the same run, so the machine's mood
affects both alike. Budgets (DESIGN.md): first paint <= 1.2 x the minimal app; memory
<= 1.3 x; bytes written while idle = 0 (a clock ticking once a second aside).

    python benchmarks/bench_startup.py [--runs 10] [--floor] [--cold | --warm] [--breakdown] [--no-output]

briefing is timed twice per run unless told otherwise: a cold start (an empty start-up
cache: it loads the deck and parses its Markdown and themes) and a warm one (the cache
holds the deck's load, as after any earlier start of the unchanged deck). `--floor` also
times the deck core + load + one Static (`floor_app.py`). `--breakdown` runs each app in
process instead (`startup_probe.py`) and prints what the wall clock hides on a busy
machine: CPU time to the first paint (load-independent, unlike the wall clock), modules
imported, memory allocated by Python (tracemalloc) and resident, and where they go.

Both apps run from compiled bytecode, as an installed program does: the package is
compiled first, so an environment that never writes `.pyc` files (PYTHONDONTWRITEBYTECODE)
does not charge briefing for compiling its own modules on every start. Memory is read
once the app has settled (the file watchers, which start after the first paint, included).
"""

from __future__ import annotations

import argparse
import collections
import compileall
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from terminal import Terminal, rss_kib

REPO = Path(__file__).resolve().parent.parent
DECK = REPO / "decks" / "nato-airspace-2025" / "deck.yaml"
MINIMAL = [sys.executable, str(Path(__file__).with_name("minimal_app.py"))]
BRIEFING = [sys.executable, "-m", "briefing", str(DECK)]
BRIEFING_READY = "Brief 1/"
SETTLE_SECONDS = 1.0
"""After the first paint, before memory is read: long enough for the watchers to be running."""
FLOOR = [sys.executable, str(Path(__file__).with_name("floor_app.py")), str(DECK)]
PROBE = str(Path(__file__).with_name("startup_probe.py"))
STORE_SECONDS = 2.0
"""How long a priming start runs: it stores its load for the warm starts after its first paint."""


def first_paint(command: list[str], ready_text: str, env: dict[str, str] | None = None) -> tuple[float, int]:
    terminal = Terminal(command, env=env)
    try:
        started = terminal.start()
        seen = terminal.wait_for(ready_text)
        time.sleep(SETTLE_SECONDS)
        return seen - started, rss_kib(terminal.pid())
    finally:
        terminal.close()


def cache_env(folder: str) -> dict[str, str]:
    return {"XDG_CACHE_HOME": folder}


def prime(folder: str) -> None:
    """One start of the deck that stays long enough to store its load: later starts are warm."""
    terminal = Terminal(BRIEFING, env=cache_env(folder))
    try:
        terminal.start()
        terminal.wait_for(BRIEFING_READY)
        time.sleep(STORE_SECONDS)
    finally:
        terminal.close()
    if not any(name.endswith(".deck.json") for name in os.listdir(Path(folder, "briefing"))):
        raise SystemExit(f"the priming start stored nothing in {folder}")


def output_bytes(runs_per_step: int = 5) -> dict[str, float]:
    """Bytes the app writes per slide step, and per second idle with and without the clock."""
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "out"
        log.touch()
        terminal = Terminal(BRIEFING, log=log, env=cache_env(folder))
        try:
            terminal.start()
            terminal.wait_for(BRIEFING_READY)
            time.sleep(1.5)
            steps = []
            for _ in range(runs_per_step):
                before = log.stat().st_size
                terminal.send("Right")
                time.sleep(0.5)
                steps.append(log.stat().st_size - before)
            terminal.send("c")
            time.sleep(1.0)
            before = log.stat().st_size
            time.sleep(5.0)
            idle_no_clock = (log.stat().st_size - before) / 5.0
            terminal.send("c")
            time.sleep(1.0)
            before = log.stat().st_size
            time.sleep(5.0)
            idle_clock = (log.stat().st_size - before) / 5.0
        finally:
            terminal.close()
    return {"step_median": statistics.median(steps), "idle_no_clock": idle_no_clock, "idle_clock": idle_clock}


def spread(values: list[float], scale: float = 1.0, unit: str = "ms") -> str:
    """Median with the middle half of the runs: '274 ms [262–281]'."""
    ordered = sorted(values)
    if len(ordered) < 4:
        low, high = ordered[0], ordered[-1]
    else:
        quartiles = statistics.quantiles(ordered, n=4)
        low, high = quartiles[0], quartiles[2]
    return f"{statistics.median(ordered) * scale:.0f} {unit} [{low * scale:.0f}–{high * scale:.0f}]"


def ratio_spread(values: list[float], references: list[float]) -> str:
    """Each run's own ratio (the apps ran back to back), as median [middle half]."""
    ratios = [value / reference for value, reference in zip(values, references, strict=True)]
    ordered = sorted(ratios)
    quartiles = statistics.quantiles(ordered, n=4) if len(ordered) >= 4 else [ordered[0], 0, ordered[-1]]
    return f"{statistics.median(ordered):.2f} x [{quartiles[0]:.2f}–{quartiles[2]:.2f}]"


def wall_clock(args: argparse.Namespace, kinds: list[str]) -> None:
    times: dict[str, list[float]] = collections.defaultdict(list)
    rss: dict[str, list[int]] = collections.defaultdict(list)
    with tempfile.TemporaryDirectory() as warm_folder:
        if "warm" in kinds:
            prime(warm_folder)
        for _ in range(args.runs):
            runs = [("minimal", MINIMAL, "ready", None)]
            if "cold" in kinds:
                runs.append(("cold", BRIEFING, BRIEFING_READY, "cold"))
            if "warm" in kinds:
                runs.append(("warm", BRIEFING, BRIEFING_READY, warm_folder))
            if args.floor:
                runs.append(("floor", FLOOR, BRIEFING_READY, None))
            for name, command, ready, folder in runs:
                with tempfile.TemporaryDirectory() as empty:
                    env = cache_env(empty if folder == "cold" else folder) if folder else None
                    seconds, kib = first_paint(command, ready, env)
                times[name].append(seconds)
                rss[name].append(kib)
    minimal = times["minimal"]
    print(f"first paint, minimal Textual app: {spread(minimal, 1000)} over {args.runs} runs (median [middle half])")
    for name, label in (("cold", "briefing example deck, cold start (empty cache)"),
                        ("warm", "briefing example deck, warm start (deck in the cache)"),
                        ("floor", "deck core + load + one Static (the floor)")):
        if times[name]:
            print(f"first paint, {label}: {spread(times[name], 1000)}, ratio {ratio_spread(times[name], minimal)}"
                  + (" (budget 1.2 x)" if name != "floor" else ""))
    m_rss = statistics.median(rss["minimal"])
    for name in ("cold", "warm"):
        if rss[name]:
            b_rss = statistics.median(rss[name])
            print(f"memory (RSS, {name}): minimal {m_rss / 1024:.1f} MiB, briefing {b_rss / 1024:.1f} MiB, "
                  f"ratio {b_rss / m_rss:.2f} x (budget 1.3 x)")


def probe(arguments: list[str], env: dict[str, str], *, trace: bool = False) -> dict:
    """One in-process measurement (startup_probe.py) in a real terminal."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "probe.json"
        command = [sys.executable, *(["-X", "tracemalloc"] if trace else []), PROBE, *arguments]
        terminal = Terminal(command, env={**env, "BRIEFING_PROBE_OUT": str(out)})
        try:
            terminal.start()
            deadline = time.monotonic() + 60
            while not (out.exists() and out.stat().st_size):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the probe never finished:\n{terminal.screen()}")
                time.sleep(0.02)
            time.sleep(0.05)
            return json.loads(out.read_text())
        finally:
            terminal.close()


def breakdown(args: argparse.Namespace, kinds: list[str]) -> None:
    """CPU time, modules and memory to the first paint, per app, measured in process."""
    apps = {"minimal": ["--minimal"], **{kind: [str(DECK)] for kind in kinds}}
    if args.floor:
        apps["floor"] = ["--floor", str(DECK)]
    with tempfile.TemporaryDirectory() as warm_folder:
        if "warm" in kinds:
            prime(warm_folder)
        records: dict[str, list[dict]] = collections.defaultdict(list)
        traced: dict[str, dict] = {}
        for number in range(args.runs + 1):
            for name, arguments in apps.items():
                with tempfile.TemporaryDirectory() as empty:
                    env = cache_env(warm_folder if name == "warm" else empty)
                    if number == args.runs:  # one more run per app, with tracemalloc (it slows the app)
                        traced[name] = probe(arguments, env, trace=True)
                    else:
                        records[name].append(probe(arguments, env))
    reference = [record["first_paint"]["cpu_seconds"] for record in records["minimal"]]
    print(f"CPU time to the first paint (median [middle half] of {args.runs}; each run's ratio to the minimal app's):")
    for name, runs in records.items():
        cpu = [record["first_paint"]["cpu_seconds"] for record in runs]
        print(f"  {name:8} {spread(cpu, 1000)}  ratio {ratio_spread(cpu, reference)}")
    minimal_modules = set(traced["minimal"]["first_paint"]["modules"])
    minimal_rss = statistics.median(record["settled"]["rss_kib"] for record in records["minimal"])
    print("modules imported / Python memory allocated (tracemalloc) / resident, at the first paint and 1 s later:")
    for name, record in traced.items():
        paint, settled = record["first_paint"], record["settled"]
        rss = statistics.median(run["settled"]["rss_kib"] for run in records[name])
        print(f"  {name:8} {len(paint['modules'])} / {paint['traced_bytes'] / 2**20:.1f} MiB at paint;  "
              f"{len(settled['modules'])} / {settled['traced_bytes'] / 2**20:.1f} MiB / {rss / 1024:.1f} MiB RSS "
              f"({rss / minimal_rss:.2f} x) settled")
    for name, record in traced.items():
        if name == "minimal":
            continue
        extra = sorted(set(record["settled"]["modules"]) - minimal_modules)
        groups = collections.Counter(_group(module) for module in extra)
        print(f"  {name}: modules beyond the minimal app's: " + ", ".join(f"{group} {count}" for group, count in groups.most_common()))
        mine, theirs = record["settled"]["by_file"], traced["minimal"]["settled"]["by_file"]
        more = {key: mine.get(key, 0) - theirs.get(key, 0) for key in set(mine) | set(theirs)}
        biggest = sorted(more.items(), key=lambda item: -item[1])[:10]
        print(f"  {name}: memory beyond the minimal app's, by allocating package: "
              + ", ".join(f"{key} {value / 2**20:.2f}" for key, value in biggest) + " MiB")


def _group(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "briefing" else parts[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--floor", action="store_true", help="also time the deck core plus one Static (floor_app.py)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--cold", action="store_true", help="only cold starts of briefing (an empty start-up cache)")
    which.add_argument("--warm", action="store_true", help="only warm starts of briefing (its deck in the cache)")
    parser.add_argument("--breakdown", action="store_true", help="CPU time, modules and memory in process, not the wall clock")
    parser.add_argument("--no-output", action="store_true", help="skip the bytes-written measurement")
    args = parser.parse_args()
    kinds = ["cold"] if args.cold else ["warm"] if args.warm else ["cold", "warm"]
    compileall.compile_dir(REPO / "briefing", quiet=1)
    compileall.compile_dir(Path(__file__).parent, quiet=1, maxlevels=0)
    if args.breakdown:
        breakdown(args, kinds)
        return
    wall_clock(args, kinds)
    if args.no_output:
        return
    out = output_bytes()
    print(f"bytes written per slide step: median {out['step_median']:.0f}")
    print(f"bytes written while idle, clock hidden: {out['idle_no_clock']:.1f} per second (budget 0)")
    print(f"bytes written while idle, clock shown: {out['idle_clock']:.1f} per second (the clock's own cells)")


if __name__ == "__main__":
    main()
