"""Finding the project root and reading ``[tool.claimtrack]`` without pydantic.

Kept apart from :mod:`claimtrack.config` because importing pydantic costs
about 80 ms: the index-backed lookups must answer in well under 150 ms and
only need the root and a few directory names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional


def _is_root(path: Path) -> bool:
    if (path / "claims").is_dir() or (path / "references").is_dir():
        return True
    pyproject = path / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

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


def tool_table(root: Path) -> Optional[dict[str, Any]]:
    """The raw ``[tool.claimtrack]`` table, ``{}`` if none, None if the file is unreadable.

    None tells the caller to fall back to :func:`claimtrack.config.load_settings`,
    which validates and reports the problem as a one-line error.
    """
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return {}
    import tomllib  # only when there is a pyproject.toml to read

    try:
        data = tomllib.loads(pyproject.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
        return None
    table = data.get("tool", {}).get("claimtrack", {})
    return table if isinstance(table, dict) else None
