"""A small project written through the real storage modules, and a CLI runner bound to it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from claimtrack import claimstore, refstore
from claimtrack.cli import app
from claimtrack.model import Claim, ClaimFile, Footnote, Location, Reference, Report, Review

GAS = "In January-April 2020, Baku took the lead with 33.2 percent of gas supplies to Turkey."
REFS = [
    Reference(
        key="reuters2020armenia",
        type="article-newspaper",
        title="Armenia Recalls Ambassador to Israel over Arms Sales to Azerbaijan",
        authors=["Hovhannisyan, Nvard", "Ayyub, Rami"],
        container="Reuters",
        date="2020-10-01",
        url="https://www.reuters.com/article/us-armenia-azerbaijan-israel-idUSKBN26M76L",
    ),
    Reference(
        key="epdk2020gas",
        type="report",
        title="Natural Gas Market Sectoral Report, April 2020",
        organization="EPDK",
        date="2020-06",
        url="https://www.epdk.gov.tr/Detay/Icerik/3-0-94/dogal-gazaylik-sektor-raporu",
    ),
    Reference(
        key="tass2020drones",
        type="webpage",
        title="Turkish drones over Karabakh",
        container="TASS",
        date="2020-10-12",
        url="https://tass.ru/politika/9674551",
        archive_url="https://web.archive.org/web/2020/https://tass.ru/politika/9674551",
    ),
]


def report(report_id: str, source: str, title: str) -> Report:
    return Report(id=report_id, title=title, source=source, sha256="0" * 64, format="sup-footnotes")


def claim(report_id: str, n: int, text: str, footnotes: list[str], refs: list[str], **kw: Any) -> Claim:
    return Claim(
        id=f"{report_id}-c{n:03d}",
        report=report_id,
        section=kw.pop("section", "Energy"),
        text=text,
        footnotes=footnotes,
        references=refs,
        location=Location(line=10 + n, end_line=10 + n, paragraph=n, prefix="Before it.", suffix="After it."),
        **kw,
    )


def turkey_file() -> ClaimFile:
    rid = "turkey"
    return ClaimFile(
        report=report(rid, "reports/turkey.txt", "Turkey in the Karabakh war"),
        footnotes=[
            Footnote(label="17", line=90, kind="source", text="EPDK, Natural Gas Market report.",
                     references=["epdk2020gas"]),
            Footnote(label="21", line=95, kind="source", text="Reuters, 1 October 2020; TASS.",
                     references=["reuters2020armenia", "tass2020drones"]),
            Footnote(label="22", line=96, kind="note", text="The author's estimate.", references=[]),
        ],
        claims=[
            claim(rid, 1, GAS, ["17"], ["epdk2020gas"]),
            claim(rid, 2, "Armenia recalled its ambassador to Israel over arms sales to Azerbaijan.",
                  ["21"], ["reuters2020armenia", "tass2020drones"], section="Military"),
            claim(rid, 3, "Turkish drones were decisive in the war.", [], [], section="Military",
                  review=Review(status="needs-source", note="ask the author", by="ana")),
            claim(rid, 4, "Gas exports to Europe grew by 10 percent.", ["22"], []),
        ],
    )  # fmt: skip


def iran_file() -> ClaimFile:
    rid = "iran"
    return ClaimFile(
        report=report(rid, "reports/iran.txt", "Russia and Iran in the Caucasus"),
        footnotes=[
            Footnote(label="1", line=40, kind="source", text="Hovhannisyan and Ayyub, Reuters.",
                     references=["reuters2020armenia"]),
        ],
        claims=[
            claim(rid, 1, "Armenia recalled its ambassador from Tel Aviv in October 2020.", ["1"],
                  ["reuters2020armenia"], section="National Interests"),
        ],
    )  # fmt: skip


def write_sample(root: Path) -> Path:
    """Two reports citing three sources, one shared: written as ingest would."""
    refstore.write(root / "references" / "sources.bib", REFS)
    for name, claim_file in (("turkey", turkey_file()), ("iran", iran_file())):
        # the report beside its records, as ingested (a missing one would be reported as deleted)
        text = f"# {claim_file.report.title}\n\n" + "\n\n".join(c.text for c in claim_file.claims) + "\n"
        (root / claim_file.report.source).parent.mkdir(parents=True, exist_ok=True)
        (root / claim_file.report.source).write_text(text, "utf-8")
        claim_file.report.sha256 = hashlib.sha256(text.encode()).hexdigest()
        claimstore.write(root / "claims" / f"{name}.yaml", claim_file)
    return root


def write_verdicts(root: Path) -> None:
    """What the link checker leaves in .claimtrack/link-verdicts.json."""
    (root / ".claimtrack").mkdir(exist_ok=True)
    (root / ".claimtrack" / "link-verdicts.json").write_text(
        json.dumps(
            {
                # the checker may store a URL in another form than the .bib: matched after normalising
                "http://reuters.com/article/us-armenia-azerbaijan-israel-idUSKBN26M76L/": {
                    "verdict": "broken",
                    "http_status": 404,
                    "checked_at": "2026-11-20T10:00:00Z",
                    "archive_url": "https://web.archive.org/web/2020/reuters",
                },
                "https://tass.ru/politika/9674551": {"verdict": "ok", "http_status": 200},
            }
        )
    )


class Run:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int = 0) -> str:
        """Run the CLI on this project; stdout on success, stderr on failure."""
        result = self.runner.invoke(
            app, [*args, "--root", str(self.root)], env={"NO_COLOR": "1", "COLUMNS": "80"}
        )
        assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
        return result.stdout if code == 0 else result.stderr

    def json(self, *args: str) -> Any:
        return json.loads(self(*args, "--format", "json"))
