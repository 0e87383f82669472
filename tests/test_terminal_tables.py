"""On a terminal, tables break cells only between words: citekeys, ids and URLs stay whole."""

from __future__ import annotations

import io
import re

import pytest
from ct_helpers import Cli
from rich.table import Table

from claimtrack.render import console as console_module
from claimtrack.render.console import TerminalConsole

URL = "https://uk.reuters.com/article/us-armenia-azerbaijan-turkey/turkeys-erdogan-says-armenia-must-withdraw"


def _render(table: Table, width: int) -> str:
    out = io.StringIO()
    TerminalConsole(file=out, width=width, force_terminal=True, color_system=None).print(table)
    return out.getvalue()


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_ids_keys_and_urls_are_never_cut(width):
    table = Table()
    table.add_column("key", overflow="fold")
    table.add_column("report", max_width=8, no_wrap=True, overflow="ellipsis")
    table.add_column("title")
    table.add_column("site", overflow="fold")
    table.add_row(
        "reutersturkey2020erdogan", "004_7e88fde1e0fb7812", "Turkey's Erdogan says Armenia must withdraw", URL
    )
    text = _render(table, width)
    for word in ("reutersturkey2020erdogan", "004_7e88fde1e0fb7812", URL):
        assert any(word in line for line in text.splitlines()), (word, text)
    assert "…" not in text
    # the prose column still folds between words where it can
    assert "Turkey's" in text


def test_a_table_that_fits_is_left_to_rich():
    table = Table()
    table.add_column("key")
    table.add_column("claims")
    table.add_row("epdk", "3")
    assert max(len(line) for line in _render(table, 80).splitlines()) <= 80


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["claims", "list", "--report", "004"], r"\b[0-9a-f]{11}\b"),
        (["refs", "list"], None),
    ],
)
def test_commands_keep_names_whole_on_a_narrow_terminal(bundled, monkeypatch, args, words):
    from claimtrack.project import Project

    monkeypatch.setattr(console_module, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("CLAIMTRACK_NO_QUICK", "1")
    text = Cli(bundled)(*args).stdout
    assert "│" in text or "┃" in text  # the rich table, not the plain one
    project = Project.open(bundled)
    if words:
        ids = {c.id for c in project.claims()}
        shown = set(re.findall(words, text)) & ids
        assert shown, text[:500]
        cut = {f for f in re.findall(r"\b[0-9a-f]{3,10}\b", text) if any(i.startswith(f) for i in ids)}
        assert not cut, f"ids broken across lines: {cut}"
    else:
        lines = text.splitlines()
        for key in project.references:
            assert any(re.search(rf"(^|\W){re.escape(key)}(\W|$)", line) for line in lines), key
