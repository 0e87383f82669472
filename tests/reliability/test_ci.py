"""CI runs what the README tells a user to run, word for word."""

from __future__ import annotations

import re

from ct_helpers import REPO


def test_ci_runs_the_readme_install_and_test_commands():
    readme = (REPO / "README.md").read_text("utf-8")
    block = re.search(r"Install and run the tests:\n\n```sh\n(.+?)\n```", readme, re.S).group(1)
    commands = [c.strip() for c in block.split("&&")]
    assert commands[-1] == "pytest"
    lines = [line.strip() for line in (REPO / ".ci" / "run").read_text("utf-8").splitlines()]
    for command in commands[-2:]:  # the install and the test command
        assert command in lines, command
    assert not [line for line in lines if line.startswith("python -m pytest")]
