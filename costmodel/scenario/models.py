"""The scenario's models: frozen pydantic definitions of every field, each with its metadata.

A scenario file has a horizon and a price basis, scenario-wide `parameters`, optional growth
series, and alternatives of lines; `common` lines belong to every alternative. Each line kind is
a model of its own (`kind: staff | consultant | purchase | fixed | one_off`); its cost rule is in
engine/kinds.py. docs/method.md §2 describes each field and kind.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictInt,
    field_validator,
    model_validator,
)

from costmodel.parameters import load_reference
from costmodel.scenario.assumptions import Assumption, Reference
from costmodel.scenario.fields import (
    ANNUAL_AMOUNT,
    FTE,
    HOURS_PER_FTE,
    KIND,
    FieldMeta,
    GrowthRate,
    Identifier,
    Kostra,
    Label,
    Month,
    NonNegative,
    Number,
    Positive,
    Rate,
    Year,
    YesNo,
    describe,
    money,
    share,
)
from costmodel.scenario.ranges import Range

MAX_MONTHS = 600
DEFAULT_DRAWS, MAX_DRAWS, DEFAULT_SEED = 10_000, 200_000, 1
LINE_KINDS = ("staff", "consultant", "purchase", "fixed", "one_off")
HOUR = "hour"  # the purchase unit that has a meaning: the units are hours, which deliver årsverk (§13)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# --- parameters --------------------------------------------------------------------------------


class StaffParameters(Model):
    """Parameters of staff cost; on `parameters:` for all staff lines, on a staff line for that line."""

    employer_tax_rate: Rate | None = Field(
        None,
        **share("arbeidsgiveravgift", "Satsen som andel av lønn og pensjon; tom betyr satsen i sonen", step=0.001),
    )
    employer_tax_zone: str | None = Field(
        None,
        **describe(
            "arbeidsgiveravgiftssone", "sone", "Sonen kommunen hører til (I, Ia, II, III, IV, IVa, V)", widget="choice"
        ),
    )
    pension_rate: Rate | None = Field(
        None,
        **share("pensjon", "Arbeidsgivers pensjonspremie som andel av årslønn", step=0.005, high=0.3),
    )
    holiday_pay_included: YesNo | None = Field(
        None, **describe("feriepenger i lønn", "ja/nei", "Om feriepengene er med i årslønnen", widget="toggle")
    )
    holiday_pay_rate: Rate | None = Field(
        None,
        **share("feriepengesats", "Brukes bare når feriepengene ikke er med i årslønnen", step=0.001),
    )
    overhead_per_fte: NonNegative | None = Field(
        None,
        **money("felleskostnader per årsverk", "Kontor, IT, veiledning og ledelse per årsverk og år (overhead)"),
    )
    hours_per_fte: Positive | None = Field(None, **HOURS_PER_FTE)
    sick_leave_rate: Rate | None = Field(
        None,
        **share("sykefravær", "Andel av et eget årsverk som går tapt til sykefravær (kapasitet)", step=0.005, high=0.4),
    )
    sick_pay_refund_rate: Rate | None = Field(
        None,
        **share(
            "sykepengerefusjon",
            "Andel av kostnaden ved sykefraværet som NAV refunderer (etter arbeidsgiverperioden, opp til 6 G)",
            step=0.05,
        ),
    )
    vacancy_rate: Rate | None = Field(
        None,
        **share(
            "vakanse",
            "Andel av stillingene som står ubesatt i snitt (turnover × måneder til ny er på plass / 12)",
            step=0.005,
            high=0.3,
        ),
    )

    @field_validator("employer_tax_zone")
    @classmethod
    def _known_zone(cls, zone: str | None) -> str | None:
        zones = load_reference().employer_tax
        if zone is not None and zone not in zones:
            raise ValueError(f"ukjent sone «{zone}»; gyldige soner er {', '.join(zones)}")
        return zone

    @model_validator(mode="after")
    def _one_tax_source(self):
        if self.employer_tax_rate is not None and self.employer_tax_zone is not None:
            raise ValueError("oppgi enten employer_tax_rate eller employer_tax_zone, ikke begge")
        return self


def _series(value: Any) -> Any:
    """Growth series keys: years (2018) or `default`."""
    if not isinstance(value, dict):
        return value
    out = {}
    for key, rate in value.items():
        if isinstance(key, str) and key.strip().isdigit():
            key = int(key)
        if key != "default" and not (isinstance(key, int) and not isinstance(key, bool) and 1900 <= key <= 2200):
            raise ValueError(f"nøkkelen {key!r} er verken et år (f.eks. 2018) eller default")
        out[key] = rate
    return out


Series = Annotated[dict[int | str, GrowthRate], BeforeValidator(_series)]
NeedSeries = Annotated[dict[int | str, NonNegative], BeforeValidator(_series)]


def _growth_spec(value: Any) -> Any:
    return {"source": value} if isinstance(value, str) else value


class Growth(Model):
    """Wage and price growth per year for nominal prices: inline series, a named one, or both."""

    source: str | None = Field(None, **describe("vekstserie", "tekst", "En navngitt vekstserie, f.eks. statsbudsjett"))
    wages: Series = Field(
        default_factory=dict,
        **share("lønnsvekst", "Lønnsvekst per år, brukt med løpende priser", step=0.001, low=-0.02, high=0.1),
    )
    prices: Series = Field(
        default_factory=dict,
        **share("prisvekst", "Prisvekst per år, brukt med løpende priser", step=0.001, low=-0.02, high=0.1),
    )

    @field_validator("source")
    @classmethod
    def _known_source(cls, name: str | None) -> str | None:
        series = load_reference().growth
        if name is not None and name not in series:
            raise ValueError(f"ukjent vekstserie «{name}»; tilgjengelige: {', '.join(series) or 'ingen'}")
        return name

    def series(self, name: str) -> dict:
        """The effective series: the named source's years overlaid with the inline values."""
        values: dict = {}
        if self.source:
            values.update({y: p.value for y, p in load_reference().growth[self.source][name].items()})
        values.update(getattr(self, name))
        return values


