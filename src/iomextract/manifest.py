"""``extract --meta FILE``: what crawlers keep about the releases they fetched.

A manifest is CSV (a header row naming the columns) or JSONL (one object a
line) with a ``file`` (the release's file name or path; ``path``,
``filename`` and ``name`` are accepted as column names too) and any of
``published`` (a date in any common format), ``url`` and ``source``. A row
that cannot be read is reported with its file and line and left out; the
rest of the manifest, and the batch, go on.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pydantic import ValidationError

from .dateparse import parse_calendar_date
from .models import SourceMeta

FILE_COLUMNS = ("file", "path", "filename", "name")


class ManifestError(Exception):
    """The manifest as a whole cannot be read."""


def _row(record: dict, where: str) -> SourceMeta:
    if not isinstance(record, dict):
        raise ValueError("not an object with a file and its metadata")
    record = {str(k).strip().lower(): (v.strip() if isinstance(v, str) else v) for k, v in record.items() if k is not None}
    file = next((record[c] for c in FILE_COLUMNS if record.get(c)), None)
    if not file:
        raise ValueError(f"no file name (a column or key named {', '.join(FILE_COLUMNS)})")
    published = record.get("published") or record.get("date") or None
    if published:
        parsed = parse_calendar_date(str(published)[:10]) or parse_calendar_date(str(published))
        if parsed is None:
            raise ValueError(f"published {published!r} is not a date")
        published = parsed
    try:
        return SourceMeta(file=str(file), published=published, url=record.get("url") or None,
                          source=record.get("source") or None)
    except ValidationError as err:
        raise ValueError(str(err).splitlines()[0]) from err


def read_manifest(path: str | Path) -> tuple[dict[str, SourceMeta], list[str]]:
    """(metadata by file name and by resolved path, error lines naming file and line)."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as err:
        raise ManifestError(f"{path}: no such manifest") from err
    except (OSError, UnicodeDecodeError) as err:
        raise ManifestError(f"{path}: cannot read the manifest ({err})") from err
    rows: list[tuple[int, dict | object]] = []
    errors: list[str] = []
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rows.append((number, json.loads(line)))
            except json.JSONDecodeError as err:
                errors.append(f"{path}:{number}: not JSON ({err.msg})")
    else:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or not any(f and f.strip().lower() in FILE_COLUMNS for f in reader.fieldnames):
            raise ManifestError(f"{path}: a CSV manifest needs a header row with a 'file' column")
        rows = [(reader.line_num, row) for row in reader]
    table: dict[str, SourceMeta] = {}
    for number, record in rows:
        try:
            meta = _row(record, f"{path}:{number}")
        except ValueError as err:
            errors.append(f"{path}:{number}: {err}")
            continue
        table[Path(meta.file).name] = meta
        table[str(Path(meta.file).resolve())] = meta
    return table, errors


def meta_for(table: dict[str, SourceMeta], release: Path) -> SourceMeta | None:
    """A release's row: by its resolved path, else by its file name."""
    return table.get(str(release.resolve())) or table.get(release.name)
