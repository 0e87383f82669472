"""Typer commands that parse their options without importing pydantic.

typer 0.2x coerces every option value through a pydantic ``TypeAdapter``:
the first non-flag option of a run imports pydantic and its plugin loader
(about 70 ms here) and builds an adapter per option.  The lookups must answer
in under 150 ms, so their commands use :class:`FastCommand`, which gives the
simple parameters (str, int with min/max, Path, an Enum, or Optional of
these) a plain coercion using typer's own pydantic-free helpers, with the same
messages.  Anything else keeps typer's coercion.  If typer's internals move,
nothing breaks: the commands fall back to typer's coercion, only slower.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Optional, Union, get_args, get_origin

from typer.core import TyperCommand, TyperGroup

try:
    from typer._click.exceptions import BadParameter
    from typer._coercion import RuntimeParam
    from typer._param_types import coerce_cli_choice, coerce_cli_path
    from typer.core import _TyperParameter
except ImportError:  # another typer: keep its own coercion
    RuntimeParam = None  # type: ignore[assignment,misc]


def _plain_type(annotation: Any) -> Optional[type]:
    """``X`` for X or Optional[X] when X is a type we coerce ourselves."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            return None
        annotation = args[0]
    if annotation in (str, int, bool, Path) or (
        isinstance(annotation, type) and issubclass(annotation, Enum)
    ):
        return annotation
    return None


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _PlainParam(RuntimeParam):  # type: ignore[misc,valid-type]
        target: type = str

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            info = self.parameter_info
            if info.parser is not None:
                return info.parser(value)
            if self.target is str:
                return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
            if issubclass(self.target, Enum):
                try:
                    return coerce_cli_choice(
                        value, choices=list(self.target), case_sensitive=info.case_sensitive, ctx=ctx
                    )
                except ValueError as exc:
                    raise BadParameter(str(exc), ctx=ctx, param=param) from None
            if self.target is int:
                return self._int(value, param, ctx)
            if self.target is bool:
                return self._bool(value, param, ctx)
            path_type = info.path_type or Path
            # Given a Path already, typer's helper skips its pydantic conversion.
            value = value if isinstance(value, path_type) else path_type(value)
            return coerce_cli_path(value, info, path_type=path_type, param=param, ctx=ctx)

        def _bool(self, value: Any, param: Any, ctx: Any) -> bool:
            if isinstance(value, bool):
                return value
            word = str(value).strip().lower()
            if word in ("", "0", "false", "f", "no", "n", "off"):
                return False
            if word in ("1", "true", "t", "yes", "y", "on"):
                return True
            raise BadParameter(f"{value!r} is not a valid boolean.", ctx=ctx, param=param)

        def _int(self, value: Any, param: Any, ctx: Any) -> int:
            info = self.parameter_info
            try:
                number = int(value)
            except (TypeError, ValueError):
                raise BadParameter(f"{value!r} is not a valid integer.", ctx=ctx, param=param) from None
            if info.min is not None and number < info.min:
                raise BadParameter(f"{number} is smaller than the minimum {info.min}.", ctx=ctx, param=param)
            if info.max is not None and number > info.max:
                raise BadParameter(f"{number} is bigger than the maximum {info.max}.", ctx=ctx, param=param)
            return number


def _speed_up(params: list[Any]) -> None:
    if RuntimeParam is None:
        return
    for param in params:
        if not isinstance(param, _TyperParameter) or getattr(param, "_runtime_param", None) is not None:
            continue
        descriptor = getattr(param, "type_descriptor", None)
        info = getattr(descriptor, "parameter_info", None)
        target = _plain_type(getattr(descriptor, "annotation", None))
        if target is None or info is None or getattr(info, "clamp", False):
            continue
        param._runtime_param = _PlainParam(
            parameter_info=info, annotation=descriptor.annotation, target=target
        )


class FastCommand(TyperCommand):
    """A typer command whose simple parameters are parsed without pydantic."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _speed_up(self.get_params(ctx))
        return super().parse_args(ctx, args)


class FastGroup(TyperGroup):
    """The same for a group's own options (the root's --install-completion...)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _speed_up(self.get_params(ctx))
        return super().parse_args(ctx, args)