# --- lines -------------------------------------------------------------------------------------


class LineBase(Model):
    """What every line has: its id and text, when it runs, how it is indexed, its KOSTRA codes."""

    id: Identifier = Field(**describe("linje-id", "tekst", "Kort id, unik i alternativet (uten punktum)"))
    label: Label = Field(**describe("tekst", "tekst", "Linjens navn slik det står i budsjettet", widget="text"))
    start: Month | None = Field(
        None,
        **describe(
            "start", "måned", "Første måned linjen gjelder; tom betyr scenariets start", widget="month", whatif=True
        ),
    )
    end: Month | None = Field(
        None,
        **describe("slutt", "måned", "Siste måned linjen gjelder; tom betyr åpen slutt", widget="month", whatif=True),
    )
    index: Literal["wages", "prices", "none"] | None = Field(
        None,
        **describe(
            "indeks",
            "tekst",
            "Veksten beløpet følger i løpende priser: wages (lønn), prices (priser) "
            "eller none; tom betyr linjetypens standard",
            widget="choice",
        ),
    )
    kostra_function: Kostra | None = Field(None, **describe("KOSTRA-funksjon", "kode", "Tre sifre, f.eks. 244"))
    kostra_art: Kostra | None = Field(None, **describe("KOSTRA-art", "kode", "Tre sifre, f.eks. 270"))
    previous_year_amount: Number = Field(
        0.0,
        **money("forrige års nivå", "Linjens nivå året før perioden; første års endring regnes mot det"),
    )
    partner: Identifier | None = Field(
        None,
        **describe(
            "betales av",
            "tekst",
            "Samarbeidskommunen som betaler hele linjen (f.eks. tiltak for et barn); tom: fordeles etter nøkkelen",
            widget="choice",
        ),
    )
    capacity: YesNo = Field(
        True,
        **describe(
            "teller i kapasiteten",
            "ja/nei",
            "Om linjens årsverk dekker kapasitetsbehovet (nei for f.eks. en leder)",
            widget="toggle",
        ),
    )

    def default_index(self) -> str:
        return "prices"


def _exactly_one(line: BaseModel, *groups: tuple[str, ...]) -> None:
    """Check that exactly one driver group is fully given and no field outside it is set."""
    given = {name for name in line.model_fields_set if getattr(line, name) is not None}
    drivers = set().union(*groups)
    complete = [g for g in groups if set(g) <= given]
    options = " eller ".join(" + ".join(f"{f} ({field_meta(type(line), f).label})" for f in g) for g in groups)
    what = kind_label(line.kind)
    if not complete:
        raise ValueError(f"mangler prisdriver for {what}: oppgi {options}")
    chosen = max(complete, key=len)
    extra = sorted((given & drivers) - set(chosen))
    if extra:
        raise ValueError(
            f"for mange prisdrivere for {what}: {' + '.join(chosen)} er gitt, i tillegg {', '.join(extra)}; "
            f"oppgi bare én av {options}"
        )


