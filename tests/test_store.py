
import pytest

from iomextract.store import Store, StoreError


def test_storing_again_replaces_rows(tmp_path, corpus_sheets):
    with Store(tmp_path / "facts.db") as store:
        for sheet in corpus_sheets.values():
            store.save(sheet)
        first = store.counts()
        for sheet in corpus_sheets.values():
            store.save(sheet)
        assert store.counts() == first
        assert first["documents"] == 2 and first["claims"] > 0


def test_failure_mid_document_leaves_no_partial_rows(tmp_path, corpus_sheets, monkeypatch):
    sheet = corpus_sheets["iom-kenya"]
    broken = sheet.model_copy(deep=True)
    broken.claims[3].evidence = None  # fails while writing the claims, after document and entities
    with Store(tmp_path / "facts.db") as store:
        store.save(corpus_sheets["iom-appreciates-kenya-partnership"])
        before = store.counts()
        with pytest.raises(AttributeError):
            store.save(broken)
        assert store.counts() == before


def test_claims_read_back(tmp_path, kenya):
    with Store(tmp_path / "facts.db") as store:
        store.save(kenya)
        stored = store.document_claims()
    assert [item.claim.model_dump() for item in stored] == [c.model_dump() for c in kenya.claims]
    assert all(item.document == "iom-kenya" for item in stored)


def test_not_a_database(tmp_path):
    path = tmp_path / "facts.db"
    path.write_text("this is no database " * 100)
    with pytest.raises(StoreError):
        Store(path)


SCHEMA_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (sha256 TEXT PRIMARY KEY, id TEXT NOT NULL, path TEXT NOT NULL, title TEXT, published TEXT,
  characters INTEGER, words INTEGER, extractor_version TEXT, factsheet TEXT NOT NULL, text TEXT);
CREATE TABLE entities (document TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  type TEXT NOT NULL, text TEXT NOT NULL, start INTEGER, "end" INTEGER, sentence INTEGER, attributes TEXT);
CREATE TABLE claims (document TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  subject TEXT NOT NULL, attribute TEXT NOT NULL, value TEXT NOT NULL, qualifier TEXT, object TEXT,
  evidence TEXT, evidence_start INTEGER, evidence_end INTEGER, sentence INTEGER, record TEXT NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1');
"""


def version_1_sheet(sheet):
    """A fact sheet as iomextract wrote it before schema 2: no rule ids, flags, keys or paragraphs."""
    import json
    data = json.loads(sheet.model_dump_json(exclude={"paragraphs"}))
    data["schema_version"] = "1"
    for key in ("published_from", "url", "source"):
        data["document"].pop(key, None)
    for entity in data["entities"]:
        for key in ("rule", "boilerplate", "hedged", "negated", "attributed_to", "title_key", "key"):
            entity.pop(key, None)
    for claim in data["claims"]:
        for key in ("rule", "boilerplate", "hedged", "negated", "attributed_to", "subject_key", "value_key"):
            claim.pop(key, None)
    return json.dumps(data)


def test_a_version_1_database_is_migrated_in_place(tmp_path, kenya):
    import sqlite3
    from iomextract.models import FactSheet
    path = tmp_path / "old.db"
    old = sqlite3.connect(path)
    old.executescript(SCHEMA_1)
    sheet_json = version_1_sheet(kenya)
    old.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (kenya.document.sha256, "iom-kenya", "corpus/iom-kenya.txt", None, None, 10, 2, "0.1.0", sheet_json, None))
    old.execute("INSERT INTO claims VALUES (?, 'Kenya', 'member_since', '1983', NULL, 'IOM', 'e', 0, 1, 0, ?)",
                (kenya.document.sha256, kenya.claims[0].model_dump_json()))
    old.commit()
    old.close()
    with Store(path) as store:
        assert store.connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "3"
        # the claims it held are searchable, and its documents have their site
        assert store.connection.execute("SELECT COUNT(*) FROM claims_fts WHERE claims_fts MATCH 'e'").fetchone()[0] == 1
        assert store.connection.execute("SELECT site FROM documents").fetchone()[0] == ""
        (sheet,) = store.sheets()
        assert sheet.schema_version == "1" and sheet.document.id == "iom-kenya"  # an old fact sheet still loads
        assert store.counts()["claims"] == 1
        store.save(FactSheet.model_validate_json(kenya.model_dump_json()))  # and new rows go in beside the old
        assert store.counts()["documents"] == 1


def test_a_newer_database_is_refused(tmp_path):
    import sqlite3
    path = tmp_path / "new.db"
    connection = sqlite3.connect(path)
    connection.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                             "INSERT INTO meta VALUES ('schema_version', '9');")
    connection.close()
    with pytest.raises(StoreError, match="schema version 9 is newer"):
        Store(path)


def test_two_runs_write_one_database_at_once(tmp_path):
    """Both finish, neither says "database is locked", and every release of both is stored."""
    import subprocess
    from conftest import extract_command, numbered_releases, stored_releases
    first, second = numbered_releases(tmp_path / "first", 120), tmp_path / "second"
    second.mkdir()
    for path in sorted(first.glob("*.txt"))[60:]:
        path.rename(second / path.name)
    db, out = tmp_path / "facts.db", tmp_path / "out"
    runs = [subprocess.Popen(extract_command(folder, "--out", out, "--db", db, "--jobs", "1"),
                             stderr=subprocess.PIPE, text=True) for folder in (first, second)]
    results = [(run.wait(timeout=600), run.stderr.read()) for run in runs]
    assert [code for code, _ in results] == [0, 0], results
    assert not any("locked" in err for _, err in results)
    in_db, on_disk = stored_releases(db, out)
    assert sorted(in_db) == sorted(on_disk) == [f"release-{n:04d}" for n in range(120)]
