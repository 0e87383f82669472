"""Field accuracy of the reference-string parser on AnyStyle's labelled corpus.

    python benchmarks/refstrings_eval.py DIR   # DIR holds AnyStyle res/parser/*.xml (e.g. core.xml)

Each <sequence> is one reference string cut into labelled segments; the
string is the segments joined by spaces. A field is correct when our value,
case and punctuation folded, equals the labelled segment (container: journal
or container-title, without a leading "In"; date: the year; author: the
author segment as written; url: the address without its scheme or a "URL:"
lead-in the label kept). Accuracy is
over the strings whose label has the field; "extra" counts strings where we
give a field the labels lack.
"""

from __future__ import annotations

import os
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from claimtrack.ingest import refstrings

FIELDS = ["author", "title", "date", "container", "url"]


def norm(text: str | None) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", (text or "").casefold()).split())


def gold_of(seq: ET.Element) -> dict[str, str]:
    gold: dict[str, str] = {}
    for el in seq:
        tag, value = el.tag, (el.text or "").strip()
        if tag in ("journal", "container-title"):
            tag = "container"
            value = re.sub(r"^(?:in|in:)\s+", "", value, flags=re.I)
        if tag in FIELDS and tag not in gold:
            gold[tag] = value
    return gold


def ours_of(parsed: refstrings.ParsedRef) -> dict[str, str]:
    f = parsed.fields
    return {
        "author": parsed.author_text or "",
        "title": f.get("title") or "",
        "date": (f.get("date") or "")[:4],
        "container": f.get("container") or "",
        "url": f.get("url") or "",
    }


def same(name: str, gold: str, ours: str) -> bool:
    if name == "date":
        year = re.search(r"(?:1[5-9]|20)\d\d", gold)
        return bool(year) and year.group(0) == ours
    if name == "url":  # the label may keep its "URL:" lead-in; a bare "www." address gets a scheme from us
        gold = re.sub(
            r"^\s*(?:url|available(?:\s+at|\s+from)?|retrieved\s+from)\s*:?\s*", "", gold, flags=re.I
        )
        gold, ours = (re.sub(r"^https?://", "", u.strip().rstrip(".,")) for u in (gold, ours))
        return gold == ours or norm(gold) == norm(ours)
    return norm(gold) == norm(ours)


def evaluate(path: Path, show: int = 0) -> tuple[Counter, Counter, Counter]:
    root = ET.parse(path).getroot()
    total, right, extra = Counter(), Counter(), Counter()
    shown = Counter()
    for seq in root:
        text = " ".join((el.text or "").strip() for el in seq)
        gold = gold_of(seq)
        ours = ours_of(refstrings.parse(text))
        for name in FIELDS:
            if name in gold:
                total[name] += 1
                if same(name, gold[name], ours[name]):
                    right[name] += 1
                elif shown[name] < show and os.environ.get("SHOW") in (name, "all"):
                    shown[name] += 1
                    print(f"-- {name}\n   {text}\n   gold: {gold[name]!r}\n   ours: {ours[name]!r}")
            elif ours[name] and name != "date":
                extra[name] += 1
    return total, right, extra


def main() -> None:
    folder = Path(
        sys.argv[1]
        if len(sys.argv) > 1
        else os.environ.get("CLAIMTRACK_DEVSETS", ".") + "/citations/anystyle"
    )
    show = int(os.environ.get("SHOWN", "0"))
    print("| file | strings | " + " | ".join(FIELDS) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in FIELDS) + " |")
    for path in sorted(folder.glob("*.xml")):
        total, right, extra = evaluate(path, show)
        cells = [f"{100 * right[n] / total[n]:.1f}% of {total[n]}" if total[n] else "—" for n in FIELDS]
        print(f"| {path.name} | {len(ET.parse(path).getroot())} | " + " | ".join(cells) + " |")
        print("| (extra fields) | | " + " | ".join(str(extra[n]) for n in FIELDS) + " |")


if __name__ == "__main__":
    main()
