"""Publication dates users supply: ``extract --meta`` manifests and HTML page metadata."""
import json

from iomextract.cli import main
from iomextract.manifest import read_manifest


def run(capsys, *argv):
    code = main(list(argv))
    return code, capsys.readouterr().err


def sheet(out, name):
    return json.loads((out / f"{name}.json").read_text())["document"]


def test_csv_manifest_sets_dates_urls_and_sources(releases, tmp_path, capsys):
    manifest = tmp_path / "crawl.csv"
    manifest.write_text("file,published,url,source\n"
                        "iom-kenya.txt,2019-11-28,https://example.org/kenya,iom.int\n"
                        f"{releases / 'iom-appreciates-kenya-partnership.txt'},13/09/2019,,iom.int\n")
    code, err = run(capsys, "extract", str(releases), "--out", str(tmp_path / "out"), "--meta", str(manifest))
    assert code == 0, err
    kenya = sheet(tmp_path / "out", "iom-kenya")
    assert (kenya["published"], kenya["published_from"], kenya["url"], kenya["source"]) == \
        ("2019-11-28", "meta", "https://example.org/kenya", "iom.int")
    assert sheet(tmp_path / "out", "iom-appreciates-kenya-partnership")["published"] == "2019-09-13"


def test_jsonl_manifest_with_bad_rows_names_file_and_line(releases, tmp_path, capsys):
    manifest = tmp_path / "crawl.jsonl"
    manifest.write_text('{"file": "iom-kenya.txt", "published": "2019-11-28"}\n'
                        "{not json\n"
                        '{"published": "2019-01-01"}\n'
                        '{"file": "iom-appreciates-kenya-partnership.txt", "published": "someday"}\n')
    code, err = run(capsys, "extract", str(releases), "--out", str(tmp_path / "out"), "--meta", str(manifest))
    assert code == 1
    assert f"{manifest}:2: not JSON" in err
    assert f"{manifest}:3: no file name" in err
    assert f"{manifest}:4: published 'someday' is not a date" in err
    assert sheet(tmp_path / "out", "iom-kenya")["published"] == "2019-11-28"  # the good row was used
    assert sheet(tmp_path / "out", "iom-appreciates-kenya-partnership")["published"] is None  # the batch went on


def test_missing_manifest_is_reported_and_the_batch_goes_on(releases, tmp_path, capsys):
    code, err = run(capsys, "extract", str(releases), "--out", str(tmp_path / "out"), "--meta", str(tmp_path / "none.csv"))
    assert code == 1 and "none.csv: no such manifest" in err
    assert (tmp_path / "out" / "iom-kenya.json").exists()


def test_changed_metadata_redoes_the_fact_sheet(releases, tmp_path, capsys):
    manifest = tmp_path / "crawl.csv"
    manifest.write_text("file,published\niom-kenya.txt,2019-11-28\n")
    run(capsys, "extract", str(releases), "--out", str(tmp_path / "out"), "--meta", str(manifest))
    manifest.write_text("file,published\niom-kenya.txt,2020-01-15\n")
    code, err = run(capsys, "extract", str(releases), "--out", str(tmp_path / "out"), "--meta", str(manifest))
    assert "1 documents extracted, 1 unchanged" in err
    assert sheet(tmp_path / "out", "iom-kenya")["published"] == "2020-01-15"


def test_a_csv_without_a_file_column_is_refused(tmp_path):
    import pytest
    from iomextract.manifest import ManifestError
    bad = tmp_path / "crawl.csv"
    bad.write_text("name_of_thing,published\nx,2019-01-01\n")
    with pytest.raises(ManifestError, match="header row with a 'file' column"):
        read_manifest(bad)


def test_html_page_metadata_dates_the_release(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(
        "<html><head><title>IOM Opens Centre</title>"
        '<meta property="article:published_time" content="2021-03-04T10:00:00+01:00"></head>'
        "<body><h1>IOM Opens Centre</h1><p>IOM opened a centre yesterday in Nairobi, Kenya, for 300 returnees.</p>"
        "</body></html>")
    code, err = run(capsys, "extract", str(folder), "--out", str(tmp_path / "out"))
    assert code == 0, err
    page = json.loads((tmp_path / "out" / "page.json").read_text())
    assert (page["document"]["published"], page["document"]["published_from"]) == ("2021-03-04", "html")
    assert [(e["text"], e["value"]) for e in page["entities"] if e["type"] == "DATE"] == [("yesterday", "2021-03-03")]
