"""pydantic's validation errors in plain Norwegian, each with the field path as written in the file."""

from __future__ import annotations

import difflib
import typing
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
