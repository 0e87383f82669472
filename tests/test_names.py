"""Names (claim ids, citekeys, reports): exact or a unique prefix everywhere; closest matches; completion."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys

import pytest
import typer.main
from ct_helpers import REPO, Cli

from claimtrack import names
from claimtrack.cli import app
from claimtrack.errors import UsageError


def test_resolve_exact_prefix_ambiguous_unknown():
    known = ["reutersturkey", "reutersarmenia", "epdk2020gas"]
    assert names.resolve("epdk2020gas", known, "citekey") == "epdk2020gas"
    assert names.resolve("epdk", known, "citekey") == "epdk2020gas"
    with pytest.raises(UsageError, match="ambiguous citekey 'reuters': reutersarmenia, reutersturkey"):
        names.resolve("reuters", known, "citekey")
    with pytest.raises(UsageError, match="unknown citekey 'reutersturky'; closest: reutersturkey"):
        names.resolve("reutersturky", known, "citekey")
    # a mistyped short prefix still finds the long ids it was meant for
    assert names.closest("005", ["004_7e88fde1e0fb7812", "000_f3de1e5d7ccbdab7", "zzz"]) == [
        "000_f3de1e5d7ccbdab7",
        "004_7e88fde1e0fb7812",
    ]
    # nothing close, few names: all of them
    with pytest.raises(UsageError, match="known: a1, b2"):
        names.resolve("nosuch", ["a1", "b2"], "report")


FULL = {"cca4": "cca4bfc6876", "reutersturk": "reutersturkey", "004_7e": "004_7e88fde1e0fb7812",
        "004_7": "004_7e88fde1e0fb7812"}  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ["claims", "show", "cca4"],
        ["refs", "show", "reutersturk"],
        ["export", "--keys", "reutersturk"],
        ["export", "--claims", "cca4"],
        ["claims", "list", "--report", "004_7e"],
        ["footnote", "004_7", "21"],
        ["xref", "--report", "004_7", "--table", "summary"],
        ["audit", "004_7", "--format", "json"],
    ],
)
def test_a_unique_prefix_is_the_name(bundled, args):
    by_prefix = Cli(bundled)(*args, code=None)
    assert by_prefix.exit_code in (0, 1), by_prefix.stderr
    by_name = Cli(bundled)(*[FULL.get(a, a) for a in args], code=None)
    assert by_prefix.stdout == by_name.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["footnote", "005", "1"],
            "unknown report '005'; closest: 000_f3de1e5d7ccbdab7, 004_7e88fde1e0fb7812",
        ),
        (["xref", "--report", "nosuch"], "unknown report 'nosuch'; known: 000_f3de1e5d7ccbdab7"),
        (["claims", "search", "gas", "--report", "nosuch"], "unknown report 'nosuch'; known:"),
        (["claims", "list", "--report", "nosuch"], "unknown report 'nosuch'; known:"),
        (["export", "--report", "005"], "unknown report '005'; closest:"),
        (["audit", "005"], "unknown report '005'; closest:"),
        (["claims", "show", "cca4bfc6877"], "unknown claim id 'cca4bfc6877'; closest: cca4bfc6876"),
        (["refs", "show", "reutersturky"], "unknown reference 'reutersturky'; closest: reutersturkey"),
        (["export", "--keys", "reutersturky"], "unknown citekey 'reutersturky'; closest: reutersturkey"),
        (["cite", "cca4", "reutersturky"], "unknown citekey 'reutersturky'; closest: reutersturkey"),
        (["claims", "show", "c"], "ambiguous claim id 'c': "),
        (["claims", "list", "--report", "00"], "ambiguous report '00'"),
    ],
)
def test_an_unknown_name_gets_the_closest(bundled, args, said):
    result = Cli(bundled)(*args, code=2)
    assert said in result.stderr
    assert "Traceback" not in result.stderr


# Parameters that take a name, by parameter name: each must complete in the shell.
NAMED = {"report", "keys", "key", "claims", "claim", "claim_id", "label"}


def _params():
    def walk(command, path=()):
        for name, sub in (getattr(command, "commands", None) or {}).items():
            yield from walk(sub, (*path, name))
        callback = getattr(command, "callback", None)
        if callback is not None and not getattr(command, "commands", None):
            declared = inspect.signature(callback).parameters
            for param in command.params:
                yield " ".join(path), param.name, declared.get(param.name)

    yield from walk(typer.main.get_command(app))


def test_every_name_completes():
    missing = [
        f"{path} {name}"
        for path, name, declared in _params()
        if name in NAMED and not getattr(getattr(declared, "default", None), "autocompletion", None)
    ]
    assert not missing, f"names without shell completion: {missing}"
    audit_paths = [d for p, n, d in _params() if p == "audit" and n == "paths"]
    assert audit_paths[0].default.autocompletion


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("claimtrack claims list --report 004", ["004_7e88fde1e0fb7812"]),
        ("claimtrack export --report 00", ["000_f3de1e5d7ccbdab7", "004_7e88fde1e0fb7812"]),
        ("claimtrack export --keys epdk,reutersturk", ["epdk,reutersturkey"]),
        ("claimtrack audit 004", ["004_7e88fde1e0fb7812"]),
        ("claimtrack cite cca4 reutersturk", ["reutersturkey"]),
        ("claimtrack review cca4", ["cca4bfc6876"]),
    ],
)
def test_completion_in_bash(bundled, tmp_path, line, expected):
    words = line.split()
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "CLAIMTRACK_CACHE_DIR": str(tmp_path),
        "_CLAIMTRACK_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
    }
    probe = "import sys\nsys.argv[0] = 'claimtrack'\nfrom claimtrack.launch import main\nmain()\n"
    done = subprocess.run([sys.executable, "-c", probe], cwd=bundled, env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.stdout.split() == expected, done.stderr


@pytest.mark.parametrize("quick", [True, False])
def test_completion_with_root_before_the_command(bundled, tmp_path, quick):
    line = f"claimtrack --root {bundled} claims show cca4"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "CLAIMTRACK_CACHE_DIR": str(tmp_path / "cache"),
        "_CLAIMTRACK_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(line.split()) - 1),
    }
    if not quick:
        env["CLAIMTRACK_NO_QUICK"] = "1"
    probe = "import sys\nsys.argv[0] = 'claimtrack'\nfrom claimtrack.launch import main\nmain()\n"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for _ in range(2):  # the second run is the quick path's, once the CLI is described
        done = subprocess.run([sys.executable, "-c", probe], cwd=elsewhere, env=env, capture_output=True,
                              text=True, timeout=120)  # fmt: skip
        assert done.stdout.split() == ["cca4bfc6876"], done.stderr
