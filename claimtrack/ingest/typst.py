"""Typst citations pandoc's reader loses, written out before it reads the file.

pandoc reads ``@key`` and ``#cite(<key>)`` as citations but drops their
supplement (``@smith2020[p. 45]``, ``#cite(<key>, supplement: [p. 45])``),
reads ``form: "prose"`` as a normal citation, and ignores
``#bibliography("refs.bib")``.  Here such citations become pandoc citation
syntax as literal text (``\\[\\@key, p. 45\\]``), which the citekey reader
finds like any other, and the bibliography files go to the metadata.  Lines
are kept, so line numbers stay true.
"""

from __future__ import annotations

import re
from typing import Any

_BIBLIOGRAPHY = re.compile(r'#bibliography\(\s*(?:\((?P<many>[^)]*)\)|"(?P<one>[^"]+)")[^)\n]*\)')
_STRING = re.compile(r'"([^"]+)"')
_KEY = r"[\w][\w:.\-/]*[\w]|\w"
_WITH_SUPPLEMENT = re.compile(rf"(?<![\w\\@])@(?P<key>{_KEY})\[(?P<supplement>[^\[\]\n]*)\]")
_CITE = re.compile(
    rf'#cite\(\s*(?:<(?P<key>{_KEY})>|label\("(?P<lkey>[^"]+)"\))'
    r'(?P<options>(?:\s*,\s*\w+\s*:\s*(?:"[^"]*"|\[[^\[\]]*\]|[\w.]+))*)\s*,?\s*\)'
)
_OPTION = re.compile(r'(\w+)\s*:\s*(?:"([^"]*)"|\[([^\[\]]*)\]|([\w.]+))')


def prepare(text: str) -> tuple[str, dict[str, Any]]:
    """The Typst source with its citations as citekey text, and the metadata it declares."""
    meta: dict[str, Any] = {}
    files: list[str] = []

    def bibliography(match: re.Match[str]) -> str:
        many = match.group("many")
        files.extend(_STRING.findall(many) if many is not None else [match.group("one")])
        return ""

    text = _BIBLIOGRAPHY.sub(bibliography, text)
    if files:
        meta["bibliography"] = files
    text = _WITH_SUPPLEMENT.sub(lambda m: _citation(m.group("key"), m.group("supplement"), "normal"), text)
    text = _CITE.sub(_cite_call, text)
    return text, meta


def _cite_call(match: re.Match[str]) -> str:
    key = match.group("key") or match.group("lkey")
    options = {
        m.group(1): m.group(2) or m.group(3) or m.group(4) for m in _OPTION.finditer(match.group("options"))
    }
    return _citation(key, options.get("supplement"), options.get("form") or "normal")


def _citation(key: str, supplement: str | None, form: str) -> str:
    supplement = " ".join((supplement or "").split())
    if form in ("prose", "author"):
        return rf"\@{key}" + (rf" \[{supplement}\]" if supplement else "")
    dash = "-" if form == "year" else ""
    return rf"\[{dash}\@{key}" + (f", {supplement}" if supplement else "") + r"\]"
