"""pydantic's validation errors in plain Norwegian, each with the field path as written in the file."""

from __future__ import annotations

import difflib
import re
import typing
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ValidationError

from costmodel.errors import Problem
from costmodel.scenario.models import LINE_KINDS, LINE_MODELS, Scenario, model_fields

_MESSAGES = {
    "missing": "mangler (feltet er påkrevd)",
    "extra_forbidden": (
        "ukjent felt – sjekk stavemåten (ukjente felt godtas ikke, så en skrivefeil ikke fjerner en kostnad i stillhet)"
    ),
    "finite_number": "må være et endelig tall (ikke NaN eller uendelig)",
    "greater_than_equal": "må være minst {ge:g}",
    "greater_than": "må være større enn {gt:g}",
    "less_than_equal": "kan være høyst {le:g}",
    "less_than": "må være mindre enn {lt:g}",
    "int_type": "må være et heltall",
    "int_from_float": "må være et heltall",
    "int_parsing": "må være et heltall",
    "bool_type": "må være true eller false",
    "bool_parsing": "må være true eller false",
    "string_type": "må være tekst",
    "list_type": "må være en liste (linjer som begynner med -)",
    "dict_type": "må være en samling felt (nøkkel: verdi)",
    "model_type": "må være en samling felt (nøkkel: verdi)",
    "model_attributes_type": "må være en samling felt (nøkkel: verdi)",
    "too_short": "må ha minst {min_length} element",
    "string_too_short": "kan ikke være tom",
    "string_too_long": "er for lang (høyst {max_length} tegn)",
    "literal_error": "må være en av: {expected}",
    "union_tag_invalid": "ukjent linjetype «{tag}»; gyldige typer er " + ", ".join(LINE_KINDS),
    "union_tag_not_found": "mangler kind (linjetype): en av " + ", ".join(LINE_KINDS),
}


def _number_message(value: Any, noun: str = "et tall") -> str:
    if isinstance(value, bool):
        return f"må være {noun}, ikke ja/nei (true/false)"
    if value is None or value == "":
        return f"mangler verdi; skriv {noun}"
    if isinstance(value, str):
        return f"må være {noun}, fikk teksten «{value[:40]}»"
    if isinstance(value, float) and noun == "et heltall":
        return f"må være et heltall, fikk {value:g}"
    return f"må være {noun}, fikk {TYPE_NAMES.get(type(value).__name__, 'en annen verdi')}"


TYPE_NAMES = {"dict": "en samling felt", "list": "en liste", "date": "en dato", "datetime": "et tidspunkt"}


