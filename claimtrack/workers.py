"""Work spread over the machine's cores, in order, with our errors intact."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

from .errors import InputError


def _call(job: tuple[Callable[..., Any], tuple[Any, ...]]) -> tuple[str, Any]:
    # InputError's path and line would not survive pickling: send them as plain values.
    func, args = job
    try:
        return "ok", func(*args)
    except InputError as exc:
        return "error", (exc.message, exc.path, exc.line)


def map_ordered(
    func: Callable[..., Any], jobs: list[tuple[Any, ...]], *, parallel_from: int
) -> Iterator[Any]:
    """``func(*job)`` for each job, in order; on every core when there are ``parallel_from`` jobs or more.

    ``func`` must be a module-level function (it is sent to the workers by name).
    """
    wanted = os.environ.get("CLAIMTRACK_WORKERS", "")  # 1: everything in this process
    workers = min(
        int(wanted) if wanted.isdigit() and int(wanted) > 0 else min(os.cpu_count() or 1, 8), len(jobs)
    )
    if len(jobs) < parallel_from or workers < 2:
        yield from (func(*job) for job in jobs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers start at once and need nothing re-imported; they only compute and return.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        chunks = max(1, min(4, len(jobs) // (workers * 4)))
        for status, value in pool.map(_call, [(func, job) for job in jobs], chunksize=chunks):
            if status == "error":
                raise InputError(*value)
            yield value
