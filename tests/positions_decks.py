"""Decks written as YAML for the countries and positions tests, loaded with the real loader.

``write_wide_deck`` makes the 40-country, 12-question deck of issue 5: wider than any
terminal, with one country that takes no position (CH) and one question nobody answers
(the last). Stances follow a fixed pattern so pictures are the same on every run.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from briefing.deck import load_deck
from briefing.deck.model import Deck

NATO_EU = [
    "EE",
    "LV",
    "LT",
    "PL",
    "FI",
    "SE",
    "DK",
    "DE",
    "FR",
    "RO",
    "BG",
    "HU",
    "SK",
    "CZ",
    "NL",
    "BE",
    "IT",
    "ES",
    "PT",
    "GR",
    "HR",
    "SI",
    "LU",
]
NATO_ONLY = ["NO", "GB", "US", "CA", "TR", "IS", "AL", "ME"]
EU_ONLY = ["AT", "IE", "MT", "CY"]
NO_GROUP = ["CH", "UA", "MD"]
ORGANISATIONS = ["NATO", "EU"]
NAMES = {
    "EE": "Estonia",
    "LV": "Latvia",
    "LT": "Lithuania",
    "PL": "Poland",
    "FI": "Finland",
    "SE": "Sweden",
    "DK": "Denmark",
    "DE": "Germany",
    "FR": "France",
    "RO": "Romania",
    "BG": "Bulgaria",
    "HU": "Hungary",
    "SK": "Slovakia",
    "CZ": "Czechia",
    "NL": "Netherlands",
    "BE": "Belgium",
    "IT": "Italy",
    "ES": "Spain",
    "PT": "Portugal",
    "GR": "Greece",
    "HR": "Croatia",
    "SI": "Slovenia",
    "LU": "Luxembourg",
    "NO": "Norway",
    "GB": "United Kingdom",
    "US": "United States",
    "CA": "Canada",
    "TR": "Türkiye",
    "IS": "Iceland",
    "AL": "Albania",
    "ME": "Montenegro",
    "AT": "Austria",
    "IE": "Ireland",
    "MT": "Malta",
    "CY": "Cyprus",
    "CH": "Switzerland",
    "UA": "Ukraine",
    "MD": "Moldova",
    "NATO": "North Atlantic Treaty Organization",
    "EU": "European Union",
}
STANCES = ["support", "oppose", "cautious", "undecided", None, None]
QUESTIONS = [
    "Shoot down Russian aircraft that violate NATO airspace?",
    "Invoke NATO Article 4 consultations?",
    "Are the incursions a deliberate test of NATO?",
    "Deploy counter-drone systems on the eastern flank?",
    "Raise defence spending to 3.5% of GDP?",
    "Close airspace to Russian civil aviation?",
    "Expand Baltic air policing?",
    "Send more air defence to Ukraine?",
    "Sanction the shadow fleet?",
    "Open talks with Moscow on deconfliction?",
    "Create a common rule of engagement?",
    "Hold a summit on hybrid threats?",
]


def country_codes() -> list[str]:
    """The 40 codes in deck order: organisations first, then members by group."""
    return [*ORGANISATIONS, *NATO_EU, *NATO_ONLY, *EU_ONLY, *NO_GROUP]


def _groups(code: str) -> list[str]:
    if code in NATO_EU:
        return ["NATO", "EU"]
    if code in NATO_ONLY:
        return ["NATO"]
    if code in EU_ONLY:
        return ["EU"]
    return []


def stance_for(country_index: int, question_index: int) -> str | None:
    """A fixed pseudo-random pattern (string seeds hash the same in every run).

    CH and the last question have no positions; PL supports the first, citing a quote.
    """
    code = country_codes()[country_index]
    if code == "CH" or question_index == len(QUESTIONS) - 1:
        return None
    if code == "PL" and question_index == 0:
        return "support"
    return random.Random(f"{country_index}-{question_index}").choice(STANCES)


def wide_deck_yaml() -> str:
    codes = country_codes()
    lines = [
        "title: Forty countries, twelve questions",
        "as_of: 2025-09-25",
        "timezone: Europe/Tallinn",
        "sources:",
        "  - id: wire",
        "    title: Wire report",
        "countries:",
    ]
    for code in codes:
        lines += [
            f"  - code: {code}",
            f"    name: {json.dumps(NAMES[code], ensure_ascii=False)}",
        ]
        if _groups(code):
            lines.append(f"    groups: [{', '.join(_groups(code))}]")
    lines += ["people:"]
    for code in ("PL", "DE", "CH"):
        lines += [
            f"  - id: leader-{code.lower()}",
            f"    name: Leader of {NAMES[code]}",
            "    role: Head of government",
            f"    country: {code}",
        ]
    lines += ["incidents:"]
    lines += [
        "  - id: drones-pl",
        "    title: Drones cross into Poland",
        "    when: 2025-09-10",
        "    countries: [PL, LT]",
        "    actor: UA",
        "    status: disputed",
        "    claims:",
        "      - by: UA",
        "        text: Denies sending the drones.",
        "      - by: leader-pl",
        "        text: Says the drones were sent on purpose.",
        "  - id: jets-ch",
        "    title: Jets seen near the Swiss border",
        "    when: 2025-09",
        "    countries: [CH]",
        "    status: unverified",
    ]
    lines += [
        "events:",
        "  - id: summit",
        "    title: Summit in Geneva",
        "    when: 2025-09-20",
        "    countries: [CH, PL, DE]",
    ]
    lines += ["questions:"]
    for q_index, title in enumerate(QUESTIONS):
        lines += [
            f"  - id: q{q_index + 1:02d}",
            f"    title: {json.dumps(title)}",
            "    positions:",
        ]
        answered = [
            (i, code)
            for i, code in enumerate(codes)
            if stance_for(i, q_index) is not None
        ]
        if not answered:
            lines[-1] = "    positions: []"
        for i, code in answered:
            lines += [
                f"      - country: {code}",
                f"        stance: {stance_for(i, q_index)}",
            ]
            lines.append(
                f"        summary: {json.dumps(f'{NAMES[code]} on question {q_index + 1}.')}"
            )
            if code == "PL" and q_index == 0:
                lines += ["        as_of: 2025-09-25", "        quotes: [pl-shoot]"]
    lines += [
        "quotes:",
        "  - id: pl-shoot",
        "    by: leader-pl",
        "    text: We will shoot them down.",
        "    when: 2025-09-24",
        "    source: wire",
        "    about: [q01]",
        "  - id: ch-neutral",
        "    by: leader-ch",
        "    text: Switzerland stays neutral.",
        "    when: 2025-09-21",
        "    about: [q01]",
    ]
    return "\n".join(lines) + "\n"


def write_wide_deck(folder: Path) -> Path:
    path = folder / "deck.yaml"
    path.write_text(wide_deck_yaml(), encoding="utf-8")
    return path


def load_wide_deck(folder: Path) -> Deck:
    result = load_deck(write_wide_deck(folder))
    assert result.deck is not None, "\n".join(str(d) for d in result.errors)
    return result.deck


HOSTILE_DECK = """\
title: Hostile text
countries:
  - code: XA
    name: "[bold]Evil[/] $primary [@click=app.quit]land[/]"
    groups: [NATO]
  - code: XB
    name: Plain
people:
  - id: p1
    name: "[i]Person[/i]"
    country: XA
questions:
  - id: q1
    title: "Is [b]this[/b] a [/] question?"
    positions:
      - country: XA
        stance: oppose
        summary: "[link=https://evil.example]click[/link] $accent"
        quotes: [quote1]
quotes:
  - id: quote1
    by: p1
    text: "[@click=app.quit]quit[/] now"
    about: [q1]
"""


def write_hostile_deck(folder: Path) -> Path:
    path = folder / "deck.yaml"
    path.write_text(HOSTILE_DECK, encoding="utf-8")
    return path
