"""A biblatex ``.bbl`` (what biber writes): structured entries, read field by field.

Unlike bibtex's ``.bbl`` (a ``thebibliography`` list of typeset text, see
:mod:`.bibitems`), biber writes the data itself::

    \\entry{smith2019}{article}{}
      \\name{author}{2}{}{%
        {{hash=...}{family={Smith}, familyi={S\\bibinitperiod}, given={John}, ...}}%
        ...}
      \\list{publisher}{1}{{Springer}}
      \\field{title}{Sparse graphs}
      \\field{year}{2019}
      \\verb{doi}
      \\verb 10.1000/xyz
      \\endverb
    \\endentry

so nothing is guessed: each field goes through the same conversion as an
imported ``.bib`` entry (``bib.entry.to_reference``: LaTeX decoded, dates
assembled, the entry type mapped).  Fields biber computes for sorting and
labels (``sortinit``, ``labelnamesource``, hashes) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..bib import latex
from ..bib.entry import to_reference
from ..model import Name, Reference
from .bibitems import match_brace

_ENTRY = re.compile(r"\\entry\s*\{([^{}]+)\}\s*\{([^{}]+)\}\s*\{[^{}]*\}")
_END_ENTRY = re.compile(r"\\endentry\b")
_FIELD = re.compile(
    r"\\(field|name|list|verb|range|strng|true|false|keyw|set|inset|xref|warn)\s*\{([^{}]*)\}"
)
_NAME_PART = re.compile(r"\b(family|given|prefix|suffix)\s*=\s*\{")
# biber's own fields: sorting, labels, hashes; not part of the work
_COMPUTED = re.compile(
    r"^(?:sortinit|sortinithash|extradatescope|label\w*|extra\w*|uniquename|uniquelist|singletitle|"
    r"uniquetitle|uniquebaretitle|uniquework|uniqueprimaryauthor|crossrefsource|xrefsource|urlraw|"
    r"\w+hash|fullhash|namehash|bibnamehash)$"
)
_NAME_MACROS = [
    (re.compile(r"\\bibnamedelim[a-di]\s*"), " "),
    (re.compile(r"\\bibinitperiod\s*"), "."),
    (re.compile(r"\\bibinitdelim\s*"), " "),
    (re.compile(r"\\bibinithyphendelim\s*"), "-"),
]
_RANGE_DASH = re.compile(r"\\bibrangedash\s*")


@dataclass
class Entry:
    key: str
    reference: Reference
    offset: int  # of the \entry in the .bbl


def is_biblatex(text: str) -> bool:
    return "biblatex auxiliary file" in text[:500] or bool(re.search(r"\\entry\s*\{[^{}]+\}\s*\{", text))


def entries(text: str) -> list[Entry]:
    """Every ``\\entry`` of a biblatex ``.bbl`` (the first time a key appears: one per refsection)."""
    out: list[Entry] = []
    seen: set[str] = set()
    for match in _ENTRY.finditer(text):
        key, entry_type = match.group(1).strip(), match.group(2).strip()
        end = _END_ENTRY.search(text, match.end())
        body = text[match.end() : end.start() if end else len(text)]
        if key in seen:
            continue
        seen.add(key)
        raw, names = _fields(body)
        reference = to_reference(entry_type, key, raw, latex.decode, parsed_names=names)
        out.append(Entry(key, reference, match.start()))
    return out


def _fields(body: str) -> tuple[list[tuple[str, str]], dict[str, list[Name]]]:
    raw: list[tuple[str, str]] = []
    names: dict[str, list[Name]] = {}
    dates: dict[str, str] = {}
    for match in _FIELD.finditer(body):
        kind, name = match.group(1), match.group(2).strip()
        if kind == "verb":
            value = _verbatim(body, match.end())
            if value and not _COMPUTED.match(name):
                raw.append((name, value))
            continue
        if kind not in ("field", "name", "list") or _COMPUTED.match(name):
            continue
        args = _groups(body, match.end(), 3 if kind == "name" else 2 if kind == "list" else 1)
        if not args:
            continue
        if kind == "name":
            people = _people(args[-1])
            if people:
                names[name] = people
        elif kind == "list":
            items = _groups(args[-1], 0, 10_000)
            raw.append((name, " and ".join("{" + item + "}" for item in items)))
        elif re.fullmatch(r"(?:url|event|orig)?(?:year|month|day)|(?:url|event|orig)?endyear", name):
            dates[name] = args[0].strip()
        else:
            raw.append((name, _RANGE_DASH.sub("--", args[0])))
    raw.extend(_dates(dates))
    return raw, names


def _dates(parts: dict[str, str]) -> list[tuple[str, str]]:
    """biber's year/month/day (and urlyear...) as the fields a .bib would give: year, month, urldate."""
    out = []
    if parts.get("year"):
        out.append(("year", parts["year"]))
        for name in ("month", "day"):
            if parts.get(name):
                out.append((name, parts[name]))
    if parts.get("urlyear"):
        value = parts["urlyear"]
        for name in ("urlmonth", "urlday"):
            if not parts.get(name):
                break
            value += "-" + parts[name].zfill(2)
        out.append(("urldate", value))
    return out


def _groups(text: str, start: int, count: int) -> list[str]:
    """The contents of up to ``count`` brace groups following ``start`` (spaces and ``%`` between)."""
    out = []
    i = start
    while len(out) < count:
        while i < len(text) and (text[i].isspace() or text[i] == "%"):
            if text[i] == "%":
                newline = text.find("\n", i)
                i = len(text) if newline < 0 else newline
            i += 1
        if i >= len(text) or text[i] != "{":
            break
        end = match_brace(text, i)
        out.append(text[i + 1 : end - 1])
        i = end
    return out


def _verbatim(body: str, start: int) -> str:
    """``\\verb VALUE`` lines up to ``\\endverb`` (a long URL may be split over several)."""
    end = body.find("\\endverb", start)
    chunk = body[start : end if end >= 0 else len(body)]
    return "".join(re.findall(r"^\s*\\verb\s?(.*)$", chunk, re.M)).strip()


def _people(group: str) -> list[Name]:
    people = []
    for person in _groups(group, 0, 10_000):
        parts = _groups(person, 0, 2)
        data = parts[-1] if parts else person
        found: dict[str, str] = {}
        for match in _NAME_PART.finditer(data):
            end = match_brace(data, match.end() - 1)
            value = data[match.end() : end - 1]
            for pattern, repl in _NAME_MACROS:
                value = pattern.sub(repl, value)
            found[match.group(1)] = latex.decode(value)
        if found.get("family") and not found.get("given") and not found.get("prefix"):
            people.append(Name(literal=found["family"]) if " " in found["family"] else Name(**found))
        elif found:
            people.append(Name(**found))
    return people
