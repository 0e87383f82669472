"""Finding the project root and reading ``[tool.claimtrack]`` settings."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import InputError
from .rootdir import find_root  # noqa: F401  (re-exported: it lives apart to stay pydantic-free)


class Settings(BaseModel):
    """``[tool.claimtrack]`` in the root's pyproject.toml.  Flags override these.

    Sub-tables (``[tool.claimtrack.audit]``, ``[tool.claimtrack.links]``...)
    are read by the command they configure.
    """

    model_config = ConfigDict(extra="forbid")

    reports: str = "reports"
    claims: str = "claims"
    references: str = "references"
    lock_timeout: float = Field(default=60.0, ge=0)  # seconds a writer waits for another one
    audit: dict[str, Any] = Field(default_factory=dict)
    links: dict[str, Any] = Field(default_factory=dict)
    export: dict[str, Any] = Field(default_factory=dict)
    index: dict[str, Any] = Field(default_factory=dict)
    sources: dict[str, Any] = Field(default_factory=dict)  # captures of cited pages (claimtrack/sources)
    verify: dict[str, Any] = Field(default_factory=dict)  # claims checked against them (claimtrack/verify)
    registries: dict[str, Any] = Field(default_factory=dict)  # refs check: claimtrack/registries/settings.py


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
