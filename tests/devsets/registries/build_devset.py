"""Build the labelled development set for ``refs check`` from public material (see SOURCES.md).

    python tests/devsets/registries/build_devset.py RAW_DIR OUT_DIR

RAW_DIR holds the fetched files (never committed): two real bibliographies
(``cboettig_ews-review__manuscript-refs.bib``, ``cboettig_decisions-vs-transients__manuscript_refs.bib``),
habanero's and abbotsbury's recorded Crossref responses, and a recorded Crossref
record of a retracted article.  OUT_DIR receives:

* ``library.bib``: the real entries, and fabricated variants made here of them;
* ``labels.json``: per citekey, what it is (genuine, fabricated:<how>, retracted,
  unknown: a real work the loaded registries hold no record of);
* ``registry/crossref.json`` and ``registry/openalex.json``: the records the
  fake registries serve.  Crossref: every full work recorded in RAW_DIR, and,
  for works cited by a recorded article, the metadata its publisher deposited
  in that article's ``reference`` list (authors, year, title, journal).
  OpenAlex: the same works in OpenAlex's shape (OpenAlex takes them from Crossref).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

import bibtexparser
import yaml

BIBS = ["cboettig_ews-review__manuscript-refs.bib", "cboettig_decisions-vs-transients__manuscript_refs.bib"]
CITING = ["10.1007/s12080-013-0192-6", "10.1007/s12080-020-00477-4"]  # the articles those .bib files became


# The Surgisphere hydroxychloroquine paper and its retraction notice, from the public record
# (The Lancet, 5 June 2020): as a mirror lacking the updated-by link holds them, so that only
# the notice's update-to says the work was retracted.
SURGISPHERE = [
    {"DOI": "10.1016/s0140-6736(20)31180-6", "type": "journal-article", "container-title": ["The Lancet"],
     "title": ["Hydroxychloroquine or chloroquine with or without a macrolide for treatment of COVID-19: "
               "a multinational registry analysis"],
     "author": [{"given": "Mandeep R", "family": "Mehra"}, {"given": "Sapan S", "family": "Desai"},
                {"given": "Frank", "family": "Ruschitzka"}, {"given": "Amit N", "family": "Patel"}],
     "issued": {"date-parts": [[2020, 5]]}},
    {"DOI": "10.1016/s0140-6736(20)31324-6", "type": "journal-article", "container-title": ["The Lancet"],
     "title": ["Retraction—Hydroxychloroquine or chloroquine with or without a macrolide for treatment of "
               "COVID-19: a multinational registry analysis"],
     "author": [{"given": "Mandeep R", "family": "Mehra"}, {"given": "Frank", "family": "Ruschitzka"},
                {"given": "Amit N", "family": "Patel"}],
     "issued": {"date-parts": [[2020, 6]]},
     "update-to": [{"DOI": "10.1016/s0140-6736(20)31180-6", "type": "retraction", "label": "Retraction",
                    "source": "publisher", "updated": {"date-parts": [[2020, 6, 5]]}}]},
]  # fmt: skip


def recorded_crossref(raw: Path) -> dict[str, dict[str, Any]]:
    works: dict[str, dict[str, Any]] = {}
    for path in sorted(raw.glob("habanero_*.yaml")):
        for interaction in yaml.safe_load(path.read_text())["interactions"]:
            body = interaction["response"]["body"]["string"]
            if isinstance(body, bytes):
                with contextlib.suppress(OSError):  # some cassettes are gzipped, some not
                    body = gzip.decompress(body)
                body = body.decode("utf-8", "replace")
            try:
                message = json.loads(body).get("message")
            except (ValueError, AttributeError):
                continue
            items = message.get("items") if isinstance(message, dict) and "items" in message else [message]
            for item in items or []:
                if isinstance(item, dict) and item.get("DOI") and item.get("title"):
                    works[item["DOI"].lower()] = item
    for path in sorted(raw.glob("abbotsbury_test*.json")):
        item = json.loads(path.read_text())["message"]
        works[item["DOI"].lower()] = item
    for path in sorted(raw.glob("crossref_retracted_*.json")):
        item = json.loads(path.read_text())["message"]
        works[item["DOI"].lower()] = item
    for item in SURGISPHERE:
        works[item["DOI"]] = item
    return works


_REF = re.compile(r"^(?P<authors>.+?)\s\((?P<year>\d{4})[a-z]?\)\s(?P<rest>.+)$")


def _families(authors: str) -> list[dict[str, str]]:
    people = []
    for name in authors.split(", "):
        parts = name.split()
        while len(parts) > 1 and re.fullmatch(r"[A-Z]{1,3}", parts[-1]):
            parts.pop()
        if parts:
            people.append({"family": " ".join(parts), "given": name[len(" ".join(parts)) :].strip()})
    return people


def deposited(reference: dict[str, Any]) -> dict[str, Any] | None:
    """A Crossref-shaped record from one item of a publisher's deposited reference list."""
    text = reference.get("unstructured") or ""
    match = _REF.match(text)
    if not match or not reference.get("DOI"):
        return None
    rest = re.sub(r"\s*https?://\S+$", "", match.group("rest")).strip()
    journal = reference.get("journal-title")
    title = None
    if journal and f". {journal}" in rest:
        title = rest.split(f". {journal}", 1)[0]
    if title is None:
        cut = re.search(r"[.?](?:\s|(?=[A-Z]))", rest)
        title = rest[: cut.start() + (1 if rest[cut.start()] == "?" else 0)] if cut else rest
    return {
        "DOI": reference["DOI"].lower(),
        "type": "journal-article",
        "title": [title.strip()],
        "author": _families(match.group("authors")),
        "container-title": [journal] if journal else [],
        "issued": {"date-parts": [[int(match.group("year"))]]},
        "source": "Crossref",
        "deposited-from": "reference list of a citing article",
    }


