"""A claimtrack loaded once, forking one real command per request (the fault suite's runner).

Started as a script (``python zygote.py``), so it never imports the tests
package.  It reads one JSON request per line on stdin: ``argv`` (a claimtrack
command line), ``kill_after`` (seconds; SIGKILL the command then), ``env``
(variables for the command), ``limits`` (``fsize``: RLIMIT_FSIZE in bytes),
``drop_dac`` (as root: lose CAP_DAC_OVERRIDE, so file modes bind as for
anyone).  It answers one JSON line: whether the command was killed, its exit
code, its stderr and how long it ran.  Forking from a loaded process puts the
kills into the command's own work, not into Python's start-up.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import sys
import tempfile
import time

import claimtrack.cli  # noqa: F401  (everything a command needs, loaded before any fork)
import claimtrack.ingest  # noqa: F401
import claimtrack.refimport  # noqa: F401
import claimtrack.writing  # noqa: F401
import claimtrack.yamlkeep  # noqa: F401
from claimtrack.cli import app


def _drop_dac() -> None:
    """Clear CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from this (root) process's effective set."""

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [
            ("effective", ctypes.c_uint32),
            ("permitted", ctypes.c_uint32),
            ("inheritable", ctypes.c_uint32),
        ]

    libc = ctypes.CDLL(None, use_errno=True)
    header, data = Header(0x20080522, 0), (Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    data[0].effective &= ~((1 << 1) | (1 << 2))
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def _child(request: dict, err_path: str) -> None:
    code = 97
    try:
        null = os.open(os.devnull, os.O_RDWR)
        err = os.open(err_path, os.O_WRONLY | os.O_TRUNC)
        os.dup2(null, 0)
        os.dup2(null, 1)
        os.dup2(err, 2)
        os.environ.update(request.get("env") or {})
        limits = request.get("limits") or {}
        if "fsize" in limits:
            signal.signal(
                signal.SIGXFSZ, signal.SIG_IGN
            )  # a write past the limit fails (EFBIG), as on a full disk
            resource.setrlimit(resource.RLIMIT_FSIZE, (limits["fsize"], limits["fsize"]))
        if request.get("drop_dac") and os.geteuid() == 0:
            _drop_dac()
        app(args=request["argv"], prog_name="claimtrack")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException as exc:  # a traceback would be a bug: say so in stderr
        import traceback

        traceback.print_exception(exc)
        code = 98
    finally:
        sys.stderr.flush()
        os._exit(code)


def run(request: dict) -> dict:
    fd, err_path = tempfile.mkstemp(prefix="ct-zygote-", suffix=".err")
    os.close(fd)
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        _child(request, err_path)
    status = None
    if request.get("kill_after") is not None:
        deadline = started + request["kill_after"]
        while status is None and time.perf_counter() < deadline:
            done, code = os.waitpid(pid, os.WNOHANG)
            if done:
                status = code
            else:
                time.sleep(min(0.002, max(0.0, deadline - time.perf_counter())))
        if status is None:
            os.kill(pid, signal.SIGKILL)
    if status is None:
        _, status = os.waitpid(pid, 0)
    seconds = time.perf_counter() - started
    with open(err_path, encoding="utf-8", errors="replace") as handle:
        stderr = handle.read()
    os.unlink(err_path)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    return {"killed": killed, "code": code, "stderr": stderr, "seconds": seconds}


def main() -> None:
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        print(json.dumps(run(json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
