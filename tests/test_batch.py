"""Batch runs: parallel and Dask engines, bad files, interrupted writes."""
import os
from pathlib import Path

import pytest

from conftest import release_folder
from iomextract import batch
from iomextract.cli import main
from iomextract.writers import write_atomic


@pytest.fixture
def releases(tmp_path):
    return release_folder(tmp_path / "in", with_team_releases=True)


def sheets(folder: Path) -> dict[str, str]:
    """Fact sheets without the fields that name where they were made."""
    import json
    out = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text())
        data["document"]["path"] = Path(data["document"]["path"]).name
        out[path.name] = json.dumps(data, sort_keys=True)
    return out


def test_two_processes_write_the_same_fact_sheets(releases, tmp_path):
    files = sorted(releases.glob("*.txt"))
    one = batch.run(files, tmp_path / "one", jobs=1)
    two = batch.run(files, tmp_path / "two", jobs=2)
    assert one.done == two.done == len(files) and one.failed == two.failed == 0
    assert sheets(tmp_path / "one") == sheets(tmp_path / "two")


def test_dask_local_cluster_writes_the_same_fact_sheets(releases, tmp_path):
    from dask import distributed
    files = sorted(releases.glob("*.txt"))
    batch.run(files, tmp_path / "local", jobs=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        summary = batch.run(files, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    assert summary.done == len(files)
    assert sheets(tmp_path / "local") == sheets(tmp_path / "dask")


def test_vanished_file_fails_alone(releases, tmp_path):
    gone = releases / "gone.txt"
    outcomes = batch.extract_batch([str(gone), str(releases / "iom-kenya.txt")], str(tmp_path / "out"))
    assert [o.status for o in outcomes] == ["failed", "done"]
    assert "file not found" in outcomes[0].message


def test_huge_file_is_refused_with_a_reason(releases, tmp_path, capsys):
    with open(releases / "huge.txt", "w") as handle:
        paragraph = "IOM has over 300 staff in Nairobi. " * 1000 + "\n\n"
        for _ in range(1500):  # about 50 MB
            handle.write(paragraph)
    code = main(["extract", str(releases), "--out", str(tmp_path / "out"), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 1 and "huge.txt: too large" in err
    assert (tmp_path / "out" / "iom-kenya.json").exists()


def test_unwritable_output_folder(releases, tmp_path, capsys):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be")
    code = main(["extract", str(releases), "--out", str(blocker)])
    assert code == 2 and "cannot write to the output folder" in capsys.readouterr().err


def test_interrupted_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "sheet.json"
    target.write_text('{"old": true}')

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, '{"new": true}')
    assert target.read_text() == '{"old": true}'
    assert list(tmp_path.iterdir()) == [target]


def test_dask_engine_without_the_extra_says_how_to_install(releases, tmp_path, monkeypatch, capsys):
    import builtins
    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.startswith("dask"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    code = main(["extract", str(releases), "--out", str(tmp_path / "out"), "--engine", "dask"])
    assert code == 2 and "pip install 'iomextract[dask]'" in capsys.readouterr().err
