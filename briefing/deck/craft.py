"""Craft checks: warnings on how a valid briefing is made, which no schema can see.

A deck can load cleanly and still mislead its audience: a judgment held with high confidence
on a single report, an incident nobody can trace, a likelihood its own sentence denies.
These checks run on a loaded deck (after a successful :func:`~briefing.deck.load_deck`),
each warning at the place of what it is about, with why it matters. They are warnings:
``briefing validate`` prints them and exits 0, ``--strict`` makes them fail. The app does
not show them: they are for the author at the desk, not for the audience in the room.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from . import codes
from .dates import format_date_point
from .model import Confidence, Deck, Diagnostic, Incident, KeyJudgment, Likelihood, Place, Severity, Source
from .text import quoted

_LIKELIHOODS = tuple(Likelihood)
_EVEN = _LIKELIHOODS.index(Likelihood.ROUGHLY_EVEN_CHANCE)

_DENIALS = ("will not", "won't", "cannot", "can't", "never", "certainly not", "definitely not")
"""Words that say something is certain not to be: they contradict roughly even chance and above."""
_CERTAINTIES = ("will", "certainly", "definitely", "undoubtedly", "inevitably", "always", "surely")
"""Words that say something is certain: they contradict roughly even chance and below."""
_CERTAINTY_WORD = re.compile(r"\b(" + "|".join((*_DENIALS, *_CERTAINTIES)).replace("'", "['’]") + r")\b", re.IGNORECASE)
"""Either kind; denials are tried first, so that 'will not' is not read as 'will'."""

_HEDGES = frozenset({
    "likely", "unlikely", "probably", "possibly", "perhaps", "maybe", "almost", "nearly", "very", "most", "may",
    "might", "could",
})
"""A word next to a certainty word that takes the certainty back: 'will likely', 'almost never'."""

_WILL_AS_NOUN_BEFORE = frozenset({"the", "a", "its", "their", "his", "her", "our", "your", "political", "free", "good", "ill"})
_QUOTATION = re.compile(r"\"[^\"]*\"|“[^”]*”")
_WORD = re.compile(r"[\w'’]+")


def craft_warnings(deck: Deck) -> tuple[Diagnostic, ...]:
    """Every craft warning for a loaded deck, sorted by place."""
    found = [
        *_confidence_on_one_source(deck),
        *_single_source(deck),
        *_ungraded_incidents(deck),
        *_quotes_without_source(deck),
        *_positions_without_basis(deck),
        *_contradicted_likelihoods(deck),
        *_as_of_before_incidents(deck),
    ]
    return tuple(sorted(found, key=Diagnostic.sort_key))


def _warning(place: Place, message: str, code: str) -> Diagnostic:
    return Diagnostic(place, Severity.WARNING, message, code)


def _by_id(sources: Iterable[Source]) -> dict[str, Source]:
    """Each source once, by id, in the order first cited."""
    found: dict[str, Source] = {}
    for source in sources:
        found.setdefault(source.id, source)
    return found


def _incident_sources(deck: Deck) -> dict[str, Source]:
    return _by_id(source for incident in deck.incidents for source in incident.sources)


def _deck_sources(deck: Deck) -> dict[str, Source]:
    """Every source the deck cites: incidents', events' and quotes'."""
    quoted_from = (quote.source for quote in deck.quotes if quote.source is not None)
    return _by_id([*(source for item in (*deck.incidents, *deck.events) for source in item.sources), *quoted_from])


def _confidence_on_one_source(deck: Deck) -> Iterator[Diagnostic]:
    if not deck.incidents:
        return
    cited = _incident_sources(deck)
    if len(cited) > 1:
        return
    basis = f"on one source ({quoted(next(iter(cited)))})" if cited else "on no source"
    for judgment in deck.key_judgments:
        if judgment.confidence is Confidence.HIGH:
            yield _warning(judgment.place, f"high confidence, but every incident rests {basis}: one report cannot "
                                           "corroborate itself, so the audience is told more certainty than the "
                                           "evidence holds; lower the confidence or add an independent source",
                           codes.CONFIDENCE_ON_ONE_SOURCE)


def _single_source(deck: Deck) -> Iterator[Diagnostic]:
    cited = _deck_sources(deck)
    if len(cited) != 1 or deck.single_source_acknowledged:
        return
    source = next(iter(cited.values()))
    yield _warning(source.place, f"the whole deck rests on this one source ({quoted(source.id)}): nothing in it is "
                                 "corroborated, and one error there is an error everywhere; add an independent "
                                 "source, or say so in the summary and set single_source: acknowledged",
                   codes.SINGLE_SOURCE)


