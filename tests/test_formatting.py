"""The one rounding rule and Norwegian number formats that every view uses."""

import pytest

from costmodel import formatting as fmt


@pytest.mark.parametrize(
    "value, places, expected",
    [
        (2.5, 0, "3"),
        (-2.5, 0, "−3"),
        (0.125, 2, "0,13"),
        (-0.4, 0, "0"),
        (-0.04, 1, "0,0"),
        (1_234_567.5, 0, "1 234 568"),
        (1_234_567.5, 1, "1 234 567,5"),
        (999.95, 1, "1 000,0"),
    ],
)
def test_half_away_from_zero_and_never_minus_zero(value, places, expected):
    assert fmt.number(value, places) == expected


def test_budget_formats():
    assert fmt.kr(1_234_567) == "1 234 567 kr"
    assert fmt.mill(3_600_000) == "3,6 mill. kr"
    assert [fmt.change(v) for v in (2_800_000, -2_800_000, 0.0, 0.3, 20_000)] == ["+2,8", "−2,8", "–", "–", "0,0"]
    assert fmt.change(-500_000, "kr") == "−500 000"
    assert fmt.level(2_600_000) == "2,6" and fmt.level(0) == "–"
    assert fmt.percent(0.141) == "14,1 %"
    assert fmt.month_name("2017-12") == "desember 2017"


def test_no_number_breaks_across_a_line():
    from costmodel.formatting import unbroken

    text = unbroken("= 1 234 567 kr × 0,9615 + 2 423 484 × 0,9246; 14,1 %; 3,6 mill. kr; 4 mnd. og 1 695 timer")
    assert "1\u00a0234\u00a0567\u00a0kr" in text and "2\u00a0423\u00a0484" in text
    assert (
        "14,1\u00a0%" in text and "3,6\u00a0mill." in text and "4\u00a0mnd." in text and "1\u00a0695\u00a0timer" in text
    )
    assert "0,9615 + 2" in text  # the space between two figures still breaks


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (4_915_756, "4,9 mill. kr"),
        (999_950, "1,0 mill. kr"),
        (742_815, "743 000 kr"),
        (81_249, "81 200 kr"),
        (1_149.6, "1 150 kr"),
        (812.4, "812 kr"),
        (-742_815, "−743 000 kr"),
    ],
)
def test_a_computed_amount_is_rounded_to_three_figures_as_a_saksframlegg_rounds_it(value, shown):
    assert fmt.about(value) == shown
