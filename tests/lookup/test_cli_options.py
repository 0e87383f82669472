"""The lookup commands answer without importing typer, rich or pydantic, with typer's usual errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import sys
sys.argv = ["claimtrack", *sys.argv[1:]]
from claimtrack.launch import main
try:
    main()
except SystemExit:
    pass
print("loaded:", sorted(m for m in ("typer", "rich", "pydantic", "yaml") if m in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["claims", "search", "gas", "--limit", "3", "--report", "turkey"],
        ["claims", "show", "turkey-c001", "--format", "json"],
        ["refs", "show", "epdk2020gas"],
        ["footnote", "turkey", "21"],
        ["claims", "search", "-n5", "--report=turkey", "--uncited", "gas"],
        ["xref", "--report", "iran", "--table", "claims", "--format", "csv"],
    ],
)
def test_a_fresh_lookup_imports_neither_typer_nor_rich_nor_pydantic(sample, tmp_path, args):
    # typer, rich and pydantic cost ~50 ms each to import: a lookup whose index is fresh pays none.
    # The first run (typer's) describes the quick commands in the cache directory.
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "CLAIMTRACK_CACHE_DIR": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", PROBE, *args, "--root", str(sample)], env=env,
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert first.returncode == 0, first.stderr
    again = subprocess.run([sys.executable, "-c", PROBE, *args, "--root", str(sample)], env=env,
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert "loaded: []" in again.stderr, again.stderr
    assert again.stdout == first.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claims", "search", "gas", "--limit", "0"], "Invalid value for '--limit' / '-n'"),
        (["claims", "search", "gas", "--limit", "many"], "should be a whole number"),
        (["claims", "show", "x", "--format", "xml"], "'xml' is not one of 'table', 'json'"),
        (["xref", "--table", "everything"], "'everything' is not one of"),
    ],
)
def test_bad_option_values_are_usage_errors(run, args, message):
    err = run(*args, code=2)
    assert message in " ".join(err.replace("│", " ").split())


@pytest.mark.parametrize(
    "args",
    [
        ["claims", "search", "gas", "--limit", "0"],
        ["claims", "search", "gas", "--limit", "many"],
        ["claims", "show", "x", "--format", "xml"],
        ["claims", "show"],
        ["claims", "show", "a", "b"],
        ["claims", "show", "--bogus", "x"],
        ["footnote", "turkey"],
        ["claims", "search", "--help"],
    ],
)
def test_what_the_quick_path_does_not_understand_gets_typers_own_answer(sample, tmp_path, args):
    # The program (quick path first) and typer alone give the same output and exit code.
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "80"}
    env["CLAIMTRACK_CACHE_DIR"] = str(tmp_path)
    answers = []
    for extra in ({}, {}, {"CLAIMTRACK_NO_QUICK": "1"}):
        done = subprocess.run([sys.executable, "-m", "claimtrack", *args, "--root", str(sample)],
                              env={**env, **extra}, capture_output=True, text=True, timeout=60)  # fmt: skip
        answers.append((done.returncode, done.stdout, done.stderr))
    assert any(tmp_path.glob("cli-*.json"))  # the commands were described by the first run
    assert answers[1] == answers[2]
    assert answers[1][0] != 0 or args[-1] == "--help"


def test_the_quick_path_and_typer_print_the_same(sample, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "60"}
    env["CLAIMTRACK_CACHE_DIR"] = str(tmp_path)
    for args in (
        ["claims", "search", "gas", "-n", "3"],
        ["claims", "search", "--uncited", "--report=iran"],
        ["claims", "show", "turkey-c001"],
        ["refs", "show", "epdk2020gas", "-f", "json"],
        ["footnote", "turkey", "17"],
        ["claims", "show", "turkey-c00"],  # an unknown id: the same one-line error, exit 2
    ):
        outs = []
        for extra in ({}, {}, {"CLAIMTRACK_NO_QUICK": "1"}):
            done = subprocess.run([sys.executable, "-m", "claimtrack", *args, "--root", str(sample)],
                                  env={**env, **extra}, capture_output=True, text=True, timeout=60)  # fmt: skip
            outs.append((done.returncode, done.stdout, done.stderr))
        assert outs[0] == outs[1] == outs[2], args


def test_root_must_be_a_directory(run):
    result = run.runner.invoke(
        __import__("claimtrack.cli", fromlist=["app"]).app,
        ["claims", "show", "x", "--root", str(run.root / "claims" / "iran.yaml")],
    )
    assert result.exit_code == 2 and "is a file" in result.stderr


def _complete(sample: Path, cache: Path, shell: str, line: str, quick: bool) -> tuple[int, str, bool]:
    """What the program answers typer's completion script, and whether it imported typer."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "CLAIMTRACK_CACHE_DIR": str(cache),
        "_CLAIMTRACK_COMPLETE": shell,
    }
    env.pop("CLAIMTRACK_NO_QUICK", None)
    if not quick:
        env["CLAIMTRACK_NO_QUICK"] = "1"
    if shell == "complete_bash":
        env.update(COMP_WORDS=line, COMP_CWORD=str(len(line.split()) - (0 if line.endswith(" ") else 1)))
    else:
        env.update(_TYPER_COMPLETE_ARGS=line, _TYPER_COMPLETE_FISH_ACTION="get-args")
    probe = (
        "import sys\nsys.argv[0] = 'claimtrack'\nfrom claimtrack.launch import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\nelse:\n    code = 0\n"
        "print('typer' in sys.modules, file=sys.stderr)\nsys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", probe], env=env, cwd=sample,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    return done.returncode, done.stdout, done.stderr.strip().endswith("True")


@pytest.mark.parametrize(
    ("shell", "line"),
    [
        ("complete_bash", "claimtrack claims show tu"),
        ("complete_bash", "claimtrack claims search --report "),
        ("complete_bash", "claimtrack refs show "),
        ("complete_zsh", "claimtrack footnote turkey 1"),
        ("complete_zsh", "claimtrack claims show nothing-like-it"),
        ("complete_fish", "claimtrack refs show ep"),
        ("complete_fish", "claimtrack claims search --ref "),
    ],
)
def test_completion_of_ids_keys_and_reports_answers_as_typer_does_without_typer(
    sample, tmp_path, shell, line
):
    _complete(sample, tmp_path, shell, line, quick=False)  # describes the commands in the cache
    code, out, typer_loaded = _complete(sample, tmp_path, shell, line, quick=True)
    assert not typer_loaded
    assert (code, out) == _complete(sample, tmp_path, shell, line, quick=False)[:2]


def test_completion_of_command_names_is_typers(sample, tmp_path):
    _complete(sample, tmp_path, "complete_bash", "claimtrack claims s", quick=False)
    code, out, typer_loaded = _complete(sample, tmp_path, "complete_bash", "claimtrack claims s", quick=True)
    assert typer_loaded and code == 0 and {"search", "show"} <= set(out.split())
