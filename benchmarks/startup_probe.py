"""Run `briefing` as the command does, and write what it took to reach its first paint.

Used by `bench_startup.py --breakdown` (in a real terminal): at the app's first paint (the
moment it resumes Python's collector) this records the time since the interpreter started,
the modules imported so far and the memory Python allocated for them (tracemalloc, when
`-X tracemalloc` is on), then again once the app has run a second longer (the file watchers
started), and exits. The record goes to the JSON file named by BRIEFING_PROBE_OUT.

    python [-X tracemalloc] benchmarks/startup_probe.py [--minimal | --floor DECK | briefing arguments...]
"""

from __future__ import annotations

import json
import os
import sys
import time
import tracemalloc

STARTED = time.perf_counter()
SECOND_LOOK_SECONDS = 1.0


_PROFILER = None


def _start_profile() -> None:
    """With BRIEFING_PROBE_PROFILE set: pyinstrument (if installed) from here to the first paint, as text into that file."""
    global _PROFILER
    if os.environ.get("BRIEFING_PROBE_PROFILE"):
        from pyinstrument import Profiler

        _PROFILER = Profiler(interval=0.0005)
        _PROFILER.start()


def _stop_profile() -> None:
    if _PROFILER is not None:
        _PROFILER.stop()
        with open(os.environ["BRIEFING_PROBE_PROFILE"], "w", encoding="utf-8") as out:
            out.write(_PROFILER.output_text(unicode=True, color=False, show_all=bool(os.environ.get("BRIEFING_PROBE_PROFILE_ALL"))))


def _look() -> dict:
    traced = tracemalloc.get_traced_memory()[0] if tracemalloc.is_tracing() else None
    return {"seconds": time.perf_counter() - STARTED, "cpu_seconds": time.process_time(),
            "modules": sorted(sys.modules), "traced_bytes": traced, "rss_kib": _rss_kib(),
            "by_file": _by_file() if traced is not None else {}}


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)


def _by_file() -> dict[str, int]:
    """Allocated bytes still held, by the top-level package (or briefing subpackage) of the allocating file."""
    totals: dict[str, int] = {}
    for stat in tracemalloc.take_snapshot().statistics("filename"):
        totals[_package(stat.traceback[0].filename)] = totals.get(_package(stat.traceback[0].filename), 0) + stat.size
    return totals


def _package(filename: str) -> str:
    parts = filename.replace("\\", "/").split("/")
    for anchor in ("site-packages", "dist-packages"):
        if anchor in parts:
            rest = parts[parts.index(anchor) + 1:]
            return rest[0].removesuffix(".py")
    if "briefing" in parts:
        rest = parts[len(parts) - 1 - parts[::-1].index("briefing"):]
        return "/".join(rest[:2]).removesuffix(".py")
    if "python3" in "".join(parts) or filename.startswith("<"):
        return "stdlib" if not filename.startswith("<") else filename
    return parts[-1]


def _on_first_paint(record: dict) -> None:
    record["first_paint"] = _look()
    _stop_profile()
    from textual.app import active_app

    app = active_app.get()

    def second_look() -> None:
        record["settled"] = _look()
        app.exit(0)

    app.set_timer(SECOND_LOOK_SECONDS, second_look)


def _mark_phases(record: dict) -> None:
    """CPU time at each step of a presenting start, by wrapping the steps `briefing.commands.present` takes."""
    import gc

    gc.disable()  # as `briefing` does before importing the commands (cli._present)
    import briefing.cache.start as cache_start
    import briefing.commands as commands

    marks = record.setdefault("phases", {})
    marks["commands imported"] = time.process_time()

    def wrapped(module, name: str, label: str) -> None:
        original = getattr(module, name)

        def step(*args, **kwargs):
            marks.setdefault(f"{label} begins", time.process_time())
            result = original(*args, **kwargs)
            marks.setdefault(f"{label} ends", time.process_time())
            return result

        setattr(module, name, step)

    wrapped(cache_start, "start", "deck (start-up cache or load)")
    wrapped(commands, "start_themes", "themes")
    wrapped(commands, "run_app", "app run")


def _run_briefing(arguments: list[str], record: dict) -> None:
    """briefing's own first paint: the moment it freezes what start-up built (`ui.startup.resume_collector`)."""
    import gc

    if os.environ.get("BRIEFING_PROBE_PHASES"):
        _mark_phases(record)
    freeze = gc.freeze

    def frozen() -> None:
        freeze()
        if "first_paint" not in record:
            _on_first_paint(record)

    gc.freeze = frozen
    from briefing.cli import main as briefing_main

    briefing_main(arguments)


def _run_reference(which: str, arguments: list[str], record: dict) -> None:
    """The minimal app (``--minimal``) or the floor (``--floor DECK``), with the same first-paint hook."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    if which == "--minimal":
        from minimal_app import OneWord

        app = OneWord()
    else:
        from floor_app import main as floor

        app = floor(arguments[0])
    type(app).on_mount = lambda self: self.call_after_refresh(_on_first_paint, record)
    record["phases"] = {"app run begins": time.process_time()}
    app.run()


def main() -> None:
    record: dict = {}
    _start_profile()
    if sys.argv[1:2] in (["--minimal"], ["--floor"]):
        _run_reference(sys.argv[1], sys.argv[2:], record)
    else:
        _run_briefing(sys.argv[1:], record)
    with open(os.environ["BRIEFING_PROBE_OUT"], "w", encoding="utf-8") as out:
        json.dump(record, out)


if __name__ == "__main__":
    main()
