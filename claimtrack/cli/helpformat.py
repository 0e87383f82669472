"""Our --help: plain text whose names are never cut and whose metavars are words.

Typer's own plain help shows Python types as metavars (``<list[Path]>``,
``<int range>``, ``REPORT <str>`` for an argument with a metavar) and rich's
boxed help cuts long option names at 80 columns.  The command and group
classes here (passed to typer through its documented ``cls=``, by the
:class:`Typer` below) write the Arguments and Options sections themselves from
public parameter attributes and the command function's type hints:

- a metavar is a word: the parameter's own ``metavar``, else ``FORMAT`` for a
  choice (named after the option), ``PATH``, ``N``, ``SECONDS``, ``DURATION``,
  ``URL``, ``TEXT``; ``...`` when it takes several values;
- the choices are listed once, in the help text (not again if the text names them);
- ranges, defaults and "required" are said in words;
- an option name is never cut: a long one gets its help on the next line;
- an epilog keeps its line breaks, so examples can be copied as written.

``tests/test_help.py`` renders every command's help at 80 and 120 columns.
"""

from __future__ import annotations

import enum
import inspect
import types
import typing
from pathlib import Path
from typing import Any, Optional

import typer
from typer.core import TyperCommand, TyperGroup

# Words for string values, by a word in the parameter's name.
_NAMED = {
    "interval": "DURATION",
    "url": "URL",
    "api": "URL",
    "shard": "I/N",
    "agent": "TEXT",
    "method": "METHOD",
    "report": "REPORT",
    "style": "STYLE",
    "query": "QUERY",
    "search": "QUERY",
    "key": "KEY",
    "keys": "KEY",
    "exclude": "REGEX",
    "deny": "CIDR",
    "since": "DATE",
}


def _hints(command: Any) -> dict[str, Any]:
    callback = getattr(command, "callback", None)
    if callback is None:
        return {}
    try:
        return typing.get_type_hints(inspect.unwrap(callback))
    except Exception:  # an unresolvable hint: fall back to names alone
        return {}


def _unwrap(hint: Any) -> tuple[Any, bool]:
    """The value type behind Optional[...] and list[...], and whether it is a list."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = args[0] if len(args) == 1 else str
    if typing.get_origin(hint) in (list, tuple):
        args = typing.get_args(hint)
        return (args[0] if args else str), True
    return hint, False


def _long_name(param: Any) -> str:
    opts = [o for o in param.opts if o.startswith("--")] or list(param.opts) or [param.name or ""]
    return max(opts, key=len).lstrip("-")


def choices(param: Any, hint: Any) -> Optional[list[str]]:
    value_type, _ = _unwrap(hint)
    if isinstance(value_type, type) and issubclass(value_type, enum.Enum):
        return [str(member.value) for member in value_type]
    return None


def metavar(param: Any, hint: Any) -> Optional[str]:
    """The metavar of ``param`` in words (None for a flag)."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    value_type, several = _unwrap(hint)
    several = several or param.nargs != 1 or bool(getattr(param, "multiple", False))
    if param.metavar:
        word = param.metavar
        return (
            word if word.endswith("...") or not several or param.param_type_name == "option" else word + "..."
        )
    name = _long_name(param) if param.param_type_name == "option" else (param.name or "value")
    if choices(param, hint):
        word = name.upper().replace("_", "-")
    elif value_type is Path:
        word = "PATH"
    elif value_type is int:
        word = "N"
    elif value_type is float:
        word = "SECONDS" if "timeout" in name else "NUMBER"
    else:
        parts = name.replace("-", "_").split("_")
        word = next((_NAMED[p] for p in reversed(parts) if p in _NAMED), None)
        if word is None:
            word = name.upper().rstrip("S") if param.param_type_name == "argument" else "TEXT"
    if param.param_type_name == "argument" and several:
        word = word.removesuffix("S") if word.endswith("HS") else word
        return word + "..."
    return word


def _range(param: Any) -> Optional[str]:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"at least {low}"
    if high is not None:
        return f"at most {high}"
    return None


def _default(param: Any) -> Optional[str]:
    if param.param_type_name != "option" or getattr(param, "is_flag", False):
        return None
    show = getattr(param, "show_default", None)
    if isinstance(show, str):
        return show
    if show is False:
        return None
    default = param.default
    if callable(default) or default is None or default == () or default == []:
        return None
    if isinstance(default, enum.Enum):
        default = default.value
    return str(default)


