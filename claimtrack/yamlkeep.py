"""Rewriting a claims YAML file without losing the comments a person wrote in it.

Records are written with PyYAML's C emitter (fast).  When the file on disk
holds comments of its own, the new records are instead merged into the old
file's round-trip tree (ruamel.yaml): values change in place, claims and
footnotes are matched by id and label, so each comment stays beside the
claim, footnote or field it was written next to.  With no change, the output
is the file as it was, byte for byte.  Only writers pay for the round trip;
every reader keeps the C loader.
"""

from __future__ import annotations

import io
import re
from typing import Any

_IDENTITY = {"claims": "id", "footnotes": "label", "bibliography": "key"}
_COMMENT = re.compile(r"(?:^|\s)#")


def has_own_comments(text: str, header_lines: int) -> bool:
    """Does the file hold a comment beyond claimtrack's own header?"""
    body = text.split("\n", header_lines)[-1] if header_lines else text
    return bool(_COMMENT.search(body))


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: keeps comments, key order and quoting
    yaml.width = 1_000_000
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=2, offset=0)  # PyYAML's layout, so untouched lines stay as they are
    yaml.representer.add_representer(
        type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def merge_text(old_text: str, new_text: str) -> str:
    """``new_text``'s data, laid out and commented as ``old_text`` where the two agree.

    Only the old file goes through the (slow, pure-Python) round-trip loader;
    the new records are read with the C loader, and each value that changed
    is given the quoting PyYAML gave it, so the file reads as a plain dump would.
    """
    import yaml as pyyaml

    yaml = _yaml()
    try:
        old = yaml.load(old_text)
        new = pyyaml.load(new_text, Loader=getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader))
    except Exception:  # the old file is not YAML we can read: the new records win, as before
        return new_text
    if not isinstance(old, dict) or not isinstance(new, dict):
        return new_text
    _merge_map(old, new)
    out = io.StringIO()
    yaml.dump(old, out)
    return out.getvalue()


def _merge_map(old: Any, new: Any) -> None:
    for key in [k for k in old if k not in new]:
        del old[key]
    for key, value in new.items():
        if key not in old:
            old[key] = _styled(value)
            continue
        current = old[key]
        if isinstance(current, dict) and isinstance(value, dict):
            _merge_map(current, value)
        elif isinstance(current, list) and isinstance(value, list) and key in _IDENTITY:
            _merge_seq(current, value, _IDENTITY[key])
        elif not _same(current, value):
            old[key] = _styled(value)
    if list(old) != list(new):
        for key in new:
            old.move_to_end(key)


def _same(a: Any, b: Any) -> bool:
    """Equal as data (a round-trip string or mapping equals the plain one it stands for)."""
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return a is b
    return (isinstance(a, str) == isinstance(b, str)) and a == b


def _styled(value: Any) -> Any:
    """``value`` for the round-trip dumper, each string quoted as PyYAML's dump quotes it."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, str):
        return _styled_str(value)
    if isinstance(value, dict):
        return CommentedMap((k, _styled(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_styled(v) for v in value)
    return value


def _styled_str(value: str) -> Any:
    import yaml as pyyaml
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    from .claimstore import _Dumper

    first = pyyaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=1_000_000)[:1]
    kind = {"'": SingleQuotedScalarString, '"': DoubleQuotedScalarString, "|": LiteralScalarString}
    return kind[first](value) if first in kind else value


def _merge_seq(old: Any, new: Any, ident: str) -> None:
    """Merge a list of mappings matched by ``ident``; comments move with the items they belong to."""
    by_id = {item.get(ident): (pos, item) for pos, item in enumerate(old) if isinstance(item, dict)}
    merged: list[Any] = []
    moved_comments: dict[int, Any] = {}
    comments = getattr(getattr(old, "ca", None), "items", {})
    for pos, item in enumerate(new):
        found = by_id.pop(item.get(ident), None) if isinstance(item, dict) else None
        if found is None:
            merged.append(_styled(item))
            continue
        old_pos, old_item = found
        _merge_map(old_item, item)
        merged.append(old_item)
        if old_pos in comments:
            moved_comments[pos] = comments[old_pos]
    old[:] = merged
    if comments is not None:
        comments.clear()
        comments.update(moved_comments)
