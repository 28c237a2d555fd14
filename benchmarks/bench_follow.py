"""Following a shared presentation end to end: presenter key to every follower's screen.

    python benchmarks/bench_follow.py                      # 1, 10 and 50 followers, 60 steps each
    python benchmarks/bench_follow.py --followers 1,10,50 --steps 100

The presenter is a headless `BriefingApp` with the example deck, sharing it (as
`briefing DECK --share`) in a runtime directory of its own; each follower is a
`FollowerApp` (what `briefing follow` runs) in a process of its own, on a terminal of its
own (a pty the benchmark reads and drops, as an SSH session would carry it away), at 80×24
or 120×40 in turn. It reports the moment each new place's frame has been written to its
terminal (CLOCK_MONOTONIC is the same in every process). For each count of followers:

- presenter key to every follower's updated screen: the time from the key press in the
  presenter to the last follower's screen showing the new slide, median and p99 (DESIGN:
  p99 <= 100 ms at 50 followers), and the median of single followers;
- the presenter's step: CPU time of the presenter's process per key press (the key, its
  screen, the place report and sending it to every follower), median, against the same
  app not sharing at all, measured in the same run (DESIGN: <= 1.1 x with 50 followers);
- memory: each follower process's RSS (median), and what each follower adds to the
  presenter's RSS;
- bytes per step on the socket: the place frame each follower is sent, and all of them.

The followers and the presenter share the machine's cores, as they would on a shared
server; on a busy machine the latencies say more about the machine than about briefing.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import json
import os
import pwd
import shutil
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.deck import load_deck  # noqa: E402
from briefing.session.share import RuntimeDir  # noqa: E402
from briefing.session.share.protocol import PlaceMessage, frame  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "decks" / "nato-airspace-2025" / "deck.yaml"
PRESENTER_SIZE = (100, 30)
FOLLOWER_SIZES = ((80, 24), (120, 40))
KEYS = ("right", "left")
WAIT_SECONDS = 10.0


def say(**fields) -> None:
    print(json.dumps(fields), flush=True)


# --- a follower (a process of its own, on a terminal of its own) -----------------------------------


async def follower(base: str, presenter: str, size: tuple[int, int], report_fd: int) -> None:
    """`briefing follow` as it runs for a user: the real driver on a real terminal (a pty the
    benchmark drains), reporting on `report_fd` when each new place's frame has been written."""
    from briefing.follow import first_deck
    from briefing.session.share import ShareClient
    from briefing.ui.follower import FollowerApp

    report = os.fdopen(report_fd, "w", buffering=1)
    pending: list[tuple[int, float]] = []

    client = ShareClient(presenter, runtime=RuntimeDir(Path(base), configured=True), size=size)
    feed = client.events()
    connected, first = await first_deck(feed, presenter)
    app = FollowerApp(feed, first, connected.presentation, presenter=presenter, show_clock=False)
    driver_class, show_place = app.get_driver_class(), app.show_place

    class StampingDriver(driver_class):
        def flush(self) -> None:
            super().flush()
            while pending:
                slide, cpu = pending.pop(0)
                report.write(json.dumps({"slide": slide, "t": time.monotonic(), "cpu": time.process_time() - cpu}) + "\n")

    async def stamped_show_place(place) -> None:
        cpu = time.process_time()
        await show_place(place)
        pending.append((place.slide, cpu))

    app.driver_class = StampingDriver  # the app chose its driver class when it was made
    app.show_place = stamped_show_place

    async def ready(pilot) -> None:
        await pilot.pause()
        report.write(json.dumps({"ready": os.getpid()}) + "\n")

    await app.run_async(size=size, auto_pilot=ready)
    report.write(json.dumps({"ended": app.farewell or app.crash or f"exit {app.return_code}"}) + "\n")


# --- the presenter --------------------------------------------------------------------------------


