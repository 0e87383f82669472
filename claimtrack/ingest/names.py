"""Author lists as written in reference strings, as "Family, Given" names.

Handles the orders the common styles use: APA "Smith, J. A., & Lee, B.",
Chicago/MLA "Smith, John, and Mary Lee", IEEE "J. A. Smith, B. Lee, and C.
Kim", Vancouver "Smith JA, Lee B", "Smith, John; Lee, Mary", and
organisations ("World Health Organization").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "della", "dos", "ten", "ter", "bin", "al", "el", "y"}  # fmt: skip
_SUFFIXES = re.compile(r"^(?:Jr\.?|Sr\.?|II|III|IV)$")
_INITIALS = re.compile(r"^(?:[A-ZА-ЯЁ][a-zа-яё]?\.?[\s-]*){1,4}$")  # "J.", "J. A.", "J.-P.", "Th.", "Ю."
# GOST and much of Europe: "Тамм И.Е.", "Smith J.A.": the family name, then dotted initials
_FAMILY_DOTTED = re.compile(
    r"^(?P<family>[\w'’-]+(?:\s+[\w'’-]+)?)\s+(?P<initials>(?:[A-ZА-ЯЁ]\.\s?-?){1,3}[A-ZА-ЯЁ]?\.?)$"
)
_VANCOUVER = re.compile(
    r"^(?P<family>[\w'’-]+(?:\s+[\w'’-]+){0,2})\s+(?P<initials>[A-Z]{1,3}|[A-Z]-[A-Z])\.?$"
)
_CAP = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+"
_WORD = re.compile(r"^[\w'’.-]+$")
ORG_WORDS = re.compile(
    r"\b(?:ministry|office|government|agency|authority|institute|institution|center|centre|committee|council|"
    r"organi[sz]ation|foundation|commission|department|group|club|association|society|bureau|board|"
    r"university|college|bank|fund|programme|program|network|corporation|inc|ltd|llc|company|"
    r"union|nations|federation|service|services|administration|trust|project|team|consortium|"
    r"world|national|international|federal|united|european|parliament|court|congress|senate|press|news|"
    r"times|reuters|associated|panel|working|unit|division|alliance|partnership|secretariat|"
    r"games|studios?|labs?|software|systems|technologies|entertainment|pictures|records|museum|library|gallery|"
    r"archives|hospital|school|gmbh|plc|corp)\b",
    re.I,
)
_ET_AL = re.compile(r",?\s*(?:et\s*al\.?|and others|u\.\s*a\.)\s*$", re.I)
_EDITORS = re.compile(r",?\s*\(?\b(?:eds?|editors?|hrsg|comps?|trans)\.?\)?\.?\s*$", re.I)


@dataclass
class Names:
    people: list[str] = field(default_factory=list)  # "Family, Given"; "others" for et al.
    organization: Optional[str] = None
    editors: bool = False

    @property
    def families(self) -> list[str]:
        return [p.split(",", 1)[0] for p in self.people if p != "others"]


def _tokens(part: str) -> list[str]:
    return part.replace(".", ". ").replace(".  ", ". ").split()


def _is_given(part: str) -> bool:
    """Given names or initials: "J. A.", "John", "Mary Ann", "J.-P."."""
    part = part.strip()
    if _INITIALS.match(part):
        return True
    words = part.split()
    return 1 <= len(words) <= 3 and all(re.match(r"^[A-Z][\w'’-]*\.?$", w) for w in words)


def _natural(part: str) -> Optional[str]:
    """ "John A. Smith", "J. A. Smith", "Ludwig van Beethoven" -> "Smith, John A."."""
    words = part.split()
    if len(words) < 2 or not all(_WORD.match(w) for w in words):
        return None
    suffix = ""
    if _SUFFIXES.match(words[-1]):
        suffix, words = ", " + words[-1], words[:-1]
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1].lower() in _PARTICLES:
        family_start -= 1
    given, family = words[:family_start], words[family_start:]
    if not given or not family[-1][:1].isupper() or re.fullmatch(r"(?:[A-Z]\.?-?)+", family[-1]):
        return None  # "Ann S." is a given name and an initial, not "S., Ann"
    return f"{' '.join(family)}, {' '.join(given)}{suffix}"


def looks_like_org(text: str) -> bool:
    words = text.split()
    return bool(ORG_WORDS.search(text)) or (len(words) >= 4 and not any(_INITIALS.match(w) for w in words))


def parse_names(segment: str) -> Names:
    """The people (or the organisation) of an author segment."""
    text = " ".join(segment.split()).strip(" ,;:")
    if text.endswith(".") and re.search(r"[a-z]{2}\.$", text) and not _ET_AL.search(text):
        text = text[:-1]  # the full stop after "Smith, John." but not after "J."
    result = Names()
    if _EDITORS.search(text):
        result.editors = True
        text = _EDITORS.sub("", text).strip(" ,;")
    others = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text).strip(" ,;")
    if not text:
        return result
    if ";" in text:
        parts = [p.strip() for p in text.split(";") if p.strip()]
        for part in parts:
            part = re.sub(r"^(?:and|&)\s+", "", part)
            if "," in part:
                family, given = (s.strip() for s in part.split(",", 1))
                result.people.append(f"{family}, {given}" if given else family)
            else:
                result.people.append(_natural(part) or part)
    else:
        parts = [p.strip() for p in re.split(r"\s*,\s*(?:and\s+|&\s*)?|\s+&\s+|\s+and\s+", text) if p.strip()]
        if len(parts) == 1 and "," not in text and (looks_like_org(text) or len(text.split()) == 1):
            result.organization = text
            return result
        result.people = _people(parts)
        if result.people is None:  # type: ignore[comparison-overlap]
            result.people = []
            result.organization = text
    if others and result.people:
        result.people.append("others")
    return result


def _people(parts: list[str]) -> list[str]:
    people: list[str] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        nxt = parts[index + 1] if index + 1 < len(parts) else None
        dotted = _FAMILY_DOTTED.match(part)
        if dotted and not _INITIALS.match(dotted.group("family")):
            initials = re.sub(r"\.\s*(?=[^\s-])", ". ", dotted.group("initials").strip())
            people.append(f"{dotted.group('family')}, {initials}")
            index += 1
            continue
        vancouver = _VANCOUVER.match(part)
        if vancouver and not _natural_ok(part):
            letters = vancouver.group("initials")
            initials = letters.replace("-", ".-") + "." if "-" in letters else ". ".join(letters) + "."
            people.append(f"{vancouver.group('family')}, {initials}")
            index += 1
            continue
        single = len(part.split()) == 1 or (len(part.split()) <= 3 and part.split()[0].lower() in _PARTICLES)
        trailing = re.match(
            r"^(?P<given>.+?)\s+(?P<particles>(?:(?:van|von|de|der|den|da|di|du|la|le|del)\s*)+)$", nxt or ""
        )
        if single and trailing and _is_given(trailing.group("given")):  # "Turnhout, M.C. van"
            people.append(f"{trailing.group('particles').strip()} {part}, {trailing.group('given')}")
            index += 2
            continue
        if single and nxt is not None and _is_given(nxt) and (index == 0 or not _natural(nxt)):
            # the first name of a list is the inverted one: "Edwards, H. Carter, Christian R. Trott"
            people.append(f"{part}, {nxt}")
            index += 2
            continue
        if single and nxt is not None and _INITIALS.match(nxt):
            people.append(f"{part}, {nxt}")
            index += 2
            continue
        if _SUFFIXES.match(part) and people:
            people[-1] += f", {part}"
            index += 1
            continue
        compound = re.fullmatch(rf"(?:{_CAP}\s+){{1,2}}{_CAP}", part)
        if compound and nxt is not None and (_INITIALS.match(nxt) or re.fullmatch(_CAP, nxt)):
            people.append(
                f"{part}, {nxt}"
            )  # "Spärck Jones, Karen", "Vargas Llosa, M.": a family of two words
            index += 2
            continue
        natural = _natural(part)
        people.append(natural or part)
        index += 1
    return people


def _natural_ok(part: str) -> bool:
    """ "Smith JA" is Vancouver; "John SMITH" or "J Smith" is not."""
    words = part.split()
    return len(words[-1]) > 3 or not words[-1].isupper()
