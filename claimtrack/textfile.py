"""Reading user files as UTF-8 text, with one-line errors for bad ones."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError


def read_text(path: Path, *, allow_empty: bool = False) -> str:
    """Return the file's text; raise InputError naming file and line if unusable."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path) from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError("binary file (contains NUL bytes), expected text", path, line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 (invalid byte 0x{data[exc.start]:02x}); convert it with iconv",
            path,
            line,
        ) from None
    if not allow_empty and not text.strip():
        raise InputError("empty file", path)
    return text.replace("\r\n", "\n").replace("\r", "\n")