class StaffLine(LineBase, StaffParameters):
    """Own positions (egne stillinger): årsverk × full cost per årsverk."""

    model_config = ConfigDict(title="egne stillinger")

    kind: Literal["staff"] = Field(**KIND)
    fte: NonNegative = Field(**FTE)
    annual_salary: NonNegative | None = Field(
        None,
        **money("årslønn", "Årslønn per årsverk (KS: grunnlønn og faste tillegg × 12)", whatif=True),
    )
    annual_cost_per_fte: NonNegative | None = Field(
        None,
        **money("kostnad per årsverk", "Full kostnad per årsverk og år, i stedet for årslønn", whatif=True),
    )
    recruitment_cost: NonNegative | None = Field(
        None,
        **money(
            "rekruttering",
            "Engangskostnad per person som ansettes (per årsverk når antall ansatte ikke er oppgitt), i startmåneden",
            whatif=True,
        ),
    )
    hires: NonNegative | None = Field(
        None,
        **describe(
            "personer ansatt",
            "personer",
            "Antall personer som ansettes (en leder i 50 % er én person); tom: rekruttering per årsverk",
            widget="number",
            step=1,
        ),
    )

    @model_validator(mode="after")
    def _one_price(self):
        _exactly_one(self, ("fte", "annual_salary"), ("fte", "annual_cost_per_fte"))
        return self

    def default_index(self) -> str:
        return "wages"


class VatMixin(Model):
    """Merverdiavgift on bought services: what it adds when the municipality cannot get it back."""

    vat_rate: Rate = Field(0.0, **share("mva-sats", "Merverdiavgift på fakturaen (25 % er full sats)", step=0.01))
    vat_compensated: YesNo = Field(
        True,
        **describe("mva kompensert", "ja/nei", "Om kommunen får momsen tilbake (momskompensasjon)", widget="toggle"),
    )


class ConsultantLine(LineBase, VatMixin):
    """Hired consultants (innleie): per årsverk, per hour and årsverk, or hours per month."""

    model_config = ConfigDict(title="innleie")

    kind: Literal["consultant"] = Field(**KIND)
    fte: NonNegative | None = Field(None, **FTE)
    annual_price_per_fte: NonNegative | None = Field(
        None,
        **money("pris per årsverk", "Pris per årsverk og år fra leverandøren", whatif=True),
    )
    hourly_rate: NonNegative | None = Field(
        None, **describe("timepris", "kr", "Pris per time fra leverandøren", widget="number", step=100, whatif=True)
    )
    hours_per_month: NonNegative | None = Field(
        None,
        **describe(
            "timer per måned", "timer", "Innleide timer per måned", widget="slider", step=1, high=100, whatif=True
        ),
    )
    hours_per_fte: Positive | None = Field(None, **HOURS_PER_FTE)

    @model_validator(mode="after")
    def _one_price(self):
        _exactly_one(self, ("fte", "annual_price_per_fte"), ("fte", "hourly_rate"), ("hours_per_month", "hourly_rate"))
        return self

    def default_index(self) -> str:
        return "wages"


class PurchaseLine(LineBase, VatMixin):
    """Purchased measures (kjøp av tiltak): units per month × unit price, or an annual amount."""

    model_config = ConfigDict(title="kjøp av tiltak")

    kind: Literal["purchase"] = Field(**KIND)
    units_per_month: NonNegative | None = Field(
        None,
        **describe(
            "enheter per måned",
            "enheter",
            "Antall enheter (døgn, timer, tiltak) per måned",
            widget="slider",
            step=1,
            high=100,
            whatif=True,
        ),
    )
    unit_price: NonNegative | None = Field(
        None, **describe("enhetspris", "kr", "Pris per enhet", widget="number", step=100, whatif=True)
    )
    annual_amount: NonNegative | None = Field(None, **ANNUAL_AMOUNT)
    unit: Label | None = Field(
        None,
        **describe(
            "enhet",
            "tekst",
            "Hva en enhet er; hour (timer) gjør enhetene om til årsverk (timer × 12 / timer per årsverk), "
            "andre enheter (døgn, tiltak) er bare tekst",
            widget="choice",
        ),
    )
    fte_equivalent: NonNegative | None = Field(
        None,
        **describe(
            "årsverk levert",
            "årsverk",
            "Effektive årsverk kjøpet leverer hver måned det løper (teller i kapasiteten; går foran timeregelen)",
            widget="slider",
            step=0.1,
            high=10,
            whatif=True,
        ),
    )
    hours_per_fte: Positive | None = Field(None, **HOURS_PER_FTE)

    @model_validator(mode="after")
    def _one_price(self):
        _exactly_one(self, ("units_per_month", "unit_price"), ("annual_amount",))
        return self

    def delivers_capacity(self) -> bool:
        """Whether the line says what it delivers: bought hours (`unit: hour` with units) or `fte_equivalent`."""
        return self.fte_equivalent is not None or (self.unit == HOUR and self.units_per_month is not None)


