"""``claimtrack review`` and ``claimtrack cite``: a person's edits, from the command line."""

from __future__ import annotations

import json

from ct_helpers import Cli

UNCITED = "c76b6952d74"  # 004: "The conflicting parties themselves have blamed each other ..."


def _claim(cli: Cli, claim_id: str) -> dict:
    claims = json.loads(cli("claims", "list", "--format", "json").stdout)
    return next(c for c in claims if c["id"] == claim_id)


def _audit_claims(cli: Cli) -> set[str]:
    data = json.loads(cli("audit", "--format", "json", "--select", "CT101", code=None).stdout)
    return {f["claim"] for f in data["findings"]}


def test_review_by_prefix_sets_the_block(bundled):
    cli = Cli(bundled)
    out = cli("review", UNCITED[:5], "--status", "verified", "--note", "Matches the source", "--by", "Ana",
              "--at", "2026-11-30").stdout  # fmt: skip
    assert out.strip() == f"{UNCITED}: review set: verified (Matches the source)"
    record = (bundled / "claims" / "004_7e88fde1e0fb7812.yaml").read_text()
    assert "status: verified\n    note: Matches the source\n    by: Ana\n    at: '2026-11-30'" in record
    assert _claim(cli, UNCITED)["review"] == "verified"
    # the same again changes nothing
    again = cli("review", UNCITED, "--status", "verified", "--by", "Ana", "--at", "2026-11-30").stdout
    assert "review unchanged" in again


def test_no_source_needed_silences_the_audit(bundled):
    cli = Cli(bundled)
    assert UNCITED in _audit_claims(cli)
    cli("review", UNCITED, "--status", "no-source-needed", "--note", "the parties' public statements")
    assert UNCITED not in _audit_claims(cli)


def test_unknown_and_ambiguous_ids_say_what_exists(bundled):
    cli = Cli(bundled)
    result = cli("review", "c76b6952d75", "--status", "verified", code=2)
    assert "unknown claim id 'c76b6952d75'; closest: c76b6952d74" in result.stderr
    result = cli("review", "c", "--status", "verified", code=2)
    assert "ambiguous claim id 'c'" in result.stderr
    result = cli("review", UNCITED, "--status", "fine", code=2)
    assert "fine" in result.stderr


def test_cite_attaches_a_source_and_the_audit_sees_it(bundled):
    cli = Cli(bundled)
    assert UNCITED in _audit_claims(cli)
    out = cli("cite", UNCITED, "reutersturk").stdout  # a unique prefix of the key
    assert out.strip() == f"{UNCITED}: now cites reutersturkey"
    assert _claim(cli, UNCITED)["references"] == ["reutersturkey"]
    assert UNCITED not in _audit_claims(cli)
    shown = json.loads(cli("refs", "show", "reutersturkey", "--format", "json").stdout)
    assert UNCITED in {c["id"] for c in shown["claims"]}
    out = cli("cite", UNCITED, "reutersturkey", "--remove").stdout
    assert out.strip() == f"{UNCITED}: now cites no source"
    assert _claim(cli, UNCITED)["references"] == []


def test_cite_refuses_unknown_keys(bundled):
    cli = Cli(bundled)
    result = cli("cite", UNCITED, "reuterstrukey", code=2)
    assert "unknown citekey 'reuterstrukey'; closest: reutersturkey" in result.stderr
    result = cli("cite", UNCITED, "reutersturkey", "--remove", code=2)
    assert "does not cite reutersturkey" in result.stderr
    assert _claim(cli, UNCITED)["references"] == []
