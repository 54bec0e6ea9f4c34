"""Export: flat tables equal to the database and to check, readable by a spreadsheet, jsonl and Parquet."""
import csv
import json
import sqlite3

import pyarrow.parquet
import pytest

from iomextract import extract_text
from iomextract.cli import main
from iomextract.models import EXPORT_TABLES

README = (__import__("pathlib").Path(__file__).resolve().parents[1] / "README.md")


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def check_json(capsys, *argv):
    capsys.readouterr()
    assert main(["check", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def database_rows(knowledge_base):
    _, db = knowledge_base
    connection = sqlite3.connect(db)
    rows = {table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("documents", "entities", "claims", "conflicts", "conflict_statements")}
    claims = sorted(connection.execute(
        "SELECT d.id, c.subject, c.attribute, c.value, c.evidence FROM claims c JOIN documents d ON d.sha256 = c.document"))
    connection.close()
    return rows, claims


@pytest.mark.parametrize("source", ["db", "sheets"])
def test_csv_round_trip_equals_the_database(knowledge_base, database_rows, tmp_path, source):
    out, db = knowledge_base
    counts, claims = database_rows
    given = ["--db", str(db)] if source == "db" else [str(out)]
    assert main(["export", *given, "--to", str(tmp_path)]) == 0
    for table in EXPORT_TABLES:
        rows = read_csv(tmp_path / f"{table}.csv")
        assert len(rows) == counts[table], table
        assert list(rows[0]) == list(EXPORT_TABLES[table].model_fields) if rows else True
    exported = sorted((r["document"], r["subject"], r["attribute"], r["value"], r["evidence"])
                      for r in read_csv(tmp_path / "claims.csv"))
    assert exported == claims


def test_conflicts_stored_and_exported_equal_check_json(knowledge_base, tmp_path, capsys):
    out, db = knowledge_base
    report = check_json(capsys, "--db", str(db))
    assert report["conflicts"], "the seeds disagree on when Kenya joined: there must be a conflict"
    connection = sqlite3.connect(db)
    stored = connection.execute("SELECT id, kind, subject, attribute, likely_value FROM conflicts ORDER BY id").fetchall()
    statements = connection.execute("SELECT conflict, document, value, evidence FROM conflict_statements").fetchall()
    connection.close()
    expected = [(n, c["kind"], c["subject"], c["attribute"], str(c["preferred"]["value"]) if c["preferred"] else None)
                for n, c in enumerate(report["conflicts"], 1)]
    assert stored == expected
    assert sorted(statements) == sorted((n, s["document"], str(s["value"]), s["evidence"])
                                        for n, c in enumerate(report["conflicts"], 1) for s in c["claims"])
    assert main(["export", str(out), "--to", str(tmp_path)]) == 0
    exported = read_csv(tmp_path / "conflicts.csv")
    assert [(int(r["conflict"]), r["kind"], r["subject"]) for r in exported] == [row[:3] for row in stored]


def test_save_replaces_the_last_run_and_needs_a_database(knowledge_base, tmp_path, capsys):
    _, db = knowledge_base
    assert main(["check", "--db", str(db), "--save"]) == 0
    assert main(["check", "--db", str(db), "--save"]) == 0
    connection = sqlite3.connect(db)
    ids = [row[0] for row in connection.execute("SELECT id FROM conflicts")]
    connection.close()
    assert ids == list(range(1, len(ids) + 1))  # replaced, not appended
    capsys.readouterr()
    assert main(["check", str(knowledge_base[0]), "--save"]) == 2
    assert "give --db" in capsys.readouterr().err


def test_accents_survive_csv_and_jsonl(tmp_path):
    sheet = extract_text("GENEVA, 3 March 2021 - IOM Director General António Vitorino met São Tomé officials.\n",
                         doc_id="accents")
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    (sheets / "accents.json").write_text(sheet.model_dump_json(), encoding="utf-8")
    assert main(["export", str(sheets), "--to", str(tmp_path / "csv")]) == 0
    raw = (tmp_path / "csv" / "entities.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark spreadsheets need to read UTF-8
    assert any("António Vitorino" in row["text"] for row in read_csv(tmp_path / "csv" / "entities.csv"))
    assert main(["export", str(sheets), "--to", str(tmp_path / "jsonl"), "--format", "jsonl"]) == 0
    lines = (tmp_path / "jsonl" / "entities.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [EXPORT_TABLES["entities"].model_validate_json(line) for line in lines]
    assert any(r.text == "António Vitorino" and r.type == "PERSON" for r in rows)


def test_parquet_has_the_rows_and_the_column_descriptions(knowledge_base, database_rows, tmp_path):
    out, _ = knowledge_base
    counts, _ = database_rows
    assert main(["export", str(out), "--to", str(tmp_path), "--format", "parquet"]) == 0
    for table, model in EXPORT_TABLES.items():
        parquet = pyarrow.parquet.read_table(tmp_path / f"{table}.parquet")
        assert parquet.num_rows == counts[table]
        assert parquet.schema.names == list(model.model_fields)
    claims = pyarrow.parquet.read_table(tmp_path / "claims.parquet")
    assert claims.schema.field("hedged").type == pyarrow.bool_()
    assert claims.schema.field("evidence_start").type == pyarrow.int64()
    assert b"the sentence stating it" in claims.schema.field("evidence").metadata[b"description"]


def test_every_column_is_described_in_the_schema_and_the_readme():
    readme = README.read_text(encoding="utf-8")
    for table, model in EXPORT_TABLES.items():
        schema = model.model_json_schema()
        for name, field in schema["properties"].items():
            assert field.get("description"), f"{table}.{name} has no description"
            assert f"`{name}`" in readme, f"{table}.{name} is not in the README"


def test_an_unwritable_folder_is_one_line(knowledge_base, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["export", str(knowledge_base[0]), "--to", str(blocker / "out")]) == 2
    err = capsys.readouterr().err
    assert "cannot make the folder" in err and len(err.strip().splitlines()) == 1
