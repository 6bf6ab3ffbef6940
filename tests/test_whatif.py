"""What-if changes: apply to a new validated scenario, describe in Norwegian, carry in a URL."""

import pytest
from conftest import BUDGETS
from hypothesis import given, settings
from hypothesis import strategies as st

from costmodel.engine import whatif
from costmodel.errors import ScenarioError
from costmodel.scenario import load_scenario

LAND = load_scenario(BUDGETS / "land-2017.yaml")
ARENDAL = load_scenario(BUDGETS / "arendal-tiltaksteam.yaml")


def test_apply_gives_a_new_scenario_and_leaves_the_file_alone():
    changed = whatif.apply(
        LAND,
        {
            "plan.oppbemanning.fte": 5,
            "common.fradrag.annual_amount": -400_000,
            "parameters.pension_rate": 0.18,
            "months": 24,
        },
    )
    assert changed.alternative("plan").lines[1].fte == 5 and changed.common[0].annual_amount == -400_000
    assert changed.parameters.pension_rate == 0.18 and changed.months == 24
    assert LAND.alternative("plan").lines[1].fte == 4 and LAND.months == 48


def test_impossible_values_are_validation_errors_with_their_path():
    with pytest.raises(ScenarioError) as info:
        whatif.apply(LAND, {"plan.kjop.start": "2018-01"})
    assert [str(p) for p in info.value.problems] == ["alternatives[1].lines[0].end: slutt 2017-08 er før start 2018-01"]
    with pytest.raises(ScenarioError, match="finner ikke linjen «x»"):
        whatif.apply(LAND, {"plan.x.fte": 1})


def test_a_growth_what_if_changes_only_what_was_moved():
    file_wages = ARENDAL.growth.series("wages")
    changed = whatif.apply(ARENDAL, {"growth.wages.default": 0.05})
    assert changed.growth.series("wages") == {**file_wages, "default": 0.05}  # the years keep their rates
    one_year = whatif.apply(ARENDAL, {"growth.wages.2021": 0.05}).growth.series("wages")
    assert one_year == {**file_wages, 2021: 0.05}
    assert changed.growth.series("prices")[2020] == 0.031  # the other series keeps the file's figures


def test_describe_in_norwegian():
    assert whatif.describe(LAND, {"plan.oppbemanning.fte": 5, "discount_rate": 0.03, "prices": "nominal"}) == [
        "Rådmannens forslag › Permanent oppbemanning (inntil 4 stillinger, f.o.m. juli-17): årsverk 4 → 5",
        "kalkulasjonsrente 4,0 % → 3,0 %",
        "prisgrunnlag faste priser → løpende priser",
    ]


@settings(max_examples=50, deadline=None)
@given(
    fte=st.floats(0, 50, allow_nan=False).map(lambda v: round(v, 1)),
    amount=st.integers(-5_000_000, 5_000_000),
    rate=st.floats(0, 0.2).map(lambda v: round(v, 4)),
    end=st.sampled_from(["2017-05", "2017-08", "2019-12"]),
)
def test_changes_survive_the_url(fte, amount, rate, end):
    changes = {
        "plan.oppbemanning.fte": fte,
        "common.fradrag.annual_amount": amount,
        "discount_rate": rate,
        "plan.kjop.end": end,
    }
    back, problems = whatif.from_query(whatif.to_query(changes), LAND)
    assert problems == [] and back == changes
    assert whatif.apply(LAND, back) == whatif.apply(LAND, changes)
