"""``links check`` and ``links archive``: link rot in the cited URLs."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Optional

import typer

from ._app import (
    LockTimeoutOption,
    RootOption,
    Typer,
    app,
    console,
    handles_errors,
    open_project,
    open_records,
    progress,
)

links_app = Typer(
    help="Check cited URLs for link rot; find archived copies of dead ones.", no_args_is_help=True
)
app.add_typer(links_app, name="links")


class LinkFormat(StrEnum):
    table = "table"
    json = "json"
    github = "github"
    markdown = "markdown"
    junit = "junit"


PathsArgument = typer.Argument(
    None,
    help="References (.bib) or report files to take URLs from. Default: the project's references.",
    show_default=False,
)
HELP_EXIT = (
    "Exit codes: 0 no dead links; 1 dead (or invalid) links, or blocked/error ones chosen with --fail-on; "
    "2 usage or input error, or the network is unreachable (nothing could be checked)."
)


def _policy(project, **flags):
    """Settings from [tool.claimtrack.links], overridden by the flags given."""
    from ..links.policy import from_settings, with_flags

    return with_flags(from_settings(project.settings.links, project.root / "pyproject.toml"), **flags)


def _emit(text: str, output: Optional[Path]) -> None:
    if output:
        from .. import atomic

        atomic.write_output(output, text if text.endswith("\n") else text + "\n")
    else:
        print(text)


@links_app.command("check", epilog=HELP_EXIT)
@handles_errors
def check(
    paths: Optional[list[Path]] = PathsArgument,
    fmt: LinkFormat = typer.Option(
        LinkFormat.table, "--format", "-f", help="table, json, github, markdown, junit."
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    max_concurrency: Optional[int] = typer.Option(None, min=1, help="Requests in flight at once, all hosts."),
    host_concurrency: Optional[int] = typer.Option(None, min=1, help="Requests in flight at once per host."),
    host_request_interval: Optional[str] = typer.Option(
        None, help="Minimum time between two requests to one host: 50ms, 1s..."
    ),
    timeout: Optional[float] = typer.Option(None, min=0.01, help="Seconds one request may take in all."),
    max_retries: Optional[int] = typer.Option(None, min=0, help="Retries of a transient failure."),
    max_redirects: Optional[int] = typer.Option(None, min=0, help="Redirects followed at most."),
    user_agent: Optional[str] = typer.Option(None, help="User-Agent header (default: browser-like)."),
    method: Optional[str] = typer.Option(
        None, help="auto (HEAD for files, GET for pages), head or get.", show_default=False
    ),
    include_fragments: Optional[bool] = typer.Option(
        None,
        "--include-fragments",
        help="Check that each URL's #fragment (an id, an <a name>, or #:~:text=) is on the page.",
        show_default=False,
    ),
    exclude: Optional[list[str]] = typer.Option(None, "--exclude", help="Skip URLs matching this regex."),
    deny: Optional[list[str]] = typer.Option(
        None, "--deny", help="Never connect to this address range (CIDR)."
    ),
    deny_private: Optional[bool] = typer.Option(
        None, "--deny-private/--allow-private", help="Refuse private address ranges.", show_default=False
    ),
    deny_loopback: Optional[bool] = typer.Option(
        None, "--deny-loopback/--allow-loopback", help="Refuse loopback addresses.", show_default=False
    ),
    fail_on: Optional[list[str]] = typer.Option(
        None, "--fail-on", help="Also fail the build on these verdicts: blocked, error (comma-separated)."
    ),
    fail_after: Optional[int] = typer.Option(
        None, min=1, help="Fail only when a URL failed this many runs in a row (flaky URLs)."
    ),
    shard: Optional[str] = typer.Option(None, help="Check only shard I of N (split by host), e.g. 2/4."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Check every URL now; ignore cached verdicts."),
    archive: bool = typer.Option(False, "--archive", help="Look up Wayback Machine copies of dead links."),
    archive_api: Optional[str] = typer.Option(None, help="Wayback availability API URL, for --archive."),
    show_all: bool = typer.Option(False, "--all", help="List alive URLs in the table too."),
    root: Optional[Path] = RootOption,
) -> None:
    """Check every cited URL: alive, redirected, dead, blocked, error, invalid or skipped.

    Polite by default (2 requests at once per host, 250ms apart); verdicts are
    cached in .claimtrack/ so a CI run on unchanged references sends almost
    no requests.  Dead links list the claims they leave with no live source.
    """
    from ..errors import UsageError
    from ..links.policy import parse_shard
    from ..links.targets import collect

    project = open_records(root)
    try:
        shard_spec = parse_shard(shard) if shard else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    policy = _policy(
        project,
        max_concurrency=max_concurrency,
        host_concurrency=host_concurrency,
        host_request_interval=host_request_interval,
        timeout=timeout,
        max_retries=max_retries,
        max_redirects=max_redirects,
        user_agent=user_agent,
        method=method,
        include_fragments=include_fragments,
        exclude=exclude,
        deny=deny,
        deny_private=deny_private,
        deny_loopback=deny_loopback,
        fail_on=fail_on,
        fail_after=fail_after,
        archive_api=archive_api,
    )
    targets = collect(project, paths or [])
    try:
        report = _run_with_progress(project, targets, policy, shard_spec, not no_cache)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if report.network == "online":
        if archive:
            from ..links.archive import attach_archives

            attach_archives(report, targets, policy)
        from ..links.cache import write_last_verdicts

        write_last_verdicts(project.root, report.results)  # for claims show / --verdict
    _print(report, fmt, output, show_all)
    raise typer.Exit(report.exit_code)


def _run_with_progress(project, targets, policy, shard, use_cache):
    from ..links.run import check as run_check

    with progress("checking links") as ticks:
        return run_check(
            project,
            targets,
            policy,
            shard=shard,
            use_cache=use_cache,
            on_total=ticks.total,
            on_done=ticks.done,
        )


def _print(report, fmt: LinkFormat, output: Optional[Path], show_all: bool) -> None:
    from ..links import report as out

    if report.network == "offline" and fmt is not LinkFormat.table:
        print(f"claimtrack: {out.offline_message(report)}", file=sys.stderr)
    if fmt is LinkFormat.table:
        if output:
            import io

            from rich.console import Console

            buffer = Console(record=True, width=160, file=io.StringIO(), no_color=True)
            out.render_table(buffer, report, all_results=show_all)
            _emit(buffer.export_text(), output)
        else:
            out.render_table(console(), report, all_results=show_all)
        return
    render = {
        LinkFormat.json: out.render_json,
        LinkFormat.github: out.render_github,
        LinkFormat.markdown: out.render_markdown,
        LinkFormat.junit: out.render_junit,
    }[fmt]
    _emit(render(report), output)


ARCHIVE_EXIT = (
    "Exit codes: 0 no dead link, or a snapshot for every one; 1 some dead link has no snapshot; "
    "2 usage or input error, or the network is unreachable."
)


class ArchiveFormat(StrEnum):  # the formats links archive renders (not check's five)
    table = "table"
    json = "json"


@links_app.command("archive", epilog=ARCHIVE_EXIT)
@handles_errors
def archive_cmd(
    paths: Optional[list[Path]] = PathsArgument,
    write: bool = typer.Option(False, "--write", help="Record each snapshot as archiveurl in its reference."),
    archive_api: Optional[str] = typer.Option(
        None, help="Wayback availability API URL (default https://archive.org/wayback/available)."
    ),
    fmt: ArchiveFormat = typer.Option(ArchiveFormat.table, "--format", "-f", help="table or json."),
    timeout: Optional[float] = typer.Option(None, min=0.01, help="Seconds one request may take in all."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Re-check every URL; ignore cached verdicts."),
    lock_timeout: Optional[float] = LockTimeoutOption,
    root: Optional[Path] = RootOption,
) -> None:
    """Find Wayback Machine snapshots of dead links, closest to each citation's access date.

    With --write, the snapshot URL is recorded in the reference (archiveurl);
    an archive URL already in a reference is never overwritten.
    """
    from ..links.archive import archive_dead
    from ..links.report import render_archive_json, render_archive_table
    from ..links.targets import collect

    project = open_project(root)
    policy = _policy(
        project, host_request_interval=None, fail_on=None, exclude=None, deny=None, timeout=timeout,
        archive_api=archive_api,
    )  # fmt: skip
    targets = collect(project, paths or [])
    report = _run_with_progress(project, targets, policy, None, not no_cache)
    if report.network == "offline":
        from ..links.report import offline_message

        print(f"claimtrack: {offline_message(report)}", file=sys.stderr)
        raise typer.Exit(2)
    if write:
        from ..writing import locked

        with locked(project, lock_timeout=lock_timeout):  # re-read under the lock: edits since
            rows = archive_dead(project, report, targets, policy, write=True)
    else:
        rows = archive_dead(project, report, targets, policy, write=False)
    if fmt is ArchiveFormat.json:
        print(render_archive_json(rows))
    else:
        render_archive_table(console(), rows)
    missing = [row for row in rows if not row["archive_url"]]
    unreachable = [
        row for row in missing if str(row.get("error") or "").startswith("archive API unreachable")
    ]
    if missing and len(unreachable) == len(missing):  # nothing could be asked: the help's exit 2
        print(f"claimtrack: the archive API could not be reached: {unreachable[0]['error']}", file=sys.stderr)
        raise typer.Exit(2)
    raise typer.Exit(1 if missing else 0)
