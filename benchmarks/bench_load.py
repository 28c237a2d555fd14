"""Measure the loader's DESIGN budgets and print the figures.

    python benchmarks/bench_load.py [--runs 50] [--incidents 10000] [--quotes 50000] [--keep DIR]

Budgets (DESIGN.md, "Budgets"):
- load + validate the example deck: <= 30 ms (median);
- load a 10,000-incident, 50,000-quote deck: <= 1.3 x the time libyaml alone takes to
  compose the same files (``yaml.compose(text, Loader=yaml.CLoader)``), measured in the same run;
- reload after editing one included file of that deck: <= 300 ms (with a LoadCache).

Times vary with machine load, so every ratio is taken against a reference measured in the
same run, and each figure is a median of several runs.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_deck import generate

from briefing.deck import LoadCache, load_deck

EXAMPLE = ROOT / "decks" / "nato-airspace-2025" / "deck.yaml"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_ms(action, runs: int) -> float:
    return statistics.median(timed(action) for _ in range(runs)) * 1000


def bench_example(runs: int) -> None:
    if not EXAMPLE.exists():
        print(f"example deck: {EXAMPLE} not found, skipped")
        return
    result = load_deck(EXAMPLE)
    if not result.ok:
        print(f"example deck: not valid ({len(result.errors)} errors), timing it anyway")
    load_deck(EXAMPLE)
    ms = median_ms(lambda: load_deck(EXAMPLE), runs)
    print(f"load + validate the example deck: median {ms:.1f} ms over {runs} runs (budget 30 ms)")


def deck_files(deck: Path) -> list[Path]:
    return [deck, *sorted((deck.parent / "incidents").glob("*.yaml")), *sorted((deck.parent / "quotes").glob("*.yaml"))]


def compose_all(texts: list[str]) -> None:
    for text in texts:
        yaml.compose(text, Loader=yaml.CLoader)


def compose_all_collector_paused(texts: list[str]) -> None:
    gc.disable()
    try:
        compose_all(texts)
    finally:
        gc.enable()


def bench_big(deck: Path, rounds: int) -> None:
    texts = [path.read_text(encoding="utf-8") for path in deck_files(deck)]
    size = sum(len(text.encode()) for text in texts) / 2**20
    result = load_deck(deck)
    if not result.ok:
        print(f"big deck: not valid: {result.errors[:3]}")
        return
    print(f"big deck: {len(result.deck.incidents):,} incidents, {len(result.deck.quotes):,} quotes, "
          f"{len(texts)} files, {size:.1f} MiB")
    del result  # a live deck of millions of objects would slow the reference's collector
    gc.collect()
    references, paused, ours = [], [], []
    for _ in range(rounds):
        references.append(timed(lambda: compose_all(texts)))
        paused.append(timed(lambda: compose_all_collector_paused(texts)))
        ours.append(timed(lambda: load_deck(deck)))
        gc.collect()
    reference, reference_paused, load = (statistics.median(v) for v in (references, paused, ours))
    print(f"  yaml.compose, CLoader (the reference): median {reference * 1000:.0f} ms")
    print(f"  load_deck (read, compose, validate, link): median {load * 1000:.0f} ms")
    print(f"  ratio: {load / reference:.2f} x the reference (budget 1.3 x)")
    print(f"  for comparison, the reference with the cyclic GC paused as load_deck does: "
          f"{reference_paused * 1000:.0f} ms, ratio {load / reference_paused:.2f} x")


def bench_reload(deck: Path, edits: int) -> None:
    cache = LoadCache()
    load_deck(deck, cache=cache)
    target = min((deck.parent / "quotes").glob("*.yaml"))
    original = target.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    text_lines = [number for number, line in enumerate(lines) if line.startswith("    where: ")]
    times, ok = [], True
    try:
        for edit in range(edits):
            number = text_lines[(edit * 997) % len(text_lines)]
            edited = lines.copy()
            edited[number] = f"    where: Edited place {edit}\n"
            target.write_text("".join(edited), encoding="utf-8")
            start = time.perf_counter()
            result = load_deck(deck, cache=cache)
            times.append(time.perf_counter() - start)
            ok = ok and result.ok and any(q.where == f"Edited place {edit}" for q in result.deck.quotes[:10_000])
    finally:
        target.write_text(original, encoding="utf-8")
    print(f"reload after a one-line edit of {target.name} (an included file): median "
          f"{statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {edits} edits "
          f"(budget 300 ms){'' if ok else ' -- EDIT NOT SEEN'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the deck loader's budgets.")
    parser.add_argument("--runs", type=int, default=50, help="runs for the example deck")
    parser.add_argument("--rounds", type=int, default=3, help="rounds for the big deck")
    parser.add_argument("--edits", type=int, default=10, help="edits for the reload figure")
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--quotes", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="write the big deck here and keep it")
    args = parser.parse_args(argv)
    bench_example(args.runs)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        deck = generate(folder, incidents=args.incidents, quotes=args.quotes)
        bench_big(deck, args.rounds)
        bench_reload(deck, args.edits)
    return 0


if __name__ == "__main__":
    sys.exit(main())