def help_text(param: Any, hint: Any) -> str:
    text = " ".join((param.help or "").split())
    extra = []
    listed = choices(param, hint)
    if listed and not all(choice in text for choice in listed):
        extra.append("one of " + ", ".join(listed))
    span, default = _range(param), _default(param)
    if span:
        extra.append(span)
    if default:
        extra.append(f"default: {default}")
    if param.required:
        extra.append("required")
    if extra:
        text = f"{text} ({'; '.join(extra)})" if text else f"({'; '.join(extra)})"
    return text


def record(param: Any, hint: Any) -> tuple[str, str]:
    word = metavar(param, hint)
    if param.param_type_name == "argument":
        return word or (param.name or "").upper(), help_text(param, hint)
    names = ", ".join(sorted(param.opts, key=lambda o: (o.startswith("--"), o)))
    if word:
        names += f" {word}"
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    return names, help_text(param, hint)


def usage_piece(param: Any, hint: Any) -> str:
    word = metavar(param, hint) or (param.name or "").upper()
    several = word.endswith("...")
    word = word.removesuffix("...")
    piece = word if param.required else f"[{word}]"
    return piece + ("..." if several else "")


def _sections(command: Any, ctx: Any, formatter: Any) -> None:
    hints = _hints(command)
    args, opts = [], []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        row = record(param, hints.get(param.name))
        (args if param.param_type_name == "argument" else opts).append(row)
    for title, rows in (("Arguments", args), ("Options", opts)):
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


def _usage(command: Any, ctx: Any) -> list[str]:
    hints = _hints(command)
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if param.param_type_name == "argument":
            pieces.append(usage_piece(param, hints.get(param.name)))
    return pieces


def command_path(ctx: Any) -> str:
    """``links check`` for ``claimtrack links check``, whatever the program is called."""
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names))


def _epilog(command: Any, ctx: Any, formatter: Any) -> None:
    """The epilog as written (line breaks kept), then the command's examples."""
    from .examples import EXAMPLES

    text = inspect.cleandoc(command.epilog or "")
    examples = EXAMPLES.get(command_path(ctx), [])
    if examples:
        text = "\n\n".join(filter(None, [text, "\n".join(["Examples:", *(f"  $ {e}" for e in examples)])]))
    if not text:
        return
    formatter.write_paragraph()
    with formatter.indentation():
        for paragraph in text.split("\n\n"):
            lines = paragraph.splitlines()
            if len(lines) > 1:  # a list or examples: as written
                for line in lines:
                    formatter.write(f"{'':>{formatter.current_indent}}{line.rstrip()}\n")
            else:
                formatter.write_text(paragraph)
            formatter.write_paragraph()


# typer reports a bad value in pydantic's words; ours say what the option takes.
_PYDANTIC_WORDS = (
    ("Value error, ", ""),
    ("Input should be a valid integer, unable to parse string as an integer", "should be a whole number"),
    ("Input should be a valid number, unable to parse string as a number", "should be a number"),
    ("Input should be a valid integer", "should be a whole number"),
    ("Input should be greater than or equal to", "should be at least"),
    ("Input should be less than or equal to", "should be at most"),
    ("Input should be greater than", "should be more than"),
    ("Input should be less than", "should be less than"),
    ("Input should be", "should be"),
)


def plain_error(message: str) -> str:
    """``message`` of a bad option value without pydantic's wording ("Value error, ...")."""
    for theirs, ours in _PYDANTIC_WORDS:
        message = message.replace(theirs, ours)
    return message


class HelpCommand(TyperCommand):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except typer.BadParameter as exc:
            exc.message = plain_error(exc.message)
            raise

    def format_options(self, ctx: Any, formatter: Any) -> None:
        _sections(self, ctx, formatter)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return _usage(self, ctx)

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        _epilog(self, ctx, formatter)


class HelpGroup(TyperGroup):
    def format_options(self, ctx: Any, formatter: Any) -> None:
        _sections(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with its whole first sentence (wrapped, not cut with "...")."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not getattr(command, "hidden", False):
                rows.append((name, command.get_short_help_str(limit=1000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        _epilog(self, ctx, formatter)


class Typer(typer.Typer):
    """typer.Typer whose groups and commands print our help (plain text, see the module doc)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", HelpGroup)
        kwargs.setdefault("rich_markup_mode", None)
        kwargs.setdefault(
            "context_settings", {"help_option_names": ["-h", "--help"], "max_content_width": 120}
        )
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", HelpCommand)
        return super().command(*args, **kwargs)
