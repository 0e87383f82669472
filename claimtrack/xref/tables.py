"""The cross-reference tables, computed from the index.

Each table is a name, a title, its columns and rows of plain values (str,
int or a list of str), so every output format renders the same data and
``--format json`` is a stable contract: ``{"report": ..., "tables": {name:
{"title", "columns", "rows": [{column: value}]}}}``.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Optional, Union

Value = Union[str, int, None, list[str]]

NAMES = ("claims", "references", "footnotes", "summary", "domains", "types", "shared")


@dataclass
class Table:
    name: str
    title: str
    columns: list[str]
    rows: list[dict[str, Value]] = field(default_factory=list)
    # Columns holding a reference key / claim id: HTML turns them into links.
    ref_columns: tuple[str, ...] = ()
    claim_columns: tuple[str, ...] = ()


def build(
    conn: sqlite3.Connection, report: Optional[str], which: str = "all", support: Any = None
) -> list[Table]:
    """The tables; ``support`` (index.support.Support), when verify has run, adds its verdicts."""
    names = NAMES if which == "all" else (which,)
    makers = {
        "claims": claims_x_references,
        "references": reference_dependants,
        "footnotes": footnote_references,
        "summary": report_summary,
        "domains": sources_by_domain,
        "types": sources_by_type,
        "shared": shared_sources,
    }
    built = [makers[name](conn, report) for name in names]
    if support is not None and support.present:
        for table in built:
            if table.name == "claims":
                _add_support(table, support)
    return built


def _add_support(table: Table, support: Any) -> None:
    """A ``support`` column after ``reference``: the last verify's verdict on that source for that claim."""
    at = table.columns.index("reference") + 1
    table.columns.insert(at, "support")
    for row in table.rows:
        found = support.get(row["claim"], row["reference"]) if row["reference"] else None
        row["support"] = found.get("verdict", "") if found else ""


def _scope(report: Optional[str], column: str = "c.report") -> tuple[str, tuple[Any, ...]]:
    return (f" AND {column} = ?", (report,)) if report else ("", ())


def claims_x_references(conn: sqlite3.Connection, report: Optional[str]) -> Table:
    """One row per (claim, reference); a claim with no source gets one row with none."""
    where, args = _scope(report)
    rows = conn.execute(
        "SELECT c.report, c.id, c.section, c.text, cr.via, cr.key, r.domain, r.url FROM claims c"
        " LEFT JOIN claim_refs cr ON cr.claim = c.rowid LEFT JOIN refs r ON r.key = cr.key"
        f" WHERE 1{where} ORDER BY c.report, c.pos, cr.pos",
        args,
    )
    table = Table(
        "claims",
        "Claims × references (via footnote)",
        ["report", "claim", "footnote", "reference", "domain", "url", "text"],
        ref_columns=("reference",),
        claim_columns=("claim",),
    )
    for rep, claim_id, _section, text, via, key, domain, url in rows:
        table.rows.append(
            {
                "report": rep,
                "claim": claim_id,
                "footnote": via or "",
                "reference": key or "",
                "domain": domain or "",
                "url": url or "",
                "text": text,
            }
        )
    return table


def _dependants(conn: sqlite3.Connection, report: Optional[str]) -> tuple[dict, dict, dict]:
    where, args = _scope(report)
    claims: dict[str, list[str]] = defaultdict(list)
    reports: dict[str, set[str]] = defaultdict(set)
    for key, claim_id, rep in conn.execute(
        "SELECT cr.key, c.id, c.report FROM claim_refs cr JOIN claims c ON c.rowid = cr.claim"
        f" WHERE 1{where} ORDER BY c.report, c.pos",
        args,
    ):
        claims[key].append(claim_id)
        reports[key].add(rep)
    fwhere, fargs = _scope(report, "report")
    footnotes: dict[str, list[str]] = defaultdict(list)
    for key, rep, label in conn.execute(
        f"SELECT key, report, label FROM footnote_refs WHERE 1{fwhere} ORDER BY report, rowid", fargs
    ):
        footnotes[key].append(f"{rep}:{label}")
        reports[key].add(rep)
    for key, rep in conn.execute(f"SELECT key, report FROM bibliography WHERE 1{fwhere}", fargs):
        reports[key].add(rep)
    return claims, footnotes, reports


