"""Dates as precise as the source made them.

Sources say "last week", "Sept. 13", "this month". A briefing must neither invent a day the
source never gave nor silently pick one reading of ``04/09/2025``: a wrong date on a slide
is worse than an error at the author's desk. So parsing is strict ISO first, then numeric
dates read only in a declared order, then free text through dateutil whose precision is
measured (parse with two different defaults, keep the fields that agree). Anything relative,
yearless, ambiguous or impossible is a :class:`DateError` naming what to write instead.

Pure Python: the loader, export and UI all format dates through this module.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Callable

from . import codes
from .model import DateOrder, DatePoint, Precision

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
MONTHS_SHORT = tuple(name[:3] for name in MONTHS)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

MAX_DATE_LENGTH = 100
ONGOING = "ongoing"
MAX_OFFSET = timedelta(hours=18)
EN_DASH = "\u2013"


class DateError(ValueError):
    """A date the author must rewrite; the message says what to write instead.

    ``code`` names the kind of problem (:mod:`.codes`); ``suggestion`` is the time zone a
    "did you mean" offers, on its own.
    """

    def __init__(self, message: str, code: str = codes.DATE_UNREADABLE, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.suggestion = suggestion


# --- time zones -------------------------------------------------------------------------

_OFFSET = re.compile(r"(?:UTC|GMT)?\s*([+-])([0-9]{1,2}(?=:|$)|[0-9]{2})(?::?([0-9]{2}))?", re.ASCII)
_ZONE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*", re.ASCII)


def zone_or_utc(text: str) -> tzinfo:
    """:func:`resolve_timezone`, or UTC when ``text`` names no zone (the deck default).

    A loaded deck's timezone always resolves (a bad one is an error at load); the fallback is
    for decks built in code and for reading settings leniently before they are checked.
    """
    try:
        return resolve_timezone(text)
    except DateError:
        return timezone.utc


@lru_cache(maxsize=256)
def resolve_timezone(text: str) -> tzinfo:
    """An IANA zone (``Europe/Tallinn``) or a UTC offset (``+03:00``, ``-0500``, ``UTC``).

    Offsets read the ISO way: ``UTC+3`` is three hours east, unlike POSIX TZ strings.
    """
    name = text.strip() if isinstance(text, str) else ""
    if name.upper() in ("UTC", "Z", "GMT"):
        return timezone.utc
    offset = _OFFSET.fullmatch(name)
    if offset:
        return timezone(_offset_delta(*offset.groups(), text=name))
    zone = _zone_from_database(name) if _ZONE_KEY.fullmatch(name) else None
    if zone is None:
        close = _close_zone_name(name)
        hint = f"did you mean {close!r}? Or write" if close else "write"
        raise DateError(
            f"unknown time zone {name!r}: {hint} an IANA name such as Europe/Tallinn "
            "or a UTC offset such as +03:00", codes.TIME_ZONE, close,
        )
    return zone


def _close_zone_name(name: str) -> str | None:
    """The likely intended zone for a typo such as 'Europe/Talin' (only on the error path)."""
    from .suggest import closest

    return closest(name, _known_zone_names()) if "/" in name else None


@lru_cache(maxsize=1)
def _known_zone_names() -> tuple[str, ...]:
    import zoneinfo

    try:
        return tuple(sorted(zoneinfo.available_timezones()))
    except (OSError, ValueError):
        return ()


def _offset_delta(sign: str, hours: str, minutes: str | None, *, text: str) -> timedelta:
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta > MAX_OFFSET or int(minutes or 0) >= 60:
        raise DateError(f"UTC offset {text!r} is out of range (at most ±18:00)", codes.TIME_ZONE)
    return -delta if sign == "-" else delta


def _zone_from_database(name: str) -> tzinfo | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        return None if _zoneinfo_has_data() else _zone_from_dateutil(name)
    except (ValueError, OSError):
        return None


@lru_cache(maxsize=1)
def _zoneinfo_has_data() -> bool:
    """Whether the system or ``tzdata`` provides zones; without them dateutil's copy is used."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo("Europe/London")
    except ZoneInfoNotFoundError:
        return False
    return True


