"""The index's tables.  Bump SCHEMA_VERSION on any change: the index is rebuilt."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = "4"

# Each row carries the file it came from, so re-reading one file replaces
# exactly its rows.  ``data`` columns hold the record as JSON (the same dump
# the --format json contract uses), so lookups never need pydantic.
DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY, kind TEXT NOT NULL, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL
);
CREATE TABLE reports (
    id TEXT PRIMARY KEY, file TEXT NOT NULL, title TEXT, source TEXT, data TEXT NOT NULL
);
CREATE INDEX reports_file ON reports (file);
CREATE TABLE footnotes (
    report TEXT NOT NULL, label TEXT NOT NULL, pos INTEGER NOT NULL, line INTEGER,
    kind TEXT, text TEXT, locator TEXT, file TEXT NOT NULL, PRIMARY KEY (report, label)
);
-- by file: re-reading one file deletes its rows without scanning the table
CREATE INDEX footnotes_file ON footnotes (file);
CREATE TABLE footnote_refs (report TEXT NOT NULL, label TEXT NOT NULL, key TEXT NOT NULL, pos INTEGER);
CREATE INDEX footnote_refs_key ON footnote_refs (key);
CREATE INDEX footnote_refs_fn ON footnote_refs (report, label);
-- An author-year report's bibliography (cited = 0: listed but never named in the prose)
CREATE TABLE bibliography (
    report TEXT NOT NULL, key TEXT NOT NULL, line INTEGER, cited INTEGER NOT NULL, file TEXT NOT NULL
);
CREATE INDEX bibliography_key ON bibliography (key);
CREATE INDEX bibliography_report ON bibliography (report);
CREATE INDEX bibliography_file ON bibliography (file);
CREATE TABLE refs (
    key TEXT PRIMARY KEY, file TEXT NOT NULL, line INTEGER, type TEXT, title TEXT, authors TEXT,
    container TEXT, date TEXT, url TEXT, url_norm TEXT, domain TEXT, search_text TEXT, data TEXT NOT NULL
);
CREATE INDEX refs_file ON refs (file);
CREATE INDEX refs_domain ON refs (domain);
CREATE INDEX refs_url_norm ON refs (url_norm);
CREATE TABLE claims (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, report TEXT NOT NULL, pos INTEGER NOT NULL,
    section TEXT, text TEXT NOT NULL, context TEXT NOT NULL, line INTEGER, review TEXT, cited INTEGER NOT NULL,
    data TEXT NOT NULL, file TEXT NOT NULL
);
CREATE INDEX claims_id ON claims (id);
CREATE INDEX claims_report ON claims (report, pos);
CREATE INDEX claims_file ON claims (file);
-- via: the claim's footnote label(s) that cite the key ("" for author-year citations)
CREATE TABLE claim_refs (claim INTEGER NOT NULL, key TEXT NOT NULL, via TEXT NOT NULL, pos INTEGER);
CREATE INDEX claim_refs_key ON claim_refs (key);
CREATE INDEX claim_refs_claim ON claim_refs (claim);
CREATE TABLE claim_footnotes (claim INTEGER NOT NULL, report TEXT NOT NULL, label TEXT NOT NULL);
CREATE INDEX claim_footnotes_fn ON claim_footnotes (report, label);
CREATE INDEX claim_footnotes_claim ON claim_footnotes (claim);
-- rowid = claims.rowid, "context" = the sentences around the claim (a claim such as "Baku took the lead
-- with 33.2 percent." leaves "gas" to the sentence before it), "sources" = the text of its footnotes and
-- references
CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, context, sources, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""

TABLES = (
    "meta", "files", "reports", "footnotes", "footnote_refs", "bibliography", "refs",
    "claims", "claim_refs", "claim_footnotes", "claims_fts",
)  # fmt: skip


def version(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.OperationalError:  # no meta table: an empty or foreign database
        return None
    return row[0] if row else None


def recreate(conn: sqlite3.Connection) -> None:
    """Drop every table and create the current schema (inside the caller's transaction)."""
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for name in names:
        if name in TABLES:  # FTS shadow tables go with their virtual table
            conn.execute(f'DROP TABLE IF EXISTS "{name}"')
    for name in names:
        if name not in TABLES and not name.startswith("claims_fts_"):
            conn.execute(f'DROP TABLE IF EXISTS "{name}"')
    statement = ""
    for line in DDL.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):  # not fooled by a ";" in a comment
            conn.execute(statement)
            statement = ""
    conn.execute("INSERT INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
