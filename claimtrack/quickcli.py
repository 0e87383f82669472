"""The quick path: the lookup commands answered before typer is imported.

A lookup must answer near Python's own start-up, and importing typer alone
costs twice that.  So the commands marked ``@quick(function)`` in the CLI are
described once, from typer's own definition, through typer's public
``typer.main.get_command`` (the Click command it builds, with the names, flags
and defaults of its parameters) and the type hints of the command function.
The description is kept in a small JSON file in the user's cache directory,
named by a hash of the CLI's source files, so an edited or upgraded CLI is
described again on its next run.  Typer stays the single definition of every
command, option and --help.

The quick parser handles only the plain, well-formed case: known options (long
or short, ``--opt=value``), flags, positional arguments, ``--``, and values
that convert cleanly (an int within its bounds, one of an enum's values, a
directory for a path).  Anything else (``--help``, an unknown or repeated
flag spelling, a bad value, a missing argument, shell completion) goes to
typer, so every message and every error stays typer's own.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

from . import __version__

MARK = "__claimtrack_quick__"  # the attribute @quick puts on a command function
COMPLETES = "__claimtrack_completes__"  # on a completion callback: what it lists (see lookups.complete)
_FALLBACK = object()  # "let typer do it"


def quick(target: Callable[..., Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a typer command as runnable by ``target`` (a typer-free function taking the same parameters)."""

    def mark(func: Callable[..., Any]) -> Callable[..., Any]:
        setattr(func, MARK, f"{target.__module__}:{target.__name__}")
        return func

    return mark


# -- where the description lives ---------------------------------------------


def _fingerprint() -> str:
    """A hash of everything that defines the CLI: our version and the cli/ sources."""
    import zlib  # a checksum is enough to notice an edit; hashlib costs a few ms to import

    digest = zlib.crc32(f"{__version__} {sys.version_info[:2]}".encode())
    here = os.path.dirname(__file__)
    folder = os.path.join(here, "cli")
    files = [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(".py")]
    for path in [*files, __file__, os.path.join(here, "lookups.py")]:
        with open(path, "rb") as handle:
            digest = zlib.crc32(path.encode() + b"\0" + handle.read(), digest)
    # typer itself: an upgrade may change its parsing or its completion protocol
    for entry in sys.path:
        typer_init = os.path.join(entry or ".", "typer", "__init__.py")
        if os.path.isfile(typer_init):
            st = os.stat(typer_init)
            digest = zlib.crc32(f"{typer_init}:{st.st_size}:{st.st_mtime_ns}".encode(), digest)
            break
    return f"{digest:08x}"


def spec_path() -> Path:
    base = os.environ.get("CLAIMTRACK_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "claimtrack"
    )
    return Path(base) / f"cli-{_fingerprint()}.json"


def enabled() -> bool:
    return not os.environ.get("CLAIMTRACK_NO_QUICK")


def _completion_var() -> str:
    """The variable typer's completion scripts set, named after the program (``_CLAIMTRACK_COMPLETE``)."""
    prog = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "claimtrack"
    return f"_{prog}_COMPLETE".replace("-", "_").upper()


# -- describing the commands (typer imported) -------------------------------


def remember(app: Any) -> None:
    """Write the description of the ``@quick`` commands of ``app``, unless it is there already."""
    path = spec_path()
    if path.exists():
        return
    import typer.main

    commands: dict[str, Any] = {}
    _walk(typer.main.get_command(app), [], commands)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"commands": commands}, indent=1), "utf-8")
        os.replace(tmp, path)
    except OSError:  # a read-only home: the commands just stay on typer's path
        pass


def _walk(command: Any, path: list[str], out: dict[str, Any]) -> None:
    for name, sub in (getattr(command, "commands", None) or {}).items():
        _walk(sub, [*path, name], out)
    target = getattr(getattr(command, "callback", None), MARK, None)
    if target:
        described = describe(command)
        if described is not None:
            out[" ".join(path)] = {"target": target, "params": described}


