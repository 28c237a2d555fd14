"""The light Markdown renderer: deck Markdown as one Rich renderable, safe and Pygments-free."""

from __future__ import annotations

import io
import subprocess
import sys

from paths import REPO
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from briefing.deck import load_deck
from briefing.ui.markdown_text import MarkdownStyles, markdown_renderable

EXAMPLE_DECK = REPO / "decks" / "nato-airspace-2025" / "deck.yaml"
DEFAULT_STYLES = MarkdownStyles()
LONG = "alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november"


def make_console(width: int) -> Console:
    return Console(
        width=width,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
    )


def lines(
    markdown: str, width: int = 40, styles: MarkdownStyles = DEFAULT_STYLES
) -> list[str]:
    """The rendered plain text, one string per line, trailing padding removed."""
    console = make_console(width)
    console.print(markdown_renderable(markdown, styles))
    return [line.rstrip() for line in console.export_text(styles=False).splitlines()]


def ansi(markdown: str, width: int = 40) -> str:
    console = make_console(width)
    console.print(markdown_renderable(markdown))
    return console.file.getvalue()


def segments(
    markdown: str, width: int = 40, styles: MarkdownStyles = DEFAULT_STYLES
) -> list[Segment]:
    console = make_console(width)
    return list(console.render(markdown_renderable(markdown, styles), console.options))


def style_of(
    markdown: str,
    fragment: str,
    width: int = 40,
    styles: MarkdownStyles = DEFAULT_STYLES,
) -> Style:
    """The style of the rendered segment holding `fragment` (each styled span is one segment)."""
    matches = [
        segment.style or Style()
        for segment in segments(markdown, width, styles)
        if fragment in segment.text
    ]
    assert matches, f"{fragment!r} not rendered"
    return matches[0]


def assert_hanging(rendered: list[str], marker: str, indent: int, width: int) -> None:
    """First line starts with the marker, every later line is indented to the text column."""
    assert rendered[0].startswith(marker)
    assert len(rendered) > 1, "expected the item to wrap"
    for line in rendered[1:]:
        assert line[:indent] == " " * indent and line[indent] != " ", line
    assert all(len(line) <= width for line in rendered)


def test_single_paragraph_renders_as_just_its_text():
    assert lines("Hello *deck* world") == ["Hello deck world"]
    assert isinstance(markdown_renderable("Hello"), Text)


def test_empty_or_whitespace_text_renders_an_empty_text():
    for blank in ("", "   ", "\n\t\n  \n"):
        renderable = markdown_renderable(blank)
        assert isinstance(renderable, Text) and renderable.plain == ""


def test_soft_breaks_join_with_spaces_and_hard_breaks_split_lines():
    assert lines("one\ntwo\nthree") == ["one two three"]
    assert lines("one  \ntwo\\\nthree") == ["one", "two", "three"]


def test_blocks_are_separated_by_exactly_one_blank_line():
    assert lines("\n\nfirst\n\n\n\n# Heading\n\n\nlast\n\n\n") == [
        "first",
        "",
        "Heading",
        "",
        "last",
    ]


def test_markup_like_text_stays_literal():
    text = "[bold]x[/] and [@click=app.quit]quit[/] and a [/] b [$primary]c"
    assert lines(text, width=80) == [text]
    assert not style_of(text, "x[/]", width=80).bold
    assert style_of(text, "[@click=app.quit]", width=80).meta == {}


def test_bullet_item_wraps_with_hanging_indent_at_width_40():
    rendered = lines(f"- {LONG}")
    assert_hanging(rendered, "• alpha", indent=2, width=40)
    assert " ".join(line.strip() for line in rendered) == f"• {LONG}"


def test_ordered_item_wraps_with_hanging_indent_and_honours_start_number():
    rendered = lines(f"3. {LONG}\n4. short")
    assert_hanging(rendered[:-1], "3. alpha", indent=3, width=40)
    assert rendered[-1] == "4. short"


def test_ordered_markers_align_when_numbers_gain_a_digit():
    assert lines("9. nine\n10. ten") == [" 9. nine", "10. ten"]


def test_nested_list_indents_further_with_its_own_hanging_indent():
    rendered = lines(f"- outer\n  - {LONG}\n- next")
    assert rendered[0] == "• outer"
    assert_hanging(rendered[1:-1], "  • alpha", indent=4, width=40)
    assert rendered[-1] == "• next"


def test_tight_list_has_no_blank_lines_and_loose_list_has_one_between_items():
    assert lines("- a\n- b\n- c") == ["• a", "• b", "• c"]
    assert lines("- a\n\n- b\n\n  more b\n- c") == [
        "• a",
        "",
        "• b",
        "",
        "  more b",
        "",
        "• c",
    ]


def test_block_quote_prefixes_every_line_with_a_bar_and_uses_the_quote_style():
    rendered = lines(f"> {LONG}\n>\n> - item", width=30)
    assert len(rendered) > 3
    assert all(line.startswith("▌") for line in rendered)
    assert rendered[-1] == "▌ • item"
    assert style_of(f"> {LONG}", "alpha").italic


