"""The app's «Oppfølging» tab: upload the accounts (and the activity), see the status to date, plan against actual
by month with the forecasts to the year's end, the deviations explained and the gains (docs/method.md §19)."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from costmodel import formatting as fmt
from costmodel.engine import Result, compute
from costmodel.errors import ScenarioError
from costmodel.followup import read, report, status
from costmodel.report import charts
from costmodel.scenario import parse_scenario, scenario_to_data
from costmodel.ui import chart

EXAMPLE = Path(__file__).resolve().parents[2] / "budgets" / "oppfolging"
EXAMPLE_SCENARIO = "land-2017-oppfolging.yaml"
FILES = "followup_files"  # the session's uploaded (or example) files: name and bytes, per kind


MAPPING = "followup_mapping"  # per scenario key: the follow-up block edited in the tab, in force until saved


def view(result: Result, key: str | None = None) -> None:
    edited = st.session_state.get(MAPPING, {}).get(key)
    if edited is not None and result.scenario.follow_up is not None:
        result = compute(parse_scenario(scenario_to_data(result.scenario) | {"follow_up": edited}))
    s = result.scenario
    if s.follow_up is None:
        st.info(
            "Saken har ingen oppfølging ennå. Skriv i scenariet hvilket alternativ som ble vedtatt "
            "(`follow_up: {alternative: …}`); se «Oppfølging» i brukerveiledningen. Eksempelet «Land-lik "
            "barneverntjeneste – oppfølging 2017» har alt på plass."
        )
        return
    decided = s.alternative(s.follow_up.alternative).name
    st.markdown(
        f"Regnskapet mot planen for det vedtatte alternativet **{decided}**. Last opp hovedboken fra "
        "økonomisystemet (CSV eller Excel, én rad per postering eller per konto og måned), og gjerne en "
        "aktivitetsfil med timer, døgn eller årsverk per linje og måned."
    )
    files = st.session_state.setdefault(FILES, {}).setdefault(key, {})  # per scenario: never another case's ledger
    left, right = st.columns(2)
    _upload(left, files, "accounts", "Regnskap (CSV eller Excel)")
    _upload(right, files, "activity", "Aktivitet (valgfri)")
    if key == EXAMPLE_SCENARIO and st.button("Bruk eksempelets regnskap og aktivitet", key="followup_example"):
        files["accounts"] = ("hovedbok-2017-08.csv", (EXAMPLE / "hovedbok-2017-08.csv").read_bytes(), "example")
        files["activity"] = ("aktivitet-2017-08.csv", (EXAMPLE / "aktivitet-2017-08.csv").read_bytes(), "example")
    _mapping(result, key)
    if "accounts" not in files:
        return
    try:
        name, data, _ = files["accounts"]
        postings = read.read_accounts(data, name, s.follow_up.columns)
        activity = None
        if "activity" in files:
            name, data, _ = files["activity"]
            activity = read.read_activity(data, name)
        figures = status.follow_up(result, postings, activity)
    except ScenarioError as exc:
        clash = any("i kontokoblingen" in p.message for p in exc.problems)
        title = "Kontokoblingen gir ikke ett svar for hver postering:" if clash else "Filen kan ikke brukes:"
        st.error(title + "\n\n" + "\n".join(f"- {p}" for p in exc.problems))
        return
    _status(result, figures)
    if activity is not None:
        _reforecast(result, figures, activity)


def _upload(where, files: dict, kind: str, label: str) -> None:
    """The file the user uploads; removed from the widget, it is gone here too (the example's stay until replaced)."""
    upload = where.file_uploader(label, type=["csv", "txt", "xlsx"], key=f"followup_{kind}")
    if upload is not None:
        files[kind] = (upload.name, upload.getvalue(), "upload")
    elif files.get(kind, ("", b"", ""))[2] == "upload":
        del files[kind]


def _mapping(result: Result, key: str | None) -> None:
    """Which accounts each line of the decision maps from, and the accounts file's own column names: edited in
    tables, used at once, and saved with the scenario as a new file."""
    import pandas as pd

    box = st.expander("Hvilke kontoer hører til hvilken linje", key="followup-mapping", on_change="rerun")
    if not box.open:
        return
    s = result.scenario
    labels = {info.line: info.label for info in result.line_info if info.alternative == s.follow_up.alternative}
    in_use = [
        {
            "Linje": labels.get(rule.line, rule.line),
            "Art": ", ".join(rule.art or ("alle",)),
            "Funksjon": ", ".join(rule.funksjon or ("alle",)),
            "Ansvar": ", ".join(rule.ansvar or ("alle",)),
            "Prosjekt": ", ".join(rule.prosjekt or ("alle",)),
        }
        for rule in status.rules(result)
    ]
    box.markdown("**I bruk nå**")
    box.table(in_use)
    box.markdown(
        "**Egne kontoer per linje.** En linje som ikke står her, bruker sin egen KOSTRA-art og -funksjon; "
        "refusjonen av sykepenger for en egen stilling føres på art 710 (sykelønnsrefusjon) under stillingens "
        "funksjon. Flere koder skilles med komma; et tomt felt betyr alle."
    )
    names = {label: line for line, label in labels.items()}
    rows = [
        {
            "Linje": labels.get(m.line, m.line),
            **{title: _codes_text(getattr(m, field)) for title, field in CODE_FIELDS},
        }
        for m in s.follow_up.accounts
    ]
    table = box.data_editor(
        pd.DataFrame(rows, columns=["Linje", *(title for title, _ in CODE_FIELDS)]),
        num_rows="dynamic",
        key=f"followup_accounts_{key}",
        column_config={"Linje": st.column_config.SelectboxColumn("Linje", options=list(names), required=True)},
        hide_index=True,
        width="stretch",
    )
    box.markdown("**Regnskapsfilens egne kolonnenavn**, der de ikke heter det samme som her:")
    columns = {}
    cells = [*box.columns(4), *box.columns(4)]  # two rows: a file's names are long («Periode (ÅÅÅÅMM)»)
    for cell, name in zip(cells, read.ACCOUNT_COLUMNS):
        value = cell.text_input(name, value=s.follow_up.columns.get(name, ""), key=f"followup_column_{name}_{key}")
        if value.strip():
            columns[name] = value.strip()
    accounts = []
    for record in table.to_dict("records"):
        if not record.get("Linje"):
            continue
        entry = {"line": names.get(record["Linje"], record["Linje"])}
        for title, field in CODE_FIELDS:
            cell = record.get(title)
            text = "" if cell is None or (isinstance(cell, float) and pd.isna(cell)) else str(cell)  # empty: all
            codes = [c.strip() for c in text.split(",") if c.strip()]
            if codes:
                entry[field] = codes[0] if len(codes) == 1 else codes
        accounts.append(entry)
    block = {"alternative": s.follow_up.alternative, "accounts": accounts, "columns": columns}
    wrong = _bad_codes(accounts, labels)
    left, right = box.columns(2)
    if left.button("Bruk koblingen", key="followup_use_mapping"):
        if wrong:
            box.error("Koblingen kan ikke brukes:\n\n" + "\n".join(f"- {w}" for w in wrong))
        else:
            st.session_state.setdefault(MAPPING, {})[key] = block
            st.rerun()
    if right.button("Lagre scenariet med koblingen", key="followup_save_mapping"):
        if wrong:
            box.error("Ikke lagret:\n\n" + "\n".join(f"- {w}" for w in wrong))
        else:
            changed = parse_scenario(scenario_to_data(s) | {"follow_up": block})
            saved = save_new(changed, f"{s.name} – med kontokobling")
            if saved:
                box.success(f"Lagret som «{saved}». Det finnes nå i scenariolisten.")


CODE_FIELDS = (("Art", "art"), ("Funksjon", "funksjon"), ("Ansvar", "ansvar"), ("Prosjekt", "prosjekt"))


def _bad_codes(accounts: list[dict], labels: dict[str, str]) -> list[str]:
    """What is wrong in the mapping table, by its row and column as the user sees them: an art or a funksjon is a
    KOSTRA code of three digits; a row with no code at all would take every posting."""
    out = []
    for row, entry in enumerate(accounts, start=1):
        name = labels.get(entry["line"], entry["line"])
        for title, field in CODE_FIELDS[:2]:
            codes = entry.get(field)
            for code in [codes] if isinstance(codes, str) else codes or []:
                if not re.fullmatch(r"\d{3}", code):
                    out.append(
                        f"Rad {row} («{name}»), {title}: «{code}» er ikke en KOSTRA-kode; skriv tre sifre, f.eks. 010"
                    )
        if not any(entry.get(field) for _, field in CODE_FIELDS):
            out.append(f"Rad {row} («{name}»): skriv minst én kode, ellers tar linjen alle posteringene")
    return out


def save_new(scenario, name: str) -> str | None:
    """Save as a new scenario under `name`, or `name (2)`, `name (3)` … when it is taken; the name it was saved
    under, or None (and the reason shown)."""
    from costmodel.scenario import storage
    from costmodel.store import scenarios
    from costmodel.store.database import StoreError
    from costmodel.ui import saving

    for n in range(1, 50):
        title = name if n == 1 else f"{name[:56]} ({n})"  # names are cut at 64; the number stays
        try:
            saving.save(scenario.model_copy(update={"name": title}), title)
            return title
        except scenarios.Exists:
            continue
        except (StoreError, storage.SaveError) as exc:
            st.error(f"Ikke lagret: {exc}")
            return None
    st.error("Ikke lagret: alle navnene er tatt")
    return None


def _codes_text(value) -> str:
    if value is None:
        return ""
    return ", ".join(value) if isinstance(value, list) else str(value)


def _status(result: Result, figures: status.Status) -> None:
    s = result.scenario
    data = figures.as_dict()["total"]
    st.subheader(f"Økonomisk status per {report.month_word(figures)}")
    method = st.radio(
        "Prognosemetode i teksten",
        list(status.METHODS),
        format_func=lambda m: report.METHOD_SHORT[m],
        horizontal=True,
        key="followup_method",
        index=2,
    )
    columns = st.columns(4)
    columns[0].metric("Regnskap hittil", fmt.mill(data["actual_to_date"]))
    deviation = data["deviation_to_date"]
    columns[1].metric("Merforbruk hittil" if deviation > 0 else "Mindreforbruk hittil", fmt.mill(abs(deviation)))
    columns[2].metric(f"Prognose ({report.METHOD_SHORT[method]})", fmt.mill(data["forecast"][method]))
    gap = data["forecast"][method] - data["budget"]
    columns[3].metric(f"{'Merforbruk' if gap > 0 else 'Mindreforbruk'} mot budsjett {figures.year}", fmt.mill(abs(gap)))
    chart.draw(charts.followup_chart(figures))
    baseline = s.alternative(s.baseline).name.lower() if s.baseline else None
    shared = report.shared_deviation(result, figures)
    for paragraph in report.status_text(figures, baseline, method, report.units(result, figures), shared):
        st.markdown(paragraph)
    shown = report.status_frame(figures).map(fmt.number)
    st.table(shown.rename_axis("Linje (kr)"))
    from costmodel.report import note
    from costmodel.scenario import storage
    from costmodel.workbook.export import export_bytes

    st.download_button(
        "Last ned regnearket med oppfølgingen (Excel)",
        lambda: export_bytes(result, figures),
        file_name=storage.download_name(s.name, ".xlsx", kind=f"oppfolging-{figures.year}-{figures.months_done:02d}"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="followup_workbook",
        help="Budsjettregnearket med arkene Oppfølging (regnskap mot plan som formler) og Posteringer",
    )
    st.download_button(
        "Last ned økonomisk status (Word)",
        lambda: note.status_note_bytes(result, figures, method),
        file_name=storage.download_name(s.name, ".docx", kind=f"status-{figures.year}-{figures.months_done:02d}"),
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key="followup_note",
        help="«Økonomisk status per måned» til månedsrapporten eller tertialrapporten, med avvikene forklart",
    )
    if figures.unmapped_rows:
        box = st.expander(
            f"Posteringer som ikke er knyttet til noen linje ({figures.unmapped_rows})",
            key="followup-unmapped",
            on_change="rerun",
        )
        if box.open:
            frame = report.unmapped_frame(figures)
            frame["Beløp (kr)"] = frame["Beløp (kr)"].map(fmt.number)
            box.table(frame)


def _reforecast(result: Result, figures: status.Status, activity) -> None:
    """One click: the scenario with the activity's last hours, units, årsverk and prices as its drivers, saved as a
    new scenario to roll the økonomiplan forward on."""
    from costmodel.followup import reforecast

    st.subheader("Reprognose")
    try:
        moved, said = reforecast.reforecast(result, activity, figures.through)
    except ScenarioError as exc:
        st.error("Reprognosen kan ikke lages:\n\n" + "\n".join(f"- {p}" for p in exc.problems))
        return
    if not said:
        st.caption("Aktivitetsfilen gir ingen mengde eller pris som kan settes inn i linjene.")
        return
    st.markdown(
        f"Et nytt scenario med det som faktisk skjedde i {report.month_word(figures)} som forutsetninger:\n"
        + "\n".join(f"- {line}" for line in said)
        + "\n\nSykefraværet tas fra aktivitetsfilens kolonne «sykefravær» der den er fylt ut; vakansen står som før."
    )
    if st.button("Lagre reprognosen som nytt scenario", key="followup_reforecast"):
        saved = save_new(moved, moved.name)
        if saved:
            st.success(f"Lagret som «{saved}». Det finnes nå i scenariolisten.")