class Followers:
    """The follower processes, each on a pty of its own, and what they report: when each slide
    reached each screen."""

    def __init__(self, base: Path, presenter: str) -> None:
        self.base, self.presenter = base, presenter
        self.processes: list[asyncio.subprocess.Process] = []
        self.shown: dict[int, list[tuple[int, float]]] = {}
        self.cpu: list[float] = []
        """Each follower's CPU time per place, from applying it to the frame written (s)."""
        self.ready = 0
        self._readers: list[asyncio.Task] = []
        self._terminals: list[int] = []

    async def add(self, count: int) -> None:
        for _ in range(count):
            size = FOLLOWER_SIZES[len(self.processes) % 2]
            terminal, process, reports = await self._spawn(size)
            self._terminals.append(terminal)
            self.processes.append(process)
            self._readers.append(asyncio.ensure_future(self._read(len(self.processes) - 1, reports)))

    async def _spawn(self, size: tuple[int, int]):
        loop = asyncio.get_running_loop()
        terminal, tty = os.openpty()
        fcntl.ioctl(tty, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        os.set_blocking(terminal, False)
        loop.add_reader(terminal, _drain, terminal)
        read_end, write_end = os.pipe()
        environment = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        process = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--follower", str(self.base), self.presenter, f"{size[0]}x{size[1]}", str(write_end),
            stdin=tty, stdout=tty, stderr=tty, pass_fds=(write_end,), env=environment, start_new_session=True,
        )
        os.close(tty)
        os.close(write_end)
        reports = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reports), os.fdopen(read_end, "rb"))
        return terminal, process, reports

    async def _read(self, number: int, reports: asyncio.StreamReader) -> None:
        while line := await reports.readline():
            fields = json.loads(line)
            if "ready" in fields:
                self.ready += 1
            elif "ended" in fields:
                print(f"  follower {number} ended: {fields['ended']}", file=sys.stderr)
            else:
                self.shown.setdefault(number, []).append((fields["slide"], fields["t"]))
                self.cpu.append(fields["cpu"])

    def reached(self, slide: int, since: float) -> list[float] | None:
        """Each follower's time to show `slide` after `since`; None while one has not yet."""
        times = []
        for number in range(len(self.processes)):
            seen = [t for s, t in self.shown.get(number, ()) if s == slide and t >= since]
            if not seen:
                return None
            times.append(seen[0] - since)
        return times

    def rss_mib(self) -> list[float]:
        return [rss_mib(process.pid) for process in self.processes]

    async def stop(self) -> None:
        for process in self.processes:
            if process.returncode is None:
                process.terminate()
        for process in self.processes:
            await process.wait()
        for reader in self._readers:
            reader.cancel()
        loop = asyncio.get_running_loop()
        for terminal in self._terminals:
            loop.remove_reader(terminal)
            os.close(terminal)


