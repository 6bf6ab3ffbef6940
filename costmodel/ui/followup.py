"""The app's «Oppfølging» tab: upload the accounts (and the activity), see the status to date, plan against actual
by month with the forecasts to the year's end, the deviations explained and the gains (docs/method.md §19)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from costmodel import formatting as fmt
from costmodel.engine import Result
from costmodel.errors import ScenarioError
from costmodel.followup import read, report, status
from costmodel.report import charts
from costmodel.ui import chart

EXAMPLE = Path(__file__).resolve().parents[2] / "budgets" / "oppfolging"
EXAMPLE_SCENARIO = "land-2017-oppfolging.yaml"
FILES = "followup_files"  # the session's uploaded (or example) files: name and bytes, per kind


def view(result: Result, key: str | None = None) -> None:
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
    files = st.session_state.setdefault(FILES, {})
    left, right = st.columns(2)
    _upload(left, files, "accounts", "Regnskap (CSV eller Excel)")
    _upload(right, files, "activity", "Aktivitet (valgfri)")
    if key == EXAMPLE_SCENARIO and st.button("Bruk eksempelets regnskap og aktivitet", key="followup_example"):
        files["accounts"] = ("hovedbok-2017-08.csv", (EXAMPLE / "hovedbok-2017-08.csv").read_bytes())
        files["activity"] = ("aktivitet-2017-08.csv", (EXAMPLE / "aktivitet-2017-08.csv").read_bytes())
    _mapping(result)
    if "accounts" not in files:
        return
    try:
        name, data = files["accounts"]
        postings = read.read_accounts(data, name, s.follow_up.columns)
        activity = None
        if "activity" in files:
            name, data = files["activity"]
            activity = read.read_activity(data, name)
        figures = status.follow_up(result, postings, activity)
    except ScenarioError as exc:
        st.error("Filen kan ikke brukes:\n\n" + "\n".join(f"- {p}" for p in exc.problems))
        return
    _status(result, figures)
    if activity is not None:
        _reforecast(result, figures, activity)


def _upload(where, files: dict, kind: str, label: str) -> None:
    upload = where.file_uploader(label, type=["csv", "txt", "xlsx"], key=f"followup_{kind}")
    if upload is not None:
        files[kind] = (upload.name, upload.getvalue())


def _mapping(result: Result) -> None:
    """Which accounts each line of the decision maps from, as the follow-up reads them."""
    box = st.expander("Hvilke konti hører til hvilken linje", key="followup-mapping", on_change="rerun")
    if not box.open:
        return
    labels = {info.line: info.label for info in result.line_info}
    rows = [
        {
            "Linje": labels.get(rule.line, rule.line),
            "Art": ", ".join(rule.art or ("alle",)),
            "Funksjon": ", ".join(rule.funksjon or ("alle",)),
            "Ansvar": ", ".join(rule.ansvar or ("alle",)),
            "Prosjekt": ", ".join(rule.prosjekt or ("alle",)),
        }
        for rule in status.rules(result)
    ]
    box.table(rows)
    box.caption(
        "Uten egne kontoer i `follow_up.accounts` brukes linjens KOSTRA-art og -funksjon (sykelønnsrefusjon: art 710). "
        "Posteringer som ikke passer noen linje, vises for seg; en postering som passer to linjer, er en feil."
    )


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
    for paragraph in report.status_text(figures, baseline, method, report.units(result, figures)):
        st.markdown(paragraph)
    shown = report.status_frame(figures).map(fmt.number)
    st.table(shown.rename_axis("Linje (kr)"))
    from costmodel.report import note
    from costmodel.scenario import storage
    from costmodel.workbook import export_bytes

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
    from costmodel.scenario import storage

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
        + "\n\nSykefravær og vakanse står som før: aktivitetsfilen sier ikke noe om dem."
    )
    if st.button("Lagre reprognosen som nytt scenario", key="followup_reforecast"):
        try:
            path = storage.save_scenario(moved, moved.name)
        except storage.SaveError as exc:
            st.error(f"Ikke lagret: {exc}")
        else:
            st.success(f"Lagret som «{path.stem}». Det finnes nå i scenariolisten.")
