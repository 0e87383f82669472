"""``[tool.claimtrack.sources]``: where captures go and how much is fetched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import InputError


class SourceSettings(BaseModel):
    """Every key is optional; flags override them."""

    model_config = ConfigDict(extra="forbid")

    captures: str = "captures"  # folder of the WARC files and their index, relative to the root
    max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)  # a page or PDF is cut (and marked) past this
    timeout: float = Field(default=60.0, gt=0)  # seconds one fetch may take, body included


def load(project: Any) -> SourceSettings:
    """The sources settings of ``project``; a bad value names its key (exit 2)."""
    raw = getattr(project.settings, "sources", None) or {}
    try:
        return SourceSettings.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InputError(
            f"[tool.claimtrack.sources] {where}: {err['msg']}", Path(project.root) / "pyproject.toml"
        ) from None


def captures_dir(project: Any) -> Path:
    return Path(project.root) / load(project).captures
