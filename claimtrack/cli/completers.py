"""Shell completion of the names a command takes: claim ids, citekeys, reports, footnotes.

Every option or argument that takes one of these names completes it (from the
index, never failing); tests/test_names.py checks that each does.  Values that
are comma-separated lists (``--keys a,b``) complete their last item.
"""

from __future__ import annotations

import typer

from .. import lookups as run
from ..quickcli import COMPLETES


def _root(ctx: typer.Context):
    """--root after the command, else --root before it (on the top-level context)."""
    return ctx.params.get("root") or ctx.find_root().params.get("root")


def completes(what: str, comma: bool = False, files: bool = False):
    """A typer completion callback for ``what`` (claim, reference, report)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        head, _, last = incomplete.rpartition(",") if comma else ("", "", incomplete)
        lead = f"{head}," if head else ""
        found = [lead + value for value in run.complete(what, _root(ctx), last)]
        if files:  # a report argument also takes the report's file
            from glob import glob

            found += sorted(glob(incomplete + "*"))[:50]
        return found

    if not comma and not files:
        setattr(complete, COMPLETES, what)  # lets the quick path complete it too
    return complete


def complete_footnote(ctx: typer.Context, incomplete: str) -> list[str]:
    return run.complete("footnote", _root(ctx), incomplete, ctx.params.get("report") or "")


setattr(complete_footnote, COMPLETES, "footnote")
