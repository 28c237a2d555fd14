"""First paint, memory and terminal output of `briefing`, against a minimal Textual app.

Both run in a real terminal (tmux), interleaved in the same run, so the machine's mood
affects both alike. Budgets (DESIGN.md): first paint <= 1.2 x the minimal app; memory
<= 1.3 x; bytes written while idle = 0 (a clock ticking once a second aside).

    python benchmarks/bench_startup.py [--runs 10] [--floor]

Both apps run from compiled bytecode, as an installed program does: the package is
compiled first, so an environment that never writes `.pyc` files (PYTHONDONTWRITEBYTECODE)
does not charge briefing for compiling its own modules on every start. Memory is read
once the app has settled (the file watchers, which start after the first paint, included).
"""

from __future__ import annotations

import argparse
import compileall
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


def first_paint(command: list[str], ready_text: str) -> tuple[float, int]:
    terminal = Terminal(command)
    try:
        started = terminal.start()
        seen = terminal.wait_for(ready_text)
        time.sleep(SETTLE_SECONDS)
        return seen - started, rss_kib(terminal.pid())
    finally:
        terminal.close()


def output_bytes(runs_per_step: int = 5) -> dict[str, float]:
    """Bytes the app writes per slide step, and per second idle with and without the clock."""
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "out"
        log.touch()
        terminal = Terminal(BRIEFING, log=log)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--floor", action="store_true", help="also time the deck core plus one Static (floor_app.py)")
    args = parser.parse_args()
    compileall.compile_dir(REPO / "briefing", quiet=1)
    floor_times = []
    minimal_times, briefing_times, minimal_rss, briefing_rss = [], [], [], []
    for _ in range(args.runs):
        seconds, rss = first_paint(MINIMAL, "ready")
        minimal_times.append(seconds)
        minimal_rss.append(rss)
        seconds, rss = first_paint(BRIEFING, BRIEFING_READY)
        briefing_times.append(seconds)
        briefing_rss.append(rss)
        if args.floor:
            floor_times.append(first_paint(FLOOR, BRIEFING_READY)[0])
    m_time, b_time = statistics.median(minimal_times), statistics.median(briefing_times)
    m_rss, b_rss = statistics.median(minimal_rss), statistics.median(briefing_rss)
    print(f"first paint, minimal Textual app: median {m_time * 1000:.0f} ms over {args.runs} runs")
    print(f"first paint, briefing example deck: median {b_time * 1000:.0f} ms")
    print(f"first paint ratio: {b_time / m_time:.2f} x (budget 1.2 x)")
    if floor_times:
        f_time = statistics.median(floor_times)
        print(f"first paint, deck core + load + one Static (the floor): median {f_time * 1000:.0f} ms, {f_time / m_time:.2f} x")
    print(f"memory (RSS): minimal {m_rss / 1024:.1f} MiB, briefing {b_rss / 1024:.1f} MiB, ratio {b_rss / m_rss:.2f} x (budget 1.3 x)")
    out = output_bytes()
    print(f"bytes written per slide step: median {out['step_median']:.0f}")
    print(f"bytes written while idle, clock hidden: {out['idle_no_clock']:.1f} per second (budget 0)")
    print(f"bytes written while idle, clock shown: {out['idle_clock']:.1f} per second (the clock's own cells)")


if __name__ == "__main__":
    main()
