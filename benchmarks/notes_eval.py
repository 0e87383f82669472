"""Notes parsed into references, against hand labels of real footnoted documents.

    python benchmarks/notes_eval.py DIR          # DIR holds the documents and gold.json
    SHOW=1 python benchmarks/notes_eval.py DIR   # also print each wrong field and link

``gold.json`` (written by hand, kept beside the documents, never committed)
gives, per document and footnote label, the sources of the note in order:
a full source with its author family names (``a``), title (``t``),
container (``c``), date of publication (``d``), access date (``ad``) and URL
(``u``), each scored only when labelled (``null``: must be empty), and its
pinpoint (``loc``); or a short form / "Ibid." / "Id." written
``{"same": "LABEL" | "LABEL/N" | null}``: the same reference as that note's
(N-th) source, or, with ``null``, a work never cited in full, which must not
be linked to another one.

Printed: per-field exact accuracy over the full sources (case and
punctuation folded; the date by year, and also whole), short forms and ibid
linked to the right reference, pinpoints, notes with several sources read
as as many references, access dates taken as the publication date (must
be 0), then the URL recall of ``citations_eval.py note-urls`` over DIR.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from citations_eval import _ingest_rendered, norm, note_urls  # noqa: E402

from claimtrack.errors import InputError  # noqa: E402

FIELDS = [
    ("author", "a"),
    ("title", "t"),
    ("container", "c"),
    ("date", "d"),
    ("access date", "ad"),
    ("url", "u"),
]


def _families(ref: Any) -> list[str]:
    people = [a.split(",")[0] for a in ref.authors if a != "others"]
    return [norm(n) for n in (people or ([ref.organization] if ref.organization else []))]


def _ours(ref: Any, field: str) -> Any:
    if field == "a":
        return _families(ref)
    value = {"t": ref.title, "c": ref.container, "d": ref.date, "ad": ref.urldate, "u": ref.url}[field]
    if field == "d":
        return (value or "")[:4] or None
    if field == "u":
        return (value or "").rstrip("/") or None
    return norm(value) or None


def _wanted(source: dict[str, Any], field: str) -> Any:
    value = source[field]
    if field == "a":
        return [norm(n) for n in value]
    if field == "d":
        return (value or "")[:4] or None
    if field == "u":
        return (value or "").rstrip("/") or None
    return norm(value) or None


def _loc(value: Optional[str]) -> str:
    """A pinpoint compared as a page: "at 5", "p. 5" and "5" are the same; dashes and case folded."""
    value = re.sub(r"^(?:at\s+)?(?:pp?\.\s*)?", "", (value or "").strip().rstrip("."), flags=re.I)
    return re.sub(r"\s*[-–—]+\s*", "-", value).casefold()


def _target(notes: dict[str, list[dict]], label: str, index: int, seen: int = 0) -> Optional[tuple[str, int]]:
    """The (label, index) of the full source a short form stands for, following chains."""
    source = notes[label][index]
    if "same" not in source:
        return (label, index)
    if source["same"] is None or seen > 20:
        return None
    name, _, nth = source["same"].partition("/")
    return _target(notes, name, int(nth or 1) - 1, seen + 1)


def _locators(note: Any, cited: dict[tuple[str, str], Optional[str]]) -> list[Optional[str]]:
    """Each source's pinpoint: the claims' citations of the note carry one per source."""
    if len(note.references) == 1:
        return [note.locator]
    return [cited.get((note.label, key)) for key in note.references]


def score_document(doc: Path, notes: dict[str, list[dict]], score: Counter, total: Counter) -> None:
    try:
        tmp, project, claim_file = _ingest_rendered(doc)
    except InputError as exc:
        print(f"   {doc.name}: {exc}")
        return
    show = bool(os.environ.get("SHOW"))
    with tmp:
        by_label = {f.label: f for f in claim_file.footnotes}
        cited = {(c.label, c.key): c.locator for claim in claim_file.claims for c in claim.citations}

        def key_at(label: str, index: int) -> Optional[str]:
            note = by_label.get(label)
            return note.references[index] if note and index < len(note.references) else None

        full_keys = {
            key_at(label, i)
            for label, sources in notes.items()
            for i, s in enumerate(sources)
            if "same" not in s
        }
        for label, sources in notes.items():
            note = by_label.get(label)
            ours = note.references if note else []
            total["notes"] += 1
            score["notes"] += len(ours) == len(sources)
            if len(sources) > 1:
                total["several"] += 1
                score["several"] += len(ours) == len(sources)
            if not sources:
                total["empty"] += 1
                score["empty"] += not ours
            locators = _locators(note, cited) if note else []
            for index, source in enumerate(sources):
                key = ours[index] if index < len(ours) else None
                if source.get("loc"):
                    total["locator"] += 1
                    got = locators[index] if index < len(locators) else None
                    if _loc(got) == _loc(source["loc"]):
                        score["locator"] += 1
                    elif show:
                        print(f"   {doc.name} [^{label}] locator: {got!r} != {source['loc']!r}")
                if "same" in source:
                    target = _target(notes, label, index)
                    total["short"] += 1
                    wanted = key_at(*target) if target else None
                    right = key == wanted if target else key not in full_keys - {None}
                    score["short"] += bool(right) and (key is not None or target is None)
                    if show and not (right and (key is not None or target is None)):
                        print(f"   {doc.name} [^{label}] short form: {key} != {wanted} ({source['same']})")
                    continue
                ref = project.references.get(key) if key else None
                for name, field in FIELDS:
                    if field not in source:
                        continue
                    total[name] += 1
                    got = _ours(ref, field) if ref else None
                    if got == _wanted(source, field) or (
                        got in (None, []) and _wanted(source, field) in (None, [])
                    ):
                        score[name] += 1
                    elif show:
                        print(f"   {doc.name} [^{label}] {name}: {got!r} != {_wanted(source, field)!r}")
                if source.get("d") is not None or "d" in source:
                    total["date (whole)"] += 1
                    score["date (whole)"] += bool(ref) and (ref.date or None) == source.get("d")
                if (
                    ref
                    and source.get("ad")
                    and ref.date
                    and ref.date == source["ad"]
                    and source.get("d") != source["ad"]
                ):
                    score["access date as date"] += 1


def measure(folder: Path) -> tuple[Counter, Counter]:
    """(right, labelled) per field and per linking measure, over the documents of ``folder/gold.json``."""
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    score, total = Counter(), Counter()
    for name, notes in gold.items():
        if not name.startswith("_"):
            score_document(folder / name, notes, score, total)
    return score, total


def main() -> None:
    folder = Path(sys.argv[1])
    score, total = measure(folder)
    rows = [name for name, _ in FIELDS] + ["date (whole)"]
    print("| field | right | labelled | % |")
    print("| --- | ---: | ---: | ---: |")
    for name in rows:
        share = f"{100 * score[name] / total[name]:.1f}%" if total[name] else "—"
        print(f"| {name} | {score[name]} | {total[name]} | {share} |")
    print()
    print("| linking | right | labelled | % |")
    print("| --- | ---: | ---: | ---: |")
    for name, label in [
        ("short", "short forms, ibid, Id. resolved right"),
        ("locator", "pinpoints"),
        ("notes", "notes read as the right number of references"),
        ("several", "notes with several sources: one reference each"),
        ("empty", "notes citing nothing: no reference"),
    ]:
        share = f"{100 * score[name] / total[name]:.1f}%" if total[name] else "—"
        print(f"| {label} | {score[name]} | {total[name]} | {share} |")
    print(f"\naccess date taken as publication date: {score['access date as date']} (must be 0)\n")
    note_urls(folder)


if __name__ == "__main__":
    main()
