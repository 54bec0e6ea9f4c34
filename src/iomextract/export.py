"""Flat tables of fact sheets and their conflicts, for spreadsheets and dataframes.

``tables`` makes the rows (``models.EXPORT_TABLES``: documents, entities, claims, conflicts and
their statements); ``write`` writes one file a table, atomically, as CSV (UTF-8 with a byte-order
mark, so a spreadsheet reads accents right), JSON lines, or Parquet through pyarrow (the
``parquet`` extra).
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import typing
from pathlib import Path

from .furniture import site_of
from .models import (EXPORT_TABLES, ClaimRow, ConflictReport, ConflictRow, ConflictStatementRow, DocumentRow,
                     EntityRow, FactSheet, Record)
from .writers import write_atomic

FORMATS = ("csv", "jsonl", "parquet")
NORMALIZED = {"ORG": "canonical", "PERSON": "title", "DATE": "value", "PLACE": "country", "FIGURE": "value"}
MENTION_FIELDS = {"type", "text", "start", "end", "sentence", "rule"}


class ExportError(Exception):
    """The tables cannot be written (no pyarrow for Parquet, a folder that cannot be written)."""


def tables(sheets: list[FactSheet], report: ConflictReport) -> dict[str, list[Record]]:
    rows: dict[str, list[Record]] = {name: [] for name in EXPORT_TABLES}
    urls = {}
    for sheet in sheets:
        doc = sheet.document
        urls[doc.id] = doc.url
        rows["documents"].append(DocumentRow(id=doc.id, path=doc.path, url=doc.url, site=site_of(doc),
                                             published=doc.published, published_from=doc.published_from,
                                             title=doc.title, words=doc.words, sha256=doc.sha256))
        for entity in sheet.entities:
            data = entity.model_dump()
            normalized = data.get(NORMALIZED[entity.type])
            rows["entities"].append(EntityRow(
                document=doc.id, type=entity.type, text=entity.text,
                normalized=None if normalized is None else str(normalized), start=entity.start, end=entity.end,
                sentence=entity.sentence, rule=entity.rule,
                attributes=json.dumps({k: v for k, v in data.items() if k not in MENTION_FIELDS}, ensure_ascii=False)))
        for claim in sheet.claims:
            rows["claims"].append(ClaimRow(
                document=doc.id, url=doc.url, published=doc.published, subject=claim.subject,
                attribute=claim.attribute, object=claim.object, value=str(claim.value), qualifier=claim.qualifier,
                held=claim.held, held_from=claim.held_from, held_until=claim.held_until, hedged=claim.hedged,
                negated=claim.negated, attributed_to=claim.attributed_to, boilerplate=claim.boilerplate,
                rule=claim.rule, evidence=claim.evidence.text, evidence_start=claim.evidence.start,
                evidence_end=claim.evidence.end))
    for number, conflict in enumerate(report.conflicts, 1):
        likely = conflict.preferred
        rows["conflicts"].append(ConflictRow(
            conflict=number, kind=conflict.kind, subject=conflict.subject, attribute=conflict.attribute,
            object=conflict.object, likely_value=None if likely is None else str(likely.value),
            likely_qualifier=None if likely is None else likely.qualifier,
            reasons=None if likely is None else likely.reasons, note=conflict.note, statements=len(conflict.claims)))
        for statement in conflict.claims:
            rows["conflict_statements"].append(ConflictStatementRow(
                conflict=number, document=statement.document, url=urls.get(statement.document),
                published=statement.published, value=str(statement.value), qualifier=statement.qualifier,
                evidence=statement.evidence, boilerplate=statement.boilerplate,
                attributed_to=statement.attributed_to, rule=statement.rule))
    return rows


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _csv(model: type[Record], rows: list[Record]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    fields = list(model.model_fields)
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_cell(getattr(row, name)) for name in fields])
    return "\ufeff" + buffer.getvalue()  # the byte-order mark: spreadsheets then read the file as UTF-8


def _jsonl(rows: list[Record]) -> str:
    return "".join(row.model_dump_json() + "\n" for row in rows)


def _arrow_type(annotation):
    import pyarrow
    kinds = set(typing.get_args(annotation)) or {annotation}
    if bool in kinds:
        return pyarrow.bool_()
    if int in kinds:
        return pyarrow.int64()
    return pyarrow.string()


def _parquet(model: type[Record], rows: list[Record], path: Path) -> None:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as err:
        raise ExportError("Parquet needs pyarrow: pip install 'iomextract[parquet]'") from err
    schema = pyarrow.schema([pyarrow.field(name, _arrow_type(info.annotation), nullable=not info.is_required(),
                                           metadata={"description": info.description or ""})
                             for name, info in model.model_fields.items()])
    table = pyarrow.Table.from_pylist([row.model_dump() for row in rows], schema=schema)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        pyarrow.parquet.write_table(table, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write(rows: dict[str, list[Record]], folder: Path, fmt: str = "csv") -> dict[str, Path]:
    """One file a table in ``folder``; the paths written, by table."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"{folder}: cannot make the folder ({err.strerror})") from err
    written = {}
    for name, model in EXPORT_TABLES.items():
        path = folder / f"{name}.{fmt}"
        try:
            if fmt == "parquet":
                _parquet(model, rows[name], path)
            else:
                write_atomic(path, _csv(model, rows[name]) if fmt == "csv" else _jsonl(rows[name]))
        except OSError as err:
            raise ExportError(f"{path}: cannot write ({err.strerror})") from err
        written[name] = path
    return written
