"""Accuracy of ``claimtrack verify`` on a labelled development set of real pages (not a test: it prints).

The dev set is a folder (not in git: see tests/devsets/verify/SOURCES.md) holding
``pages/`` (real article pages and PDF reports saved in public repositories) and
``claims.jsonl``: one claim a line, ``{"page", "claim", "label", "expected"}``,
written and labelled by hand (exact-quote, altered-quote, right-figure,
altered-figure, unaddressed, unreadable, other-language).

The whole pipeline runs: the pages are served by a loopback HTTP server
(127.0.0.31), captured by ``sources fetch`` into WARC files, then every claim
is verified.  Prints, per expected verdict, how many verdicts were right;
how many altered quotations and figures were caught; and every exact
quotation that was called altered or missing (the goal: none).

    python benchmarks/verify_devset.py [DEVSET]    # default $CLAIMTRACK_DEVSETS/verify
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claimtrack import claimstore, refstore  # noqa: E402
from claimtrack.links.policy import Policy  # noqa: E402
from claimtrack.model import Claim, ClaimFile, Location, Reference, Report  # noqa: E402
from claimtrack.project import Project  # noqa: E402
from claimtrack.sources.run import fetch_sources  # noqa: E402
from claimtrack.sources.settings import SourceSettings  # noqa: E402
from claimtrack.verify.run import verify  # noqa: E402

HOST = "127.0.0.31"


def default_devset() -> Path:
    base = os.environ.get("CLAIMTRACK_DEVSETS")
    return Path(base) / "verify" if base else REPO.parent / "shared" / "devsets" / "verify"


def serve(pages: Path) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            path = pages / self.path.lstrip("/")
            if not path.is_file() or path.parent != pages:
                self.send_error(404)
                return
            body = path.read_bytes()
            self.send_response(200)
            kind = "application/pdf" if path.suffix == ".pdf" else "text/html; charset=utf-8"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer((HOST, 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def key_of(page: str) -> str:
    return "p" + "".join(ch if ch.isalnum() else "_" for ch in page)[:40]


def build_project(root: Path, claims: list[dict], base_url: str) -> None:
    pages = sorted({c["page"] for c in claims})
    (root / "references").mkdir(parents=True)
    (root / "claims").mkdir()
    refstore.write(
        root / "references" / "devset.bib", [Reference(key=key_of(p), url=f"{base_url}/{p}") for p in pages]
    )
    report = Report(
        id="dev", title="dev set", source="reports/dev.md", sha256="0" * 64, format="markdown-footnotes"
    )
    records = [
        Claim(
            id=f"c{i:03d}",
            report="dev",
            text=c["claim"],
            references=[key_of(c["page"])],
            location=Location(line=i + 1, end_line=i + 1, paragraph=i),
        )  # fmt: skip
        for i, c in enumerate(claims)
    ]
    claimstore.write(root / "claims" / "dev.yaml", ClaimFile(report=report, claims=records))


def measure(devset: Path) -> dict[str, Any]:
    claims = [
        json.loads(line) for line in (devset / "claims.jsonl").read_text("utf-8").splitlines() if line.strip()
    ]
    server = serve(devset / "pages")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            build_project(root, claims, f"http://{HOST}:{server.server_address[1]}")
            project = Project.open(root)
            policy = Policy(host_request_interval=0.0, host_concurrency=4, timeout=30.0)
            fetch_sources(project, policy, SourceSettings())
            results = {r.claim: r for r in verify(project).results}
    finally:
        server.shutdown()
    rows = []
    for i, claim in enumerate(claims):
        result = results[f"c{i:03d}"]
        rows.append({**claim, "got": result.verdict, "reason": result.reason, "result": result})
    return {"rows": rows}


def report(rows: list[dict]) -> int:
    per: dict[str, Counter] = {}
    for row in rows:
        per.setdefault(row["expected"], Counter())["right" if row["got"] == row["expected"] else "wrong"] += 1
    print(f"{'expected verdict':<18} {'right':>5} / {'total':<5}")
    for verdict in ("supported", "altered", "not-found", "unchecked", "partly"):
        if verdict in per:
            c = per[verdict]
            print(f"{verdict:<18} {c['right']:>5} / {c['right'] + c['wrong']:<5}")
    right = sum(c["right"] for c in per.values())
    print(f"{'all':<18} {right:>5} / {len(rows):<5} ({right / len(rows):.0%}; goal >= 85%)")
    altered = [r for r in rows if r["label"] in ("altered-quote", "altered-figure")]
    caught = [r for r in altered if r["got"] == "altered"]
    print(
        f"altered quotations and figures caught: {len(caught)} / {len(altered)} ({len(caught) / max(1, len(altered)):.0%}; goal >= 80%)"
    )
    by_label = Counter((r["label"], r["got"] == r["expected"]) for r in rows)
    for label in sorted({r["label"] for r in rows}):
        print(
            f"  {label:<16} {by_label[(label, True)]:>3} / {by_label[(label, True)] + by_label[(label, False)]}"
        )
    # An exact quotation must never be called altered or missing.
    wronged = [
        (r, q) for r in rows if r["label"] == "exact-quote" for q in r["result"].quotes if q.found != "exact"
    ]
    print(f"exact quotations called altered or missing: {len(wronged)} (goal: 0)")
    for r, q in wronged:
        print(f"  {r['page']}: {q.found}: {q.text!r} / {q.source_text!r}")
    misses = [r for r in rows if r["got"] != r["expected"]]
    if misses:
        print("\nwrong verdicts:")
        for r in misses:
            print(
                f"  [{r['label']}] expected {r['expected']}, got {r['got']}: {r['claim'][:90]}\n      {r['reason'][:200]}"
            )
    return 0


def main() -> int:
    devset = Path(sys.argv[1]) if len(sys.argv) > 1 else default_devset()
    if not (devset / "claims.jsonl").is_file():
        print(
            f"no dev set at {devset} (claims.jsonl and pages/); see tests/devsets/verify/SOURCES.md",
            file=sys.stderr,
        )
        return 2
    return report(measure(devset)["rows"])


if __name__ == "__main__":
    sys.exit(main())