class FixedLine(LineBase):
    """A fixed amount per year (may be negative: a deduction or an income)."""

    model_config = ConfigDict(title="fast beløp per år")

    kind: Literal["fixed"] = Field(**KIND)
    annual_amount: Number = Field(**ANNUAL_AMOUNT)


class OneOffLine(LineBase):
    """A one-off amount (engangsbeløp) in its start month (may be negative)."""

    model_config = ConfigDict(title="engangsbeløp")

    kind: Literal["one_off"] = Field(**KIND)
    amount: Number = Field(
        **describe("beløp", "kr", "Beløpet, én gang i startmåneden", widget="number", step=10_000, whatif=True)
    )


LINE_MODELS = {
    "staff": StaffLine,
    "consultant": ConsultantLine,
    "purchase": PurchaseLine,
    "fixed": FixedLine,
    "one_off": OneOffLine,
}
Line = Annotated[StaffLine | ConsultantLine | PurchaseLine | FixedLine | OneOffLine, Field(discriminator="kind")]


class Alternative(Model):
    """One way of doing the work (kjøp, egne stillinger, …): its lines besides the common ones."""

    id: Identifier = Field(**describe("alternativ-id", "tekst", "Kort id for alternativet (uten punktum)"))
    name: Label = Field(**describe("navn på alternativet", "tekst", "Navnet slik det vises i tabeller og figurer"))
    lines: list[Line] = Field(default_factory=list, **describe("linjer", help="Alternativets egne budsjettlinjer"))

    @model_validator(mode="before")
    @classmethod
    def _name_defaults_to_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and "name" not in data and isinstance(data.get("id"), str):
            return {**data, "name": data["id"]}
        return data


class Simulation(Model):
    """How the uncertainty simulation runs: number of draws and the seed that makes it repeatable."""

    draws: Annotated[StrictInt, Field(ge=1, le=MAX_DRAWS)] = Field(
        DEFAULT_DRAWS, **describe("simuleringer (trekk)", help="Antall trekk i usikkerhetsberegningen")
    )
    seed: Annotated[StrictInt, Field(ge=0, le=2**63 - 1)] = Field(
        DEFAULT_SEED, **describe("frø (seed)", help="Samme frø gir samme trekk")
    )


class Need(Model):
    """The capacity every alternative is held to: effective årsverk per year, or cases and cases per årsverk."""

    fte: NeedSeries | None = Field(
        None,
        **describe(
            "behov (årsverk)",
            "årsverk",
            "Effektive årsverk som trengs per år (år eller default)",
            widget="number",
            step=0.1,
        ),
    )
    cases: NeedSeries | None = Field(
        None, **describe("saker per år", "saker", "Barn med undersøkelse eller tiltak i året (år eller default)")
    )
    cases_per_fte: Positive | None = Field(
        None, **describe("saker per årsverk", "saker", "Saker ett effektivt årsverk bærer", widget="number", step=1)
    )

    @model_validator(mode="after")
    def _one_need(self):
        if (self.fte is None) == (self.cases is None):
            raise ValueError("oppgi behovet som fte (årsverk per år) eller som cases med cases_per_fte, ikke begge")
        if self.cases is not None and self.cases_per_fte is None:
            raise ValueError("cases trenger cases_per_fte (saker ett årsverk bærer)")
        if self.fte is not None and self.cases_per_fte is not None:
            raise ValueError("cases_per_fte brukes bare med cases")
        return self

    def series(self) -> dict:
        """Effective årsverk needed, by year or `default`."""
        if self.fte is not None:
            return dict(self.fte)
        return {year: cases / self.cases_per_fte for year, cases in self.cases.items()}

    def at(self, year: int):
        values = self.series()
        return values.get(year, values.get("default"))


