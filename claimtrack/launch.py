"""The ``claimtrack`` program: the quick path for a lookup, typer for everything else.

Kept apart from :mod:`claimtrack.cli`, whose package imports every command
module (and typer with them): a lookup answered on the quick path imports
none of that.
"""

from __future__ import annotations

import sys


def main() -> None:
    from . import quickcli

    code = quickcli.run(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from .cli import app
    from .cli import main as typer_main

    quickcli.remember(app)
    typer_main()
