"""The quote search screen, driven by keys: typing, errors, opening, copying, reloading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from app_support import EXAMPLE_DECK, REPO, deck_app, example_app, screen_text, settle

from briefing.deck import load_deck
from briefing.deck.model import Incident
from briefing.ui.clipboard import osc52, tmux_passthrough
from briefing.ui.screens.help import HelpScreen
from briefing.ui.screens.quotes import QuotesScreen
from briefing.ui.widgets.quotes.query_input import QueryInput
from briefing.ui.widgets.quotes.quote_detail import QuoteDetailScreen
from briefing.ui.widgets.quotes.quote_list import QuoteList
from briefing.ui.widgets.quotes.rows import fit

CITATION = (
    "“Russia is testing us, testing our preparedness, testing our commitment to retaliate” — "
    "Gitanas Nausėda, President of Lithuania, 22 September 2025 (Bloomberg)"
)


async def type_query(pilot, text: str) -> None:
    """Key by key, as a presenter types (each keystroke runs a query)."""
    await pilot.press(*text)
    await settle(pilot)


async def paste_query(pilot, text: str) -> None:
    """All at once, as a paste arrives: for tests about what a query finds, not about typing."""
    query_input = pilot.app.focused
    assert isinstance(query_input, QueryInput)
    query_input.insert_text_at_cursor(text)
    await settle(pilot)


def quotes_screen(app) -> QuotesScreen:
    screen = app.screen
    assert isinstance(screen, QuotesScreen), f"expected the quotes screen, got {screen!r}"
    return screen


def shown_ids(app) -> list[str]:
    return [hit.quote.id for hit in quotes_screen(app).results.hits]


def status_text(app) -> str:
    return str(quotes_screen(app).query_one("#query-status").render())


def selected_id(app) -> str | None:
    quote = quotes_screen(app).current_item()
    return quote.id if quote is not None else None


def quotes_app(path: Path = EXAMPLE_DECK, **options):
    options.setdefault("initial_screen", "quotes")
    return deck_app(path, **options)


@pytest.fixture
def deck_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    shutil.copytree(EXAMPLE_DECK.parent, folder)
    return folder / "deck.yaml"


# --- typing -----------------------------------------------------------------------------


async def test_empty_query_lists_every_quote_newest_first():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert len(shown_ids(app)) == 12
        assert status_text(app) == "12 quotes, newest first"
        assert isinstance(app.focused, QueryInput)
        assert "Quotes 1/12" in screen_text(app)


async def test_typing_without_accents_finds_accented_speaker():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "nauseda")
        assert sorted(shown_ids(app)) == ["nauseda-solidarity", "nauseda-testing"]
        assert status_text(app) == "2 quotes match"
        assert "Gitanas Nausėda" in screen_text(app)


async def test_typing_with_accents_finds_the_same_quotes():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Băsescu")
        assert sorted(shown_ids(app)) == ["basescu-credibility", "basescu-priority"]


async def test_results_update_on_every_keystroke():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        counts = []
        for char in "shoot":
            await type_query(pilot, char)
            counts.append(len(shown_ids(app)))
        assert counts[0] > counts[-1] >= 1
        assert shown_ids(app)[0] == "meshkov-war"


async def test_a_typo_still_finds_the_quote():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "prepardness")
        assert shown_ids(app) == ["nauseda-testing"]


async def test_a_phrase_matches_words_together_in_order():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, '"testing our commitment"')
        assert shown_ids(app) == ["nauseda-testing"]
        await pilot.press("ctrl+u")
        await paste_query(pilot, '"commitment our testing"')
        assert shown_ids(app) == []
        assert status_text(app) == "0 quotes match"


async def test_filters_narrow_by_speaker_country_subject_and_date():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await paste_query(pilot, "by:hummelgaard")
        assert sorted(shown_ids(app)) == ["hummelgaard-division", "hummelgaard-hybrid"]
        await pilot.press("ctrl+u")
        await paste_query(pilot, "about:romania-drone -credibility")
        assert shown_ids(app) == ["basescu-priority"]
        await pilot.press("ctrl+u")
        await paste_query(pilot, "after:2025-09-25 country:DE")
        assert shown_ids(app) == ["merz-all-measures"]


async def test_matches_are_highlighted_in_the_result_line():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "testing")
        results = quotes_screen(app).results
        line = results.render_line(1)
        match_color = results.get_component_rich_style("quote-list--match", partial=True).color
        highlighted = [segment.text for segment in line if segment.style and segment.style.color == match_color]
        assert highlighted == ["testing", "testing", "testing"]


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
async def test_matches_are_underlined_when_colour_cannot_mark_them(monkeypatch, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "testing")
        style = quotes_screen(app).results.get_component_rich_style("quote-list--match", partial=True)
        assert style.bold
        assert bool(style.underline) is no_color


# --- a malformed query ------------------------------------------------------------------


async def test_malformed_query_shows_the_error_inline_and_keeps_the_results():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "shoot")
        before = shown_ids(app)
        await paste_query(pilot, " before:notadate")
        query_input = app.focused
        status = status_text(app)
        assert "before:" in status and "notadate" in status
        assert quotes_screen(app).query_one("#query-status").has_class("-error")
        assert shown_ids(app) == before
        assert query_input.error_span.span == (6, 21)
        for _ in " before:notadate":
            await pilot.press("backspace")
        await settle(pilot)
        assert status_text(app) == "1 quote matches"
        assert query_input.error_span.span is None


async def test_an_unclosed_phrase_keeps_the_results_of_the_words_before_it():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, 'testing "our commitment')
        assert status_text(app).startswith("✘ unclosed quote")
        assert shown_ids(app) == ["nauseda-testing"]
        await type_query(pilot, '"')
        assert status_text(app) == "1 quote matches"


async def test_unknown_filter_suggests_the_right_one():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "tusk befor")
        before = shown_ids(app)
        await type_query(pilot, ":2025")
        assert "did you mean before:" in status_text(app)
        assert shown_ids(app) == before


# --- moving through results -------------------------------------------------------------


async def test_arrow_keys_move_through_results_while_the_cursor_stays_in_the_box():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        assert quotes_screen(app).results.selected == 2
        assert isinstance(app.focused, QueryInput)
        await pilot.press("end")
        assert quotes_screen(app).results.selected == 11
        assert "Quotes 12/12" in screen_text(app)
        await pilot.press("pageup")
        assert quotes_screen(app).results.selected == 11 - quotes_screen(app).results.page_size
        await pilot.press("home")
        assert quotes_screen(app).results.selected == 0
        await type_query(pilot, "x")
        assert app.focused.value == "x"


async def test_escape_leaves_the_box_for_the_list_where_keys_move_too():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        assert isinstance(app.focused, QuoteList)
        await pilot.press("j", "j", "k")
        assert quotes_screen(app).results.selected == 1
        await pilot.press("G")
        assert quotes_screen(app).results.selected == 11
        await pilot.press("slash")
        assert isinstance(app.focused, QueryInput)


async def test_tab_goes_to_the_list_and_slash_back_selects_the_query_to_replace_it():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "tusk")
        await pilot.press("tab")
        assert isinstance(app.focused, QuoteList)
        await pilot.press("slash")
        await type_query(pilot, "merz")
        assert quotes_screen(app).query_box.text == "merz"
        assert shown_ids(app) == ["merz-all-measures"]
        await pilot.press("tab", "slash", "right")
        await type_query(pilot, " all")
        assert quotes_screen(app).query_box.text == "merz all"


async def test_a_slash_typed_in_the_box_is_text_not_the_search_key():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "2025/09/25")
        assert quotes_screen(app).query_box.text == "2025/09/25"
        assert app.current_mode == "quotes"
        assert "slash" not in app.screen.active_bindings


# --- opening a quote --------------------------------------------------------------------


async def test_enter_opens_the_quote_with_its_context():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "retaliate")
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, QuoteDetailScreen)
        text = screen_text(app)
        assert "“Russia is testing us, testing our preparedness, testing our commitment to" in text
        assert "retaliate”" in text
        assert "Gitanas Nausėda, President of Lithuania" in text
        assert "22 September 2025" in text
        assert "Bloomberg B (usually" in text and "reliable)" in text
        assert "Interview in New York" in text
        assert "question  Are the incursions deliberate on Russia's part?" in text
        assert "Also by Gitanas Nausėda (1)" in text


async def test_enter_on_what_the_quote_is_about_jumps_there():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await paste_query(pilot, "by:basescu credibility")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuoteDetailScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "brief"
        item = app.screen.current_item()
        assert isinstance(item, Incident) and item.id == "romania-drone"
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "quotes"
        assert shown_ids(app) == ["basescu-credibility"]


async def test_another_quote_by_the_speaker_opens_in_place_and_escape_comes_back():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await paste_query(pilot, "by:hummelgaard scared")
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, QuoteDetailScreen)
        assert detail.quote.id == "hummelgaard-division"
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert detail.quote.id == "hummelgaard-hybrid"
        await pilot.press("escape")
        await pilot.pause()
        assert detail.quote.id == "hummelgaard-division"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuotesScreen)


async def test_open_item_from_another_screen_selects_the_quote():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        quote = app.deck.get("schoof-could-happen")
        await app.open_item(quote)
        await settle(pilot)
        assert app.current_mode == "quotes"
        assert selected_id(app) == "schoof-could-happen"
        assert isinstance(app.focused, QuoteList)


async def test_open_item_clears_a_query_that_hides_the_quote():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "by:nauseda")
        await app.open_item(app.deck.get("pistorius-escalation-trap"))
        await settle(pilot)
        assert quotes_screen(app).query_box.text == ""
        assert selected_id(app) == "pistorius-escalation-trap"
        assert len(shown_ids(app)) == 12


# --- copying ----------------------------------------------------------------------------


async def test_y_copies_the_quote_with_its_attribution_by_osc52(monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        written: list[str] = []
        monkeypatch.setattr(app._driver, "write", written.append)
        await settle(pilot)
        await type_query(pilot, "retaliate")
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.clipboard == CITATION
        assert osc52(CITATION) in written
        assert not any(data.startswith("\x1bPtmux;") for data in written)


async def test_ctrl_y_copies_from_the_box_and_inside_tmux_also_passes_through(monkeypatch):
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        written: list[str] = []
        monkeypatch.setattr(app._driver, "write", written.append)
        await settle(pilot)
        await type_query(pilot, "retaliate")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.clipboard == CITATION
        assert osc52(CITATION) in written
        assert tmux_passthrough(osc52(CITATION)) in written
        assert isinstance(app.focused, QueryInput)


async def test_y_in_the_open_quote_copies_it():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await paste_query(pilot, "escalation trap")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "“escalation trap” — Boris Pistorius, Defence Minister of Germany (Bloomberg)"
        assert any("escalation trap" in str(n.message) for n in app._notifications)


# --- from anywhere, help, reload --------------------------------------------------------


async def test_slash_from_another_screen_lands_in_the_query_box():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.current_mode == "brief"
        await pilot.press("slash")
        await settle(pilot)
        assert app.current_mode == "quotes"
        assert isinstance(app.focused, QueryInput)
        await type_query(pilot, "tusk")
        assert quotes_screen(app).query_box.text == "tusk"
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert app.current_mode == "brief"
        await pilot.press("slash")
        await settle(pilot)
        assert app.focused.selection.end - app.focused.selection.start == len("tusk")


async def test_key_5_opens_the_quotes_screen_ready_to_type():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert app.current_mode == "quotes"
        assert isinstance(app.focused, QueryInput)
        assert len(shown_ids(app)) == 12


async def test_a_deck_without_quotes_says_so_and_copies_nothing(tmp_path: Path):
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: No quotes\n", encoding="utf-8")
    app = quotes_app(deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert status_text(app) == "0 quotes, newest first"
        await type_query(pilot, "anything")
        await pilot.press("enter", "ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, QuotesScreen)
        assert app.clipboard == ""
        assert "Quotes 0" in screen_text(app)


async def test_help_shows_the_query_language():
    app = quotes_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = app.screen.extra_help
        for syntax in ("by:", "country:", "about:", "source:", "after:", '"a phrase"', "-word"):
            assert syntax in help_text


def _add_quote(deck_file: Path, block: str) -> None:
    quotes = deck_file.parent / "quotes.yaml"
    quotes.write_text(quotes.read_text(encoding="utf-8").replace("quotes:\n", "quotes:\n" + block, 1), encoding="utf-8")


NEW_NATO_QUOTE = """  - id: rutte-nato-ready
    by: nauseda
    text: NATO is ready to defend every inch of allied territory
    when: 2025-09-26
    source: bloomberg-shoot-down
