"""Command line: ``iomextract extract|check|timeline|explain|report|schema``. A thin layer over the library."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from . import batch
from .check import DocumentClaim, check, format_table
from .models import FactSheet
from .store import Store, StoreError

RELEASE_SUFFIXES = {".txt", ".html", ".htm"}


def release_files(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Release files given or found in given folders; and the paths that do not exist."""
    files, missing = [], []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in RELEASE_SUFFIXES
                            and not p.name.startswith("."))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(given)
    return files, missing


def unique_ids(files: list[Path]) -> tuple[list[Path], list[str]]:
    """Files whose fact sheet name (the file stem) is not taken by an earlier file; errors for the rest."""
    seen: dict[str, Path] = {}
    kept, errors = [], []
    for path in files:
        if path.stem in seen:
            errors.append(f"{path}: same document id {path.stem!r} as {seen[path.stem]}; rename one of them")
        else:
            seen[path.stem] = path
            kept.append(path)
    return kept, errors


def cmd_extract(args) -> int:
    files, missing = release_files(args.paths)
    files, clashes = unique_ids(files)
    for given in missing:
        print(f"error: {given}: no such file or folder", file=sys.stderr)
    for clash in clashes:
        print(f"error: {clash}", file=sys.stderr)
    out_dir = Path(args.out)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / ".iomextract-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as err:
        print(f"error: {out_dir}: cannot write to the output folder ({err.strerror})", file=sys.stderr)
        return 2
    manifest, manifest_failed = None, False
    if args.meta:
        from .manifest import ManifestError, read_manifest
        try:
            manifest, row_errors = read_manifest(args.meta)
        except ManifestError as err:
            print(f"error: {err}; going on without it", file=sys.stderr)
            row_errors, manifest_failed = [], True
        for row_error in row_errors:
            print(f"error: {row_error}", file=sys.stderr)
        manifest_failed = manifest_failed or bool(row_errors)
    try:
        store = Store(args.db) if args.db else None
    except StoreError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    try:
        summary = batch.run(files, out_dir, model=args.model, force=args.force, jobs=args.jobs or batch.default_jobs(),
                            store=store, engine=args.engine, scheduler=args.scheduler, manifest=manifest,
                            timeout=args.timeout or None)
    except RuntimeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: every fact sheet written so far is whole; run again to go on", file=sys.stderr)
        return 130
    finally:
        if store:
            store.close()
    print(summary.line(out_dir), file=sys.stderr)
    return 1 if summary.failed or missing or clashes or manifest_failed else 0


def load_factsheets(paths: list[str]) -> tuple[list[FactSheet], int]:
    """Fact sheets from files and folders; errors name the file and are counted."""
    sheets, failed = [], 0
    for given in paths:
        path = Path(given)
        files = sorted(path.glob("*.json")) if path.is_dir() else [path]
        for file in files:
            try:
                sheets.append(FactSheet.model_validate_json(file.read_bytes()))
            except FileNotFoundError:
                failed += 1
                print(f"error: {file}: no such file or folder", file=sys.stderr)
            except OSError as err:
                failed += 1
                print(f"error: {file}: cannot read ({err.strerror})", file=sys.stderr)
            except ValueError as err:
                failed += 1
                first = str(err).splitlines()[0]
                print(f"error: {file}: not a fact sheet ({first})", file=sys.stderr)
    return sheets, failed


def document_claims(sheets: list[FactSheet]) -> list[DocumentClaim]:
    from .furniture import site_of
    return [DocumentClaim(s.document.id, s.document.published, c, site=site_of(s.document)) for s in sheets for c in s.claims]


def gather(paths: list[str], db: str | None) -> tuple[list[FactSheet], set[str] | None, int]:
    """Fact sheets from files and the database, furniture marked across all of them.

    Returns (sheets, the ids of the sheets given as files when a database is used too, failures).
    """
    from .furniture import furniture_rules, mark_all
    sheets, failed = load_factsheets(paths)
    focus = None
    if db:
        with Store(db) as store:  # a StoreError is the caller's to report
            stored = store.sheets()
        given = {s.document.id for s in sheets}
        focus = given or None
        sheets = [s for s in stored if s.document.id not in given] + sheets
    mark_all(sheets, furniture_rules())
    return sheets, focus, failed


