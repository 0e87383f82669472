"""Numbered and author-date citations linked to the document's own reference list, on real documents.

    python benchmarks/linking_eval.py DIR            # every .md/.markdown/.txt/.html under DIR
    SHOW=1 python benchmarks/linking_eval.py DIR     # also each citation, its entry and what ingest linked

The oracle is the document's own list, read here by rules of this script (not ingest's code):
the section under the last reference-list heading ("References", "Works Cited", "Literatur",
"Références", "Литература", ...) up to the next heading of the same level or an appendix; one
entry per list item, labelled line or paragraph.  A numbered citation (``[3]``, ``[1, 4–6]``,
``[3]–[6]``, ``<sup>2,5</sup>``, ``^3^``, ``[ABC15]``) wants the entry with that label; an
author-date citation (``(Smith, 2020; Lee & Kim, 2019a, p. 5)``, ``Smith et al. (2019)``,
``WHO (2020)``) wants the one entry whose text starts with that name (or whose organisation
has that acronym) and holds that year with its letter; a citation the list has no entry for is
not counted (nothing can link it), and neither is one two entries fit equally.  The entries each
citation wants are printed with SHOW=1 so the oracle itself can be checked by hand.

Per document: in-text citations (with an entry), linked right, %, list entries, entries ingest
found (matched to a list entry by text), entries that became claims (must be 0).
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from claimtrack.errors import InputError
from claimtrack.ingest import ingest_all
from claimtrack.project import Project

SUFFIXES = {".md", ".markdown", ".txt", ".html", ".htm"}
TITLES = (
    r"references?(?: list| cited)?|referenzen|bibliography|works cited|sources|literature(?: cited)?|literatur(?:verzeichnis)?|"
    r"quellen(?:verzeichnis)?|bibliographie|références(?: bibliographiques)?|referencias|bibliografía|bibliografia|"
    r"referências|литература(?: и источники)?|список литературы|источники|notes and references|citations|links"
)
HEADING = re.compile(
    rf"^(#{{1,6}})?\s*(?:\*\*|\[)?\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:{TITLES})\s*:?\s*(?:\*\*|\])?\s*$", re.I
)
BRACKET_HEADING = re.compile(r"^\[[A-Za-z][\w ,&-]{2,40}\]\s*$")  # "[Credits]" in a mail
ANY_HEADING = re.compile(r"^(#{1,6})\s+\S")
LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\[(\w{1,12})\]|(\d{1,4})[.)](?=\s|\S)|\^?(\d{1,4})\^?\s|([A-Z]{2,6}\d{2,4}[a-z]?)\.?\s)"
)
YEAR = re.compile(r"\b((?:1[6-9]|20)\d\d|n\.\s?d\.)([a-z]?)(?:\b|(?<=\.))")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^\w]+", " ", "".join(c for c in text if not unicodedata.combining(c)).casefold()).strip()


def strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def read_text(path: Path) -> str:
    if path.suffix.lower() in {".html", ".htm"}:
        out = subprocess.run(
            ["pandoc", "-f", "html", "-t", "gfm", "--wrap=none", str(path)], capture_output=True, text=True
        )
        return out.stdout
    return path.read_text("utf-8", errors="replace")


# -- the list -------------------------------------------------------------------


def find_list(lines: list[str]) -> tuple[int, int]:
    """(first line, end line) of the reference list section; (-1, -1) if none."""
    best = (-1, -1)
    for i, line in enumerate(lines):
        if not HEADING.match(strip_tags(line).strip()):
            continue
        level = len(ANY_HEADING.match(line).group(1)) if ANY_HEADING.match(line) else 7
        end = len(lines)
        for j in range(i + 1, len(lines)):
            other = ANY_HEADING.match(lines[j])
            bracketed = line.startswith("[") and BRACKET_HEADING.match(lines[j])
            if (
                (other and len(other.group(1)) <= level)
                or bracketed
                or re.match(r"^#*\s*(?:appendix|annex|anhang)\b", lines[j], re.I)
            ):
                end = j
                break
        body = [x for x in lines[i + 1 : end] if x.strip()]
        if sum(1 for x in body if YEAR.search(x) or LABEL.match(strip_tags(x))) >= 1:
            best = (i + 1, end)
    return best


def entries_of(lines: list[str]) -> list[tuple[str | None, str]]:
    """(label, text) per entry: list items, labelled lines, or paragraphs."""
    out: list[list[str]] = []
    labelled_lines = sum(1 for x in lines if LABEL.match(strip_tags(x)) or re.match(r"^\s*[-*+]\s", x))
    text = re.sub(r"<style[^>]*>.*?</style>", "", "\n".join(lines), flags=re.S)
    text = re.sub(r"</tr>\s*<tr>\s*<td>(?!\s*<a name)", " ", text)  # a table row continuing an entry
    text = re.sub(r"\s*\n\s*(?=</?t[dr]|<td)", " ", text)  # a table on one line,
    text = re.sub(r"(?=<tr>\s*<td[^>]*>\s*<a name)", "\n", text)  # then one line an entry
    for raw in text.split("\n"):
        line = strip_tags(raw).strip()
        if not line:
            if labelled_lines < 2 and out and out[-1]:
                out.append([])
            continue
        starts = LABEL.match(line) or re.match(r"^[-*+]\s", line)
        if starts or not out or (labelled_lines < 2 and not out[-1]):
            out.append([line])
        else:
            out[-1].append(line)
    entries = []
    for chunk in out:
        text = " ".join(chunk).strip()
        if len(text) < 12:
            continue
        match = LABEL.match(text)
        label = next((g for g in match.groups() if g), None) if match else None
        text = re.sub(r"^\s*[-*+]\s+", "", text)
        if match:
            text = (
                text[match.end() :].strip()
                if not text.startswith(("-", "*"))
                else LABEL.sub("", text).strip()
            )
        entries.append((label, text))
    return entries


# -- citations --------------------------------------------------------------------


def numbers(body: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"\s*[,;]\s*", body):
        span = re.fullmatch(r"(\d+)\s*[-–—]\s*(\d+)", part.strip())
        if span and int(span.group(1)) < int(span.group(2)) <= int(span.group(1)) + 100:
            out.extend(str(n) for n in range(int(span.group(1)), int(span.group(2)) + 1))
        elif part.strip().isdigit():
            out.append(part.strip())
    return out


def numbered_cites(body: str, labels: set[str], has_notes: bool) -> list[str]:
    text = re.sub(r"<a [^>]*>(\w{1,12})</a>", r"\1", body)
    text = re.sub(r"\[\[(\w{1,12})\]\]\([^)]*\)", r"[\1]", text)  # [[3]](#ref3)
    text = re.sub(r"\[(\w{1,12})\]\(#[^)]*\)", r"\1", text)  # [[REYN18](#ref_reyn18), [LASK18](#...)]
    text = re.sub(r"\[(\d+)\]\s*[-–—]\s*\[(\d+)\]", r"[\1–\2]", text)
    cites: list[str] = []
    for match in re.finditer(r"\[([^\[\]^]{1,60})\](?![(:])", text):
        inner = re.sub(
            r",\s*(?:pp?\.|ch\.|chap\.|sec\.|§|fig\.|table)\s*[^\],;]+$", "", match.group(1).strip()
        )
        if re.fullmatch(r"[\d\s,;–—-]+", inner):
            found = numbers(inner)
        else:
            found = [part.strip() for part in re.split(r"[,;]", inner) if part.strip() in labels]
        cites.extend(n for n in found if n in labels)
    if not has_notes and len(cites) < 3:  # superscripts beside bracket citations are affiliations, notes
        for match in re.finditer(r"<sup>\s*\[?([\d,\s–-]+)\]?\s*</sup>|\^\[?([\d,–-]+)\]?\^", text):
            cites.extend(n for n in numbers(match.group(1) or match.group(2)) if n in labels)
    return cites


_SKIP = {"see", "also", "e", "g", "eg", "cf", "for", "example", "i", "ie", "as", "cited", "in", "and", "the"}


def author_date_cites(body: str) -> list[tuple[str, str]]:
    """(name as cited, year with letter) for each author-date citation."""
    cites: list[tuple[str, str]] = []
    body = re.sub(r"[*_]", "", body)
    for match in re.finditer(r"\(([^()]{2,300})\)", body):
        for part in match.group(1).split(";"):
            years = list(YEAR.finditer(part))
            if not years:
                continue
            names = part[: years[0].start()]
            words = [w for w in re.findall(r"[\w'’-]+", names) if w.casefold() not in _SKIP]
            if not words or not words[0][:1].isupper():
                continue
            for year in YEAR.finditer(part[years[0].start() :]):
                if year.start() > 40:
                    break
                cites.append((names.strip(" ,"), re.sub(r"\s", "", year.group(1)) + year.group(2)))
    narrative = re.compile(
        r"((?:[A-Z][\w'’-]+|[A-Z]{2,})(?:\s+(?:and|&)\s+[A-Z][\w'’-]+|\s+et al\.?)?)(?:['’]s?)?\s+\(((?:1[6-9]|20)\d\d[a-z]?)[,)]"
    )
    for match in narrative.finditer(body):
        cites.append((match.group(1), match.group(2)))
    return cites


def author_date_entry(name: str, year: str, entries: list[tuple[str | None, str]]) -> int | None:
    words = [w for w in re.findall(r"[\w'’-]+", name) if w.casefold() not in _SKIP | {"et", "al"}]
    if not words:
        return None
    first = fold(words[0])
    acronym = re.search(r"\[([A-Z]{2,})\]", name)
    fits = []
    for index, (_, text) in enumerate(entries):
        head = fold(text[:80])
        flat = fold(text)
        if year.startswith("n"):  # "n.d."
            has_year = re.search(r"\bn\.\s?d\.", text)
        elif year[4:]:
            has_year = re.search(rf"\b{year}\b", text)
        else:
            has_year = re.search(rf"\b{year}[a-z]?\b", text)
        if not has_year:
            continue
        initials = "".join(w[0] for w in re.findall(r"\b[A-Z]\w*", text.split("(")[0].split(".")[0]))
        cited_words = [fold(w) for w in words if w[:1].isupper() and w not in {"et", "al"}]
        if not all(w in head for w in cited_words):
            continue  # "WHO Sri Lanka Country Report": words the entry does not have
        if (
            head.startswith(first)
            or (
                words[0].isupper()
                and (initials == words[0] or f"({words[0]})" in text or f"[{words[0]}]" in text)
            )
            or (acronym and acronym.group(1) in text)
        ):
            fits.append((index, flat))
    if len(fits) > 1 and len(words) > 1 and words[1] not in {"et", "al"}:
        narrowed = [f for f in fits if fold(words[1]) in f[1][:150]]
        fits = narrowed or fits
    if len(fits) > 1 and not year[4:]:
        exact = [f for f in fits if re.search(rf"\b{year}\b(?![a-z])", entries[f[0]][1])]
        fits = exact or fits
    if len(fits) > 1 and "et al" not in name:
        single = [
            f
            for f in fits
            if len(re.findall(r"&|\band\b|;", entries[f[0]][1][:120])) == (1 if len(words) > 1 else 0)
        ]
        fits = single if len(single) == 1 else fits
    return fits[0][0] if len(fits) == 1 else None


# -- one document -------------------------------------------------------------------


def oracle(path: Path) -> tuple[list[tuple[str | None, str]], list[tuple[str, int]], bool]:
    """(entries, [(citation as written, entry index)], numbered?)."""
    lines = read_text(path).splitlines()
    start, end = find_list(lines)
    if start < 0:
        return [], [], False
    entries = entries_of(lines[start:end])
    labels = [label for label, _ in entries if label]
    numbered = len(labels) >= max(1, 0.6 * len(entries))
    body = "\n".join(lines[: start - 1] + lines[end:])
    body = re.sub(r"```.*?```", "", body, flags=re.S)
    has_notes = bool(re.search(r"^\[\^[^\]]+\]:", body, re.M))
    cites: list[tuple[str, int]] = []
    year_first = sum(1 for _, text in entries if (m := YEAR.search(text)) and m.start() < 0.4 * len(text))
    unlabelled_by_number = year_first < 0.6 * len(entries) and numbered_cites(
        body, {str(i + 1) for i in range(len(entries))}, has_notes
    )
    if numbered or unlabelled_by_number:
        if not numbered:  # an unlabelled list cited by number: entry n is number n
            entries = [(str(i + 1), text) for i, (_, text) in enumerate(entries)]
            numbered = True
        index = {label: i for i, (label, _) in enumerate(entries) if label}
        cites = [(n, index[n]) for n in numbered_cites(body, set(index), has_notes)]
    else:
        for name, year in author_date_cites(body):
            entry = author_date_entry(name, year, entries)
            if entry is not None:
                cites.append((f"{name} {year}", entry))
    return entries, cites, numbered


def ingest(path: Path):
    tmp = tempfile.TemporaryDirectory()
    root = Path(tmp.name)
    for name in ("claims", "references", "reports"):
        (root / name).mkdir()
    project = Project.open(root)
    copy = root / "reports" / path.name
    shutil.copy(path, copy)
    ingest_all(project, [copy])
    project.load()
    return tmp, project.claim_files[copy.stem], project


def match_entries(ours: list[str], theirs: list[tuple[str | None, str]]) -> dict[int, int]:
    """Our bibliography entry index -> oracle entry index, by text."""
    out: dict[int, int] = {}

    def key(text: str) -> str:  # link targets and URLs differ between a source and its plain text
        bare = fold(re.sub(r"\]\([^)]*\)|<?https?://\S+", " ", text))[:150]
        return bare if len(bare) >= 12 else fold(text)[:150]  # an entry that is a URL and nothing else

    folded = [key(t) for _, t in theirs]
    for i, text in enumerate(ours):
        mine = key(text)
        scores = [difflib.SequenceMatcher(None, mine, t, autojunk=False).ratio() for t in folded]
        if scores and max(scores) >= 0.6:
            out[i] = scores.index(max(scores))
    return out


def evaluate(path: Path, show: bool) -> Counter:
    entries, cites, numbered = oracle(path)
    counts = Counter(docs=1, entries=len(entries), cites=len(cites))
    try:
        tmp, claim_file, project = ingest(path)
    except InputError as exc:
        print(f"   {path.name}: {exc}")
        return counts
    with tmp:
        to_oracle = match_entries([e.text for e in claim_file.bibliography], entries)
        counts["found"] = len(set(to_oracle.values()))
        key_to_entry = {e.key: to_oracle.get(i) for i, e in enumerate(claim_file.bibliography)}
        linked = Counter(
            key_to_entry.get(c.key)
            for claim in claim_file.claims
            for c in claim.citations
            if c.found and c.style.value in ("numbered", "author-date")
        )
        # a page whose citations link to their entry is read as citekeys with its own bibliography
        # (html_citations): such a citation is right when its reference's title is that entry's
        folded = [fold(t) for _, t in entries]
        for claim in claim_file.claims:
            for c in claim.citations:
                ref = project.references.get(c.key) if c.found and c.style.value == "citekey" else None
                title = fold(ref.title or "") if ref is not None else ""
                hits = [i for i, t in enumerate(folded) if len(title) > 10 and title in t]
                if len(hits) == 1:
                    linked[hits[0]] += 1
        wanted = Counter(entry for _, entry in cites)
        counts["linked"] = sum(min(n, linked[e]) for e, n in wanted.items())
        texts = [fold(t) for _, t in entries]
        counts["as_claims"] = sum(
            1 for c in claim_file.claims if len(fold(c.text)) > 30 and any(fold(c.text) in t for t in texts)
        )
        if show:
            print(f"   {path.name}: {'numbered' if numbered else 'author-date'}, {len(entries)} entries")
            for written, entry in cites:
                print(f"      {written!r:40} -> [{entry}] {entries[entry][1][:70]}")
            missed = wanted - linked
            for entry, n in missed.items():
                print(f"      MISSED x{n}: [{entry}] {entries[entry][1][:90]}")
            for c in claim_file.claims:
                if len(fold(c.text)) > 30 and any(fold(c.text) in t for t in texts):
                    print(f"      ENTRY AS CLAIM: {c.text[:90]}")
    return counts


def run(folder: Path, show: bool = False) -> Counter:
    """Print the table for every document under ``folder``; return the totals."""
    print(
        "| document | in-text citations | linked right | % | list entries | entries found | entries as claims |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    grand = Counter()
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()):
        counts = evaluate(path, show)
        grand.update(counts)
        share = 100 * counts["linked"] / counts["cites"] if counts["cites"] else 100.0
        print(f"| {path.name} | {counts['cites']} | {counts['linked']} | {share:.1f}% | {counts['entries']} | "
              f"{counts['found']} | {counts['as_claims']} |")  # fmt: skip
    share = 100 * grand["linked"] / grand["cites"] if grand["cites"] else 0.0
    print(f"| **all ({grand['docs']})** | {grand['cites']} | {grand['linked']} | {share:.1f}% | {grand['entries']} | "
          f"{grand['found']} | {grand['as_claims']} |")  # fmt: skip
    return grand


def main() -> None:
    run(Path(sys.argv[1]), bool(os.environ.get("SHOW")))


if __name__ == "__main__":
    main()
