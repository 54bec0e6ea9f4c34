"""Batch extraction: many releases, streamed through ``nlp.pipe`` in batches.

The same ``extract_batch`` function runs in this process (``jobs=1``), in a
pool of worker processes (``jobs>1``), or on a Dask cluster
(``engine="dask"``). Each worker builds its pipeline once. Fact sheets are
written by the workers, atomically; the database, if any, is written here
from the returned fact sheets, one transaction a document.
"""
from __future__ import annotations

import json
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .extract import factsheet, source_doc
from .reader import ReadError, read_source
from .writers import write_factsheet

BATCH_SIZE = 32

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
    errors: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.words += outcome.words
        self.entities += outcome.entities
        self.claims += outcome.claims
        if outcome.status == "failed":
            self.errors.append(f"{outcome.path}: {outcome.message}")

    def line(self, out_dir) -> str:
        rate = self.words / self.seconds if self.seconds and self.words else 0
        furniture = f"; furniture marked again in {self.furniture_updates}" if self.furniture_updates else ""
        return (f"{self.done} documents extracted, {self.skipped} unchanged (skipped), {self.failed} failed; "
                f"{self.entities} entities, {self.claims} claims; {rate:,.0f} words/s{furniture} -> {out_dir}")


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


def extract_batch(paths: list[str], out_dir: str, model: str | None = None, force: bool = False,
                  return_sheets: bool = False, meta: dict | None = None) -> list[Outcome]:
    """Extract one batch of files; runs wherever the engine sends it. ``meta``: path -> SourceMeta."""
    out = Path(out_dir)
    meta = meta or {}
    outcomes: dict[str, Outcome] = {}
    todo = []
    for name in paths:
        path = Path(name)
        try:
            source = read_source(path)
        except ReadError as err:
            outcomes[name] = Outcome(name, "failed", str(err))
            continue
        existing = None if force else current_sheet(path, out, source.sha256, meta.get(name))
        if existing is not None:
            outcomes[name] = Outcome(name, "skipped", **_paragraph_info(existing))
            continue
        todo.append((path, source))
    if todo:
        nlp = _nlp(model)
        docs = nlp.pipe(source_doc(nlp, source, meta.get(str(path))) for path, source in todo)
        for (path, source), doc in zip(todo, docs):
            sheet = factsheet(doc, source, path.stem, str(path), nlp, meta.get(str(path)))
            try:
                write_factsheet(sheet, out)
            except OSError as err:
                outcomes[str(path)] = Outcome(str(path), "failed", f"cannot write fact sheet to {out} ({err.strerror})")
                continue
            outcomes[str(path)] = Outcome(str(path), "done", words=sheet.document.words, entities=len(sheet.entities),
                                          claims=len(sheet.claims),
                                          sheet_json=sheet.model_dump_json() if return_sheets else None,
                                          text=source.text if return_sheets else None,
                                          **_paragraph_info(sheet.model_dump(include={"document", "paragraphs"})))
    return [outcomes[name] for name in paths]


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


def run(files: list[Path], out_dir: Path, *, model=None, force=False, jobs=1, store=None,
        engine="local", scheduler=None, manifest: dict | None = None) -> Summary:
    """Extract every file; ``store`` (a ``Store``) receives each new fact sheet; ``manifest`` gives metadata."""
    from .models import FactSheet
    summary = Summary()
    progress = Progress(len(files))
    started = time.perf_counter()
    options = dict(out_dir=str(out_dir), model=model, force=force, return_sheets=store is not None)

    seen: list[Outcome] = []

    def collect(outcomes):
        seen.extend(o for o in outcomes if o.status != "failed")
        for outcome in outcomes:
            if outcome.status == "failed":
                print(f"error: {outcome.path}: {outcome.message}", file=sys.stderr)
            if store is not None and outcome.sheet_json:
                store.save(FactSheet.model_validate_json(outcome.sheet_json), outcome.text)
            summary.add(outcome)
        progress.update(len(outcomes))

    try:
        if engine == "dask":
            _run_dask(files, options, scheduler, collect, manifest)
        elif jobs <= 1:
            for batch in batches(files):
                collect(extract_batch(batch, meta=batch_meta(batch, manifest), **options))
        else:
            pool = ProcessPoolExecutor(max_workers=jobs)
            try:
                pending = set()
                for batch in batches(files):
                    if len(pending) >= jobs * 2:  # bounded: memory stays flat however many files
                        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                        for future in finished:
                            collect(future.result())
                    pending.add(pool.submit(extract_batch, batch, meta=batch_meta(batch, manifest), **options))
                for future in pending:
                    collect(future.result())
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
    finally:
        progress.close()
    summary.furniture_updates = settle_furniture(seen, out_dir, store)
    summary.seconds = time.perf_counter() - started
    return summary


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
