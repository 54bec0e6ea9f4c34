"""The command line on real files, including the inputs that must fail cleanly."""
import json

from iomextract.cli import main
from iomextract.models import FactSheet


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_extract_folder_writes_valid_fact_sheets(releases, tmp_path, capsys):
    (releases / "notes.json").write_text("{}")  # not a release: skipped
    out = tmp_path / "out"
    code, _, err = run(capsys, "extract", str(releases), "--out", str(out))
    assert code == 0, err
    assert sorted(p.name for p in out.glob("*.json")) == ["iom-appreciates-kenya-partnership.json", "iom-kenya.json"]
    for path in out.glob("*.json"):
        sheet = FactSheet.model_validate_json(path.read_text())
        assert sheet.document.id == path.stem and sheet.entities


def test_schema_describes_the_fact_sheet(capsys):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and set(schema["required"]) >= {"document", "entities", "claims", "extractor"}


def test_bad_inputs_fail_alone(releases, tmp_path, capsys):
    (releases / "empty.txt").write_bytes(b"")
    (releases / "binary.txt").write_bytes(b"\x00\x01\x02binary" * 50)
    (releases / "latin.txt").write_bytes("Caf\xe9 talks: IOM met the Ministry of Health in Nairobi on 3 May 2021.".encode("cp1252"))
    (releases / "page.html").write_text("<html><head><title>T</title><script>alert(1)</script></head>"
                                        "<body><h1>IOM in Kenya</h1><p>IOM has over 300 staff in Nairobi.</p></body></html>")
    out = tmp_path / "out"
    code, _, err = run(capsys, "extract", str(releases), str(tmp_path / "missing.txt"), "--out", str(out))
    assert code == 1
    assert "empty.txt: empty file" in err
    assert "binary.txt: binary file" in err
    assert "missing.txt: no such file" in err
    latin = json.loads((out / "latin.json").read_text())
    assert latin["document"]["encoding"] == "cp1252"
    text = (releases / "latin.txt").read_bytes().decode("cp1252")
    assert all(text[e["start"]:e["end"]] == e["text"] for e in latin["entities"])
    page = json.loads((out / "page.json").read_text())
    assert page["document"]["source_format"] == "html"
    assert any(e["text"] == "over 300" for e in page["entities"])
    assert not any("alert" in e["text"] for e in page["entities"])
    assert (out / "iom-kenya.json").exists()  # the good files were still done


def test_rerun_skips_unchanged_and_force_redoes(releases, tmp_path, capsys):
    out = tmp_path / "out"
    run(capsys, "extract", str(releases), "--out", str(out))
    code, _, err = run(capsys, "extract", str(releases), "--out", str(out))
    assert code == 0 and "0 documents extracted, 2 unchanged" in err
    (releases / "iom-kenya.txt").write_text((releases / "iom-kenya.txt").read_text() + "\nIOM has 400 staff.\n")
    code, _, err = run(capsys, "extract", str(releases), "--out", str(out))
    assert "1 documents extracted, 1 unchanged" in err
    code, _, err = run(capsys, "extract", str(releases), "--out", str(out), "--force")
    assert "2 documents extracted" in err


def test_no_temporary_files_left(releases, tmp_path, capsys):
    out = tmp_path / "out"
    run(capsys, "extract", str(releases), "--out", str(out))
    assert sorted(p.suffix for p in out.iterdir()) == [".json", ".json"]


def test_check_reports_corpus_conflicts(releases, tmp_path, capsys):
    out = tmp_path / "out"
    db = tmp_path / "facts.db"
    run(capsys, "extract", str(releases), "--out", str(out), "--db", str(db))
    code, text, _ = run(capsys, "check", str(out))
    assert code == 0 and "CONTRADICTION: Kenya / member_since" in text
    code, text, _ = run(capsys, "check", str(out), "--json")
    report = json.loads(text)
    assert {c["kind"] for c in report["conflicts"]} == {"contradiction", "changed", "compatible"}
    code, text, _ = run(capsys, "check", "--db", str(db), "--json")
    assert json.loads(text) == report
    code, text, _ = run(capsys, "check", "--db", str(db), str(out / "iom-kenya.json"), "--json")
    assert len(json.loads(text)["conflicts"]) == len(report["conflicts"])


def test_check_names_malformed_fact_sheets(tmp_path, capsys):
    (tmp_path / "broken.json").write_text("{not json")
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 1 and "broken.json: not a fact sheet" in err


def test_re_extracting_into_the_database_keeps_counts(releases, tmp_path, capsys):
    from iomextract.store import Store
    db = tmp_path / "facts.db"
    run(capsys, "extract", str(releases), "--out", str(tmp_path / "out"), "--db", str(db))
    with Store(db) as store:
        first = store.counts()
    run(capsys, "extract", str(releases), "--out", str(tmp_path / "out"), "--db", str(db), "--force")
    with Store(db) as store:
        assert store.counts() == first


def test_two_files_with_one_id_do_not_overwrite_each_other(releases, tmp_path, capsys):
    (releases / "sub").mkdir()
    (releases / "sub" / "iom-kenya.txt").write_text("IOM has 5 staff in Lamu, Kenya.")
    code, _, err = run(capsys, "extract", str(releases), "--out", str(tmp_path / "out"))
    assert code == 1 and "same document id 'iom-kenya'" in err
    sheet = FactSheet.model_validate_json((tmp_path / "out" / "iom-kenya.json").read_text())
    assert sheet.document.path.endswith("in/iom-kenya.txt")
