"""Keeping the index in step with ``claims/*.yaml`` and ``references/*.bib``.

Every lookup calls :func:`open_index`, which stats the data files and, only if
one was added, changed or deleted, re-reads exactly those files through the
real storage modules (so a malformed file gets the same one-line error as
everywhere else).  A file counts as changed when its size or mtime differs and
its SHA-256 differs too; a ``touch`` costs a hash, not a parse.

Concurrent runs are safe: the update happens in one ``BEGIN IMMEDIATE``
transaction, so a second process waits for the first, then finds nothing left
to do; readers never see a half-updated index, and an interrupted or failed
update leaves the previous one intact.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Optional

from ..errors import InputError
from ..rootdir import require_root, tool_table
from . import schema

if TYPE_CHECKING:
    from ..model import ClaimFile, Reference

INDEX_DIR = ".claimtrack"
INDEX_NAME = "index.sqlite"
# A file modified this recently may change again within the same mtime tick
# without changing size: record it as "unknown" so the next run hashes it.
RACY_NS = 2_000_000_000
UNKNOWN_MTIME = -1
# A full build of a large repository can take a minute; a second process waits for it.
LOCK_TIMEOUT_S = 600.0
# Parse in worker processes when at least this many files changed (a first build, a big merge).
PARALLEL_FROM = 16


# NamedTuples and a plain class rather than dataclasses: every lookup imports this
# module, and dataclasses imports inspect (~5 ms).
class Layout(NamedTuple):
    """Where a project's data files and its index are."""

    root: Path
    claims_dir: Path
    references_dir: Path
    db_path: Path
    options: dict[str, Any]  # [tool.claimtrack.index]


def layout(root: Optional[Path] = None) -> Layout:
    root = require_root(root)
    table = tool_table(root)
    names = ("claims", "references", "index")
    if (
        table is None
        or any(not isinstance(table.get(n, ""), str) for n in names[:2])
        or not isinstance(table.get("index", {}), dict)
    ):
        from ..config import load_settings  # validates; raises the one-line error

        settings = load_settings(root)
        table = {"claims": settings.claims, "references": settings.references, "index": settings.index}
    options = dict(table.get("index", {}))
    return Layout(
        root=root,
        claims_dir=root / table.get("claims", "claims"),
        references_dir=root / table.get("references", "references"),
        db_path=root / INDEX_DIR / INDEX_NAME,
        options=options,
    )


class Stats:
    """What one refresh did (printed by the benchmark, asserted by tests)."""

    def __init__(self) -> None:
        self.read: list[str] = []  # files parsed
        self.deleted: list[str] = []
        self.rebuilt = False  # schema created from scratch
        self.seconds = 0.0


class _Stat(NamedTuple):
    kind: str  # "claims" or "refs"
    path: str
    size: int
    mtime_ns: int


