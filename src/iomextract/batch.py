"""Batch extraction: many releases, one fact sheet each, in this process or in worker processes.

``extract_one`` reads, extracts and writes one release; ``extract_batch``
runs it over a list of files. With ``jobs=1`` the batches run in this
process; with more, the pipeline is built (or loaded) here once, the worker
processes of a ``WorkerPool`` are forked with it and extract one release at
a time, and a release that takes
longer than ``timeout`` seconds is reported as failed and its worker
replaced, so the batch goes on. ``engine="dask"`` sends batches to a Dask
cluster. Fact sheets are written by whoever extracts them, atomically; the
database, if any, is written here, one transaction a document. A release is
done when its fact sheet is current and, with a database, its rows are
stored too: a rerun after an interruption stores what the interruption left
unstored.
"""
from __future__ import annotations

import ctypes
import json
import math
import multiprocessing
import os
import queue
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .reader import ReadError, read_source
from .terminal import error, shown
from .writers import remove_stale_temporaries, write_factsheet

BATCH_SIZE = 32
RELEASES_PER_WORKER = 50  # fewer releases than this for each worker: fewer workers
DEFAULT_TIMEOUT = 120.0  # seconds a release may take; a press release takes a few milliseconds

_worker_nlp = {}


@dataclass
class Outcome:
    path: str
    status: str  # "done", "skipped" or "failed"
    message: str = ""
    words: int = 0
    entities: int = 0
    claims: int = 0
    sheet_json: str | None = None  # returned only when the caller stores it
    text: str | None = None
    sha256: str = ""
    site: str = ""
    countable: list[str] = field(default_factory=list)  # hashes of its paragraphs long enough to count as furniture
    repeated: list[str] = field(default_factory=list)  # those its fact sheet marks as repeated furniture


@dataclass
class Summary:
    done: int = 0
    skipped: int = 0
    failed: int = 0
    words: int = 0
    entities: int = 0
    claims: int = 0
    seconds: float = 0.0
    furniture_updates: int = 0
    repaired: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.words += outcome.words
        self.entities += outcome.entities
        self.claims += outcome.claims
        if outcome.status == "failed":
            self.errors.append(f"{shown(outcome.path)}: {outcome.message}")

    def line(self, out_dir) -> str:
        rate = self.words / self.seconds if self.seconds and self.words else 0
        extras = ""
        if self.repaired:
            extras += f"; {self.repaired} stored again in the database"
        if self.furniture_updates:
            extras += f"; furniture marked again in {self.furniture_updates}"
        return (f"{self.done} documents extracted, {self.skipped} unchanged (skipped), {self.failed} failed; "
                f"{self.entities} entities, {self.claims} claims; {rate:,.0f} words/s{extras} -> {out_dir}")


def _nlp(model):
    if model not in _worker_nlp:
        from .pipeline import build_nlp
        _worker_nlp[model] = build_nlp(model=model)
    return _worker_nlp[model]


def current_sheet(path: Path, out_dir: Path, sha256: str, meta=None) -> dict | None:
    """The fact sheet (as JSON) when it exists and was made from these bytes, with this metadata, by this version."""
    existing = out_dir / f"{path.stem}.json"
    try:
        sheet = json.loads(existing.read_text(encoding="utf-8"))
        document = sheet["document"]
        if meta is not None and (document.get("url") != meta.url or document.get("source") != meta.source or (
                meta.published is not None and document.get("published") != meta.published.isoformat())):
            return None
        current = document["sha256"] == sha256 and sheet["extractor"]["version"] == __version__
        return sheet if current else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_current(path: Path, out_dir: Path, sha256: str, meta=None) -> bool:
    return current_sheet(path, out_dir, sha256, meta) is not None


def _paragraph_info(sheet: dict) -> dict:
    """What the parent needs to count page furniture, from a fact sheet as JSON."""
    from .furniture import furniture_rules, site_from
    furniture = furniture_rules()
    document = sheet["document"]
    paragraphs = sheet.get("paragraphs", [])
    countable = [p["hash"] for p in paragraphs if p["end"] - p["start"] >= furniture.min_characters]
    return {"sha256": document["sha256"], "site": site_from(document.get("url"), document.get("source")),
            "countable": countable, "repeated": [p["hash"] for p in paragraphs if p.get("furniture") == "repeated"]}


def unchanged(name: str, out_dir: str, force: bool = False, meta=None) -> Outcome | None:
    """The outcome of a release that needs no extraction (its fact sheet is current, or it cannot be read)."""
    path = Path(name)
    try:
        source = read_source(path)
    except ReadError as err:
        return Outcome(name, "failed", str(err))
    existing = None if force else current_sheet(path, Path(out_dir), source.sha256, meta)
    if existing is not None:
        return Outcome(name, "skipped", **_paragraph_info(existing))
    return None


