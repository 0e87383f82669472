"""Helpers for the format tests: documents made with the pandoc that ships with claimtrack."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from ct_helpers import REPO

FIXTURES = REPO / "tests" / "fixtures" / "formats"


def pandoc_convert(source: Path, target: Path, *args: str) -> Path:
    """Convert with pypandoc-binary's pandoc (the one ingest runs), e.g. Markdown -> DOCX."""
    from claimtrack.ingest.pandoc import executable

    pandoc, _ = executable()
    subprocess.run([pandoc, str(source), "-o", str(target), *args], check=True, capture_output=True)
    return target


def records(cli, report: str) -> tuple[list[dict], dict[str, dict], str]:
    """(claims, references by key, the claims YAML) after an ingest."""
    claims = [
        c for c in json.loads(cli("claims", "list", "--format", "json").stdout) if c["report"] == report
    ]
    refs = {r["key"]: r for r in json.loads(cli("refs", "list", "--format", "json").stdout)}
    yaml_text = (cli.root / "claims" / f"{report}.yaml").read_text("utf-8")
    return claims, refs, yaml_text


def cited_urls(claims: list[dict], refs: dict[str, dict]) -> set[str]:
    return {refs[k]["url"] for c in claims for k in c["references"] if refs[k].get("url")}
