"""Real HTTP servers on loopback addresses, and projects, for the link-checker tests.

Each ``Site`` is a ThreadingHTTPServer bound to its own 127.x.y.z address, so
several sites are several hosts to the checker (its politeness and sharding
work per host).  Nothing here ever listens on, or points at, an address
outside 127.0.0.0/8.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from claimtrack.model import Reference
from claimtrack.refstore import write as write_bib

REPO = Path(__file__).resolve().parents[2]
Route = Callable[[BaseHTTPRequestHandler], None]


def reply(req: BaseHTTPRequestHandler, status: int, body: bytes | str = b"", **headers: str) -> None:
    data = body.encode() if isinstance(body, str) else body
    req.send_response(status)
    headers.setdefault("Content-Type", "text/html; charset=utf-8")
    for name, value in headers.items():
        req.send_header(name.replace("_", "-"), value)
    req.send_header("Content-Length", str(len(data)))
    req.end_headers()
    if req.command != "HEAD":
        req.wfile.write(data)


def page(title: str, text: str = "Some content.") -> str:
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>"


def reset(req: BaseHTTPRequestHandler) -> None:
    """Close the connection with a TCP RST instead of an answer."""
    req.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    req.connection.close()
    req.close_connection = True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def _handle(self) -> None:
        path = self.path.split("?", 1)[0]
        site = self.server.site
        site.requests.append((self.command, self.path, dict(self.headers)))
        route = site.routes.get(path)
        if route is None:
            reply(self, 404, page("Not Found"))
            return
        try:
            route(self)
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True

    do_GET = do_HEAD = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    site: Site


class Site:
    """A web site on one loopback address; ``routes`` maps a path to a handler."""

    def __init__(self, host: str) -> None:
        assert ipaddress.ip_address(host) in ipaddress.ip_network("127.0.0.0/8")
        self.host = host
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.stop = threading.Event()  # released at teardown: hanging handlers end
        self.server = _Server((host, 0), _Handler)
        self.server.site = self
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.daemon = True
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(self, path: str) -> Callable[[Route], Route]:
        def register(func: Route) -> Route:
            self.routes[path] = func
            return func

        return register

    def ok(self, path: str, title: str = "A page") -> str:
        self.routes[path] = lambda req: reply(req, 200, page(title))
        return self.url(path)

    def hits(self, path: str) -> list[str]:
        return [method for method, p, _ in self.requests if p.split("?", 1)[0] == path]

    def close(self) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


def make_project(root: Path, urls: dict[str, str], *, claims: dict[str, list[str]] | None = None,
                 extra: str = "") -> Path:  # fmt: skip
    """A project with one .bib (key -> url) and, optionally, claims citing keys."""
    refs = [Reference(key=k, title=f"Source {k}", url=u, urldate="2020-10-07") for k, u in urls.items()]
    (root / "references").mkdir(parents=True, exist_ok=True)
    write_bib(root / "references" / "sources.bib", refs)
    (root / "pyproject.toml").write_text(f"[tool.claimtrack]\n{extra}", encoding="utf-8")
    if claims:
        write_claims(root, claims)
    return root


def write_claims(root: Path, claims: dict[str, list[str]]) -> None:
    from claimtrack.claimstore import write
    from claimtrack.model import Claim, ClaimFile, Location, Report

    report = Report(id="r1", title="R", source="reports/r1.md", sha256="0" * 64, format="markdown-footnotes")
    records = [
        Claim(
            id=cid,
            report="r1",
            text=f"Claim {cid}.",
            references=keys,
            location=Location(line=i + 1, end_line=i + 1, paragraph=i),
        )  # fmt: skip
        for i, (cid, keys) in enumerate(claims.items())
    ]
    (root / "claims").mkdir(exist_ok=True)
    write(root / "claims" / "r1.yaml", ClaimFile(report=report, claims=records))


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "CI": "true"}
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
    )


def elapsed(func: Callable[[], object]) -> tuple[object, float]:
    start = time.monotonic()
    value = func()
    return value, time.monotonic() - start


# Linux's SO_TIMESTAMPNS (asm-generic/socket.h); Python's socket module does not name it.
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35) if sys.platform == "linux" else None


class StampingSite:
    """A bare HTTP/1.1 server that records when each request reached it, by the kernel's clock.

    The timestamps come from ``SO_TIMESTAMPNS``: the time the kernel received
    the request's first bytes, so neither this server's threads nor the GIL
    shared with the checker under test can shift them (elsewhere than Linux:
    the time ``recv`` returned).  Every request gets a
    small 200 page; connections are kept alive.
    """

    def __init__(self, host: str) -> None:
        assert ipaddress.ip_address(host) in ipaddress.ip_network("127.0.0.0/8")
        self.host = host
        self.arrivals: list[tuple[float, str]] = []  # (kernel time, request line)
        self._listener = socket.create_server((host, 0))
        if SO_TIMESTAMPNS is not None:  # set before accept: accepted sockets inherit it
            self._listener.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        self.port = self._listener.getsockname()[1]
        self.kernel_stamps = 0  # requests stamped by the kernel (not by recv's return)
        self._closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            if SO_TIMESTAMPNS is not None:
                conn.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        body = page("ok").encode()
        answer = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        )
        pending, stamp = b"", None
        with conn:
            while True:
                try:
                    data, ancillary, _, _ = conn.recvmsg(65536, socket.CMSG_SPACE(16))
                except OSError:
                    return
                received = time.time()
                if not data:
                    return
                if not pending:  # the first bytes of a request
                    stamp = received
                    for level, kind, raw in ancillary:
                        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                            seconds, nanos = struct.unpack("qq", raw[:16])
                            stamp = seconds + nanos / 1e9
                            self.kernel_stamps += 1
                pending += data
                while b"\r\n\r\n" in pending:
                    head, pending = pending.split(b"\r\n\r\n", 1)
                    self.arrivals.append((stamp or received, head.split(b"\r\n", 1)[0].decode()))
                    conn.sendall(answer)

    def close(self) -> None:
        self._closed.set()
        self._listener.close()