def extract_one(name: str, out_dir: str, model: str | None = None, force: bool = False,
                return_sheets: bool = False, meta=None) -> Outcome:
    """Read, extract and write the fact sheet of one release (``meta``: its SourceMeta, if any)."""
    from .extract import collector_paused, factsheet, source_doc
    out, path = Path(out_dir), Path(name)
    try:
        source = read_source(path)
    except ReadError as err:
        return Outcome(name, "failed", str(err))
    existing = None if force else current_sheet(path, out, source.sha256, meta)
    if existing is not None:
        return Outcome(name, "skipped", **_paragraph_info(existing))
    nlp = _nlp(model)
    try:
        with collector_paused():
            sheet = factsheet(nlp(source_doc(nlp, source, meta, path)), source, path.stem, name, nlp, meta)
    except Exception as err:
        # a defect of ours on this text: it fails alone, the batch goes on
        return Outcome(name, "failed", f"internal error, please report it: {type(err).__name__}: {err}")
    try:
        write_factsheet(sheet, out)
    except OSError as err:
        return Outcome(name, "failed", f"cannot write fact sheet to {out} ({err.strerror})")
    return Outcome(name, "done", words=sheet.document.words, entities=len(sheet.entities), claims=len(sheet.claims),
                   sheet_json=sheet.model_dump_json() if return_sheets else None,
                   text=source.text if return_sheets else None,
                   **_paragraph_info(sheet.model_dump(include={"document", "paragraphs"})))


def extract_batch(paths: list[str], out_dir: str, model: str | None = None, force: bool = False,
                  return_sheets: bool = False, meta: dict | None = None) -> list[Outcome]:
    """Extract one batch of files; runs wherever the engine sends it. ``meta``: path -> SourceMeta."""
    meta = meta or {}
    return [extract_one(name, out_dir, model, force, return_sheets, meta.get(name)) for name in paths]


class Progress:
    """A progress bar on a terminal, a log line every few hundred documents otherwise."""

    def __init__(self, total: int):
        self.total, self.count, self.bar = total, 0, None
        if sys.stderr.isatty():
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit="doc", file=sys.stderr)

    def update(self, n: int) -> None:
        self.count += n
        if self.bar is not None:
            self.bar.update(n)
        elif self.count == self.total or self.count // 500 != (self.count - n) // 500:
            print(f"{self.count}/{self.total} documents", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def batches(files: list[Path], size: int = BATCH_SIZE):
    for start in range(0, len(files), size):
        yield [str(p) for p in files[start:start + size]]


def batch_meta(batch: list[str], manifest: dict | None) -> dict | None:
    """The manifest rows of one batch's files, by path (small enough to send to a worker)."""
    if not manifest:
        return None
    from .manifest import meta_for
    found = {name: meta_for(manifest, Path(name)) for name in batch}
    return {name: row for name, row in found.items() if row is not None} or None


# Worker processes -----------------------------------------------------------------

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies, even by ``kill -9``, on Linux.

    Elsewhere, and where the parent died before this was set, the worker's own check of
    ``os.getppid`` in its loop ends it.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)


