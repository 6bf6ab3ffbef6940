"""pydantic's validation errors in plain Norwegian, each with the field path as written in the file."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from costmodel.errors import Problem
from costmodel.scenario.models import LINE_KINDS

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
    if isinstance(value, str):
        return f"må være {noun}, fikk teksten «{value[:40]}»"
    if isinstance(value, float) and noun == "et heltall":
        return f"må være et heltall, fikk {value:g}"
    return f"må være {noun}, fikk {type(value).__name__}"


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


def translate_errors(exc: ValidationError) -> list[Problem]:
    """pydantic's errors as Problems with the field path as written in the file, in Norwegian."""
    problems = []
    for err in exc.errors(include_url=False):
        kind, ctx = err["type"], err.get("ctx") or {}
        loc = err["loc"]
        if kind in ("float_type", "float_parsing"):
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
