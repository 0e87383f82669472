"""``claimtrack config``: the settings in force and where each came from; the settings reference."""

from __future__ import annotations

import json
import os
from enum import StrEnum
from pathlib import Path
from typing import Optional

import typer

from ._app import RootOption, app, handles_errors, open_project


class ConfigFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("config")
@handles_errors
def config(
    fmt: ConfigFormat = typer.Option(ConfigFormat.table, "--format", "-f", help="table or json."),
    reference: bool = typer.Option(
        False, "--reference", help="Print the reference of every setting (docs/settings.md) instead."
    ),
    root: Optional[Path] = RootOption,
) -> None:
    """The settings in force: each key of [tool.claimtrack], its value, and where it came from.

    A value comes from pyproject.toml or is the default; a command's flags
    override both for that run.  The environment variables claimtrack reads
    are listed with their values.
    """
    from .. import settings_catalog as catalog

    if reference:
        print(catalog.reference_page(), end="")
        return
    project = open_project(root)  # validates [tool.claimtrack]: a bad value is one line, exit 2
    from ..rootdir import given_root, tool_table

    raw = tool_table(project.root) or {}
    _validate_tables(project, raw)
    rows = catalog.in_force(raw)
    pyproject = project.root / "pyproject.toml"
    environment = {k: os.environ.get(k) for k in catalog.ENVIRONMENT}
    found = (
        "--root"
        if root is not None or given_root() is not None
        else "found upward from the working directory"
    )
    if fmt is ConfigFormat.json:
        doc = {
            "root": str(project.root),
            "root_source": found,
            "pyproject": str(pyproject) if pyproject.is_file() else None,
            "settings": rows,
            "environment": environment,
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False, default=str))
        return
    print(f"root {project.root}  ({found})")
    print(f"pyproject {pyproject if pyproject.is_file() else '(none: every setting is its default)'}")
    for row in rows:
        key = f"{row['table']}.{row['key']}" if row["table"] else row["key"]
        print(f"{key} = {catalog.show(row['value'])}  ({row['source']})")
    for name, value in environment.items():
        print(f"${name} = {json.dumps(value) if value is not None else '(unset)'}  (environment)")


def _validate_tables(project, raw: dict) -> None:
    """Each sub-table through the model its command uses, so `config` fails where the command would."""
    from pydantic import ValidationError

    from ..errors import InputError
    from ..settings_catalog import tables

    for table in tables():
        if not table.name or not isinstance(raw.get(table.name), dict):
            continue
        try:
            table.model.model_validate(raw[table.name])
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise InputError(
                f"[tool.claimtrack.{table.name}] {where}: {err['msg']}", project.root / "pyproject.toml"
            ) from None
