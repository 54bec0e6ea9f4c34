"""The knowledge base in Datasette: read-only, on the loopback address, with the project's metadata.

``metadata`` describes every table and column (the descriptions of ``models.EXPORT_TABLES`` and
of the database's own columns), sets facets and full-text search, and holds the canned queries
analysts start from. ``serve`` runs ``datasette`` on the database, immutable (``-i``): nothing a
browser does can change it. Datasette is the optional extra ``browse``.
"""
from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .models import EXPORT_TABLES

CANNED_QUERIES = {
    "conflicts": {
        "title": "Conflicts with their statements",
        "description": "What `check` found when it was last run with --save: each conflict, its likely value, "
                       "and every statement of it with its document and evidence.",
        "sql": """SELECT c.id AS conflict, c.kind, c.subject, c.attribute, c.object, c.likely_value, c.reasons,
       s.value, s.document, s.published, s.url, s.evidence, s.boilerplate
FROM conflicts c JOIN conflict_statements s ON s.conflict = c.id
ORDER BY c.kind = 'contradiction' DESC, c.subject, c.attribute, c.id, s.published""",
    },
    "attribute_timeline": {
        "title": "The timeline of one attribute",
        "description": "Every stated value of an attribute (member_state_count, staff_count, role, ...) "
                       "in the order of the documents' dates; hedged and negated statements left out.",
        "sql": """SELECT d.published, c.subject, c.object, c.value, c.qualifier, d.id AS document, d.site,
       c.boilerplate, c.evidence
FROM claims c JOIN documents d ON d.sha256 = c.document
WHERE c.attribute = :attribute AND c.hedged = 0 AND c.negated = 0
ORDER BY c.subject, c.object, d.published IS NULL, d.published""",
    },
    "subject": {
        "title": "Everything known about one subject",
        "description": "Claims whose subject or object contains the words given (a country, a person, an office).",
        "sql": """SELECT c.subject, c.attribute, c.object, c.value, c.qualifier, d.published, d.id AS document,
       c.hedged, c.negated, c.evidence
FROM claims c JOIN documents d ON d.sha256 = c.document
WHERE c.subject LIKE '%' || :subject || '%' OR c.object LIKE '%' || :subject || '%'
ORDER BY c.attribute, d.published""",
    },
    "document_facts": {
        "title": "The facts of one document",
        "description": "Every claim of one document (its id), with the sentence stating it and where.",
        "sql": """SELECT c.subject, c.attribute, c.object, c.value, c.qualifier,
       json_extract(c.record, '$.held') AS held, c.rule, c.evidence, c.evidence_start, c.evidence_end
FROM claims c JOIN documents d ON d.sha256 = c.document
WHERE d.id = :document ORDER BY c.evidence_start""",
    },
}

# columns of the database that are not in the export tables, or mean something else there
STORE_COLUMNS = {
    "documents": {"sha256": "hash of the file's bytes; claims and entities point to it",
                  "characters": "characters of the text", "extractor_version": "the iomextract version that read it",
                  "factsheet": "the whole fact sheet, as JSON", "text": "the text the offsets refer to",
                  "source": "the publisher named in the manifest"},
    "claims": {"document": "the document stating it (its sha256; a link)", "record": "the whole claim, as JSON",
               "sentence": "index of the sentence stating it", "subject_key": "for people: one key per person",
               "value_key": "for titles: the title normalized"},
    "entities": {"document": "the document (its sha256; a link)"},
    "conflict_statements": {"conflict": "the conflict it belongs to (a link)"},
    "conflicts": {"id": "number of the conflict", "checked": "when check --save stored it"},
}
DESCRIPTIONS = {
    "documents": "One row per release read.",
    "entities": "Organizations, people, dates, places and figures, with their offsets.",
    "claims": "Facts stated in the releases, each with its evidence and the rule that made it.",
    "conflicts": "Facts the releases disagree on, as `check --db ... --save` last found them.",
    "conflict_statements": "The statements of each conflict.",
    "facts": "Each claim with its document's site and year: facet by them.",
    "paragraphs": "Hashes of paragraphs, to count page furniture.",
}
FACETS = {"claims": ["attribute", "rule"], "conflicts": ["kind", "attribute"],
          "facts": ["attribute", "site", "year"], "documents": ["site", "published_from"]}


def metadata(database_name: str) -> dict:
    tables = {}
    for name, description in DESCRIPTIONS.items():
        columns = {}
        model = EXPORT_TABLES.get(name)
        if model is not None:
            columns.update({field: info.description or "" for field, info in model.model_fields.items()})
        if name == "facts":
            columns.update({field: info.description or "" for field, info in EXPORT_TABLES["claims"].model_fields.items()})
            columns.update({"claim": "row id of the claim", "site": EXPORT_TABLES["documents"].model_fields["site"].description,
                            "year": "year of publication"})
        columns.update(STORE_COLUMNS.get(name, {}))
        table = {"description": description, "columns": columns}
        if name in FACETS:
            table["facets"] = FACETS[name]
        tables[name] = table
    tables["claims"].update({"fts_table": "claims_fts", "fts_pk": "rowid", "searchmode": "raw"})
    return {"title": "iomextract knowledge base",
            "description": "Facts of IOM press releases, with their evidence, and where releases disagree.",
            "databases": {database_name: {"tables": tables, "queries": CANNED_QUERIES}}}


def serve(db: Path, host: str = "127.0.0.1", port: int = 8001, extra: list[str] | None = None) -> int:
    """Run Datasette on ``db`` until it is stopped; its exit status."""
    try:
        import datasette  # noqa: F401
    except ImportError:
        raise RuntimeError("browse needs Datasette: pip install 'iomextract[browse]'") from None
    folder = Path(tempfile.mkdtemp(prefix="iomextract-browse-"))
    try:
        meta = folder / "metadata.json"
        meta.write_text(json.dumps(metadata(db.stem), indent=1), encoding="utf-8")
        command = [sys.executable, "-m", "datasette", "serve", "-i", str(db), "--metadata", str(meta),
                   "--host", host, "--port", str(port), "--setting", "sql_time_limit_ms", "10000", *(extra or [])]
        server = subprocess.Popen(command)
        # a SIGTERM to this process stops the server too, never leaving it running without its parent
        previous = signal.signal(signal.SIGTERM, lambda *_: server.terminate())
        try:
            return server.wait()
        except KeyboardInterrupt:
            server.terminate()
            server.wait(timeout=10)
            return 130
        finally:
            signal.signal(signal.SIGTERM, previous)
            if server.poll() is None:
                server.kill()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
