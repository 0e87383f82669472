"""The references a LaTeX paper writes itself: ``thebibliography`` and ``.bbl`` files.

Found where LaTeX finds them:

- ``\\begin{thebibliography}`` in the ``.tex`` or in a file it ``\\input``\\s
  or ``\\include``\\s (``\\input{paper.bbl}`` included);
- otherwise, when ``\\bibliography{refs}`` or ``\\addbibresource{refs.bib}``
  names a ``.bib`` that is not there (arXiv sources ship ``paper.bbl``,
  often without the ``.bib``), the ``.bbl`` bibtex or biber wrote beside
  the ``.tex``: ``<texname>.bbl``, or the folder's only ``.bbl``.

Each entry becomes a :class:`~.document.BibDraft` keyed by its ``\\bibitem``
key (the key the author chose, as in a ``.bib``): bibtex's typeset text is
parsed by :mod:`.refstrings`, a biblatex ``.bbl``'s fields are read as they
are (:mod:`.biblatex_bbl`).  The document's ``\\cite`` keys (pandoc ``Cite``
elements) are then linked to the entry of the same key (:func:`link`);
the list itself never becomes claims (pandoc's ``thebibliography`` div is
taken out of pandoc's AST, :func:`without_lists`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Optional

from ..model import CitationStyle
from . import author_date, bibitems, biblatex_bbl
from .document import BibDraft, Document
from .names import parse_names
from .reflists import reference_fields
from .refstrings import ParsedRef, parse

_INPUT = re.compile(r"\\(?:input|include|subfile)(?![A-Za-z@])\s*(?:\{([^{}]+)\}|([^\s{}\\%]+))")
_BIB_COMMAND = re.compile(r"\\(?:bibliography|addbibresource|addglobalbib)\s*(?:\[[^\]]*\])?\s*\{([^{}]+)\}")
_NATBIB_LABEL = re.compile(r"^(?P<short>.*?)\s*\((?P<year>[^()]*)\)\s*(?P<long>.*)$", re.S)
_PLAIN_LABEL = re.compile(r"^(?P<short>\D+?),?\s+(?P<year>(?:1[5-9]|20)\d\d[a-z]?)$")  # [Smith, 2019]
_MAX_DEPTH = 8


def attach(doc: Document, path: Path, text: str) -> None:
    """Read the document's own bibliography into ``doc.bibliography`` (entries with keys)."""
    if doc.bibliography:
        return
    source = bibitems.strip_comments(text)
    drafts: list[BibDraft] = []
    parts = _parts(source, path, path.parent, 0, {path.resolve()})
    for part, line, part_path in parts:
        drafts.extend(_drafts_of(part, line, part_path == path, part_path.suffix.lower() == ".bbl"))
    if not drafts:
        bbl = _bbl_instead_of_bib("\n".join(part for part, _, _ in parts), path)
        if bbl is not None:
            bbl_text = _read(bbl)
            if bbl_text is not None:
                line = _line_of(source, _BIB_COMMAND)
                drafts = _drafts_of(bibitems.strip_comments(bbl_text), line, False, biblatex=True)
                if drafts:
                    doc.bbl = bbl
    seen: set[str] = set()
    doc.bibliography = [d for d in drafts if d.key and not (d.key in seen or seen.add(d.key))]


def _parts(
    source: str, path: Path, folder: Path, depth: int, visited: set[Path]
) -> list[tuple[str, int, Path]]:
    """(comment-free text, line in the main file, file) of the .tex and of what it inputs
    (names are relative to the main file's ``folder``, where LaTeX runs, at any depth)."""
    parts = [(source, 0, path)]
    if depth >= _MAX_DEPTH:
        return parts
    for match in _INPUT.finditer(source):
        name = (match.group(1) or match.group(2) or "").strip()
        found = _input_file(folder, name)
        if found is None or found.resolve() in visited:
            continue
        visited.add(found.resolve())
        text = _read(found)
        if text is None:
            continue
        line = source.count("\n", 0, match.start()) + 1
        inner = _parts(bibitems.strip_comments(text), found, folder, depth + 1, visited)
        parts.extend((part, line, part_path) for part, _, part_path in inner)  # cited at the \input
    return parts