def reference_dependants(conn: sqlite3.Connection, report: Optional[str]) -> Table:
    """Reference -> claims, most depended-on first: what breaks if this source dies."""
    claims, footnotes, reports = _dependants(conn, report)
    keys = set(reports) if report else None
    table = Table(
        "references",
        "Reference → claims (most depended on first)",
        ["reference", "type", "domain", "title", "url", "claims", "footnotes", "reports", "claim_ids"],
        ref_columns=("reference",),
        claim_columns=("claim_ids",),
    )
    for key, kind, domain, title, url in _refs(conn, keys, "key, type, domain, title, url"):
        table.rows.append(
            {
                "reference": key,
                "type": kind,
                "domain": domain or "",
                "title": title or "",
                "url": url or "",
                "claims": len(claims.get(key, ())),
                "footnotes": len(footnotes.get(key, ())),
                "reports": sorted(reports.get(key, ())),
                "claim_ids": claims.get(key, []),
            }
        )
    table.rows.sort(key=lambda r: (-r["claims"], -r["footnotes"], r["reference"]))  # type: ignore[operator]
    return table


def _refs(conn: sqlite3.Connection, keys: Optional[set[str]], columns: str) -> list[tuple[Any, ...]]:
    """Rows of ``refs`` (all of them, or those with ``keys``: an index lookup, not a scan)."""
    if keys is None:
        return conn.execute(f"SELECT {columns} FROM refs").fetchall()
    return conn.execute(
        f"SELECT {columns} FROM refs WHERE key IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(keys)),),
    ).fetchall()


def footnote_references(conn: sqlite3.Connection, report: Optional[str]) -> Table:
    where, args = _scope(report, "f.report")
    carried: dict[tuple[str, str], list[str]] = defaultdict(list)
    cwhere, cargs = _scope(report, "cf.report")
    for rep, label, claim_id in conn.execute(
        "SELECT cf.report, cf.label, c.id FROM claim_footnotes cf JOIN claims c ON c.rowid = cf.claim"
        f" WHERE 1{cwhere} ORDER BY c.pos",
        cargs,
    ):
        carried[(rep, label)].append(claim_id)
    cites: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rep, label, key in conn.execute(
        f"SELECT f.report, f.label, f.key FROM footnote_refs f WHERE 1{where} ORDER BY f.pos", args
    ):
        cites[(rep, label)].append(key)
    table = Table(
        "footnotes",
        "Footnote → references",
        ["report", "footnote", "kind", "references", "claims"],
        ref_columns=("references",),
        claim_columns=("claims",),
    )
    for rep, label, kind in conn.execute(
        f"SELECT f.report, f.label, f.kind FROM footnotes f WHERE 1{where} ORDER BY f.report, f.pos", args
    ):
        table.rows.append(
            {
                "report": rep,
                "footnote": label,
                "kind": kind,
                "references": cites.get((rep, label), []),
                "claims": carried.get((rep, label), []),
            }
        )
    return table


def _report_sources(conn: sqlite3.Connection, report: Optional[str]) -> dict[str, set[str]]:
    """Report id -> the keys it cites: through its footnotes, its claims or its bibliography."""
    fwhere, args = _scope(report, "report")
    cwhere, _ = _scope(report, "c.report")
    found: dict[str, set[str]] = defaultdict(set)
    query = (
        f"SELECT report, key FROM footnote_refs WHERE 1{fwhere}"
        f" UNION SELECT report, key FROM bibliography WHERE 1{fwhere}"
        " UNION SELECT c.report, cr.key FROM claim_refs cr JOIN claims c ON c.rowid = cr.claim"
        f" WHERE 1{cwhere}"
    )
    for rep, key in conn.execute(query, args * 3):
        found[rep].add(key)
    return found


