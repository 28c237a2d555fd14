"""Deck dates: every accepted form, every refusal, precision honesty, zones and formatting."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.deck import dates
from briefing.deck.dates import (
    DateError,
    format_date_point,
    format_date_point_short,
    ongoing_until,
    parse_date,
    resolve_timezone,
)
from briefing.deck.model import DateOrder, DatePoint, Precision

TALLINN = ZoneInfo("Europe/Tallinn")
EEST = timezone(timedelta(hours=3))


def parse(text: str, order: DateOrder | None = None, tz=TALLINN) -> DatePoint:
    return parse_date(text, tz=tz, date_order=order)


def refusal(text: str, order: DateOrder | None = None, tz=TALLINN) -> str:
    with pytest.raises(DateError) as caught:
        parse(text, order, tz)
    return str(caught.value)


# --- strict ISO ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "precision", "start"),
    [
        ("2025", Precision.YEAR, datetime(2025, 1, 1, tzinfo=TALLINN)),
        ("2025-09", Precision.MONTH, datetime(2025, 9, 1, tzinfo=TALLINN)),
        ("2025-09-19", Precision.DAY, datetime(2025, 9, 19, tzinfo=TALLINN)),
        ("2025-09-19 09:58", Precision.MINUTE, datetime(2025, 9, 19, 9, 58, tzinfo=TALLINN)),
        ("2025-09-19T09:58", Precision.MINUTE, datetime(2025, 9, 19, 9, 58, tzinfo=TALLINN)),
        ("2025-09-19T09:58:30", Precision.SECOND, datetime(2025, 9, 19, 9, 58, 30, tzinfo=TALLINN)),
        ("2025-09-19T09:58+03:00", Precision.MINUTE, datetime(2025, 9, 19, 9, 58, tzinfo=EEST)),
        ("2025-09-19T09:58:30.250+0300", Precision.SECOND, datetime(2025, 9, 19, 9, 58, 30, tzinfo=EEST)),
        ("2025-09-19T06:58Z", Precision.MINUTE, datetime(2025, 9, 19, 6, 58, tzinfo=timezone.utc)),
        ("2025-09-19 09:58 -05:00", Precision.MINUTE, datetime(2025, 9, 19, 9, 58, tzinfo=timezone(timedelta(hours=-5)))),
    ],
)
def test_iso_forms_give_their_own_precision_and_first_instant(text, precision, start):
    point = parse(text)
    assert point.precision is precision
    assert point.start == start
    assert point.start.tzinfo is not None
    assert point.text == text
    assert not point.approximate and point.end is None


def test_date_without_offset_is_placed_in_the_deck_timezone():
    point = parse("2025-09-19", tz=ZoneInfo("America/New_York"))
    assert point.start.utcoffset() == timedelta(hours=-4)
    assert point.start.tzinfo == ZoneInfo("America/New_York")


def test_written_offset_is_kept_rather_than_converted_to_the_deck_zone():
    point = parse("2025-09-19T09:58-05:00", tz=TALLINN)
    assert point.start.utcoffset() == timedelta(hours=-5)
    assert (point.start.hour, point.start.minute) == (9, 58)


def test_deck_timezone_may_be_a_fixed_offset():
    point = parse("2025-09-19 09:58", tz=resolve_timezone("+03:00"))
    assert point.start == datetime(2025, 9, 19, 6, 58, tzinfo=timezone.utc)


def test_surrounding_and_repeated_spaces_are_ignored():
    assert parse("  2025-09-19  ").start == parse("2025-09-19").start


def test_plain_integer_year_from_yaml_is_accepted():
    assert parse_date(2025, tz=TALLINN, date_order=None).precision is Precision.YEAR


@pytest.mark.parametrize("text", ["2025-02-30", "2025-13", "2025-09-31", "2025-09-19T24:00", "2025-09-19T09:60", "2023-02-29"])
def test_impossible_iso_dates_are_refused(text):
    assert "is not a real date" in refusal(text)


def test_leap_day_in_a_leap_year_is_a_real_date():
    assert parse("2024-02-29").start.day == 29


@pytest.mark.parametrize("text", ["2025-09-19T09:58+19:00", "19 September 2025 14:00 +25:00", "19 September 2025 14:00 +19:00"])
def test_offset_beyond_eighteen_hours_is_refused(text):
    assert "out of range" in refusal(text)


# --- approximate and intervals ---------------------------------------------------------------

def test_trailing_tilde_marks_a_date_approximate():
    point = parse("2025-09-20~")
    assert point.approximate
    assert point.precision is Precision.DAY
    assert point.start == datetime(2025, 9, 20, tzinfo=TALLINN)


@pytest.mark.parametrize("text", ["~", "~2025-09-20", "2025-09-20~~", "2025~09"])
def test_tilde_anywhere_but_the_end_is_refused(text):
    assert "'~' (approximate) goes at the end" in refusal(text)


def test_interval_keeps_each_end_with_its_own_precision():
    point = parse("2025-09/2025-10-02")
    assert point.is_interval
    assert point.precision is Precision.MONTH
    assert point.start == datetime(2025, 9, 1, tzinfo=TALLINN)
    assert point.end.precision is Precision.DAY
    assert point.end.start == datetime(2025, 10, 2, tzinfo=TALLINN)
    assert point.text == "2025-09/2025-10-02"
    assert point.end.text == "2025-10-02"


def test_interval_ends_may_each_be_approximate():
    point = parse("2025-09-20~/2025-09-25")
    assert point.approximate and not point.end.approximate
    point = parse("2025-09-20/2025-09-25~")
    assert not point.approximate and point.end.approximate


def test_interval_of_free_text_ends():
    point = parse("13 September 2025/Sept. 15, 2025")
    assert (point.start.day, point.end.start.day) == (13, 15)


def test_interval_of_years():
    point = parse("2024/2025")
    assert point.precision is Precision.YEAR
    assert point.period_end() == datetime(2026, 1, 1, tzinfo=TALLINN)


def test_interval_ending_before_it_starts_is_refused():
    assert refusal("2025-09-25/2025-09-22") == "interval '2025-09-25/2025-09-22' ends before it starts"
    assert "ends before it starts" in refusal("2025-09-19T10:00/2025-09-19T09:00")


def test_interval_may_start_and_end_on_the_same_day():
    assert parse("2025-09-19/2025-09-19").period_end() == datetime(2025, 9, 20, tzinfo=TALLINN)


def test_interval_end_may_be_a_coarser_period_that_contains_the_start():
    point = parse("2025-09-19T10:00/2025-09-19")
    assert point.period_end() == datetime(2025, 9, 20, tzinfo=TALLINN)


def test_interval_crossing_midnight_spans_both_days():
    point = parse("2025-09-09T22:00/2025-09-10T04:00")
    assert point.start == datetime(2025, 9, 9, 22, 0, tzinfo=TALLINN)
    assert point.end.start == datetime(2025, 9, 10, 4, 0, tzinfo=TALLINN)
    assert point.period_end() - point.start == timedelta(hours=6, minutes=1)
    assert format_date_point(point) == "9 Sep 2025 22:00 \u2013 10 Sep 2025 04:00 +03:00"
    assert format_date_point_short(point) == "9 Sep 2025 22:00 \u2013 10 Sep 2025 04:00"


@pytest.mark.parametrize("text", ["2025-09-22/2025-09-23/2025-09-25", "2025-09-22/", "/2025-09-25"])
def test_malformed_intervals_are_refused(text):
    assert "an interval is two dates joined by one '/'" in refusal(text)


# --- numeric dates and date_order ----------------------------------------------------------

def test_ambiguous_numeric_date_without_date_order_names_both_readings():
    message = refusal("04/09/2025")
    assert message == (
        "date '04/09/2025' is ambiguous: 4 September 2025 or 9 April 2025; set date_order: DMY or MDY"
    )


@pytest.mark.parametrize("text", ["04.09.2025", "4-9-2025", "04 09 2025", "4/9/2025 14:00"])
def test_ambiguity_does_not_depend_on_the_separator(text):
    assert "4 September 2025 or 9 April 2025" in refusal(text)


@pytest.mark.parametrize(
    ("order", "month", "day"),
    [(DateOrder.DMY, 9, 4), (DateOrder.MDY, 4, 9)],
)
def test_date_order_decides_an_ambiguous_numeric_date(order, month, day):
    point = parse("04/09/2025", order)
    assert (point.start.month, point.start.day) == (month, day)
    assert point.precision is Precision.DAY


def test_date_order_given_as_its_text_is_accepted():
    assert parse_date("04/09/2025", tz=TALLINN, date_order="DMY").start.month == 9


def test_unknown_date_order_is_a_date_error():
    with pytest.raises(DateError, match="date_order must be DMY, MDY or YMD"):
        parse_date("2025-09-19", tz=TALLINN, date_order="DYM")


def test_ymd_order_does_not_settle_a_year_last_date():
    assert "date_order YMD does not say" in refusal("04/09/2025", DateOrder.YMD)


@pytest.mark.parametrize("order", [None, DateOrder.DMY, DateOrder.YMD])
def test_numeric_date_with_only_one_real_reading_is_read_that_way(order):
    point = parse("13/09/2025", order)
    assert (point.start.month, point.start.day) == (9, 13)


def test_numeric_date_that_contradicts_the_declared_order_is_refused():
    assert refusal("13/09/2025", DateOrder.MDY) == "date '13/09/2025' is not a real date when read as MDY (date_order)"


def test_numeric_date_with_the_same_day_and_month_is_not_ambiguous():
    assert parse("04/04/2025").start == datetime(2025, 4, 4, tzinfo=TALLINN)


def test_numeric_date_with_no_real_reading_is_refused():
    assert refusal("31/31/2025") == "date '31/31/2025' is not a real date in any order"


@pytest.mark.parametrize("text", ["2025/09/04", "2025.9.4", "2025-9-4"])
def test_year_first_numeric_dates_read_year_month_day(text):
    point = parse(text)
    assert (point.start.month, point.start.day) == (9, 4)


@pytest.mark.parametrize("text", ["09/2025", "9/2025", "2025/09", "2025.9"])
def test_numeric_month_and_year_is_a_month(text):
    point = parse(text)
    assert point.precision is Precision.MONTH
    assert point.start == datetime(2025, 9, 1, tzinfo=TALLINN)


def test_numeric_date_with_time_and_offset():
    point = parse("19.09.2025 09:58+03:00")
    assert point.precision is Precision.MINUTE
    assert point.start == datetime(2025, 9, 19, 9, 58, tzinfo=EEST)


@pytest.mark.parametrize("text", ["04/09/25", "19.09.25", "04/09", "13/09"])
def test_numeric_date_without_a_four_digit_year_is_refused(text):
    assert "has no year written in full" in refusal(text)


def test_compact_digits_are_refused_with_the_iso_form_to_write():
    assert "write numeric dates as 2025-09-19" in refusal("20250919")


# --- free text -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "precision", "start"),
    [
        ("Sept. 13, 2025", Precision.DAY, datetime(2025, 9, 13, tzinfo=TALLINN)),
        ("13 September 2025", Precision.DAY, datetime(2025, 9, 13, tzinfo=TALLINN)),
        ("13th of September, 2025", Precision.DAY, datetime(2025, 9, 13, tzinfo=TALLINN)),
        ("13 September 2025 14:00", Precision.MINUTE, datetime(2025, 9, 13, 14, 0, tzinfo=TALLINN)),
        ("September 13 2025 14:00:05", Precision.SECOND, datetime(2025, 9, 13, 14, 0, 5, tzinfo=TALLINN)),
        ("13 Sep 2025 2pm", Precision.MINUTE, datetime(2025, 9, 13, 14, 0, tzinfo=TALLINN)),
        ("September 13th, 2025, 2:30 p.m.", Precision.MINUTE, datetime(2025, 9, 13, 14, 30, tzinfo=TALLINN)),
        ("13 September 2025 14:00 +03:00", Precision.MINUTE, datetime(2025, 9, 13, 14, 0, tzinfo=EEST)),
        ("13 September 2025 11:00 UTC", Precision.MINUTE, datetime(2025, 9, 13, 11, 0, tzinfo=timezone.utc)),
        ("September 2025", Precision.MONTH, datetime(2025, 9, 1, tzinfo=TALLINN)),
        ("Sept 2025", Precision.MONTH, datetime(2025, 9, 1, tzinfo=TALLINN)),
        ("2025 September", Precision.MONTH, datetime(2025, 9, 1, tzinfo=TALLINN)),
        ("Friday, 19 September 2025", Precision.DAY, datetime(2025, 9, 19, tzinfo=TALLINN)),
    ],
)
def test_free_text_precision_is_what_the_text_gave(text, precision, start):
    point = parse(text)
    assert point.precision is precision
    assert point.start == start
    assert point.text == text


def test_month_free_text_never_invents_a_day():
    point = parse("September 2025")
    assert format_date_point(point) == "September 2025"
    assert point.period_end() == datetime(2025, 10, 1, tzinfo=TALLINN)


def test_free_text_with_a_written_offset_keeps_it():
    point = parse("13 September 2025 14:00 -0500")
    assert point.start.utcoffset() == timedelta(hours=-5)


def test_approximate_free_text():
    point = parse("September 2025~")
    assert point.approximate and point.precision is Precision.MONTH


@pytest.mark.parametrize("text", ["Friday", "last week", "yesterday", "today", "tomorrow", "next Monday", "this month", "3 days ago"])
def test_relative_dates_are_refused(text):
    assert refusal(text) == f"date {text!r} is relative: write the date itself, e.g. 2025-09-19"


@pytest.mark.parametrize("text", ["September 19", "19 September", "Sept. 13", "13 Sep, 25"])
def test_free_text_without_a_year_is_refused(text):
    assert refusal(text) == f"date {text!r} has no year written in full: write e.g. 19 September 2025"


def test_zone_abbreviation_is_refused_with_the_offset_to_write():
    message = refusal("19 September 2025 09:58 EEST")
    assert "time zone name 'EEST'" in message
    assert "EEST is usually +03:00" in message
    assert "+03:00" in message


def test_unknown_zone_abbreviation_is_refused_too():
    assert "time zone name 'XYZT'" in refusal("19 September 2025 09:58 XYZT")


@pytest.mark.parametrize("text", ["19 September 2025 09:58 UTC+3", "19 September 2025 09:58 GMT-5"])
def test_posix_style_offsets_that_dateutil_reads_backwards_are_refused(text):
    assert "write the UTC offset alone" in refusal(text)


@pytest.mark.parametrize(
    "text",
    ["garbage 2025", "19 September 2025 lol", "the 19 September 2025", "2025 and 2026", "19 Septembre 2025", "nineteen September 2025"],
)
def test_unknown_words_are_refused_not_skipped_fuzzily(text):
    assert refusal(text).startswith(f"cannot read {text!r} as a date")


@pytest.mark.parametrize("text", ["September 2025 14:00", "19 September 2025 +03:00"])
def test_malformed_free_text_is_refused(text):
    assert "cannot read" in refusal(text)


@pytest.mark.parametrize("text", ["30 February 2025", "31 September 2025", "29 Feb 2025"])
def test_impossible_free_text_dates_are_refused(text):
    assert refusal(text) == f"date {text!r} is not a real date (day is out of range for month)"


def test_impossible_free_text_time_is_refused():
    assert refusal("19 September 2025 99:99") == "date '19 September 2025 99:99' is not a real date (hour must be in 0..23)"


def test_weekday_that_disagrees_with_the_date_is_refused():
    assert refusal("Thursday, 19 September 2025") == (
        "date 'Thursday, 19 September 2025': 19 September 2025 is a Friday, not a Thursday"
    )


@pytest.mark.parametrize("text", ["Friday September 2025", "Friday 2025"])
def test_weekday_without_a_day_is_refused_rather_than_picking_one(text):
    assert "names a weekday but no day" in refusal(text)


def test_overlong_text_is_refused_before_parsing():
    assert "too long" in refusal("19 September 2025 " * 10)


@pytest.mark.parametrize("value", ["", "   ", None, True, 3.5, ["2025"]])
def test_empty_or_non_text_values_are_date_errors(value):
    with pytest.raises(DateError):
        parse_date(value, tz=TALLINN, date_order=None)


def test_date_error_is_a_value_error_for_callers_that_catch_those():
    assert issubclass(DateError, ValueError)


# --- time zones and DST -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("UTC", timedelta(0)),
        ("Z", timedelta(0)),
        ("+03:00", timedelta(hours=3)),
        ("+0300", timedelta(hours=3)),
        ("+3", timedelta(hours=3)),
        ("-0500", timedelta(hours=-5)),
        ("-05:30", timedelta(hours=-5, minutes=-30)),
        ("UTC+3", timedelta(hours=3)),
        ("UTC-05:00", timedelta(hours=-5)),
    ],
)
def test_resolve_timezone_reads_offsets_the_iso_way(text, offset):
    assert resolve_timezone(text).utcoffset(None) == offset


def test_resolve_timezone_reads_iana_names():
    assert resolve_timezone("Europe/Tallinn") == ZoneInfo("Europe/Tallinn")
    assert resolve_timezone(" Asia/Tokyo ") == ZoneInfo("Asia/Tokyo")


@pytest.mark.parametrize("text", ["EEST", "Mars/Olympus", "Europe", "", "../etc/passwd", "/etc/localtime", "+030", "+19:00", "+03:75"])
def test_resolve_timezone_refuses_unknown_names_and_bad_offsets(text):
    with pytest.raises(DateError) as caught:
        resolve_timezone(text)
    message = str(caught.value)
    assert "unknown time zone" in message or "out of range" in message


def test_misspelt_zone_name_gets_a_suggestion():
    with pytest.raises(DateError) as caught:
        resolve_timezone("Europe/Talin")
    assert str(caught.value) == (
        "unknown time zone 'Europe/Talin': did you mean 'Europe/Tallinn'? Or write an IANA name "
        "such as Europe/Tallinn or a UTC offset such as +03:00"
    )


def test_unknown_zone_message_says_what_to_write():
    with pytest.raises(DateError, match=r"write an IANA name such as Europe/Tallinn or a UTC offset such as \+03:00"):
        resolve_timezone("EEST")


@pytest.fixture
def no_zoneinfo_data(monkeypatch):
    def missing(key):
        raise zoneinfo.ZoneInfoNotFoundError(key)

    monkeypatch.setattr(zoneinfo, "ZoneInfo", missing)
    resolve_timezone.cache_clear()
    dates._zoneinfo_has_data.cache_clear()
    yield
    resolve_timezone.cache_clear()
    dates._zoneinfo_has_data.cache_clear()


def test_resolve_timezone_falls_back_to_dateutil_without_zoneinfo_data(no_zoneinfo_data):
    zone = resolve_timezone("Europe/Tallinn")
    assert not isinstance(zone, ZoneInfo)
    assert datetime(2025, 9, 19, tzinfo=zone).utcoffset() == timedelta(hours=3)
    assert datetime(2025, 1, 19, tzinfo=zone).utcoffset() == timedelta(hours=2)
    with pytest.raises(DateError):
        resolve_timezone("Mars/Olympus")


def test_dateutil_fallback_still_refuses_dst_gaps_and_repeats(no_zoneinfo_data):
    zone = resolve_timezone("Europe/Tallinn")
    assert "does not exist in Europe/Tallinn" in refusal("2025-03-30 03:30", tz=zone)
    assert "happens twice in Europe/Tallinn" in refusal("2025-10-26 03:30", tz=zone)
    assert parse("2025-10-26 05:30", tz=zone).start.utcoffset() == timedelta(hours=2)


def test_day_starts_at_local_midnight_on_both_sides_of_a_dst_change():
    before, after = parse("2025-03-29"), parse("2025-03-31")
    assert before.start.utcoffset() == timedelta(hours=2)
    assert after.start.utcoffset() == timedelta(hours=3)
    assert (before.start.hour, after.start.hour) == (0, 0)


def test_dst_day_period_lasts_twenty_three_hours_of_real_time():
    point = parse("2025-03-30")
    end = point.period_end()
    assert (end.day, end.hour) == (31, 0)
    assert end.astimezone(timezone.utc) - point.start.astimezone(timezone.utc) == timedelta(hours=23)


def test_local_time_skipped_by_dst_is_refused_with_the_offset_to_write():
    assert refusal("2025-03-30 03:30") == (
        "date '2025-03-30 03:30' does not exist in Europe/Tallinn (the clocks skipped it): "
        "write the UTC offset, e.g. 2025-03-30 03:30+03:00"
    )


def test_local_time_repeated_by_dst_is_refused_naming_both_offsets():
    assert refusal("2025-10-26 03:30") == (
        "date '2025-10-26 03:30' happens twice in Europe/Tallinn (the clocks went back): "
        "write +03:00 or +02:00 after the time"
    )


def test_repeated_local_time_with_an_offset_is_accepted():
    assert parse("2025-10-26 03:30+02:00").start.utcoffset() == timedelta(hours=2)


def test_day_whose_midnight_dst_skips_starts_at_its_first_real_instant():
    santiago = ZoneInfo("America/Santiago")
    point = parse("2025-09-07", tz=santiago)
    assert point.start.astimezone(timezone.utc) == datetime(2025, 9, 7, 4, 0, tzinfo=timezone.utc)
    assert point.start.hour == 1


# --- model helpers: sorting and period_end -----------------------------------------------------

def test_sort_key_orders_by_start_instant_across_offsets():
    tallinn_morning = parse("2025-09-19T09:00")  # 06:00 UTC
    new_york_night = parse("2025-09-19T01:00-04:00")  # 05:00 UTC
    assert sorted([tallinn_morning, new_york_night], key=DatePoint.sort_key) == [new_york_night, tallinn_morning]


def test_sort_key_puts_finer_precision_first_at_the_same_start():
    month, day, year = parse("2025-09"), parse("2025-09-01"), parse("2025")
    assert sorted([month, year, day], key=DatePoint.sort_key) == [year, day, month]
    assert sorted([month, day], key=DatePoint.sort_key) == [day, month]


def test_sort_key_orders_a_timeline_of_mixed_precisions():
    texts = ["2025-09-22/2025-09-25", "September 2025", "2025-09-19", "2025-09-10T01:00+03:00", "2025"]
    ordered = sorted((parse(t) for t in texts), key=DatePoint.sort_key)
    assert [p.text for p in ordered] == ["2025", "September 2025", "2025-09-10T01:00+03:00", "2025-09-19", "2025-09-22/2025-09-25"]


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("2025", datetime(2026, 1, 1, tzinfo=TALLINN)),
        ("2025-09", datetime(2025, 10, 1, tzinfo=TALLINN)),
        ("2025-12", datetime(2026, 1, 1, tzinfo=TALLINN)),
        ("2025-09-19", datetime(2025, 9, 20, tzinfo=TALLINN)),
        ("2025-09-19 09:58", datetime(2025, 9, 19, 9, 59, tzinfo=TALLINN)),
        ("2025-09-19 09:58:30", datetime(2025, 9, 19, 9, 58, 31, tzinfo=TALLINN)),
        ("2025-09-22/2025-09-25", datetime(2025, 9, 26, tzinfo=TALLINN)),
        ("2025-09/2025-10", datetime(2025, 11, 1, tzinfo=TALLINN)),
    ],
)
def test_period_end_is_the_first_instant_after_the_named_period(text, end):
    assert parse(text).period_end() == end


# --- formatting --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "long", "short"),
    [
        ("2025", "2025", "2025"),
        ("2025-09", "September 2025", "Sep 2025"),
        ("2025-09-19", "19 September 2025", "19 Sep 2025"),
        ("2025-09-01", "1 September 2025", "1 Sep 2025"),
        ("2025-09-19T09:58+03:00", "19 Sep 2025 09:58 +03:00", "19 Sep 2025 09:58"),
        ("2025-09-19 09:58:30", "19 Sep 2025 09:58:30 +03:00", "19 Sep 2025 09:58"),
        ("2025-09-19T09:58-05:30", "19 Sep 2025 09:58 -05:30", "19 Sep 2025 09:58"),
        ("2025-09-20~", "c. 20 September 2025", "c. 20 Sep 2025"),
        ("2025~", "c. 2025", "c. 2025"),
        ("2025-09-22/2025-09-25", "22\u201325 September 2025", "22\u201325 Sep 2025"),
        ("2025-09-28/2025-10-02", "28 September \u2013 2 October 2025", "28 Sep \u2013 2 Oct 2025"),
        ("2024-12-30/2025-01-02", "30 December 2024 \u2013 2 January 2025", "30 Dec 2024 \u2013 2 Jan 2025"),
        ("2025-09/2025-10", "September\u2013October 2025", "Sep\u2013Oct 2025"),
        ("2024-12/2025-01", "December 2024 \u2013 January 2025", "Dec 2024 \u2013 Jan 2025"),
        ("2024/2025", "2024\u20132025", "2024\u20132025"),
        ("2025-09-19/2025-09-19", "19 September 2025", "19 Sep 2025"),
        ("2025-09-19T09:58/2025-09-19T10:30", "19 Sep 2025 09:58\u201310:30 +03:00", "19 Sep 2025 09:58\u201310:30"),
        ("2025-09/2025-10-02", "September 2025 \u2013 2 October 2025", "Sep 2025 \u2013 2 Oct 2025"),
        ("2025-09-20~/2025-09-25", "c. 20 September 2025 \u2013 25 September 2025", "c. 20 Sep 2025 \u2013 25 Sep 2025"),
        ("2025-09-19T09:58+03:00/2025-09-19T10:30+02:00", "19 Sep 2025 09:58 +03:00 \u2013 19 Sep 2025 10:30 +02:00", "19 Sep 2025 09:58 \u2013 19 Sep 2025 10:30"),
    ],
)
def test_format_is_precision_honest(text, long, short):
    point = parse(text)
    assert format_date_point(point) == long
    assert format_date_point_short(point) == short


def test_format_converts_times_to_the_given_zone():
    point = parse("2025-09-19T09:58+03:00")
    assert format_date_point(point, timezone.utc) == "19 Sep 2025 06:58 +00:00"
    assert format_date_point(point, ZoneInfo("America/New_York")) == "19 Sep 2025 02:58 -04:00"
    assert format_date_point(point, "UTC") == "19 Sep 2025 06:58 +00:00"


def test_format_uses_the_offset_in_force_on_that_date():
    winter, summer = parse("2025-01-15 12:00"), parse("2025-07-15 12:00")
    assert format_date_point(winter) == "15 Jan 2025 12:00 +02:00"
    assert format_date_point(summer) == "15 Jul 2025 12:00 +03:00"


def test_format_never_shifts_a_whole_day_into_another_zone():
    point = parse("2025-09-19")
    assert format_date_point(point, ZoneInfo("America/Los_Angeles")) == "19 September 2025"


def test_format_of_an_interval_converted_across_midnight():
    point = parse("2025-09-19T23:00+00:00/2025-09-20T01:00+00:00")
    assert format_date_point(point, TALLINN) == "20 Sep 2025 02:00\u201304:00 +03:00"


def test_model_format_and_str_use_the_long_form():
    point = parse("2025-09-22/2025-09-25")
    assert point.format() == str(point) == "22\u201325 September 2025"


@pytest.mark.parametrize(
    "text",
    ["2025", "2025-09", "2025-09-19", "2025-09-19T09:58+03:00", "2025-09-19 09:58:30", "2025-09-20~", "Sept. 13, 2025"],
)
def test_long_form_parses_back_to_the_same_point(text):
    point = parse(text)
    again = parse(format_date_point(point).removeprefix("c. ") + ("~" if point.approximate else ""))
    assert (again.start, again.precision, again.approximate) == (point.start, point.precision, point.approximate)


# --- robustness --------------------------------------------------------------------------------

_DATEISH = st.text(alphabet="0123456789-/.: ~+TZSeptmbrFidayUTC,", max_size=30)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=40), _DATEISH))
def test_any_text_gives_a_point_or_a_date_error_never_another_exception(text):
    try:
        point = parse(text)
    except DateError as error:
        assert str(error)
    else:
        assert point.start.tzinfo is not None
        assert point.period_end() > point.start
        assert format_date_point(point) and format_date_point_short(point)


def test_ongoing_end_runs_to_the_as_of_date_and_reads_ongoing():
    as_of = parse("2025-09-25")
    end = ongoing_until(as_of)
    assert end.ongoing and (end.start, end.precision) == (as_of.start, Precision.DAY)
    assert format_date_point(end) == "ongoing"


def test_a_start_joined_to_an_ongoing_end_reads_from_that_day_ongoing():
    from dataclasses import replace

    start = parse("2025-09-22")
    joined = replace(start, end=ongoing_until(parse("2025-09-25")))
    assert format_date_point(joined) == "from 22 September 2025, ongoing"
    assert format_date_point_short(joined) == "from 22 Sep 2025, ongoing"


def test_ongoing_up_to_an_interval_as_of_runs_to_its_far_end():
    assert ongoing_until(parse("2025-09-22/2025-09-25")).start == parse("2025-09-25").start

