"""Finding the project root and reading ``[tool.claimtrack]`` settings."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import InputError


class Settings(BaseModel):
    """``[tool.claimtrack]`` in the root's pyproject.toml.  Flags override these.

    Sub-tables (``[tool.claimtrack.audit]``, ``[tool.claimtrack.links]``...)
    are read by the command they configure.
    """

    model_config = ConfigDict(extra="forbid")

    reports: str = "reports"
    claims: str = "claims"
    references: str = "references"
    audit: dict[str, Any] = Field(default_factory=dict)
    links: dict[str, Any] = Field(default_factory=dict)
    export: dict[str, Any] = Field(default_factory=dict)
    index: dict[str, Any] = Field(default_factory=dict)


def _is_root(path: Path) -> bool:
    if (path / "claims").is_dir() or (path / "references").is_dir():
        return True
    pyproject = path / "pyproject.toml"
    if pyproject.is_file():
        try:
            return "claimtrack" in tomllib.loads(pyproject.read_text("utf-8")).get("tool", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
            return False
    return False


def find_root(start: Optional[Path] = None) -> Path:
    """The nearest directory at or above ``start`` holding claims/ or references/."""
    start = (start or Path.cwd()).resolve()
    for candidate in (start, *start.parents):
        if _is_root(candidate):
            return candidate
    return start  # a fresh project: ingest creates claims/ and references/ here


def load_settings(root: Path) -> Settings:
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return Settings()
    try:
        data = tomllib.loads(pyproject.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}", pyproject) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8", pyproject) from None
    section = data.get("tool", {}).get("claimtrack", {})
    try:
        return Settings.model_validate(section)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InputError(f"[tool.claimtrack] {where}: {err['msg']}", pyproject) from None
