"""Running pandoc: the one converter from every document format to its JSON AST.

pandoc ships with the Python install (the ``pypandoc-binary`` wheel carries a
pandoc 3 binary); pypandoc picks the newest pandoc it finds, so a newer one on
PATH wins and ``PYPANDOC_PANDOC`` forces one.  We need pandoc 3 or later: the
AST of pandoc 2 lacks ``Figure`` and reads Typst not at all.
"""

from __future__ import annotations

import json
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from ..errors import InputError

MINIMUM = (3, 0)
_TIMEOUT = 120  # seconds; a huge EPUB takes a few


@lru_cache(maxsize=1)
def executable() -> tuple[str, tuple[int, ...]]:
    """(path, version) of the pandoc to run; InputError when there is no usable one."""
    try:
        import pypandoc

        path = pypandoc.get_pandoc_path()
        version = tuple(int(p) for p in pypandoc.get_pandoc_version().split(".")[:3] if p.isdigit())
    except (ImportError, OSError, RuntimeError, ValueError) as exc:
        raise InputError(f"pandoc is needed to read this format and none was found ({exc})") from None
    if version < MINIMUM:
        raise InputError(
            f"pandoc {'.'.join(map(str, version))} at {path} is too old: pandoc 3 or later is needed "
            "(reinstall with pip install -e . to get pypandoc-binary's pandoc)"
        )
    return path, version


def to_ast(
    path: Optional[Path],
    reader: str,
    *,
    text: Optional[str] = None,
    data: Optional[bytes] = None,
    name: Optional[Path] = None,
) -> dict[str, Any]:
    """pandoc's JSON AST of a file (or of ``text``, or of a binary document's ``data``), read with ``reader``.

    ``name`` is the file named in error messages (the user's file).
    """
    pandoc, _ = executable()
    args = [pandoc, "--from", reader, "--to", "json"]
    source = name or path
    cwd = None
    if text is not None:
        data = text.encode("utf-8")
    if path is not None and data is None:
        # from the file's folder, so that LaTeX's \input and \include find their files
        args.append(path.name)
        cwd = path.parent
    try:
        done = subprocess.run(
            args,
            cwd=cwd,
            input=data,
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError(f"pandoc took over {_TIMEOUT} s to read it as {reader}", source) from None
    except OSError as exc:
        raise InputError(f"cannot run pandoc ({exc.strerror or exc})", source) from None
    if done.returncode != 0:
        message = " ".join(done.stderr.decode("utf-8", "replace").split())[:300]
        raise InputError(f"pandoc could not read it as {reader}: {message or 'no reason given'}", source)
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        raise InputError(f"pandoc gave no AST when reading it as {reader}", source) from None


def html_of(text: str, reader: str, name: Path) -> str:
    """Markdown (or another text format) rendered to an HTML fragment by pandoc."""
    return _html([], text.encode("utf-8"), reader, name)


def html_of_file(path: Path, reader: str) -> str:
    """A file (an EPUB) rendered to one HTML page by pandoc."""
    return _html([str(path)], None, reader, path)


def _html(args: list[str], data: Optional[bytes], reader: str, name: Path) -> str:
    pandoc, _ = executable()
    try:
        done = subprocess.run(
            [pandoc, "--from", reader, "--to", "html", "--wrap=none", *args],
            input=data,
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError(f"pandoc took over {_TIMEOUT} s to read it as {reader}", name) from None
    if done.returncode != 0:
        message = " ".join(done.stderr.decode("utf-8", "replace").split())[:300]
        raise InputError(f"pandoc could not read it as {reader}: {message}", name)
    return done.stdout.decode("utf-8", "replace")