def _input_file(folder: Path, name: str) -> Optional[Path]:
    if not name or "\\" in name or "#" in name:
        return None
    for candidate in (folder / name, folder / f"{name}.tex"):
        if candidate.is_file():
            return candidate
    return None


def _read(path: Path) -> Optional[str]:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _bbl_instead_of_bib(source: str, path: Path) -> Optional[Path]:
    """The .bbl beside the .tex, when the .bib files the document names are not all there."""
    named = [n.strip() for m in _BIB_COMMAND.finditer(source) for n in m.group(1).split(",") if n.strip()]
    if not named:
        return None
    bibs = [path.parent / (n if n.lower().endswith(".bib") else f"{n}.bib") for n in named]
    if all(b.is_file() for b in bibs):
        return None  # the .bib is the bibliography (read by bibfiles)
    own = path.with_suffix(".bbl")
    if own.is_file():
        return own
    others = sorted(path.parent.glob("*.bbl"))
    return others[0] if len(others) == 1 else None


def _line_of(source: str, pattern: re.Pattern[str]) -> int:
    match = pattern.search(source)
    return source.count("\n", 0, match.start()) + 1 if match else 1


def _drafts_of(text: str, line: int, own: bool, biblatex: bool = False) -> list[BibDraft]:
    """Entries of one file's text; ``line``: where it is cited in the main file (0: its own lines)."""
    if biblatex and biblatex_bbl.is_biblatex(text):
        return [
            _biblatex_draft(entry, line or _line(text, entry.offset)) for entry in biblatex_bbl.entries(text)
        ]
    drafts = []
    for offset, body in bibitems.environments(text):
        for item in bibitems.items(body, offset):
            where = _line(text, item.offset) if own else (line or 1)
            drafts.append(_bibitem_draft(item, where))
    return drafts


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _bibitem_draft(item: bibitems.Item, line: int) -> BibDraft:
    label, names, year = _label(item.label)
    parsed = parse(_year_colon(item.text, year), item.urls)
    if item.tagged:
        _overlay_tagged(parsed, item.tagged)
    doi_links = [u for u in item.urls if re.match(r"https?://(?:dx\.)?doi\.org/10\.", u)]
    if not parsed.fields.get("doi"):
        doi = (
            item.dois[0]
            if item.dois
            else (re.sub(r"^https?://[^/]+/", "", doi_links[0]) if doi_links else None)
        )
        if doi:
            parsed.fields["doi"] = doi
    flat = item.text.replace(bibitems.EM_OPEN, "").replace(bibitems.EM_CLOSE, "")
    if year and not parsed.fields.get("date") and re.fullmatch(r"(?:1[5-9]|20)\d\d[a-z]?", year):
        parsed.fields["date"] = year[:4]  # natbib's label says the year the text parser missed: "2015a"
    families = author_date.families_of(parsed)
    return BibDraft(
        line,
        flat,
        reference_fields(parsed),
        [],
        label=label,
        families=families,
        year=year or author_date.year_of(flat, parsed),
        key=item.key,
        cited_as=names or _in_text(families),
    )


_TAGGED = {
    "volume": "volume",
    "pages": "pages",
    "eid": "pages",
    "publisher": "publisher",
    "address": "location",
}


def _overlay_tagged(parsed: ParsedRef, tagged: dict[str, list[str]]) -> None:
    """Fields the style tagged (``\\bibinfo{journal}{...}``) replace what the text parser guessed."""
    fields = parsed.fields
    title = (tagged.get("title") or [None])[0]
    container = (tagged.get("journal") or tagged.get("booktitle") or [None])[0]
    if title is None and container and not tagged.get("journal"):
        title, container = container, None  # ACM: a book's or a page's title is its "booktitle"
    if title:
        fields["title"] = title
    elif container and fields.get("title") == container:
        del fields["title"]  # REVTeX prints no article title: the journal is no title
    if container:
        fields["container"] = container
        parsed.kind = "article" if tagged.get("journal") else "paper-conference"
    for tag, name in _TAGGED.items():
        if tagged.get(tag) and not (name == "pages" and fields.get("pages") and tag == "eid"):
            fields[name] = tagged[tag][0].replace("--", "–")
    if tagged.get("number"):
        fields["issue" if tagged.get("journal") else "number"] = tagged["number"][0]
    year = next((y for y in tagged.get("year", []) if re.fullmatch(r"(?:1[5-9]|20)\d\d[a-z]?", y)), None)
    if year and not (fields.get("date") or "").startswith(year[:4]):
        fields["date"] = year[:4]
    people = tagged.get("author") or tagged.get("person") or []
    if people and len(people) != len(fields.get("authors") or []):
        names = [parse_names(person) for person in people]
        if len(people) == 1 and not names[0].people or " " not in people[0].strip():
            fields["organization"] = people[0].strip()  # {dexi.io}, {{World Bank}}: one name, not split
            fields.pop("authors", None)
        elif any(n.people for n in names):
            fields["authors"] = [p for n in names for p in n.people]