def _zone_from_dateutil(name: str) -> tzinfo | None:
    from dateutil import tz as dateutil_tz

    zone = dateutil_tz.gettz(name)
    return zone if isinstance(zone, dateutil_tz.tzfile) else None


# --- parsing -----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Fields:
    """The calendar fields a text gave, before they become an instant in a time zone."""

    year: int
    month: int = 1
    day: int = 1
    hour: int = 0
    minute: int = 0
    second: int = 0
    offset: timedelta | None = None


_Reader = Callable[[str, "DateOrder | None"], "tuple[_Fields, Precision] | None"]

_ISO = re.compile(
    r"(?P<year>[0-9]{4})"
    r"(?:-(?P<month>[0-9]{2})"
    r"(?:-(?P<day>[0-9]{2})"
    r"(?:[T ](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?:[.,][0-9]+)?)?"
    r" ?(?P<offset>Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?)?)?",
    re.ASCII,
)
_TIME = r"(?:[T ] *(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))? ?(?P<offset>Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?"
_NUMERIC = re.compile(
    r"(?P<a>[0-9]{1,4})(?P<sep>[./ -])(?P<b>[0-9]{1,2})(?:(?P=sep)(?P<c>[0-9]{1,4}))?" + _TIME,
    re.ASCII,
)
_NUMERIC_MONTH = re.compile(r"(?P<a>[0-9]{1,2})(?P<sep>[./ -])(?P<c>[0-9]{4})", re.ASCII)


def parse_date(text: str, *, tz: tzinfo, date_order: DateOrder | None = None) -> DatePoint:
    """Read a deck date (``when``, ``until``, ``as_of`` ...) at the precision its text gives.

    ``tz`` places dates written without an offset; a written offset is kept for display.
    """
    cleaned = _clean(text)
    tz = resolve_timezone(tz) if isinstance(tz, str) else tz
    date_order = _date_order(date_order)
    try:
        if "/" in cleaned and not _is_numeric_date(cleaned):
            return _parse_interval(cleaned, tz, date_order)
        return _parse_point(cleaned, tz, date_order)
    except DateError:
        raise
    except (ValueError, OverflowError):
        raise DateError(f"cannot read {cleaned!r} as a date: write e.g. 2025-09-19") from None


def _date_order(order: DateOrder | str | None) -> DateOrder | None:
    try:
        return DateOrder(order) if order is not None else None
    except ValueError:
        raise DateError(f"date_order must be DMY, MDY or YMD, not {order!r}", codes.NOT_AN_ALLOWED_WORD) from None


def _clean(text: object) -> str:
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        raise DateError(f"a date must be text such as 2025-09-19, not {type(text).__name__}", codes.WRONG_TYPE)
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise DateError("empty date: write e.g. 2025-09-19", codes.EMPTY_VALUE)
    if len(cleaned) > MAX_DATE_LENGTH:
        raise DateError(f"date text is too long (over {MAX_DATE_LENGTH} characters)", codes.DATE_TOO_LONG)
    return cleaned


def _is_numeric_date(text: str) -> bool:
    body = text.rstrip("~").rstrip()
    return bool(_NUMERIC.fullmatch(body) or _NUMERIC_MONTH.fullmatch(body))


def is_ongoing(text: str) -> bool:
    """Whether an ``until`` value is the word ``ongoing`` (any case, spaces around allowed)."""
    return text.strip().lower() == ONGOING


def ongoing_until(as_of: DatePoint) -> DatePoint:
    """The end of what has not ended as of ``as_of``: it runs up to the as-of date (so a
    timeline draws it open to there) and reads "ongoing", never as a made-up end date."""
    last = as_of.end if as_of.end is not None else as_of
    return DatePoint(start=last.start, precision=last.precision, text=ONGOING, ongoing=True)


