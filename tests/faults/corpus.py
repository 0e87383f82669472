"""Reports and libraries for the fault suite, generated from a seed (text written for these tests).

Each report is a pandoc Markdown report with footnotes, as a think tank would
publish: numbers and dates in the prose, footnotes citing news articles,
reports and web pages, some sources shared between reports (so two reports'
records depend on one .bib entry), an "Ibid." now and then.
"""

from __future__ import annotations

import random
from pathlib import Path

TOPICS = [
    ("gas", "Gas transit through the Southern Corridor"),
    ("grain", "Grain exports after the harvest failure"),
    ("ports", "Port capacity on the Caspian coast"),
    ("power", "Electricity interconnectors in the region"),
    ("rail", "The new rail link and its freight volumes"),
    ("water", "Water sharing agreements upstream"),
    ("mining", "Copper mining licences and their revenue"),
    ("tourism", "Tourism receipts after the border reopened"),
]
SITES = [
    ("Reuters", "https://www.reuters.com/world/{slug}-{n}/"),
    ("Eurasianet", "https://eurasianet.org/{slug}-{n}"),
    ("OC Media", "https://oc-media.org/features/{slug}-{n}/"),
    ("The World Bank", "https://www.worldbank.org/en/news/feature/2021/{n:02d}/{slug}"),
    ("IEA", "https://www.iea.org/reports/{slug}-{n}"),
]
AUTHORS = [
    "Anna Petrosyan",
    "Murad Aliyev",
    "Giorgi Kapanadze",
    "Elena Ivanova",
    "Tom Becker",
    "Leyla Hasanova",
]
VERBS = ["rose", "fell", "reached", "stood at", "was revised to"]


def report_text(rng: random.Random, slug: str, title: str, shared: list[str], paragraphs: int = 6) -> str:
    lines = [f"# {title}", "", "## Background", ""]
    notes: list[str] = []
    for p in range(paragraphs):
        if p == paragraphs // 2:
            lines += ["## Findings", ""]
        sentences = []
        for _ in range(rng.randint(2, 3)):
            year = rng.randint(2015, 2022)
            value = round(rng.uniform(1, 90), 1)
            verb = rng.choice(VERBS)
            sentence = f"In {year}, the share of {slug} in regional trade {verb} {value} percent."
            if rng.random() < 0.75:
                notes.append(_note(rng, slug, shared, notes))
                sentence += f"[^{len(notes)}]"
            sentences.append(sentence)
        sentences.append("Officials expect the trend to continue, although the data remain patchy.")
        lines += [" ".join(sentences), ""]
    lines += [f"[^{i}]: {text}" for i, text in enumerate(notes, start=1)]
    return "\n".join(lines) + "\n"


def _note(rng: random.Random, slug: str, shared: list[str], notes: list[str]) -> str:
    if notes and rng.random() < 0.1:
        return "Ibid."
    if shared and rng.random() < 0.3:
        return rng.choice(shared)
    return source(rng, slug)


def source(rng: random.Random, slug: str) -> str:
    site, pattern = rng.choice(SITES)
    n = rng.randint(1, 99)
    words = rng.sample(["outlook", "review", "prices", "deal", "crisis", "plan", "talks", "figures"], 2)
    title = f"{slug.capitalize()} {words[0]} and {words[1]}, {n}"
    url = pattern.format(slug=f"{slug}-{words[0]}-{words[1]}", n=n)
    author = rng.choice(AUTHORS)
    date = f"{rng.randint(2015, 2022)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return f"{author}. *{title}.* {site}, {date}. URL: <{url}>"


def write_reports(
    root: Path, seed: int, count: int, *, edited: bool = False, paragraphs: int = 4
) -> list[Path]:
    """``count`` reports in ``root/reports`` (some nested); ``edited`` gives the later version of each."""
    rng = random.Random(seed)
    shared = [source(rng, "shared") for _ in range(4)]
    paths = []
    for i in range(count):
        slug, title = TOPICS[i % len(TOPICS)]
        text = report_text(random.Random(seed * 100 + i), slug, title, shared, paragraphs)
        if edited and i % 2 == 0:  # a sentence reworded, a paragraph and a new source added
            extra = random.Random(seed * 1000 + i)
            text = text.replace("the data remain patchy", "the data remain patchy and late", 1)
            text = (
                text.replace(
                    "\n[^1]:",
                    f"\nBy 2023 the figure had doubled, to {extra.randint(50, 99)} percent.[^99]\n\n[^1]:",
                    1,
                )
                + f"[^99]: {source(extra, slug)}\n"
            )
        folder = root / "reports" / ("2021" if i % 3 == 2 else "")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{slug}.md"
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


def library(seed: int, count: int, known_urls: list[str]) -> str:
    """A BibTeX library: new entries, and entries for sources the project knows (with fields it lacks)."""
    rng = random.Random(seed)
    entries = []
    for i in range(count):
        n = rng.randint(1, 9999)
        entries.append(
            f"@article{{lib{i}_{n},\n  author = {{{rng.choice(AUTHORS)}}},\n  title = {{Library paper {n} on {rng.choice(TOPICS)[1]}}},\n"
            f"  journaltitle = {{Caucasus Analytical Digest}},\n  date = {{{rng.randint(2010, 2022)}}},\n"
            f"  url = {{https://www.laender-analysen.de/cad/{n}/}},\n}}\n"
        )
    for i, url in enumerate(known_urls):
        entries.append(
            f"@online{{known{i},\n  title = {{A known source}},\n  url = {{{url}}},\n  note = {{Seen in the library, {i}}},\n  urldate = {{2023-0{1 + i % 9}-15}},\n}}\n"
        )
    rng.shuffle(entries)
    return "\n".join(entries)
