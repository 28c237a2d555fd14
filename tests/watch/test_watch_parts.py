"""The pure parts of file following: include globs, watch plans, noise, file systems, file states."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from briefing.deck import MAX_FILE_BYTES
from briefing.watch import (
    MISSING,
    filesystem_type,
    include_patterns,
    is_network_filesystem,
    is_noise,
    make_plan,
    pattern_base,
    read_state,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: T\ninclude: [quotes.yaml, incidents/*.yaml]\n", ("quotes.yaml", "incidents/*.yaml")),
        ("title: T\ninclude:\n  - a.yaml\n  - 'b c.yaml'\n", ("a.yaml", "b c.yaml")),
        ("title: T\ninclude: one.yaml\n", ("one.yaml",)),
        ("title: T\nsummary: x\n", ()),
        ("- a\n- b\n", ()),
        ("", ()),
        ("countries:\n  - {code: EE, include: [no.yaml]}\ninclude: [yes.yaml]\n", ("yes.yaml",)),
        ("? [complex, key]\n: v\ninclude: [after.yaml]\n", ("after.yaml",)),
        ("include: [a.yaml, {odd: 1}, b.yaml]\n", ("a.yaml", "b.yaml")),
    ],
)
def test_include_patterns_reads_the_top_level_include_key(text: str, expected: tuple[str, ...]) -> None:
    assert include_patterns(text.encode()) == expected


def test_include_patterns_stops_reading_at_the_include_key() -> None:
    text = b"title: T\ninclude: [a.yaml]\nbroken: [unclosed\n"
    assert include_patterns(text) == ("a.yaml",)


@pytest.mark.parametrize("text", [b"title: [unclosed\ninclude: [a.yaml]\n", b"title: \xc3\x28\ninclude: [a.yaml]\n", b"a: b: c"])
def test_include_patterns_is_none_when_the_text_does_not_parse_that_far(text: bytes) -> None:
    assert include_patterns(text) is None


def test_include_patterns_does_not_expand_aliases() -> None:
    bomb = b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\ninclude: [z.yaml]\n"
    assert include_patterns(bomb) == ("z.yaml",)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("quotes.yaml", ("/d", False)),
        ("incidents/*.yaml", ("/d/incidents", False)),
        ("incidents/2025/*.yaml", ("/d/incidents/2025", False)),
        ("**/*.yaml", ("/d", True)),
        ("parts/*/x.yaml", ("/d/parts", True)),
        ("parts/**", ("/d/parts", True)),
        ("../out.yaml", None),
        ("/etc/passwd", None),
        ("", None),
    ],
)
def test_pattern_base_is_the_folder_a_glob_can_gain_files_in(pattern: str, expected) -> None:
    assert pattern_base("/d", pattern) == expected


def test_make_plan_watches_parents_glob_bases_and_the_nearest_folder_of_missing_ones(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "deep" / "x").mkdir(parents=True)
    deck = str(tmp_path / "deck.yaml")
    plan = make_plan([deck], str(tmp_path), ["parts/*.yaml", "later/sub/*.yaml", "deep/*/a.yaml"])
    assert plan.flat == {str(tmp_path), str(tmp_path / "parts")}
    assert plan.recursive == {str(tmp_path / "deep")}
    assert plan.candidate_dirs == {str(tmp_path / "parts"), str(tmp_path / "later" / "sub")}
    assert plan.awaited == {str(tmp_path / "later" / "sub")}
    plan = make_plan([deck], str(tmp_path), ["parts/*.yaml"])
    assert plan.flat == {str(tmp_path), str(tmp_path / "parts")}
    assert plan.recursive == frozenset()


@pytest.mark.parametrize(
    "name",
    [".deck.yaml.swp", ".deck.yaml.swx", "deck.yaml~", "4913", ".#deck.yaml", "#deck.yaml#",
     "deck.yaml.tmp", ".goutputstream-XYZ12", "deck.yaml___jb_tmp___"],
)
def test_editor_scratch_files_are_noise(name: str) -> None:
    assert is_noise(name)


@pytest.mark.parametrize("name", ["deck.yaml", "quotes.yml", "2025-incidents.yaml", "theme.toml"])
def test_deck_files_are_not_noise(name: str) -> None:
    assert not is_noise(name)


MOUNTINFO = """\
22 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
40 22 0:35 / /home rw,relatime shared:20 - nfs4 server:/home rw,vers=4.2
41 40 0:36 / /home/local\\040disk rw,relatime shared:21 - ext4 /dev/sdb1 rw
42 22 0:37 / /mnt/c rw,noatime - 9p drvfs rw
"""


@pytest.mark.parametrize(
    ("path", "fstype"),
    [
        ("/etc/briefing/deck.yaml", "ext4"),
        ("/home/ana/decks", "nfs4"),
        ("/home", "nfs4"),
        ("/homely", "ext4"),
        ("/home/local disk/deck", "ext4"),
        ("/mnt/c/Users/deck", "9p"),
    ],
)
def test_filesystem_type_takes_the_innermost_mount(path: str, fstype: str) -> None:
    assert filesystem_type(path, MOUNTINFO) == fstype


def test_network_filesystems_are_recognised() -> None:
    assert all(is_network_filesystem(t) for t in ("nfs", "nfs4", "cifs", "fuse.sshfs", "9p", "virtiofs"))
    assert not any(is_network_filesystem(t) for t in ("ext4", "btrfs", "xfs", "tmpfs", "overlay", None))


def test_filesystem_type_of_this_machine_is_known() -> None:
    assert filesystem_type(os.getcwd()) is not None


def test_read_state_compares_content_not_times(tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    path.write_bytes(b"title: A\n")
    first, data = read_state(str(path))
    assert data == b"title: A\n" and first.exists and not first.empty
    os.utime(path, (1, 1))
    touched, _ = read_state(str(path))
    assert touched.digest == first.digest and touched.stat_key != first.stat_key
    path.write_bytes(b"title: B\n")
    assert read_state(str(path))[0].digest != first.digest
    path.write_bytes(b"")
    assert read_state(str(path))[0].empty
    path.unlink()
    assert read_state(str(path)) == (MISSING, None)


def test_a_file_written_just_now_is_racy_and_an_old_one_is_not(tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    path.write_bytes(b"x")
    assert read_state(str(path))[0].racy
    os.utime(path, (1_000_000, 1_000_000))
    assert not read_state(str(path))[0].racy


def test_read_state_never_opens_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "deck.yaml"
    os.mkfifo(fifo)
    state, data = read_state(str(fifo))  # a blocking open would wait here for a writer forever
    assert data is None and state.kind == "a FIFO" and not state.regular


def test_read_state_never_reads_a_link_to_a_device(tmp_path: Path) -> None:
    link = tmp_path / "deck.yaml"
    link.symlink_to("/dev/zero")
    state, data = read_state(str(link))  # reading it would never end
    assert data is None and state.kind == "a character device"


def test_read_state_reads_no_more_than_the_deck_file_limit(tmp_path: Path) -> None:
    big = tmp_path / "deck.yaml"
    with open(big, "wb") as handle:
        handle.truncate(4 * MAX_FILE_BYTES)  # sparse: no disk used
    tracemalloc.start()
    try:
        state, data = read_state(str(big))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data is None and state.regular and state.digest.startswith(b"!too-large")
    assert peak < MAX_FILE_BYTES // 4, f"{peak:,} bytes allocated"
    big.write_bytes(b"title: small again\n")
    assert read_state(str(big))[1] == b"title: small again\n"


def test_read_state_tells_whether_a_writer_has_the_file_open(tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    path.write_bytes(b"title: A\n")
    if read_state(str(path))[0].writing is None:
        pytest.skip("leases are not available here (not the file's owner, or the file system has none)")
    with open(path, "ab") as writer:
        writer.write(b"summary: half")
        writer.flush()
        during, _ = read_state(str(path))
    after, _ = read_state(str(path))
    assert during.writing is True and not during.line_ended
    assert after.writing is False


def test_read_state_with_an_unchanged_previous_state_does_not_read_again(tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    path.write_bytes(b"title: A\n")
    os.utime(path, (1_000_000, 1_000_000))
    first, data = read_state(str(path))
    again, data_again = read_state(str(path), first)
    assert data == b"title: A\n" and data_again is None and again.digest == first.digest


def test_a_long_path_in_a_notice_keeps_its_file_name():
    from briefing.watch.files import one_line

    path = "/tmp/" + "deep-folder/" * 20 + "deck.yaml"
    shown = one_line(path, 80)
    assert len(shown) == 80 and shown.endswith("/deck.yaml") and shown.startswith("/tmp/") and "..." in shown
