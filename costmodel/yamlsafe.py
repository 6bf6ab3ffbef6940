"""Hardened YAML reading for scenario and parameter files.

PyYAML's safe loader still has traps for budget files (see docs/method.md, "Reading files"):
duplicate keys silently keep the last value, YAML 1.1 reads `yes` as true, `010` as 8 and `1:30`
as 90, aliases can expand into gigabytes, deep nesting raises RecursionError (or crashes the C
loader). This loader is the pure-Python SafeLoader with YAML 1.2-style scalars (only
true/false are booleans, numbers with a leading zero stay text, `1e3` is a number, no dates),
and it refuses duplicate keys, anchors, aliases, explicit tags, deep nesting and large files.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from costmodel.errors import Problem, ScenarioError

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_NODES = 20_000  # keys and values: a scenario of 300 lines has a few thousand; parsing stops at the limit


class _StrictLoader(yaml.SafeLoader):
    yaml_implicit_resolvers: dict = {}

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        event = self.peek_event()
        where = _where(event.start_mark)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            most = f"{MAX_NODES:,}".replace(",", "\u00a0")
            raise ScenarioError(Problem("", f"{where}: filen har for mange felt og verdier (over {most})"))
        if isinstance(event, yaml.AliasEvent):
            raise ScenarioError(Problem("", f"{where}: aliaser (*{event.anchor}) er ikke tillatt i scenariofiler"))
        if getattr(event, "anchor", None):
            raise ScenarioError(Problem("", f"{where}: ankere (&{event.anchor}) er ikke tillatt i scenariofiler"))
        if getattr(event, "tag", None) is not None:
            raise ScenarioError(Problem("", f"{where}: YAML-tagger ({event.tag}) er ikke tillatt i scenariofiler"))
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise ScenarioError(Problem("", f"{where}: for dyp nøsting (mer enn {MAX_DEPTH} nivåer)"))
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:
                raise ScenarioError(Problem("", f"{_where(key_node.start_mark)}: ugyldig nøkkel")) from None
            if duplicate:
                raise ScenarioError(
                    Problem("", f"{_where(key_node.start_mark)}: nøkkelen «{key}» står to ganger i samme blokk")
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _where(mark) -> str:
    return f"linje {mark.line + 1}, kolonne {mark.column + 1}" if mark is not None else "i filen"


_RESOLVERS = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9_]*)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+)"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
]
for _tag, _regexp, _first in _RESOLVERS:
    _StrictLoader.add_implicit_resolver(_tag, re.compile(_regexp), _first)


def decode(data: bytes | str) -> str:
    """Bytes of a scenario file to text: size-capped, UTF-8 (a BOM is dropped), no binary."""
    if isinstance(data, str):
        if len(data.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise ScenarioError(Problem("", f"filen er for stor (over {MAX_BYTES // 1_000_000} MB)"))
        return data.removeprefix("\ufeff")
    if len(data) > MAX_BYTES:
        raise ScenarioError(Problem("", f"filen er for stor (over {MAX_BYTES // 1_000_000} MB)"))
    if b"\x00" in data:
        raise ScenarioError(Problem("", "filen ser ut til å være binær, ikke en YAML-tekstfil"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            Problem("", f"filen er ikke UTF-8-tekst (ugyldig byte ved posisjon {exc.start}); lagre den som UTF-8")
        ) from None


def load_yaml(data: bytes | str) -> Any:
    """Parse one YAML document with the strict loader; every failure is a ScenarioError."""
    text = decode(data)
    if not text.strip():
        raise ScenarioError(Problem("", "filen er tom"))
    loader = _StrictLoader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ScenarioError(Problem("", f"YAML-syntaksfeil på {_where(mark)}: {exc.problem or exc}")) from None
    except yaml.YAMLError as exc:
        raise ScenarioError(Problem("", f"YAML-feil: {exc}")) from None
    except RecursionError:
        raise ScenarioError(Problem("", "filen er nøstet for dypt til å leses")) from None
    finally:
        loader.dispose()


def dump_yaml(data: Any) -> str:
    """Serialise plain data so that load_yaml reads back the same values."""
    return yaml.dump(data, Dumper=_StrictDumper, allow_unicode=True, sort_keys=False, width=100)


class _StrictDumper(yaml.SafeDumper):
    """SafeDumper whose quoting agrees with _StrictLoader (strings that look like numbers are quoted)."""

    def ignore_aliases(self, data):  # never write anchors: the loader refuses them
        return True


# Quote every string that this loader or a YAML 1.1 reader (yes/no, 010, 1:30, dates) would
# read as something else, so saved files mean the same in other tools too.
_StrictDumper.yaml_implicit_resolvers = {
    first: list(resolvers) for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
for _tag, _regexp, _first in _RESOLVERS:
    _StrictDumper.add_implicit_resolver(_tag, re.compile(_regexp), _first)
