"""--help of every command, at 80 and 120 columns: nothing cut, metavars in words, nothing past the width.

The commands are found by walking typer's own Click tree, so a new command is
checked without being listed here.
"""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from claimtrack.cli import app

# Python types as typer prints them: <str>, <list[Path]>, <int range>, [x>=1], REPORT <str>...
PYTHON_TYPE = re.compile(
    r"<(str|int|float|bool|path|dir|list\[[^\]]*\]|[a-z]+ range|[a-z-]+(\|[a-z-]+)+)>|\bx[<>]=?\s*[\d.]"
)


def _commands(command, path=()):
    yield path, command
    for name, sub in (getattr(command, "commands", None) or {}).items():
        yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(typer.main.get_command(app)))
IDS = [" ".join(path) or "claimtrack" for path, _ in COMMANDS]


def _help(path, columns):
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_is_walked():
    names = set(IDS)
    assert {"claimtrack", "links check", "claims list", "refs import", "audit", "cite"} <= names


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_reads_well(path, command, columns):
    text = _help(path, columns)
    assert "\x1b[" not in text
    for line in text.splitlines():
        assert len(line) <= columns, f"over {columns} columns: {line!r}"
        assert line == line.rstrip(), f"trailing spaces: {line!r}"
        assert "…" not in line, f"cut: {line!r}"
        assert not PYTHON_TYPE.search(line), f"a Python type as metavar: {line!r}"
        assert "\\[" not in line, f"rich markup escape: {line!r}"
    # every option name appears whole (the longest spelling of each)
    for param in command.params:
        if getattr(param, "hidden", False) or param.param_type_name != "option":
            continue
        for opt in [*param.opts, *param.secondary_opts]:
            assert re.search(rf"(^|[\s,/]){re.escape(opt)}($|[\s,])", text, re.M), f"{opt} missing or cut"


@pytest.mark.parametrize(
    ("path", "command"),
    [c for c in COMMANDS if not hasattr(c[1], "commands")],
    ids=[i for i, c in zip(IDS, COMMANDS, strict=True) if not hasattr(c[1], "commands")],
)
def test_every_command_shows_an_example(path, command):
    text = _help(path, 120)
    assert "Examples:" in text
    example_lines = [line.strip() for line in text.splitlines() if line.strip().startswith("$ claimtrack ")]
    assert example_lines, "no example line"
    for line in example_lines:  # an example runs the command it documents
        assert line.startswith("$ claimtrack " + " ".join(path)), line


def test_choices_listed_once():
    options = _help(["claims", "list"], 80).split("Options:")[1].split("Examples:")[0]
    assert options.count("json") == 1
    text = _help(["audit"], 80)
    assert "one of error, warning, info" in " ".join(text.split())


def test_a_long_option_name_keeps_its_help_on_the_next_line():
    text = _help(["links", "check"], 80)
    assert "  --host-request-interval DURATION\n" in text
    assert "  --deny-loopback / --allow-loopback\n" in text


def test_arguments_take_words():
    assert "Usage: claimtrack links check [OPTIONS] [PATH]..." in _help(["links", "check"], 80)
    assert re.search(r"^  PATH\.\.\.\s", _help(["links", "check"], 80), re.M)


def test_command_lists_are_not_cut():
    for path in ([], ["claims"], ["refs"], ["links"]):
        commands = _help(path, 80).split("Commands:")[1]
        assert not any(line.rstrip().endswith("...") for line in commands.splitlines()), commands
