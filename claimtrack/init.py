"""``claimtrack init``: make a directory a claimtrack project.

Creates the folders, a commented ``[tool.claimtrack]`` table in
pyproject.toml (a new file, or appended to an existing one that has none),
``.claimtrack/`` in .gitignore, and with ``ci`` a GitHub Actions workflow.
Never overwrites anything: what exists is reported as kept.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .atomic import write_text
from .errors import InputError

SETTINGS = """\
[tool.claimtrack]
# Where the project keeps its files (relative to this file).
reports = "reports"          # the reports: .md, .markdown, .txt (subfolders too)
claims = "claims"            # claim records, one YAML file per report (review blocks are yours)
references = "references"    # references, BibTeX
# lock_timeout = 60          # seconds a writer waits while another claimtrack command writes

# [tool.claimtrack.audit]
# select = ["ALL"]
# ignore = ["CT204"]
# fail-on = "warning"

# [tool.claimtrack.links]
# host_concurrency = 2
# host_request_interval = "250ms"
# fail_on = ["blocked"]

# [tool.claimtrack.export]
# format = "biblatex"
# style = "apa"
"""
WORKFLOW = Path(".github/workflows/claimtrack.yml")


@dataclass
class InitResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def init(root: Path, *, ci: bool = False) -> InitResult:
    root = Path(root).resolve()
    if root.exists() and not root.is_dir():
        raise InputError("not a directory", root)
    result = InitResult()
    pyproject = root / "pyproject.toml"
    settings = _settings(pyproject)
    names = [settings.get(k, k) for k in ("reports", "claims", "references")]
    for name in names:
        folder = root / str(name)
        if folder.is_dir():
            result.kept.append(f"{name}/")
        else:
            folder.mkdir(parents=True)
            result.created.append(f"{name}/")
    if not pyproject.exists():
        write_text(pyproject, SETTINGS)
        result.created.append("pyproject.toml")
    elif settings is _NONE:
        text = pyproject.read_text("utf-8")
        write_text(pyproject, text.rstrip("\n") + ("\n\n" if text.strip() else "") + SETTINGS)
        result.updated.append("pyproject.toml ([tool.claimtrack] added)")
    else:
        result.kept.append("pyproject.toml ([tool.claimtrack] already there)")
    _gitignore(root / ".gitignore", result)
    if ci:
        workflow = root / WORKFLOW
        if workflow.exists():
            result.kept.append(WORKFLOW.as_posix())
        else:
            template = resources.files("claimtrack").joinpath("data/init/workflow.yml").read_text("utf-8")
            write_text(workflow, template)
            result.created.append(WORKFLOW.as_posix())
    return result


_NONE: dict = {}


def _settings(pyproject: Path) -> dict:
    """The existing ``[tool.claimtrack]`` table; ``_NONE`` (identity-compared) when there is none."""
    if not pyproject.is_file():
        return _NONE
    try:
        data = tomllib.loads(pyproject.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            f"invalid TOML: {exc}; fix it before claimtrack init adds to it", pyproject
        ) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8", pyproject) from None
    table = data.get("tool", {}).get("claimtrack")
    return table if isinstance(table, dict) else _NONE


def _gitignore(path: Path, result: InitResult) -> None:
    lines = path.read_text("utf-8").splitlines() if path.exists() else []
    if any(line.strip().rstrip("/") in (".claimtrack", "/.claimtrack") for line in lines):
        result.kept.append(".gitignore (.claimtrack/ already ignored)")
        return
    text = "\n".join(lines)
    addition = "# claimtrack: derived data (index, link cache, lock), rebuilt automatically\n.claimtrack/\n"
    write_text(path, (text + "\n\n" if text.strip() else "") + addition)
    (result.updated if lines else result.created).append(".gitignore")
