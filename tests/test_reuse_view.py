"""Showing reuse to a person: differences marked, columns aligned."""

from __future__ import annotations

from dyadwatch.report.reuse_view import mark_differences, side_by_side


def test_differences_are_bracketed_on_both_sides() -> None:
    left, right = mark_differences(
        "the staggering earthquake hit the north", "the devastating seismic tremor hit the north"
    )
    assert left == "the [staggering earthquake] hit the north"
    assert right == "the [devastating seismic tremor] hit the north"


def test_identical_texts_have_no_marks() -> None:
    assert mark_differences("a b c", "a  b c") == ("a b c", "a b c")


def test_columns_have_equal_width_and_keep_every_word() -> None:
    rows = side_by_side("one two three " * 10, "four", width=20)
    assert all(row.index("│") == 21 for row in rows)
    assert " ".join(r.split("│")[0] for r in rows).split() == ("one two three " * 10).split()
