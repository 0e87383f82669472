"""The fault suite's runner: real claimtrack commands, forked from a loaded process, killed on cue."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


class Runner:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "zygote.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert json.loads(self.proc.stdout.readline()) == {"ready": True}

    def __call__(
        self, *argv: str, kill_after: float | None = None, env=None, limits=None, drop_dac=False
    ) -> dict:
        request = {"argv": [str(a) for a in argv], "kill_after": kill_after, "env": env or {}}
        request.update(limits=limits or {}, drop_dac=drop_dac)
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def runner() -> Iterator[Runner]:
    run = Runner()
    yield run
    run.close()
