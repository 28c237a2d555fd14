"""How the matrix fits a terminal: labels never cut, panels stacked instead of scrolling sideways."""

from __future__ import annotations

from briefing.views.matrix import ColumnBlock
from briefing.views.matrix_fit import MIN_TITLE_WIDTH, fit_matrix


def test_columns_that_fit_beside_the_questions_stay_in_one_panel_and_the_questions_get_the_rest():
    fit = fit_matrix([3] * 10, [ColumnBlock("NATO · EU", 0, 10)], width=80, wanted_title=60)
    assert len(fit.panels) == 1 and not fit.stacked
    assert fit.widths == (3,) * 10 and fit.title_width == 50


def test_the_question_column_is_no_wider_than_its_longest_title_needs():
    fit = fit_matrix([3] * 4, [ColumnBlock("EU", 0, 4)], width=120, wanted_title=30)
    assert fit.title_width == 30


def test_a_block_too_narrow_for_its_label_is_widened_evenly_so_the_label_is_never_cut():
    fit = fit_matrix([3, 3, 3], [ColumnBlock("NATO", 0, 1), ColumnBlock("no positions", 1, 2)], width=80, wanted_title=40)
    assert fit.widths == (6, 7, 7)
    assert fit.widths[0] >= len("NATO") + 2 and sum(fit.widths[1:]) == len("no positions") + 2


def test_a_label_is_measured_by_the_callers_measure():
    fit = fit_matrix([3], [ColumnBlock("北约", 0, 1)], width=80, wanted_title=10, measure=lambda text: 2 * len(text))
    assert fit.widths == (6,)


def test_columns_too_wide_for_one_panel_fill_each_panel_before_the_next_one_begins():
    blocks = [ColumnBlock("A", 0, 10), ColumnBlock("B", 10, 10), ColumnBlock("C", 20, 10)]
    fit = fit_matrix([3] * 30, blocks, width=80, wanted_title=50)
    assert fit.stacked and fit.title_width == 28
    assert [(p.start, p.end) for p in fit.panels] == [(0, 17), (17, 30)]
    assert [[(b.label, b.count) for b in p.blocks] for p in fit.panels] == [[("A", 10), ("B", 7)], [("B", 3), ("C", 10)]]
    assert all(sum(fit.widths[p.start:p.end]) <= 80 - fit.title_width for p in fit.panels)


def test_a_piece_too_narrow_for_its_label_starts_the_next_panel_instead():
    blocks = [ColumnBlock("A", 0, 16), ColumnBlock("NATO · EU", 16, 10)]
    fit = fit_matrix([3] * 26, blocks, width=80, wanted_title=50)
    assert [[(b.label, b.count) for b in p.blocks] for p in fit.panels] == [[("A", 16)], [("NATO · EU", 10)]]


def test_a_block_wider_than_a_panel_is_cut_between_columns_and_each_piece_keeps_its_label():
    fit = fit_matrix([3] * 40, [ColumnBlock("NATO · EU", 0, 40)], width=80, wanted_title=50)
    labels = [[b.label for b in p.blocks] for p in fit.panels]
    assert labels == [["NATO · EU"]] * len(fit.panels) and len(fit.panels) == 3
    assert [p.end - p.start for p in fit.panels] == [17, 17, 6]


def test_the_last_piece_of_a_cut_block_is_widened_for_its_label():
    fit = fit_matrix([3] * 14, [ColumnBlock("no positions", 0, 14)], width=58, wanted_title=50)
    last = fit.panels[-1]
    assert fit.stacked and last.end - last.start < 4
    assert sum(fit.widths[last.start:last.end]) == len("no positions") + 2


def test_every_column_is_in_exactly_one_panel_and_the_title_keeps_a_minimum():
    fit = fit_matrix([5] * 50, [ColumnBlock("x", 0, 25), ColumnBlock("y", 25, 25)], width=40, wanted_title=80)
    covered = [col for p in fit.panels for col in range(p.start, p.end)]
    assert covered == list(range(50)) and fit.title_width == MIN_TITLE_WIDTH
    assert fit.panel_of(30) == next(i for i, p in enumerate(fit.panels) if p.start <= 30 < p.end)
    assert fit.x_in_panel(fit.panels[1].start) == 0


def test_columns_without_blocks_still_get_a_panel():
    fit = fit_matrix([3, 3], [], width=80, wanted_title=20)
    assert [(p.start, p.end) for p in fit.panels] == [(0, 2)]
