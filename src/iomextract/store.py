"""The knowledge base: documents, entities and claims in an embedded SQLite database.

A document is keyed by its sha256; storing it again (or a new version from
the same path) replaces its rows. Each document is written in one
transaction, so a failure leaves every stored document whole.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .check import DocumentClaim
from .models import Claim, FactSheet

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
  sha256 TEXT PRIMARY KEY, id TEXT NOT NULL, path TEXT NOT NULL, title TEXT, published TEXT,
  characters INTEGER, words INTEGER, extractor_version TEXT, factsheet TEXT NOT NULL, text TEXT);
CREATE TABLE IF NOT EXISTS entities (
  document TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  type TEXT NOT NULL, text TEXT NOT NULL, start INTEGER, "end" INTEGER, sentence INTEGER, attributes TEXT);
CREATE TABLE IF NOT EXISTS claims (
  document TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  subject TEXT NOT NULL, attribute TEXT NOT NULL, value TEXT NOT NULL, qualifier TEXT, object TEXT,
  evidence TEXT, evidence_start INTEGER, evidence_end INTEGER, sentence INTEGER, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claims_key ON claims(subject, attribute, object);
CREATE INDEX IF NOT EXISTS entities_document ON entities(document);
"""


class StoreError(Exception):
    """The database cannot be used (wrong file, newer schema)."""


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.connection = sqlite3.connect(self.path)
            self.connection.execute("PRAGMA foreign_keys = ON")
            self.connection.executescript(SCHEMA)
            row = self.connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: not an iomextract database ({err})") from err
        if row is None:
            with self.connection:
                self.connection.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {row[0]} is newer than this iomextract ({SCHEMA_VERSION})")

    def close(self) -> None:
        self.connection.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def save(self, sheet: FactSheet, text: str | None = None) -> None:
        """Store one fact sheet (and the text its offsets refer to), replacing earlier rows of the same file."""
        doc = sheet.document
        with self.connection:  # one transaction: commit at the end, roll back on any error
            self.connection.execute("DELETE FROM documents WHERE sha256 = ? OR (path = ? AND path != '')",
                                    (doc.sha256, doc.path))
            self.connection.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.sha256, doc.id, doc.path, doc.title, doc.published, doc.characters, doc.words,
                 sheet.extractor.version, sheet.model_dump_json(), text))
            self.connection.executemany(
                "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(doc.sha256, e.type, e.text, e.start, e.end, e.sentence,
                  json.dumps(e.model_dump(exclude={"type", "text", "start", "end", "sentence"}), ensure_ascii=False))
                 for e in sheet.entities])
            self.connection.executemany(
                "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(doc.sha256, c.subject, c.attribute, str(c.value), c.qualifier, c.object, c.evidence.text,
                  c.evidence.start, c.evidence.end, c.sentence, c.model_dump_json()) for c in sheet.claims])

    def counts(self) -> dict[str, int]:
        return {table: self.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("documents", "entities", "claims")}

    def documents(self) -> list[tuple[FactSheet, str | None]]:
        rows = self.connection.execute("SELECT factsheet, text FROM documents ORDER BY id")
        return [(FactSheet.model_validate_json(sheet), text) for sheet, text in rows]

    def document_claims(self) -> list[DocumentClaim]:
        rows = self.connection.execute(
            "SELECT d.id, d.published, c.record FROM claims c JOIN documents d ON d.sha256 = c.document")
        return [DocumentClaim(doc_id, published, Claim.model_validate_json(record)) for doc_id, published, record in rows]