def _work(tasks, results, options: dict, parent: int) -> None:
    """A worker's loop: one release at a time, saying when it starts each, until told to stop."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent handles it
    _nlp(options["model"])  # built before the first release, whose time limit it would otherwise eat
    while True:
        try:
            task = tasks.get(timeout=5)
        except queue.Empty:
            if os.getppid() != parent:  # orphaned where the kernel could not be asked to end us
                return
            continue
        if task is None:
            return
        for name, meta in task:
            results.put(("start", os.getpid(), name))
            results.put(("done", os.getpid(), extract_one(name, meta=meta, **options)))
        results.put(("idle", os.getpid(), None))


class WorkerPool:
    """Worker processes that each take a batch and report every release they start and finish.

    A release running longer than ``timeout`` seconds is reported failed, its worker killed and
    replaced, and the rest of its batch handed on; so is a release whose worker dies.
    """

    def __init__(self, jobs: int, options: dict, timeout: float | None):
        self.context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        self.options, self.timeout = options, timeout
        self.results = self.context.Queue()
        self.workers: dict[int, dict] = {}
        for _ in range(jobs):
            self._start_worker()

    def _start_worker(self) -> None:
        tasks = self.context.Queue()
        process = self.context.Process(target=_work, args=(tasks, self.results, self.options, os.getpid()), daemon=True)
        process.start()
        # busy: from handing it a batch until it says "idle"; batch: what of it is not done yet
        self.workers[process.pid] = {"process": process, "tasks": tasks, "busy": False, "batch": [],
                                     "current": None, "since": 0.0}

    def _messages(self) -> list:
        """What the workers said: wait a little for the first message, then take all that are there."""
        try:
            messages = [self.results.get(timeout=0.2)]
        except queue.Empty:
            return []
        while True:
            try:
                messages.append(self.results.get_nowait())
            except queue.Empty:
                return messages

    def run(self, work: list[list[tuple[str, object]]], collect) -> None:
        """Run every batch of (path, meta) pairs, calling ``collect`` with each finished release's Outcome."""
        pending = list(work)
        while pending or any(w["busy"] for w in self.workers.values()):
            for worker in self.workers.values():
                if not worker["busy"] and pending:
                    worker["batch"], worker["busy"] = list(pending.pop(0)), True
                    worker["tasks"].put(worker["batch"])
            for kind, pid, payload in self._messages():
                worker = self.workers.get(pid)
                if worker is None:  # from a worker already replaced
                    continue
                if kind == "start":
                    worker["current"], worker["since"] = payload, time.monotonic()
                elif kind == "done":
                    worker["batch"] = [item for item in worker["batch"] if item[0] != payload.path]
                    worker["current"] = None
                    collect([payload])
                elif kind == "idle":
                    worker["busy"], worker["current"] = False, None
            pending[:0] = self._check_workers(collect)

    def _check_workers(self, collect) -> list[list[tuple[str, object]]]:
        """Replace workers past their time limit or dead; the rest of their batches, to run again."""
        again = []
        for pid, worker in list(self.workers.items()):
            over = (worker["current"] is not None and self.timeout
                    and time.monotonic() - worker["since"] > self.timeout)
            if not over and worker["process"].is_alive():
                continue
            worker["process"].kill()
            worker["process"].join()
            del self.workers[pid]
            self._start_worker()
            if not worker["batch"]:
                continue
            current = worker["current"] or worker["batch"][0][0]
            reason = (f"took longer than {self.timeout:g} s: stopped, and its worker replaced" if over
                      else f"its worker process died (exit code {worker['process'].exitcode})")
            collect([Outcome(current, "failed", reason)])
            rest = [item for item in worker["batch"] if item[0] != current]
            if rest:
                again.append(rest)
        return again

    def close(self, wait: float = 5) -> None:
        """Ask the workers to stop; kill those still going after ``wait`` seconds (0: at once)."""
        for worker in self.workers.values():
            if worker["process"].is_alive():
                worker["tasks"].put(None)
        for worker in self.workers.values():
            worker["process"].join(timeout=wait)
            if worker["process"].is_alive():
                worker["process"].kill()
                worker["process"].join()


