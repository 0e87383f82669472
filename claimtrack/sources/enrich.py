"""``claimtrack refs enrich``: a reference's empty fields, filled from its capture.

Only empty fields are ever proposed, never one a person set.  Writing adds
the new field lines to the entry in its .bib file (the rest of the file is
left byte for byte), then parses the file back and checks that exactly the
proposed fields changed: if anything else would, nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .. import atomic, refstore
from ..errors import InputError
from ..model import Reference
from ..textfile import read_text
from . import store, texts

FIELDS = ("title", "authors", "container", "date", "language")


@dataclass
class Proposal:
    field: str  # the Reference attribute
    value: Any  # str, or list[str] for authors
    source: str  # where the value came from: "JSON-LD datePublished", "og:site_name"...

    def shown(self) -> str:
        return "; ".join(self.value) if isinstance(self.value, list) else str(self.value)


@dataclass
class Enrichment:
    key: str
    file: Optional[str]
    line: Optional[int]
    capture: str
    proposals: list[Proposal] = field(default_factory=list)
    written: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "file": self.file,
            "line": self.line,
            "capture": self.capture,
            "fields": [{"field": p.field, "value": p.value, "from": p.source} for p in self.proposals],
            "written": self.written,
        }


def _empty(ref: Reference, name: str) -> bool:
    if name == "authors":
        return not ref.authors and not ref.organization
    return not getattr(ref, name)


def _value(name: str, value: str) -> Any:
    if name == "authors":
        return [a.strip() for a in value.split(";") if a.strip()]
    if name == "language":
        return value.replace("_", "-").split("-")[0].lower()
    return value


def propose(project: Any, captures: Path, keys: Optional[list[str]] = None) -> list[Enrichment]:
    """For each reference with a readable capture, the fields its capture can fill."""
    unknown = [k for k in keys or [] if k not in project.references]
    if unknown:
        raise InputError(f"unknown citekey(s): {', '.join(unknown)}")
    index = store.load(captures)
    out = []
    for key, ref in project.references.items():
        if keys and key not in keys:
            continue
        capture = index.latest(key, readable=True)
        if capture is None or capture.file is None:
            continue
        text = texts.load(project.root, captures, capture.file)
        if text is None:
            continue
        item = Enrichment(key=key, file=ref.file, line=ref.line, capture=capture.file)
        for name in FIELDS:
            found = text.metadata.get(name)
            if found and _empty(ref, name) and found[0].strip():
                item.proposals.append(Proposal(name, _value(name, found[0].strip()), found[1]))
        if item.proposals:
            out.append(item)
    return out


def _entry_end(lines: list[str], start: int) -> int:
    depth = 0
    for index in range(start, len(lines)):
        for char in lines[index]:
            depth += {"{": 1, "}": -1}.get(char, 0)
        if depth <= 0 and "{" in "".join(lines[start : index + 1]):
            return index
    raise ValueError("the entry does not close")


def _insert(text: str, entry_line: int, fields: list[tuple[str, str]]) -> str:
    """Add ``name = {value},`` lines before the closing brace of the entry at ``entry_line``."""
    lines = text.split("\n")
    start = entry_line - 1
    end = _entry_end(lines, start)
    if end == start:
        raise ValueError("one-line entries are not edited")
    indent = next(
        (m.group(1) for line in lines[start + 1 : end] if (m := re.match(r"^(\s+)\w+\s*=", line))), "  "
    )
    new = [f"{indent}{name} = {{{value}}}," for name, value in fields]
    closing = lines[end]
    cut = closing.rfind("}")
    before, after = closing[:cut].rstrip(), closing[cut:]
    if before.strip():
        lines[end : end + 1] = [before if before.endswith(",") else before + ",", *new, after]
    else:
        last = end - 1
        while last > start and not lines[last].strip():
            last -= 1
        if last > start and not lines[last].rstrip().endswith(","):
            lines[last] = lines[last].rstrip() + ","
        lines[end:end] = new
    return "\n".join(lines)


def _bib_fields(ref: Reference, updated: Reference) -> list[tuple[str, str]]:
    """The bib fields that ``updated`` has and ``ref`` lacks, as refstore writes them."""
    have = {f.key for f in refstore.to_entry(ref).fields}
    return [(f.key, f.value) for f in refstore.to_entry(updated).fields if f.key not in have]


def write(path: Path, item: Enrichment) -> bool:
    """Add ``item``'s fields to its entry in ``path``; False if nothing changed."""
    text = read_text(path, allow_empty=True)
    before = refstore.parse(text, path)
    ref = next((r for r in before if r.key == item.key), None)
    if ref is None:
        raise InputError(f"no entry {item.key!r}", path)
    update = {p.field: p.value for p in item.proposals if _empty(ref, p.field)}
    if not update:
        return False
    updated = ref.model_copy(update=update)
    fields = _bib_fields(ref, updated)
    if not fields:
        return False
    try:
        edited = _insert(text, ref.line or 1, fields)
    except ValueError as exc:
        raise InputError(f"entry {item.key}: cannot add fields safely: {exc}", path, ref.line) from None
    after = refstore.parse(edited, path)
    expected = [updated if r.key == item.key else r for r in before]
    if [r.model_dump() for r in after] != [r.model_dump() for r in expected]:
        raise InputError(
            f"entry {item.key}: adding {', '.join(update)} would change other data; not written",
            path,
            ref.line,
        )
    return atomic.write_text(path, edited)


def write_all(project: Any, captures: Path, keys: Optional[list[str]] = None) -> list[Enrichment]:
    """Propose and write, under the caller's lock, re-reading the files first."""
    project.load()
    items = propose(project, captures, keys)
    for item in items:
        if item.file:
            item.written = write(Path(project.root) / item.file, item)
    return items
