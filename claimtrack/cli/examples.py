"""The examples at the foot of each command's --help, by command path.

Kept in one table so that every command has some (tests/test_help.py fails
on a command without) and each one names the command it documents.  Ids and
keys are those of the bundled reports, so each line can be tried as written.
"""

from __future__ import annotations

EXAMPLES: dict[str, list[str]] = {
    "init": ["claimtrack init", "claimtrack init my-report --ci"],
    "ingest": [
        "claimtrack ingest reports/",
        "claimtrack ingest --dry-run reports/004_7e88fde1e0fb7812.txt",
    ],
    "footnote": ["claimtrack footnote 004 21"],
    "xref": [
        "claimtrack xref --report 004",
        "claimtrack xref --report 004 --format html -o xref.html",
    ],
    "audit": [
        "claimtrack audit",
        "claimtrack audit 004 --format json",
        "claimtrack audit --format sarif -o audit.sarif",
    ],
    "verify": ["claimtrack verify", "claimtrack verify --report 004 --format github"],
    "export": [
        "claimtrack export --report 004 -o refs.bib",
        'claimtrack export --search "Syrian fighters" --format csl-json',
        "claimtrack export --format text --style chicago-author-date",
    ],
    "review": [
        'claimtrack review c76b --status verified --note "Matches the EPDK table"',
        'claimtrack review c76b --status no-source-needed --note "its own argument"',
    ],
    "cite": ["claimtrack cite c76b reutersturkey", "claimtrack cite c76b reutersturkey --remove"],
    "view": ["claimtrack view 004 -o view.html", "claimtrack view reports/x.md -o site/index.html --open"],
    "config": ["claimtrack config", "claimtrack config --format json", "claimtrack config --reference"],
    "claims list": ["claimtrack claims list --report 004", "claimtrack claims list --uncited --format json"],
    "claims search": [
        'claimtrack claims search "33.2 percent gas"',
        "claimtrack claims search --uncited --report 004",
        "claimtrack claims search --verdict dead",
    ],
    "claims show": ["claimtrack claims show cca4bfc6876"],
    "refs list": ["claimtrack refs list", "claimtrack refs list --format json"],
    "refs show": ["claimtrack refs show reutersturkey"],
    "refs import": ["claimtrack refs import ~/papers/library.bib"],
    "refs enrich": ["claimtrack refs enrich", "claimtrack refs enrich --write"],
    "refs check": ["claimtrack refs check", "claimtrack refs check --format json"],
    "links check": [
        "claimtrack links check",
        "claimtrack links check references/x.bib --format github",
        "claimtrack links check --host-concurrency 1 --host-request-interval 1s",
    ],
    "links archive": ["claimtrack links archive", "claimtrack links archive --write"],
    "sources fetch": ["claimtrack sources fetch", "claimtrack sources fetch --refresh"],
}