class Capacity(Model):
    """Capacity: the need every alternative is held to, and how a gap is covered (docs/method.md §13)."""

    need: Need = Field(**describe("kapasitetsbehov", help="Effektive årsverk som trengs"))
    cover: Literal["consultant", "none"] = Field(
        "none",
        **describe(
            "dekning", "tekst", "consultant: gapet dekkes med innleie; none: gapet vises som udekket", widget="choice"
        ),
    )
    cover_price_per_fte: NonNegative | None = Field(
        None, **money("pris per dekningsårsverk", "Årspris for ett innleid årsverk som dekker gapet", whatif=True)
    )
    cover_hourly_rate: NonNegative | None = Field(
        None,
        **describe("timepris for dekning", "kr", "Timepris for innleie som dekker gapet", widget="number", step=100),
    )

    @model_validator(mode="after")
    def _one_price(self):
        prices = [p for p in (self.cover_price_per_fte, self.cover_hourly_rate) if p is not None]
        if self.cover == "consultant" and len(prices) != 1:
            raise ValueError("dekning med innleie trenger én pris: cover_price_per_fte eller cover_hourly_rate")
        if self.cover == "none" and prices:
            raise ValueError("en pris for dekning brukes bare med cover: consultant")
        return self


class Partner(Model):
    """A municipality in a vertskommune cooperation: its share of the lines, or a basis the shares come from."""

    id: Identifier = Field(**describe("kommune-id", "tekst", "Kort id for samarbeidskommunen (uten punktum)"))
    name: Label = Field(**describe("kommune", "tekst", "Kommunens navn slik det vises i tabeller og figurer"))
    share: Rate | None = Field(
        None, **share("andel", "Kommunens andel av kostnadene; andelene summerer til 100 %", step=0.01)
    )
    basis: Positive | None = Field(
        None,
        **describe(
            "fordelingsgrunnlag",
            "antall",
            "F.eks. innbyggere 0–17 år; andelen er grunnlaget delt på summen",
            widget="number",
            step=1,
        ),
    )

    @model_validator(mode="after")
    def _share_or_basis(self):
        if (self.share is None) == (self.basis is None):
            raise ValueError("oppgi enten share (andel) eller basis (fordelingsgrunnlag) for kommunen")
        return self


IMPORTANCE = ("liten", "middels", "stor")
IMPACTS = ("--", "-", "0", "+", "++")


def _impact(value: Any) -> Any:
    """An impact as written: `+`, `--`, a typographic minus (`−−`), or 0."""
    if isinstance(value, int) and not isinstance(value, bool) and value == 0:
        return "0"
    return value.replace("−", "-").replace(" ", "") if isinstance(value, str) else value


Impact = Annotated[Literal["--", "-", "0", "+", "++"], BeforeValidator(_impact)]


class Effect(Model):
    """A non-priced effect (ikke-prissatt virkning): its importance, and its impact in each alternative
    against the nullalternativ; shown on the nine-step konsekvens scale, never summed into kroner (§15)."""

    id: Identifier = Field(**describe("virknings-id", "tekst", "Kort id for virkningen (uten punktum)"))
    label: Label = Field(**describe("virkning", "tekst", "Virkningen slik den vises i tabeller og rapporter"))
    importance: Literal["liten", "middels", "stor"] = Field(
        **describe("betydning", "tekst", "Hvor viktig virkningen er: liten, middels eller stor", widget="choice")
    )
    impact: dict[str, Impact] = Field(
        **describe(
            "omfang",
            "tekst",
            "Per alternativ, mot nullalternativet: -- (stort negativt), -, 0, + eller ++ (stort positivt)",
        )
    )
    note: Label | None = Field(None, **describe("begrunnelse", "tekst", "Kort begrunnelse eller kilde"))


class Source(Model):
    """A source the figures rest on, listed under «Kilder» in every document (format 1.3)."""

    title: Label = Field(**describe("tittel", "tekst", "Kildens tittel, f.eks. Prosjektplan barnevern"))
    publisher: Label | None = Field(None, **describe("utgiver", "tekst", "Hvem som har utgitt den"))
    year: Year | None = Field(None, **describe("år", "år", "Årstallet"))
    href: Label | None = Field(None, **describe("lenke", "tekst", "Nettadresse"))
    note: Label | None = Field(None, **describe("merknad", "tekst", "F.eks. side eller tabell"))


