"""Naming a claim, citekey, report or footnote: exact, a unique prefix, or the closest matches.

One rule for every command that takes a name, so that ``claims show cca4``,
``refs show reuters``, ``export --keys reuters``, ``footnote 005 1`` and
``xref --report nosuch`` all answer the same way:

- the exact name is taken;
- else a prefix shared by exactly one name is that name;
- else a prefix shared by several is "ambiguous", listing them;
- else "unknown", with the closest names (also compared on their first
  characters, so a short mistyped prefix like ``005`` still finds ``004_...``).

Free of pydantic, rich and typer: the quick path's lookups use it.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import UsageError

SHOWN = 5  # names listed in an "ambiguous" message
FEW = 8  # when nothing is close, a list this short is given whole (reports, usually)


def closest(name: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.5) -> list[str]:
    """The ``n`` candidates most like ``name``, whole or by their first ``len(name)`` characters."""
    from difflib import SequenceMatcher  # only on an error: kept off every lookup's start-up

    scored = []
    matcher = SequenceMatcher()
    matcher.set_seq2(name)
    for candidate in candidates:
        best = 0.0
        for text in {candidate, candidate[: len(name)]}:
            matcher.set_seq1(text)
            if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
                best = max(best, matcher.ratio())
        if best >= cutoff:
            scored.append((best, candidate))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return [candidate for _, candidate in scored[:n]]


def unknown(
    what: str, name: str, matches: list[str], advice: str = "", few: Iterable[str] = ()
) -> UsageError:
    """ "unknown ...; closest: ..." (or "; known: ..." when nothing is close but the names are ``few``)."""
    few = sorted(few)
    hint = f"; closest: {', '.join(matches)}" if matches else f"; known: {', '.join(few)}" if few else ""
    return UsageError(f"unknown {what} {name!r}{hint}{advice}")


def ambiguous(what: str, name: str, matches: list[str]) -> UsageError:
    shown = sorted(matches)[:SHOWN]
    more = ", ..." if len(matches) > SHOWN else ""
    return UsageError(f"ambiguous {what} {name!r}: {', '.join(shown)}{more}")


def resolve(name: str, known: Iterable[str], what: str, advice: str = "") -> str:
    """``name`` itself, or the one known name it is a prefix of; else a UsageError as above."""
    known = known if isinstance(known, set | dict | frozenset) else list(known)
    if name in known:
        return name
    matches = [k for k in known if k.startswith(name)] if name else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ambiguous(what, name, matches)
    raise unknown(what, name, closest(name, known), advice, known if len(known) <= FEW else ())