def _parse_interval(text: str, tz: tzinfo, order: DateOrder | None) -> DatePoint:
    parts = [part.strip() for part in text.split("/")]
    if len(parts) != 2 or not all(parts):
        raise DateError(
            f"cannot read {text!r} as a date: an interval is two dates joined by one '/', "
            "e.g. 2025-09-22/2025-09-25"
        )
    start = _parse_point(parts[0], tz, order)
    end = _parse_point(parts[1], tz, order)
    if end.period_end() <= start.start:
        raise DateError(f"interval {text!r} ends before it starts", codes.DATE_BACKWARDS)
    return replace(start, end=end, text=text)


def _parse_point(text: str, tz: tzinfo, order: DateOrder | None) -> DatePoint:
    body = text[:-1].rstrip() if text.endswith("~") else text
    if not body or "~" in body:
        raise DateError(f"cannot read {text!r} as a date: '~' (approximate) goes at the end, e.g. 2025-09-20~")
    for reader in _READERS:
        found = reader(body, order)
        if found is not None:
            fields, precision = found
            start = _instant(fields, precision, tz, body)
            return DatePoint(start=start, precision=precision, approximate=body != text, text=text)
    raise AssertionError("the free-text reader answers every text")  # pragma: no cover


def _read_iso(text: str, order: DateOrder | None) -> tuple[_Fields, Precision] | None:
    match = _ISO.fullmatch(text)
    return _fields_from_match(match, text) if match else None


def _fields_from_match(match: re.Match[str], text: str) -> tuple[_Fields, Precision]:
    given = {name: value for name, value in match.groupdict().items() if value is not None}
    precision = _precision_of(given)
    offset = _offset_from(given.get("offset"), text)
    numbers = {name: int(given[name]) for name in ("year", "month", "day", "hour", "minute", "second") if name in given}
    return _Fields(**numbers, offset=offset), precision


def _precision_of(given: dict[str, str]) -> Precision:
    if "second" in given:
        return Precision.SECOND
    if "minute" in given:
        return Precision.MINUTE
    if "day" in given:
        return Precision.DAY
    return Precision.MONTH if "month" in given else Precision.YEAR


def _offset_from(written: str | None, text: str) -> timedelta | None:
    if written is None:
        return None
    if written == "Z":
        return timedelta(0)
    digits = written[1:].replace(":", "")
    return _offset_delta(written[0], digits[:2], digits[2:] or None, text=text)


def _read_numeric(text: str, order: DateOrder | None) -> tuple[_Fields, Precision] | None:
    month_year = _NUMERIC_MONTH.fullmatch(text)
    if month_year:
        return _Fields(int(month_year["c"]), int(month_year["a"])), Precision.MONTH
    match = _NUMERIC.fullmatch(text)
    if match is None:
        return None
    a, b, c = match["a"], match["b"], match["c"]
    given = {key: match[key] for key in ("hour", "minute", "second", "offset") if match[key] is not None}
    if c is None:
        if len(a) != 4 or given:
            raise _no_year(text) if len(a) != 4 else DateError(f"date {text!r} has a time but no day", codes.DATE_NO_YEAR)
        return _Fields(int(a), int(b)), Precision.MONTH
    year, month, day = _numeric_day(a, b, c, order, text)
    time_fields, precision = _time_from(given, text)
    return _Fields(year, month, day, **time_fields), precision


def _time_from(given: dict[str, str], text: str) -> tuple[dict, Precision]:
    if "hour" not in given:
        return {}, Precision.DAY
    fields = {name: int(given[name]) for name in ("hour", "minute", "second") if name in given}
    fields["offset"] = _offset_from(given.get("offset"), text)
    return fields, Precision.SECOND if "second" in given else Precision.MINUTE


def _numeric_day(a: str, b: str, c: str, order: DateOrder | None, text: str) -> tuple[int, int, int]:
    if len(a) == 4 and len(c) <= 2:
        return int(a), int(b), int(c)
    if len(c) != 4 or len(a) > 2:
        raise DateError(f"date {text!r} has no year written in full: write e.g. 2025-09-19", codes.DATE_NO_YEAR)
    first, second, year = int(a), int(b), int(c)
    if order is DateOrder.DMY:
        return _checked_reading(year, second, first, text, order)
    if order is DateOrder.MDY:
        return _checked_reading(year, first, second, text, order)
    return _only_reading(year, first, second, text, order)


