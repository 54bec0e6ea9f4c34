"""Publication dates users supply: ``extract --meta`` manifests and HTML page metadata."""
import json

import pytest

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


@pytest.mark.parametrize("written, expected", [
    ("5 March 2024", "2024-03-05"), ("1 April 2023", "2023-04-01"), ("12 June 2022", "2022-06-12"),
    ("25 July 2021", "2021-07-25"), ("5 March 1850", "1850-03-05"), ("March 5, 2024", "2024-03-05"),
    ("2024-03-05T10:15:00Z", "2024-03-05"), ("Tuesday, 5 March 2024", "2024-03-05"), ("05/03/2024", "2024-03-05"),
])
def test_defect_02_manifest_dates_in_words_parse_in_full(tmp_path, written, expected):
    manifest = tmp_path / "crawl.csv"
    manifest.write_text(f'file,published\niom-kenya.txt,"{written}"\n')
    table, errors = read_manifest(manifest)
    assert not errors
    assert table["iom-kenya.txt"].published.isoformat() == expected


@pytest.mark.parametrize("written", ["March 2024", "2024", "5 March", "someday"])
def test_defect_02_a_manifest_date_without_day_month_and_year_is_refused_with_its_line(tmp_path, written):
    manifest = tmp_path / "crawl.csv"
    manifest.write_text(f"file,published\niom-kenya.txt,2024-01-01\nother.txt,{written}\n")
    table, errors = read_manifest(manifest)
    assert errors == [f"{manifest}:3: published {written!r} is not a date with day, month and year"]
    assert "other.txt" not in table and "iom-kenya.txt" in table


def test_defect_21_an_unbalanced_quote_is_reported_with_its_line(tmp_path):
    manifest = tmp_path / "crawl.csv"
    manifest.write_text('file,published\na.txt,2024-01-01\nb.txt,"2024-01-02\nc.txt,2024-01-03\n')
    table, errors = read_manifest(manifest)
    assert len(errors) == 1 and errors[0].startswith(f"{manifest}:3: ") and "never closed" in errors[0]
    assert table["a.txt"].published.isoformat() == "2024-01-01"


def test_defect_21_a_file_given_twice_is_reported_and_the_later_row_used(tmp_path):
    manifest = tmp_path / "crawl.csv"
    manifest.write_text("file,published\na.txt,2024-01-01\nb.txt,2024-01-02\na.txt,2024-01-03\n")
    table, errors = read_manifest(manifest)
    assert errors == [f"{manifest}:4: a.txt is given again (first on line 2); this later row is used"]
    assert table["a.txt"].published.isoformat() == "2024-01-03"


@pytest.mark.parametrize("row", ['{"file": ["a.txt", "b.txt"]}', '{"file": "a.txt", "published": 20240101}',
                                 '{"file": "a.txt", "url": {"href": "x"}}'])
def test_defect_21_values_that_are_no_text_are_refused(tmp_path, row):
    manifest = tmp_path / "crawl.jsonl"
    manifest.write_text(row + "\n")
    table, errors = read_manifest(manifest)
    assert not table and len(errors) == 1 and "must be text" in errors[0] and f"{manifest}:1:" in errors[0]
