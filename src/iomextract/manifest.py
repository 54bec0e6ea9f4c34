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
import re
from pathlib import Path

from pydantic import ValidationError

from .dateparse import parse_calendar_date
from .models import SourceMeta

FILE_COLUMNS = ("file", "path", "filename", "name")
TEXT_KEYS = FILE_COLUMNS + ("published", "date", "url", "source")
# a timestamp whose first ten characters are its date: "2024-03-05T10:15:00Z", "2024-03-05 10:15"
ISO_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}")


class ManifestError(Exception):
    """The manifest as a whole cannot be read."""


def _row(record: dict, where: str) -> SourceMeta:
    if not isinstance(record, dict):
        raise ValueError("not an object with a file and its metadata")
    record = {str(k).strip().lower(): (v.strip() if isinstance(v, str) else v) for k, v in record.items() if k is not None}
    for key in TEXT_KEYS:
        if record.get(key) is not None and not isinstance(record[key], str):
            raise ValueError(f"{key} must be text, not {type(record[key]).__name__} {record[key]!r}")
    file = next((record[c] for c in FILE_COLUMNS if record.get(c)), None)
    if not file:
        raise ValueError(f"no file name (a column or key named {', '.join(FILE_COLUMNS)})")
    published = record.get("published") or record.get("date") or None
    if published:
        # the whole text is the date: a prefix of "5 March 2024" is "5 March 20", which is another date
        timestamp = ISO_TIMESTAMP.match(published)
        parsed = parse_calendar_date(timestamp.group(1) if timestamp else published)
        if parsed is None:
            raise ValueError(f"published {published!r} is not a date with day, month and year")
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
        # strict: a quote that never closes is an error, not the rest of the file read as one field
        reader = csv.DictReader(io.StringIO(text), strict=True)
        try:
            fields = reader.fieldnames
        except csv.Error as err:
            raise ManifestError(f"{path}:1: the header row cannot be read ({err})") from err
        if not fields or not any(f and f.strip().lower() in FILE_COLUMNS for f in fields):
            raise ManifestError(f"{path}: a CSV manifest needs a header row with a 'file' column")
        last_line = reader.line_num
        try:
            for row in reader:
                rows.append((last_line + 1, row))
                last_line = reader.line_num
        except csv.Error as err:
            errors.append(f"{path}:{last_line + 1}: {err} (a quote that is never closed?); "
                          f"the rows from this line on were not read")
    table: dict[str, SourceMeta] = {}
    first_line: dict[str, int] = {}
    for number, record in rows:
        try:
            meta = _row(record, f"{path}:{number}")
        except ValueError as err:
            errors.append(f"{path}:{number}: {err}")
            continue
        resolved = str(Path(meta.file).resolve())
        if resolved in first_line:
            errors.append(f"{path}:{number}: {meta.file} is given again (first on line {first_line[resolved]}); "
                          f"this later row is used")
        first_line[resolved] = number
        table[Path(meta.file).name] = meta
        table[resolved] = meta
    return table, errors


def meta_for(table: dict[str, SourceMeta], release: Path) -> SourceMeta | None:
    """A release's row: by its resolved path, else by its file name."""
    return table.get(str(release.resolve())) or table.get(release.name)