def test_code_block_is_verbatim_in_code_style_and_not_wrapped():
    code = "def f():\n    return '[bold]**not bold**'  # a long line that must not wrap around"
    rendered = lines(f"Before\n\n```python\n{code}\n```\n\nAfter", width=30)
    assert rendered[:3] == ["Before", "", "def f():"]
    assert rendered[3].startswith("    return '[bold]**not bold")
    assert len(rendered[3]) == 30 and rendered[3].endswith("…")
    assert rendered[4:] == ["", "After"]
    assert style_of(f"```\n{code}\n```", "def f():").reverse


def test_indented_code_block_keeps_its_lines():
    assert lines("Text\n\n    x  =  1\n      y") == ["Text", "", "x  =  1", "  y"]


def test_thematic_break_draws_a_dim_rule_across_the_width():
    assert lines("a\n\n---\n\nb", width=20) == ["a", "", "─" * 20, "", "b"]
    assert style_of("---", "─").dim


def test_table_shows_its_cells_with_a_bold_header():
    markdown = "| Country | Drones |\n|---|--:|\n| Poland | 19 |\n| [bold]Romania | 1 |"
    rendered = lines(markdown)
    assert "Country" in rendered[0] and "Drones" in rendered[0]
    assert set(rendered[1].strip()) == {"─"}
    assert "Poland" in rendered[2] and rendered[2].endswith("19")
    assert "[bold]Romania" in rendered[3]
    assert style_of(markdown, "Country").bold
    assert not style_of(markdown, "Poland").bold


def test_raw_html_is_shown_literally():
    assert lines("a <b>bold?</b> c\n\n<div>\nblock\n</div>", width=60) == [
        "a <b>bold?</b> c",
        "",
        "<div> block </div>",
    ]


def test_link_shows_only_its_text_underlined_and_never_an_osc8_hyperlink():
    markdown = "See [the report](https://evil.example/x) and <https://auto.example>."
    assert lines(markdown, width=80) == ["See the report and https://auto.example."]
    assert style_of(markdown, "the report", width=80).underline
    assert all(
        segment.style is None or segment.style.link is None
        for segment in segments(markdown, width=80)
    )
    output = ansi(markdown, width=80)
    assert "\x1b]8;" not in output and "evil.example" not in output


def test_bare_url_is_not_turned_into_a_link():
    assert not style_of(
        "see https://plain.example now", "https://plain.example"
    ).underline


def test_image_shows_its_alt_text_in_brackets():
    assert lines("Look: ![map of *Estonia*](m.png) ![](x.png)") == [
        "Look: [image: map of Estonia] [image]"
    ]


def test_inline_styles_combine_when_nested():
    markdown = "**bold *both* ~~struck~~** `code`"
    both = style_of(markdown, "both")
    assert both.bold and both.italic
    struck = style_of(markdown, "struck")
    assert struck.bold and struck.strike
    assert style_of(markdown, "code").reverse
    assert not style_of(markdown, "code").bold


def test_top_level_heading_is_underlined_and_lower_ones_are_not():
    markdown = "# Top\n\n## Sub"
    assert lines(markdown) == ["Top", "", "Sub"]
    assert style_of(markdown, "Top").bold and style_of(markdown, "Top").underline
    assert style_of(markdown, "Sub").bold and not style_of(markdown, "Sub").underline


def test_styles_given_by_the_caller_are_used():
    styles = MarkdownStyles(strong=Style(color="red"), link=Style(color="blue"))
    assert style_of("a **b** c", "b", styles=styles).color.name == "red"
    assert style_of("[x](http://y)", "x", styles=styles).color.name == "blue"


def test_example_summary_bullet_wraps_with_continuation_indented_by_two():
    summary = load_deck(EXAMPLE_DECK).deck.summary
    rendered = lines(summary, width=80)
    assert style_of(summary, "Bottom line:", width=80).bold
    start = next(
        index
        for index, line in enumerate(rendered)
        if line.startswith("• September brought")
    )
    end = next(
        index
        for index in range(start + 1, len(rendered))
        if rendered[index].startswith("•")
    )
    assert_hanging(rendered[start:end], "• September brought", indent=2, width=80)


def test_importing_and_rendering_does_not_load_pygments_or_markdown_widgets():
    script = (
        "import sys, briefing.ui.markdown_text as m\n"
        "assert 'markdown_it' not in sys.modules, 'the parser should load on first use'\n"
        "m.markdown_renderable('# H\\n\\n```python\\nx = 1\\n```\\n\\n| a |\\n|---|\\n| 1 |\\n\\n---')\n"
        "heavy = [name for name in sys.modules if name.split('.')[0] == 'pygments'\n"
        "         or name in ('rich.syntax', 'rich.markdown', 'textual.widgets')]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
