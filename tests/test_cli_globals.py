"""Options before the command: --root (as after it), --quiet, --verbose; option errors in plain words."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from ct_helpers import REPO

PROGRAM = "import sys\nsys.argv[0] = 'claimtrack'\nfrom claimtrack.launch import main\nmain()\n"


def _run(args, cwd, tmp_path, quick=True):
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "NO_COLOR": "1",
        "CLAIMTRACK_CACHE_DIR": str(tmp_path / "cache"),
    }
    if not quick:
        env["CLAIMTRACK_NO_QUICK"] = "1"
    done = subprocess.run([sys.executable, "-c", PROGRAM, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    return done


@pytest.mark.parametrize("quick", [True, False])
@pytest.mark.parametrize(
    "args",
    [["claims", "list", "--report", "004"], ["refs", "show", "reutersturkey"], ["footnote", "004", "21"]],
)
def test_root_before_the_command_is_the_root_after_it(bundled, tmp_path, args, quick):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    after = _run([*args, "--root", str(bundled)], elsewhere, tmp_path, quick)
    assert after.returncode == 0, after.stderr
    for before in (["--root", str(bundled)], [f"--root={bundled}"]):
        for _ in range(2):  # the second run is the quick path's, once the CLI is described
            done = _run([*before, *args], elsewhere, tmp_path, quick)
            assert done.returncode == 0, done.stderr
            assert done.stdout == after.stdout


def test_root_before_the_command_that_is_missing_is_an_input_error(tmp_path):
    done = _run(["--root", str(tmp_path / "nope"), "claims", "list"], tmp_path, tmp_path)
    assert done.returncode == 2
    assert "no such directory" in done.stderr
    assert "Traceback" not in done.stderr


def test_quiet_keeps_the_output_and_drops_the_notes(bundled, tmp_path):
    out = tmp_path / "refs.bib"
    loud = _run(["export", "--report", "004", "-o", str(out)], bundled, tmp_path)
    assert loud.returncode == 0, loud.stderr
    assert "wrote" in loud.stderr
    out.unlink()
    quiet = _run(["-q", "export", "--report", "004", "-o", str(out)], bundled, tmp_path)
    assert quiet.returncode == 0
    assert quiet.stderr == ""
    assert out.read_text("utf-8").count("@") > 10


def test_quiet_still_prints_errors(bundled, tmp_path):
    done = _run(["--quiet", "claims", "show", "zzzzzzzz"], bundled, tmp_path)
    assert done.returncode == 2
    assert "error" in done.stderr


@pytest.mark.parametrize("quick", [True, False])
def test_verbose_says_where_the_project_is(bundled, tmp_path, quick):
    for _ in range(2):
        done = _run(["-v", "refs", "show", "reutersturkey"], bundled / "reports", tmp_path, quick)
        assert done.returncode == 0, done.stderr
        assert f"project root {bundled.resolve()}" in done.stderr
    plain = _run(["refs", "show", "reutersturkey"], bundled, tmp_path, quick)
    assert plain.stdout == done.stdout  # the output itself is unchanged
    assert plain.stderr == ""


def test_verbose_names_the_settings_file(bundled, tmp_path):
    (bundled / "pyproject.toml").write_text("[tool.claimtrack]\n", "utf-8")
    done = _run(["--verbose", "audit", "--format", "json"], bundled, tmp_path)
    assert f"settings from {bundled.resolve() / 'pyproject.toml'}" in done.stderr


def test_quiet_and_verbose_together_is_a_usage_error(tmp_path):
    done = _run(["-q", "-v", "claims", "list"], tmp_path, tmp_path)
    assert done.returncode == 2
    assert "--quiet and --verbose" in done.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["claims", "show", "x", "--format", "xml"], "'xml' is not one of 'table', 'json'"),
        (["claims", "search", "gas", "--limit", "many"], "'--limit' / '-n': should be a whole number"),
        (["links", "check", "--timeout", "0"], "'--timeout': should be at least 0.01"),
    ],
)
def test_option_errors_read_as_words_not_pydantic(tmp_path, args, said):
    done = _run(args, tmp_path, tmp_path, quick=False)
    assert done.returncode == 2
    text = " ".join(done.stderr.split())
    assert said in text
    assert "Value error" not in text and "Input should" not in text