class Council(Model):
    """The saksbehandler's words for the council, printed as written (format 1.3)."""

    financing: Annotated[str, Field(max_length=5000)] | None = Field(
        None, **describe("inndekning", "tekst", "Hvordan merkostnaden dekkes inn")
    )
    proposal: list[Annotated[str, Field(min_length=1, max_length=5000)]] = Field(
        default_factory=list, **describe("forslag til vedtak", help="Punktene i forslaget til vedtak, i rekkefølge")
    )


Codes = Annotated[Kostra | list[Kostra], Field()]
AccountText = Annotated[Label | list[Label], Field()]


class AccountMapping(Model):
    """Which accounts belong to a line in the follow-up: KOSTRA art and funksjon, optionally ansvar and prosjekt."""

    line: Identifier = Field(**describe("linje", "tekst", "Linjen i det vedtatte alternativet"))
    art: Codes | None = Field(None, **describe("art", "kode", "Kontoens art (én eller flere)"))
    funksjon: Codes | None = Field(None, **describe("funksjon", "kode", "Kontoens funksjon (én eller flere)"))
    ansvar: AccountText | None = Field(None, **describe("ansvar", "tekst", "Ansvarsnummer (ett eller flere)"))
    prosjekt: AccountText | None = Field(None, **describe("prosjekt", "tekst", "Prosjektnummer (ett eller flere)"))


AccountColumn = Literal["periode", "art", "funksjon", "beløp", "ansvar", "prosjekt", "tekst"]


class FollowUp(Model):
    """The alternative decided on, and which accounts belong to which of its lines (format 1.3, oppfølging)."""

    alternative: Identifier = Field(**describe("vedtatt alternativ", "tekst", "Alternativet som ble vedtatt"))
    accounts: list[AccountMapping] = Field(
        default_factory=list,
        **describe("kontoer", help="Kontoene til hver linje; uten dem brukes linjens KOSTRA-art og -funksjon"),
    )
    columns: dict[AccountColumn, Label] = Field(
        default_factory=dict,
        **describe(
            "kolonner",
            help="Regnskapsfilens egne kolonnenavn, der de ikke heter periode, art, funksjon, beløp, ansvar, "
            "prosjekt og tekst (f.eks. beløp: «Beløp NOK»)",
        ),
    )


