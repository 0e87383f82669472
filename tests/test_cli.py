"""The CLI surface: version, help, root discovery, the JSON contract, plain output when piped."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ct_helpers import REPO, Cli

from claimtrack import __version__


def run(*args: str, cwd, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        # the checkout's package, also when the tests run without installing it
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        timeout=60,
    )


def test_version():
    result = Cli(REPO)("--version")
    assert result.stdout.strip() == f"claimtrack {__version__}"


def test_help_lists_the_commands():
    result = run("--help", cwd=REPO)
    assert result.returncode == 0
    for command in ("ingest", "claims", "refs"):
        assert command in result.stdout


def test_root_is_found_from_a_subdirectory(bundled):
    sub = bundled / "reports"
    result = run("claims", "list", "--format", "json", cwd=sub)
    assert result.returncode == 0, result.stderr
    stored = sum(p.read_text("utf-8").count("\n- id: ") for p in (bundled / "claims").glob("*.yaml"))
    assert stored > 100 and len(json.loads(result.stdout)) == stored


def test_json_contract_of_claims_and_refs(bundled):
    cli = Cli(bundled)
    claims = json.loads(cli("claims", "list", "--format", "json").stdout)
    assert {"id", "report", "text", "section", "footnotes", "references"} <= set(claims[0])
    assert all(isinstance(c["footnotes"], list) and isinstance(c["references"], list) for c in claims)
    refs = json.loads(cli("refs", "list", "--format", "json").stdout)
    assert {"key", "type", "title", "url", "footnotes", "claims"} <= set(refs[0])
    claim_ids = {c["id"] for c in claims}
    for ref in refs:
        assert ref["url"] is None or isinstance(ref["url"], str)
        assert set(ref["claims"]) <= claim_ids
        assert all(set(f) == {"report", "number"} for f in ref["footnotes"])
    # every citation in a claim is a known reference, and the reverse index agrees
    keys = {r["key"] for r in refs}
    assert {k for c in claims for k in c["references"]} <= keys
    ref_claims = {r["key"]: set(r["claims"]) for r in refs}
    assert all(c["id"] in ref_claims[k] for c in claims for k in c["references"])


def test_report_filter_and_uncited(bundled):
    cli = Cli(bundled)
    claims = json.loads(cli("claims", "list", "--report", "000", "--uncited", "--format", "json").stdout)
    assert claims and all(c["report"] == "000_f3de1e5d7ccbdab7" and not c["references"] for c in claims)


def test_table_output_is_plain_when_piped(bundled):
    result = run("claims", "list", "--report", "000", cwd=bundled, env={"COLUMNS": "80"})
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout  # no colour codes in a pipe
    lines = result.stdout.splitlines()
    assert lines[0] == "26 claims in 000_f3de1e5d7ccbdab7"
    assert all(line == line.rstrip() for line in lines)  # no padding
    # one claim a line, whole, whatever COLUMNS says: a pipe is not a terminal
    claims = json.loads(Cli(bundled)("claims", "list", "--report", "000", "--format", "json").stdout)
    for claim in claims:
        [line] = [line for line in lines if line.startswith(claim["id"])]
        assert claim["text"] in line
