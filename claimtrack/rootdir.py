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


class NoProjectError(Exception):
    """No claimtrack project at or above a directory (turned into an InputError by callers)."""

    def __init__(self, start: Path, *, upward: bool = True) -> None:
        where = f"from {start} upward" if upward else f"in {start}"
        super().__init__(
            f"no claimtrack project here (no claims/ or references/ found {where}); "
            "run claimtrack init or pass --root"
        )


_given: Optional[Path] = None  # ``claimtrack --root DIR COMMAND``: the root for every lookup


def use_root(root: Optional[Path]) -> None:
    """Take ``root`` as the project root wherever a command was given none of its own."""
    global _given
    _given = Path(root).resolve() if root else None


def given_root() -> Optional[Path]:
    """The root ``--root`` before the command named, if any."""
    return _given


def find_root(start: Optional[Path] = None) -> Path:
    """The nearest directory at or above ``start`` holding claims/ or references/.

    Raises :class:`NoProjectError` when there is none: a command run in the
    wrong directory must fail, not report on an empty project (and must not
    create ``.claimtrack/`` there).  ``--root`` given before the command
    (:func:`use_root`) is the answer when no ``start`` is asked for, as
    ``--root`` after the command is.
    """
    if start is None and _given is not None:
        return _given
    start = (start or Path.cwd()).resolve()
    for candidate in (start, *start.parents):
        if _is_root(candidate):
            return candidate
    raise NoProjectError(start)


def require_root(root: Optional[Path], *, create: bool = False) -> Path:
    """The project root: ``root`` if given (checked), else found upward from the working directory.

    A ``--root`` that holds no project is refused too, unless ``create`` (ingest
    and init make claims/ and references/ in the directory a person named).
    """
    from .errors import InputError

    try:
        if root is None:
            return find_root()
        path = Path(root).resolve()
        if not path.is_dir():
            raise InputError("project root is not a directory", path)
        if not create and not _is_root(path):
            raise NoProjectError(path, upward=False)
        return path
    except NoProjectError as exc:
        raise InputError(str(exc)) from None


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
