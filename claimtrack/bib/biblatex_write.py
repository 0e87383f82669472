"""biblatex export of imported references: every entry type and field, as the source had them.

The entry type is the one read (``@inproceedings``, ``@thesis``...); names
are written in parts (biblatex's extended format only where the classic form
cannot say it); dates as EDTF; titles LaTeX-escaped with their capitals
braced; URLs and DOIs raw; fields biblatex does not know written back
verbatim.  Importing this output gives the same references again, so a
second export is byte-identical to the first.  (References ingest made go
through ``export/biblatex.py``, which this module falls back to.)
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Reference
from .entry import NAMES, RAW, TITLE, VERBATIM, entry_type_of, list_items, to_fields
from .latex import escape, protect_case
from .names import format_names

# Our own fields, written the way biblatex prints them (export/biblatex.py does the same).
ARCHIVED_PREFIX = "Archived at "


def url_command(url: str) -> str:
    return "\\url{" + url.replace("%", "\\%").replace("#", "\\#") + "}"


def _list(value: str) -> str:
    return " and ".join(
        "{" + escape(item) + "}" if " and " in f" {item} " else escape(item) for item in list_items(value)
    )


def fields(ref: Reference) -> list[tuple[str, str]]:
    from .datamodel import LIST_FIELDS

    out: list[tuple[str, str]] = []
    present = {name for name, _, _ in to_fields(ref)}
    for name, value, kind in to_fields(ref):
        if name == "titletranslation":
            if "titleaddon" not in present:
                out.append(("titleaddon", "[" + protect_case(str(value)) + "]"))
            continue
        if name == "archiveurl":
            if "addendum" not in present:
                out.append(("addendum", ARCHIVED_PREFIX + url_command(str(value))))
            continue
        if kind == NAMES:
            text = format_names(value, escape)  # type: ignore[arg-type]
        elif kind in (VERBATIM, RAW):
            text = str(value)
        elif kind == TITLE:
            text = protect_case(str(value))
        elif name in LIST_FIELDS and name in ref.fields:
            text = _list(str(value))  # several items, as read
        elif name in LIST_FIELDS:
            text = _list("{" + str(value) + "}")  # one item: never split at an " and " inside it
        elif name == "pages":
            text = escape(str(value)).replace("–", "--")
        else:
            text = escape(str(value))
        out.append((name, text))
    return out


def entry(ref: Reference) -> str:
    from ..export.biblatex import format_entry

    return format_entry(entry_type_of(ref)[0], ref.key, fields(ref))


def dumps(refs: Iterable[Reference]) -> str:
    return "\n".join(entry(ref) for ref in refs)
