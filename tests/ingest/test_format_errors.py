"""A file that cannot be read: one line naming it, what it looks like and what is supported."""

from __future__ import annotations

import io
import zipfile

import pytest


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimtrack: error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def _zip(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "fragments"),
    [
        (
            "book.xlsx",
            _zip({"xl/workbook.xml": "<workbook/>"}),
            ["an Excel workbook, not a document", "supported: Markdown"],
        ),
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            ["legacy Word/Office", "save it as .docx"],
        ),
        ("data.bin", b"\x00\x01\x02", ["binary data, not a report format", "DOCX"]),
        ("notes.pages", b"hello", ["a .pages file, not a report format", "--from FORMAT"]),
        ("broken.pdf", b"%PDF-1.4\nnot really a pdf", ["a PDF that cannot be read"]),
        ("broken.docx", b"PK\x03\x04garbage", ["a damaged ZIP archive"]),
    ],
)
def test_unreadable_formats(project, cli, name, content, fragments):
    path = project / "reports" / name
    path.write_bytes(content)
    assert_one_line_error(cli("ingest", str(path), code=None), name, *fragments)
    assert not (project / "claims").exists()


def test_from_forces_a_reader_and_rejects_unknown_ones(project, cli):
    path = project / "reports" / "r.txt"
    path.write_text("Output grew 5 percent in 2021.\\footnote{Statistics Office.}\n", encoding="utf-8")
    cli("ingest", "--from", "latex", str(path))
    assert "format: latex" in (project / "claims" / "r.yaml").read_text("utf-8")
    assert_one_line_error(cli("ingest", "--from", "wordperfect", str(path), code=None), "wordperfect", "docx")


def test_directories_take_every_supported_format(project, cli):
    (project / "reports" / "a.html").write_text("<p>Output grew 5 percent in 2021.</p>", encoding="utf-8")
    (project / "reports" / "b.tex").write_text("Exports fell 3 percent in 2022.", encoding="utf-8")
    (project / "reports" / "ignored.png").write_bytes(b"\x89PNG")
    cli("ingest")
    assert sorted(p.name for p in (project / "claims").iterdir()) == ["a.yaml", "b.yaml"]