def gather_or_exit(args, what: str):
    """``gather`` for check and timeline; an exit status instead where there is nothing to read."""
    if not args.paths and not args.db:
        print(f"error: give {what}, or --db", file=sys.stderr)
        return 2
    try:
        return gather(args.paths, args.db)
    except StoreError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


def cmd_check(args) -> int:
    gathered = gather_or_exit(args, "fact sheets to check")
    if isinstance(gathered, int):
        return gathered
    sheets, focus, failed = gathered
    report = check(document_claims(sheets), focus=focus)
    print(report.model_dump_json(indent=1) if args.json else format_table(report))
    return 1 if failed else 0


def cmd_timeline(args) -> int:
    from .timeline import format_timeline, timeline
    gathered = gather_or_exit(args, "fact sheets")
    if isinstance(gathered, int):
        return gathered
    sheets, _, failed = gathered
    result = timeline(document_claims(sheets), subject=args.subject, attribute=args.attribute)
    print(result.model_dump_json(indent=1) if args.json else format_timeline(result))
    return 1 if failed else 0


def cmd_explain(args) -> int:
    from .patterns import rule_index
    sheets, failed = load_factsheets([args.factsheet])
    if failed or not sheets:
        return 2
    sheet = sheets[0]
    items = sheet.claims if args.entity is None else sheet.entities
    number = args.claim if args.entity is None else args.entity
    kind = "claim" if args.entity is None else "entity"
    if number is None:
        for n, claim in enumerate(sheet.claims):
            print(f"claim {n}: {claim.subject} / {claim.attribute} = {claim.value}  [{claim.rule}]")
        print(f"({len(sheet.entities)} entities: --entity N)")
        return 0
    if not 0 <= number < len(items):
        print(f"error: {args.factsheet}: no {kind} {number} (it has {len(items)})", file=sys.stderr)
        return 2
    item = items[number]
    index = rule_index()
    if kind == "claim":
        target = f" ({item.object})" if item.object else ""
        print(f"claim {number}: {item.subject} / {item.attribute} = {item.value}{target}")
        evidence = item.evidence
        print(f"evidence (sentence {item.sentence}, characters {evidence.start}-{evidence.end}):\n  {evidence.text}")
        print(f"flags: hedged={item.hedged} negated={item.negated} boilerplate={item.boilerplate} "
              f"attributed_to={item.attributed_to}")
    else:
        print(f"entity {number}: {item.type} {item.text!r} (characters {item.start}-{item.end})")
        print("attributes: " + json.dumps(item.model_dump(exclude={"type", "text", "start", "end", "rule"}),
                                          ensure_ascii=False))
    found = index.get(item.rule or "")
    if found is None:
        print(f"rule: {item.rule} (not a rule of this iomextract's patterns/)")
        return 1
    path, line, text = found
    print(f"rule: {item.rule}  ({path}:{line})\n  {text}")
    return 0


def cmd_report(args) -> int:
    from .extract import extract_file
    from .pipeline import build_nlp
    from .reader import ReadError, read_source
    from .report import ReportDocument, render
    from .writers import write_atomic
    documents, failed = [], 0
    json_paths = [p for p in args.paths if Path(p).suffix == ".json" or (Path(p).is_dir() and any(Path(p).glob("*.json")))]
    release_paths = [p for p in args.paths if p not in json_paths]
    sheets, failed = load_factsheets(json_paths)
    for sheet in sheets:
        text = None
        try:
            source = read_source(sheet.document.path)
            text = source.text if source.sha256 == sheet.document.sha256 else None
        except (ReadError, OSError):
            pass
        documents.append(ReportDocument(sheet, text))
    files, missing = release_files(release_paths)
    for given in missing:
        failed += 1
        print(f"error: {given}: no such file or folder", file=sys.stderr)
    if files:
        nlp = build_nlp()
        for path in files:
            try:
                sheet = extract_file(path, nlp=nlp)
                documents.append(ReportDocument(sheet, read_source(path).text))
            except ReadError as err:
                failed += 1
                print(f"error: {path}: {err}", file=sys.stderr)
    if args.db:
        try:
            with Store(args.db) as store:
                given = {d.sheet.document.id for d in documents}
                documents += [ReportDocument(s, t) for s, t in store.documents() if s.document.id not in given]
        except StoreError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
    from .furniture import furniture_rules, mark_all
    mark_all([d.sheet for d in documents], furniture_rules())
    items = document_claims([d.sheet for d in documents])
    try:
        from .timeline import timeline
        write_atomic(Path(args.out), render(documents, check(items), timeline(items)))
    except OSError as err:
        print(f"error: {args.out}: cannot write the report ({err.strerror})", file=sys.stderr)
        return 2
    print(f"{len(documents)} documents -> {args.out}", file=sys.stderr)
    return 1 if failed else 0


