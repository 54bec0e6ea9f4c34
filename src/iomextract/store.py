"""The knowledge base: documents, entities, claims and paragraph hashes in an embedded SQLite database.

A document is keyed by its sha256; storing it again (or a new version from
the same path) replaces its rows. Each document is written in one
transaction, so a failure leaves every stored document whole. The database
runs in WAL mode with a busy timeout, so two ``extract --db`` runs on one
file both finish: the second waits for the first's transaction.

Schema 2 adds the claims' rule ids and flags, the documents' URL and source,
and a row per paragraph hash (page furniture is counted from them). Schema 3
adds each document's site, the conflicts ``check --save`` stores (``conflicts``,
``conflict_statements``), full-text search over evidence (``claims_fts``, FTS5,
kept by triggers) and the ``facts`` view (a claim with its document's site and
year). An older database is migrated in place when opened for writing; a newer
one is refused.

Reading commands open the database read-only (``readonly=True``): they never
create, migrate or lock it for writing. Every failure of SQLite or of a
stored fact sheet (a full disk, a damaged page, an altered schema, a sheet
of another schema) comes out as one ``StoreError`` naming the file.
"""
from __future__ import annotations

import functools
import json
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from pydantic import ValidationError

from .check import DocumentClaim
from .models import Claim, ConflictReport, FactSheet

SCHEMA_VERSION = 3
BUSY_TIMEOUT_SECONDS = 600  # how long a run waits for another run's transaction on the same database
FIRST_WAIT_SECONDS = 1  # after this, the wait is said on stderr
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
  sha256 TEXT PRIMARY KEY, id TEXT NOT NULL, path TEXT NOT NULL, title TEXT, published TEXT,
  characters INTEGER, words INTEGER, extractor_version TEXT, factsheet TEXT NOT NULL, text TEXT,
  url TEXT, source TEXT, site TEXT);
CREATE TABLE IF NOT EXISTS entities (
  document TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  type TEXT NOT NULL, text TEXT NOT NULL, start INTEGER, "end" INTEGER, sentence INTEGER, attributes TEXT);
CREATE TABLE IF NOT EXISTS claims (
  document TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  subject TEXT NOT NULL, attribute TEXT NOT NULL, value TEXT NOT NULL, qualifier TEXT, object TEXT,
  evidence TEXT, evidence_start INTEGER, evidence_end INTEGER, sentence INTEGER, record TEXT NOT NULL,
  rule TEXT, hedged INTEGER DEFAULT 0, negated INTEGER DEFAULT 0, boilerplate INTEGER DEFAULT 0,
  attributed_to TEXT, subject_key TEXT, value_key TEXT);
CREATE TABLE IF NOT EXISTS paragraphs (
  document TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  site TEXT NOT NULL, hash TEXT NOT NULL, countable INTEGER NOT NULL, furniture TEXT);
CREATE TABLE IF NOT EXISTS conflicts (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL, attribute TEXT NOT NULL, object TEXT,
  note TEXT, likely_value TEXT, likely_qualifier TEXT, reasons TEXT, statements INTEGER NOT NULL, checked TEXT);
CREATE TABLE IF NOT EXISTS conflict_statements (
  conflict INTEGER NOT NULL REFERENCES conflicts(id) ON DELETE CASCADE, document TEXT NOT NULL, url TEXT,
  published TEXT, value TEXT NOT NULL, qualifier TEXT, evidence TEXT, boilerplate INTEGER, attributed_to TEXT, rule TEXT);
