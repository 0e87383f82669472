"""Reference lists and citations in the shapes real human-written documents give them.

Fixtures follow what the linking dev set showed (tests/devsets/citations/SOURCES.md, "linking"):
student theses whose lists carry alphabetic labels in HTML anchors and cite them as links
(``[[BAUM14]](#ref_baum14)``), lists set as HTML tables, a mailing-list post whose numbered
list sits under "[Links]" before other parts, Elsevier's Harvard style ("Hegre, Håvard, et al.,
2019a.") and APA theses with organisations cited by part of their name.
"""

from __future__ import annotations

import json

from ct_helpers import write_report

from claimtrack.project import Project

THESIS = """
# Kryptographie

Das Akronym *CIA* ergibt sich aus den folgenden drei Begriffen, <a>[[BAUM14]](#ref_baum14)</a>.
Ein Merkle-Baum fasst Hashwerte paarweise zusammen [[MERK88](#ref_merk88), [BSI18a](#ref_bsi18a)].
Die Sicherheit liegt allein im Schlüssel [BAUM14, S. 12].

Die Blockchain speichert 157 GB an Daten im Mai 2018.

<a>[[BLOC18]](#ref_bloc18)</a>

## Literaturverzeichnis

<a name="ref_baum14">[BAUM14]</a>: Baumann, Ulrike ; Franz, Elke ; Pfitzmann, Andreas: Kryptographische Systeme. Berlin: Springer Vieweg, 2014, ISBN: 978-3-642-45332-8

<a name="ref_bloc18">[BLOC18]</a>:Blockchain.com: Blockchain Size. URL: https://www.blockchain.com/charts/blocks-size (abgerufen am 29.05.2018)

<a name="ref_bsi18a">[BSI18a]</a>: Bundesamt für Sicherheit in der Informationstechnik (BSI): Kryptographie. URL: https://www.bsi.bund.de/krypto (abgerufen am 11.05.2018)
<a name="ref_merk88">[MERK88]</a>: Merkle, Ralph C.: A Digital Signature Based on a Conventional Encryption Function. In: Advances in Cryptology, CRYPTO '87, Springer, 1988, S. 369–378
"""

TABLE_LIST = """
# Cloud Computing

Das NIST definiert Cloud Computing als Modell für bedarfsgerechten Netzzugriff [[NIST11]](#ref_nist11).
Der Begriff wurde 1996 bei Compaq geprägt [[REGA11]](#ref_rega11).

## Literaturverzeichnis

<table style="width:100%">
    <tr>
        <td rowspan="2" style="width:10%"><a name="ref_nist11">[NIST11]</a></td>
        <td style="width:90%">Mell, Peter ; Grance, Timothy ; NIST, 09.2011: The NIST Definition of Cloud Computing</td>
    </tr>
    <tr>
        <td>URL: <a>https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-145.pdf</a> (abgerufen am 27.06.2018)</td>
    </tr>
    <tr>
        <td rowspan="2" style="width:10%"><a name="ref_rega11">[REGA11]</a></td>
        <td style="width:90%">Regalado, Antonio ; MIT Technology Review, 31.10.2011: Who Coined 'Cloud Computing'?</td>
    </tr>
    <tr>
        <td>URL: <a>https://www.technologyreview.com/s/425970/who-coined-cloud-computing/</a> (abgerufen am 27.06.2018)</td>
    </tr>
</table>
"""

MAIL = """[Overview]

Fileless malware attacks are becoming more and more popular, and even
ready-to-use frameworks are available [1], [2], [3]. They run the malware
code from anonymous executable memory pages.

[Links]

[1] https://blog.example.org/elf-in-memory-execution/
[2] https://example.github.io/2018/03/31/in-memory-only-elf-execution.html
[3] https://www.example.com/fireelf-fileless-linux-malware-framework/

[Credits]

Thanks to the 3 reviewers who read version 4 in August 2021.
"""

ELSEVIER = """
# Breaking the trend

Early warning systems such as VIEWS (Hegre et al., 2019a) predict unrest 30 or 90 days ahead
(Rustad et al., 2011; Hegre et al., 2019a, 2019b). Coverage varies by region (ACLED, 2022a).

## References

- ACLED, 2022a. ACLED Coverage to Date.
- ACLED, 2022b. Data Export Tool.
- Hegre, Håvard, et al., 2019a. ViEWS: a political violence early-warning system. *J. Peace Res.* 56(2), 155–174.
- Hegre, Håvard, Hultman, Lisa, Nygård, Håvard Mokleiv, 2019b. Evaluating the conflict-reducing effect of UN peacekeeping operations. *J. Polit.* 81(1), 215–232.
- Rustad, Siri Camilla, et al., 2011. All conflict is local: modeling sub-national variation in civil conflict risk. *Confl. Manag. Peace Sci.* 28(1), 15–40.
"""

