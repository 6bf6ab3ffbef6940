"""The plain-Norwegian summary for presentations, its numbers from the engine."""

from conftest import BUDGETS
from helpers import scenario

from costmodel.engine import compute
from costmodel.report.narrative import comparison_sentences
from costmodel.scenario import load_scenario, parse_scenario


def test_land_sentence():
    (sentence,) = comparison_sentences(compute(load_scenario(BUDGETS / "land-2017.yaml")))
    assert sentence == (
        "Rådmannens forslag koster 4,9 mill. kr mindre enn fortsatt innleie i 2017–2020 og er billigere fra "
        "des. 2017. Målt i nåverdi (faste 2017-kroner, realrente 4 %) er forskjellen 4,5 mill. kr i favør av "
        "rådmannens forslag."
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