CREATE INDEX IF NOT EXISTS claims_key ON claims(subject, attribute, object);
CREATE INDEX IF NOT EXISTS entities_document ON entities(document);
CREATE INDEX IF NOT EXISTS claims_document ON claims(document);
CREATE INDEX IF NOT EXISTS paragraphs_hash ON paragraphs(site, hash);
CREATE INDEX IF NOT EXISTS paragraphs_document ON paragraphs(document);
CREATE INDEX IF NOT EXISTS conflict_statements_conflict ON conflict_statements(conflict);
CREATE INDEX IF NOT EXISTS claims_attribute ON claims(attribute)
"""
# Full-text search over the claims' evidence (SQLite FTS5, the claims table as its content), kept by
# triggers; and one view of each claim with its document, for facets by site and year. Statements,
# not split on ";" as SCHEMA is: a trigger's body holds one.
SEARCH_SCHEMA = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(evidence, subject, content='claims', content_rowid='rowid')",
    """CREATE TRIGGER IF NOT EXISTS claims_fts_insert AFTER INSERT ON claims BEGIN
       INSERT INTO claims_fts(rowid, evidence, subject) VALUES (new.rowid, new.evidence, new.subject); END""",
    """CREATE TRIGGER IF NOT EXISTS claims_fts_delete AFTER DELETE ON claims BEGIN
       INSERT INTO claims_fts(claims_fts, rowid, evidence, subject) VALUES ('delete', old.rowid, old.evidence, old.subject); END""",
    """CREATE VIEW IF NOT EXISTS facts AS
       SELECT c.rowid AS claim, d.id AS document, d.url, d.site, d.published, substr(d.published, 1, 4) AS year,
              c.subject, c.attribute, c.object, c.value, c.qualifier, c.hedged, c.negated, c.boilerplate,
              c.attributed_to, c.rule, c.evidence
       FROM claims c JOIN documents d ON d.sha256 = c.document""",
]
# schema 1 -> 2: columns that schema 1 tables lack (the paragraphs table is created by SCHEMA)
MIGRATION_2 = [
    ("documents", "url TEXT"), ("documents", "source TEXT"),
    ("claims", "rule TEXT"), ("claims", "hedged INTEGER DEFAULT 0"), ("claims", "negated INTEGER DEFAULT 0"),
    ("claims", "boilerplate INTEGER DEFAULT 0"), ("claims", "attributed_to TEXT"), ("claims", "subject_key TEXT"),
    ("claims", "value_key TEXT"),
]
MIGRATION_3 = [("documents", "site TEXT")]  # and the tables, search index and view SCHEMA and SEARCH_SCHEMA make


class StoreError(Exception):
    """The database cannot be used (wrong file, newer or altered schema, damaged, disk full)."""


def _problem(err: Exception) -> str:
    if isinstance(err, ValidationError):
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"a stored fact sheet does not load ({where}: {first['msg']}); written by another version?"
    text = str(err)
    if "full" in text:
        return "disk full (database or disk is full): free space and run again"
    if "malformed" in text or "not a database" in text:
        return f"damaged ({text}); restore it or extract again into a new database"
    if "readonly" in text or "read-only" in text:
        return f"cannot write to it ({text})"
    return f"not a usable iomextract database ({text})"


def _guarded(method):
    """SQLite errors and fact sheets that do not load, as one StoreError naming the database."""
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.Error, ValidationError) as err:
            raise StoreError(f"{self.path}: {_problem(err)}") from err
    return guarded


@functools.lru_cache(maxsize=1)
def expected_columns() -> dict[str, list[str]]:
    """The columns of each table of SCHEMA, read from SQLite itself."""
    memory = sqlite3.connect(":memory:")
    memory.executescript(SCHEMA)
    tables = [row[0] for row in memory.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    columns = {table: [row[1] for row in memory.execute(f"PRAGMA table_info({table})")] for table in tables}
    memory.close()
    return columns


class Store:
    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        self.said_waiting = False
        if readonly and not self.path.is_file():
            raise StoreError(f"{self.path}: no such database" + ("" if not self.path.exists() else " (not a file)"))
        if not readonly and not self.path.parent.is_dir():
            raise StoreError(f"{self.path}: the folder {self.path.parent} does not exist")
        try:
            if readonly:
                self.connection = self._connect_readonly()
                version = self._version()
                if version is None:
                    raise StoreError(f"{self.path}: not an iomextract database (no schema version)")
                if version != SCHEMA_VERSION:
                    raise StoreError(f"{self.path}: schema version {version}, this iomextract reads {SCHEMA_VERSION}"
                                     + ("; run 'iomextract extract --db' on it once to migrate it" if version < SCHEMA_VERSION else ""))
            else:
                # autocommit: transactions are begun explicitly (``_writing``), with the write lock taken up front
                self.connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
                self.connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
                self.connection.execute("PRAGMA journal_mode = WAL")
                self.connection.execute("PRAGMA foreign_keys = ON")
                with self._writing():
                    version = self._version()
                    if version is not None and version > SCHEMA_VERSION:
                        raise StoreError(f"{self.path}: schema version {version} is newer than this iomextract ({SCHEMA_VERSION})")
                    if version == 1:
                        self._migrate_from_1()
                    if version in (1, 2):
                        self._add_columns(MIGRATION_3)
                        self._fill_sites()
                    for statement in SCHEMA.split(";"):
                        if statement.strip():
                            self.connection.execute(statement)
                    searchable = "claims_fts" in self._tables()
                    for statement in SEARCH_SCHEMA:
                        self.connection.execute(statement)
                    if not searchable:  # a database of an earlier schema: index the claims it holds
                        self.connection.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")
                    self.connection.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            self._check_columns()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: {_problem(err)}") from err
        except ValueError as err:  # a schema version that is no number
            raise StoreError(f"{self.path}: not an iomextract database ({err})") from err

    def _connect_readonly(self) -> sqlite3.Connection:
        uri = "file:" + quote(str(self.path.resolve()))
        try:
            connection = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
            connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return connection
        except sqlite3.OperationalError:
            # a WAL database on a read-only file or folder: SQLite cannot make its shared-memory file
            # there, but a database nobody can write cannot change under us either
            return sqlite3.connect(uri + "?immutable=1", uri=True, isolation_level=None)

    def _check_columns(self) -> None:
        """Refuse a database whose tables lack columns this version reads and writes (an altered schema)."""
        for table, columns in expected_columns().items():
            found = {row[1] for row in self.connection.execute(f"PRAGMA table_info({table})")}
            if not found:
                raise StoreError(f"{self.path}: table {table} is missing (an altered schema); not an iomextract database")
            missing = [c for c in columns if c not in found]
            if missing:
                raise StoreError(f"{self.path}: table {table} lacks the column{'s' if len(missing) > 1 else ''} "
                                 f"{', '.join(missing)} (an altered schema)")

    @contextmanager
    def _writing(self):
        """One write transaction. When another run holds the database, say so once and wait for it."""
        self.connection.execute(f"PRAGMA busy_timeout = {FIRST_WAIT_SECONDS * 1000}")
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) and "busy" not in str(err):
                raise
            if not self.said_waiting:
                print(f"waiting: another run is writing {self.path}", file=sys.stderr, flush=True)
                self.said_waiting = True
            self.connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
            self.connection.execute("BEGIN IMMEDIATE")
        finally:
            self.connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
        try:
            yield
            self.connection.execute("COMMIT")
        except BaseException:
            if self.connection.in_transaction:  # a failed COMMIT (disk full) may have rolled back already
                try:
                    self.connection.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise

    def _version(self) -> int | None:
        tables = {row[0] for row in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables:
            return None
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else None

    def _tables(self) -> set[str]:
        return {row[0] for row in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def _migrate_from_1(self) -> None:
        self._add_columns(MIGRATION_2)

    def _add_columns(self, columns: list[tuple[str, str]]) -> None:
        for table, column in columns:
            existing = {row[1] for row in self.connection.execute(f"PRAGMA table_info({table})")}
            if column.split()[0] not in existing:
                self.connection.execute(f"ALTER TABLE {table} ADD COLUMN {column}")

    def _fill_sites(self) -> None:
        from .furniture import site_from
        rows = self.connection.execute("SELECT sha256, url, source FROM documents").fetchall()
        self.connection.executemany("UPDATE documents SET site = ? WHERE sha256 = ?",
                                    [(site_from(url, source), sha) for sha, url, source in rows])

    def close(self) -> None:
        self.connection.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # writing -------------------------------------------------------------------

    @_guarded
    def save(self, sheet: FactSheet, text: str | None = None) -> None:
        """Store one fact sheet (and the text its offsets refer to), replacing earlier rows of the same file."""
        doc = sheet.document
        with self._writing():  # one transaction: commit at the end, roll back on any error
            self.connection.execute("DELETE FROM documents WHERE sha256 = ? OR (path = ? AND path != '')",
                                    (doc.sha256, doc.path))
            from .furniture import site_of
            self.connection.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.sha256, doc.id, doc.path, doc.title, doc.published, doc.characters, doc.words,
                 sheet.extractor.version, sheet.model_dump_json(), text, doc.url, doc.source, site_of(doc)))
            self._insert_facts(sheet)

    @_guarded
    def replace_facts(self, sheet: FactSheet) -> None:
        """New flags for a stored document: its fact sheet, entities, claims and paragraphs; its text stays."""
        sha = sheet.document.sha256
        with self._writing():
            self.connection.execute("UPDATE documents SET factsheet = ? WHERE sha256 = ?", (sheet.model_dump_json(), sha))
            for table in ("entities", "claims", "paragraphs"):
                self.connection.execute(f"DELETE FROM {table} WHERE document = ?", (sha,))
            self._insert_facts(sheet)

    def _insert_facts(self, sheet: FactSheet) -> None:
        from .furniture import furniture_rules, site_of
        doc = sheet.document
        furniture = furniture_rules()
        self.connection.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(doc.sha256, e.type, e.text, e.start, e.end, e.sentence,
              json.dumps(e.model_dump(exclude={"type", "text", "start", "end", "sentence"}), ensure_ascii=False))
             for e in sheet.entities])
        self.connection.executemany(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc.sha256, c.subject, c.attribute, str(c.value), c.qualifier, c.object, c.evidence.text,
              c.evidence.start, c.evidence.end, c.sentence, c.model_dump_json(), c.rule, int(c.hedged), int(c.negated),
              int(c.boilerplate), c.attributed_to, c.subject_key, c.value_key) for c in sheet.claims])
        site = site_of(doc)
        self.connection.executemany(
            "INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?)",
            [(doc.sha256, site, p.hash, int(furniture.countable(p)), p.furniture) for p in sheet.paragraphs])

    @_guarded
    def save_conflicts(self, report: ConflictReport, checked: str) -> int:
        """Replace the stored conflicts with those of ``report`` (``checked``: when, ISO time); how many."""
        urls = dict(self.connection.execute("SELECT id, url FROM documents"))
        with self._writing():
            self.connection.execute("DELETE FROM conflict_statements")
            self.connection.execute("DELETE FROM conflicts")
            for number, conflict in enumerate(report.conflicts, 1):
                likely = conflict.preferred
                self.connection.execute(
                    "INSERT INTO conflicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (number, conflict.kind, conflict.subject, conflict.attribute, conflict.object, conflict.note,
                     None if likely is None else str(likely.value), None if likely is None else likely.qualifier,
                     None if likely is None else likely.reasons, len(conflict.claims), checked))
                self.connection.executemany(
                    "INSERT INTO conflict_statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(number, c.document, urls.get(c.document), c.published, str(c.value), c.qualifier, c.evidence,
                      int(c.boilerplate), c.attributed_to, c.rule) for c in conflict.claims])
        return len(report.conflicts)

    # reading -------------------------------------------------------------------

    @_guarded
    def counts(self) -> dict[str, int]:
        return {table: self.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("documents", "entities", "claims")}

    @_guarded
    def has(self, sha256: str, extractor_version: str) -> bool:
        """The database holds this text (by its hash), made by this extractor version. Two files (or
        records) of the same bytes are one document: whichever was stored last stands for both."""
        row = self.connection.execute("SELECT 1 FROM documents WHERE sha256 = ? AND extractor_version = ?",
                                      (sha256, extractor_version)).fetchone()
        return row is not None

    @_guarded
    def paragraph_counts(self, exclude: set[str] = frozenset()) -> dict[tuple[str, str], set[str]]:
        """(site, hash) -> the stored documents printing that paragraph, leaving out ``exclude`` (sha256)."""
        counts: dict[tuple[str, str], set[str]] = {}
        rows = self.connection.execute("SELECT site, hash, document FROM paragraphs WHERE countable = 1")
        for site, digest, document in rows:
            if document not in exclude:
                counts.setdefault((site, digest), set()).add(document)
        return counts

    @_guarded
    def sheets_with_paragraphs(self, keys: set[tuple[str, str]], exclude: set[str] = frozenset()) -> list[FactSheet]:
        """Stored fact sheets printing any of these (site, hash) paragraphs not yet marked, but for ``exclude``."""
        rows = self.connection.execute("SELECT site, hash, document FROM paragraphs WHERE countable = 1 AND furniture IS NULL")
        documents = {document for site, digest, document in rows if (site, digest) in keys and document not in exclude}
        return [FactSheet.model_validate_json(row[0]) for document in sorted(documents)
                for row in self.connection.execute("SELECT factsheet FROM documents WHERE sha256 = ?", (document,))]

    @_guarded
    def documents(self) -> list[tuple[FactSheet, str | None]]:
        rows = self.connection.execute("SELECT factsheet, text FROM documents ORDER BY id")
        return [(FactSheet.model_validate_json(sheet), text) for sheet, text in rows]

    @_guarded
    def sheets(self) -> list[FactSheet]:
        return [FactSheet.model_validate_json(sheet) for (sheet,) in
                self.connection.execute("SELECT factsheet FROM documents ORDER BY id")]

    @_guarded
    def document_claims(self) -> list[DocumentClaim]:
        rows = self.connection.execute(
            "SELECT d.id, d.published, d.url, d.source, c.record FROM claims c JOIN documents d ON d.sha256 = c.document")
        from .furniture import site_from
        return [DocumentClaim(doc_id, published, Claim.model_validate_json(record), site=site_from(url, source))
                for doc_id, published, url, source, record in rows]