def report_summary(conn: sqlite3.Connection, report: Optional[str]) -> Table:
    where, args = _scope(report, "r.id")
    sources = _report_sources(conn, report)
    table = Table(
        "summary",
        "Per report: claims cited and uncited, bibliography entries never cited",
        [
            "report",
            "title",
            "claims",
            "cited",
            "uncited",
            "cited_percent",
            "footnotes",
            "sources",
            "never_cited",
        ],
    )
    for rep, title, n, cited, n_fns, never in conn.execute(
        "SELECT r.id, r.title, (SELECT count(*) FROM claims c WHERE c.report = r.id),"
        " (SELECT count(*) FROM claims c WHERE c.report = r.id AND c.cited),"
        " (SELECT count(*) FROM footnotes f WHERE f.report = r.id),"
        " (SELECT count(*) FROM bibliography b WHERE b.report = r.id AND NOT b.cited)"
        f" FROM reports r WHERE 1{where} ORDER BY r.id",
        args,
    ):
        table.rows.append(
            {
                "report": rep,
                "title": title or "",
                "claims": n,
                "cited": cited,
                "uncited": n - cited,
                "cited_percent": round(100 * cited / n) if n else 0,
                "footnotes": n_fns,
                "sources": len(sources.get(rep, ())),
                "never_cited": never,
            }
        )
    return table


def _facet(conn: sqlite3.Connection, report: Optional[str], column: str) -> dict[str, dict[str, set[str]]]:
    """Report -> facet value (domain or type) -> keys."""
    sources = _report_sources(conn, report)
    wanted = set().union(*sources.values()) if report else None
    meta = dict(_refs(conn, wanted, f"key, {column}"))
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for rep, keys in sources.items():
        for key in keys:
            value = meta[key] or "(no URL)" if key in meta else "(not in references/)"
            out[rep][value].add(key)
    return out


def sources_by_domain(conn: sqlite3.Connection, report: Optional[str]) -> Table:
    claims_per_key: dict[tuple[str, str], int] = defaultdict(int)
    where, args = _scope(report)
    for rep, key, n in conn.execute(
        "SELECT c.report, cr.key, count(DISTINCT c.rowid)"
        " FROM claim_refs cr JOIN claims c ON c.rowid = cr.claim"
        f" WHERE 1{where} GROUP BY c.report, cr.key",
        args,
    ):
        claims_per_key[(rep, key)] = n
    table = Table("domains", "Per report: sources by domain", ["report", "domain", "sources", "claims"])
    for rep, domains in sorted(_facet(conn, report, "domain").items()):
        ranked = sorted(domains.items(), key=lambda item: (-len(item[1]), item[0]))
        for domain, keys in ranked:
            n_claims = sum(claims_per_key.get((rep, k), 0) for k in keys)
            table.rows.append({"report": rep, "domain": domain, "sources": len(keys), "claims": n_claims})
    return table


def sources_by_type(conn: sqlite3.Connection, report: Optional[str]) -> Table:
    table = Table("types", "Per report: sources by type", ["report", "type", "sources"])
    for rep, kinds in sorted(_facet(conn, report, "type").items()):
        for kind, keys in sorted(kinds.items(), key=lambda item: (-len(item[1]), item[0])):
            table.rows.append({"report": rep, "type": kind, "sources": len(keys)})
    return table


def shared_sources(conn: sqlite3.Connection, report: Optional[str]) -> Table:
    """Sources cited by more than one report (with --report: those it shares with others)."""
    by_key: dict[str, set[str]] = defaultdict(set)
    if report:  # only this report's sources: who else cites each (index lookups by key)
        mine = json.dumps(sorted(_report_sources(conn, report).get(report, ())))
        in_mine = "key IN (SELECT value FROM json_each(?))"
        rows = conn.execute(
            f"SELECT key, report FROM footnote_refs WHERE {in_mine}"
            f" UNION SELECT key, report FROM bibliography WHERE {in_mine}"
            " UNION SELECT cr.key, c.report FROM claim_refs cr JOIN claims c ON c.rowid = cr.claim"
            f" WHERE cr.{in_mine}",
            (mine, mine, mine),
        )
        for key, rep in rows:
            by_key[key].add(rep)
    else:
        for rep, keys in _report_sources(conn, None).items():
            for key in keys:
                by_key[key].add(rep)
    shared = {key for key, reps in by_key.items() if len(reps) > 1}
    titles = dict(_refs(conn, shared, "key, title"))
    table = Table(
        "shared",
        "Sources cited by more than one report",
        ["reference", "title", "report_count", "reports"],
        ref_columns=("reference",),
    )
    for key, reps in sorted(by_key.items(), key=lambda item: (-len(item[1]), item[0])):
        if len(reps) > 1 and (report is None or report in reps):
            table.rows.append(
                {
                    "reference": key,
                    "title": titles.get(key) or "",
                    "report_count": len(reps),
                    "reports": sorted(reps),
                }
            )
    return table