def _checked_reading(year: int, month: int, day: int, text: str, order: DateOrder) -> tuple[int, int, int]:
    if not _is_real_day(year, month, day):
        raise DateError(f"date {text!r} is not a real date when read as {order.value} (date_order)", codes.DATE_NOT_REAL)
    return year, month, day


def _only_reading(year: int, first: int, second: int, text: str, order: DateOrder | None) -> tuple[int, int, int]:
    """Without a usable date_order a numeric date must have exactly one real reading."""
    readings = {(year, month, day) for month, day in ((second, first), (first, second)) if _is_real_day(year, month, day)}
    if len(readings) == 1:
        return readings.pop()
    if not readings:
        raise DateError(f"date {text!r} is not a real date in any order", codes.DATE_NOT_REAL)
    day_first, month_first = (year, second, first), (year, first, second)
    hint = "set date_order: DMY or MDY" if order is None else "date_order YMD does not say; write 2025-09-19"
    raise DateError(
        f"date {text!r} is ambiguous: {_long_day(*day_first)} or {_long_day(*month_first)}; {hint}", codes.DATE_AMBIGUOUS,
    )


def _is_real_day(year: int, month: int, day: int) -> bool:
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return True


def _long_day(year: int, month: int, day: int) -> str:
    return f"{day} {MONTHS[month - 1]} {year}"


# --- free text ---------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_YEAR = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])", re.ASCII)
_POSIX_OFFSET = re.compile(r"\b(?:UTC|GMT)\s*[+-]", re.IGNORECASE)
_MONTH_WORDS = {name.lower(): number for number, name in enumerate(MONTHS, 1)} | {
    name.lower(): number for number, name in enumerate(MONTHS_SHORT, 1)
} | {"sept": 9}
_WEEKDAY_WORDS = {name.lower(): number for number, name in enumerate(WEEKDAYS)} | {
    name[:3].lower(): number for number, name in enumerate(WEEKDAYS)
} | {"tues": 1, "thur": 3, "thurs": 3}
_FILLER_WORDS = {"am", "pm", "a", "p", "m", "st", "nd", "rd", "th", "of", "at", "on", "t", "z", "utc", "gmt"}
_RELATIVE_WORDS = {
    "today", "tomorrow", "yesterday", "tonight", "now", "last", "next", "this", "ago", "past",
    "previous", "coming", "recently", "earlier", "later", "week", "weeks", "weekend",
    "fortnight", "day", "days", "month", "months", "year", "years", "morning", "evening",
    "afternoon", "night",
}
_ZONE_HINTS = {
    "EEST": "+03:00", "EET": "+02:00", "CEST": "+02:00", "CET": "+01:00", "BST": "+01:00",
    "MSK": "+03:00", "WEST": "+01:00", "WET": "+00:00", "EDT": "-04:00", "EST": "-05:00",
    "CDT": "-05:00", "CST": "-06:00", "PDT": "-07:00", "PST": "-08:00",
}
_FIELDS = ("year", "month", "day", "hour", "minute", "second")
_DEFAULTS = (datetime(2000, 1, 1, 0, 0, 0), datetime(2004, 3, 2, 1, 1, 1))


def _read_free_text(text: str, order: DateOrder | None) -> tuple[_Fields, Precision]:
    words = _WORD.findall(text)
    weekday = _check_words(text, words)
    if not words and re.search(r"[0-9]{5}", text):
        raise DateError(f"cannot read {text!r} as a date: write numeric dates as 2025-09-19")
    if not _YEAR.search(text):
        raise _no_year(text)
    without_weekday = _strip_weekdays(text, words) if weekday is not None else text
    first, second = (_dateutil_parse(without_weekday, default, text) for default in _DEFAULTS)
    given = [name for name in _FIELDS if getattr(first, name) == getattr(second, name)]
    precision = _free_text_precision(given, text)
    if "month" in given and not any(word.lower() in _MONTH_WORDS for word in words):
        raise DateError(f"cannot read {text!r} as a date: write numeric dates as 2025-09-19")
    if str(first.year) not in _YEAR.findall(text):
        raise _no_year(text)
    if weekday is not None:
        _check_weekday(first, weekday, precision, text)
    return _fields_from_datetime(first, precision, text), precision


