"""Batch runs: parallel and Dask engines, bad files, time limits, interrupted writes."""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import signal
import sqlite3

from conftest import extract_command, numbered_releases, release_folder, stored_releases
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


def _slow_or_fatal(real):
    """extract_one, except that "slow" releases hang and "fatal" ones kill their worker process."""
    def extract_one(name, *args, **kwargs):
        if "slow" in Path(name).name:
            time.sleep(600)
        if "fatal" in Path(name).name:
            os._exit(3)
        return real(name, *args, **kwargs)
    return extract_one


@pytest.mark.parametrize("name, reason", [
    ("slow.txt", "took longer than 1 s: stopped, and its worker replaced"),
    ("fatal.txt", "its worker process died (exit code 3)"),
])
def test_a_release_past_its_time_limit_or_crashing_its_worker_fails_alone(releases, tmp_path, monkeypatch, capsys,
                                                                         name, reason):
    (releases / name).write_text((releases / "iom-kenya.txt").read_text())
    monkeypatch.setattr(batch, "extract_one", _slow_or_fatal(batch.extract_one))  # the forked workers inherit it
    files = sorted(releases.glob("*.txt"))
    started = time.monotonic()
    summary = batch.run(files, tmp_path / "out", jobs=2, timeout=1)
    assert time.monotonic() - started < 60
    assert summary.failed == 1 and summary.done == len(files) - 1
    assert summary.errors == [f"{releases / name}: {reason}"]
    assert len(list((tmp_path / "out").glob("*.json"))) == len(files) - 1


def test_temporaries_of_killed_runs_are_removed_and_of_live_runs_kept(releases, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])  # exited, not yet reaped: a killed run's worker
    deadline = time.monotonic() + 10
    while Path(f"/proc/{zombie.pid}/stat").read_text().rsplit(")", 1)[-1].split()[0] != "Z" and time.monotonic() < deadline:
        time.sleep(0.01)
    (out / f".iom-kenya.json.{dead.pid}.x1y2.tmp").write_text('{"half": ')
    (out / f".iom-kenya.json.{zombie.pid}.x5y6.tmp").write_text('{"half": ')
    (out / f".iom-kenya.json.{os.getpid()}.x3y4.tmp").write_text('{"being written": ')
    reused = out / f".iom-kenya.json.{os.getppid()}.x7y8.tmp"  # a live process, but the file is two days old
    reused.write_text('{"half": ')
    os.utime(reused, (time.time() - 2 * 86400, time.time() - 2 * 86400))
    (out / "notes.tmp").write_text("not ours")
    batch.run(sorted(releases.glob("*.txt")), out, jobs=1)
    zombie.wait()
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".tmp") == [f".iom-kenya.json.{os.getpid()}.x3y4.tmp",
                                                                         "notes.tmp"]


def test_a_run_killed_mid_batch_is_completed_by_the_next(tmp_path):
    """SIGKILL a run with --db in the middle; rerun it; fact sheets and database hold the same releases."""
    count = 300
    releases = numbered_releases(tmp_path / "in", count)
    out, db = tmp_path / "out", tmp_path / "facts.db"
    command = extract_command(releases, "--out", out, "--db", db, "--jobs", "2")
    run = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.json"))) < 40 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGKILL)  # the run and its workers, as a crash or an OOM killer would
    run.wait()
    in_db, on_disk = stored_releases(db, out)
    assert 0 < len(on_disk) < count, "the run was not killed mid-batch"
    # a crash between writing fact sheets and storing their rows, made certain:
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("DELETE FROM documents WHERE id IN (SELECT id FROM documents ORDER BY id LIMIT 5)")
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    in_db, on_disk = stored_releases(db, out)
    assert sorted(in_db) == sorted(on_disk) == [f"release-{n:04d}" for n in range(count)]
    assert in_db == on_disk
    assert "stored again in the database" in rerun.stderr
    assert not [p for p in out.iterdir() if p.suffix == ".tmp"]


# Defects found by attacking the tool (issue 20) ---------------------------------------------

