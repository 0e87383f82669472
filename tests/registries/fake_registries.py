"""Crossref, DataCite, arXiv, Open Library and OpenAlex, as loopback HTTP servers.

Each registry runs on its own 127.x.y.z address and answers in its API's
real shape (the record shapes are in ``records.py``):

* Crossref ``/works/{doi}`` (404 "Resource not found." as text when unknown),
  ``/works?query.bibliographic=`` and ``/works?filter=updates:{doi}``;
* DataCite ``/dois/{doi}`` (JSON:API; 404 with ``errors``);
* arXiv ``/query?id_list=`` (Atom; an empty feed when unknown);
* Open Library ``/api/books?bibkeys=ISBN:...`` (``{}`` when unknown);
* OpenAlex ``/works?search=`` and ``/works/doi:{doi}``.

A search always answers with its nearest records, as the real ones do: a
fabricated title gets plausible neighbours, never an empty list.  Faults are
switched on per registry: ``down`` (connection refused), ``status`` (every
request answered with that status, e.g. 503), ``throttle`` (the first N
requests get 429 with a Retry-After).
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape

from rapidfuzz import fuzz

HOSTS = {
    "crossref": "127.0.0.31",
    "datacite": "127.0.0.32",
    "arxiv": "127.0.0.33",
    "openlibrary": "127.0.0.34",
    "openalex": "127.0.0.35",
}
Reply = tuple[int, dict[str, str], bytes]


def _json(status: int, data: Any) -> Reply:
    return status, {"Content-Type": "application/json"}, json.dumps(data).encode()


def _searchable(title: str, authors: list[str], year: Optional[int]) -> str:
    return f"{title} {' '.join(authors)} {year or ''}".lower()


def _rank(query: str, items: list[tuple[str, Any]], rows: int) -> list[Any]:
    scored = sorted(items, key=lambda pair: fuzz.token_set_ratio(query.lower(), pair[0]), reverse=True)
    return [item for _, item in scored[:rows]]


class Registry:
    """One registry's records, faults and request log."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.records: list[dict[str, Any]] = []
        self.requests: list[str] = []  # path?query of each request, in order
        self.user_agents: list[str] = []
        self.status: Optional[int] = None
        self.fail_next = 0  # answer this many more requests with 503
        self.case_sensitive = False  # a naive mirror: DOIs matched exactly as stored
        self.garbage: Optional[bytes] = None  # answer every request with this, as 200 text/html
        self.throttle = 0  # answer this many more requests with 429
        self.retry_after = "1"
        self.lock = threading.Lock()

    def answer(self, path: str, query: dict[str, list[str]]) -> Reply:
        with self.lock:
            if self.fail_next > 0:
                self.fail_next -= 1
                return 503, {"Content-Type": "text/plain"}, b"Service Unavailable"
            if self.throttle > 0:
                self.throttle -= 1
                return (
                    429,
                    {"Retry-After": self.retry_after, "Content-Type": "text/plain"},
                    b"Too Many Requests",
                )
        if self.status:
            return self.status, {"Content-Type": "text/plain"}, b"Service Unavailable"
        if self.garbage is not None:
            return 200, {"Content-Type": "text/html"}, self.garbage
        return getattr(self, "_" + self.name)(path, query)

    # -- Crossref -------------------------------------------------------------------
    def _crossref(self, path: str, q: dict[str, list[str]]) -> Reply:
        if path.startswith("/works/"):
            doi = unquote(path[len("/works/") :])
            for message in self.records:
                if message["DOI"] == doi if self.case_sensitive else message["DOI"].lower() == doi.lower():
                    return _json(200, {"status": "ok", "message-type": "work", "message-version": "1.0.0",
                                       "message": message})  # fmt: skip
            return 404, {"Content-Type": "text/plain"}, b"Resource not found."
        if path == "/works":
            rows = int(q.get("rows", ["20"])[0])
            if "filter" in q:
                target = q["filter"][0].removeprefix("updates:").lower()
                items = [m for m in self.records
                         if any(u.get("DOI", "").lower() == target for u in m.get("update-to", []))]  # fmt: skip
            else:
                query = q.get("query.bibliographic", [""])[0]
                corpus = [(_searchable((m.get("title") or [""])[0], [a.get("family", "") for a in m.get("author", [])],
                                       ((m.get("issued") or {}).get("date-parts") or [[None]])[0][0]), m)
                          for m in self.records]  # fmt: skip
                items = [dict(m, score=50.0) for m in _rank(query, corpus, rows)]
            return _json(200, {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                               "message": {"facets": {}, "total-results": len(items), "items": items,
                                           "items-per-page": rows, "query": {"start-index": 0}}})  # fmt: skip
        return 404, {"Content-Type": "text/plain"}, b"Resource not found."

    # -- DataCite ---------------------------------------------------------------------
    def _datacite(self, path: str, q: dict[str, list[str]]) -> Reply:
        doi = unquote(path.removeprefix("/dois/")).lower()
        for attributes in self.records:
            if attributes["doi"].lower() == doi:
                return _json(200, {"data": {"id": doi, "type": "dois", "attributes": attributes}})
        return _json(
            404, {"errors": [{"status": "404", "title": "The resource you are looking for doesn't exist."}]}
        )

    # -- arXiv --------------------------------------------------------------------------
    def _arxiv(self, path: str, q: dict[str, list[str]]) -> Reply:
        wanted = q.get("id_list", [""])[0]
        entries = [e for e in self.records if e["id"] == wanted or e["id"].split("v")[0] == wanted]
        body = ['<?xml version="1.0" encoding="UTF-8"?>',
                '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"'
                ' xmlns:arxiv="http://arxiv.org/schemas/atom">',
                f'  <title type="html">ArXiv Query: id_list={escape(wanted)}</title>',
                f"  <opensearch:totalResults>{len(entries)}</opensearch:totalResults>",
                "  <opensearch:startIndex>0</opensearch:startIndex>"]  # fmt: skip
        for e in entries:
            authors = "".join(f"<author><name>{escape(a)}</name></author>" for a in e["authors"])
            extra = "".join(
                f"<arxiv:{k}>{escape(e[k])}</arxiv:{k}>"
                for k in ("doi", "comment", "journal_ref")
                if e.get(k)
            )
            body.append(
                f"  <entry><id>http://arxiv.org/abs/{e['id']}v{e.get('version', 1)}</id>"
                f"<updated>{e['published']}</updated><published>{e['published']}</published>"
                f"<title>{escape(e['title'])}</title><summary>{escape(e.get('summary', ''))}</summary>"
                f'{authors}{extra}<link href="http://arxiv.org/abs/{e["id"]}" rel="alternate" type="text/html"/>'
                f'<arxiv:primary_category term="{e.get("category", "cs.CL")}" scheme="http://arxiv.org/schemas/atom"/>'
                "</entry>"
            )
        body.append("</feed>")
        return 200, {"Content-Type": "application/atom+xml; charset=utf-8"}, "\n".join(body).encode()

    # -- Open Library -----------------------------------------------------------------
    def _openlibrary(self, path: str, q: dict[str, list[str]]) -> Reply:
        if path.startswith("/isbn/"):  # the edition record; authors only as keys
            isbn = path.removeprefix("/isbn/").removesuffix(".json")
            for book in self.records:
                ids = book.get("identifiers", {})
                if isbn in ids.get("isbn_13", []) + ids.get("isbn_10", []) and book.get("edition_only"):
                    return _json(200, {"key": book["key"], "title": book["title"], "publish_date": book["publish_date"],
                                       "publishers": [p["name"] for p in book["publishers"]],
                                       "isbn_13": ids.get("isbn_13", []), "authors": [{"key": "/authors/OL1A"}]})  # fmt: skip
            return _json(404, {"error": "notfound", "key": path})
        key = q.get("bibkeys", [""])[0]
        isbn = key.removeprefix("ISBN:")
        for book in self.records:
            ids = book.get("identifiers", {})
            if isbn in ids.get("isbn_13", []) + ids.get("isbn_10", []) and not book.get("edition_only"):
                return _json(200, {key: book})
        return _json(200, {})

    # -- OpenAlex -------------------------------------------------------------------------
    def _openalex(self, path: str, q: dict[str, list[str]]) -> Reply:
        if path.startswith("/works/doi:"):
            doi = unquote(path.removeprefix("/works/doi:")).lower()
            for work in self.records:
                if (work.get("doi") or "").lower() == f"https://doi.org/{doi}":
                    return _json(200, work)
            return _json(404, {"error": "NotFoundError", "message": "404 Not Found"})
        query = q.get("search", [""])[0]
        rows = int(q.get("per-page", ["25"])[0])
        corpus = [(_searchable(w.get("title") or "", [a["author"]["display_name"] for a in w.get("authorships", [])],
                               w.get("publication_year")), w) for w in self.records]  # fmt: skip
        results = _rank(query, corpus, rows)
        return _json(200, {"meta": {"count": len(results), "page": 1, "per_page": rows}, "results": results})


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802  (http.server's name)
        registry = self.server.registry
        parts = urlsplit(self.path)
        with registry.lock:
            registry.requests.append(self.path)
            registry.user_agents.append(self.headers.get("User-Agent", ""))
        status, headers, body = registry.answer(parts.path, parse_qs(parts.query))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    registry: Registry


class FakeRegistries:
    """The five registries, started on their loopback addresses."""

    def __init__(self) -> None:
        self.registries = {name: Registry(name) for name in HOSTS}
        self.servers: dict[str, _Server] = {}
        self.urls: dict[str, str] = {}
        for name, host in HOSTS.items():
            assert ipaddress.ip_address(host) in ipaddress.ip_network("127.0.0.0/8")
            server = _Server((host, 0), _Handler)
            server.registry = self.registries[name]
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
            self.servers[name] = server
            self.urls[name] = f"http://{host}:{server.server_address[1]}"

    def __getitem__(self, name: str) -> Registry:
        return self.registries[name]

    def take_down(self, name: str) -> None:
        """Stop a registry: its port then refuses connections."""
        server = self.servers[name]
        server.shutdown()
        server.server_close()

    def settings_toml(self, **extra: str) -> str:
        lines = ["[tool.claimtrack.registries]"]
        lines += [f'{name} = "{url}"' for name, url in self.urls.items()]
        extra.setdefault("retries", "1")
        lines += ['mailto = "refcheck-tests@example.org"', "timeout = 5", "connect-timeout = 2"]
        lines += ["interval = { crossref = 0, datacite = 0, arxiv = 0, openlibrary = 0, openalex = 0 }"]
        lines += [f"{k.replace('_', '-')} = {v}" for k, v in extra.items()]
        return "\n".join(lines) + "\n"

    def close(self) -> None:
        for name in list(self.servers):
            with contextlib.suppress(OSError):
                self.take_down(name)