def _check_words(text: str, words: list[str]) -> int | None:
    """Reject relative, zone-name and unknown words; return the weekday named, if any."""
    lowered = [word.lower() for word in words]
    relative = [word for word in lowered if word in _RELATIVE_WORDS]
    weekdays = [_WEEKDAY_WORDS[word] for word in lowered if word in _WEEKDAY_WORDS]
    if relative or (weekdays and not re.search(r"[0-9]", text)):
        raise DateError(f"date {text!r} is relative: write the date itself, e.g. 2025-09-19", codes.DATE_RELATIVE)
    for word, low in zip(words, lowered):
        if low in _MONTH_WORDS or low in _WEEKDAY_WORDS or low in _FILLER_WORDS:
            continue
        if word.isupper() and 2 <= len(word) <= 5:
            raise _zone_name(text, word)
        raise DateError(f"cannot read {text!r} as a date (unknown word {word!r}): write e.g. 2025-09-19")
    if _POSIX_OFFSET.search(text):
        raise DateError(f"date {text!r}: write the UTC offset alone, e.g. +03:00 (not UTC+3)", codes.DATE_AMBIGUOUS)
    return weekdays[0] if weekdays else None


def _zone_name(text: str, word: str) -> DateError:
    hint = f" ({word} is usually {_ZONE_HINTS[word]})" if word in _ZONE_HINTS else ""
    return DateError(
        f"date {text!r} uses the time zone name {word!r}, which is ambiguous: "
        f"write the UTC offset instead{hint}, e.g. 2025-09-19 09:58+03:00", codes.DATE_AMBIGUOUS,
    )


def _no_year(text: str) -> DateError:
    return DateError(f"date {text!r} has no year written in full: write e.g. 19 September 2025", codes.DATE_NO_YEAR)


def _strip_weekdays(text: str, words: list[str]) -> str:
    for word in words:
        if word.lower() in _WEEKDAY_WORDS:
            text = re.sub(rf"\b{re.escape(word)}\b\.?,?", " ", text, count=1)
    return text


def _dateutil_parse(text: str, default: datetime, original: str) -> datetime:
    from dateutil import parser

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return parser.parse(text, default=default)
    except (ValueError, OverflowError, TypeError) as error:
        reason = str(error).split(":")[0]
        if "out of range" in reason or "must be in" in reason:
            raise DateError(f"date {original!r} is not a real date ({reason})", codes.DATE_NOT_REAL) from None
        raise DateError(f"cannot read {original!r} as a date: write e.g. 2025-09-19 or 19 September 2025") from None


def _free_text_precision(given: list[str], text: str) -> Precision:
    """The finest field given, provided every coarser one was given too (``2pm`` is 14:00)."""
    if "year" not in given:
        raise _no_year(text)
    precision = Precision.YEAR
    for name, level in (("month", Precision.MONTH), ("day", Precision.DAY), ("hour", Precision.MINUTE)):
        if name not in given:
            break
        precision = level
    if precision is Precision.MINUTE and "minute" in given and "second" in given:
        precision = Precision.SECOND
    finer = [name for name in given if _FIELDS.index(name) > _FIELDS.index(_last_field(precision))]
    if finer:
        raise DateError(f"cannot read {text!r} as a date: it gives a finer field without a coarser one")
    return precision


def _last_field(precision: Precision) -> str:
    return {Precision.YEAR: "year", Precision.MONTH: "month", Precision.DAY: "day",
            Precision.MINUTE: "minute", Precision.SECOND: "second"}[precision]


def _check_weekday(moment: datetime, weekday: int, precision: Precision, text: str) -> None:
    if precision < Precision.DAY:
        raise DateError(f"date {text!r} names a weekday but no day: write the day, e.g. 19 September 2025",
                        codes.DATE_NO_YEAR)
    if moment.weekday() != weekday:
        actual = _long_day(moment.year, moment.month, moment.day)
        raise DateError(f"date {text!r}: {actual} is a {WEEKDAYS[moment.weekday()]}, not a {WEEKDAYS[weekday]}",
                        codes.DATE_NOT_REAL)


