"""Accounts and activity files as the ERP exports them, read into tidy frames (contract 1.3, «Follow-up»).

CSV (semicolon, comma or tab; UTF-8 or Windows-1252; decimal comma or point; thousands by space, point or comma)
or xlsx (the first sheet holding the columns), one row per posting or per account and month. Columns are found by
name without regard to case, or through the scenario's `follow_up.columns`; the header may stand below a few title
rows. Every bad cell is named by its row and column, in Norwegian, and a hostile file meets the gate the workbook
import uses.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from costmodel.errors import Problem, ScenarioError
from costmodel.workbook.gate import OLE_MAGIC, check_package

ACCOUNT_COLUMNS = ("periode", "art", "funksjon", "beløp", "ansvar", "prosjekt", "tekst")
ACCOUNT_REQUIRED = ("periode", "art", "funksjon", "beløp")
ACTIVITY_COLUMNS = ("periode", "linje", "mengde", "pris", "sykefravær")
ACTIVITY_REQUIRED = ("periode", "linje", "mengde")
MAX_CSV = 50_000_000  # bytes: a year of postings for a whole municipality is a few MB
MAX_XLSX = 20_000_000
MAX_ROWS = 2_000_000
HEADER_ROWS = 20  # the header is looked for among the first rows: exports often have a title above it
SHOWN = 20  # problems listed before «og N til»
ZIP_MAGIC = b"PK\x03\x04"
ALIASES = {"beløp": ("belop", "beloep"), "sykefravær": ("sykefravaer",)}  # the names written without «ø» or «æ»


def read_accounts(data: bytes, name: str, columns: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The postings of an accounts file: `rad` (its row in the file), `month` (year × 12 + month − 1), `art`,
    `funksjon`, `ansvar`, `prosjekt`, `tekst` and `amount` (kroner); ScenarioError names every bad cell."""
    table, header = _table(data, name, ACCOUNT_COLUMNS, ACCOUNT_REQUIRED, columns or {})
    problems: list[Problem] = []
    out = pd.DataFrame({"rad": table["rad"].to_numpy()})
    out["month"] = _months(table, header, name, problems)
    for column in ("art", "funksjon"):
        out[column] = _codes(table[column])
    for column in ("ansvar", "prosjekt", "tekst"):
        out[column] = table[column].str.strip().astype(object) if column in table else ""
    out["amount"] = _numbers(table, "beløp", header, name, problems, "et beløp")
    _raise(problems)
    return out


def read_activity(data: bytes, name: str) -> pd.DataFrame:
    """The activity file: `rad`, `month`, `line` (a line id), `quantity` (hours, årsverk or units in the line's own
    driver) and `price` (NaN where not given); ScenarioError names every bad cell."""
    table, header = _table(data, name, ACTIVITY_COLUMNS, ACTIVITY_REQUIRED, {})
    problems: list[Problem] = []
    out = pd.DataFrame({"rad": table["rad"].to_numpy()})
    out["month"] = _months(table, header, name, problems)
    out["line"] = table["linje"].str.strip().astype(object)
    for row in out.loc[out["line"] == "", "rad"].head(SHOWN):
        problems.append(Problem(f"{name}, rad {row}", f"kolonnen «{header['linje']}» mangler linjens id"))
    out["quantity"] = _numbers(table, "mengde", header, name, problems, "en mengde")
    if "pris" in table:
        given = table["pris"].str.strip() != ""
        prices = np.full(len(table), np.nan)
        prices[given.to_numpy()] = _numbers(table[given], "pris", header, name, problems, "en pris")
        out["price"] = prices
    else:
        out["price"] = np.nan
    out["sick_leave"] = np.nan
    if "sykefravær" in table:  # a staff line's sick leave that month: a share (0,085) or per cent (8,5 %)
        given = (table["sykefravær"].str.strip() != "").to_numpy(bool)
        text = table.loc[given, ["sykefravær", "rad"]].copy()
        text["sykefravær"] = text["sykefravær"].str.replace("%", "", regex=False)
        rates = _numbers(text, "sykefravær", header, name, problems, "en andel sykefravær")
        rates = np.where(rates > 1, rates / 100, rates)
        for row in text.loc[(rates < 0) | (rates > 1), "rad"].head(SHOWN):
            problems.append(Problem(f"{name}, rad {row}", "sykefraværet må ligge mellom 0 og 100 %"))
        out.loc[given, "sick_leave"] = rates
    _raise(problems)
    return out


