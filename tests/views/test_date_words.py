"""Dates in words, for the screens and every handout: a window is never read as a duration."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from briefing.deck.dates import format_date_point, ongoing_until, parse_date
from briefing.views.dates import is_uncertain, span_text, when_text

TALLINN = ZoneInfo("Europe/Tallinn")


def day(text: str):
    return parse_date(text, tz=TALLINN)


def words(when: str | None, until: str | None = None) -> str | None:
    end = ongoing_until(day("2025-09-25")) if until == "ongoing" else day(until) if until else None
    return span_text(day(when) if when else None, end, lambda point: format_date_point(point, TALLINN))


@pytest.mark.parametrize(
    ("when", "until", "expected"),
    [
        ("2025-09-22/2025-09-25", None, "the day is unknown within 22–25 September 2025"),
        ("2025-09/2025-10", None, "the month is unknown within September–October 2025"),
        ("2025-09/2025-10-02", None, "the day is unknown within September 2025 – 2 October 2025"),
        ("2025-09-09T22:00/2025-09-10T04:00", None, "the time is unknown within 9 Sep 2025 22:00 – 10 Sep 2025 04:00 +03:00"),
        ("2025-09-22/2025-09-25", "2025-09-30", "from a day unknown within 22–25 September 2025 to 30 September 2025"),
        ("2025-09-22/2025-09-25", "ongoing", "from a day unknown within 22–25 September 2025, ongoing"),
    ],
)
def test_an_interval_in_when_reads_as_a_window_holding_one_moment(when, until, expected):
    assert words(when, until) == expected


@pytest.mark.parametrize(
    ("when", "until", "expected"),
    [
        ("2025-09-22", "ongoing", "from 22 September 2025, ongoing"),
        ("2025-09", None, "September 2025"),
        ("2025-09-09", "2025-09-10", "9–10 September 2025"),
        ("2025-09-19", None, "19 September 2025"),
        ("2025-09-20~", None, "c. 20 September 2025"),
        ("2025-09-19", "2025-09-19", "19 September 2025"),
    ],
)
def test_a_date_with_an_end_reads_as_what_lasted_and_a_month_as_a_month(when, until, expected):
    assert words(when, until) == expected


def test_no_date_is_none_in_a_handout_and_undated_on_a_screen():
    assert words(None) is None
    assert when_text(None) == "undated"


def test_the_screens_read_the_same_words_as_the_handouts():
    assert when_text(day("2025-09-22"), ongoing_until(day("2025-09-25"))) == "from 22 September 2025, ongoing"
    assert when_text(day("2025-09-22/2025-09-25")) == "the day is unknown within 22–25 September 2025"


def test_only_an_interval_in_when_is_uncertain():
    assert is_uncertain(day("2025-09-22/2025-09-25"))
    assert not is_uncertain(day("2025-09"))
    assert not is_uncertain(None)