def cmd_schema(args) -> int:
    print(json.dumps(FactSheet.model_json_schema(), indent=1))
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="iomextract", description=__doc__)
    main.add_argument("--version", action="version", version=__version__)
    sub = main.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="write one JSON fact sheet per release")
    extract.add_argument("paths", nargs="+", help="release files (.txt, .html) or folders of them")
    extract.add_argument("--out", required=True, help="folder for the fact sheets")
    extract.add_argument("--model", default=None, help="an installed spaCy pipeline whose NER fills gaps (e.g. en_core_web_sm)")
    extract.add_argument("--db", default=None, help="also store documents, entities and claims in this SQLite file")
    extract.add_argument("--force", action="store_true", help="redo documents whose fact sheet is current")
    extract.add_argument("--timeout", type=float, default=batch.DEFAULT_TIMEOUT, metavar="SECONDS",
                         help="seconds a release may take in a worker process before it is stopped and reported "
                              f"(default {batch.DEFAULT_TIMEOUT:g}; 0: no limit; --jobs 1 runs in this process, without it)")
    extract.add_argument("--meta", default=None, metavar="FILE",
                         help="CSV or JSONL manifest: file name or path -> published, url, source (as crawlers keep them)")
    extract.add_argument("--jobs", type=int, default=0, help="worker processes (default: the machine's cores)")
    extract.add_argument("--engine", choices=["local", "dask"], default="local",
                         help="dask: run the batches on a Dask cluster (pip install 'iomextract[dask]')")
    extract.add_argument("--scheduler", default=None, help="address of the Dask scheduler, with --engine dask")
    extract.set_defaults(run=cmd_extract)
    checker = sub.add_parser("check", help="report claims that disagree across documents")
    checker.add_argument("paths", nargs="*", help="fact sheets or folders of them")
    checker.add_argument("--db", default=None, help="check against everything stored in this database")
    checker.add_argument("--json", action="store_true", help="print the report as JSON")
    checker.set_defaults(run=cmd_check)
    report = sub.add_parser("report", help="write one HTML page to review releases, claims and conflicts")
    report.add_argument("paths", nargs="*", help="fact sheets, releases (extracted first), or folders of them")
    report.add_argument("--db", default=None, help="also every document stored in this database")
    report.add_argument("--out", default="report.html", help="the HTML file to write")
    report.set_defaults(run=cmd_report)
    line = sub.add_parser("timeline", help="facts that change, their values in the order of the documents' dates")
    line.add_argument("paths", nargs="*", help="fact sheets or folders of them")
    line.add_argument("--db", default=None, help="everything stored in this database (and the given fact sheets)")
    line.add_argument("--subject", default=None, help="only subjects whose name contains this")
    line.add_argument("--attribute", default=None, help="only this attribute, e.g. member_state_count")
    line.add_argument("--json", action="store_true", help="print the timeline as JSON")
    line.set_defaults(run=cmd_timeline)
    explain = sub.add_parser("explain", help="the rule and evidence behind a claim or entity of a fact sheet")
    explain.add_argument("factsheet", help="a fact sheet (JSON)")
    which = explain.add_mutually_exclusive_group()
    which.add_argument("--claim", type=int, default=None, metavar="N", help="the claim's index (0 first)")
    which.add_argument("--entity", type=int, default=None, metavar="N", help="the entity's index (0 first)")
    explain.set_defaults(run=cmd_explain)
    schema = sub.add_parser("schema", help="print the JSON Schema of a fact sheet")
    schema.set_defaults(run=cmd_schema)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
