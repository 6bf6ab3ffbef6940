"""Click, in Norwegian and quick to start: the help, the usage errors and lazily loaded command groups.

Click's own words are English; a user of `costmodel` reads «Bruk:», «Valg:» and «feil: mangler valget
«--output»». A group named in `Group.lazy` is imported only when it is used, so `costmodel --help` does not
load the database layer (docs/method.md §18).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click
from click import exceptions

HELP = "Vis denne hjelpen og avslutt."


class _Norwegian:
    """Help text headings and the help option in Norwegian (mixed into click's Command and Group)."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Bruk: ")

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        arguments = [p for p in self.get_params(ctx) if isinstance(p, click.Argument)]
        if any(a.help for a in arguments):
            with formatter.section("Argumenter"):
                formatter.write_dl([a.get_help_record(ctx) for a in arguments])

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = [p for p in self.get_params(ctx) if not isinstance(p, click.Argument)]
        rows = [row for row in (p.get_help_record(ctx) for p in params) if row is not None]
        if rows:
            with formatter.section("Valg"):
                formatter.write_dl([(_norwegian(name), _norwegian(text)) for name, text in rows])


WORDS = {"[default: ": "[standard: ", "[required]": "[påkrevd]", " PATH": " FIL", " TEXT": " TEKST"}


def _norwegian(text: str) -> str:
    """Click's words in an option's name and help, in Norwegian."""
    for english, norwegian in WORDS.items():
        text = text.replace(english, norwegian)
    return text


class Command(_Norwegian, click.Command):
    """A command whose help is in Norwegian."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[VALG]")
        super().__init__(*args, **kwargs)


class Group(_Norwegian, click.Group):
    """A group whose help is in Norwegian; `lazy` names subgroups by module, attribute and one-line help, so
    listing them imports nothing."""

    def __init__(self, *args: Any, lazy: dict[str, tuple[str, str, str]] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("no_args_is_help", True)
        kwargs.setdefault("options_metavar", "[VALG]")
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The commands in the order they are defined (the everyday ones first), then the lazy groups."""
        return [*self.commands, *(name for name in self.lazy if name not in self.commands)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            module, attribute, short = self.lazy[name]
            command = getattr(importlib.import_module(module), attribute)
            command.help = command.help or short  # the one-line help is written once, where the group is named
            self.add_command(command, name)
        return super().get_command(ctx, name)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in self.lazy and name not in self.commands:
                rows.append((name, self.lazy[name][2]))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1000)))
        if rows:
            with formatter.section("Kommandoer"):
                formatter.write_dl(rows)


class _Integer(click.ParamType):
    name = "heltall"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            self.fail(f"«{value}» er ikke et heltall", param, ctx)


INTEGER = _Integer()
PATH = click.Path(path_type=Path, dir_okay=True)


def run(
    group: click.Group, args: Sequence[str] | None = None, on_error: Callable[[Exception], int] | None = None
) -> int:
    """Run `group` on `args` (default: the command line) and return the exit code; a usage error is said in
    Norwegian with the usage line (exit 2), and any other exception goes to `on_error`."""
    try:
        code = group.main(args, prog_name="costmodel", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help(), err=True)
        return 2
    except exceptions.UsageError as exc:
        if exc.ctx is not None:
            click.echo(exc.ctx.get_usage(), err=True)
            click.echo(f"Se «{exc.ctx.command_path} --help» for hjelp.", err=True)
        click.echo(f"feil: {usage_problem(exc)}", err=True)
        return 2
    except exceptions.Abort:
        click.echo("Avbrutt.", err=True)
        return 1
    except exceptions.ClickException as exc:
        click.echo(f"feil: {exc.format_message()}", err=True)
        return exc.exit_code
    except Exception as exc:
        if on_error is None:
            raise
        return on_error(exc)


def usage_problem(exc: exceptions.UsageError) -> str:
    """What is wrong with the command line, in Norwegian."""
    if isinstance(exc, exceptions.MissingParameter):
        param = exc.param
        kind = "argumentet" if isinstance(param, click.Argument) else "valget"
        return f"mangler {kind} {_hint(exc)}"
    if isinstance(exc, exceptions.BadParameter):
        return f"ugyldig verdi for {_hint(exc)}: {exc.message}"
    if isinstance(exc, exceptions.NoSuchOption):
        return f"ukjent valg «{exc.option_name}»" + _guess(exc.possibilities)
    if isinstance(exc, exceptions.NoSuchCommand):
        return f"ukjent kommando «{exc.command_name}»" + _guess(exc.possibilities)
    if isinstance(exc, exceptions.BadOptionUsage) and exc.message.endswith("requires an argument."):
        return f"valget «{exc.option_name}» trenger en verdi"
    extra = re.match(r"Got unexpected extra arguments? \((.*)\)", exc.message)
    if extra:
        return f"for mange argumenter: {extra.group(1)}"
    return exc.message


def _hint(exc: exceptions.BadParameter) -> str:
    if exc.param is None:
        return str(exc.param_hint or "")
    if isinstance(exc.param, click.Argument):
        return exc.param.human_readable_name
    return " / ".join(f"«{name}»" for name in exc.param.opts)


def _guess(possibilities: Sequence[str] | None) -> str:
    return f"; mente du {' eller '.join(f'«{p}»' for p in possibilities)}?" if possibilities else ""
