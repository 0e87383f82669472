"""Each state of a claim, decided from the records and the last checks, and rendered."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from view.view_project import EXPECTED, build

from claimtrack.model import Claim, Location, Review, ReviewStatus
from claimtrack.project import Project
from claimtrack.view import render
from claimtrack.view.states import STATES, State, classify


def _claim(refs: list[str], status: ReviewStatus = ReviewStatus.UNREVIEWED) -> Claim:
    return Claim(id="c1", report="r", text="It rained 40 mm.", references=refs,
                 location=Location(line=1, end_line=1, paragraph=0), review=Review(status=status))  # fmt: skip


@pytest.mark.parametrize(
    ("refs", "status", "support", "links", "state"),
    [
        (["a"], ReviewStatus.DISPUTED, ["supported"], ["alive"], State.REVIEWED),
        ([], ReviewStatus.UNREVIEWED, [], [], State.UNCITED),
        (["a", "b"], ReviewStatus.UNREVIEWED, ["supported", "altered"], [], State.ALTERED),
        (["a", "b"], ReviewStatus.UNREVIEWED, ["not-found", "supported"], [], State.SUPPORTED),
        (["a"], ReviewStatus.UNREVIEWED, ["partly"], ["dead"], State.PARTLY),
        (["a", "b"], ReviewStatus.UNREVIEWED, ["not-found", "not-found"], [], State.ALTERED),
        (["a", "b"], ReviewStatus.UNREVIEWED, [None, None], ["dead", "blocked"], State.DEAD),
        (["a", "b"], ReviewStatus.UNREVIEWED, [None, None], ["dead", "alive"], State.UNCHECKED),
        (["a"], ReviewStatus.UNREVIEWED, ["unchecked"], [], State.UNCHECKED),
        (["a"], ReviewStatus.NEEDS_SOURCE, [], [], State.UNCHECKED),
    ],
)
def test_classify(refs, status, support, links, state) -> None:
    assert classify(_claim(refs, status), support, links) is state


class _Spans(HTMLParser):
    """The claim spans of the report text: id -> (state, class, aria-label, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.spans: dict[str, dict[str, str]] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "span":
            claim = a.get("data-claim")
            if claim:
                self.spans[claim] = {"state": a["data-state"] or "", "class": a["class"] or "",
                                     "label": a["aria-label"] or "", "text": ""}  # fmt: skip
            self._open.append(claim)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for claim in self._open:
            if claim:
                self.spans[claim]["text"] += data


@pytest.fixture(scope="module")
def rendered(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, str], dict[str, dict[str, str]], str]:
    root = tmp_path_factory.mktemp("states")
    (root / "reports").mkdir()
    ids = build(root)
    html = render(Project.open(root), "water")
    parser = _Spans()
    parser.feed(html)
    return ids, parser.spans, html


@pytest.mark.parametrize(("word", "state"), sorted(EXPECTED.items()))
def test_each_state_is_rendered(rendered, word: str, state: str) -> None:
    ids, spans, _ = rendered
    span = spans[ids[word]]
    assert span["state"] == state
    assert f"s-{state}" in span["class"].split()
    assert span["label"].startswith(STATES[State(state)].label)
    assert word in span["text"]  # the span holds the claim's own words


def test_every_state_has_a_legend_entry_and_a_distinct_look(rendered) -> None:
    _, _, html = rendered
    icons = {info.icon for info in STATES.values()}
    assert len(icons) == len(STATES)  # told apart without colour
    for state in State:
        assert f'class="claim s-{state.value} sample"' in html
        assert f".s-{state.value}::before" in html


def test_footnote_markers_link_to_their_notes(rendered) -> None:
    _, _, html = rendered
    for label in "123456":
        assert f'href="#note-{label}" data-fn="{label}"' in html
        assert f'id="note-{label}"' in html


def test_page_is_self_contained(rendered) -> None:
    _, _, html = rendered
    lowered = html.lower()
    assert "<link" not in lowered and " src=" not in lowered and "@import" not in lowered
    assert "url(" not in lowered.split("<body", 1)[0]  # no stylesheet fetches fonts or images


def test_page_without_checks_says_not_checked(tmp_path: Path, rendered) -> None:
    ids, _, _ = rendered
    root = tmp_path
    (root / "reports").mkdir()
    build(root)
    for name in ("verify.json", "link-verdicts.json"):
        (root / ".claimtrack" / name).unlink()
    html = render(Project.open(root), "water")
    parser = _Spans()
    parser.feed(html)
    states = {span["state"] for span in parser.spans.values()}
    assert states == {"unchecked", "uncited", "reviewed"}
    assert "not checked" in html