def describe(command: Any) -> Optional[list[dict[str, Any]]]:
    """The parameters of a Click command in the terms the quick parser needs (None: not describable)."""
    import enum
    import types
    import typing

    hints = typing.get_type_hints(command.callback)
    # The typer.Option/typer.Argument objects our own signature holds: their documented
    # ``autocompletion`` argument, when it is one of our completers, says what it lists.
    import inspect

    declared = inspect.signature(command.callback).parameters
    params = []
    for param in command.params:
        hint = hints.get(param.name)
        variadic = (
            param.nargs == -1 and param.param_type_name == "argument" and typing.get_origin(hint) is list
        )
        kind = _kind(typing.get_args(hint)[0] if variadic else hint, enum, types, typing)
        default = param.default
        if isinstance(default, enum.Enum):
            default = default.value
        if kind is None or param.nargs != (-1 if variadic else 1) or param.multiple:
            return None
        if getattr(param, "envvar", None):
            return None
        if default is not None and not isinstance(default, str | int | float | bool):
            return None
        params.append(
            {
                "name": param.name,
                "option": param.param_type_name == "option",
                "opts": list(param.opts),
                "off": list(param.secondary_opts),
                "flag": bool(getattr(param, "is_flag", False)),
                "variadic": variadic,
                "required": bool(param.required),
                "default": default,
                "type": kind[0],
                "choices": kind[1],
                "min": getattr(param, "min", None),
                "max": getattr(param, "max", None),
                "complete": getattr(
                    getattr(getattr(declared.get(param.name), "default", None), "autocompletion", None),
                    COMPLETES,
                    None,
                ),
            }
        )
    return params


def _kind(hint: Any, enum: Any, types: Any, typing: Any) -> Optional[tuple[str, Optional[list[str]]]]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = args[0] if len(args) == 1 else None
    if hint in (str, int, bool, float):
        return hint.__name__, None
    if hint is Path:
        return "path", None
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return "choice", [str(member.value) for member in hint]
    return None


# -- running (typer not imported) -------------------------------------------


def _commands() -> Optional[dict[str, Any]]:
    try:
        with open(spec_path(), encoding="utf-8") as handle:
            return json.load(handle)["commands"]
    except (OSError, ValueError, KeyError):
        return None


def run(argv: list[str]) -> Optional[int]:
    """Run ``argv`` on the quick path and return its exit code, or None to let typer run it."""
    if not enabled():
        return None
    if os.environ.get(_completion_var()):
        return complete()
    argv = _globals(argv)
    commands = _commands() if argv else None  # None: typer's turn
    if commands is None:
        return None
    for size in (2, 1):
        entry = commands.get(" ".join(argv[:size]))
        if entry is not None:
            break
    else:
        return None
    values = parse(entry["params"], argv[size:])
    if values is None:
        return None
    module, _, name = entry["target"].partition(":")
    if not module.startswith("claimtrack."):  # the cache names our own functions, nothing else
        return None
    __import__(module)
    target = getattr(sys.modules[module], name)
    try:
        target(**values)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def _globals(argv: list[str]) -> Optional[list[str]]:
    """``argv`` without the options before the command (--root, -q, -v), which are applied here.

    The same as cli/_app.apply_globals does; anything unusual (a missing
    directory, both -q and -v, --help) is left to typer, by returning None.
    """
    from . import chatter
    from .rootdir import use_root

    root, level, i = None, chatter.NORMAL, 0
    while i < len(argv) and argv[i].startswith("-"):
        arg = argv[i]
        if arg in ("-q", "--quiet", "-v", "--verbose"):
            wanted = chatter.QUIET if arg in ("-q", "--quiet") else chatter.VERBOSE
            if level not in (chatter.NORMAL, wanted):
                return None
            level, i = wanted, i + 1
        elif arg == "--root" and i + 1 < len(argv):
            root, i = argv[i + 1], i + 2
        elif arg.startswith("--root="):
            root, i = arg.partition("=")[2], i + 1
        else:
            return None
    if root is not None and not os.path.isdir(root):
        return None
    if i:
        chatter.set_level(level)
        use_root(Path(root) if root is not None else None)
    return argv[i:]


def parse(params: list[dict[str, Any]], args: list[str]) -> Optional[dict[str, Any]]:
    """Option and argument values by parameter name, or None when typer should judge ``args``."""
    options: dict[str, tuple[dict[str, Any], bool]] = {}
    for p in params:
        if p["option"]:
            options.update({o: (p, True) for o in p["opts"]})
            options.update({o: (p, False) for o in p["off"]})
    positional = [p for p in params if not p["option"]]
    given: dict[str, Any] = {}
    words: list[str] = []
    i, only_words = 0, False
    while i < len(args):
        arg = args[i]
        i += 1
        if only_words or arg == "-" or not arg.startswith("-"):
            words.append(arg)
            continue
        if arg == "--":
            only_words = True
            continue
        name, eq, attached = arg.partition("=") if arg.startswith("--") else (arg[:2], "", arg[2:])
        found = options.get(name)
        if found is None:
            return None
        param, on = found
        if param["name"] in given:  # repeated: typer decides what that means
            return None
        if param["flag"]:
            if eq or attached:
                return None
            given[param["name"]] = on
            continue
        if eq or attached:
            raw = attached
        elif i < len(args):
            raw, i = args[i], i + 1
        else:
            return None
        value = convert(param, raw)
        if value is _FALLBACK:
            return None
        given[param["name"]] = value
    for param in positional:
        if not words:
            break
        taken, words = (words, []) if param.get("variadic") else (words[:1], words[1:])
        values = [convert(param, word) for word in taken]
        if _FALLBACK in values:
            return None
        given[param["name"]] = values if param.get("variadic") else values[0]
    if words:  # more words than arguments
        return None
    for param in params:
        if param["name"] not in given:
            if param["required"]:
                return None
            default = param["default"]
            given[param["name"]] = Path(default) if param["type"] == "path" and default else default
    return given


