"""Writes fact sheets: atomically, so an interrupted run never leaves half a file.

A fact sheet is written to a temporary file named after the writing process
(".NAME.PID.XXXX.tmp"), then renamed over its target. A run killed between
the two leaves the temporary file behind; the next run removes those whose
process is gone (or a zombie, or over a day old), at its start and again at
its end, and leaves alone those of a run still going.
"""
from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

from .models import FactSheet

_UMASK = os.umask(0)
os.umask(_UMASK)
TEMPORARY = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")
MAX_TEMPORARY_AGE = 24 * 3600  # seconds; no fact sheet takes a day to write: its process id was reused


def write_atomic(path: Path, content: str) -> None:
    """Write to a temporary file in the same folder (which must exist), then rename over the target."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
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
    out_dir.mkdir(parents=True, exist_ok=True)  # a Dask worker on another machine may not have it yet
    path = out_dir / f"{sheet.document.id}.json"
    write_atomic(path, sheet.model_dump_json(indent=1) + "\n")
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a killed worker stays a zombie until it is reaped, and signal 0 still reaches a zombie
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return True


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def remove_stale_temporaries(folder: Path) -> int:
    """Remove temporary files that killed runs left in a folder; returns how many."""
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        match = TEMPORARY.match(name)
        if match and (not _alive(int(match.group(1))) or _age(Path(folder) / name) > MAX_TEMPORARY_AGE):
            try:
                (Path(folder) / name).unlink()
                removed += 1
            except OSError:
                pass
    return removed
