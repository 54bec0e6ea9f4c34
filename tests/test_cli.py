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


# Defects found by attacking the tool (issue 20) ---------------------------------------------

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from conftest import CORPUS, numbered_releases


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """Fact sheets and a database of the two seed releases, made once: (releases, out, db)."""
    base = tmp_path_factory.mktemp("extracted")
    releases = base / "in"
    releases.mkdir()
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, releases / path.name)
    out, db = base / "out", base / "facts.db"
    assert main(["extract", str(releases), "--out", str(out), "--db", str(db), "--jobs", "1"]) == 0
    return releases, out, db


def test_defect_01_a_fact_sheet_given_as_input_is_refused_and_kept(extracted, capsys):
    _, out, _ = extracted
    sheet = out / "iom-kenya.json"
    before = sheet.read_bytes()
    code, _, err = run(capsys, "extract", str(sheet), "--out", str(out), "--jobs", "1")
    assert code == 2 and "iom-kenya.json: a fact sheet (.json), not a release" in err
    assert sheet.read_bytes() == before


@pytest.mark.parametrize("name", ["report.pdf", "notes.md", "release"])
def test_defect_01_files_named_that_are_no_release_are_refused(tmp_path, capsys, name):
    (tmp_path / name).write_text("IOM was founded in 1951.")
    code, _, err = run(capsys, "extract", str(tmp_path / name), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert code == 2 and f"{name}: not a release file" in err and not (tmp_path / "out").exists()


@pytest.mark.parametrize("published", ["not-a-date", "2024-13-45", "2024-02-30", "24-3-5"])
def test_defect_03_a_fact_sheet_with_a_published_that_is_no_date_is_refused(extracted, tmp_path, capsys, published):
    _, out, _ = extracted
    sheet = json.loads((out / "iom-kenya.json").read_text())
    sheet["document"]["published"] = published
    (tmp_path / "bad.json").write_text(json.dumps(sheet))
    shutil.copy(out / "iom-appreciates-kenya-partnership.json", tmp_path)
    code, text, err = run(capsys, "check", str(tmp_path))
    assert code == 1 and "bad.json: not a fact sheet (document.published: " in err and published not in text
    code, _, err = run(capsys, "report", str(tmp_path), "--out", str(tmp_path / "r.html"))
    assert code == 1 and (tmp_path / "r.html").exists() and "Traceback" not in err


@pytest.mark.parametrize("argv, message", [
    (["--timeout", "-1"], "is not 0 (no limit) or a positive number"), (["--timeout", "nan"], "is not 0"),
    (["--jobs", "0"], "0 is not 1 or more"), (["--jobs", "-3"], "-3 is not 1 or more"),
    (["--jobs", "two"], "is not a whole number"),
])
def test_defect_08_nonsense_limits_are_refused(tmp_path, capsys, argv, message):
    with pytest.raises(SystemExit) as exited:
        main(["extract", str(CORPUS), "--out", str(tmp_path / "out"), *argv])
    assert exited.value.code == 2 and message in capsys.readouterr().err


def test_defect_08_no_more_workers_than_files(tmp_path, capsys, monkeypatch):
    from iomextract import batch
    started = []
    real = batch.WorkerPool.__init__

    def counting(self, jobs, options, timeout):
        started.append(jobs)
        real(self, jobs, options, timeout)
    monkeypatch.setattr(batch.WorkerPool, "__init__", counting)
    code, _, err = run(capsys, "extract", str(CORPUS), "--out", str(tmp_path / "out"), "--jobs", "12")
    assert code == 0, err
    assert started == [1]  # two releases: one worker (it keeps the time limit), not twelve, nor two
    many = numbered_releases(tmp_path / "many", batch.RELEASES_PER_WORKER * 3 + 1)
    code, _, err = run(capsys, "extract", str(many), "--out", str(tmp_path / "out-many"), "--jobs", "12")
    assert code == 0, err
    assert started == [1, 4]  # one for every RELEASES_PER_WORKER releases


@pytest.mark.parametrize("damage, message, extract_repairs", [
    ("DROP VIEW facts; ALTER TABLE claims DROP COLUMN rule", "table claims lacks the column rule", False),
    ("ALTER TABLE documents RENAME COLUMN title TO headline", "table documents lacks the column title", False),
    ("DROP TABLE paragraphs", "table paragraphs is missing", True),  # extract makes a missing table again
    ("UPDATE documents SET factsheet = json_set(factsheet, '$.schema_version', '9')",
     "a stored fact sheet does not load (schema_version", True),  # extract replaces it
])
def test_defect_11_a_damaged_database_is_one_line_naming_it(extracted, tmp_path, capsys, damage, message,
                                                            extract_repairs):
    _, out, db = extracted
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    with sqlite3.connect(copy) as connection:
        connection.executescript(damage)
    commands = [["check", "--db", str(copy)], ["timeline", "--db", str(copy)]]
    if not extract_repairs:
        commands.append(["extract", str(CORPUS), "--out", str(tmp_path / "out"), "--db", str(copy), "--jobs", "1",
                         "--force"])
    for argv in commands:
        code, _, err = run(capsys, *argv)
        assert code == 2 and f"{copy}: {message}" in err, argv
        assert "Traceback" not in err and len(err.strip().splitlines()) <= 3


def test_defect_11_a_corrupted_page_is_one_line_naming_it(extracted, tmp_path, capsys):
    _, _, db = extracted
    copy = tmp_path / "copy.db"
    data = bytearray(db.read_bytes())
    data[4096:] = b"\xab" * (len(data) - 4096)  # every page but the first
    copy.write_bytes(bytes(data))
    code, _, err = run(capsys, "check", "--db", str(copy))
    assert code == 2 and f"{copy}: damaged" in err


def test_defect_12_reading_commands_never_create_or_write_a_database(extracted, tmp_path, capsys):
    _, _, db = extracted
    typo = tmp_path / "nofacts.db"
    for command in ("check", "timeline"):
        code, _, err = run(capsys, command, "--db", str(typo))
        assert code == 2 and f"{typo}: no such database" in err
    code, _, err = run(capsys, "report", "--db", str(typo), "--out", str(tmp_path / "r.html"))
    assert code == 2 and "no such database" in err
    assert not typo.exists()
    before = db.read_bytes()
    for command in ("check", "timeline"):
        assert run(capsys, command, "--db", str(db))[0] == 0
    assert run(capsys, "report", "--db", str(db), "--out", str(tmp_path / "r.html"))[0] == 0
    assert db.read_bytes() == before


def test_defect_12_a_read_only_connection_cannot_write(extracted):
    from iomextract.store import Store
    _, _, db = extracted
    with Store(db, readonly=True) as store:
        assert store.counts()["documents"] == 2
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.connection.execute("DELETE FROM documents")


@pytest.mark.parametrize("argv", [["schema"], ["check", "OUT", "--json"], ["timeline", "OUT", "--json"]])
def test_defect_14_a_closed_pipe_is_no_traceback(extracted, argv):
    _, out, _ = extracted
    command = [sys.executable, "-m", "iomextract", *[str(out) if a == "OUT" else a for a in argv]]
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.close()  # before the command writes, as "| head -0" would: every write meets a closed pipe
    err = reader.stderr.read().decode()
    reader.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert reader.returncode == 141


def test_defect_16_nothing_to_extract_is_said_and_fails(tmp_path, capsys):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text("# notes")
    (folder / "b.json").write_text("{}")
    (tmp_path / "empty").mkdir()
    for given in (folder, tmp_path / "empty"):
        code, _, err = run(capsys, "extract", str(given), "--out", str(tmp_path / "out"))
        assert code == 2 and "no release files" in err
    assert "skipped 2 files that are no release (1 .json, 1 .md)" in run(
        capsys, "extract", str(folder), "--out", str(tmp_path / "out"))[2]
    code, _, err = run(capsys, "extract", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out"))
    assert code == 2 and "missing.txt: no such file or folder" in err
    assert not (tmp_path / "out").exists()


def test_defect_16_a_missing_path_counts_as_failed(tmp_path, capsys):
    code, _, err = run(capsys, "extract", str(CORPUS), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out"),
                       "--jobs", "1")
    assert code == 1 and "2 documents extracted, 0 unchanged (skipped), 1 failed" in err


def test_defect_16_a_database_in_a_missing_folder_names_the_folder(tmp_path, capsys):
    code, _, err = run(capsys, "extract", str(CORPUS), "--out", str(tmp_path / "out"),
                       "--db", str(tmp_path / "nowhere" / "facts.db"))
    assert code == 2 and f"the folder {tmp_path / 'nowhere'} does not exist" in err


def test_defect_16_report_needs_input_and_an_existing_folder(extracted, tmp_path, capsys):
    _, out, _ = extracted
    code, _, err = run(capsys, "report", "--out", str(tmp_path / "r.html"))
    assert code == 2 and "give fact sheets" in err
    code, _, err = run(capsys, "report", str(out), "--out", str(tmp_path / "nowhere" / "r.html"))
    assert code == 2 and "does not exist" in err and not (tmp_path / "nowhere").exists()


def test_defect_17_check_on_releases_says_to_extract_first(extracted, capsys):
    releases, _, _ = extracted
    code, text, err = run(capsys, "check", str(releases))
    assert code == 1 and "no fact sheets here (2 release files): run 'iomextract extract" in err
    assert "contradiction" not in text.lower() or "0 contradictions" not in text
    code, _, err = run(capsys, "check", str(releases / "iom-kenya.txt"))
    assert code == 1 and "a release, not a fact sheet" in err


def test_defect_17_a_fact_sheet_failing_validation_names_the_field(extracted, tmp_path, capsys):
    _, out, _ = extracted
    sheet = json.loads((out / "iom-kenya.json").read_text())
    sheet["claims"][0]["sentence"] = -4
    (tmp_path / "bad.json").write_text(json.dumps(sheet))
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 1 and "bad.json: not a fact sheet (claims.0.sentence: " in err


def test_defect_18_file_names_are_printed_escaped(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    name = "evil\n0 documents extracted\x1b[2J.txt"
    (folder / name).write_bytes(b"")
    code, _, err = run(capsys, "extract", str(folder / name), str(CORPUS), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert code == 1
    assert "\x1b" not in err and "evil\\n0 documents extracted\\x1b[2J.txt: empty file" in err
    assert all(not line.startswith("0 documents") for line in err.splitlines())


def test_defect_18_report_anchors_of_similar_names_differ(nlp):
    from iomextract import extract_text
    from iomextract.report import ReportDocument, render
    from iomextract.check import check
    sheets = [extract_text("IOM has 175 member states.", doc_id=i, nlp=nlp) for i in ("a b", "a_b")]
    page = render([ReportDocument(s, None) for s in sheets], check([]), None)
    ids = [part.split('"')[0] for part in page.split(' id="doc-')[1:]]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_defect_13_report_never_reads_a_device_named_by_a_fact_sheet(extracted, tmp_path, capsys):
    _, out, _ = extracted
    sheet = json.loads((out / "iom-kenya.json").read_text())
    sheet["document"]["path"] = "/dev/zero"
    (tmp_path / "crafted.json").write_text(json.dumps(sheet))
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    sheet["document"]["path"], sheet["document"]["id"] = str(fifo), "crafted2"
    (tmp_path / "crafted2.json").write_text(json.dumps(sheet))
    code, _, err = run(capsys, "report", str(tmp_path), "--out", str(tmp_path / "r.html"))
    assert code == 0, err
    page = (tmp_path / "r.html").read_text()
    assert "crafted2" in page and "iom-kenya" in page


def test_defect_19_a_symbolic_link_loop_is_named(tmp_path, capsys):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    code, _, err = run(capsys, "extract", str(tmp_path / "loop.txt"), "--out", str(tmp_path / "out"))
    assert code == 2 and "loop.txt: cannot be read (Too many levels of symbolic links)" in err