def _fields_from_datetime(moment: datetime, precision: Precision, text: str) -> _Fields:
    try:
        offset = moment.utcoffset() if moment.tzinfo is not None else None
    except ValueError:
        raise DateError(f"date {text!r} has a UTC offset out of range (at most ±18:00)", codes.TIME_ZONE) from None
    if offset is not None and precision < Precision.MINUTE:
        raise DateError(f"a UTC offset needs a time: write e.g. {moment:%Y-%m-%d} 09:58+03:00", codes.TIME_ZONE)
    return _Fields(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second, offset)


_READERS: tuple[_Reader, ...] = (_read_iso, _read_numeric, _read_free_text)


# --- from fields to an instant -------------------------------------------------------------

def _instant(fields: _Fields, precision: Precision, tz: tzinfo, text: str) -> datetime:
    """The first instant the text names: in its own offset if written, else in the deck's zone."""
    try:
        naive = datetime(fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second)
    except ValueError as error:
        raise DateError(f"date {text!r} is not a real date ({error})", codes.DATE_NOT_REAL) from None
    if fields.offset is not None:
        if abs(fields.offset) > MAX_OFFSET:
            raise DateError(f"date {text!r} has a UTC offset out of range (at most ±18:00)", codes.TIME_ZONE)
        return naive.replace(tzinfo=timezone(fields.offset))
    if precision >= Precision.MINUTE:
        return _local_time(naive, tz, text)
    return _first_instant(naive, tz)


def _local_time(naive: datetime, tz: tzinfo, text: str) -> datetime:
    """A wall-clock time in the deck's zone; one that DST skips or repeats is an error, not a guess."""
    earlier, later = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    zone = _zone_label(tz)
    if earlier.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None) != naive:
        raise DateError(
            f"date {text!r} does not exist in {zone} (the clocks skipped it): write the UTC offset, "
            f"e.g. {naive:%Y-%m-%d %H:%M}{_offset_text(later.utcoffset())}", codes.DATE_DAYLIGHT_SAVING,
        )
    if earlier.utcoffset() != later.utcoffset():
        raise DateError(
            f"date {text!r} happens twice in {zone} (the clocks went back): write "
            f"{_offset_text(earlier.utcoffset())} or {_offset_text(later.utcoffset())} after the time",
            codes.DATE_DAYLIGHT_SAVING,
        )
    return earlier


def _zone_label(tz: tzinfo) -> str:
    """'Europe/Tallinn' for zoneinfo and for dateutil's zone files alike."""
    key = getattr(tz, "key", None) or str(getattr(tz, "_filename", "") or "").rpartition("zoneinfo/")[2]
    return key or str(tz)


def _first_instant(naive: datetime, tz: tzinfo) -> datetime:
    """Midnight in the zone, or the first instant after it where DST skips midnight."""
    local = naive.replace(tzinfo=tz, fold=0)
    return local.astimezone(timezone.utc).astimezone(tz)


# --- formatting --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Style:
    months: tuple[str, ...]
    minute_months: tuple[str, ...]
    show_offset: bool
    show_seconds: bool


_LONG = _Style(MONTHS, MONTHS_SHORT, show_offset=True, show_seconds=True)
_SHORT = _Style(MONTHS_SHORT, MONTHS_SHORT, show_offset=False, show_seconds=False)


def format_date_point(point: DatePoint, tz: tzinfo | str | None = None) -> str:
    """At the point's real precision: '2025', 'September 2025', '19 September 2025',
    '19 Sep 2025 09:58 +03:00' (times shown in ``tz`` when given), '22–25 September 2025';
    an ``until: ongoing`` end reads 'ongoing', and a start joined to it 'from 22 September
    2025, ongoing'.
    """
    return _format(point, _zone(tz), _LONG)


def format_date_point_short(point: DatePoint, tz: tzinfo | str | None = None) -> str:
    """A compact form for tight spaces: '19 Sep 2025', 'Sep 2025', '22–25 Sep 2025'."""
    return _format(point, _zone(tz), _SHORT)


