"""What the key figures mean, in plain Norwegian, for the «?» beside each figure (not the figure again)."""

from __future__ import annotations

from costmodel import formatting as fmt
from costmodel.scenario import Scenario


def cost_in_year(scenario: Scenario, year: str) -> str:
    return (
        f"Hva alternativet koster i {year}: alle budsjettlinjene summert over årets måneder, "
        f"i {fmt.price_basis(scenario)}."
    )


def total(scenario: Scenario, span: str) -> str:
    return f"Summen av kostnadene i alle årene {span}, i {fmt.price_basis(scenario)}, uten diskontering."


def present_value(scenario: Scenario) -> str:
    deflated = (
        " Med løpende priser trekkes prisveksten ut først, så alle år måles i samme kroner."
        if scenario.prices == "nominal"
        else ""
    )
    return (
        "Nåverdi: alle årenes kostnader regnet om til én sum i dagens verdi. En krone som betales senere, teller "
        "litt mindre enn en krone i dag, fordi pengene kunne vært brukt til noe annet i mellomtiden; "
        f"Finansdepartementet setter realrenten for dette til 4 %.{deflated} Her: {fmt.present_value_basis(scenario)}. "
        "Nåverdien er "
        "grunnlaget for å sammenligne alternativer som har kostnadene sine i ulike år."
    )


def difference(scenario: Scenario, span: str) -> str:
    base = scenario.alternative(scenario.baseline).name
    return (
        f"Differanse: hvor mye mer (+) eller mindre (−) dette alternativet koster enn nullalternativet «{base}» "
        f"til sammen i {span}. Nullalternativet er det de andre sammenlignes med, vanligvis å fortsette som i dag."
    )


def break_even() -> str:
    return (
        "Lønner seg fra: den første måneden der alternativet til sammen, fra periodens start, har kostet like mye "
        "som eller mindre enn nullalternativet, og fortsetter å gjøre det ut perioden. «Ikke i perioden» betyr at "
        "merkostnaden ikke er tjent inn før periodens slutt."
    )
