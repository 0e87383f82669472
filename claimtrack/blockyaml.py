"""A fast reader for the plain block YAML that ``claimstore.dumps`` writes; anything else is PyYAML's.

Building the index from nothing reads every ``claims/*.yaml``; PyYAML's C
loader still composes a Python node per scalar and resolves and constructs
each one in Python, which makes YAML most of the first build's time.  The
claim files are block YAML of a small shape: ``key: value`` lines, ``- ``
items, plain and single-quoted scalars, ``[]``/``{}`` and ``|``/``|-`` literal
blocks.  This reader reads exactly that shape and gives up (:class:`Unsupported`)
on the first thing outside it (a tab, a flow collection, a double quote, an
anchor, a tag, a folded or multi-line plain scalar, a document marker...), and
the caller then uses PyYAML.  What it does read it types as PyYAML does: every
plain scalar (keys too) goes through PyYAML's own resolver and constructor, so
``at: 2026-11-21``, ``yes``, ``~`` or ``0o17`` mean what they mean to PyYAML.
tests/test_blockyaml.py compares the two on every file and on hand-edit variants.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

_STR = "tag:yaml.org,2002:str"
_KEY = re.compile(r"([A-Za-z_][\w.-]*|'(?:[^']|'')*'):(?: (.*))?$")
_QUOTED = re.compile(r"'((?:[^']|'')*)'$")
_OTHER = re.compile("[\r\x85\u2028\u2029\ufeff\t]")
# A plain scalar may not start with an indicator (a "-" only when followed by a space).
_INDICATORS = set("?:,[]{}#&*!|>'\"%@`")


class Unsupported(Exception):
    """Outside the shape this reader handles: use PyYAML."""


_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()


@lru_cache(maxsize=4096)
def _typed(value: str, tag: str) -> Any:
    # ints, floats, bools, null and dates are immutable: one construction per spelling
    return _constructor.construct_object(yaml.ScalarNode(tag, value), deep=True)


def _plain(value: str) -> Any:
    tag = _resolver.resolve(yaml.ScalarNode, value, (True, False))
    return value if tag == _STR else _typed(value, tag)


def load(text: str) -> Any:
    """The data of ``text``, as ``yaml.load(text, SafeLoader)`` gives it; Unsupported if unsure."""
    # Other line breaks (PyYAML breaks lines at \r, \x85, \u2028, \u2029), a byte-order
    # mark, and the characters PyYAML refuses: its business.
    if _OTHER.search(text) or yaml.reader.Reader.NON_PRINTABLE.search(text):
        raise Unsupported("special characters")
    return _Reader(text.split("\n")).document()


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.i = 0
        # (indent, text) of each line, None for blank and comment lines
        self.rows: list[tuple[int, str] | None] = []
        for line in lines:
            text = line.lstrip(" ")
            if not text or text[0] == "#":
                self.rows.append(None)
                continue
            if text.startswith(("---", "...", "%")) or line[-1] == " ":
                raise Unsupported(line)
            self.rows.append((len(line) - len(text), text))
        self.n = len(lines)

    def _next(self) -> tuple[int, str] | None:
        """(indent, text) of the next line holding something; blank and comment lines skipped."""
        rows, i = self.rows, self.i
        while i < self.n and rows[i] is None:
            i += 1
        self.i = i
        return rows[i] if i < self.n else None

    def document(self) -> Any:
        first = self._next()
        if first is None:
            return None
        if first[0] != 0:
            raise Unsupported("indented document")
        value = self._block(0)
        if self._next() is not None:
            raise Unsupported("trailing content")
        return value

    def _block(self, indent: int) -> Any:
        _, text = self._next() or (0, "")
        return self._sequence(indent) if text.startswith("- ") else self._mapping(indent)

    def _sequence(self, indent: int) -> list[Any]:
        items: list[Any] = []
        while (found := self._next()) is not None:
            at, text = found
            if at < indent or not text.startswith("- "):
                if at > indent:
                    raise Unsupported("indentation")
                break
            if at > indent:
                raise Unsupported("indentation")
            rest = text[2:].lstrip(" ")
            inner = at + len(text) - len(rest)
            if rest.startswith(("- ", "-\n")) or rest == "-" or not rest:
                raise Unsupported("nested or empty item")
            if _KEY.match(rest):  # a mapping that starts on the item's line
                self.rows[self.i] = (inner, rest)
                items.append(self._mapping(inner))
            else:
                self.i += 1
                items.append(self._scalar(rest, indent))
        return items

    def _mapping(self, indent: int) -> dict[Any, Any]:
        data: dict[Any, Any] = {}
        while (found := self._next()) is not None:
            at, text = found
            if at < indent:
                break
            if at > indent or text.startswith("- "):
                raise Unsupported("indentation")
            match = _KEY.match(text)
            if match is None:
                raise Unsupported(text)
            raw_key, value = match.group(1), (match.group(2) or "").lstrip(" ")
            key = raw_key[1:-1].replace("''", "'") if raw_key.startswith("'") else _plain(raw_key)
            if not isinstance(key, str | int | bool | float) and key is not None:
                raise Unsupported("key type")
            self.i += 1
            if value == "":
                data[key] = self._nested(indent)
            else:
                data[key] = self._scalar(value, indent)
        return data

    def _nested(self, indent: int) -> Any:
        """The value of ``key:`` with nothing after it: a block below, a sequence at the same indent, or null."""
        found = self._next()
        if found is None:
            return None
        at, text = found
        if at > indent:
            return self._block(at)
        if at == indent and text.startswith("- "):
            return self._sequence(indent)
        return None

    def _scalar(self, value: str, indent: int) -> Any:
        if value in ("[]", "{}"):
            result: Any = [] if value == "[]" else {}
        elif value in ("|", "|-"):
            return self._literal(indent, keep_newline=value == "|")
        elif value.startswith("'"):
            quoted = _QUOTED.match(value)
            if quoted is None:
                raise Unsupported("quoted scalar")
            result = quoted.group(1).replace("''", "'")
        else:
            if (
                value[0] in _INDICATORS
                or (value[0] == "-" and (len(value) == 1 or value[1] == " "))
                or " #" in value
                or ": " in value
                or value.endswith(":")
            ):
                raise Unsupported(value)
            result = _plain(value)
        following = self._next()
        if following is not None and following[0] > indent:  # a continued plain scalar, or worse
            raise Unsupported("continuation")
        return result

    def _literal(self, indent: int, *, keep_newline: bool) -> str:
        lines: list[str] = []
        block_indent = None
        while self.i < len(self.lines):
            line = self.lines[self.i]
            text = line.lstrip(" ")
            width = len(line) - len(text)
            if not text:
                if block_indent is None or line:  # a leading blank line, or one holding spaces
                    raise Unsupported("blank line in a literal")
                lines.append(line[block_indent:])
                self.i += 1
                continue
            if block_indent is None:
                if width <= indent:
                    raise Unsupported("empty literal")
                block_indent = width
            if width < block_indent:
                break
            lines.append(line[block_indent:])
            self.i += 1
        while lines and not lines[-1]:
            lines.pop()
        body = "\n".join(lines)
        return body + "\n" if keep_newline and body else body
