"""The view in a real headless browser: spans, states, panel, filters, search, keys, no network."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from ct_helpers import Cli
from view.browser import ARTIFACTS, Page
from view.view_project import EXPECTED, build

from claimtrack.model import ReviewStatus
from claimtrack.project import Project

BUNDLED = ["004_7e88fde1e0fb7812", "000_f3de1e5d7ccbdab7"]


def _expected_states(root: Path, report: str) -> Counter:
    """States of the bundled claims, decided here from the records alone (no checks have run)."""
    states: Counter = Counter()
    for claim in Project.open(root).claims(report):
        if claim.detached:
            continue
        if claim.review.status in (
            ReviewStatus.VERIFIED,
            ReviewStatus.DISPUTED,
            ReviewStatus.NO_SOURCE_NEEDED,
        ):
            states["reviewed"] += 1
        else:
            states["uncited" if not claim.references else "unchecked"] += 1
    return states


def _render(root: Path, report: str) -> Path:
    out = root / f"{report}.html"
    Cli(root)("view", report, "-o", str(out))
    return out


@pytest.mark.parametrize("report", BUNDLED)
def test_bundled_report_page(browser, bundled: Path, report: str) -> None:
    page = Page(browser, _render(bundled, report))
    p = page.page
    claims = list(Project.open(bundled).claims(report))
    # every claim of the records is a highlighted span
    spans = p.eval_on_selector_all("main .claim[data-claim]", "els => els.map(e => e.dataset.claim)")
    assert sorted(spans) == sorted(c.id for c in claims)
    # each state has the expected count, in the text and on the filter buttons
    shown = Counter(p.eval_on_selector_all("main .claim[data-claim]", "els => els.map(e => e.dataset.state)"))
    expected = _expected_states(bundled, report)
    assert shown == expected
    for state, count in expected.items():
        assert p.inner_text(f'[data-count="{state}"]') == str(count)
    # clicking a cited claim opens the panel with its sources
    cited = next(c for c in claims if c.references)
    p.click(f"#claim-{cited.id}")
    assert p.is_visible("#panel")
    panel = p.inner_text("#panel")
    assert cited.references[0] in panel and "not checked" in panel
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / f"view-{report}-1280.png"))
    assert page.network() == [] and page.errors == []
    page.close()


@pytest.fixture(scope="module")
def states_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("view")
    (root / "reports").mkdir()
    ids = build(root)
    return _render(root, "water"), ids


def test_states_counts_and_panel(browser, states_page) -> None:
    path, ids = states_page
    page = Page(browser, path)
    p = page.page
    for word, state in EXPECTED.items():
        assert p.get_attribute(f"#claim-{ids[word]}", "data-state") == state
    counts = Counter(EXPECTED.values())
    for state, count in counts.items():
        assert p.inner_text(f'[data-count="{state}"]') == str(count)
    assert p.inner_text('[data-figure="dead-links"]') == "1"
    assert p.inner_text('[data-figure="altered-quotes"]') == "1"
    # the altered quotation: the panel shows the source's wording beside the claim's
    p.click(f"#claim-{ids['dam']}")
    panel = p.inner_text("#panel")
    assert "Altered or not found" in panel
    assert "operating at reduced capacity" in panel and "operating at full capacity" in panel
    assert p.inner_text("#panel mark.hit") == "operating at reduced capacity"
    # the dead source: its link verdict
    p.click(f"#claim-{ids['treatment']}")
    assert "dead (HTTP 404" in p.inner_text("#panel")
    # the reviewed claim: the review block; the uncited one: its audit finding
    p.click(f"#claim-{ids['council']}")
    assert "Checked against the council's 2022 accounts." in p.inner_text("#panel")
    p.click(f"#claim-{ids['leaks']}")
    assert "CT101 citation-needed" in p.inner_text("#panel")
    # a footnote marker opens its note, with the claim carrying it
    p.click('main sup.fn a[data-fn="1"]')
    assert "Note 1" in p.inner_text("#panel-title") and "412 million" in p.inner_text("#panel")
    p.keyboard.press("Escape")
    assert not p.is_visible("#panel")
    assert page.network() == [] and page.errors == []
    page.close()


def _visible_claims(p) -> list[str]:
    return p.eval_on_selector_all(
        "main .text .claim",
        "els => els.filter(e => !e.classList.contains('dim') && !e.closest('.hidden'))"
        ".map(e => e.dataset.state)",
    )


def test_filters_and_search(browser, states_page) -> None:
    path, ids = states_page
    page = Page(browser, path)
    p = page.page
    p.click('button.filter[data-filter="altered"]')
    assert sorted(_visible_claims(p)) == ["altered", "altered"]
    assert p.get_attribute('button.filter[data-filter="altered"]', "aria-pressed") == "true"
    p.click('button.filter[data-filter=""]')
    assert len(_visible_claims(p)) == len(EXPECTED)
    p.fill("#search", "percent")
    visible = p.eval_on_selector_all("main .text .claim:not(.dim)", "els => els.map(e => e.textContent)")
    assert visible and all("percent" in text for text in visible)
    assert len(visible) == 3  # population, rainfall, leaks
    assert "3 of 8 claims shown" in p.inner_text("#status")
    page.close()


def test_keyboard_goes_from_finding_to_finding(browser, states_page) -> None:
    path, ids = states_page
    page = Page(browser, path)
    p = page.page
    order = p.eval_on_selector_all("main .text .claim", "els => els.map(e => e.dataset.state)")
    findings = [s for s in order if s in ("altered", "partly", "dead", "uncited")]
    seen = []
    for _ in findings:
        p.keyboard.press("j")
        seen.append(p.evaluate("document.activeElement.dataset.state"))
    assert seen == findings
    p.keyboard.press("k")
    assert p.evaluate("document.activeElement.dataset.state") == findings[-2]
    p.keyboard.press("Enter")
    assert p.is_visible("#panel")
    assert p.evaluate("document.activeElement.id") == "panel-title"  # focus moves into the panel
    p.keyboard.press("Escape")
    assert not p.is_visible("#panel")
    assert p.evaluate("document.activeElement.dataset.state") == findings[-2]  # and back
    page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_and_no_horizontal_scroll(browser, states_page, width: int) -> None:
    path, ids = states_page
    page = Page(browser, path, width=width)
    p = page.page
    assert p.evaluate("document.scrollingElement.scrollWidth") <= width
    p.click(f"#claim-{ids['dam']}")
    box = p.locator("#panel").bounding_box()
    assert box and box["width"] <= width and box["height"] > 100
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / f"view-states-{width}.png"))
    assert (ARTIFACTS / f"view-states-{width}.png").stat().st_size > 10_000
    page.close()


def test_landmarks_and_labels(browser, states_page) -> None:
    path, _ = states_page
    page = Page(browser, path)
    p = page.page
    for selector in ("header[role=banner]", "main", "#panel[role=dialog][aria-labelledby=panel-title]",
                     "footer[role=contentinfo]", "form[role=search] label[for=search]"):  # fmt: skip
        assert p.locator(selector).count() == 1, selector
    # every claim is reachable by keyboard and says its state to a screen reader
    labels = p.eval_on_selector_all(
        "main .text .claim", "els => els.map(e => [e.tabIndex, e.getAttribute('aria-label')])"
    )
    assert all(tab == 0 and label for tab, label in labels)
    page.close()
