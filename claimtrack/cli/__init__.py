"""The command line: a thin typer layer that parses arguments and calls in.

Each command group lives in its own module here and registers itself on
``app``; nothing in this package does the work itself.
"""

from __future__ import annotations

import sys

from . import audit as _audit  # noqa: F401  (registers commands)
from . import export as _export  # noqa: F401
from . import ingest as _ingest  # noqa: F401
from . import links as _links  # noqa: F401
from . import listing as _listing  # noqa: F401
from . import lookup as _lookup  # noqa: F401
from ._app import app


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