def run(files: list[Path], out_dir: Path, *, model=None, force=False, jobs=1, store=None,
        engine="local", scheduler=None, manifest: dict | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> Summary:
    """Extract every file; ``store`` (a ``Store``) receives each new fact sheet; ``manifest`` gives metadata.

    ``timeout``: seconds a release may take in a worker process (``jobs`` > 1); None for no limit.
    """
    from .models import FactSheet
    summary = Summary()
    progress = Progress(len(files))
    started = time.perf_counter()
    remove_stale_temporaries(out_dir)
    options = dict(out_dir=str(out_dir), model=model, force=force, return_sheets=store is not None)
    seen: list[Outcome] = []

    def collect(outcomes):
        seen.extend(o for o in outcomes if o.status != "failed")
        for outcome in outcomes:
            if outcome.status == "failed":
                error(outcome.path, outcome.message)
            if store is not None and outcome.sheet_json:
                store.save(FactSheet.model_validate_json(outcome.sheet_json), outcome.text)
            elif store is not None and outcome.status == "skipped" and not store.has(outcome.sha256, __version__):
                summary.repaired += _store_again(store, out_dir, outcome)
            summary.add(outcome)
        progress.update(len(outcomes))

    try:
        if engine == "dask":
            _run_dask(files, options, scheduler, collect, manifest)
        else:
            # releases whose fact sheets are current are settled here: a rerun where nothing
            # changed starts no worker and builds no pipeline
            todo = []
            for name in (str(p) for p in files):
                row = batch_meta([name], manifest) or {}
                outcome = unchanged(name, str(out_dir), force, row.get(name))
                if outcome is None:
                    todo.append(name)
                else:
                    collect([outcome])
            _extract_here(todo, options, manifest, jobs, timeout, collect)
    finally:
        progress.close()
        remove_stale_temporaries(out_dir)  # again: workers of a killed run may have been zombies at the start
    summary.furniture_updates = settle_furniture(seen, out_dir, store)
    summary.seconds = time.perf_counter() - started
    return summary


def _extract_here(names: list[str], options: dict, manifest, jobs: int, timeout, collect) -> None:
    """Extract releases in this process (``jobs`` 1) or in worker processes (at most ``jobs``, one for
    every ``RELEASES_PER_WORKER`` releases to do, so one for a day's few releases: it keeps the time limit)."""
    if not names:
        return
    # a worker costs a second of start-up (spaCy, the pipeline's tables) and a release some 10 ms:
    # a second worker pays only when each has dozens of releases to do
    workers = min(jobs, math.ceil(len(names) / RELEASES_PER_WORKER))
    # batches small enough that the workers finish together: 7 batches of 32 on 2 workers leave one idle
    # for a seventh of the run
    size = BATCH_SIZE if jobs <= 1 else max(1, min(BATCH_SIZE, math.ceil(len(names) / (workers * 8))))
    work = []
    for start in range(0, len(names), size):
        batch = names[start:start + size]
        rows = batch_meta(batch, manifest) or {}
        work.append([(name, rows.get(name)) for name in batch])
    if jobs <= 1:
        for batch in work:
            collect([extract_one(name, meta=meta, **options) for name, meta in batch])
        return
    # built or loaded once, here, and the workers forked with it (where they are spawned, they load it): two
    # workers loading it at once on two cores take longer than one load, and forked they share its pages.
    # One worker loads it itself: forked, it would pay for copying every page of it that it touches.
    from . import pipeline_cache
    if workers > 1 or not pipeline_cache.is_current(options["model"], None):
        _nlp(options["model"])
    pool = WorkerPool(workers, options, timeout)
    try:
        pool.run(work, collect)
    except BaseException:  # interrupted, or the database failed: no worker goes on working
        pool.close(wait=0)
        raise
    pool.close()


def _store_again(store, out_dir: Path, outcome: Outcome) -> int:
    """A release whose fact sheet is current but whose rows are missing (an interrupted run): store them now."""
    from .models import FactSheet
    try:
        sheet = FactSheet.model_validate_json((out_dir / f"{Path(outcome.path).stem}.json").read_text(encoding="utf-8"))
        text = read_source(outcome.path).text
    except (OSError, ValueError, ReadError):
        return 0
    store.save(sheet, text)
    return 1


def settle_furniture(outcomes: list[Outcome], out_dir: Path, store=None) -> int:
    """Mark paragraphs repeated across the run's documents (and the database's) as furniture.

    Counts come from the paragraph hashes the workers reported and the database holds; only fact
    sheets whose furniture changes are read and written again. Returns how many were updated.
    """
    from .furniture import furniture_rules, mark, repeated
    from .models import FactSheet
    furniture = furniture_rules()
    in_run = {o.sha256 for o in outcomes}
    counts: dict[tuple[str, str], set[str]] = store.paragraph_counts(exclude=in_run) if store is not None else {}
    for outcome in outcomes:
        for digest in outcome.countable:
            counts.setdefault((outcome.site, digest), set()).add(outcome.sha256)
    keys = repeated(counts, furniture)
    updated = 0
    for outcome in outcomes:
        should = {d for d in outcome.countable if (outcome.site, d) in keys}
        if should == set(outcome.repeated):
            continue
        path = out_dir / f"{Path(outcome.path).stem}.json"
        sheet = FactSheet.model_validate_json(path.read_text(encoding="utf-8"))
        if mark(sheet, keys):
            write_factsheet(sheet, out_dir)
            if store is not None:
                store.replace_facts(sheet)
            updated += 1
    if store is not None:  # stored documents of earlier runs that print a newly repeated paragraph
        for sheet in store.sheets_with_paragraphs(keys, exclude=in_run):
            if mark(sheet, keys):
                store.replace_facts(sheet)
                updated += 1
    return updated


def _run_dask(files, options, scheduler, collect, manifest=None):
    try:
        from dask.distributed import Client, as_completed
    except ImportError as err:
        raise RuntimeError("the dask engine needs the dask extra: pip install 'iomextract[dask]'") from err
    with Client(scheduler) as client:
        futures = [client.submit(extract_batch, batch, pure=False, meta=batch_meta(batch, manifest), **options)
                   for batch in batches(files)]
        for future in as_completed(futures):
            collect(future.result())


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
