"""Names: BibTeX's "First von Last" / "von Last, Jr, First" and biblatex's extended format.

A name list is split at " and " outside braces, and each name into its
parts, by bibtexparser v2's functions (BibTeX's own algorithm); biblatex's
extended format (``family=Vries, given=Andrie, prefix=de, useprefix=true``),
which Better BibLaTeX writes for every name with a particle, is read here.
A name that is one braced group (``{United Nations Department of Economic
and Social Affairs}``) is an organisation, never split.  Parts are decoded
to Unicode after splitting, because the braces decide the split.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

from ..model import Name
from .latex import decode

_EXTENDED_PART = re.compile(
    r"^\s*(family|given|prefix|suffix|useprefix|sortingnamekeytemplatename)\s*=", re.I
)


def split_list(raw: str) -> list[str]:
    """Items of a name or literal list, split at " and " outside braces (raw LaTeX)."""
    raw = raw.strip()
    if not raw:
        return []
    return [item for item in split_multiple_persons_names(raw) if item.strip()]


def one_group(raw: str) -> bool:
    """``{...}`` wrapping the whole of ``raw``."""
    raw = raw.strip()
    if not (raw.startswith("{") and raw.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(raw):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and index < len(raw) - 1:
            return False
    return True


def _top_level_commas(raw: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(raw[start:index])
            start = index + 1
    parts.append(raw[start:])
    return parts


def _extended(raw: str, decode: Callable[[str], str]) -> Name | None:
    parts = _top_level_commas(raw)
    if not all(_EXTENDED_PART.match(part) for part in parts if part.strip()):
        return None
    values: dict[str, object] = {}
    for part in parts:
        if not part.strip():
            continue
        name, _, value = part.partition("=")
        name, value = name.strip().lower(), value.strip()
        if name == "useprefix":
            values[name] = value.lower() == "true"
        elif name in ("family", "given", "prefix", "suffix"):
            values[name] = decode(value) or None
    return Name.model_validate(values)


def parse_name(raw: str, decode: Callable[[str], str] = decode) -> Name:
    """One name (raw LaTeX) in parts; ValueError if it cannot be split (too many commas)."""
    raw = " ".join(raw.split())
    if raw == "others":
        return Name(literal="others")
    if one_group(raw):
        return Name(literal=decode(raw[1:-1]))
    if "=" in raw:
        extended = _extended(raw, decode)
        if extended is not None:
            return extended
    try:
        parts = parse_single_name_into_parts(raw, strict=True)
    except Exception as exc:  # bibtexparser's InvalidNameError: said in our words by the caller
        raise ValueError(f"cannot split the name {decode(raw)!r} into parts") from exc
    family = decode(" ".join(parts.last)) or None
    given = decode(" ".join(parts.first)) or None
    if family is None and given is not None:
        family, given = given, None
    return Name(
        family=family,
        given=given,
        prefix=decode(" ".join(parts.von)) or None,
        suffix=decode(" ".join(parts.jr)) or None,
    )


def parse_names(raw: str, decode: Callable[[str], str] = decode) -> list[Name]:
    return [parse_name(item, decode) for item in split_list(raw)]


def _needs_braces(part: str) -> bool:
    # a lower-case word would be read as a particle, a comma as a separator, " and " as the next name
    return bool(re.search(r"(^|\s)[^\w{\\]*[a-z]", part) or "," in part or re.search(r"\sand\s", part))


def _brace(part: str) -> str:
    return "{" + part + "}" if _needs_braces(part) else part


def format_name(name: Name, esc: Callable[[str], str] = lambda s: s, *, extended: bool = True) -> str:
    """``name`` as BibTeX writes it; ``esc`` escapes each part (identity for Unicode storage).

    biblatex's extended format is used only where the classic one cannot say
    it (``useprefix``, a capitalised particle); ``extended=False`` (classic
    BibTeX) writes such a prefix as part of a braced family name instead.
    """
    if name.literal is not None:
        return "others" if name.literal == "others" else "{" + esc(name.literal) + "}"
    family, given = esc(name.family or ""), esc(name.given or "")
    prefix, suffix = esc(name.prefix or ""), esc(name.suffix or "")
    classic_prefix = not prefix or (prefix[:1].islower() and "," not in prefix)
    if extended and (name.useprefix is not None or not classic_prefix):
        items = [("family", family), ("given", given), ("prefix", prefix), ("suffix", suffix)]
        text = ", ".join(
            f"{key}={_brace(value) if ',' in value or '=' in value else value}"
            for key, value in items
            if value
        )
        if name.useprefix is not None:
            text += f", useprefix={'true' if name.useprefix else 'false'}"
        return text
    if prefix and not classic_prefix:
        family, prefix = f"{prefix} {family}", ""
        family = "{" + family + "}"
    else:
        family = _brace(family) if family else family
    last = f"{prefix} {family}".strip()
    given = "{" + given + "}" if "," in given or re.search(r"\sand\s", given) else given
    if suffix:
        return f"{last}, {_brace(suffix) if ',' in suffix else suffix}, {given}"
    return f"{last}, {given}" if given else last


def format_names(names: list[Name], esc: Callable[[str], str] = lambda s: s, *, extended: bool = True) -> str:
    return " and ".join(format_name(name, esc, extended=extended) for name in names)


def from_display(author: str) -> Name:
    """A "Family, Given" string of ``Reference.authors`` (made by ingest) in parts."""
    author = author.strip()
    if author == "others":
        return Name(literal="others")
    if author.startswith("{") and author.endswith("}"):
        return Name(literal=author[1:-1])
    family, _, given = (part.strip() for part in author.partition(","))
    return Name(family=family or None, given=given or None)