def descendants(pid: int) -> set[int]:
    """Process ids of the living (not zombie) descendants of ``pid``, from /proc."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if stat[0] not in ("Z", "X"):
                parents[int(entry)] = int(stat[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def test_defect_06_a_release_over_the_limit_fails_alone_in_process(releases, tmp_path, capsys):
    (releases / "long.txt").write_text("IOM has 175 member states. " * 55_000, encoding="utf-8")  # 1.5 million
    code = main(["extract", str(releases), "--out", str(tmp_path / "out"), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 1 and "long.txt: too large: 1,485,000 characters" in err
    assert len(list((tmp_path / "out").glob("*.json"))) == len(list(releases.glob("*.txt"))) - 1


def test_a_defect_on_one_text_fails_that_release_alone(releases, tmp_path, monkeypatch):
    from iomextract import extract
    real = extract.factsheet

    def failing(doc, source, doc_id, *args, **kwargs):
        if doc_id == "iom-kenya":
            raise ValueError("a defect of ours")
        return real(doc, source, doc_id, *args, **kwargs)
    monkeypatch.setattr(extract, "factsheet", failing)
    summary = batch.run(sorted(releases.glob("*.txt")), tmp_path / "out", jobs=1)
    assert summary.failed == 1 and summary.done == len(list(releases.glob("*.txt"))) - 1
    assert summary.errors == [f"{releases / 'iom-kenya.txt'}: internal error, please report it: ValueError: a defect of ours"]


def test_defect_09_workers_die_with_their_parent(tmp_path):
    releases = numbered_releases(tmp_path / "in", 2000)
    out = tmp_path / "out"
    run = subprocess.Popen(extract_command(releases, "--out", out, "--jobs", "2"), start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(list(out.glob("*.json"))) < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = descendants(run.pid)
        assert len(workers) >= 2, "the workers had not started"
        os.kill(run.pid, signal.SIGKILL)  # the parent alone, as an OOM killer would
        run.wait()
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if alive(pid)]
    finally:
        try:
            os.killpg(run.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_defect_14_ctrl_c_of_the_whole_group_prints_no_traceback(tmp_path):
    releases = numbered_releases(tmp_path / "in", 600)
    out = tmp_path / "out"
    # a suite run in the background (``.ci/run &``) ignores SIGINT, and so would the child it starts:
    # the child gets the default back, as a program started from a terminal has it
    run = subprocess.Popen(extract_command(releases, "--out", out, "--jobs", "2"), start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.json"))) < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "interrupted" in err
    assert not descendants(run.pid)


def full_disk_store(db: Path, spare_pages: int):
    """A Store whose database may grow by only ``spare_pages`` pages: SQLite then says 'database or disk is full'."""
    from iomextract.store import Store
    store = Store(db)
    pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
    store.connection.execute(f"PRAGMA max_page_count = {pages + spare_pages}")
    return store


def test_defect_10_a_full_disk_stops_cleanly_and_loses_nothing(tmp_path):
    from iomextract.store import StoreError
    releases = numbered_releases(tmp_path / "in", 40)
    out, db = tmp_path / "out", tmp_path / "facts.db"
    store = full_disk_store(db, spare_pages=40)
    with pytest.raises(StoreError, match="disk full"):
        batch.run(sorted(releases.glob("*.txt")), out, jobs=1, store=store)
    store.close()
    in_db, on_disk = stored_releases(db, out)
    assert 0 < len(in_db) < 40 and set(in_db) <= set(on_disk)
    assert all(in_db[key] == on_disk[key] for key in in_db)  # what was stored is whole
    rerun = subprocess.run(extract_command(releases, "--out", out, "--db", db, "--jobs", "1"),
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    in_db, on_disk = stored_releases(db, out)
    assert sorted(in_db) == sorted(on_disk) == [f"release-{n:04d}" for n in range(40)] and in_db == on_disk


def test_defect_10_a_full_disk_is_said_once_without_traceback(tmp_path, monkeypatch, capsys):
    from iomextract import cli
    releases = numbered_releases(tmp_path / "in", 40)
    monkeypatch.setattr(cli, "Store", lambda path: full_disk_store(Path(path), spare_pages=40))
    code = main(["extract", str(releases), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "facts.db"),
                 "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("disk full") == 1 and "Traceback" not in err
    assert "every fact sheet written so far is whole" in err


def test_a_rerun_where_nothing_changed_builds_no_pipeline_and_starts_no_worker(releases, tmp_path, monkeypatch):
    out = tmp_path / "out"
    batch.run(sorted(releases.glob("*.txt")), out, jobs=2)

    def refused(*args, **kwargs):
        raise AssertionError("a pipeline or a worker for releases that were all current")
    monkeypatch.setattr(batch, "_nlp", refused)
    monkeypatch.setattr(batch, "WorkerPool", refused)
    summary = batch.run(sorted(releases.glob("*.txt")), out, jobs=2)
    assert summary.skipped == len(list(releases.glob("*.txt"))) and summary.done == 0


def test_workers_only_for_the_releases_to_do(releases, tmp_path, monkeypatch):
    out = tmp_path / "out"
    files = sorted(releases.glob("*.txt"))
    batch.run(files, out, jobs=1)
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    started = []
    real = batch.WorkerPool

    def counting(jobs, *args, **kwargs):
        started.append(jobs)
        return real(jobs, *args, **kwargs)
    monkeypatch.setattr(batch, "WorkerPool", counting)
    summary = batch.run(files, out, jobs=8)
    assert started == [1] and summary.done == 1 and summary.skipped == len(files) - 1


@pytest.mark.parametrize("per_worker, workers", [(1, 2), (50, 1)])
def test_the_pipeline_is_loaded_once_by_the_parent_of_two_workers_or_by_a_lone_worker(tmp_path, monkeypatch,
                                                                                      per_worker, workers):
    from iomextract import pipeline
    files = sorted(numbered_releases(tmp_path / "in", 6).glob("*.txt"))
    calls = tmp_path / "builds"
    real = pipeline.build_nlp
    real()  # the cache is current: before, a parent let its workers load the pipeline from it

    def counted(*args, **kwargs):
        with open(calls, "a") as handle:
            handle.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)
    monkeypatch.setattr(pipeline, "build_nlp", counted)
    monkeypatch.setattr(batch, "_worker_nlp", {})
    monkeypatch.setattr(batch, "RELEASES_PER_WORKER", per_worker)  # six releases: two workers, or one
    started, pool = [], batch.WorkerPool
    monkeypatch.setattr(batch, "WorkerPool", lambda jobs, *a, **k: started.append(jobs) or pool(jobs, *a, **k))
    summary = batch.run(files, tmp_path / "out", jobs=2)
    assert started == [workers] and summary.done == 6
    loaders = calls.read_text().split()
    assert len(loaders) == 1, "the pipeline was built or loaded more than once"
    # two workers share the parent's; a lone worker loads its own rather than copy the pages of a forked one
    assert (loaders[0] == str(os.getpid())) == (workers == 2)
