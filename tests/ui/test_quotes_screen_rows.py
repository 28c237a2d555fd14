"""How one search result is laid out, the copied citation and the OSC 52 sequence: no app."""

from __future__ import annotations

import base64

from rich.cells import cell_len
from search_decks import ARTICLE, MESHKOV, POLAND, TUSK, quote

from briefing.deck.model import Person
from briefing.ui.clipboard import inside_tmux, osc52, tmux_passthrough
from briefing.ui.widgets.quotes.citation import citation
from briefing.ui.widgets.quotes.rows import (
    context_pieces,
    fit,
    header_pieces,
    snippet_lines,
    snippet_pieces,
    speaker_details,
)

KOSINIAK = Person("kosiniak", "Władysław Kosiniak-Kamysz", MESHKOV.place, "Defence Minister", POLAND)
LONG = (
    "When it comes to your own security, there’s no bigger priority than showing those who test "
    "you that you are capable of protecting your airspace"
)


def joined(pieces) -> str:
    return "".join(text for text, _ in pieces)


def matches(pieces) -> list[str]:
    return [text for text, role in pieces if role == "match"]


def span_of(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return (start, start + len(word))


# --- the quote lines --------------------------------------------------------------------


def test_a_quote_that_fits_on_one_line_takes_one():
    text = "Russia is testing us"
    assert [joined(line) for line in snippet_lines(text, [span_of(text, "testing")], 40)] == ["“Russia is testing us”"]


def test_a_long_quote_wraps_to_a_second_line_between_words_instead_of_an_ellipsis():
    lines = snippet_lines(LONG, [span_of(LONG, "airspace")], 80)
    texts = [joined(line) for line in lines]
    assert len(texts) == 2 and all(cell_len(t) <= 80 for t in texts)
    assert " ".join(texts) == f"“{LONG}”" and "…" not in "".join(texts)
    assert matches(lines[-1]) == ["airspace"]


def test_a_quote_longer_than_two_lines_is_cut_around_its_first_match():
    longer = LONG + ", and we will keep doing so for as long as it takes, whatever it costs"
    lines = snippet_lines(longer, [span_of(longer, "costs")], 40)
    texts = [joined(line) for line in lines]
    assert len(texts) == 2 and all(cell_len(t) <= 40 for t in texts)
    assert texts[0].startswith("…") and texts[1].endswith("costs”")
    assert [m for line in lines for m in matches(line)] == ["costs"]


def test_a_match_broken_over_two_lines_stays_marked_on_both():
    text = "one two three four five six seven eight nine ten"
    lines = snippet_lines(text, [span_of(text, "four five six")], 20)
    assert [m for line in lines for m in matches(line)] in (["four five", "six"], ["four", "five six"])


# --- the quote line ---------------------------------------------------------------------


def test_a_short_quote_is_shown_whole_in_quotation_marks():
    text = "Russia is testing us"
    pieces = snippet_pieces(text, [span_of(text, "testing")], 40)
    assert joined(pieces) == "“Russia is testing us”"
    assert matches(pieces) == ["testing"]


def test_a_long_quote_is_cut_to_the_width_with_an_ellipsis():
    pieces = snippet_pieces(LONG, [span_of(LONG, "security")], 40)
    line = joined(pieces)
    assert line.startswith("“When it comes") and line.endswith("…")
    assert cell_len(line) == 40
    assert matches(pieces) == ["security"]


def test_a_match_beyond_the_cut_moves_the_line_to_it():
    pieces = snippet_pieces(LONG, [span_of(LONG, "capable")], 40)
    line = joined(pieces)
    assert line.startswith("…")
    assert matches(pieces) == ["capable"]
    assert cell_len(line) <= 40
    after_ellipsis = line[1:]
    assert LONG[LONG.index(after_ellipsis.split()[0]) - 1] == " ", "the line starts at a word"


def test_a_match_at_the_end_fills_the_line_with_the_words_before_it():
    pieces = snippet_pieces(LONG, [span_of(LONG, "airspace")], 40)
    line = joined(pieces)
    assert line.endswith("airspace”")
    assert cell_len(line) >= 40 - len("protecting ")
    assert matches(pieces) == ["airspace"]


def test_every_visible_match_is_marked():
    text = "Russia is testing us, testing our preparedness, testing our commitment to retaliate"
    spans = [(10, 17), (22, 29), (48, 55)]
    assert matches(snippet_pieces(text, spans, 200)) == ["testing"] * 3
    assert matches(snippet_pieces(text, spans, 40)) == ["testing", "testing"]


def test_wide_characters_never_overflow_the_line():
    text = "東京で記者団に語った。" * 10 + " 防空"
    pieces = snippet_pieces(text, [span_of(text, "防空")], 31)
    assert cell_len(joined(pieces)) <= 31
    assert matches(pieces) == ["防空"]


def test_line_breaks_in_a_quote_become_spaces_without_moving_matches():
    text = "first line\nsecond\tline"
    pieces = snippet_pieces(text, [span_of(text, "second")], 60)
    assert joined(pieces) == "“first line second line”"
    assert matches(pieces) == ["second"]


def test_fit_cuts_by_cells_and_marks_the_cut():
    assert fit("abcdef", 10) == "abcdef"
    assert fit("abcdef", 4) == "abc…"
    assert fit("記者団に語った", 5) == "記者…"
    assert fit("anything", 0) == ""


# --- the speaker line and the context line ----------------------------------------------


def test_header_has_name_role_and_the_date_at_its_precision_right_aligned():
    said = quote("q", "text", "2025-09", by=TUSK, source=ARTICLE)
    pieces = header_pieces(said, 70)
    line = joined(pieces)
    assert cell_len(line) == 70
    assert line.startswith("Donald Tusk  Prime Minister of Poland")
    assert line.endswith("Sep 2025")
    assert pieces[0] == ("Donald Tusk", "speaker")


def test_header_shows_the_source_grade_and_undated_quotes():
    graded = ARTICLE.__class__(ARTICLE.id, ARTICLE.title, ARTICLE.place, publisher="Bloomberg", reliability="B")
    line = joined(header_pieces(quote("q", "text", None, by=MESHKOV, source=graded), 80))
    assert line.endswith("undated [B]")


def test_header_cuts_a_long_role_before_the_date():
    person = Person("p", "Someone", MESHKOV.place, "A very long role " * 6, None)
    line = joined(header_pieces(quote("q", "t", "2025-09-22", by=person), 50))
    assert cell_len(line) == 50
    assert "…" in line and line.endswith("22 Sep 2025")


def test_country_is_left_out_when_the_role_names_it():
    assert speaker_details(quote("q", "t", by=TUSK)) == "Prime Minister of Poland"
    assert speaker_details(quote("q", "t", by=MESHKOV)) == "Russian Ambassador to France"
    assert speaker_details(quote("q", "t", by=KOSINIAK)) == "Defence Minister · Poland"


def test_context_line_has_where_and_the_source():
    said = quote("q", "t", where="Warsaw", source=ARTICLE)
    assert joined(context_pieces(said, 60)) == "Warsaw · Bloomberg"


# --- what `y` copies --------------------------------------------------------------------


def test_citation_has_the_text_speaker_role_date_and_source():
    said = quote("q", "We will shoot down objects", "2025-09-25", by=TUSK, source=ARTICLE)
    assert citation(said) == "“We will shoot down objects” — Donald Tusk, Prime Minister of Poland, 25 September 2025 (Bloomberg)"


def test_citation_of_an_undated_unsourced_multiline_quote():
    said = quote("q", "one\n  two", None, by=KOSINIAK)
    assert citation(said) == "“one two” — Władysław Kosiniak-Kamysz, Defence Minister, Poland"


def test_osc52_carries_the_text_in_base64_for_the_system_clipboard():
    sequence = osc52("“x” — Nausėda")
    assert sequence.startswith("\x1b]52;c;") and sequence.endswith("\a")
    assert base64.b64decode(sequence[7:-1]).decode("utf-8") == "“x” — Nausėda"


def test_tmux_passthrough_wraps_and_doubles_escapes():
    wrapped = tmux_passthrough(osc52("x"))
    assert wrapped.startswith("\x1bPtmux;\x1b\x1b]52;c;") and wrapped.endswith("\x1b\\")
    assert inside_tmux({"TMUX": "/tmp/tmux-1000/default,42,0"})
    assert not inside_tmux({})
