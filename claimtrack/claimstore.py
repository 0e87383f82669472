"""Claim records on disk: one human-readable YAML file per report in ``claims/``.

YAML because people edit the review blocks by hand and read the diffs in
review; one field per line, no line wrapping, keys in a fixed order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from . import atomic, blockyaml
from .errors import InputError
from .model import ClaimFile
from .textfile import read_text

HEADER = (
    "# claimtrack records for {source}\n"
    "# Written by `claimtrack ingest`. Edit the review blocks and fix what is wrong:\n"
    "# re-ingesting keeps reviews, and claim ids stay stable.\n"
)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dumps(claim_file: ClaimFile) -> str:
    data = claim_file.model_dump(mode="json", exclude_none=False)
    for claim in data["claims"]:  # a citation is written with only what it says (defaults read back)
        claim["citations"] = [_short(c) for c in claim.get("citations", [])]
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,
        default_flow_style=False,
    )
    return HEADER.format(source=claim_file.report.source) + body


def dumps_over(path: Path, claim_file: ClaimFile) -> str:
    """The text of ``claim_file`` to replace ``path`` with, keeping the comments a person wrote there."""
    text = dumps(claim_file)
    try:
        old = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return text
    from . import yamlkeep

    if old == text or not yamlkeep.has_own_comments(old, HEADER.count("\n")):
        return text
    try:
        if parse(old, Path(path)) == claim_file:
            return old  # the same records: the file stays as the person left it, comments and all
    except InputError:
        return text
    return yamlkeep.merge_text(old, text)


def _short(citation: dict) -> dict:
    return {k: v for k, v in citation.items() if v is not None and not (k == "found" and v is True)}


def write(path: Path, claim_file: ClaimFile) -> bool:
    """Replace ``path`` atomically, keeping the comments a person wrote in it."""
    return atomic.write_text(path, dumps_over(path, claim_file))


def _node_line(node: yaml.Node, loc: tuple[Any, ...]) -> int:
    """The line of the YAML node at pydantic error location ``loc``."""
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    node, line = value, value.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def parse(text: str, path: Path) -> ClaimFile:
    try:
        # the block YAML we write, read fast; anything else (and every error) is PyYAML's
        data = blockyaml.load(text)
    except blockyaml.Unsupported:
        data = _load(text, path)
    if not isinstance(data, dict):
        raise InputError("expected a mapping with report, footnotes and claims", path, 1)
    return _validate(data, text, path)


def _load(text: str, path: Path) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(f"invalid YAML: {problem}", path, mark.line + 1 if mark else None) from None


def _validate(data: dict[str, Any], text: str, path: Path) -> ClaimFile:
    try:
        return ClaimFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        line = _node_line(yaml.compose(text, Loader=_Loader), loc)
        where = ".".join(str(p) for p in loc)
        raise InputError(f"{where}: {err['msg']}", path, line) from None


def read(path: Path) -> ClaimFile:
    return parse(read_text(path), path)
