"""The plain-Norwegian summary for presentations, its numbers from the engine."""

import pytest
from conftest import BUDGETS
from helpers import scenario

from costmodel.engine import compute
from costmodel.report.narrative import comparison_sentences
from costmodel.scenario import load_scenario, parse_scenario


def test_land_sentence():
    sentence, capacity = comparison_sentences(compute(load_scenario(BUDGETS / "land-2017.yaml")))
    assert capacity.startswith("Merk: Alternativene gir ulik kapasitet: 3,0 mot 4,0 effektive årsverk i 2020")
    assert sentence == (
        "Rådmannens forslag koster 4,9 mill. kr mindre enn fortsatt innleie i 2017–2020 og har tjent inn "
        "merkostnaden i des. 2017. Målt i nåverdi (faste 2017-kroner, realrente 4 %) er forskjellen 4,5 mill. kr i "
        "favør av rådmannens forslag."
    )


def two(buy: float, own: float, once: float = 0.0):
    alternatives = [
        {"id": "kjop", "name": "Kjøp", "lines": [{"id": "k", "label": "K", "kind": "fixed", "annual_amount": buy}]},
        {
            "id": "egen",
            "name": "Egne",
            "lines": [
                {"id": "e", "label": "E", "kind": "fixed", "annual_amount": own},
                {"id": "o", "label": "O", "kind": "one_off", "amount": once},
            ],
        },
    ]
    return comparison_sentences(compute(parse_scenario(scenario(alternatives=alternatives, baseline="kjop"))))[0]


def test_dearer_and_never_paying_off():
    assert two(1_000_000, 2_000_000).startswith(
        "Egne koster 2,0 mill. kr mer enn kjøp i 2020–2021 og har ved utgangen av 2021 ikke tjent inn merkostnaden."
    )


def test_never_dearer_and_about_the_same():
    assert "og er aldri dyrere underveis" in two(1_000_000, 500_000)
    assert "koster omtrent det samme som kjøp" in two(1_000_000, 1_000_000)


def test_the_waterfall_names_every_post_whole_and_prints_its_amount():
    """Issue 21: bars ran off the plot and 3 of 7 labels were missing. Horizontal now: every post has its whole
    label (wrapped, never dropped or cut) and its change printed, and the changes add up from level to level."""
    from conftest import BUDGETS

    from costmodel.engine import compute
    from costmodel.report import charts
    from costmodel.scenario import load_scenario

    result = compute(load_scenario(BUDGETS / "land-2017-kapasitet.yaml"))
    records = charts.change_waterfall(result, "plan", 2018)["datasets"]["figures"]
    labels = [r["Post"] for r in records]
    assert labels[0] == "Nivå 2017" and labels[-1] == "Nivå 2018" and len(labels) == len(set(labels))
    assert all(r["etikett"].replace("|", " ") == r["Post"] for r in records)
    assert records[1]["tekst"] == "−2,8" and records[-1]["tekst"] == "16,4"
    assert records[0]["til"] + sum(r["endring"] for r in records[1:-1]) == pytest.approx(records[-1]["til"])
