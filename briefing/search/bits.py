"""Sets of quotes as Python integers, one bit per quote in ranking order.

Bit ``r`` stands for the quote ranked ``r`` (newest first, then deck order). Union,
intersection and exclusion of any two sets are one C-level operation on a few kilobytes,
whatever their sizes; the count is ``bit_count()``; and reading the lowest set bits gives
the best-ranked quotes directly, with no sort. Rare words keep a tuple of ranks instead
(smaller than a mask) and are turned into masks only when a query needs them.
"""

from __future__ import annotations

from itertools import compress, islice
from typing import Iterable, Iterator, Union

Posting = Union[int, tuple[int, ...]]
"""A set of ranks: a mask (int) for common entries, a sorted tuple for rare ones."""

_BIT = tuple(1 << i for i in range(8))
_ZERO_ONE = bytes.maketrans(b"01", b"\x00\x01")
_ENUMERATE_ALL = 2000
"""From this many wanted ranks on, reading every bit at C speed beats finding each one."""


def mask_of(ranks: Iterable[int], size: int) -> int:
    """A mask with the given ranks set; ``size`` is the number of quotes."""
    buffer = bytearray((size + 7) // 8)
    for rank in ranks:
        buffer[rank >> 3] |= _BIT[rank & 7]
    return int.from_bytes(buffer, "little")


def union(postings: Iterable[Posting], size: int) -> int:
    """The union of masks and rank tuples, converting all tuples in one pass."""
    mask = 0
    buffer: bytearray | None = None
    for posting in postings:
        if type(posting) is int:
            mask |= posting
            continue
        if buffer is None:
            buffer = bytearray((size + 7) // 8)
        for rank in posting:
            buffer[rank >> 3] |= _BIT[rank & 7]
    if buffer is not None:
        mask |= int.from_bytes(buffer, "little")
    return mask


def as_mask(posting: Posting, size: int) -> int:
    return posting if type(posting) is int else mask_of(posting, size)


def compact(ranks: list[int], size: int) -> Posting:
    """The smaller representation: a mask once a tuple would take more memory."""
    if len(ranks) * 64 >= size:
        return mask_of(ranks, size)
    return tuple(ranks)


def ranks_of(mask: int, limit: int | None = None) -> list[int]:
    """The set ranks, lowest (best) first, at most ``limit`` of them."""
    if limit is not None and limit < _ENUMERATE_ALL:
        return list(islice(iter_ranks(mask), limit))
    digits = bin(mask)[:1:-1].encode("ascii").translate(_ZERO_ONE)
    found = compress(range(len(digits)), digits)
    return list(found if limit is None else islice(found, limit))


def iter_ranks(mask: int) -> Iterator[int]:
    """The set ranks, lowest (best) first, found one at a time so a caller may stop early."""
    digits = bin(mask)
    top = len(digits) - 1
    position = digits.rfind("1", 2)
    while position != -1:
        yield top - position
        position = digits.rfind("1", 2, position)


def span_mask(start: int, stop: int) -> int:
    """Ranks ``start`` to ``stop - 1``."""
    if stop <= start:
        return 0
    return ((1 << (stop - start)) - 1) << start
