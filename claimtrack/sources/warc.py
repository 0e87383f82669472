"""Captures as WARC files (ISO 28500), written and read with warcio.

Each fetch of a source is one gzipped WARC file holding a ``warcinfo``
record, then for each redirect hop and the final answer the ``request`` as
sent and the ``response`` as received (the body as httpx decoded it, so the
wire encoding headers are dropped), each with its date.  Files are created exclusively: a capture is never overwritten.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .. import __version__
from .fetcher import Exchange


def _request_line(exchange: Exchange) -> str:
    parts = urlsplit(exchange.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return f"{exchange.method} {target} {exchange.http_version}"


def _write_exchange(writer: WARCWriter, exchange: Exchange) -> None:
    date = exchange.at.strftime("%Y-%m-%dT%H:%M:%SZ")
    request = writer.create_warc_record(
        exchange.url,
        "request",
        payload=io.BytesIO(b""),
        http_headers=StatusAndHeaders(
            _request_line(exchange), exchange.request_headers, is_http_request=True
        ),
        warc_headers_dict={"WARC-Date": date},
    )
    response_headers = {"WARC-Date": date}
    if exchange.truncated:
        response_headers["WARC-Truncated"] = "length"
    response = writer.create_warc_record(
        exchange.url,
        "response",
        payload=io.BytesIO(exchange.body),
        http_headers=StatusAndHeaders(
            f"{exchange.status} {exchange.reason}".strip(), exchange.headers, protocol=exchange.http_version
        ),
        warc_headers_dict=response_headers,
    )
    request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
    writer.write_record(request)
    writer.write_record(response)


def write(path: Path, exchange: Exchange, redirects: Sequence[Exchange] = ()) -> None:
    """Write a fetch as a new WARC file at ``path`` (which must not exist): each redirect
    hop's request and response, in order, then the final ones."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as handle:
        writer = WARCWriter(handle, gzip=True)
        info = writer.create_warcinfo_record(
            path.name, {"software": f"claimtrack/{__version__}", "format": "WARC File Format 1.1"}
        )
        writer.write_record(info)
        for hop in [*redirects, exchange]:
            _write_exchange(writer, hop)


@dataclass
class Response:
    url: str
    status: int
    content_type: str
    charset: Optional[str]
    body: bytes
    date: str


def read_response(path: Path) -> Optional[Response]:
    """The final response record of a capture file (None if it holds none)."""
    last: Optional[Response] = None
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type != "response":
                continue
            headers = record.http_headers
            kind = (headers.get_header("Content-Type") or "") if headers else ""
            charset = None
            for part in kind.split(";")[1:]:
                name, _, value = part.partition("=")
                if name.strip().lower() == "charset":
                    charset = value.strip().strip("\"'") or None
            last = Response(
                url=record.rec_headers.get_header("WARC-Target-URI") or "",
                status=int(headers.get_statuscode() or 0) if headers else 0,
                content_type=kind.split(";", 1)[0].strip().lower(),
                charset=charset,
                body=record.content_stream().read(),
                date=record.rec_headers.get_header("WARC-Date") or "",
            )
    return last