def _ungraded_incidents(deck: Deck) -> Iterator[Diagnostic]:
    for incident in deck.incidents:
        if not incident.sources:
            yield _warning(incident.place, f"incident {quoted(incident.id)} cites no source: the audience cannot "
                                           "weigh or check what nobody can trace; add sources: [...]",
                           codes.INCIDENT_WITHOUT_SOURCE)
        elif incident.credibility is None:
            yield _warning(incident.place, f"incident {quoted(incident.id)} has no credibility: its grade then says "
                                           "how reliable the source is but not how far this report is believed; "
                                           "add credibility: 1 (confirmed) to 6 (cannot be judged)",
                           codes.INCIDENT_WITHOUT_CREDIBILITY)


def _quotes_without_source(deck: Deck) -> Iterator[Diagnostic]:
    for quote in deck.quotes:
        if quote.source is None:
            yield _warning(quote.place, f"quote {quoted(quote.id)} has no source: words nobody can trace cannot be "
                                        "checked as said, or as said in that sense; add source: ...",
                           codes.QUOTE_WITHOUT_SOURCE)


def _positions_without_basis(deck: Deck) -> Iterator[Diagnostic]:
    for question in deck.questions:
        for position in question.positions:
            if not position.summary and not position.quotes:
                yield _warning(position.place, f"the position of {position.country.code} on {quoted(question.id)} has "
                                               "neither a summary nor a quote: a stance with nothing behind it "
                                               "cannot be checked or explained; add summary: or quotes: [...]",
                               codes.POSITION_WITHOUT_BASIS)


def _contradicted_likelihoods(deck: Deck) -> Iterator[Diagnostic]:
    for judgment in deck.key_judgments:
        word = _contradicting_word(judgment)
        if word is not None:
            yield _warning(judgment.place, f"the judgment says {quoted(word)} but its likelihood is "
                                           f"{quoted(judgment.likelihood.value)}: the audience hears the words, not "
                                           "the label; say the likelihood in the text ('will likely') or change one",
                           codes.LIKELIHOOD_CONTRADICTED)


def _contradicting_word(judgment: KeyJudgment) -> str | None:
    """The first certainty word in the judgment's own text (outside quotation marks) that its
    likelihood contradicts: 'will', 'always' ... at even chance or less, 'will not', 'never'
    ... at even chance or more. A hedge beside the word ('will likely') takes it back."""
    if judgment.likelihood is None:
        return None
    level = _LIKELIHOODS.index(judgment.likelihood)
    text = _QUOTATION.sub(" ", judgment.text)
    for match in _CERTAINTY_WORD.finditer(text):
        word = match.group(1)
        denial = word.lower().replace("’", "'") in _DENIALS
        contradicts = level >= _EVEN if denial else level <= _EVEN
        if contradicts and not _hedged(text, match) and not _will_as_noun(text, match):
            return word
    return None


def _neighbours(text: str, match: re.Match[str]) -> tuple[str, str]:
    before = _WORD.findall(text[: match.start()])
    after = _WORD.findall(text[match.end():])
    return (before[-1].lower() if before else "", after[0].lower() if after else "")


def _hedged(text: str, match: re.Match[str]) -> bool:
    before, after = _neighbours(text, match)
    return before in _HEDGES or after in _HEDGES


def _will_as_noun(text: str, match: re.Match[str]) -> bool:
    """'political will', 'NATO's will to respond': the noun, not the future."""
    if match.group(1).lower() != "will":
        return False
    before, after = _neighbours(text, match)
    return after == "to" or before in _WILL_AS_NOUN_BEFORE or before.endswith(("'s", "’s"))


def _as_of_before_incidents(deck: Deck) -> Iterator[Diagnostic]:
    as_of = deck.as_of
    if as_of is None:
        return
    for incident in deck.incidents:
        if incident.when is not None and as_of.period_end() <= incident.when.start:
            yield _as_of_warning(deck, incident)


def _as_of_warning(deck: Deck, incident: Incident) -> Diagnostic:
    zone = deck.zone
    return _warning(incident.place, f"as_of ({format_date_point(deck.as_of, zone)}) is before incident "
                                    f"{quoted(incident.id)} happened ({format_date_point(incident.when, zone)}): "
                                    "the briefing says it is current as of a day before its own facts; move "
                                    "as_of or check the incident's date",
                    codes.AS_OF_BEFORE_INCIDENT)
