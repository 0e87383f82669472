"""Every command's default output, piped: no escape codes, no trailing spaces, no hard wrapping.

The commands are found by walking typer's Click tree; each is either run here
(with the arguments in ARGS, on a copy of the bundled project) or listed in
NOT_RUN with the reason.  A new command fails test_every_command_is_covered
until it is one or the other.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import typer.main
from ct_helpers import REPO

from claimtrack.cli import app

ARGS: dict[str, list[str]] = {
    "init": ["another-project"],
    "ingest": ["--dry-run", "reports/"],
    "footnote": ["004", "21"],
    "xref": ["--report", "004"],
    "audit": [],
    "verify": [],
    "export": ["--report", "004"],
    "review": ["c76b", "--status", "verified", "--note", "Matches the EPDK table"],
    "cite": ["c76b", "reutersturkey"],
    "view": ["004"],
    "config": [],
    "claims list": [],
    "claims search": ["gas"],
    "claims show": ["cca4bfc6876"],
    "refs list": [],
    "refs show": ["reutersturkey"],
    "refs import": ["references/000_f3de1e5d7ccbdab7.bib"],
    "refs enrich": [],
}
NOT_RUN = {
    "links check": "needs the web (its output shapes are tested in tests/links against loopback servers)",
    "links archive": "needs the Wayback Machine",
    "sources fetch": "needs the web",
    "refs check": "needs the registries",
}
ESCAPE = re.compile(r"\x1b\[|\x1b\]")


def _leaves(command, path=()):
    subs = getattr(command, "commands", None)
    if not subs:
        yield " ".join(path)
    for name, sub in (subs or {}).items():
        yield from _leaves(sub, (*path, name))


def test_every_command_is_covered():
    leaves = set(_leaves(typer.main.get_command(app)))
    assert set(ARGS) <= leaves, f"no such command: {set(ARGS) - leaves}"
    missing = leaves - set(ARGS) - set(NOT_RUN)
    assert not missing, f"commands neither run nor excused: {missing}"


def _run(root, tmp_path, *args):
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "CLAIMTRACK_CACHE_DIR": str(tmp_path / "cache"),
        "TERM": "xterm",
    }
    env.pop("NO_COLOR", None)  # piped must be plain by itself, not because of NO_COLOR
    done = subprocess.run([sys.executable, "-m", "claimtrack", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.mark.parametrize("command", sorted(ARGS))
def test_piped_output_is_plain(bundled, tmp_path, command):
    done = _run(bundled, tmp_path, *command.split(), *ARGS[command])
    assert done.returncode in (0, 1), (done.returncode, done.stderr)
    for stream in (done.stdout, done.stderr):
        assert not ESCAPE.search(stream), "escape codes in piped output"
        for line in stream.splitlines():
            assert line == line.rstrip(), f"padded past its content: {line!r}"
    assert done.stdout.strip() or done.stderr.strip()


def _wrapped(text: str, width: int = 80) -> bool:
    """Hard wrapping at a terminal width leaves many lines of exactly that width or just under."""
    lines = text.splitlines()
    near = [line for line in lines if width - 6 <= len(line) <= width]
    return len(lines) > 10 and len(near) > len(lines) // 3


def test_records_stay_one_a_line_and_urls_whole(bundled, tmp_path):
    from claimtrack.project import Project

    project = Project.open(bundled)
    claims = project.claim_files["004_7e88fde1e0fb7812"].claims
    listed = _run(bundled, tmp_path, "claims", "list", "--report", "004").stdout
    starts = [line.split()[0] for line in listed.splitlines() if line.strip()]
    assert all(starts.count(c.id) == 1 for c in claims), "a claim not on exactly one line"
    assert not _wrapped(listed)
    ref = project.references["reutersturkey"]
    shown = _run(bundled, tmp_path, "refs", "show", "reutersturkey").stdout
    assert any(line.strip() == ref.url or ref.url in line for line in shown.splitlines())
    for command in (["audit"], ["footnote", "004", "21"], ["claims", "show", "cca4bfc6876"]):
        assert not _wrapped(_run(bundled, tmp_path, *command).stdout), command