def _path(loc: tuple) -> str:
    parts: list[str] = []
    previous: Any = None
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif isinstance(previous, int) and item in LINE_KINDS:
            pass  # the discriminated union's tag, not a field
        else:
            parts.append(("." if parts else "") + str(item))
        previous = item
    return "".join(parts)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation may hold (through Optional, list, Annotated and unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _owner(loc: tuple, root: type[BaseModel]) -> type[BaseModel] | None:
    """The model whose field the last item of `loc` names (a line's model from the union's tag)."""
    model: type[BaseModel] | None = root
    for previous, item in zip((None, *loc[:-2]), loc[:-1]):
        if isinstance(item, int):
            continue
        if isinstance(previous, int) and item in LINE_KINDS:
            model = LINE_MODELS[item]
        elif model is not None and item in model.model_fields:
            models = _models_in(model.model_fields[item].annotation)
            model = models[0] if len(models) == 1 else None
        else:
            model = None
    return model


def unknown_field(name: str, model: type[BaseModel] | None) -> str:
    """`ukjent felt `recruitment`: mente du `recruitment_cost` (rekruttering per årsverk)?` (by name or label)."""
    message = f"ukjent felt `{name}`"
    if model is not None:
        fields = model_fields(model)
        candidates = {n: n for n in fields} | {m.label.lower(): n for n, m in fields.items()}
        close = difflib.get_close_matches(str(name).lower(), list(candidates), n=1, cutoff=0.6)
        if close:
            field = candidates[close[0]]
            return f"{message}: mente du `{field}` ({fields[field].label})?"
    return (
        f"{message} – sjekk stavemåten (ukjente felt godtas ikke, så en skrivefeil ikke fjerner en kostnad i stillhet)"
    )


def translate_errors(exc: ValidationError, root: type[BaseModel] = Scenario) -> list[Problem]:
    """pydantic's errors as Problems with the field path as written in the file, in Norwegian.

    `root` is the model that was validated (for suggesting the field a misspelt name meant).
    """
    problems = []
    for err in exc.errors(include_url=False):
        kind, ctx = err["type"], err.get("ctx") or {}
        loc = err["loc"]
        if kind == "extra_forbidden":
            message = unknown_field(loc[-1], _owner(loc, root))
        elif kind == "union_tag_invalid":
            close = difflib.get_close_matches(str(ctx.get("tag", "")).lower(), LINE_KINDS, n=1, cutoff=0.6)
            guess = f": mente du «{close[0]}»? Gyldige" if close else "; gyldige"
            message = f"ukjent linjetype «{ctx.get('tag')}»{guess} typer er {', '.join(LINE_KINDS)}"
        elif kind in ("float_type", "float_parsing"):
            message = _number_message(err.get("input"))
        elif kind in ("int_type", "int_parsing", "int_from_float"):
            message = _number_message(err.get("input"), "et heltall")
        elif kind == "value_error":
            message = str(ctx.get("error", err["msg"])).removeprefix("Value error, ")
        elif kind in _MESSAGES:
            try:
                message = _MESSAGES[kind].format(**ctx)
            except (KeyError, IndexError):
                message = _MESSAGES[kind]
        else:
            message = err["msg"]
        problems.append(Problem(_path(loc), message))
    return _dedupe(problems)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if (p.path, p.message) not in seen:
            seen.add((p.path, p.message))
            out.append(p)
    return out


# --- problems as the app shows them: places and words, never YAML keys ------------------------------------

_PHRASES = (  # the format's notation in a message, and how the app says it
    ("{value: …, label: …} eller {low: …, mode: …, high: …, label: …}", "en verdi, eller lav, mest sannsynlig og høy"),
    ("NAVN: {value: …, label: …}", "et navn med verdi og tekst"),
    ("{value: …, label: …}", "en verdi og en tekst"),
    ("enten value eller {low, mode, high}", "enten én verdi eller lav, mest sannsynlig og høy"),
    ("{low, mode, high}", "lav, mest sannsynlig og høy"),
    ("{ref: NAVN, plus_months: n}", "navnet på forutsetningen med forskyvning i måneder"),
    ("{ref: NAVN}", "navnet på forutsetningen"),
    ("true eller false", "ja eller nei"),
    ("ja/nei (true/false)", "ja/nei"),
    ("cover: consultant", "dekning med innleie"),
)
_VALUES = {  # English values of the format, as Norwegian words
    "consultant": "innleie",
    "staff": "egne stillinger",
    "purchase": "kjøp av tiltak",
    "one_off": "engangsbeløp",
    "wages": "lønnsvekst",
    "none": "ingen",
    "None": "tom",
    "nominal": "løpende priser",
    "default": "øvrige år",
    "hour": "timer",
}


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    """Every field name of the format and its Norwegian label (the first model that has it)."""
    from costmodel.scenario import models

    out: dict[str, str] = {}
    for model in (
        *LINE_MODELS.values(),
        models.Scenario,
        models.StaffParameters,
        models.Growth,
        models.Simulation,
        models.Capacity,
        models.Need,
        models.Partner,
        models.Effect,
        models.Source,
        models.Council,
        models.FollowUp,
        models.AccountMapping,
    ):
        for name, meta in model_fields(model).items():
            out.setdefault(name, meta.label)
    out.update({"value": "verdi", "low": "lav", "mode": "mest sannsynlig", "high": "høy", "dist": "fordeling"})
    out.update({"ref": "forutsetning", "plus_months": "forskyvning i måneder"})
    return out


def in_words(message: str) -> str:
    """A problem's message without the format's keys or English values: `fte (årsverk) + hourly_rate (timepris)`
    → `årsverk + timepris`; `cover_price_per_fte` → `pris per dekningsårsverk`; `consultant` → `innleie`."""
    for phrase, words in _PHRASES:
        message = message.replace(phrase, words)
    # the app takes every rate in per cent: a share over 1 is a rate over 100 %, whatever the file's notation
    message = re.sub(r"\S+ ser ut som en prosentsats; skriv andelen, f\.eks\. \S+ for \S+ %", "er over 100 %", message)
    labels = _labels()

    def label_in_brackets(match: re.Match) -> str:
        return match[2] if match[1] in labels else match[0]

    message = re.sub(r"`?\b([a-z][a-z_]*)\b`? \(([^()]+)\)", label_in_brackets, message)

    def word(match: re.Match) -> str:
        key = match[1]
        if "_" in key and key in labels:
            return labels[key]
        if key in ("fte", "cases", "share", "basis", "cover", "need", "kind", "index", "label", "baseline"):
            return labels.get(key, key)
        return _VALUES.get(key, match[0])

    return re.sub(r"`?\b([A-Za-z][A-Za-z_]*)\b`?", word, message)


def place(path: str, data: Any = None) -> str:
    """A field path as a place in words: `alternatives[1].lines[0].start` → `«Egne» › linje «Team» › start`
    (names from `data` where it has them, else numbers); `parameters.sick_leave_rate` →
    `felles forutsetninger › sykefravær`."""
    if not path:
        return ""
    labels = _labels()
    parts, node, out = re.findall(r"[^.\[\]]+|\[\d+\]", path), data, []
    container = ""
    for n, part in enumerate(parts):
        indexed = n + 1 < len(parts) and parts[n + 1].startswith("[")
        if part.startswith("["):
            k = int(part[1:-1])
            item = node[k] if isinstance(node, list) and k < len(node) else None
            named = item.get("label") or item.get("name") or item.get("id") if isinstance(item, dict) else None
            noun = {
                "alternatives": "alternativ",
                "lines": "linje",
                "common": "felles linje",
                "partners": "kommune",
                "effects": "virkning",
                "sources": "kilde",
                "accounts": "konto",
                "proposal": "punkt",
            }.get(container, "rad")
            out.append(
                f"«{named}»"
                if named and container == "alternatives"
                else f"{noun} «{named}»"
                if named
                else f"{noun} {k + 1}"
            )
            node = item
            continue
        container = part
        if part == "assumptions" and len(parts) > 1:
            out.append("navngitte forutsetninger")
        elif (
            isinstance(node, dict)
            and node.get(part) is not None
            and part not in labels
            and out
            and out[-1] == "navngitte forutsetninger"
        ):
            out.append(f"«{part}»")
        elif not indexed:
            words = {
                "parameters": "felles forutsetninger",
                "capacity": "kapasitet",
                "need": "behov",
                "growth": "vekst",
                "impact": "omfang",
                "follow_up": "oppfølging",
                "council": "til politisk behandling",
            }
            out.append(words.get(part) or labels.get(part) or _VALUES.get(part, part))
        node = node.get(part) if isinstance(node, dict) else None
    return " › ".join(out)
