"""The cross-reference tables as one self-contained HTML page.

No scripts, no external files: the page opens from disk or an e-mail.  Every
claim links to its sources (the reference's row, and the source's URL), and
every reference lists the claims that depend on it, linked back.
"""

from __future__ import annotations

from html import escape
from typing import Optional
from urllib.parse import quote

from .. import __version__
from .render import HEADINGS, numeric
from .tables import Table, Value

CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 2rem;
       color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
nav a { margin-right: 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .3rem .5rem; text-align: left; vertical-align: top; }
td a[href^="http"] { overflow-wrap: anywhere; }  /* long URLs wrap instead of widening the page */
td:has(> a[href^="http"]:only-child) { min-width: 16em; }
th { background: #f5f5f5; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.id { font-family: ui-monospace, monospace; font-size: .85rem; white-space: nowrap; }
tr:target { background: #fff6c8; }
.none { color: #b00; } a.out { text-decoration: none; }
.muted { color: #777; font-size: .85rem; }
"""


def _anchor(kind: str, value: str) -> str:
    return f"{kind}-{quote(value, safe='')}"


class _Links:
    """Which anchors exist on the page, so no link points nowhere."""

    def __init__(self, tables: list[Table]) -> None:
        names = {t.name for t in tables}
        self.claims = "claims" in names
        self.refs = "references" in names
        self.urls: dict[str, str] = {}
        for table in tables:
            if table.name in ("claims", "references"):
                for row in table.rows:
                    if row.get("url") and row.get("reference"):
                        self.urls[str(row["reference"])] = str(row["url"])

    def ref(self, key: str) -> str:
        label = escape(key)
        inner = f'<a href="#{_anchor("ref", key)}">{label}</a>' if self.refs else label
        url = self.urls.get(key)
        if url:
            inner += f' <a class="out" href="{escape(url)}" title="{escape(url)}">↗</a>'
        return inner

    def claim(self, claim_id: str) -> str:
        label = escape(claim_id)
        return f'<a href="#{_anchor("claim", claim_id)}">{label}</a>' if self.claims else label


def _cell(table: Table, column: str, value: Value, links: _Links) -> str:
    values = value if isinstance(value, list) else None
    if column in table.ref_columns:
        items = values if values is not None else ([str(value)] if value else [])
        return ", ".join(links.ref(v) for v in items) or '<span class="none">none</span>'
    if column in table.claim_columns and column != "claim":
        return ", ".join(links.claim(v) for v in (values or []))
    if column == "url" and value:
        return f'<a href="{escape(str(value))}">{escape(str(value))}</a>'
    if values is not None:
        return escape(", ".join(values))
    return escape("" if value is None else str(value))


def _table(table: Table, links: _Links) -> str:
    # The claims table shows the URL through the reference's ↗ link instead.
    columns = [c for c in table.columns if not (table.name == "claims" and c in ("url", "domain"))]
    head = "".join(
        f'<th class="{"num" if numeric(table, c) else ""}">{escape(HEADINGS.get(c, c))}</th>' for c in columns
    )
    out = [f'<h2 id="{table.name}">{escape(table.title)} <span class="muted">({len(table.rows)})</span></h2>']
    if not table.rows:
        return out[0] + "<p>(none)</p>"
    out.append(f"<table><thead><tr>{head}</tr></thead><tbody>")
    seen_claims: set[str] = set()
    for row in table.rows:
        attrs = ""
        if table.name == "claims" and row["claim"] not in seen_claims:
            seen_claims.add(str(row["claim"]))
            attrs = f' id="{_anchor("claim", str(row["claim"]))}"'
        elif table.name == "references":
            attrs = f' id="{_anchor("ref", str(row["reference"]))}"'
        cells = []
        for c in columns:
            cls = "num" if numeric(table, c) else "id" if c in ("claim", "footnote") else ""
            cells.append(f'<td class="{cls}">{_cell(table, c, row[c], links)}</td>')
        out.append(f"<tr{attrs}>{''.join(cells)}</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def page(tables: list[Table], report: Optional[str]) -> str:
    links = _Links(tables)
    title = f"Cross-references of {report}" if report else "Cross-references"
    nav = " ".join(f'<a href="#{t.name}">{escape(t.title)}</a>' for t in tables)
    body = "\n".join(_table(t, links) for t in tables)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>{CSS}</style></head>\n<body>\n<h1>{escape(title)}</h1>\n"
        f'<p class="muted">Generated by claimtrack {__version__}. Claim ids link to their rows, '
        "reference keys to the source's row, ↗ to the source itself.</p>\n"
        f"<nav>{nav}</nav>\n{body}\n</body></html>\n"
    )