# --- the file into a table of text --------------------------------------------------------------------------


def _fail(name: str, message: str) -> ScenarioError:
    return ScenarioError(Problem(name, message))


def _table(
    data: bytes, name: str, wanted: tuple[str, ...], required: tuple[str, ...], mapping: Mapping[str, str]
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The file's rows under its header as text, with our column names and `rad`; and the file's own name of each
    column found (for messages)."""
    if not data:
        raise _fail(name, "filen er tom")
    spreadsheet = data[:4] == ZIP_MAGIC or data[:8] == OLE_MAGIC
    text, delimiter = (None, "") if spreadsheet else _csv_text(data, name)
    rows = _xlsx_rows(data, name) if spreadsheet else _csv_head(text, delimiter, name)
    look_for = {
        column: {column, *ALIASES.get(column, ()), *([mapping[column].strip().lower()] if mapping.get(column) else [])}
        for column in wanted
    }
    k, found = _header(rows, look_for, required)
    if k is None:
        best = max(rows[:HEADER_ROWS], key=lambda r: len(_titles_found(r, look_for)), default=[])
        missing = [c for c in required if c not in _titles_found(best, look_for)]
        names = ", ".join(f"«{mapping.get(c) or c}»" for c in missing)
        seen = ", ".join(f"«{str(c).strip()}»" for c in best if str(c or "").strip())[:300] or "ingen"
        raise _fail(
            name,
            f"fant ikke {'kolonnen' if len(missing) == 1 else 'kolonnene'} {names} i de første {HEADER_ROWS} "
            f"radene (kolonnene filen har: {seen}). Heter de noe annet i filen, skriv navnene under "
            "«Regnskapsfilens egne kolonnenavn» i oppfølgingen (follow_up.columns i scenariofilen).",
        )
    header = {column: str(rows[k][i]).strip() for column, i in found.items()}
    if spreadsheet:  # the columns of text at once, rows of unequal length padded
        body = rows[k + 1 :]
        columns = list(itertools.zip_longest(*body, fillvalue="")) if body else []
        texts = {column: columns[i] if i < len(columns) else [""] * len(body) for column, i in found.items()}
    else:
        texts = _csv_body(text, delimiter, k, len(rows[k]), found, name)
    count = len(next(iter(texts.values())))
    if count > MAX_ROWS:
        raise _fail(name, f"filen har {count} rader; grensen er {MAX_ROWS}")
    # Arrow strings: their operations run in C, a year of postings in a fraction of a second
    frame = pd.DataFrame({column: pd.array(values, dtype="string[pyarrow]") for column, values in texts.items()})
    frame["rad"] = np.arange(k + 2, k + 2 + count)
    blank = np.logical_and.reduce([(frame[c].str.strip() == "").to_numpy(bool) for c in found])
    return frame[~blank].reset_index(drop=True), header


def _titles_found(row, look_for: dict[str, set[str]]) -> dict[str, int]:
    """Where each of our columns stands in a row of titles (its own name or the file's, without regard to case)."""
    titles = [str(cell).strip().lstrip("\ufeff").lower() if cell is not None else "" for cell in row]
    found = {}
    for column, names in look_for.items():
        at = [i for i, t in enumerate(titles) if t in names]
        if at:
            found[column] = at[0]
    return found


def _header(rows: list, look_for: dict[str, set[str]], required: tuple[str, ...]) -> tuple[int | None, dict[str, int]]:
    """The first row among the first HEADER_ROWS holding every required title, and where each title stands."""
    for k, row in enumerate(rows[:HEADER_ROWS]):
        found = _titles_found(row, look_for)
        if all(column in found for column in required):
            return k, found
    return None, {}


def _text(cell) -> str:
    """A cell as text: an integral number without its «.0», a date as its ISO day, nothing as empty."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if hasattr(cell, "isoformat"):
        return cell.isoformat()[:10]
    return str(cell)


def _csv_text(data: bytes, name: str) -> tuple[str, str]:
    """The file as text (UTF-8, else Windows-1252) and its separator: the one of `;`, tab and `,` that occurs most
    on any of the first lines (a title line may hold a comma)."""
    if len(data) > MAX_CSV:
        raise _fail(name, f"filen er for stor ({len(data) // 1_000_000} MB; grensen er {MAX_CSV // 1_000_000} MB)")
    if b"\x00" in data[:65536]:
        raise _fail(name, "filen er verken tekst (CSV) eller et Excel-regneark (.xlsx)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Windows exports from older ERP systems
    lines = text.splitlines()[:HEADER_ROWS]
    most = {c: max((line.count(c) for line in lines), default=0) for c in ";\t,"}
    return text, max(";\t,", key=lambda c: most[c])


def _csv_head(text: str, delimiter: str, name: str) -> list[list[str]]:
    """The first lines as cells, to find the header in."""
    try:
        return list(csv.reader(io.StringIO("\n".join(text.splitlines()[:HEADER_ROWS])), delimiter=delimiter))
    except csv.Error:  # csv's own reason is English
        raise _fail(name, "CSV-filen kan ikke leses: den har et felt med anførselstegn som aldri lukkes") from None


def _csv_body(text: str, delimiter: str, k: int, width: int, found: dict[str, int], name: str) -> dict[str, list]:
    """The rows under the header, the columns found, by pandas' C reader (text kept as text)."""
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            skiprows=k + 1,
            names=list(range(width)),  # a row with more fields than the header is an error, never cut short
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except pd.errors.EmptyDataError:
        return {column: [] for column in found}
    except (pd.errors.ParserError, ValueError, csv.Error) as exc:
        where = re.search(r"line (\d+)", str(exc))
        row = f"rad {int(where.group(1))}: " if where else ""  # pandas counts the lines of the whole file
        raise _fail(name, f"{row}CSV-filen kan ikke leses: en rad har flere felt enn overskriften") from None
    return {column: frame[i].tolist() if i in frame else [""] * len(frame) for column, i in found.items()}


def _xlsx_rows(data: bytes, name: str) -> list[list[str]]:
    import openpyxl

    try:
        check_package(data, MAX_XLSX)
    except ScenarioError as exc:
        raise _fail(name, exc.problems[0].message) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception:  # noqa: BLE001 (openpyxl raises its own errors, in English, for broken parts)
        raise _fail(name, "regnearket kan ikke leses: en del av filen er skadet") from None
    try:
        for sheet in book.worksheets:  # the first sheet with rows
            rows = list(sheet.iter_rows(max_row=MAX_ROWS + HEADER_ROWS, max_col=40, values_only=True))
            if any(any(c is not None for c in r) for r in rows):
                return [[_text(c) for c in r] for r in rows]
        return []
    finally:
        book.close()


# --- text into values ---------------------------------------------------------------------------------------


def _raise(problems: list[Problem]) -> None:
    if problems:
        more = len(problems) - SHOWN
        shown = problems[:SHOWN] + ([Problem("", f"… og {more} feil til")] if more > 0 else [])
        raise ScenarioError(shown)


def _months(table: pd.DataFrame, header: dict, name: str, problems: list[Problem]) -> np.ndarray:
    """`YYYY-MM`, `YYYYMM`, `MM.YYYY` (and a day: `YYYY-MM-DD`, `DD.MM.YYYY`) as year × 12 + month − 1."""
    codes, uniques = pd.factorize(table["periode"].str.strip().astype(object))  # a few distinct periods
    number = _month_numbers(pd.Series(uniques, dtype=object))
    found = np.append(number, -1)[codes]  # code −1 (a missing cell) takes the last: −1
    bad = found < 0
    text = table["periode"].astype(object)
    for row, value in zip(table.loc[bad, "rad"].head(SHOWN), text[bad].head(SHOWN)):
        problems.append(
            Problem(
                f"{name}, rad {row}, kolonne «{header['periode']}»",
                f"«{str(value)[:40]}» er ikke en periode; skriv ÅÅÅÅ-MM, ÅÅÅÅMM eller MM.ÅÅÅÅ",
            )
        )
    return found.astype(np.int64)


def _month_numbers(text: pd.Series) -> np.ndarray:
    """Each distinct period as year × 12 + month − 1, or −1 when it is none."""
    year = pd.Series(np.nan, index=text.index)
    month = pd.Series(np.nan, index=text.index)
    for pattern, y, m in (
        (r"^(\d{4})-(\d{1,2})(?:-\d{1,2})?$", 0, 1),
        (r"^(\d{4})(\d{2})$", 0, 1),
        (r"^(\d{1,2})\.(\d{4})$", 1, 0),
        (r"^\d{1,2}\.(\d{1,2})\.(\d{4})$", 1, 0),
    ):
        parts = text.str.extract(pattern)
        hit = parts[0].notna() & year.isna()
        year[hit] = parts.loc[hit, y].astype(float)
        month[hit] = parts.loc[hit, m].astype(float)
    bad = year.isna() | ~month.between(1, 12) | ~year.between(1900, 2200)
    return np.where(bad, -1, year.fillna(0) * 12 + month.fillna(1) - 1).astype(np.int64)


def _codes(values: pd.Series) -> pd.Series:
    """KOSTRA codes as three digits: a number from a spreadsheet padded (`10` → `010`), a trailing name dropped
    (`244 Barnevern` → `244`); text that is no code is kept as it is (it matches no line)."""
    codes, uniques = pd.factorize(values.str.strip().astype(object))  # a few distinct codes
    text = pd.Series(uniques, dtype=object)
    digits = text.str.extract(r"^(\d+)")[0]
    shown = np.append(digits.str.zfill(3).where(digits.notna(), text).to_numpy(dtype=object), "")
    return pd.Series(shown[codes], dtype=object)


def _numbers(table: pd.DataFrame, column: str, header: dict, name: str, problems: list[Problem], what: str):
    """Kroner or quantities in Norwegian or plain notation: `1 234,50`, `-1234.5`, `1.234,50`, `(1 234)`, `−12`.
    Whether a comma or a point is the decimal sign is read from the whole column."""
    text = table[column].astype(str).str.strip()
    for space in (" ", "\t", "\u00a0", "\u202f", "'"):  # thousands separators, as plain replacements (fast)
        text = text.str.replace(space, "", regex=False)
    text = text.str.replace("\u2212", "-", regex=False)
    text = text.str.replace(r"^(?:kr|NOK)\.?|(?:kr|NOK)\.?$", "", regex=True)  # «1 234,50 kr», «NOK 1234»
    brackets = text.str.fullmatch(r"\(.*\)")
    text = text.where(~brackets, "-" + text.str[1:-1])
    trailing = text.str.fullmatch(r"[\d.,]+-")
    text = text.where(~trailing, "-" + text.str[:-1])
    comma_decimal = bool(text.str.contains(r",\d{1,2}$").any() or text.str.contains(r"\..*\.").any())
    if comma_decimal:
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        text = text.str.replace(",", "", regex=False)
    good = text.str.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)").fillna(False).to_numpy(bool)
    for row, value in zip(table.loc[~good, "rad"].head(SHOWN), table.loc[~good, column].head(SHOWN)):
        shown = f"«{str(value)[:40]}» er ikke {what}" if str(value).strip() else f"mangler {what}"
        problems.append(Problem(f"{name}, rad {row}, kolonne «{header[column]}»", shown))
    return pd.to_numeric(text.where(good, "0")).to_numpy(dtype=float)