def _year_colon(text: str, year: Optional[str]) -> str:
    """AMS's "Bryan, G. H., and R. Rotunno, 2009: Title." read as "Bryan, ... (2009). Title.",
    when the natbib label says that year: the year and its colon end the names."""
    if not year or not re.fullmatch(r"\d{4}[a-z]?", year):
        return text
    match = re.match(rf"^(?P<who>[^:“\"\x01]{{2,300}}?),\s+{year}:\s+(?=\S)", text)
    return f"{match.group('who')} ({year}). {text[match.end() :]}" if match else text


def _label(label: Optional[str]) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(number, names, year) of a \\bibitem's optional label: "[12]", natbib's "Smith et al.(2019)"."""
    if not label:
        return None, None, None
    if re.fullmatch(r"\d{1,4}[a-z]?", label.strip()):
        return label.strip(), None, None
    match = _NATBIB_LABEL.match(label) or _PLAIN_LABEL.match(label)
    if match and match.group("short").strip():
        return None, match.group("short").strip(" ,"), match.group("year").strip() or None
    return None, None, None


def _in_text(families: list[str]) -> Optional[str]:
    if not families:
        return None
    if len(families) == 1:
        return families[0]
    if len(families) == 2:
        return f"{families[0]} and {families[1]}"
    return f"{families[0]} et al."


def _biblatex_draft(entry: biblatex_bbl.Entry, line: int) -> BibDraft:
    ref = entry.reference
    fields = ref.model_dump(exclude={"key", "file", "line"}, exclude_defaults=True)
    families = [a.split(",", 1)[0] for a in ref.authors] or ([ref.organization] if ref.organization else [])
    text = ". ".join(
        filter(None, ["; ".join(ref.authors) or ref.organization, ref.title, ref.container, ref.date])
    )
    return BibDraft(
        line,
        text,
        fields,
        [],
        families=families,
        year=(ref.date or "")[:4] or None,
        key=entry.key,
        cited_as=_in_text(families),
    )


def without_lists(ast: dict[str, Any]) -> dict[str, Any]:
    """pandoc's AST of a LaTeX file without its ``thebibliography`` lists (pandoc's reader
    makes each a ``Div`` of class ``thebibliography``, the keys dropped), wherever they are."""

    def keep(block: Any) -> bool:
        return not (
            isinstance(block, dict) and block.get("t") == "Div" and "thebibliography" in block["c"][0][1]
        )

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node if keep(item)]
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        return node

    ast["blocks"] = walk(ast.get("blocks", []))
    return ast


# -- citations ---------------------------------------------------------------


def keyed(doc: Document) -> dict[str, int]:
    """bibitem key -> index of its entry in ``doc.bibliography``."""
    return {d.key: i for i, d in enumerate(doc.bibliography) if d.key}


def names(doc: Document) -> dict[str, str]:
    """How a narrative ``\\citet{key}`` names each entry: "Smith et al."."""
    return {d.key: d.cited_as for d in doc.bibliography if d.key and d.cited_as}


def link(doc: Document) -> int:
    """Point every citekey citation the bibliography files lack at the entry of its key; how many.

    An entry whose key a ``.bib`` the document names also has is that ``.bib``'s (imported
    whole, curated fields kept): it is not made a second reference.
    """
    doc.bibliography = [d for d in doc.bibliography if not (d.key and d.key in doc.cite_keys)]
    index = keyed(doc)
    linked = 0
    for drafts in doc.citations.values():
        for draft in drafts:
            if draft.style is not CitationStyle.CITEKEY or draft.key in doc.cite_keys:
                continue
            if draft.key in index:
                draft.entry = index[draft.key]
                linked += 1
    return linked