def openalex(work: dict[str, Any], n: int) -> dict[str, Any]:
    year = ((work.get("issued") or {}).get("date-parts") or [[None]])[0][0]
    return {
        "id": f"https://openalex.org/W{9000000 + n}",
        "doi": f"https://doi.org/{work['DOI'].lower()}",
        "title": work["title"][0],
        "display_name": work["title"][0],
        "publication_year": year,
        "type": "article",
        "authorships": [
            {
                "author": {
                    "display_name": f"{a.get('given', '')} {a.get('family', a.get('name', ''))}".strip()
                },
                "raw_author_name": a.get("family", ""),
            }
            for a in work.get("author", [])
        ],  # fmt: skip
        "primary_location": {"source": {"display_name": (work.get("container-title") or [None])[0]}},
        "is_retracted": any(u.get("type") == "retraction" for u in work.get("updated-by", [])),
    }


def _entry(key: str, fields: dict[str, str], kind: str = "article") -> str:
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _fields(entry: Any) -> dict[str, str]:
    return {f.key.lower(): str(f.value) for f in entry.fields}


def main(raw: Path, out: Path) -> None:
    rng = random.Random(17)
    crossref = recorded_crossref(raw)
    full = set(crossref)
    for citing in CITING:
        for reference in crossref[citing].get("reference", []):
            record = deposited(reference)
            if record and record["DOI"] not in crossref:
                crossref[record["DOI"]] = record
    notices = {
        u["DOI"].lower()
        for w in crossref.values()
        for u in w.get("update-to", [])
        if u.get("type") == "retraction"
    }
    entries: list[str] = []
    labels: dict[str, dict[str, str]] = {}
    genuine: list[dict[str, str]] = []
    seen: set[str] = set()
    for name in BIBS:
        library = bibtexparser.parse_string((raw / name).read_text(errors="replace"))
        for entry in library.entries:
            fields = _fields(entry)
            doi = fields.get("doi", "").strip().lower()
            key = re.sub(r"\W", "", entry.key)
            if key in seen:
                continue
            seen.add(key)
            known = doi in crossref
            labels[key] = {"expected": "genuine" if known else "unknown", "source": name,
                           "registry": ("full record" if doi in full else "deposited reference") if known else "none"}  # fmt: skip
            entries.append(_entry(key, fields, entry.entry_type.lower()))
            if known and entry.entry_type.lower() == "article" and fields.get("title"):
                genuine.append({"key": key, **fields})
    # Fabricated variants of the real entries, the kinds assistants and typos produce.
    words = [w for g in genuine for w in re.findall(r"[A-Za-z]{5,}", g["title"])]
    for n, g in enumerate(genuine):
        other = genuine[(n + 7) % len(genuine)]
        base = {
            k: v
            for k, v in g.items()
            if k in ("author", "title", "journal", "year", "volume", "pages", "doi")
        }
        kind = n % 4
        if kind == 0:  # a real DOI attached to another work
            variant, fields = "doi-swap", {**base, "doi": other["doi"]}
        elif kind == 1:  # a DOI that looks right and is registered nowhere
            doi = g["doi"]
            digits = [i for i, c in enumerate(doi) if c.isdigit() and i > doi.index("/")]
            i = digits[-2] if len(digits) > 1 else len(doi) - 1
            fake = doi[:i] + str((int(doi[i]) + 3) % 10) + doi[i + 1 :] if doi[i].isdigit() else doi + "7"
            while fake.lower() in crossref:
                fake += "7"
            variant, fields = "fake-doi", {**base, "doi": fake}
        elif kind == 2:  # real authors, journal and year; a plausible title nobody wrote
            stem = re.split(r"[:?.]", g["title"].strip("{}"))[0].split()
            tail = rng.sample(words, 3)
            title = (
                " ".join(stem[: max(3, len(stem) // 2)])
                + f" and {tail[0].lower()} {tail[1].lower()} in {tail[2].lower()} systems"
            )
            variant = "fake-title"
            fields = {**{k: v for k, v in base.items() if k != "doi"}, "title": "{" + title + "}"}
        else:  # a real title under other people's names
            variant = "wrong-authors"
            fields = {**{k: v for k, v in base.items() if k != "doi"}, "author": other["author"],
                      "year": str(int(re.sub(r"\D", "", g.get("year", "2000")) or 2000) - 4)}  # fmt: skip
        key = f"{g['key']}_{variant.replace('-', '')}"
        labels[key] = {"expected": f"fabricated:{variant}", "source": f"made from {g['key']}"}
        entries.append(_entry(key, fields))
    # Genuine works cited the ways people cite them, from the full recorded records: subtitle
    # dropped, case changed, "and others", an abbreviated journal, the print year, no DOI.
    for n, doi in enumerate(sorted(full)):
        work = crossref[doi]
        people = [a for a in work.get("author", []) if a.get("family")]
        title = re.sub(r"<[^>]+>", "", (work.get("title") or [""])[0]).strip()
        year = ((work.get("issued") or {}).get("date-parts") or [[None]])[0][0]
        if not people or len(title.split()) < 3 or not year or doi in notices or work.get("updated-by"):
            continue
        how = n % 4
        if how == 0 and ":" in title and len(title.split(":")[0].split()) >= 3:
            title = title.split(":")[0]
        elif how == 1:
            title = title[0] + title[1:].lower()
        names = [f"{a['family']}, {a.get('given', '')}".strip(", ") for a in people]
        if how == 2 and len(names) > 2:
            names = names[:1] + ["others"]
        journal = (work.get("container-title") or [""])[0]
        if how == 3 and journal:
            journal = " ".join(w[:4] + "." if len(w) > 5 else w for w in journal.split())
        fields = {"author": " and ".join(names), "title": "{" + title + "}", "journal": journal,
                  "year": str(year + (1 if how == 3 else 0)), "doi": doi if n % 2 else ""}  # fmt: skip
        key = f"perturbed{n:03d}"
        labels[key] = {"expected": "genuine:perturbed", "source": f"cited from the recorded record of {doi}"}
        entries.append(_entry(key, fields))
    # Retracted works, cited as people cite them (without the "RETRACTED:" the registry adds).
    notices = {
        u["DOI"].lower()
        for w in crossref.values()
        for u in w.get("update-to", [])
        if u.get("type") == "retraction"
    }
    for doi, work in crossref.items():
        if doi in notices or any(u.get("type") == "retraction" for u in work.get("updated-by", [])):
            title = re.sub(r"^RETRACTED:\s*", "", work["title"][0])
            authors = " and ".join(f"{a['family']}, {a.get('given', '')}".strip(", ") for a in work["author"])
            year = str(work["issued"]["date-parts"][0][0])
            key = re.sub(r"\W", "", work["author"][0]["family"].lower()) + year
            labels[key] = {"expected": "retracted", "source": "recorded Crossref record"}
            entries.append(_entry(key, {"author": authors, "title": title, "journal": work["container-title"][0],
                                        "year": year, "doi": doi}))  # fmt: skip
    (out / "registry").mkdir(parents=True, exist_ok=True)
    (out / "library.bib").write_text("\n".join(entries), encoding="utf-8")
    (out / "labels.json").write_text(json.dumps(labels, indent=1, sort_keys=True), encoding="utf-8")
    works = sorted(crossref.values(), key=lambda w: w["DOI"].lower())
    (out / "registry" / "crossref.json").write_text(json.dumps(works), encoding="utf-8")
    (out / "registry" / "openalex.json").write_text(json.dumps([openalex(w, n) for n, w in enumerate(works)]))
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label["expected"]] = counts.get(label["expected"], 0) + 1
    print(f"{len(labels)} entries: {counts}; registry: {len(works)} Crossref records ({len(full)} full)")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