def _zone(tz: tzinfo | str | None) -> tzinfo | None:
    return resolve_timezone(tz) if isinstance(tz, str) else tz


def _format(point: DatePoint, tz: tzinfo | None, style: _Style) -> str:
    if point.ongoing:
        return ONGOING
    if point.end is None:
        return _single(point, tz, style)
    if point.end.ongoing:
        return f"from {_format(replace(point, end=None), tz, style)}, {ONGOING}"
    return _interval(replace(point, end=None), point.end, tz, style)


def _moment(point: DatePoint, tz: tzinfo | None) -> datetime:
    if tz is not None and point.precision >= Precision.MINUTE:
        return point.start.astimezone(tz)
    return point.start


def _single(point: DatePoint, tz: tzinfo | None, style: _Style) -> str:
    moment = _moment(point, tz)
    prefix = "c. " if point.approximate else ""
    if point.precision is Precision.YEAR:
        return f"{prefix}{moment.year}"
    if point.precision is Precision.MONTH:
        return f"{prefix}{style.months[moment.month - 1]} {moment.year}"
    if point.precision is Precision.DAY:
        return f"{prefix}{moment.day} {style.months[moment.month - 1]} {moment.year}"
    return f"{prefix}{_day_part(moment, style)} {_clock(moment, point.precision, style)}{_offset_suffix(moment, style)}"


def _day_part(moment: datetime, style: _Style) -> str:
    return f"{moment.day} {style.minute_months[moment.month - 1]} {moment.year}"


def _clock(moment: datetime, precision: Precision, style: _Style) -> str:
    if precision is Precision.SECOND and style.show_seconds:
        return f"{moment:%H:%M:%S}"
    return f"{moment:%H:%M}"


def _offset_suffix(moment: datetime, style: _Style) -> str:
    return f" {_offset_text(moment.utcoffset())}" if style.show_offset else ""


def _offset_text(offset: timedelta | None) -> str:
    total = int((offset or timedelta(0)).total_seconds() // 60)
    sign = "-" if total < 0 else "+"
    hours, minutes = divmod(abs(total), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def _interval(start: DatePoint, end: DatePoint, tz: tzinfo | None, style: _Style) -> str:
    """Shared month and year written once ('22–25 September 2025'); otherwise 'A – B'."""
    whole = f"{_single(start, tz, style)} {EN_DASH} {_single(end, tz, style)}"
    if start.approximate or end.approximate or start.precision != end.precision:
        return whole
    a, b = _moment(start, tz), _moment(end, tz)
    if start.precision >= Precision.MINUTE:
        return _time_interval(start, a, b, style) or whole
    if _single(start, tz, style) == _single(end, tz, style):
        return _single(start, tz, style)
    return _date_interval(start.precision, a, b, style) or whole


def _date_interval(precision: Precision, a: datetime, b: datetime, style: _Style) -> str | None:
    months = style.months
    if precision is Precision.YEAR:
        return f"{a.year}{EN_DASH}{b.year}"
    if a.year != b.year:
        return None
    if precision is Precision.MONTH:
        return f"{months[a.month - 1]}{EN_DASH}{months[b.month - 1]} {a.year}"
    if a.month == b.month:
        return f"{a.day}{EN_DASH}{b.day} {months[a.month - 1]} {a.year}"
    return f"{a.day} {months[a.month - 1]} {EN_DASH} {b.day} {months[b.month - 1]} {a.year}"


def _time_interval(start: DatePoint, a: datetime, b: datetime, style: _Style) -> str | None:
    if a.utcoffset() != b.utcoffset():
        return None
    suffix = _offset_suffix(a, style)
    first, last = _clock(a, start.precision, style), _clock(b, start.precision, style)
    if a.date() == b.date():
        if first == last:
            return f"{_day_part(a, style)} {first}{suffix}"
        return f"{_day_part(a, style)} {first}{EN_DASH}{last}{suffix}"
    return f"{_day_part(a, style)} {first} {EN_DASH} {_day_part(b, style)} {last}{suffix}"
