"""The typer application, shared options and error handling."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer

from .. import __version__
from ..outcome import handles_errors  # noqa: F401  (re-exported: every command module uses it)
from .helpformat import Typer

app = Typer(
    name="claimtrack",
    help="Citation and claim provenance: every factual claim in a report, linked to its sources.",
    epilog="Exit codes: 0 ok, 1 findings (audit, dead links), 2 usage or input error.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)
claims_app = Typer(help="List, search and show claim records.", no_args_is_help=True)
refs_app = Typer(help="List, show, check and import references.", no_args_is_help=True)
app.add_typer(claims_app, name="claims")
app.add_typer(refs_app, name="refs")

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2

RootOption = typer.Option(
    None,
    "--root",
    help="Project root (holds claims/ and references/). Default: found from the working directory upward.",
    file_okay=False,
    metavar="DIR",
    show_default=False,
)


def fail(message: str) -> None:
    """Print a one-line error to stderr and exit 2."""
    print(f"claimtrack: error: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_INPUT)


def open_project(root: Optional[Path]):
    """The project for a command that reads records; outside a project: one line, exit 2."""
    from .. import chatter
    from ..project import Project

    project = Project.open(root)
    chatter.detail(f"project root {project.root}")
    pyproject = project.root / "pyproject.toml"
    chatter.detail(
        f"settings from {pyproject}" if pyproject.is_file() else "settings: the defaults (no pyproject.toml)"
    )
    return project


def warn_stale(stale) -> None:
    """Say on stderr which reports changed since ingest (machine output on stdout stays clean)."""
    from ..staleness import warning_lines

    for line in warning_lines(stale):
        print(line, file=sys.stderr)


def open_records(root: Optional[Path]):
    """:func:`open_project`, warning about reports that changed since they were ingested."""
    from ..staleness import of_project

    project = open_project(root)
    warn_stale(of_project(project))
    return project


LockTimeoutOption = typer.Option(
    None,
    "--lock-timeout",
    min=0,
    help="Seconds to wait while another claimtrack command writes to the project, then fail "
    "(exit 2). Default: [tool.claimtrack] lock_timeout, or 60.",
    show_default=False,
)


def console(stderr: bool = False):
    """A rich console on a terminal (colour unless NO_COLOR); plain, unwrapped text elsewhere."""
    from ..render.console import make_console

    return make_console(stderr)


class Ticks:
    """Callbacks a long run reports through: how many items in all, and one more done."""

    def __init__(self, total=None, done=None) -> None:
        self.total = total or (lambda _n: None)
        self.done = done or (lambda _item: None)


@contextmanager
def progress(label: str, total: Optional[int] = None) -> Iterator[Ticks]:
    """A transient progress bar on stderr where one is wanted (chatter.progress_wanted), else nothing.

    The one progress bar of links check, sources fetch and refs check.
    """
    from ..chatter import progress_wanted

    if not progress_wanted():
        yield Ticks()
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console(stderr=True), transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task(label, total=total)
        yield Ticks(lambda n: bar.update(task, total=n), lambda _item: bar.advance(task))


def _version(value: bool) -> None:
    if value:
        print(f"claimtrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    root: Optional[Path] = typer.Option(
        None,
        "--root",
        help="Project root, for any command (the same as --root after it).",
        file_okay=False,
        metavar="DIR",
        show_default=False,
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors and the output asked for."),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Also say where the project and settings are."
    ),
) -> None:
    """claimtrack: every factual claim in a report, linked to its sources.

    Exit codes: 0 ok, 1 findings, 2 usage or input error.
    """
    apply_globals(root, quiet, verbose)


def apply_globals(root: Optional[Path], quiet: bool, verbose: bool) -> None:
    """The options before the command: shared with the quick path (quickcli), which reads them too."""
    from .. import chatter
    from ..rootdir import use_root

    if quiet and verbose:
        fail("--quiet and --verbose contradict each other; give one")
    chatter.set_level(chatter.QUIET if quiet else chatter.VERBOSE if verbose else chatter.NORMAL)
    if root is not None:
        if not root.is_dir():
            fail(f"--root {root}: no such directory")
        use_root(root)