def convert(param: dict[str, Any], raw: str) -> Any:
    kind = param["type"]
    if kind == "str":
        return raw
    if kind in ("int", "float"):
        try:
            number = int(raw) if kind == "int" else float(raw)
        except ValueError:
            return _FALLBACK
        low, high = param["min"], param["max"]
        if (low is not None and number < low) or (high is not None and number > high):
            return _FALLBACK
        return number
    if kind == "choice":
        return raw if raw in param["choices"] else _FALLBACK
    if kind == "path":
        return Path(raw) if os.path.isdir(raw) else _FALLBACK
    return _FALLBACK


# -- shell completion (typer not imported) -----------------------------------
#
# typer's completion scripts run the program with _CLAIMTRACK_COMPLETE set and
# the words typed so far in COMP_WORDS/COMP_CWORD (bash) or _TYPER_COMPLETE_ARGS
# (zsh, fish).  The values of an argument or option value whose completer we
# know are answered here in typer's output format; everything else (command and
# option names, source scripts) goes to typer.  tests/lookup/test_cli_options.py
# checks the answers against typer's own, shell by shell.


def _typed(instruction: str) -> Optional[tuple[list[str], str]]:
    import shlex

    try:
        if instruction == "complete_bash":
            words = shlex.split(os.environ.get("COMP_WORDS", ""))
            cword = int(os.environ.get("COMP_CWORD", ""))
            return words[1:cword], (words[cword] if cword < len(words) else "")
        if instruction in ("complete_zsh", "complete_fish"):
            line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
            words = shlex.split(line)[1:]
            if words and not line.endswith(" "):
                return words[:-1], words[-1]
            return words, ""
    except ValueError:  # an open quote, a bad number: typer's parser decides
        return None
    return None


def _target(params: list[dict[str, Any]], args: list[str]) -> Optional[tuple[dict[str, Any], dict[str, str]]]:
    """The parameter whose value is being typed after ``args``, and the values given so far."""
    options = {o: p for p in params if p["option"] for o in p["opts"] + p["off"]}
    positional = [p for p in params if not p["option"]]
    given: dict[str, str] = {}
    words, i = 0, 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg.startswith("-") and arg != "-":
            param = options.get(arg)
            if param is None:
                return None
            if param["flag"]:
                continue
            if i == len(args):  # the option's value is what is being typed
                return param, given
            given[param["name"]] = args[i]
            i += 1
            continue
        if words < len(positional):
            given[positional[words]["name"]] = arg
        words += 1
    if words < len(positional):
        return positional[words], given
    if positional and positional[-1].get("variadic"):
        return positional[-1], given
    return None


def _zsh_escape(text: str) -> str:
    return (
        text.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )


def complete() -> Optional[int]:
    instruction = os.environ.get(_completion_var(), "")
    fish_action = os.environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
    if instruction == "complete_fish" and fish_action not in ("get-args", "is-args"):
        return None
    typed = _typed(instruction)
    commands = _commands() if typed else None
    if typed is None or commands is None:
        return None
    args, incomplete = typed
    args = _globals(args)  # `claimtrack --root DIR claims show <TAB>` completes from DIR
    if args is None:
        return None
    size = next((n for n in (2, 1) if " ".join(args[:n]) in commands and len(args) >= n), 0)
    if not size or incomplete.startswith("-"):
        return None
    found = _target(commands[" ".join(args[:size])]["params"], args[size:])
    if found is None or not found[0].get("complete"):
        return None
    param, given = found
    from .lookups import complete as values_for

    root = Path(given["root"]) if given.get("root") else None
    values = values_for(param["complete"], root, incomplete, given.get("report", ""))
    if instruction == "complete_bash":
        print("\n".join(values))
    elif instruction == "complete_zsh":
        listed = "\n".join(f'"{_zsh_escape(v)}"' for v in values)
        print(f"_arguments '*: :(({listed}))'" if values else "_files")
    elif fish_action == "get-args":
        if values:
            print("\n".join(values))
        else:
            print("")
    else:
        return 0 if values else 1
    return 0
