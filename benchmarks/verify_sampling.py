"""Quotations and figures on real pages, by sampling (not a test: it prints).

For every page of one or more dev-set folders (see tests/devsets/verify/SOURCES.md):

- exact: random spans of the page's text (article and whole page), quoted with straight or curly
  marks, capitalised, cut by an ellipsis or with an editorial bracket: every one must be found
  exact (the goal: no exact quotation ever called altered or missing);
- altered: random spans of the article with one word replaced: how many are caught as altered;
- missing: spans of other pages: how many are wrongly called exact or altered;
- figures: sentences of the article that hold figures, as claims: none may be called altered;
  the same with one digit of one figure changed: how many are caught as altered.

    python benchmarks/verify_quotes.py DIR [DIR...]     # e.g. $CLAIMTRACK_DEVSETS/verify
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claimtrack.sources.extract import SourceText, extract  # noqa: E402
from claimtrack.sources.warc import Response  # noqa: E402
from claimtrack.verify import figures, quotes  # noqa: E402
from claimtrack.verify.judge import judge  # noqa: E402
from claimtrack.verify.source import Source  # noqa: E402

SUBSTITUTES = [
    "never",
    "greatly",
    "green",
    "seven",
    "nobody",
    "quickly",
    "river",
    "market",
    "doctor",
    "winter",
]
MARKS = '"\u201c\u201d[]\u2026'


def load(folders: list[Path]) -> list[tuple[str, SourceText]]:
    out = []
    for folder in folders:
        for path in sorted((folder / "pages").glob("*")):
            kind = "application/pdf" if path.suffix == ".pdf" else "text/html"
            text = extract(
                Response(url="", status=200, content_type=kind, charset=None, body=path.read_bytes(), date="")
            )
            if len(text.main.split()) >= 40:
                out.append((path.name, text))
    return out


def spans(rng: random.Random, text: str, count: int, low: int, high: int) -> list[list[str]]:
    words = text.split()
    found = []
    for _ in range(count):
        if len(words) <= high:
            break
        n = rng.randint(low, high)
        start = rng.randrange(0, len(words) - n)
        span = words[start : start + n]
        if not any(ch in " ".join(span) for ch in MARKS):
            found.append(span)
    return found


def main() -> int:
    folders = [Path(a) for a in sys.argv[1:]]
    if not folders:
        print(__doc__)
        return 2
    rng = random.Random(0)
    docs = load(folders)
    exact, altered, missing = Counter(), Counter(), Counter()
    wronged = []
    for name, text in docs:
        source = Source(main=text.main, full=text.full)
        for body in (text.main, text.full):
            for span in spans(rng, body, 40, 4, 25):
                style = rng.choice(["straight", "curly", "ellipsis", "bracket", "capital"])
                q = " ".join(span)
                if style == "ellipsis" and len(span) > 8:
                    q = " ".join(span[:3]) + " \u2026 " + " ".join(span[-3:])
                elif style == "bracket" and len(span) > 6:
                    q = " ".join(span[:3]) + " [the editor] " + " ".join(span[4:])
                elif style == "capital":
                    q = q[0].upper() + q[1:]
                claim = f'They wrote "{q}".' if style == "straight" else f"They wrote \u201c{q}\u201d."
                for quote in quotes.quotations(claim):
                    result = quotes.check(quote, source.passages, source.full_doc)
                    exact[result.found] += 1
                    if result.found != "exact":
                        wronged.append((name, quote, result.found))
        if text.language == "en":
            for span in spans(rng, text.main, 30, 5, 25):
                span[rng.randrange(1, len(span) - 1)] = rng.choice(SUBSTITUTES)
                altered[
                    (
                        "short" if len(span) < 8 else "long",
                        quotes.check(" ".join(span), source.passages, source.full_doc).found,
                    )
                ] += 1
            for other, other_text in docs:
                if other != name and other_text.language == "en":
                    for span in spans(rng, other_text.main, 6, 4, 20):
                        missing[quotes.check(" ".join(span), source.passages, source.full_doc).found] += 1
    figure_runs = check_figures(rng, docs)
    total = sum(exact.values())
    print(f"{len(docs)} pages")
    print(f"exact quotations found exact: {exact['exact']} / {total} (goal: all)")
    for name, quote, found in wronged:
        print(f"  {name}: {found}: {quote[:100]!r}")
    for size in ("short", "long"):
        n = sum(v for (s, _), v in altered.items() if s == size)
        print(f"one word replaced ({size}: {'5-7' if size == 'short' else '8-25'} words): altered {altered[(size, 'altered')]} / {n}, "
              f"missing {altered[(size, 'missing')]}, exact {altered[(size, 'exact')]}")  # fmt: skip
    n = sum(missing.values())
    print(
        f"quotations from other pages: missing {missing['missing']} / {n}, altered {missing['altered']}, exact {missing['exact']}"
    )
    same, changed = figure_runs
    print(f"sentences with figures, as written: {same['supported'] + same['partly']} / {sum(same.values())} supported "
          f"or partly, altered {same['altered']} (goal: 0)")  # fmt: skip
    print(
        f"the same with one digit changed: altered {changed['altered']} / {sum(changed.values())} ({dict(changed)})"
    )
    return 0 if not wronged and not same["altered"] else 1


def check_figures(rng: random.Random, docs: list[tuple[str, SourceText]]) -> tuple[Counter, Counter]:
    import re

    same, changed = Counter(), Counter()
    for _, text in docs:
        if text.language != "en":
            continue
        source = Source(main=text.main, full=text.full, language="en")
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.main) if 8 <= len(s.split()) <= 45]
        with_figures = [
            s
            for s in sentences
            if any(f.kind not in ("year", "date") for f in figures.find(s, spelled_small=False))
        ]
        for sentence in rng.sample(with_figures, min(8, len(with_figures))):
            claim = sentence.replace('"', "").replace("\u201c", "").replace("\u201d", "")
            same[judge("c", claim, "en", source, {"reference": "r"}).verdict] += 1
            targets = [
                f
                for f in figures.find(claim, spelled_small=False)
                if f.kind not in ("year", "date") and not f.written
            ]
            if not targets:
                continue
            target = rng.choice(targets)
            digits = [i for i in range(target.start, target.end) if claim[i].isdigit()]
            if not digits:
                continue
            at = rng.choice(digits)
            new = str((int(claim[at]) + rng.randint(1, 8)) % 10)
            if at == digits[0] and new == "0":
                new = "9"
            altered_claim = claim[:at] + new + claim[at + 1 :]
            changed[judge("c", altered_claim, "en", source, {"reference": "r"}).verdict] += 1
    return same, changed


if __name__ == "__main__":
    sys.exit(main())
