"""The fast block-YAML reader gives exactly PyYAML's data, or steps aside."""

from __future__ import annotations

import pytest
import yaml
from ct_helpers import REPO

from claimtrack import blockyaml

SAMPLE = """# a comment
report:
  id: 004_x
  title: The Breakdown of the Status Quo
  authors:
  - Kerim Has
  - 'Vali: Kaleji'
  date: '2020'
  pages: 12
  isbn: 978-5-907318-18-2
  empty:
  none: null
  tilde: ~
  list: []
  map: {}
footnotes:
- label: '1'
  line: 70
  text: 'It''s *Syrian*: URL <https://x.org/a#b>'
  references:
  - naumkinwill
  locator: null
- label: '2'
  text: |-
    first line

    third line: with a colon
      indented
claims:
- id: cf21881952d
  review:
    status: verified
    at: 2026-11-21
    when: 2026-11-21 10:00:00
    flag: yes
    off: off
    octal: 0o17
    hex: 0x1F
    float: 1.5e3
    sexagesimal: 1:30
    big: 1_000
    url: http://example.org/a:b
    text: a # not a comment
  detached: false
- plain
- |
  kept newline
"""


def _same(text: str) -> None:
    try:
        expected = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:  # PyYAML's error (file:line) must be the one reported
        with pytest.raises(blockyaml.Unsupported):
            blockyaml.load(text)
        return
    try:
        got = blockyaml.load(text)
    except blockyaml.Unsupported:
        return  # stepped aside: PyYAML reads it
    assert got == expected
    assert [type(v) for v in _leaves(got)] == [type(v) for v in _leaves(expected)]


def _leaves(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _leaves(value)
    elif isinstance(data, list):
        for value in data:
            yield from _leaves(value)
    else:
        yield data


def test_every_bundled_claims_file_is_read_fast_and_the_same():
    for path in sorted((REPO / "claims").glob("*.yaml")):
        text = path.read_text("utf-8")
        assert blockyaml.load(text) == yaml.load(text, Loader=yaml.SafeLoader)


def test_hand_edited_values_are_typed_as_pyyaml_types_them():
    _same(SAMPLE)
    assert blockyaml.load(SAMPLE.replace("    text: a # not a comment\n", "")) is not None


@pytest.mark.parametrize(
    "edit",
    [
        ("  pages: 12", "  pages: 12 # a comment"),
        ("  pages: 12", '  pages: "12"'),
        ("  pages: 12", "  pages: [1, 2]"),
        ("  pages: 12", "  pages: &a 12"),
        ("  pages: 12", "  pages: !!str 12"),
        ("  pages: 12", "  pages: a\n    continued"),
        ("  pages: 12", "  pages: >-\n    folded\n    text"),
        ("  pages: 12", "  pages:\ttab"),
        ("  pages: 12", "  pages: 'open\n    quote'"),
        ("  pages: 12", "  pages: 12   "),
        ("  pages: 12", "  pages:    spaced"),
        ("  pages: 12", "  ? complex\n  : key"),
        ("report:", "---\nreport:"),
        ("  id: 004_x", "  id: 004_x\r"),
        ("  id: 004_x", "  id: 004\u2028x"),
        ("    first line", "\n    first line"),
        ("- plain", "- - nested"),
        ("- plain", "-   spaced item"),
        ("- plain", "- yes"),
        ("- plain", "- 'x': 1"),
        ("  detached: false", "  detached: false\n  detached: true"),
        ("  detached: false", "  Yes: 1"),
    ],
)
def test_anything_else_is_read_the_same_or_left_to_pyyaml(edit):
    old, new = edit
    assert old in SAMPLE
    _same(SAMPLE.replace(old, new, 1))


def test_what_pyyaml_refuses_is_left_to_it():
    with pytest.raises(blockyaml.Unsupported):
        blockyaml.load("a: \x07bell\n")
