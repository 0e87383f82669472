"""A small project whose claims are in every state, built through the real commands.

The report is ingested by ``claimtrack ingest``; the link verdicts and verify
results are written in the shapes ``links check`` and ``verify`` write; one
review is set as a person would, in the claim's record.
"""

from __future__ import annotations

import json
from pathlib import Path

from ct_helpers import Cli, write_report

from claimtrack import claimstore
from claimtrack.model import ReviewStatus
from claimtrack.project import Project

REPORT = """
---
title: Water in the Valley
author: Test Desk
date: 2024-05-01
---

# Supply

The reservoir held 412 million cubic metres in March 2024.[^1]

Officials said the dam was "operating at full capacity" all winter.[^2]

The city's population grew by 13.4 percent between 2010 and 2020.[^3]

## Weather

Rainfall fell 40 percent below average in 2023.[^4]

- The treatment plant opened in 1998.[^5]
- The pipeline carries 2,000 litres a second.[^6]

About 30 percent of the water is lost to leaks every year.

The council spent 12 million euros on repairs in 2022.

[^1]: Ministry of Water. *Reservoir levels 2024*. <https://water.example/levels>
[^2]: Valley Times. *Dam at full capacity, officials say*. <https://news.example/dam>
[^3]: Statistics Office. *Census 2020*. <https://stats.example/census>
[^4]: Weather Service. *Annual rainfall 2023*. <https://weather.example/rain>
[^5]: City archive. *The treatment plant*. <https://city.example/plant>
[^6]: Pipeline Company. *About us*. <https://pipe.example/about>
"""

# The state each claim ends in, by a word only its sentence has.
EXPECTED = {
    "reservoir": "supported",
    "dam": "altered",
    "population": "partly",
    "Rainfall": "altered",  # the source was read and is silent: not found
    "treatment": "dead",
    "pipeline": "unchecked",
    "leaks": "uncited",
    "council": "reviewed",
}


def build(root: Path) -> dict[str, str]:
    """Build the project under ``root``; return {word: claim id}."""
    write_report(root, "water.md", REPORT)
    Cli(root)("ingest", str(root / "reports"))
    project = Project.open(root)
    ids = {word: _claim(project, word) for word in EXPECTED}
    claims = {c.id: c for c in project.claims()}
    ref = {word: claims[i].references[0] for word, i in ids.items() if claims[i].references}
    url = {word: project.references[key].url for word, key in ref.items()}

    def result(word: str, verdict: str, **more: object) -> dict[str, object]:
        return {"claim": ids[word], "reference": ref[word], "url": url[word], "verdict": verdict,
                "reason": more.pop("reason", verdict), "passage": more.pop("passage", ""),
                "quotes": more.pop("quotes", []), "figures": more.pop("figures", [])}  # fmt: skip

    derived = root / ".claimtrack"
    derived.mkdir(exist_ok=True)
    results = [
        result("reservoir", "supported", passage="On 31 March 2024 the reservoir held 412 million cubic metres.",
               figures=[{"text": "412 million", "found": True, "source_text": "412 million"}]),
        result("dam", "altered", passage="Officials said the dam was operating at reduced capacity.",
               quotes=[{"text": "operating at full capacity", "found": "altered",
                        "source_text": "operating at reduced capacity"}]),
        result("population", "partly", passage="The population grew between 2010 and 2020.",
               figures=[{"text": "13.4 percent", "found": False, "source_text": None}]),
        result("Rainfall", "not-found", reason="no passage carries the claim"),
    ]  # fmt: skip
    (derived / "verify.json").write_text(json.dumps({"results": results}), "utf-8")
    verdicts = {
        url["treatment"]: {"verdict": "dead", "http_status": 404, "checked_at": "2026-11-30T10:00:00Z"},
        url["reservoir"]: {"verdict": "alive", "http_status": 200, "checked_at": "2026-11-30T10:00:00Z"},
    }
    (derived / "link-verdicts.json").write_text(json.dumps(verdicts), "utf-8")
    # A person reviews the council claim in its record.
    path = project.claim_paths["water"]
    record = claimstore.read(path)
    for claim in record.claims:
        if claim.id == ids["council"]:
            claim.review.status = ReviewStatus.VERIFIED
            claim.review.note = "Checked against the council's 2022 accounts."
    claimstore.write(path, record)
    return ids


def _claim(project: Project, word: str) -> str:
    found = [c.id for c in project.claims() if word in c.text]
    assert len(found) == 1, (word, found)
    return found[0]
