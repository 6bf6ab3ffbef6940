"""The `costmodel` command line (docs/method.md §6 lists the contract).

Commands: `validate` (check a scenario file), `summary` (key figures, also as JSON or CSV),
`budget` (one alternative's change table), `export` and `import` (the budget workbook, and CSV
lines), `deck` and `notat` (the council's slides and the case document's economic section),
`simulate`, `tornado`, `solve` and `grid` (uncertainty and what-if tables, docs/method.md §12),
`oppfolging` (the accounts against the plan), `schema` (the scenario format as JSON Schema, with
every field's Norwegian label, unit and help), and the administrator's `db`, `scenarios` and `org`
(store/commands.py).

A command imports what it uses when it runs (docs/method.md §18): `--help`, `validate` and a refused
file answer without loading pandas, the workbook or the report packages.

Bad input never shows a traceback: every problem is printed on its own line with its field
path, and the command exits 2; a wrong option or command is said in Norwegian (commandline.py).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from costmodel import formatting as fmt
from costmodel.commandline import INTEGER, PATH, Command, Group, run
from costmodel.errors import Problem, ScenarioError

if TYPE_CHECKING:
    from costmodel.engine import Result
    from costmodel.scenario import Scenario


STORE = "costmodel.store.commands"


@click.group(
    cls=Group,
    lazy={
        "db": (STORE, "db_app", "Databasen: oppgradering og status."),
        "scenarios": (STORE, "scenarios_app", "Lagrede scenarier i databasen: liste, eksport og import."),
        "org": (STORE, "org_app", "Organisasjoner og medlemmer."),
    },
)
def app() -> None:
    """Kostnadsmodell: kjøpe eller bygge selv? Beregner scenarier for barnevernstjenester."""


def command(name: str | None = None):
    return app.command(name, cls=Command)


scenario_argument = click.argument("scenario", type=PATH, metavar="SCENARIOFIL", help="Scenariofil (YAML)")
json_option = click.option("--json", "as_json", is_flag=True, help="Alle tall som JSON (uavrundet, i kroner)")
alternative_option = click.option(
    "--alternative", "-a", help="Alternativets id (standard: det første som ikke er nullalternativet)"
)


def measure_option(default: str):
    return click.option(
        "--measure", default=default, show_default=True, help="total, present_value (nåverdi) eller et år, f.eks. 2021"
    )


def _fail(path: Path, problems: list[Problem], where: str = "i scenariet") -> None:
    click.echo(f"{path}: {len(problems)} feil {where}:", err=True)
    for problem in problems:
        click.echo(f"  {problem}", err=True)
    sys.exit(2)


def _load(path: Path, warn: bool = True) -> Scenario:
    """The scenario at `path`; its warnings (a line that never runs, …) go to stderr, each on its own line."""
    from costmodel.scenario import load_scenario

    try:
        scenario = load_scenario(path)
    except ScenarioError as exc:
        _fail(path, exc.problems)
    if warn:
        _warn(path, _warnings(scenario))
    return scenario


def _warnings(scenario: Scenario) -> list[Problem]:
    from costmodel.scenario import scenario_warnings

    return scenario_warnings(scenario)


def _computed(path: Path) -> Result:
    """The scenario at `path`, computed (the engine, with pandas, is loaded here)."""
    from costmodel.engine import compute

    return compute(_load(path))


def _warn(path: Path, warnings: list[Problem]) -> None:
    for warning in warnings:
        click.echo(f"{path}: advarsel: {warning}", err=True)


def _years(result: Result, years: str | None, path: Path) -> list[int]:
    if not years:
        return result.years
    try:
        first, _, last = years.partition("-")
        chosen = list(range(int(first), int(last or first) + 1))
    except ValueError:
        _fail(path, [Problem("--years", f"«{years}» er ikke et år eller et årsintervall som 2017-2018")])
    outside = [y for y in chosen if y not in result.years]
    if outside or not chosen:
        span = f"{result.years[0]}–{result.years[-1]}"
        _fail(path, [Problem("--years", f"{years} ligger utenfor scenariets år ({span})")])
    return chosen


@command()
@scenario_argument
def validate(scenario: Path) -> None:
    """Sjekk en scenariofil: exit 0 når den er gyldig (med eventuelle advarsler), ellers exit 2 og hver feil."""
    s = _load(scenario, warn=False)
    lines = len(s.common) + sum(len(a.lines) for a in s.alternatives)
    click.echo(
        f"OK: «{s.name}» – {len(s.alternatives)} alternativ(er), {lines} linjer, fra {s.start}, {s.months} måneder."
    )
    warnings = _warnings(s)
    if warnings:
        click.echo(f"{len(warnings)} advarsel(er): gyldig, men neppe ment slik:")
        for warning in warnings:
            click.echo(f"  {warning}")


@command()
@scenario_argument
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="Årsbeløp per alternativ som CSV")
def summary(scenario: Path, as_json: bool, as_csv: bool) -> None:
    """Nøkkeltall per alternativ: kostnad per år, sum, nåverdi, årsverk og sammenligning."""
    from costmodel.engine import views
    from costmodel.report import tables

    result = _computed(scenario)
    data = views.summary(result)
    data["warnings"] = [{"path": w.path, "message": w.message} for w in _warnings(result.scenario)]
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif as_csv:
        levels = views.alternative_levels(result)
        levels.index = [data["alternatives"][a]["name"] for a in levels.index]
        click.echo(tables.to_csv({"levels": levels}, "kr", index_name="alternativ"), nl=False)
    else:
        click.echo(_summary_text(result, data))


def _summary_text(result: Result, data: dict) -> str:
    from costmodel.engine import views
    from costmodel.report import tables

    s = result.scenario
    span = f"{result.years[0]}–{result.years[-1]}" if len(result.years) > 1 else str(result.years[0])
    basis = fmt.price_basis(s, basis=True)
    out = [
        s.name,
        f"{s.municipality + ' · ' if s.municipality else ''}{fmt.month_name(s.start)} + {s.months} måneder · "
        f"{basis} · {fmt.present_value_basis(s)}",
        "",
    ]
    names = {a: v["name"] + (" (nullalternativ)" if a == s.baseline else "") for a, v in data["alternatives"].items()}
    levels = views.alternative_levels(result)
    levels.index = [names[a] for a in levels.index]
    levels[f"Sum {span}"] = [v["total"] for v in data["alternatives"].values()]
    levels["Nåverdi"] = [v["present_value"] for v in data["alternatives"].values()]
    out.append(tables.render(levels, "Kostnad per år (kr)", fmt.number, sum_row=False))
    fte = views.fte_by_year(result)
    fte.index = [names[a] for a in fte.index]
    out += ["", tables.render(fte, "Årsverk per år (gjennomsnitt)", lambda v: fmt.number(v, 1), sum_row=False)]
    if data["comparison"]:
        base = data["alternatives"][s.baseline]["name"]
        out += ["", f"Sammenlignet med nullalternativet «{base}»:"]
        for alt, c in data["comparison"].items():
            difference = fmt.round_half_away(c["total_difference"])
            cost = (
                "koster det samme"
                if not difference
                else (f"koster {fmt.kr(abs(c['total_difference']))} {'mindre' if difference < 0 else 'mer'}")
            )
            even = (
                f"lønner seg fra {fmt.month_name(c['break_even_month'])}"
                if c["break_even_month"]
                else "tjener ikke inn kostnaden innen perioden"
            )
            out.append(
                f"  {data['alternatives'][alt]['name']}: {cost} i {span} "
                f"(nåverdi {fmt.kr(c['present_value_difference'])}); {even}."
            )
            out.append(
                "    per år: " + ", ".join(f"{y}: {fmt.change(v, 'kr')}" for y, v in c["difference_by_year"].items())
            )
    return "\n".join(out + _capacity_text(result, names) + _council_text(result))


def _council_text(result: Result) -> list[str]:
    """Non-priced effects (§15) and the split between partner municipalities (§16), as the app shows them."""
    from costmodel.report import council, tables

    out = []
    effects = council.effects_frame(result)
    if len(effects):
        frame = effects.drop(columns=["Begrunnelse"]).set_index("Virkning")
        out += ["", tables.render(frame, "Ikke-prissatte virkninger (konsekvens)", str, sum_row=False)]
        sentence = council.effects_sentence(result)
        out += [f"  {sentence}"] if sentence else []
    if result.scenario.partners:
        frame = council.partner_frame_text(result).set_index("Kommune")
        out += ["", tables.render(frame, "Fordeling mellom kommunene", str, sum_row=False)]
        out += [f"  {council.partner_key_text(result)}", *(f"  {s}" for s in council.partner_sentences(result))]
    return out


def _capacity_text(result: Result, names: dict) -> list[str]:
    """Capacity (§13): per alternative the need, own, bought and cover årsverk by year, the cost per effective
    årsverk and any unmet need; without a need, a note when the alternatives deliver different capacity."""
    import pandas as pd

    from costmodel.engine import views
    from costmodel.report import narrative, tables

    if result.need is None:
        found = narrative.unequal_capacity(result)
        return ["", f"Merk: {found[0]}"] if found else []
    labels = {"need": "Behov", "staff": "Egne", "bought": "Kjøpt", "cover": "Dekning", "unmet": "Udekket"}
    parts = {key: views.yearly_mean(result, values) for key, values in views.capacity_months(result).items()}
    unit = views.cost_per_effective_fte(result)
    out = []
    for a, alt in enumerate(result.alternatives):
        frame = pd.DataFrame({labels[k]: v[a] for k, v in parts.items()}, index=result.years).T
        title = f"{names[alt]}: kapasitet (effektive årsverk, snitt per år)"
        out += ["", tables.render(frame, title, lambda v: fmt.number(v, 1), sum_row=False)]
        out.append(f"  Kostnad per effektivt årsverk: {fmt.kr(unit[a])}" if unit[a] == unit[a] else "")
        unmet = narrative.unmet_sentence(result, alt)
        if unmet:
            out.append(f"  {unmet}")
    return out


@command()
@scenario_argument
@alternative_option
@click.option("--kr", "in_kr", is_flag=True, help="Hele kroner i stedet for mill. kr")
@click.option("--csv", "as_csv", is_flag=True, help="CSV for regneark (; og desimalkomma)")
@click.option("--years", help="Bare disse årene, f.eks. 2017-2018")
@click.option(
    "--against", type=INTEGER, help="Endring mot budsjettet for dette året (opprinnelig budsjett), f.eks. 2025"
)
def budget(
    scenario: Path, alternative: str | None, in_kr: bool, as_csv: bool, years: str | None, against: int | None
) -> None:
    """Budsjettabell for ett alternativ: endring mot forrige år (eller et grunnårs budsjett) og årsnivå per linje."""
    s = _load(scenario)
    ids = [a.id for a in s.alternatives]
    if alternative is None:
        alternative = next((a for a in ids if a != s.baseline), ids[0])
    elif alternative not in ids:
        _fail(scenario, [Problem("--alternative", f"«{alternative}» finnes ikke; velg en av {', '.join(ids)}")])
    from costmodel.engine import compute
    from costmodel.report import tables

    result = compute(s)
    if against is not None and against not in tables.base_years(result):
        span = f"{result.years[0] - 1}–{result.years[-1]}"
        _fail(scenario, [Problem("--against", f"{against} ligger utenfor årene endringen kan regnes fra ({span})")])
    frames = tables.budget_frames(result, alternative, _years(result, years, scenario), against)
    unit = "kr" if in_kr else "mill"
    if as_csv:
        click.echo(tables.to_csv(frames, unit), nl=False)
        return
    unit_text = "kr" if in_kr else "mill. kr"
    name = s.alternative(alternative).name
    click.echo(s.name)
    click.echo("")
    click.echo(
        tables.render(
            frames["changes"],
            f"{name}: {tables.changes_title(against)} ({unit_text})",
            lambda v: fmt.change(v, unit),
        )
    )
    for sentence in tables.change_base(result, alternative, against):
        click.echo(sentence)
    click.echo("")
    click.echo(
        tables.render(
            frames["levels"], f"{name}: årsbudsjett ({unit_text}, {fmt.price_basis(s)})", lambda v: fmt.level(v, unit)
        )
    )


@command()
@scenario_argument
@click.option("--output", "-o", type=PATH, required=True, help="Regnearkfilen som skal skrives (.xlsx)")
@click.option("--regnskap", "accounts", type=PATH, help="Ta med oppfølgingen: regnskapet mot planen, som formler")
@click.option("--aktivitet", "activity", type=PATH, help="Med --regnskap: aktivitetsfilen")
@click.option("--til", "through", help="Med --regnskap: siste måned (ÅÅÅÅ-MM)")
def export(scenario: Path, output: Path, accounts: Path | None, activity: Path | None, through: str | None) -> None:
    """Skriv budsjettregnearket: forutsetninger som inndata og hele beregningen som formler (med --regnskap også
    arkene Oppfølging og Posteringer)."""
    from costmodel.workbook.export import export_bytes

    if output.suffix.lower() != ".xlsx":
        _fail(scenario, [Problem("--output", f"«{output.name}» må ende på .xlsx")])
    figures = None
    if accounts is None:
        result = _computed(scenario)
    else:
        result, figures = _follow_up(scenario, accounts, activity, through, "model")
    try:
        output.write_bytes(export_bytes(result, figures))
    except OSError as exc:
        _fail(scenario, [Problem("--output", f"kan ikke skrive {output}: {exc.strerror}")])
    click.echo(f"Skrev {output} ({len(result.amount)} måneds- og linjerader i hovedboken).")


def _office_output(scenario: Path, output: Path, suffix: str) -> None:
    if output.suffix.lower() != suffix:
        _fail(scenario, [Problem("--output", f"«{output.name}» må ende på {suffix}")])


def _write(scenario: Path, output: Path, data: bytes) -> None:
    try:
        output.write_bytes(data)
    except OSError as exc:
        _fail(scenario, [Problem("--output", f"kan ikke skrive {output}: {exc.strerror}")])


@command()
@scenario_argument
@click.option("--output", "-o", type=PATH, required=True, help="Presentasjonen som skal skrives (.pptx)")
def deck(scenario: Path, output: Path) -> None:
    """Skriv presentasjonen for bystyret (PowerPoint, 16:9): konklusjon, tall, figurer, virkninger og fordeling."""
    from costmodel.report.deck import build_deck, to_bytes

    _office_output(scenario, output, ".pptx")
    prs = build_deck(_computed(scenario))
    _write(scenario, output, to_bytes(prs))
    click.echo(f"Skrev {output} ({len(prs.slides)} lysbilder).")


@command()
@scenario_argument
@click.option("--output", "-o", type=PATH, required=True, help="Notatet som skal skrives (.docx)")
@click.option("--saksframlegg", "whole", is_flag=True, help="Hele saksframlegget, med de økonomiske delene fylt ut")
@click.option("--regnskap", "accounts", type=PATH, help="Økonomisk status i stedet: regnskapet mot planen (oppfølging)")
@click.option("--aktivitet", "activity", type=PATH, help="Med --regnskap: aktivitetsfilen")
@click.option("--til", "through", help="Med --regnskap: siste måned (ÅÅÅÅ-MM)")
@click.option("--metode", "method", default="model", show_default=True, help="Med --regnskap: plan, trend eller model")
def notat(
    scenario: Path,
    output: Path,
    whole: bool,
    accounts: Path | None,
    activity: Path | None,
    through: str | None,
    method: str,
) -> None:
    """Skriv «Økonomiske konsekvenser» til saksframlegget (Word), med Words innebygde stiler; med --regnskap
    «Økonomisk status per måned» til månedsrapporten eller tertialrapporten."""
    from costmodel.report.note import note_bytes, status_note_bytes

    _office_output(scenario, output, ".docx")
    if accounts is None:
        _write(scenario, output, note_bytes(_computed(scenario), skeleton=whole))
    else:
        result, figures = _follow_up(scenario, accounts, activity, through, method)
        _write(scenario, output, status_note_bytes(result, figures, method))
    click.echo(f"Skrev {output}.")


@command("import")
@click.argument(
    "workbook", type=PATH, metavar="REGNEARK", help="Regneark (.xlsx) fra kostnadsmodellen, eller CSV med linjer"
)
@click.option("--output", "-o", type=PATH, required=True, help="Scenariofilen som skal skrives (.yaml)")
@click.option("--scenario", "base", type=PATH, help="For CSV: scenariet som gir alt utenom linjene")
def import_workbook(workbook: Path, output: Path, base: Path | None) -> None:
    """Les arket Forutsetninger (redigert eller ikke), eller en CSV med linjer, tilbake til en scenariofil."""
    from costmodel.workbook.gate import MAX_UPLOAD, check_package

    if output.exists():
        _fail(workbook, [Problem("--output", f"{output} finnes allerede; velg et nytt filnavn")])
    try:
        if workbook.stat().st_size > MAX_UPLOAD:
            raise ScenarioError(Problem("", f"filen er for stor (grensen er {MAX_UPLOAD // 1_000_000} MB)"))
        data = workbook.read_bytes()
        if workbook.suffix.lower() == ".csv":
            if base is None:
                raise ScenarioError(Problem("--scenario", "en CSV har bare linjene; oppgi scenariet de hører til"))
            from costmodel.workbook.read import read_lines_csv

            scenario = read_lines_csv(data, _load(base), workbook.name)
        else:
            check_package(data)  # a file that is no workbook is refused before openpyxl is loaded
            from costmodel.workbook.read import read_workbook

            scenario = read_workbook(data)
    except ScenarioError as exc:
        _fail(workbook, exc.problems)
    except OSError as exc:
        _fail(workbook, [Problem("", f"kan ikke lese {workbook}: {exc.strerror}")])
    from costmodel.scenario import scenario_to_data
    from costmodel.yamlsafe import dump_yaml

    output.write_text(f"# Lest fra {workbook.name}\n" + dump_yaml(scenario_to_data(scenario)), encoding="utf-8")
    click.echo(f"Skrev {output}: «{scenario.name}», {len(scenario.alternatives)} alternativ(er).")
    if base is not None:
        from costmodel.report.narrative import csv_origin

        click.echo(csv_origin(scenario, _load(base, warn=False), base.name))
    _warn(output, _warnings(scenario))


@command()
@scenario_argument
@click.option("--draws", type=INTEGER, help="Antall trekk (standard: scenariets, ellers 10 000)")
@click.option("--seed", type=INTEGER, help="Frø: samme frø gir samme tall (standard: scenariets, ellers 1)")
@json_option
@click.option("--samples", type=PATH, help="Skriv hvert trekk (drivere og summer) til denne CSV-filen")
def simulate(scenario: Path, draws: int | None, seed: int | None, as_json: bool, samples: Path | None) -> None:
    """Usikkerhet: trekk hver driver med intervall; vis P10/P50/P90 og sjansen for at alternativet er billigst."""
    from costmodel.engine import simulation
    from costmodel.report import tables
    from costmodel.scenario import MAX_DRAWS

    s = _load(scenario)
    problems = []
    if draws is not None and not 1 <= draws <= MAX_DRAWS:
        problems.append(Problem("--draws", f"må være mellom 1 og {fmt.number(MAX_DRAWS)}"))
    if seed is not None and not 0 <= seed < 2**63:
        problems.append(Problem("--seed", "må være et heltall fra 0 og oppover"))
    if samples is not None and samples.suffix.lower() != ".csv":
        problems.append(Problem("--samples", f"«{samples.name}» må ende på .csv"))
    if problems:
        _fail(scenario, problems)
    sim = simulation.simulate(s, draws, seed)
    data = simulation.summary(sim)
    if samples is not None:
        frame = simulation.samples_frame(sim)
        try:
            samples.write_text(tables.csv_frame(frame).to_csv(sep=";", decimal=","), encoding="utf-8")
        except OSError as exc:
            _fail(scenario, [Problem("--samples", f"kan ikke skrive {samples}: {exc.strerror}")])
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from costmodel.report.narrative import simulation_text

        click.echo(simulation_text(s, data))


@command()
@scenario_argument
@alternative_option
@measure_option("present_value")
@click.option("--json", "as_json", is_flag=True, help="Søylene som JSON")
def tornado(scenario: Path, alternative: str | None, measure: str, as_json: bool) -> None:
    """Hvilken forutsetning betyr mest: hver driver med intervall satt til lav og høy, de andre som i scenariet."""
    from costmodel.engine.sensitivity import check_question
    from costmodel.engine.sensitivity import tornado as bars_of
    from costmodel.scenario.ranges import month_text

    s = _load(scenario)
    try:
        alt = check_question(s, alternative, measure)
        base, bars = bars_of(s, alt, measure)
    except ScenarioError as exc:
        _fail(scenario, exc.problems)
    show = {path: (month_text if r.months else (lambda v: v)) for path, r in s.ranges.items()}
    if as_json:
        rows = [
            {
                "driver": b.driver,
                "label": b.label,
                "low": b.low,
                "high": b.high,
                "swing": b.swing,
                "low_value": show[b.driver](b.low_value),
                "high_value": show[b.driver](b.high_value),
            }
            for b in bars
        ]
        click.echo(
            json.dumps(
                {"alternative": alt, "measure": measure, "base": base, "bars": rows}, ensure_ascii=False, indent=2
            )
        )
        return
    from costmodel.engine.sensitivity import measure_text, show_value

    click.echo(
        f"{s.alternative(alt).name} mot {s.alternative(s.baseline).name}, {measure_text(measure, s)}: "
        f"{fmt.change(base, 'kr')} kr med verdiene i scenariet."
    )
    if not bars:
        click.echo(
            "Scenariet har ingen intervaller; skriv f.eks. {low: 4000000, mode: 5000000, high: 6500000} for et tall."
        )
    for b in bars:
        click.echo(
            f"  {b.label}\n    {show_value(b.driver, b.low_value, s.ranges[b.driver].months, s)} → "
            f"{fmt.change(b.low, 'kr')} kr, {show_value(b.driver, b.high_value, s.ranges[b.driver].months, s)} → "
            f"{fmt.change(b.high, 'kr')} kr (utslag {fmt.kr(b.swing)})"
        )


@command()
@scenario_argument
@click.option("--driver", required=True, help="Driveren som skal finnes, f.eks. assumptions.timepris")
@alternative_option
@measure_option("present_value")
@click.option("--json", "as_json", is_flag=True, help="Svaret som JSON")
def solve(scenario: Path, driver: str, alternative: str | None, measure: str, as_json: bool) -> None:
    """Målsøk: verdien av én driver der alternativet koster det samme som nullalternativet (exit 1 når ingen finnes).

    For en måned: den siste måneden alternativet fortsatt er billigere (eller den første det blir det).
    """
    from costmodel.engine import sensitivity
    from costmodel.scenario.ranges import month_text

    s = _load(scenario)
    try:
        solution = sensitivity.solve(s, driver, alternative, measure)
    except sensitivity.NoBalance as exc:
        if as_json:
            click.echo(
                json.dumps({"driver": driver, "value": None, "message": exc.problems[0].message}, ensure_ascii=False)
            )
        click.echo(exc.problems[0].message, err=True)
        sys.exit(1)
    except ScenarioError as exc:
        _fail(scenario, exc.problems)
    if as_json:
        show = month_text if solution.months else float
        data = {
            "driver": driver,
            "value": show(solution.value),
            "current": show(solution.current),
            "alternative": solution.alternative,
            "measure": measure,
        }
        if solution.months:  # the last month the alternative is cheaper (or, falling, the first)
            data["cheaper"] = "to_and_including" if solution.rising else "from"
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(sensitivity.sentence(s, solution))


@command()
@scenario_argument
@click.option("--x", "x", required=True, help="Driver og verdier langs kolonnene: DRIVER=V1,V2,…")
@click.option("--y", "y", required=True, help="Driver og verdier langs radene: DRIVER=V1,V2,… (måneder som ÅÅÅÅ-MM)")
@alternative_option
@measure_option("total")
@click.option("--json", "as_json", is_flag=True, help="Tabellen som JSON")
def grid(scenario: Path, x: str, y: str, alternative: str | None, measure: str, as_json: bool) -> None:
    """Tabell for to forutsetninger (som Excels datatabell): differansen mot nullalternativet for hvert verdipar."""
    import pandas as pd

    from costmodel.engine.grid import grid as table_of
    from costmodel.engine.grid import parse_axis
    from costmodel.engine.sensitivity import driver_label, measure_text, show_value
    from costmodel.report import tables

    s = _load(scenario)
    try:
        result = table_of(s, parse_axis(x, "--x"), parse_axis(y, "--y"), alternative, measure)
    except ScenarioError as exc:
        _fail(scenario, exc.problems)
    if as_json:
        data = {
            "alternative": result.alternative,
            "measure": result.measure,
            "x": {"path": result.x_path, "values": result.x_values},
            "y": {"path": result.y_path, "values": result.y_values},
            "difference": result.difference.tolist(),
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return

    def shown(path: str, value) -> str:
        return fmt.month_short(value) if isinstance(value, str) else show_value(path, value, scenario=s)

    frame = pd.DataFrame(
        result.difference,
        index=[shown(result.y_path, v) for v in result.y_values],
        columns=[shown(result.x_path, v) for v in result.x_values],
    )
    name, base = s.alternative(result.alternative).name, s.alternative(s.baseline).name
    click.echo(
        f"{name} mot {base}: differanse i kr ({measure_text(result.measure, s)}); negativt betyr billigere.\n"
        f"Rader: {driver_label(s, result.y_path)}. Kolonner: {driver_label(s, result.x_path)}.\n"
    )
    click.echo(tables.render(frame, "", lambda v: fmt.change(v, "kr"), sum_row=False).lstrip("\n"))


@command("oppfolging")
@scenario_argument
@click.argument(
    "accounts",
    type=PATH,
    metavar="REGNSKAP",
    help="Regnskapet: CSV eller xlsx fra økonomisystemet, én rad per postering",
)
@click.option("--aktivitet", "activity", type=PATH, help="Aktivitet: timer, årsverk eller enheter per linje og måned")
@click.option("--til", "through", help="Siste måned som telles (ÅÅÅÅ-MM); standard: siste med regnskap")
@click.option(
    "--metode", "method", default="model", show_default=True, help="Prognosemetode i teksten: plan, trend eller model"
)
@json_option
@click.option(
    "--reprognose",
    "reforecast",
    type=PATH,
    help="Skriv scenariet med aktivitetens siste mengde og pris som forutsetninger",
)
def follow_up(
    scenario: Path,
    accounts: Path,
    activity: Path | None,
    through: str | None,
    method: str,
    as_json: bool,
    reforecast: Path | None,
) -> None:
    """Oppfølging: regnskapet mot planen for det vedtatte alternativet, prognose, avvik forklart og gevinster."""
    from costmodel.followup import report
    from costmodel.report import tables

    result, figures = _follow_up(scenario, accounts, activity, through, method)
    s = result.scenario
    if reforecast is not None:
        _write_reforecast(scenario, result, figures, activity, reforecast)
    if as_json:
        click.echo(json.dumps(figures.as_dict(), ensure_ascii=False, indent=2))
        return
    baseline = s.alternative(s.baseline).name.lower() if s.baseline else None
    frame = report.status_frame(figures)
    title = f"{s.name}: status per {report.month_word(figures)} (kr)"
    click.echo(tables.render(frame, title, fmt.number, sum_row=True))
    click.echo("")
    shared = report.shared_deviation(result, figures)
    for paragraph in report.status_text(figures, baseline, method, report.units(result, figures), shared):
        click.echo(paragraph)


def _follow_up(scenario: Path, accounts: Path, activity: Path | None, through: str | None, method: str):
    """The scenario's result and its follow-up against the accounts (and activity) through a month; exit 2 with
    every problem, in Norwegian, when a file or an option cannot be used."""
    from costmodel.engine import compute
    from costmodel.followup import read, status
    from costmodel.scenario.models import month_index

    s = _load(scenario)
    if method not in status.METHODS:
        _fail(scenario, [Problem("--metode", f"«{method}» er ingen prognosemetode; velg plan, trend eller model")])
    until = None
    if through is not None:
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", through):
            _fail(scenario, [Problem("--til", f"«{through}» er ikke en måned; skriv ÅÅÅÅ-MM")])
        until = month_index(through)
    try:
        columns = s.follow_up.columns if s.follow_up is not None else {}
        postings = read.read_accounts(_read_bytes(accounts), accounts.name, columns)
        done = read.read_activity(_read_bytes(activity), activity.name) if activity is not None else None
        result = compute(s)
        return result, status.follow_up(result, postings, done, until)
    except ScenarioError as exc:
        _fail(accounts, exc.problems, "i oppfølgingen")


def _write_reforecast(scenario: Path, result, figures, activity: Path | None, output: Path) -> None:
    """The re-forecast scenario as YAML at `output` (exit 2 without an activity file, or when it cannot be made)."""
    from costmodel.followup import read, reforecast
    from costmodel.scenario import storage

    if activity is None:
        _fail(scenario, [Problem("--reprognose", "reprognosen trenger en aktivitetsfil (--aktivitet)")])
    try:
        done = read.read_activity(_read_bytes(activity), activity.name)
        moved, said = reforecast.reforecast(result, done, figures.through)
    except ScenarioError as exc:
        _fail(activity, exc.problems, "i reprognosen")
    _write(scenario, output, storage.serialise(moved, moved.name))
    click.echo(f"Skrev {output}: {moved.name}", err=True)
    for line in said:
        click.echo(f"  {line}", err=True)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        _fail(path, [Problem("", f"filen kan ikke leses ({exc.strerror or exc})")])


@command()
def schema() -> None:
    """Scenarioformatet som JSON Schema: hvert felt med norsk navn (title), forklaring, enhet og inndatahint."""
    from costmodel.scenario.schema import scenario_schema

    click.echo(json.dumps(scenario_schema(), ensure_ascii=False, indent=2))


def _internal_error(exc: Exception) -> int:
    """Never a traceback for users: say what happened."""
    if isinstance(exc, ScenarioError):  # a scenario problem found past loading (should not happen)
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    print(f"Intern feil i costmodel: {type(exc).__name__}: {exc}", file=sys.stderr)
    return 1


def main(args: list[str] | None = None) -> None:
    sys.exit(run(app, args, on_error=_internal_error))