def connect(path: Path) -> sqlite3.Connection:
    from ..derived import DIRNAME, derived_dir

    path.parent.mkdir(parents=True, exist_ok=True)
    if path.parent.name == DIRNAME:
        derived_dir(path.parent.parent)  # keeps the index out of git
    # isolation_level=None: we issue BEGIN/COMMIT ourselves.
    conn = sqlite3.connect(path, timeout=LOCK_TIMEOUT_S, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")  # readers go on while a writer updates
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def open_index(root: Optional[Path] = None) -> tuple[sqlite3.Connection, Layout]:
    """A connection to the project's index, brought up to date first."""
    where = layout(root)
    from ..transaction import recover_if_abandoned

    recover_if_abandoned(where.root)  # a writer killed mid-commit: finish its commit first
    try:
        conn = connect(where.db_path)
        refresh(conn, where)
    except sqlite3.DatabaseError as exc:
        if "not a database" not in str(exc) and "malformed" not in str(exc):
            raise
        # A corrupt cache: it is derived data, so start over.
        for suffix in ("", "-wal", "-shm"):
            Path(str(where.db_path) + suffix).unlink(missing_ok=True)
        conn = connect(where.db_path)
        refresh(conn, where)
    return conn, where


def _scan(where: Layout) -> dict[str, _Stat]:
    """Every data file, by path relative to the root.  os.scandir: pathlib costs ~10x here."""
    found: dict[str, _Stat] = {}
    for kind, folder, suffix in (
        ("refs", where.references_dir, ".bib"),
        ("claims", where.claims_dir, ".yaml"),
    ):
        prefix = os.path.relpath(folder, where.root).replace(os.sep, "/")
        _scan_folder(folder, prefix, kind, suffix, found)
    return found


def _scan_folder(folder: Path | str, prefix: str, kind: str, suffix: str, found: dict[str, _Stat]) -> None:
    """The data files of one folder and its subfolders (nested reports), hidden ones skipped."""
    try:
        entries = os.scandir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    with entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                _scan_folder(entry.path, f"{prefix}/{entry.name}", kind, suffix, found)
            elif entry.name.endswith(suffix):
                st = entry.stat()
                found[f"{prefix}/{entry.name}"] = _Stat(kind, entry.path, st.st_size, st.st_mtime_ns)


def _recorded(conn: sqlite3.Connection) -> dict[str, tuple[int, int, str]]:
    rows = conn.execute("SELECT path, size, mtime_ns, sha256 FROM files")
    return {path: (size, mtime, digest) for path, size, mtime, digest in rows}


def _sizes(where: Layout) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every data file: what every lookup checks, so no object per file."""
    found: dict[str, tuple[int, int]] = {}
    for folder, suffix in ((where.references_dir, ".bib"), (where.claims_dir, ".yaml")):
        try:
            entries = os.scandir(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        prefix = os.path.relpath(folder, where.root).replace(os.sep, "/") + "/"
        with entries:
            for entry in entries:
                name = entry.name
                if name.endswith(suffix) and name[0] != ".":
                    st = entry.stat()
                    found[prefix + name] = (st.st_size, st.st_mtime_ns)
    return found


def is_fresh(conn: sqlite3.Connection, where: Layout) -> bool:
    if schema.version(conn) != schema.SCHEMA_VERSION:
        return False
    rows = conn.execute("SELECT path, size, mtime_ns FROM files")
    return {path: (size, mtime) for path, size, mtime in rows} == _sizes(where)


def refresh(conn: sqlite3.Connection, where: Layout) -> Stats:
    """Re-read the files that changed since the index last saw them."""
    stats = Stats()
    if is_fresh(conn, where):
        return stats
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")  # waits while another process updates
    try:
        _update(conn, where, stats)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    stats.seconds = time.perf_counter() - started
    return stats


def _digest(path: str) -> str:
    import hashlib

    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _update(conn: sqlite3.Connection, where: Layout, stats: Stats) -> None:
    # Re-check inside the lock: another process may have done the work meanwhile.
    if schema.version(conn) != schema.SCHEMA_VERSION:
        schema.recreate(conn)
        stats.rebuilt = True
    recorded = _recorded(conn)
    scanned = _scan(where)
    now_ns = time.time_ns()
    changed: dict[str, tuple[_Stat, str]] = {}
    for rel, st in scanned.items():
        old = recorded.get(rel)
        if old and old[:2] == (st.size, st.mtime_ns):
            continue
        digest = _digest(st.path)
        if old and old[2] == digest:  # touched, not changed
            _record(conn, rel, st, digest, now_ns)
            continue
        changed[rel] = (st, digest)
    stats.deleted = sorted(set(recorded) - set(scanned))
    gone = stats.deleted + list(changed)
    if not gone:
        return
    # A bulk load: a page cache that holds the indexes being filled (the default
    # 2 MB makes every insert into a large B-tree a read), temp tables in memory.
    conn.execute("PRAGMA cache_size = -131072")  # 128 MB at most, only while updating
    conn.execute("PRAGMA temp_store = MEMORY")
    touched_keys = {k for (k,) in _select_in(conn, "SELECT key FROM refs WHERE file IN ({})", gone)}
    _forget(conn, gone)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS affected (rowid INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM affected")
    # References first: claims inserted after them get their source text right away.
    ordered = sorted(changed.items(), key=lambda item: (item[1][0].kind != "refs", item[0]))
    parsed = _parse_all([(st.kind, st.path) for _, (st, _) in ordered])
    for (rel, (st, digest)), records in zip(ordered, parsed, strict=True):
        if st.kind == "refs":
            touched_keys |= _insert_refs(conn, rel, records)
        else:
            _insert_claims(conn, rel, records)
        _record(conn, rel, st, digest, now_ns)
        stats.read.append(rel)
    for rel in stats.deleted:
        conn.execute("DELETE FROM files WHERE path = ?", (rel,))
    _mark_citing(conn, touched_keys)
    _reindex_text(conn)
    if stats.rebuilt or len(stats.read) > 10:
        # statistics for the query planner, from a sample of each index (exact ones cost seconds)
        conn.execute("PRAGMA analysis_limit = 1000")
        conn.execute("ANALYZE")


def _record(conn: sqlite3.Connection, rel: str, st: _Stat, digest: str, now_ns: int) -> None:
    mtime = UNKNOWN_MTIME if now_ns - st.mtime_ns < RACY_NS else st.mtime_ns
    conn.execute(
        "INSERT OR REPLACE INTO files (path, kind, size, mtime_ns, sha256) VALUES (?, ?, ?, ?, ?)",
        (rel, st.kind, st.size, mtime, digest),
    )


def _select_in(conn: sqlite3.Connection, sql: str, values: Iterable[str]) -> list[tuple[Any, ...]]:
    return conn.execute(sql.format("SELECT value FROM json_each(?)"), (json.dumps(list(values)),)).fetchall()


def _forget(conn: sqlite3.Connection, files: list[str]) -> None:
    """Delete every row that came from ``files``."""
    arg = (json.dumps(files),)
    in_files = "IN (SELECT value FROM json_each(?))"
    claims = f"SELECT rowid FROM claims WHERE file {in_files}"
    conn.execute(f"DELETE FROM claims_fts WHERE rowid IN ({claims})", arg)
    conn.execute(f"DELETE FROM claim_refs WHERE claim IN ({claims})", arg)
    conn.execute(f"DELETE FROM claim_footnotes WHERE claim IN ({claims})", arg)
    reports = f"SELECT id FROM reports WHERE file {in_files}"
    conn.execute(f"DELETE FROM footnote_refs WHERE report IN ({reports})", arg)
    for table in ("claims", "footnotes", "bibliography", "reports", "refs"):
        conn.execute(f"DELETE FROM {table} WHERE file {in_files}", arg)


def _parse(kind: str, path: str) -> Any:
    """A file's index rows, read through the real storage modules (in a worker process, maybe).

    Rows rather than records go back from a worker: plain tuples pickle several
    times faster than pydantic models, and the main process only inserts them.
    """
    if kind == "refs":
        from .. import refstore

        return _ref_rows(refstore.read(Path(path)))
    from .. import claimstore

    return _claim_rows(claimstore.read(Path(path)))


def _parse_all(jobs: list[tuple[str, str]]) -> Iterator[Any]:
    """Parse the files in order; many of them on every core (YAML and BibTeX parsing is the cost)."""
    from ..workers import map_ordered

    return map_ordered(_parse, jobs, parallel_from=PARALLEL_FROM)


def _ref_search_text(ref: Reference) -> str:
    parts = [ref.title, ref.title_translation, ref.organization, ref.container, ref.publisher, *ref.authors]
    return " ".join(p for p in parts if p)


def _ref_rows(refs: list[Reference]) -> list[tuple[Any, ...]]:
    """(key, line, type, title, authors, container, date, url, url_norm, domain, search_text, data) each."""
    from ..urls import host, normalize

    return [
        (
            ref.key, ref.line, ref.type.value, ref.title, ref.display_authors, ref.container, ref.date, ref.url,
            normalize(ref.url) if ref.url else None, host(ref.url) if ref.url else None,
            _ref_search_text(ref), json.dumps(ref.model_dump(mode="json"), ensure_ascii=False),
        )
        for ref in refs
    ]  # fmt: skip


def _insert_refs(conn: sqlite3.Connection, rel: str, rows: list[tuple[Any, ...]]) -> set[str]:
    keys = [row[0] for row in rows]
    clashes = {
        key: (file, line)
        for key, file, line in _select_in(conn, "SELECT key, file, line FROM refs WHERE key IN ({})", keys)
    }
    seen: dict[str, int] = {}
    for key, line, *_ in rows:
        first = clashes.get(key) or ((rel, seen[key]) if key in seen else None)
        if first:
            raise InputError(
                f"citekey {key!r} is also defined at {first[0]}:{first[1]}; "
                "citekeys must be unique across references/",
                rel,
                line,
            )
        seen[key] = line
    conn.executemany(
        "INSERT INTO refs (key, line, type, title, authors, container, date, url, url_norm, domain,"
        " search_text, data, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(*row, rel) for row in rows],
    )
    return set(keys)


def _claim_rows(claim_file: ClaimFile) -> dict[str, Any]:
    """The rows of one claims file, claims numbered from 0 (the main process gives them their rowids)."""
    report = claim_file.report
    cites = {fn.label: fn.references for fn in claim_file.footnotes}
    claims = claim_file.claims
    return {
        "report": (report.id, report.title, report.source, report.model_dump_json()),
        "footnotes": [
            (report.id, fn.label, pos, fn.line, fn.kind.value, fn.text, fn.locator)
            for pos, fn in enumerate(claim_file.footnotes)
        ],
        "footnote_refs": [
            (report.id, fn.label, key, i)
            for fn in claim_file.footnotes
            for i, key in enumerate(fn.references)
        ],
        "bibliography": [(report.id, e.key, e.line, int(e.cited)) for e in claim_file.bibliography],
        "claims": [
            (
                c.id,
                report.id,
                pos,
                c.section,
                c.text,
                _context(claims, pos),
                c.location.line,
                c.review.status.value,
                int(c.cited),
                c.model_dump_json(),
            )
            for pos, c in enumerate(claims)
        ],  # fmt: skip
        "claim_footnotes": [(pos, label) for pos, c in enumerate(claims) for label in c.footnotes],
        "claim_refs": [
            (pos, key, ",".join(f for f in c.footnotes if key in cites.get(f, ())), i)
            for pos, c in enumerate(claims)
            for i, key in enumerate(c.references)
        ],
    }


def _insert_claims(conn: sqlite3.Connection, rel: str, rows: dict[str, Any]) -> None:
    report_id = rows["report"][0]
    clash = conn.execute("SELECT file FROM reports WHERE id = ?", (report_id,)).fetchone()
    if clash:
        raise InputError(f"report id {report_id!r} is also used by {clash[0]}", rel)
    conn.execute(
        "INSERT INTO reports (id, title, source, data, file) VALUES (?, ?, ?, ?, ?)", (*rows["report"], rel)
    )
    conn.executemany(
        "INSERT OR REPLACE INTO footnotes (report, label, pos, line, kind, text, locator, file)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(*row, rel) for row in rows["footnotes"]],
    )
    conn.executemany(
        "INSERT INTO footnote_refs (report, label, key, pos) VALUES (?, ?, ?, ?)", rows["footnote_refs"]
    )
    conn.executemany(
        "INSERT INTO bibliography (report, key, line, cited, file) VALUES (?, ?, ?, ?, ?)",
        [(*row, rel) for row in rows["bibliography"]],
    )
    base = conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM claims").fetchone()[0]
    conn.executemany(
        "INSERT INTO claims (rowid, id, report, pos, section, text, context, line, review, cited, data, file)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(base + pos, *row, rel) for pos, row in enumerate(rows["claims"])],
    )
    conn.executemany(
        "INSERT INTO affected (rowid) VALUES (?)", [(base + pos,) for pos in range(len(rows["claims"]))]
    )
    conn.executemany(
        "INSERT INTO claim_footnotes (claim, report, label) VALUES (?, ?, ?)",
        [(base + pos, report_id, label) for pos, label in rows["claim_footnotes"]],
    )
    conn.executemany(
        "INSERT INTO claim_refs (claim, key, via, pos) VALUES (?, ?, ?, ?)",
        [(base + pos, key, via, i) for pos, key, via, i in rows["claim_refs"]],
    )


def _context(claims: list[Any], pos: int) -> str:
    """The text around claim ``pos``: its neighbours in the same paragraph, and its prefix/suffix."""
    claim = claims[pos]
    parts = [claim.location.prefix, claim.location.suffix]
    for other in (pos - 1, pos + 1):
        if 0 <= other < len(claims) and claims[other].location.paragraph == claim.location.paragraph:
            parts.append(claims[other].text)
    return " ".join(p for p in parts if p)


def _mark_citing(conn: sqlite3.Connection, keys: set[str]) -> None:
    """Claims whose source text changed because a reference they cite did."""
    if keys:
        conn.execute(
            "INSERT OR IGNORE INTO affected (rowid) SELECT claim FROM claim_refs"
            " WHERE key IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(keys)),),
        )


def _reindex_text(conn: sqlite3.Connection) -> None:
    """(Re)write the full-text rows of the affected claims."""
    conn.execute("DELETE FROM claims_fts WHERE rowid IN (SELECT rowid FROM affected)")
    conn.execute(
        """
        INSERT INTO claims_fts (rowid, text, context, sources)
        SELECT c.rowid, c.text, c.context,
            coalesce((SELECT group_concat(f.text, ' ') FROM claim_footnotes cf
                      JOIN footnotes f ON f.report = cf.report AND f.label = cf.label
                      WHERE cf.claim = c.rowid), '')
            || ' ' ||
            coalesce((SELECT group_concat(r.search_text, ' ') FROM claim_refs cr
                      JOIN refs r ON r.key = cr.key WHERE cr.claim = c.rowid), '')
        FROM affected a CROSS JOIN claims c ON c.rowid = a.rowid
        """  # CROSS JOIN: the few affected rows drive, not a scan of every claim
    )
    conn.execute("DELETE FROM affected")
