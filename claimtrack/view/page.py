"""The page itself: one self-contained HTML file rendered with Jinja2.

Styles and the (small, dependency-free) script are inlined, and the data the
side panel shows is embedded as JSON, so the page makes no network request:
it works from ``file://``, as a CI artifact or on GitHub Pages.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from .. import __version__
from ..project import Project
from .data import gather
from .layout import Marker, Span, layout
from .states import STATES


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("claimtrack.view", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.tests["span"] = lambda piece: isinstance(piece, Span)
    env.tests["marker"] = lambda piece: isinstance(piece, Marker)
    return env


def _asset(name: str) -> str:
    return resources.files("claimtrack.view").joinpath("templates", name).read_text("utf-8")


def render(project: Project, report_id: str, *, now: datetime | None = None) -> str:
    """The view of one report, as HTML text."""
    data = gather(project, report_id)
    laid = layout(project.root, project.claim_files[report_id])
    payload: dict[str, Any] = {
        "report": data.report,
        "claims": data.claims,
        "footnotes": data.footnotes,
        "states": {
            state.value: {"label": i.label, "icon": i.icon, "finding": i.finding}
            for state, i in STATES.items()
        },
        "checks": data.checks,
    }
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return (
        _environment()
        .get_template("view.html.j2")
        .render(
            report=data.report,
            summary=data.summary,
            checks=data.checks,
            states=STATES,
            blocks=laid.blocks,
            claims=data.claims,
            footnotes=data.footnotes,
            unplaced=[data.claims[c] for c in laid.unplaced if c in data.claims],
            payload=payload,
            css=_asset("view.css"),
            script=_asset("view.js"),
            version=__version__,
            generated=stamp,
            note_html=_note_html,
        )
    )


def _note_html(markdown: str) -> str:
    """A footnote's Markdown as inline HTML: links kept, raw HTML not."""
    from markupsafe import Markup

    return Markup(_markdown().renderInline(markdown))


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False})
