"""Writes fact sheets: atomically, so an interrupted run never leaves half a file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .models import FactSheet

_UMASK = os.umask(0)
os.umask(_UMASK)


def write_atomic(path: Path, content: str) -> None:
    """Write to a temporary file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, 0o666 & ~_UMASK)  # mkstemp makes 0600; a fact sheet is an ordinary file
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_factsheet(sheet: FactSheet, out_dir: Path) -> Path:
    path = out_dir / f"{sheet.document.id}.json"
    write_atomic(path, sheet.model_dump_json(indent=1) + "\n")
    return path
