"""Lookups against the index: search, show a claim, a reference, a footnote.

Every function returns plain dicts (the ``--format json`` contract) built from
the JSON the index stores, so no lookup imports pydantic.  Unknown ids, keys,
reports and footnotes raise :class:`UsageError` naming the closest matches.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any, NamedTuple, Optional

from ..errors import UsageError
from . import support as _support
from . import verdicts as _verdicts

# highlight() markers: control characters never found in claim text.
HL_START, HL_END = "\x02", "\x03"
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_FIGURE = re.compile(r"\d[\d.,]*%?")


# -- closest matches ---------------------------------------------------------


def closest(conn: sqlite3.Connection, table: str, column: str, value: str, n: int = 3) -> list[str]:
    """The ``n`` values of ``table.column`` most like ``value``.

    On a large table the candidates are first narrowed to those sharing the
    longest prefix with ``value`` that still gives a few (an index range scan),
    so difflib stays fast on hundreds of thousands of ids.
    """
    base = f"SELECT {column} FROM {table}"
    if conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] <= 20_000:
        candidates = [r[0] for r in conn.execute(base)]
    else:
        candidates = []
        for size in range(min(len(value), 12), 0, -1):
            prefix = value[:size]
            rows = conn.execute(
                f"{base} WHERE {column} >= ? AND {column} < ? LIMIT 5000", (prefix, prefix + "\uffff")
            )
            candidates = [r[0] for r in rows]
            if len(candidates) >= n * 5:
                break
    from ..names import closest as most_like

    return most_like(value, candidates, n=n)


def _unknown(what: str, value: str, matches: list[str]) -> UsageError:
    hint = f"; closest: {', '.join(matches)}" if matches else ""
    return UsageError(f"unknown {what} {value!r}{hint}")


# -- reports -----------------------------------------------------------------


def resolve_report(conn: sqlite3.Connection, name: str) -> str:
    """A report id from an id, a unique id prefix, or its source file name."""
    if conn.execute("SELECT 1 FROM reports WHERE id = ?", (name,)).fetchone():
        return name
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    like = "%/" + base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    row = conn.execute(
        "SELECT id FROM reports WHERE source = ? OR source LIKE ? ESCAPE '\\'", (base, like)
    ).fetchone()
    if row:
        return row[0]
    matches = [r[0] for r in conn.execute(
        "SELECT id FROM reports WHERE id >= ? AND id < ? LIMIT 6", (name, name + "\uffff")
    )]  # fmt: skip
    if len(matches) == 1:
        return matches[0]
    if matches:
        more = ", ..." if len(matches) > 5 else ""
        raise UsageError(f"ambiguous report {name!r}: {', '.join(matches[:5])}{more}")
    from ..names import FEW, unknown

    few = [r[0] for r in conn.execute("SELECT id FROM reports LIMIT ?", (FEW + 1,))]
    raise unknown("report", name, closest(conn, "reports", "id", name), few=few if len(few) <= FEW else ())


# -- search --------------------------------------------------------------------


class Filters(NamedTuple):  # a NamedTuple, not a dataclass: dataclasses imports inspect (~5 ms a lookup)
    report: Optional[str] = None  # a report id (resolved)
    section: Optional[str] = None  # substring, case-insensitive
    ref: Optional[str] = None  # citekey
    domain: Optional[str] = None  # host, subdomains included
    uncited: bool = False
    verdict: Optional[str] = None  # the last link check's verdict for a cited URL


def terms(text: str) -> list[str]:
    """FTS5 phrases from what a person typed.

    Each word or "quoted phrase" becomes an FTS5 phrase (so ``33.2`` or
    ``U.S.`` are not syntax errors), ``word*`` a prefix search, and a bare
    ``OR`` between words stays an OR.
    """
    parts: list[str] = []
    for match in _TERM.finditer(text):
        phrase, word = match.group(1), match.group(2)
        if word == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        raw = phrase if phrase is not None else word
        prefix = phrase is None and raw.endswith("*")
        raw = raw.rstrip("*") if prefix else raw
        if not re.search(r"\w", raw):
            continue
        parts.append('"' + raw.replace('"', '""') + '"' + (" *" if prefix else ""))
    while parts and parts[-1] == "OR":
        parts.pop()
    return parts


def fts_query(parts: list[str], any_word: bool = False) -> str:
    """All the phrases must match (implicit AND) unless ``any_word``."""
    if any_word:
        return " OR ".join(p for p in parts if p != "OR")
    return " ".join(parts)


def _filter_sql(conn: sqlite3.Connection, root: Path, f: Filters) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    if f.report:
        where.append("c.report = ?")
        args.append(f.report)
    if f.section:
        where.append("c.section LIKE ? ESCAPE '\\'")
        args.append("%" + f.section.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if f.ref:
        if not conn.execute("SELECT 1 FROM refs WHERE key = ?", (f.ref,)).fetchone():
            raise _unknown("reference", f.ref, closest(conn, "refs", "key", f.ref))  # a filter: no prefixes
        where.append("c.rowid IN (SELECT claim FROM claim_refs WHERE key = ?)")
        args.append(f.ref)
    if f.domain:
        domain = f.domain.lower().removeprefix("www.")
        where.append(
            "c.rowid IN (SELECT claim FROM claim_refs WHERE key IN"
            " (SELECT key FROM refs WHERE domain = ? OR domain LIKE ?))"
        )
        args += [domain, "%." + domain]
    if f.uncited:
        where.append("c.cited = 0")
    if f.verdict and f.verdict.lower() in _support.VERDICTS:
        support = _support.load(root)
        if not support.present:
            raise UsageError(
                "no support verdicts yet (.claimtrack/verify.json): run `claimtrack verify` first"
            )
        where.append("c.id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(support.claims_with(f.verdict.lower())))
    elif f.verdict:
        found = _verdicts.load(root)
        if not found.present:
            raise UsageError(
                "no link verdicts yet (.claimtrack/link-verdicts.json): run the link check first"
            )
        if f.verdict.lower() not in {k.lower() for k in found.kinds()}:
            raise _unknown("verdict", f.verdict, found.kinds())
        where.append(
            "c.rowid IN (SELECT claim FROM claim_refs WHERE key IN"
            " (SELECT key FROM refs WHERE url_norm IN (SELECT value FROM json_each(?))))"
        )
        args.append(json.dumps(found.normalized_urls_with(f.verdict)))
    return where, args


def _spans(marked: str) -> tuple[str, list[list[int]]]:
    """Plain text and [start, end) spans from highlight() output."""
    text, spans, start = [], [], 0
    pos = 0
    for char in marked:
        if char == HL_START:
            start = pos
        elif char == HL_END:
            spans.append([start, pos])
        else:
            text.append(char)
            pos += 1
    return "".join(text), spans


def _claim_summary(row: Any) -> dict[str, Any]:
    data = json.loads(row["data"])
    return {
        "id": data["id"],
        "report": data["report"],
        "section": data["section"],
        "text": data["text"],
        "footnotes": data["footnotes"],
        "references": data["references"],
        "line": data["location"]["line"],
        "review": data["review"]["status"],
    }


def search(
    conn: sqlite3.Connection,
    root: Path,
    query: Optional[str],
    filters: Filters,
    *,
    in_sources: bool = False,
    limit: int = 20,
) -> dict[str, Any]:
    """Claims matching ``query`` (best first) and ``filters``.

    Without a query, the filtered claims in report order.  Otherwise the first
    of these that finds something (``"matched"`` says which):

    - ``all``: claims holding every word (in their footnotes' and sources'
      text too with ``in_sources``);
    - ``context``: claims whose words and surrounding sentences hold every
      word ("33.2 percent gas": the claim says 33.2 percent, the sentence
      before it says gas);
    - ``any``: claims holding any of the words.
    """
    conn.row_factory = sqlite3.Row
    where, args = _filter_sql(conn, root, filters)
    phrases = terms(query or "")
    if not phrases:
        if query:
            raise UsageError(f"nothing to search for in {query!r}: give a word")
        cond = " AND ".join(where) or "1"
        total = conn.execute(f"SELECT count(*) FROM claims c WHERE {cond}", args).fetchone()[0]
        rows = conn.execute(
            f"SELECT c.data FROM claims c WHERE {cond} ORDER BY c.report, c.pos LIMIT ?", [*args, limit]
        ).fetchall()
        hits = [{**_claim_summary(r), "score": None, "highlights": [], "source_match": None} for r in rows]
        return {"query": query, "matched": None, "total": total, "hits": hits}
    columns = ["text", "sources"] if in_sources else ["text"]
    words = [p for p in phrases if p != "OR"]
    attempts = [("all", columns, fts_query(phrases))]
    if "OR" not in phrases:
        attempts.append(("context", [*columns, "context"], fts_query(phrases)))
        if len(words) > 1:
            attempts.append(("any", columns, fts_query(phrases, any_word=True)))
    # A figure the user typed is the surest sign of the claim meant: claims stating it come first.
    figures = [w.strip('"') for w in words if _FIGURE.fullmatch(w.strip('"'))]
    total, rows, matched = 0, [], None  # type: ignore[var-annotated]
    for how, cols, match in attempts:
        matched = how
        total, rows = _ranked(conn, "{" + " ".join(cols) + "} : (" + match + ")", figures, where, args, limit)
        if total:
            break
    hits = []
    for row in rows:
        text, spans = _spans(row["hl"])
        source_match = None
        if not spans and in_sources and row["snip"]:
            source_match = row["snip"].replace(HL_START, "[").replace(HL_END, "]")
        hits.append(
            {
                **_claim_summary(row),
                "score": round(-row["score"], 3),
                "highlights": spans,
                "source_match": source_match,
            }
        )
    return {"query": query, "matched": matched if total else None, "total": total, "hits": hits}


def _ranked(
    conn: sqlite3.Connection, match: str, figures: list[str], where: list[str], args: list[Any], limit: int
) -> tuple[int, list[dict[str, Any]]]:
    """(how many match, the best ``limit`` with their data, score, highlight and snippet)."""
    if where or figures:
        cond = " AND ".join(["claims_fts MATCH ?", *where])
        base = f"FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid WHERE {cond}"
    else:  # no join needed: FTS5 counts and ranks on its own, much faster on common words
        base = "FROM claims_fts WHERE claims_fts MATCH ?"
    total = conn.execute(f"SELECT count(*) {base}", [match, *args]).fetchone()[0]
    if not total:
        return 0, []
    # The claim's own words count most, then its sources', then the sentences around it.
    stated = " + ".join(["(instr(c.text, ?) > 0)"] * len(figures))
    order = f"{stated} DESC, score" if figures else "score"
    best = conn.execute(
        f"SELECT claims_fts.rowid, bm25(claims_fts, 1.0, 0.2, 0.3) AS score {base} ORDER BY {order} LIMIT ?",
        [match, *args, *figures, limit],
    ).fetchall()
    # Highlights only for the rows shown: computing them for every match costs more than the ranking.
    ids = json.dumps([r[0] for r in best])
    marks = {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            "SELECT rowid, highlight(claims_fts, 0, char(2), char(3)),"
            " snippet(claims_fts, 2, char(2), char(3), '…', 12) FROM claims_fts"
            " WHERE claims_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))",
            (match, ids),
        )
    }
    data = dict(
        conn.execute("SELECT rowid, data FROM claims WHERE rowid IN (SELECT value FROM json_each(?))", (ids,))
    )
    rows = [{"data": data[r], "score": score, "hl": marks[r][0], "snip": marks[r][1]} for r, score in best]
    return total, rows


# -- show ----------------------------------------------------------------------


def _lastcheck(root: Path) -> dict[str, Any]:
    from ..registries.lastcheck import load

    return load(root)


def _reference(
    conn: sqlite3.Connection, key: str, found: _verdicts.Verdicts, checks: Optional[dict[str, Any]] = None
) -> dict[str, Any]:
    row = conn.execute("SELECT data, file, line, domain FROM refs WHERE key = ?", (key,)).fetchone()
    if row is None:  # cited but defined nowhere in references/
        return {"key": key, "missing": True}
    data = json.loads(row[0])
    verdict = found.get(data.get("url"))
    data.update(
        {
            "file": row[1],
            "line": row[2],
            "domain": row[3],
            "link": verdict.as_dict() if verdict else None,
            "registry_check": (checks or {}).get(key),  # the last `refs check` verdict
            "missing": False,
        }
    )
    return data


def _footnote(conn: sqlite3.Connection, report: str, label: str) -> Optional[dict[str, Any]]:
    row = conn.execute(
        "SELECT label, line, kind, text, locator FROM footnotes WHERE report = ? AND label = ?",
        (report, label),
    ).fetchone()
    if row is None:
        return None
    keys = [r[0] for r in conn.execute(
        "SELECT key FROM footnote_refs WHERE report = ? AND label = ? ORDER BY pos", (report, label)
    )]  # fmt: skip
    return {
        "label": row[0],
        "line": row[1],
        "kind": row[2],
        "text": row[3],
        "locator": row[4],
        "references": keys,
    }


def _report(conn: sqlite3.Connection, report: str) -> dict[str, Any]:
    row = conn.execute("SELECT id, title, source, file FROM reports WHERE id = ?", (report,)).fetchone()
    return {"id": row[0], "title": row[1], "source": row[2], "file": row[3]}


def _by_prefix(conn: sqlite3.Connection, table: str, column: str, name: str, what: str) -> str:
    """``name``, or the one value of ``table.column`` it is a prefix of (names.py's rule, by index range)."""
    if conn.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", (name,)).fetchone():
        return name
    matches = [r[0] for r in conn.execute(
        f"SELECT DISTINCT {column} FROM {table} WHERE {column} >= ? AND {column} < ? LIMIT 6",
        (name, name + "\uffff"),
    )] if name else []  # fmt: skip
    if len(matches) == 1:
        return matches[0]
    from ..names import ambiguous

    if matches:
        raise ambiguous(what, name, matches)
    raise _unknown(what, name, closest(conn, table, column, name))


def claim(conn: sqlite3.Connection, root: Path, claim_id: str) -> list[dict[str, Any]]:
    """The claim(s) with this id or unique id prefix (one, unless two reports reuse an id), in full."""
    claim_id = _by_prefix(conn, "claims", "id", claim_id, "claim id")
    rows = conn.execute(
        "SELECT data, report, file FROM claims WHERE id = ? ORDER BY report", (claim_id,)
    ).fetchall()
    if not rows:
        raise _unknown("claim id", claim_id, closest(conn, "claims", "id", claim_id))
    found = _verdicts.load(root)
    support = _support.load(root)
    checks = _lastcheck(root)
    shown = []
    for data_json, report, file in rows:
        data = json.loads(data_json)
        data["report"] = _report(conn, report)
        data["file"] = file
        data["footnotes"] = [
            _footnote(conn, report, label) or {"label": label, "missing": True} for label in data["footnotes"]
        ]
        data["references"] = [_reference(conn, key, found, checks) for key in data["references"]]
        for ref in data["references"]:
            ref["support"] = support.get(data["id"], ref["key"])  # the last verify's verdict and evidence
        shown.append(data)
    return shown


def reference(conn: sqlite3.Connection, root: Path, key: str) -> dict[str, Any]:
    """The reference (by citekey or a unique prefix) and everything that depends on it."""
    key = _by_prefix(conn, "refs", "key", key, "reference")
    data = _reference(conn, key, _verdicts.load(root), _lastcheck(root))
    footnotes = conn.execute(
        "SELECT DISTINCT fr.report, fr.label FROM footnote_refs fr JOIN footnotes f"
        " ON f.report = fr.report AND f.label = fr.label WHERE fr.key = ? ORDER BY fr.report, f.pos",
        (key,),
    ).fetchall()
    data["footnotes"] = [{"report": r, **(_footnote(conn, r, label) or {})} for r, label in footnotes]
    claims = conn.execute(
        "SELECT c.id, c.report, c.section, c.text, c.line, cr.via FROM claim_refs cr JOIN claims c"
        " ON c.rowid = cr.claim WHERE cr.key = ? ORDER BY c.report, c.pos",
        (key,),
    ).fetchall()
    data["claims"] = [
        {"id": i, "report": r, "section": s, "text": t, "line": ln, "via": via.split(",") if via else []}
        for i, r, s, t, ln, via in claims
    ]
    data["bibliography"] = [
        {"report": r, "line": line, "cited": bool(cited)}
        for r, line, cited in conn.execute(
            "SELECT report, line, cited FROM bibliography WHERE key = ? ORDER BY report", (key,)
        )
    ]
    reports = sorted(
        {f["report"] for f in data["footnotes"]}
        | {c["report"] for c in data["claims"]}
        | {b["report"] for b in data["bibliography"]}
    )
    data["reports"] = [_report(conn, r) for r in reports]
    return data


def footnote(conn: sqlite3.Connection, root: Path, report_name: str, label: str) -> dict[str, Any]:
    """What footnote ``label`` of a report cites, and which claims carry it."""
    report = resolve_report(conn, report_name)
    found = _footnote(conn, report, label)
    if found is None:
        labels = [
            r[0] for r in conn.execute("SELECT label FROM footnotes WHERE report = ? ORDER BY pos", (report,))
        ]
        if not labels:
            raise UsageError(f"report {report!r} has no footnotes")
        numbers = [int(x) for x in labels if x.isdigit()]
        span = f" (its footnotes run {min(numbers)}-{max(numbers)})" if label.isdigit() and numbers else ""
        import difflib

        near = difflib.get_close_matches(label, labels, n=3, cutoff=0.3)
        hint = f"; closest: {', '.join(near)}" if near else ""
        raise UsageError(f"report {report!r} has no footnote {label!r}{span}{hint}")
    verdicts = _verdicts.load(root)
    found["report"] = _report(conn, report)
    checks = _lastcheck(root)
    found["references"] = [_reference(conn, key, verdicts, checks) for key in found["references"]]
    claims = conn.execute(
        "SELECT c.id, c.section, c.text, c.line FROM claim_footnotes cf JOIN claims c ON c.rowid = cf.claim"
        " WHERE cf.report = ? AND cf.label = ? ORDER BY c.pos",
        (report, label),
    ).fetchall()
    found["claims"] = [{"id": i, "section": s, "text": t, "line": ln} for i, s, t, ln in claims]
    return found


# -- completion ----------------------------------------------------------------


def complete(conn: sqlite3.Connection, what: str, incomplete: str, limit: int = 50) -> list[str]:
    """Ids, keys or report ids starting with ``incomplete`` (an index range scan)."""
    table, column = {"claim": ("claims", "id"), "reference": ("refs", "key"), "report": ("reports", "id")}[
        what
    ]
    rows = conn.execute(
        f"SELECT DISTINCT {column} FROM {table} WHERE {column} >= ? AND {column} < ?"
        f" ORDER BY {column} LIMIT ?",
        (incomplete, incomplete + "\uffff", limit),
    )
    return [r[0] for r in rows]


def complete_footnote(conn: sqlite3.Connection, report_name: str, incomplete: str) -> list[str]:
    try:
        report = resolve_report(conn, report_name)
    except UsageError:
        return []
    rows = conn.execute("SELECT label FROM footnotes WHERE report = ? ORDER BY pos", (report,))
    return [r[0] for r in rows if r[0].startswith(incomplete)]
