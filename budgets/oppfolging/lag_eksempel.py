"""Writes the example's accounts and activity (hovedbok-2017-08.csv, aktivitet-2017-08.csv): made-up postings of a
Land-like barneverntjeneste through August 2017, in the layout of a municipal ERP export. See README.md.

Run: .venv/bin/python budgets/oppfolging/lag_eksempel.py (the tests check the files are what this writes).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
MONTHS = range(1, 9)  # January–August 2017


def kroner(value: float) -> str:
    """`704 166,67`, `-30 000,00`: as the ERP writes amounts."""
    whole = f"{abs(value):,.2f}".replace(",", " ").replace(".", ",")
    return ("-" if value < 0 else "") + whole


def postings() -> list[tuple]:
    """(month, konto, art, funksjon, ansvar, prosjekt, amount, text) in the order the ledger lists them."""
    out = []
    for m in MONTHS:
        out.append((m, "10100", "010", "244", "4410", "", 650_000 * 13 / 12, "Fastlønn saksbehandlere"))
        if m >= 3:  # sick leave from March: substitutes and overtime on the same account
            out.append((m, "10300", "010", "244", "4410", "", 45_000, "Vikarer og overtid"))
        if m == 8:  # the four new positions filled a month late: from August, not July
            out.append((m, "10100", "010", "244", "4411", "", 650_000 * 4 / 12, "Fastlønn nye stillinger"))
        out.append((m, "12700", "270", "244", "4410", "", 300 * 900, "Konsulenttjenester, byrå A"))
        out.append((m, "12700", "270", "244", "4410", "", 220 * 900, "Konsulenttjenester, byrå B"))
        out.append((m, "13700", "370", "251", "4420", "", 400 * 950, "Hjelpetiltak i hjemmet, leverandør A"))
        out.append((m, "13700", "370", "251", "4420", "", 300 * 950, "Hjelpetiltak i hjemmet, leverandør B"))
        out.append((m, "13750", "375", "252", "4420", "", 85 * 5_800, "Institusjonsplasser"))
        out.append((m, "11200", "120", "244", "4410", "", 8_000, "Kontorrekvisita"))  # belongs to no line
        out.append((m, "14290", "429", "244", "4410", "", 5_000, "Reiser"))
        if m >= 4:
            out.append((m, "17100", "710", "244", "4410", "", -30_000, "Sykelønnsrefusjon"))
    return out


def accounts_csv() -> str:
    lines = [
        "Hovedbok – utvalg: ansvar 4410–4420, periode 201701–201708",
        "Periode (ÅÅÅÅMM);Konto;Art;Funksjon;Ansvar;Prosjekt;Beløp i kr;Tekst",
    ]
    for m, konto, art, funksjon, ansvar, prosjekt, amount, text in postings():
        lines.append(f"2017{m:02d};{konto};{art};{funksjon};{ansvar};{prosjekt};{kroner(amount)};{text}")
    return "\n".join(lines) + "\n"


def activity_csv() -> str:
    """What was bought and who was on the payroll each month: hours at their price, døgn, årsverk, and the
    permanent staff's sick leave."""
    lines = ["periode;linje;mengde;pris;sykefravær"]
    for m in MONTHS:
        sick = "6,0 %" if m < 3 else "9,5 %"  # sick leave rose from March (hence substitutes and overtime)
        lines.append(f"2017-{m:02d};faste;13;;{sick}")
        lines.append(f"2017-{m:02d};konsulenter;520;900;")
        lines.append(f"2017-{m:02d};hjelpetiltak;700;950;")
        lines.append(f"2017-{m:02d};institusjon;85;5800;")
        if m >= 7:
            lines.append(f"2017-{m:02d};nye;{0 if m == 7 else 4};;")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (HERE / "hovedbok-2017-08.csv").write_text(accounts_csv(), encoding="utf-8")
    (HERE / "aktivitet-2017-08.csv").write_text(activity_csv(), encoding="utf-8")
