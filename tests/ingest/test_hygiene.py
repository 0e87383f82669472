"""Text hygiene: what is not report text never becomes a claim, whatever the format."""

from __future__ import annotations

from formats_helpers import records

JEKYLL_POST = """---
layout: post
title: "How the Unix Editor Began"
---

* TOC
{:toc}

{% include ads.html %}

## Ken Thompson Writes a Line Editor

In 1966, Ken Thompson wrote a line editor for the SDS 940 at Berkeley.[^qed]
{: .lead}

<!-- In 1999 this draft said 40 percent of editors were modal. -->

```{r}
x <- "In 2020, 75 percent of this code is not a claim."
```

    indented code: in 2021, 12 percent of nothing

{% highlight python %}
print("In 2019, 5 percent")
{% endhighlight %}

1. The editor ran on 48 terminals by 1969.
2. It was rewritten in 1971 for the PDP-11.

Its syntax reached {{ site.title }} readers in 1985, when 30 percent of Unix users still used ed.

$$ E = 30 \\times 10^{6} $$

| year | users |
| ---- | ----- |
| 1969 | 48    |
| 1971 | 120   |

[^qed]: Dennis Ritchie. *An incomplete history of the QED text editor*. <https://www.bell-labs.example.com/qed.html>
"""


def test_jekyll_markdown_gives_only_the_prose(project, cli):
    (project / "reports" / "ed.md").write_text(JEKYLL_POST, encoding="utf-8")
    cli("ingest")
    claims, _, yaml_text = records(cli, "ed")
    assert "title: How the Unix Editor Began" in yaml_text
    assert [c["text"] for c in claims] == [
        "In 1966, Ken Thompson wrote a line editor for the SDS 940 at Berkeley.",  # not glued to its heading
        "The editor ran on 48 terminals by 1969.",  # list items, without their numbers
        "It was rewritten in 1971 for the PDP-11.",
        "Its syntax reached readers in 1985, when 30 percent of Unix users still used ed.",
    ]
    assert claims[0]["section"] == "Ken Thompson Writes a Line Editor" and claims[0]["footnotes"] == ["qed"]
    assert claims[0]["line"] == 13  # the line in the file, front matter counted


def test_a_tex_file_is_never_read_as_markdown(project, cli):
    (project / "reports" / "paper.txt").write_text(
        "\\documentclass{article}\n% Drafted in 2020: 50 percent done\n\\begin{document}\n"
        "Prices rose by 7 percent in 2022.\\footnote{Statistics Office, 2023.}\n\\end{document}\n",
        encoding="utf-8",
    )
    cli("ingest")
    claims, _, yaml_text = records(cli, "paper")
    assert "format: latex" in yaml_text
    assert [(c["text"], c["footnotes"]) for c in claims] == [("Prices rose by 7 percent in 2022.", ["1"])]


def test_navigation_lists_and_link_rows_are_not_claims(project, cli):
    (project / "reports" / "site.html").write_text(
        "<html><body><ul><li><a href='/2019'>2019 archive</a></li><li><a href='/2020'>2020 archive</a></li></ul>"
        "<p><a href='/prev'>« Previous post</a> | <a href='/next'>Next post (2021) »</a></p>"
        "<p>The city planted 4,000 trees in 2020.</p>"
        "<figure><img src='x.png' alt='Trees planted, 2015 to 2020'><figcaption>Figure 1: trees planted in 2020</figcaption></figure>"
        "</body></html>",
        encoding="utf-8",
    )
    cli("ingest")
    claims, _, _ = records(cli, "site")
    assert [c["text"] for c in claims] == ["The city planted 4,000 trees in 2020."]


def test_multimarkdown_metadata_is_metadata(project, cli):
    (project / "reports" / "mmd.md").write_text(
        "Title: Freight in 2023\nAuthor: Transport Desk\nDate: 2024-02-01\n\n"
        "Rail freight fell by 6 percent in 2023.[^1]\n\n[^1]: Statistics Office, <https://stats.example.gov/freight>\n",
        encoding="utf-8",
    )
    cli("ingest")
    claims, _, yaml_text = records(cli, "mmd")
    assert "title: Freight in 2023" in yaml_text and "- Transport Desk" in yaml_text
    assert [c["text"] for c in claims] == ["Rail freight fell by 6 percent in 2023."]


def test_indented_plain_text_is_prose_not_code(project, cli):
    (project / "reports" / "memo.txt").write_text(
        "MEMO\n\n    The ministry approved 14 new wind farms in 2023.\n\n    Capacity rose by 12 percent in 2023.\n",
        encoding="utf-8",
    )
    cli("ingest")
    claims, _, _ = records(cli, "memo")
    assert [c["text"] for c in claims] == [
        "The ministry approved 14 new wind farms in 2023.",
        "Capacity rose by 12 percent in 2023.",
    ]