APA_THESIS = """
# Chapter 2: Literature Review

Academic stress was the main stressor for 67% of school-age youth (Ministry of Education, 2020).
Such layouts help, as the Twitter analysis showed (UMBS ebiquity, 2007).

## REFERENCES

Ministry of Education Sri Lanka. (2020). *National report on student wellbeing and academic stress.* Colombo: Ministry of Education.

UMBS ebiquity. (2007, April). Twitter Social Network Analysis.Retrieved from UMBS ebiquity: http://ebiquity.umbc.edu/blogger/2007/04/19/twitter-social-network-analysis/

## APPENDIX A: SURVEY QUESTIONNAIRE

Of the 50 respondents, 34% reported family conflicts in 2024.
"""


def _claims(cli) -> list[dict]:
    return json.loads(cli("claims", "list", "--format", "json").stdout)


def _refs(cli) -> dict[str, dict]:
    return {r["key"]: r for r in json.loads(cli("refs", "list", "--format", "json").stdout)}


def _entries(project, report: str) -> dict[str, str]:
    """Reference key -> the list entry as written (which entry a citation reached, whatever its fields)."""
    return {e.key: e.text for e in Project.open(project).claim_files[report].bibliography}


def _cited(claims: list[dict]) -> list[list[tuple[str, object]]]:
    return [
        [(c["label"], c["locator"]) for c in claim["citations"]] for claim in claims if claim["citations"]
    ]


def test_alphabetic_labels_in_anchors_cited_as_links(project, cli):
    write_report(project, "thesis.md", THESIS)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    assert _cited(claims) == [
        [("BAUM14", None)],
        [("MERK88", None), ("BSI18a", None)],
        [("BAUM14", "S. 12")],
        [("BLOC18", None)],  # a line of nothing but a citation cites the paragraph above it
    ]
    assert all(c["found"] for claim in claims for c in claim["citations"])
    refs = _refs(cli)
    cia, merkle = claims[0]["references"][0], claims[1]["references"][0]
    # the right entry (its fields are refstrings' business): the ISBN and title words it holds
    assert refs[cia]["isbn"] == "978-3-642-45332-8" and "Kryptographische Systeme" in refs[cia]["title"]
    assert "Digital Signature" in refs[merkle]["title"]  # two entries a paragraph, cut at the label
    size = next(c for c in claims if "157 GB" in c["text"])
    assert refs[size["references"][0]]["url"] == "https://www.blockchain.com/charts/blocks-size"
    assert not any("Springer" in c["text"] or "abgerufen" in c["text"] for c in claims)


def test_a_reference_list_set_as_a_table(project, cli):
    write_report(project, "cloud.md", TABLE_LIST)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    assert _cited(claims) == [[("NIST11", None)], [("REGA11", None)]]
    refs = _refs(cli)
    nist = refs[claims[0]["references"][0]]
    assert nist["url"] == "https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-145.pdf"
    assert "NIST Definition of Cloud Computing" in nist["title"]
    assert not any("abgerufen" in c["text"] for c in claims)


def test_a_numbered_list_under_links_in_a_mail_ends_at_the_next_part(project, cli):
    write_report(project, "nax.txt", MAIL)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    assert _cited(claims) == [[("1", None), ("2", None), ("3", None)]]
    refs = _refs(cli)
    assert [refs[k]["url"] for k in claims[0]["references"]] == [
        "https://blog.example.org/elf-in-memory-execution/",
        "https://example.github.io/2018/03/31/in-memory-only-elf-execution.html",
        "https://www.example.com/fireelf-fileless-linux-malware-framework/",
    ]
    assert any("3 reviewers" in c["text"] for c in claims)  # [Credits] is text again, not the list


def test_elsevier_harvard_with_letters_and_an_organisation(project, cli):
    write_report(project, "unrest.md", ELSEVIER)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    entries = _entries(project, "unrest")
    cited = [[entries[k][:14] for k in claim["references"]] for claim in claims if claim["references"]]
    assert cited == [
        ["Hegre, Håvard,", "Rustad, Siri C", "Hegre, Håvard,"],  # one sentence; a source once
        ["ACLED, 2022a. "],  # 2022a, not 2022b
    ]
    assert [entries[k] for k in claims[0]["references"][::2]] == [
        "Hegre, Håvard, et al., 2019a. ViEWS: a political violence early-warning system. J. Peace Res. 56(2), 155–174.",
        "Hegre, Håvard, Hultman, Lisa, Nygård, Håvard Mokleiv, 2019b. Evaluating the conflict-reducing effect of UN "
        "peacekeeping operations. J. Polit. 81(1), 215–232.",
    ]