class Scenario(Model):
    """A whole scenario file: horizon, price basis, parameters, alternatives and their lines.

    `ranges` holds the uncertain drivers (ranges.py) by driver path, `assumptions` the named values
    and `references` the fields that refer to them (assumptions.py); the fields hold their
    deterministic values.
    """

    name: Label = Field(**describe("navn", "tekst", "Scenariets tittel", widget="text"))
    municipality: Label | None = Field(
        None, **describe("kommune", "tekst", "Kommunen (eller kommunene)", widget="text")
    )
    start: Month = Field(**describe("første måned", "måned", "Første måned i perioden (ÅÅÅÅ-MM)", widget="month"))
    months: Annotated[StrictInt, Field(ge=1, le=MAX_MONTHS)] = Field(
        **describe(
            "antall måneder",
            "måneder",
            "Periodens lengde i måneder (48 for fire år)",
            widget="slider",
            step=1,
            high=120,
            whatif=True,
        )
    )
    price_basis: Year | None = Field(
        None, **describe("prisår", "år", "Året kronene er i; tom betyr startåret", widget="number", step=1)
    )
    prices: Literal["fixed", "nominal"] = Field(
        "fixed",
        **describe(
            "prisgrunnlag",
            "tekst",
            "fixed: faste kroner i prisåret; nominal: løpende priser med vekst",
            widget="choice",
            whatif=True,
        ),
    )
    discount_rate: Rate = Field(
        default_factory=lambda: load_reference().default("discount_rate"),
        **share(
            "kalkulasjonsrente",
            "Realrenten nåverdien regnes med (Finansdepartementet: 4 %)",
            step=0.005,
            high=0.1,
            whatif=True,
        ),
    )
    growth: Annotated[Growth, BeforeValidator(_growth_spec)] = Field(
        default_factory=Growth, **describe("vekst", help="Lønns- og prisvekst per år for løpende priser")
    )
    parameters: StaffParameters = Field(
        default_factory=StaffParameters, **describe("felles parametre", help="Gjelder alle stillingslinjer")
    )
    baseline: Identifier | None = Field(
        None, **describe("nullalternativ", "tekst", "Alternativet de andre sammenlignes med", widget="choice")
    )
    simulation: Simulation = Field(default_factory=Simulation, **describe("simulering"))
    capacity: Capacity | None = Field(
        None, **describe("kapasitet", help="Behovet alle alternativene holdes til, og hvordan gapet dekkes")
    )
    partners: list[Partner] = Field(
        default_factory=list,
        **describe("samarbeidskommuner", help="Kommunene som deler kostnadene (vertskommunesamarbeid)"),
    )
    partner_key: Label | None = Field(
        None,
        **describe(
            "fordelingsnøkkel", "tekst", "Hva nøkkelen bygger på og kilden, f.eks. innbyggere 0–17 år 1.1.2017 (SSB)"
        ),
    )
    effects: list[Effect] = Field(
        default_factory=list,
        **describe("ikke-prissatte virkninger", help="Virkninger som ikke er regnet i kroner, vist ved siden av"),
    )
    sources: list[Source] = Field(default_factory=list, **describe("kilder", help="Kildene tallene bygger på"))
    council: Council | None = Field(
        None, **describe("til politisk behandling", help="Inndekning og forslag til vedtak")
    )
    follow_up: FollowUp | None = Field(
        None, **describe("oppfølging", help="Det vedtatte alternativet og kontoene til linjene (regnskap mot plan)")
    )
    common: list[Line] = Field(default_factory=list, **describe("felles linjer", help="Linjer i alle alternativer"))
    alternatives: Annotated[list[Alternative], Field(min_length=1)] = Field(**describe("alternativer"))
    _ranges: dict = PrivateAttr(default_factory=dict)
    _assumptions: dict = PrivateAttr(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _baseline_impact_implied(cls, data: Any) -> Any:
        """The nullalternativ's impact is 0 whether written or not: one scenario either way (§15)."""
        if not isinstance(data, dict) or not isinstance(data.get("effects"), list):
            return data
        baseline = data.get("baseline")
        effects = []
        for effect in data["effects"]:
            impact = effect.get("impact") if isinstance(effect, dict) else None
            if isinstance(impact, dict) and _impact(impact.get(baseline)) == "0":
                effect = {**effect, "impact": {k: v for k, v in impact.items() if k != baseline}}
            effects.append(effect)
        return {**data, "effects": effects}

    _references: list = PrivateAttr(default_factory=list)

    @property
    def ranges(self) -> dict[str, Range]:
        """The uncertain drivers, by driver path: ranged assumptions first, then fields' own ranges, in file order."""
        return self._ranges

    @property
    def assumptions(self) -> dict[str, Assumption]:
        """The named assumptions (assumptions.py), by name in file order."""
        return self._assumptions

    @property
    def references(self) -> list[Reference]:
        """Every field that refers to a named assumption, in file order."""
        return self._references

    def referring(self, name: str) -> list[Reference]:
        return [r for r in self._references if r.name == name]

    def reference_at(self, driver: str) -> Reference | None:
        """The reference a field's driver path holds, or None when the field has its own value."""
        return next((r for r in self._references if r.driver == driver), None)

    @property
    def start_year(self) -> int:
        return int(self.start[:4])

    @property
    def basis_year(self) -> int:
        return self.price_basis if self.price_basis is not None else self.start_year

    @property
    def start_index(self) -> int:
        return month_index(self.start)

    @property
    def end_year(self) -> int:
        return (self.start_index + self.months - 1) // 12

    def partner_shares(self) -> dict[str, float]:
        """Each partner's share of the lines it does not pay alone: `share`, or its basis over the sum of bases."""
        if any(p.basis is not None for p in self.partners):
            total = sum(p.basis for p in self.partners)
            return {p.id: p.basis / total for p in self.partners}
        return {p.id: p.share for p in self.partners}

    def alternative(self, alternative_id: str) -> Alternative:
        return next(a for a in self.alternatives if a.id == alternative_id)

    def lines_of(self, alternative_id: str) -> list:
        """The lines of an alternative as budgeted: its own lines, then the common ones."""
        return [*self.alternative(alternative_id).lines, *self.common]


def index_series(line) -> str:
    """Which growth series a line follows: its `index`, or the default for its kind."""
    return line.index or line.default_index()


def line_series(s: Scenario) -> set[str]:
    """The growth series the scenario's lines follow (`none` left out); the cover line follows `wages`."""
    lines = [*s.common, *(line for a in s.alternatives for line in a.lines)]
    cover = {"wages"} if s.capacity is not None and s.capacity.cover == "consultant" else set()
    return {index_series(line) for line in lines} - {"none"} | cover


def used_series(s: Scenario) -> set[str]:
    """The growth series a nominal scenario needs: those its lines follow, and `prices` for the present value."""
    return line_series(s) | {"prices"}


def growth_years(s: Scenario) -> range:
    """Years whose growth rate a nominal scenario needs: from the earlier of price basis and start to the later."""
    return range(min(s.basis_year, s.start_year) + 1, max(s.basis_year, s.end_year) + 1)


def kind_label(kind: str) -> str:
    """A line kind in Norwegian: `egne stillinger`, `innleie`, `kjøp av tiltak`, …; a ledger entry's `refund` is
    `sykepengerefusjon`."""
    return REFUND_WORD if kind == "refund" else LINE_MODELS[kind].model_config["title"]


REFUND_WORD = "sykepengerefusjon"


def kind_from_word(word: str) -> str:
    """A line kind as the workbook writes it (`innleie`) or as the file does (`consultant`) back to the file's."""
    words = {LINE_MODELS[k].model_config["title"]: k for k in LINE_KINDS}
    return words.get(word.strip().lower(), word) if isinstance(word, str) else word


@cache
def model_fields(model: type[BaseModel]) -> dict[str, FieldMeta]:
    """The declared metadata of every field of a model, in declaration order."""
    schema = model.model_json_schema(mode="validation")["properties"]
    out = {}
    for name, info in model.model_fields.items():
        hints = dict(info.json_schema_extra) if isinstance(info.json_schema_extra, dict) else {}
        hints.setdefault("low", _lowest(schema.get(name, {})))
        out[name] = FieldMeta(name, info.title or name, help=info.description, **hints)
    return out


def _lowest(schema: dict) -> float | None:
    """The smallest value a field's type allows, from its JSON Schema (None when it may be negative)."""
    for part in [schema, *schema.get("anyOf", [])]:
        if "minimum" in part or "exclusiveMinimum" in part:
            return float(part.get("minimum", part.get("exclusiveMinimum")))
    return None


def field_meta(model: type[BaseModel], name: str) -> FieldMeta:
    """The declared metadata of one field of a model."""
    return model_fields(model)[name]


# The order a line's fields are shown in: the editor's tables, the workbook's lines table. Any other field of a
# line kind follows, so a new field is never left out.
LINE_FIELD_ORDER = (
    "id",
    "label",
    "kind",
    "fte",
    "annual_salary",
    "annual_cost_per_fte",
    "annual_price_per_fte",
    "hourly_rate",
    "hours_per_month",
    "units_per_month",
    "unit",
    "unit_price",
    "annual_amount",
    "fte_equivalent",
    "amount",
    "recruitment_cost",
    "hires",
    "start",
    "end",
    "index",
    "vat_rate",
    "vat_compensated",
    "pension_rate",
    "employer_tax_rate",
    "holiday_pay_included",
    "holiday_pay_rate",
    "overhead_per_fte",
    "hours_per_fte",
    "employer_tax_zone",
    "previous_year_amount",
    "kostra_function",
    "kostra_art",
)


@cache
def line_fields_in_order() -> tuple[str, ...]:
    """Every field any line kind has, in LINE_FIELD_ORDER, the rest after it."""
    rest = [name for model in LINE_MODELS.values() for name in model_fields(model) if name not in LINE_FIELD_ORDER]
    return tuple(dict.fromkeys([*LINE_FIELD_ORDER, *rest]))


def value_kind(name: str) -> str:
    """How a line field's value is written in a table cell: `month`, `flag`, `text` or `number` (by its unit)."""
    return unit_kind(line_field(name))


def unit_kind(meta: FieldMeta) -> str:
    """How a field's value is written in a table cell, by its unit: `month`, `flag`, `text` or `number`."""
    if meta.unit == "måned":
        return "month"
    if meta.unit == "ja/nei":
        return "flag"
    if meta.unit in ("tekst", "kode", "sone"):
        return "text"
    return "number"


def line_field(name: str) -> FieldMeta:
    """A line field's metadata by name (the first kind that has it; labels and units agree across kinds)."""
    return next(model_fields(m)[name] for m in LINE_MODELS.values() if name in m.model_fields)


@lru_cache(maxsize=4096)
def month_index(month: str) -> int:
    """`YYYY-MM` as a count of months (year × 12 + month − 1), for arithmetic on months."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"
