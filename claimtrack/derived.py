"""``.claimtrack/``: data derived from the records (the index, the link cache), never committed."""

from __future__ import annotations

from pathlib import Path

DIRNAME = ".claimtrack"


def derived_dir(root: Path) -> Path:
    """The project's ``.claimtrack/``, created with a .gitignore that keeps it out of git."""
    path = Path(root) / DIRNAME
    path.mkdir(parents=True, exist_ok=True)
    ignore = path / ".gitignore"
    if not ignore.exists():
        from .atomic import write_text  # (tempfile: only the first time)

        write_text(ignore, "# derived by claimtrack, rebuilt automatically: never committed\n*\n")
    return path