def test_organisations_cited_by_the_start_of_their_name_and_a_list_before_appendices(project, cli):
    write_report(project, "thesis.md", APA_THESIS)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    entries = _entries(project, "thesis")
    cited = {c["text"][:20]: [entries[k][:24] for k in c["references"]] for c in claims if c["references"]}
    assert cited == {
        "Academic stress was ": ["Ministry of Education Sr"],
        "Such layouts help, a": ["UMBS ebiquity. (2007, Ap"],
    }
    assert any("34% reported family conflicts" in c["text"] for c in claims)  # the appendix is text
    assert not any("Colombo" in c["text"] for c in claims)


MLA = """
# Accumulated local effects

Accumulated local effects (Apley and Zhu) describe how features influence the prediction on average.
The effect of 30 m^2^ of living area is estimated for houses between 28 and 32 m^2^.
Zarr stores chunked arrays (*Zarr Storage Specification 2.0 Community Standard*).

## Works Cited

Apley, Daniel W., and Jingyu Zhu. "Visualizing the Effects of Predictor Variables in Black Box Supervised Learning Models." *Journal of the Royal Statistical Society Series B*, vol. 82, no. 4, 2020, pp. 1059–86.

Gkolemis, Vasilis, et al. "DALE: Differential Accumulated Local Effects." *Transactions on Machine Learning Research*, 2023.

*Zarr Storage Specification 2.0 Community Standard*. 21-050r1, Open Geospatial Consortium, 2022, <http://www.opengis.net/doc/CS/zarr/2.0>.
"""


def test_mla_names_and_titles_are_the_citations_not_the_powers_in_the_text(project, cli):
    write_report(project, "ale.md", MLA)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    entries = _entries(project, "ale")
    cited = {c["text"][:20]: [entries[k][:14] for k in c["references"]] for c in claims if c["references"]}
    # "m^2^" is a square metre: the unnumbered list is not cited by number, so names link
    assert cited == {"Accumulated local ef": ["Apley, Daniel "], "Zarr stores chunked ": ["Zarr Storage S"]}


COLON = """
# Kafka

Broker und Consumer interagieren mit ZooKeeper um Informationen zu halten<a>[[KONI16b]](#ref_koni16b)</a>:

- Broker registrieren sich beim Start.
- Consumer speichern ihre Offsets seit 2015 in 1 Topic.

## Quellen

<a name="ref_koni16b">[KONI16b]</a>: Konieczny, Bartosz. “The role of Apache ZooKeeper in Apache Kafka.” Waitingforcode.com, 2 July 2016, http://www.waitingforcode.com/apache-kafka/the-role-of-apache-zookeeper-in-apache-kafka/read
"""

COLON_NUMBERED = """
Ready-made frameworks are available [1]:

- a loader written in 2018.

## References

[1] I. Zhbanov, "ELF in-memory execution," 2021. [Online]. Available: https://blog.example.org/elf-in-memory-execution/
"""


def test_a_citation_before_a_colon_is_a_citation_a_label_opening_a_line_is_an_entry(project, cli):
    write_report(project, "kafka.md", COLON)
    write_report(project, "mail.md", COLON_NUMBERED)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    assert _cited(claims) == [[("KONI16b", None)], [("1", None)]]
    assert all(c["found"] for claim in claims for c in claim["citations"])


AMA = """
# Partial dependence

The partial dependence plot shows the marginal effect of a feature on the predicted outcome of a
machine learning model^1^. Regional feature effect plots^2--4^ address the problem of interactions.

# References

1. Jerome H. Friedman. Greedy function approximation: A gradient boosting machine. *The Annals of Statistics*. 2001;29(5):1189-1232.

2. Julia Herbinger, Bernd Bischl, Giuseppe Casalicchio. REPID: Regional effect plots with implicit interaction detection. In: *International Conference on Artificial Intelligence and Statistics*. PMLR; 2022:10209-10233.

3. Matthew Britton. Vine: Visualizing statistical interactions in black box models. *arXiv preprint arXiv:1904.00561*. Published online 2019.

4. Vasilis Gkolemis, Theodore Dalamagas, Eirini Ntoutsi, Christos Diou. Fast and accurate regional effect plots for automated tabular data analysis. *Proceedings of the VLDB Endowment ISSN*. 2150:8097.
"""


def test_an_ordered_list_the_reader_unnumbered_keeps_its_numbering_when_an_entry_has_no_year(project, cli):
    write_report(project, "pdp.md", AMA)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    entries = _entries(project, "pdp")
    cited = [[entries[k][:15] for k in c["references"]] for c in claims if c["references"]]
    assert cited == [["Jerome H. Fried"], ["Julia Herbinger", "Matthew Britton", "Vasilis Gkolemi"]]


