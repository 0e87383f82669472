"""The command line: a thin typer layer that parses arguments and calls in.

Each command group lives in its own module here and registers itself on
``app``; nothing in this package does the work itself.

The modules here do without ``from __future__ import annotations``: typer
reads every command's signature on every run, and string annotations make it
compile and evaluate each of them (a third of the time --help takes to build
its commands).
"""

import sys

# The order of these imports is the order of the commands in --help: the data
# flow, from reports in to what is read out of the records.
# isort: off
from . import init as _init  # noqa: F401  (registers commands)
from . import ingest as _ingest  # noqa: F401
from . import listing as _listing  # noqa: F401
from . import lookup as _lookup  # noqa: F401
from . import audit as _audit  # noqa: F401
from . import links as _links  # noqa: F401
from . import sources as _sources  # noqa: F401
from . import verify as _verify  # noqa: F401
from . import refcheck as _refcheck  # noqa: F401
from . import export as _export  # noqa: F401
from . import curate as _curate  # noqa: F401
from . import view as _view  # noqa: F401
from . import config as _config  # noqa: F401
from ._app import app

# isort: on


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