"""


async def test_reload_keeps_the_query_and_the_selected_quote(deck_copy: Path):
    app = quotes_app(deck_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "nato")
        assert shown_ids(app)[:2] == ["meshkov-war", "schoof-could-happen"]
        await pilot.press("down")
        assert selected_id(app) == "schoof-could-happen"
        _add_quote(deck_copy, NEW_NATO_QUOTE)
        app.apply_load_result(load_deck(deck_copy))
        await settle(pilot)
        assert quotes_screen(app).query_box.text == "nato"
        assert shown_ids(app)[:3] == ["rutte-nato-ready", "meshkov-war", "schoof-could-happen"]
        assert selected_id(app) == "schoof-could-happen"
        assert isinstance(app.focused, QueryInput)


async def test_reload_after_deleting_the_selected_quote_selects_its_neighbour(deck_copy: Path):
    app = quotes_app(deck_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await paste_query(pilot, "by:basescu")
        assert shown_ids(app) == ["basescu-priority", "basescu-credibility"]
        assert selected_id(app) == "basescu-priority"
        quotes = deck_copy.parent / "quotes.yaml"
        text = quotes.read_text(encoding="utf-8")
        start = text.index("  - id: basescu-priority")
        quotes.write_text(text[:start] + text[text.index("  - id: basescu-credibility") :], encoding="utf-8")
        result = load_deck(deck_copy)
        assert result.ok
        app.apply_load_result(result)
        await settle(pilot)
        assert shown_ids(app) == ["basescu-credibility"]
        assert selected_id(app) == "basescu-credibility"


async def test_reload_while_the_query_is_malformed_refreshes_the_last_results(deck_copy: Path):
    app = quotes_app(deck_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "nato")
        await paste_query(pilot, " before:x")
        assert "before:" in status_text(app)
        _add_quote(deck_copy, NEW_NATO_QUOTE)
        app.apply_load_result(load_deck(deck_copy))
        await settle(pilot)
        assert "before:" in status_text(app)
        assert shown_ids(app)[0] == "rutte-nato-ready"


CHANGED_CREDIBILITY = "Your credibility is at stake, said twice."


async def test_an_open_quote_follows_a_reload_and_closes_when_deleted(deck_copy: Path):
    app = quotes_app(deck_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "credibility")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuoteDetailScreen)
        quotes = deck_copy.parent / "quotes.yaml"
        text = quotes.read_text(encoding="utf-8")
        quotes.write_text(text.replace("Your credibility is at stake.", CHANGED_CREDIBILITY), encoding="utf-8")
        app.apply_load_result(load_deck(deck_copy))
        await settle(pilot)
        assert isinstance(app.screen, QuoteDetailScreen)
        assert CHANGED_CREDIBILITY in screen_text(app)
        text = quotes.read_text(encoding="utf-8")
        quotes.write_text(text[: text.index("  - id: basescu-credibility")], encoding="utf-8")
        app.apply_load_result(load_deck(deck_copy))
        await settle(pilot)
        assert isinstance(app.screen, QuotesScreen)
        assert shown_ids(app) == []


async def test_a_reload_with_errors_keeps_everything(deck_copy: Path):
    app = quotes_app(deck_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "nato")
        before = shown_ids(app)
        (deck_copy.parent / "quotes.yaml").write_text("quotes:\n  - id: [\n", encoding="utf-8")
        app.apply_load_result(load_deck(deck_copy))
        await settle(pilot)
        assert shown_ids(app) == before
        assert "Deck not reloaded" in screen_text(app)


# --- untrusted text ---------------------------------------------------------------------

HOSTILE_DECK = """title: Hostile
people:
  - id: mallory
    name: "[bold]Mallory[/bold]"
    role: "[@click=app.quit]Role[/]"