NO_BLANK_AFTER_HEADING = """# Design Document
## Section 1 – Research and Inspiration
#### Op Art & Mandalas:
Op Art’s use of visual illusion and rhythmic geometry guided the contrast in our patterns (López-Pedraza, 1990).
The meditative structure of mandalas echoes the hypnotic rhythm we aim to evoke (Cirlot, 2002).
#### Jared Tarbell’s Generative Works:
His early projects inspired a rule-based system with emergent complexity (Tarbell, n.d.).
#### Peter Halley’s Neo-Geo Abstraction:
His grids of cells and conduits reflect institutional control (Halley, 1989).

## Reference List
Cirlot, J. E. (2002). A dictionary of symbols (2nd ed., J. Sage, Trans.). Routledge. (Original work published 1962)

Halley, P. (1989). Peter Halley: Collected essays 1981–1987. Galerie Bruno Bischofberger.

López-Pedraza, R. (1990). Cultural anxiety: Jungian perspectives on artistic form and illusion. Spring Publications.

Tarbell, J. (n.d.). Gallery of generative art. Complexification. http://www.complexification.net
"""


def test_a_list_right_under_its_heading_with_no_blank_line_and_no_date(project, cli):
    write_report(project, "design.md", NO_BLANK_AFTER_HEADING)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    entries = _entries(project, "design")
    cited = [[entries[k][:12] for k in c["references"]] for c in claims if c["references"]]
    assert cited == [["López-Pedraz"], ["Cirlot, J. E"], ["Tarbell, J. "], ["Halley, P. ("]]
    assert not any("Reference List" in c["text"] or "Spring Publications" in c["text"] for c in claims)


CONVERTED_PAPER = """
# Sparse Feature Policy Unlearning

Jiho Lee<sup>1</sup>, Jeongeun Park<sup>2</sup>, and Eunwoo Kim<sup>1,∗</sup>

## I. INTRODUCTION

Vision-language-action models have emerged as a promising approach for robot manipulation [1], [2].
We focus on pick-and-place tasks, a primitive underlying 12 of the 20 benchmark tasks.<sup>1</sup>
Gradient ascent is a common unlearning baseline [2], [3].

## REFERENCES

[1] B. Zitkovich, T. Yu, S. Xu et al., “Rt-2: Vision-language-action models transfer web knowledge to robotic control,” in Conference on Robot Learning. PMLR, 2023, pp. 2165–2183.

[2] M. J. Kim, K. Pertsch, S. Karamcheti et al., “Openvla: An open-source vision-language-action model,” in Conference on Robot Learning. PMLR, 2025, pp. 2679–2713.

[3] P. Maini, Z. Feng, A. Schwarzschild, Z. C. Lipton, and J. Z. Kolter, “Tofu: A task of fictitious unlearning for llms,” arXiv preprint arXiv:2401.06121, 2024.
"""


def test_superscripts_beside_bracket_citations_are_affiliations_and_notes_not_citations(project, cli):
    write_report(project, "vla.md", CONVERTED_PAPER)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    assert _cited(claims) == [[("1", None), ("2", None)], [("2", None), ("3", None)]]
    assert not any("Jiho Lee" in c["text"] for c in claims)


NOTES_AND_CODE = """
# Resampling

Monte Carlo cross-validation was proposed early^1^, and rolling origins suit time series^2^.[^1]

tr_ratio \\<- round(all_restrain[2])

lm_res$.extracts[[1]][[1]]

The areas were 30 m^2^ on average, and R^2^ rose to 0.8 for 3 of the 4 models.

[^1]: See Section 3.4 of^3^ for a longer description of the results.

# References

1. Q Xu, Y Liang. Monte Carlo cross validation. *Chemometrics and Intelligent Laboratory Systems*. 2001;56(1):1-11.

2. R Hyndman, G Athanasopoulos. *Forecasting: Principles and Practice*. OTexts; 2018.

3. M Kuhn, K Johnson. *Feature Engineering and Selection*. CRC Press; 2019.
"""


def test_superscripts_in_notes_cite_and_code_set_as_text_does_not(project, cli):
    write_report(project, "resampling.md", NOTES_AND_CODE)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    entries = _entries(project, "resampling")
    first = claims[0]
    # ^1^, ^2^ in the text, then the note's own "of^3^" (after a number and a short word, no unit)
    assert [c["label"] for c in first["citations"] if c["style"] == "numbered"] == ["1", "2", "3"]
    assert any(entries.get(k, "").startswith("M Kuhn") for k in first["references"])
    assert sum(len(c["citations"]) for c in claims) == 3  # m^2^ and R^2^ are powers, `[2]` an index
