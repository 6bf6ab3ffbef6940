"""The command line for people: tables, CSV and the summary text."""

import csv
import io
import subprocess
import sys

from conftest import BUDGETS

LAND = str(BUDGETS / "land-2017.yaml")


def costmodel(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "costmodel", *args], capture_output=True, text=True, check=True).stdout


def test_budget_csv_for_norwegian_spreadsheets():
    rows = costmodel("budget", LAND, "--csv", "--years", "2017-2018").splitlines()
    assert rows[0] == "linje;tabell;2017;2018"
    assert "Sum;endring (mill. kr);3,6;-1,5" in rows
    assert "Kjøp av tjenester (3 stillinger, jan. t.o.m. august);endring (mill. kr);2,8;-2,8" in rows
    assert "Permanent oppbemanning (inntil 4 stillinger, f.o.m. juli-17);nivå (mill. kr);1,3;2,6" in rows


def test_budget_in_kroner_for_the_baseline():
    out = costmodel("budget", LAND, "--kr", "-a", "innleie", "--years", "2017")
    assert "Fortsatt innleie: endring mot forrige år (kr)" in out
    assert [line.removeprefix("Sum").strip() for line in out.splitlines() if line.startswith("Sum")] == [
        "+3 700 000",
        "3 700 000",
    ]


def test_summary_text_states_the_comparison():
    out = costmodel("summary", LAND)
    assert "Rådmannens forslag: koster 4 900 000 kr mindre i 2017–2020" in out
    assert "lønner seg fra desember 2017" in out
    assert "faste 2017-kroner · nåverdi i faste 2017-kroner, realrente 4 %" in out


def test_summary_csv_rounds_like_the_views():
    rows = costmodel("summary", str(BUDGETS / "arendal-tiltaksteam.yaml"), "--csv").splitlines()
    assert rows[0] == "alternativ;tabell;2019;2020;2021;2022;2023"
    assert rows[1].startswith("Fortsatt kjøp av hjelpetiltak;nivå (kr);5000000;5155000;")


def test_csv_text_cannot_become_a_formula(tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "name: T\nstart: 2020-01\nmonths: 12\nalternatives:\n  - id: a\n    name: A\n    lines:\n"
        "      - {id: x, label: '=HYPERLINK(\"http://x\")', kind: fixed, annual_amount: 1200}\n",
        encoding="utf-8",
    )
    rows = list(csv.reader(io.StringIO(costmodel("budget", str(scenario), "--csv")), delimiter=";"))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'


def test_export_writes_the_workbook(tmp_path):
    import openpyxl

    target = tmp_path / "land.xlsx"
    out = costmodel("export", LAND, "-o", str(target))
    assert out.startswith(f"Skrev {target}")
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [
        "Forside",
        "Forutsetninger",
        "Beregning",
        "Årsbudsjett",
        "Endringer",
        "Sammenligning",
        "Fordeling",
        "Virkninger",
        "Hovedbok",
        "Kontroll",
    ]
    assert book["Forside"]["A1"].value == "Land barnevernstjeneste – budsjett 2017–2020"
    assert {"Prisaar", "Kalkulasjonsrente", "Arbeidsgiveravgift", "Lonnsvekst", "AltStemmer"} <= set(book.defined_names)


def test_export_refuses_other_formats(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "costmodel", "export", LAND, "-o", str(tmp_path / "x.xls")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "må ende på .xlsx" in done.stderr and not (tmp_path / "x.xls").exists()


def test_budget_against_a_base_years_budget():
    out = costmodel("budget", str(BUDGETS / "egne-saksbehandlere-2025.yaml"), "--against", "2025", "--kr")
    assert "Tre egne saksbehandlere: endring mot budsjett 2025 (kr)" in out
    total = next(line for line in out.splitlines() if line.startswith("Sum"))
    assert total.split()[1:] == [
        "–",
        "−769",
        "346",
        "−674",
        "115",
        "−575",
        "551",
    ]  # 2025 against itself: –  # 2025 against itself; then level − level 2025


def test_budget_against_the_year_before_the_start_and_the_base_in_words_and_kroner():
    """Contract 1.3: «budsjett 2018», the lines' previous_year_amount, is a base like any year; the first year's
    change states its base, and the lines with no level in it are named."""
    arendal = str(BUDGETS / "arendal-tiltaksteam.yaml")
    out = costmodel("budget", arendal, "--against", "2018", "--kr")
    assert "Eget tiltaksteam (6 årsverk): endring mot budsjett 2018 (kr)" in out
    assert "Endringene er regnet fra budsjett 2018 (linjenes nivå året før): 5 000 000 kr." in out
    plain = costmodel("budget", arendal, "--kr")
    assert "Endring 2019 er regnet fra budsjett 2018 (linjenes nivå året før): 5 000 000 kr." in plain
    assert "Uten nivå i budsjett 2018" not in plain  # the team starts in September: not from the first month
    before = subprocess.run(
        [sys.executable, "-m", "costmodel", "budget", arendal, "--against", "2017"], capture_output=True, text=True
    )
    assert before.returncode == 2 and "2017 ligger utenfor årene endringen kan regnes fra (2018–2023)" in before.stderr


def _modules_after(*args: str) -> set[str]:
    """The top-level packages a `costmodel` command line has imported when it ends (run in a fresh Python)."""
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['costmodel', *{list(args)!r}]\n"
        "try:\n    runpy.run_module('costmodel', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    return set(done.stderr.splitlines()[-1].split())


HEAVY = {"pandas", "altair", "openpyxl", "pptx", "docx", "sqlalchemy", "scipy"}


def test_importing_the_command_line_loads_no_heavy_library():
    probe = "import sys, costmodel.cli; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    loaded = set(
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "click" in loaded and not loaded & (HEAVY | {"numpy", "pydantic", "yaml"})


def test_help_validate_and_a_refused_file_load_only_what_they_use(tmp_path):
    assert not _modules_after("--help") & (HEAVY | {"numpy", "pydantic"})
    assert not _modules_after("validate", LAND) & (HEAVY | {"numpy"})
    empty = tmp_path / "tom.xlsx"
    empty.write_bytes(b"")
    refused = _modules_after("import", str(empty), "-o", str(tmp_path / "s.yaml"))
    assert not refused & (HEAVY | {"numpy", "pydantic", "yaml"})
    assert not _modules_after("summary", LAND) & {"altair", "openpyxl", "pptx", "docx", "sqlalchemy", "scipy"}


def test_a_wrong_command_line_is_said_in_norwegian():
    def fails(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "costmodel", *args], capture_output=True, text=True)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        return done.stderr

    assert "feil: mangler valget «--output» / «-o»" in fails("export", LAND)
    assert "feil: ugyldig verdi for «--draws»: «mange» er ikke et heltall" in fails(
        "simulate", LAND, "--draws", "mange"
    )
    assert "feil: ukjent kommando «valdiate»; mente du «validate»?" in fails("valdiate", LAND)
    assert "feil: ukjent valg «--jsn»" in fails("summary", LAND, "--jsn")
    assert "feil: mangler argumentet SCENARIOFIL" in fails("summary")
    assert "Bruk: costmodel summary [VALG] SCENARIOFIL" in fails("summary")
    listing = fails()  # no command: the help, with every command and the lazily loaded groups
    assert "Kommandoer:" in listing and "validate" in listing and "Organisasjoner og medlemmer." in listing
    helped = costmodel("notat", "--help")
    assert "Argumenter:\n  SCENARIOFIL  Scenariofil (YAML)" in helped and "[standard: model]" in helped
    assert not [word for word in ("Usage", "Options", "Show this message", "Error") if word in helped]
