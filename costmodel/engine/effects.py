"""Non-priced effects (ikke-prissatte virkninger): konsekvens from importance × impact, never kroner.

The scale and matrix follow the konsekvensvifte of Miljødirektoratet's guide M-1941 (the method
Statens vegvesen's V712 and DFØ's plus-minus method share): konsekvens = betydning × omfang, on nine
steps from −−−− to ++++, the nullalternativ at 0. Our reading of the fan (docs/method.md §15): the
steps are importance rank + |impact| − 1 (liten 1, middels 2, stor 3; impact one or two steps), signed
as the impact, so a larger importance widens the konsekvens and no importance makes a 0 into more.
"""

from __future__ import annotations

from costmodel.engine.ledger import Result

DEADLINE_ID = "fristbrudd"
DEADLINE_LABEL = "Risiko for fristbrudd (udekket kapasitet)"
UNMET_TOLERANCE = 0.01  # årsverk: less unmet than this on average counts as none
UNMET_LARGE = 1.0  # årsverk on average: this much more (or less) unmet than the nullalternativ is two steps

IMPORTANCE_RANK = {"liten": 1, "middels": 2, "stor": 3}
IMPACT_STEPS = {"--": -2, "-": -1, "0": 0, "+": 1, "++": 2}
SCALE = {
    -4: "svært stor negativ",
    -3: "stor negativ",
    -2: "middels negativ",
    -1: "noe negativ",
    0: "ubetydelig",
    1: "noe positiv",
    2: "middels positiv",
    3: "stor positiv",
    4: "svært stor positiv",
}


def consequence(importance: str, impact: str) -> int:
    """The konsekvens on the nine-step scale, −4 … 4."""
    steps = IMPACT_STEPS[impact]
    if steps == 0:
        return 0
    size = IMPORTANCE_RANK[importance] + abs(steps) - 1
    return size if steps > 0 else -size


def symbol(steps: int) -> str:
    """The konsekvens as the guides write it: `++`, `−−−`, `0` (typographic minus)."""
    return "0" if steps == 0 else ("+" if steps > 0 else "−") * abs(steps)


def unmet_impacts(result: Result) -> dict[str, str] | None:
    """The impact on the risk of fristbrudd when capacity is left unmet (`cover: none`): per alternative, its
    mean unmet årsverk over the horizon against the nullalternativ's; None when no alternative leaves any unmet
    or there is no nullalternativ."""
    s = result.scenario
    if result.need is None or s.baseline is None or result.unmet.mean(axis=1).max() < UNMET_TOLERANCE:
        return None
    mean = dict(zip(result.alternatives, result.unmet.mean(axis=1).tolist()))
    out = {}
    for alt, unmet in mean.items():
        more = unmet - mean[s.baseline]
        steps = 0 if abs(more) < UNMET_TOLERANCE else (2 if abs(more) >= UNMET_LARGE else 1)
        out[alt] = {0: "0", 1: "-", 2: "--"}[steps] if more > 0 else {0: "0", 1: "+", 2: "++"}[steps]
    return out


def table(result: Result) -> list[dict]:
    """One row per effect: id, label, importance, note, and per alternative its impact and konsekvens. Unmet
    capacity adds «risiko for fristbrudd» (importance stor) unless the file judges that effect itself."""
    s = result.scenario
    effects = [(e.id, e.label, e.importance, e.note, e.impact) for e in s.effects]
    unmet = unmet_impacts(result)
    if unmet is not None and DEADLINE_ID not in {e.id for e in s.effects}:
        note = "Regnet fra udekket kapasitet: snittet av udekkede årsverk mot nullalternativet"
        effects.append((DEADLINE_ID, DEADLINE_LABEL, "stor", note, unmet))
    rows = []
    for ident, label, importance, note, impact in effects:
        per = {}
        for alt in s.alternatives:
            steps = consequence(importance, impact.get(alt.id, "0"))
            per[alt.id] = {"impact": impact.get(alt.id, "0"), "consequence": steps, "symbol": symbol(steps)}
        rows.append({"id": ident, "label": label, "importance": importance, "note": note, "alternatives": per})
    return rows