quotes:
  - id: hostile
    by: mallory
    text: "Press [@click=app.quit]here[/] or [$primary]x[/] a [/] b $accent"
    where: "[link=https://evil.example]there[/link]"
"""


async def test_deck_markup_in_quotes_shows_literally(tmp_path: Path):
    deck = tmp_path / "deck.yaml"
    deck.write_text(HOSTILE_DECK, encoding="utf-8")
    app = quotes_app(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_query(pilot, "press")
        text = screen_text(app)
        assert "[bold]Mallory[/bold]" in text
        assert "[@click=app.quit]Role[/]" in text
        assert "“Press [@click=app.quit]here[/] or [$primary]x[/] a [/] b $accent”" in text
        assert "[link=https://evil.example]there[/link]" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuoteDetailScreen)
        assert "[@click=app.quit]here[/]" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith("“Press [@click=app.quit]here[/]")
        assert app.is_running


# --- a large deck -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_deck(tmp_path_factory) -> Path:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_deck", REPO / "benchmarks" / "gen_deck.py")
    gen_deck = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen_deck)
    return gen_deck.generate(tmp_path_factory.mktemp("big"), incidents=200, quotes=50_000)


async def test_fifty_thousand_quotes_scroll_to_the_end_and_answer_queries(big_deck: Path):
    app = quotes_app(big_deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = quotes_screen(app)
        assert screen.results.total == 50_000
        assert len(screen.results.hits) < 1_000, "only what the screen needs is fetched"
        await pilot.press("end")
        await settle(pilot)
        last = screen.index.quotes[-1]
        assert selected_id(app) == last.id
        assert "Quotes 50,000/50,000" in screen_text(app)
        assert fit(last.speaker.name, 20).rstrip("…") in screen_text(app)
        await pilot.press("pageup", "pageup", "up")
        await settle(pilot)
        assert screen.results.selected == 50_000 - 1 - 2 * screen.results.page_size - 1
        assert selected_id(app) == screen.index.quotes[screen.results.selected].id
        await pilot.press("home")
        assert selected_id(app) == screen.index.quotes[0].id

        await type_query(pilot, "radaar")
        await paste_query(pilot, " patrol")
        expected = screen.index.search("radaar patrol", limit=5)
        assert expected.total > 0
        assert shown_ids(app)[:5] == [hit.quote.id for hit in expected.hits]
        assert status_text(app) == f"{expected.total:,} quotes match"
        await pilot.press(*["pagedown"] * 10)
        await settle(pilot)
        number = screen.results.selected
        assert number == 10 * screen.results.page_size
        assert selected_id(app) == screen.index.search("radaar patrol", limit=number + 1).hits[number].quote.id