def _drain(terminal: int) -> None:
    """Read and drop what a follower writes to its terminal (a user's terminal would draw it)."""
    try:
        while os.read(terminal, 65536):
            pass
    except (BlockingIOError, OSError):
        pass


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def steps(pilot, count: int, followers: Followers | None) -> tuple[list[float], list[float], list[float], int]:
    """Walk the slides (three forward, three back) `count` times: each step's presenter CPU (ms),
    time to every follower (ms), time to each follower (ms), and steps some follower missed."""
    app = pilot.app
    cpu, every, each, missed = [], [], [], 0
    for number in range(count):
        key = KEYS[(number // 3) % 2]
        started, clock = time.process_time(), time.monotonic()
        await pilot.press(key)
        await pilot.pause()
        cpu.append((time.process_time() - started) * 1e3)
        if followers is None or not followers.processes:
            continue
        slide = app.session.place.slide
        deadline = time.monotonic() + WAIT_SECONDS
        while (times := followers.reached(slide, clock)) is None and time.monotonic() < deadline:
            await asyncio.sleep(0.002)
        if times is None:
            missed += 1
            print(f"  missed: step {number} to slide {slide}; shown {dict(followers.shown)}", file=sys.stderr)
            continue
        every.append(max(times) * 1e3)
        each.extend(t * 1e3 for t in times)
    return cpu, every, each, missed


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def presenter(counts: list[int], step_count: int) -> None:
    from briefing.ui.app import BriefingApp
    from briefing.ui.sharing import ShareSettings

    me = pwd.getpwuid(os.geteuid()).pw_name
    base = Path(tempfile.mkdtemp(prefix="briefing-bench-follow-", dir="/tmp"))
    os.chmod(base, 0o1777)
    runtime = RuntimeDir(base, configured=True)
    result = load_deck(EXAMPLE)
    print(f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())} on {os.cpu_count()} cores")
    try:
        alone = await not_sharing(result, step_count)
        print(f"not sharing: presenter step CPU median {statistics.median(alone):.2f} ms ({step_count} steps)")

        settings = ShareSettings(max_followers=max(counts) + 4, runtime=runtime)
        app = BriefingApp(EXAMPLE, result, show_clock=False, share=settings)
        async with app.run_test(size=PRESENTER_SIZE) as pilot:
            while app.sharing is None or app.sharing.server is None:
                await pilot.pause()
            frames = count_place_frames(app.sharing.server)
            shared_alone, *_ = await steps(pilot, step_count, None)
            rss_alone = rss_mib(os.getpid())
            print(f"sharing, 0 followers: presenter step CPU median {statistics.median(shared_alone):.2f} ms "
                  f"({statistics.median(shared_alone) / statistics.median(alone):.2f} x not sharing)")
            followers = Followers(base, me)
            try:
                for count in counts:
                    await followers.add(count - len(followers.processes))
                    while followers.ready < count or app.sharing.followers < count:
                        await asyncio.sleep(0.05)
                        await pilot.pause()
                    await asyncio.sleep(1.0)
                    frames.clear()
                    followers.cpu.clear()
                    cpu, every, each, missed = await steps(pilot, step_count, followers)
                    report(count, cpu, alone, every, each, missed, followers.rss_mib(), rss_mib(os.getpid()) - rss_alone, frames)
                    render = statistics.median(followers.cpu) * 1e3
                    print(f"  each follower's CPU per place (apply, draw, write): median {render:.1f} ms; "
                          f"{count} of them on {os.cpu_count()} cores: at least {render * count / os.cpu_count():.0f} ms "
                          "before the last can show it")
            finally:
                await followers.stop()
        again = await not_sharing(result, step_count)
        print(f"not sharing, again: presenter step CPU median {statistics.median(again):.2f} ms "
              f"(the ratios above are against the first; the two differ by the machine's noise)")
    finally:
        shutil.rmtree(base, ignore_errors=True)


async def not_sharing(result, step_count: int) -> list[float]:
    from briefing.ui.app import BriefingApp

    plain = BriefingApp(EXAMPLE, result, show_clock=False)
    async with plain.run_test(size=PRESENTER_SIZE) as pilot:
        await pilot.pause()
        cpu, *_ = await steps(pilot, step_count, None)
    return cpu


def count_place_frames(server) -> list[int]:
    """The size of each place frame published (each follower is sent one per step)."""
    sizes: list[int] = []
    publish = server.publish_place

    def publish_place(place) -> None:
        sizes.append(len(frame(PlaceMessage(place).to_json())))
        publish(place)

    server.publish_place = publish_place
    return sizes


def report(count, cpu, alone, every, each, missed, rss, presenter_growth, frames) -> None:
    print(f"{count} follower{'s' if count != 1 else ''}:")
    if every:
        print(f"  key to every follower's screen: median {statistics.median(every):.1f} ms, "
              f"p99 {percentile(every, 0.99):.1f} ms, max {max(every):.1f} ms ({len(every)} steps, {missed} missed)")
        print(f"  key to one follower's screen: median {statistics.median(each):.1f} ms, p99 {percentile(each, 0.99):.1f} ms")
    print(f"  presenter step CPU: median {statistics.median(cpu):.2f} ms, "
          f"{statistics.median(cpu) / statistics.median(alone):.2f} x not sharing")
    print(f"  memory: follower RSS median {statistics.median(rss):.1f} MiB (max {max(rss):.1f}); "
          f"presenter +{presenter_growth / count:.2f} MiB per follower")
    if frames:
        per = statistics.median(frames)
        print(f"  bytes per step on the socket: {per:.0f} B per follower, {per * count / 1024:.1f} KiB for all {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--followers", default="1,10,50", help="counts of followers, in order (default 1,10,50)")
    parser.add_argument("--steps", type=int, default=60, help="steps per count (default 60)")
    parser.add_argument("--follower", nargs=4, metavar=("BASE", "PRESENTER", "SIZE", "FD"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.follower:
        base, who, size, report_fd = args.follower
        width, height = (int(n) for n in size.split("x"))
        asyncio.run(follower(base, who, (width, height), int(report_fd)))
        return
    asyncio.run(presenter([int(n) for n in args.followers.split(",")], args.steps))


if __name__ == "__main__":
    main()
