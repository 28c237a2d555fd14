"""Every diagnostic's stable code: ``BRF`` and three digits, the first naming the family.

A code names a kind of problem, not its wording: messages may be reworded, codes stay, so a
CI job, an editor or a script can match on them (``briefing validate --format json``). A
code is never given to another kind of problem; one that is retired stays unused.
``docs/deck-format.md`` lists them all with one line each, and a test keeps that list and
this module the same.
"""

from __future__ import annotations

# 1xx  the file and its YAML
FILE_UNREADABLE = "BRF101"  # not found, a folder (without deck.yaml), no permission
NOT_A_REGULAR_FILE = "BRF102"  # a named pipe, a device, a socket
NOT_UTF8 = "BRF103"  # a byte that is not UTF-8, or a UTF-16/32 file
EMPTY_FILE = "BRF104"  # no bytes, or only comments
YAML_SYNTAX = "BRF105"  # invalid YAML: an open bracket, ': ' in plain text, bad indentation ...
TAB = "BRF106"  # a tab for indentation or between items
DUPLICATE_KEY = "BRF107"
KEY_NOT_TEXT = "BRF108"
TAG = "BRF109"  # !!python/object and every other tag
CONTROL_CHARACTERS = "BRF110"  # warning: escape sequences and control characters removed
LINE_SEPARATOR = "BRF111"  # warning: U+2028, U+2029 or NEL replaced with a space

# 2xx  structure and types
NOT_A_MAPPING = "BRF201"  # the top of a file is not a mapping of keys
UNKNOWN_KEY = "BRF202"
MISSING_KEY = "BRF203"
EMPTY_VALUE = "BRF204"
WRONG_TYPE = "BRF205"  # text where a list belongs, a mapping where an id belongs ...
NUMBER_OUT_OF_RANGE = "BRF206"  # not a whole number, or outside its range
QUOTED_NUMBER = "BRF207"
NOT_AN_ALLOWED_WORD = "BRF208"  # confidence, likelihood, status, stance, reliability, date_order
BAD_ID = "BRF209"
BAD_CODE = "BRF210"  # a country code or a group
NEWER_FORMAT = "BRF211"

# 3xx  ids and references
UNKNOWN_REFERENCE = "BRF301"
WRONG_KIND_OF_REFERENCE = "BRF302"  # a person where a country belongs ...
DUPLICATE_ID = "BRF303"
SECOND_POSITION = "BRF304"  # a country's second position on one question

# 4xx  dates and time zones
DATE_UNREADABLE = "BRF401"
DATE_RELATIVE = "BRF402"  # last week, Friday
DATE_NO_YEAR = "BRF403"  # no year written in full, or a time or weekday without its day
DATE_AMBIGUOUS = "BRF404"  # 04/09/2025 without date_order, a zone abbreviation, UTC+3
DATE_NOT_REAL = "BRF405"  # 2025-02-30, or a weekday that does not match
DATE_BACKWARDS = "BRF406"  # an interval or an until that ends before it starts
TIME_ZONE = "BRF407"  # an unknown zone, an offset out of range or without a time
DATE_DAYLIGHT_SAVING = "BRF408"  # a local time the clocks skip or repeat
ONGOING = "BRF409"  # 'ongoing' outside until, or without the deck's as_of

# 5xx  includes
INCLUDE_MATCHES_NOTHING = "BRF501"
INCLUDE_OUTSIDE = "BRF502"  # an absolute path, '..', or a link out of the deck's folder
INCLUDE_EMPTY_PATTERN = "BRF503"
INCLUDE_IN_INCLUDED_FILE = "BRF504"
SETTING_IN_INCLUDED_FILE = "BRF505"

# 6xx  limits
FILE_TOO_LARGE = "BRF601"
TOO_MANY_VALUES = "BRF602"
TOO_DEEP = "BRF603"
ALIAS_BOMB = "BRF604"
TOO_MANY_FILES = "BRF605"
TOO_MANY_FOLDERS = "BRF606"
DATE_TOO_LONG = "BRF607"
OUT_OF_MEMORY = "BRF608"

# 7xx  craft: warnings on how the briefing is made (briefing/deck/craft.py)
CONFIDENCE_ON_ONE_SOURCE = "BRF701"
SINGLE_SOURCE = "BRF702"
INCIDENT_WITHOUT_SOURCE = "BRF703"
INCIDENT_WITHOUT_CREDIBILITY = "BRF704"
QUOTE_WITHOUT_SOURCE = "BRF705"
POSITION_WITHOUT_BASIS = "BRF706"
LIKELIHOOD_CONTRADICTED = "BRF707"
AS_OF_BEFORE_INCIDENT = "BRF708"

# 9xx  briefing itself
INTERNAL_ERROR = "BRF901"
