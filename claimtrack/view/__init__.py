"""``claimtrack view``: a report as written, every claim coloured by its support.

``states`` names the seven states and how each is decided from the records and
the last checks; ``data`` gathers what the side panel shows; ``layout`` places
each claim in the report's text; ``page`` renders the self-contained HTML page
from the Jinja2 template, stylesheet and script in ``templates/``.
"""

from __future__ import annotations

from .page import render

__all__ = ["render"]
