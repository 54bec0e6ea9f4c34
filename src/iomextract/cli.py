"""Command line: ``iomextract extract|check|timeline|explain|report|schema``. A thin layer over the library."""
from __future__ import annotations

import argparse
import json
import math
import os
import stat
import sys
from collections import Counter
from pathlib import Path

from pydantic import ValidationError

from . import __version__
from . import batch
from .check import DocumentClaim, check, format_table
from .models import FactSheet
from .reader import file_kind
from .store import Store, StoreError
from .terminal import error, shown

RELEASE_SUFFIXES = {".txt", ".html", ".htm"}


def path_problem(path: Path) -> str | None:
    """Why a given path is neither a folder nor a regular file to read; None when it is one."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "a broken symbolic link" if os.path.islink(path) else "no such file or folder"
    except OSError as err:
        return f"cannot be read ({err.strerror})"  # a symbolic link loop, a name too long, no permission
    if stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode):
        return None
    return f"not a regular file ({file_kind(info.st_mode)})"


def release_files(paths: list[str]) -> tuple[list[Path], list[tuple[str, str]], Counter]:
    """Release files given or found in given folders, with the releases inside archives (WARC files,
    feeds) as references (``archives``); (path, problem) for the rest given by name; and the suffixes
    of the files in the folders that are no release, counted."""
    from . import archives
    files, problems, skipped = [], [], Counter()

    def expand(archive: Path) -> None:
        try:
            found = archives.members(archive)
        except archives.ArchiveError as err:
            problems.append((str(archive), str(err)))
            return
        if not found:
            problems.append((str(archive), "no releases in it (no HTML or text page records, no feed entries)"))
        files.extend(Path(name) for name in found)

    for given in paths:
        path = Path(given)
        problem = path_problem(path)
        if problem:
            problems.append((given, problem))
        elif path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.name.startswith(".") or not found.is_file():
                    continue
                if found.suffix.lower() in RELEASE_SUFFIXES:
                    if archives.is_listing(found):
                        expand(found)
                    else:
                        files.append(found)
                elif archives.is_archive(found) and found.suffix.lower() != ".xml":  # an .xml may be a sitemap
                    expand(found)
                else:
                    skipped[found.suffix.lower() or "(no suffix)"] += 1
        elif archives.is_archive(path):
            expand(path)
        elif path.suffix.lower() == ".json":
            problems.append((given, "a fact sheet (.json), not a release: extract reads .txt and .html files"))
        elif path.suffix.lower() not in RELEASE_SUFFIXES:
            problems.append((given, f"not a release file ({path.suffix or 'no suffix'}): extract reads .txt, .html "
                                    f"and .htm files, WARC files (.warc, .warc.gz) and feeds (.rss, .atom, .xml)"))
        elif archives.is_listing(path):
            expand(path)
        else:
            files.append(path)
    return files, problems, skipped


def skipped_line(skipped: Counter) -> str:
    kinds = ", ".join(f"{count} {suffix}" for suffix, count in sorted(skipped.items()))
    total = sum(skipped.values())
    return f"skipped {total} file{'s' if total != 1 else ''} that {'are' if total != 1 else 'is'} no release ({kinds})"


def positive_int(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is not 1 or more")
    return number


def seconds(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(number) or number < 0:
        raise argparse.ArgumentTypeError(f"{text} is not 0 (no limit) or a positive number of seconds")
    return number


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
    files, problems, skipped = release_files(args.paths)
    files, clashes = unique_ids(files)
    for given, problem in problems:
        error(given, problem)
    for clash in clashes:
        print(f"error: {shown(clash)}", file=sys.stderr)
    if skipped:
        print(skipped_line(skipped), file=sys.stderr)
    out_dir = Path(args.out)
    inputs = {path.resolve() for path in files}
    overwritten = [path for path in files if (out_dir / f"{path.stem}.json").resolve() in inputs]
    for path in overwritten:  # never write a fact sheet over a file given to read
        error(path, f"its fact sheet would overwrite it in {shown(out_dir)}; choose another --out")
    files = [path for path in files if path not in overwritten]
    if not files:
        print("error: no release files (.txt, .html) to extract; nothing was written", file=sys.stderr)
        return 2
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / f".iomextract-write-test.{os.getpid()}"  # one per run: two runs may share the folder
        probe.write_text("")
        probe.unlink()
    except OSError as err:
        error(out_dir, f"cannot write to the output folder ({err.strerror})")
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
    except StoreError as err:
        print(f"error: {shown(err)}", file=sys.stderr)
        print("stopped: every fact sheet written so far is whole, and running the same command again stores "
              "in the database what it lacks", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: every fact sheet written so far is whole; run again to go on", file=sys.stderr)
        return 130
    finally:
        if store:
            store.close()
    summary.failed += len(problems) + len(clashes) + len(overwritten)
    print(summary.line(shown(out_dir)), file=sys.stderr)
    return 1 if summary.failed or manifest_failed else 0


MAX_FACTSHEET_BYTES = 256 * 1024 * 1024


def validation_problem(err: ValueError) -> str:
    """The first field a fact sheet fails on, and why: 'document.published: ...'."""
    if isinstance(err, ValidationError) and err.errors():
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']}" if where else first["msg"]
    return str(err).splitlines()[0]


def load_factsheets(paths: list[str]) -> tuple[list[FactSheet], int]:
    """Fact sheets from files and folders; errors name the file and are counted."""
    from .reader import ReadError, read_bytes
    sheets, failed = [], 0
    for given in paths:
        path = Path(given)
        problem = path_problem(path)
        if problem:
            failed += 1
            error(given, problem)
            continue
        files = sorted(path.glob("*.json")) if path.is_dir() else [path]
        if path.is_dir() and not files:
            failed += 1
            releases = sum(1 for p in path.rglob("*") if p.suffix.lower() in RELEASE_SUFFIXES and p.is_file())
            error(given, f"no fact sheets here ({releases} release files): run 'iomextract extract {shown(given)} "
                         f"--out FOLDER' first, then give FOLDER" if releases else "no fact sheets here (no .json files)")
        elif not path.is_dir() and path.suffix.lower() in RELEASE_SUFFIXES:
            failed += 1
            error(given, "a release, not a fact sheet: run 'iomextract extract' on it first")
            continue
        for file in files:
            try:
                sheets.append(FactSheet.model_validate_json(read_bytes(file, MAX_FACTSHEET_BYTES)))
            except ReadError as err:
                failed += 1
                error(file, str(err))
            except ValueError as err:
                failed += 1
                error(file, f"not a fact sheet ({validation_problem(err)})")
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
        with Store(db, readonly=True) as store:  # a StoreError is the caller's to report
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
        gathered = gather(args.paths, args.db)
    except StoreError as err:
        print(f"error: {shown(err)}", file=sys.stderr)
        return 2
    sheets, _, failed = gathered
    if failed and not sheets:  # a report of nothing would read as "no conflicts"
        return 1
    return gathered


def filtered_claims(args, sheets) -> list[DocumentClaim] | None:
    """The claims of the sheets that --subject and --attribute ask for; None (and one line) for a wrong attribute."""
    from .check import claim_attributes, subject_matcher
    attributes = claim_attributes()
    if args.attribute and args.attribute not in attributes:
        print(f"error: no attribute {args.attribute!r}; one of: {', '.join(attributes)}", file=sys.stderr)
        return None
    about = subject_matcher(args.subject)
    return [item for item in document_claims(sheets)
            if about(item.claim) and (not args.attribute or item.claim.attribute == args.attribute)]


def cmd_check(args) -> int:
    if args.save and not args.db:
        print("error: --save stores the conflicts in a database: give --db", file=sys.stderr)
        return 2
    if args.save and (args.subject or args.attribute or args.kind):
        print("error: --save stores every conflict: give it without --subject, --attribute or --kind", file=sys.stderr)
        return 2
    gathered = gather_or_exit(args, "fact sheets to check")
    if isinstance(gathered, int):
        return gathered
    sheets, focus, failed = gathered
    items = filtered_claims(args, sheets)
    if items is None:
        return 2
    report = check(items, focus=focus)
    if args.kind:
        report.conflicts = [c for c in report.conflicts if c.kind == args.kind]
    print(report.model_dump_json(indent=1) if args.json else format_table(report))
    if args.save:
        from datetime import datetime, timezone
        try:
            with Store(args.db) as store:
                saved = store.save_conflicts(report, datetime.now(timezone.utc).isoformat(timespec="seconds"))
        except StoreError as err:
            print(f"error: {shown(err)}", file=sys.stderr)
            return 2
        print(f"{saved} conflict{'' if saved == 1 else 's'} stored in {shown(args.db)} (tables conflicts, "
              f"conflict_statements)", file=sys.stderr)
    if args.fail_on and any(c.kind == args.fail_on for c in report.conflicts):
        return 3  # for pipelines: a conflict of that kind was found
    return 1 if failed else 0


def cmd_export(args) -> int:
    from .export import ExportError, tables, write
    gathered = gather_or_exit(args, "fact sheets to export")
    if isinstance(gathered, int):
        return gathered
    sheets, _, failed = gathered
    rows = tables(sheets, check(document_claims(sheets)))
    try:
        written = write(rows, Path(args.to), args.format)
    except ExportError as err:
        print(f"error: {shown(err)}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{len(rows[name])} {name}" for name in written)
    print(f"{counts} -> {shown(args.to)} ({args.format})", file=sys.stderr)
    return 1 if failed else 0


def cmd_browse(args) -> int:
    from .browse import serve
    try:
        with Store(args.db, readonly=True) as store:  # an iomextract database of this schema, or one line
            counts = store.counts()
    except StoreError as err:
        print(f"error: {shown(err)}", file=sys.stderr)
        return 2
    print(f"{counts['documents']} documents, {counts['claims']} claims: http://{args.host}:{args.port}/ "
          f"(Ctrl-C stops it)", file=sys.stderr)
    try:
        return serve(Path(args.db), args.host, args.port)
    except RuntimeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


def cmd_timeline(args) -> int:
    from .timeline import format_timeline, timeline
    gathered = gather_or_exit(args, "fact sheets")
    if isinstance(gathered, int):
        return gathered
    sheets, _, failed = gathered
    items = filtered_claims(args, sheets)
    if items is None:
        return 2
    result = timeline(items, subject=args.subject, attribute=args.attribute)
    if args.kind:  # the facts whose values are, to check, of this kind
        kinds = {(c.subject, c.attribute, c.object): c.kind for c in check(items).conflicts}
        result.facts = [f for f in result.facts if kinds.get((f.subject, f.attribute, f.object)) == args.kind]
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
    if not args.paths and not args.db:
        print("error: give fact sheets, releases or folders of them, or --db", file=sys.stderr)
        return 2
    out = Path(args.out)
    if not out.parent.is_dir():
        error(out, f"the folder {shown(out.parent)} does not exist")
        return 2
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
    files, problems, _ = release_files(release_paths)
    for given, problem in problems:
        failed += 1
        error(given, problem)
    if files:
        nlp = build_nlp()
        for path in files:
            try:
                sheet = extract_file(path, nlp=nlp)
                documents.append(ReportDocument(sheet, read_source(path).text))
            except ReadError as err:
                failed += 1
                error(path, str(err))
    if args.db:
        try:
            with Store(args.db, readonly=True) as store:
                given = {d.sheet.document.id for d in documents}
                documents += [ReportDocument(s, t) for s, t in store.documents() if s.document.id not in given]
        except StoreError as err:
            print(f"error: {shown(err)}", file=sys.stderr)
            return 2
    if not documents:
        print("error: no documents to report; nothing was written", file=sys.stderr)
        return 2
    from .furniture import furniture_rules, mark_all
    mark_all([d.sheet for d in documents], furniture_rules())
    items = document_claims([d.sheet for d in documents])
    try:
        from .timeline import timeline
        write_atomic(out, render(documents, check(items), timeline(items)))
    except OSError as err:
        error(out, f"cannot write the report ({err.strerror})")
        return 2
    print(f"{len(documents)} documents -> {shown(out)}", file=sys.stderr)
    return 1 if failed else 0


def cmd_cache(args) -> int:
    from . import pipeline_cache
    if args.clear:
        root, removed = pipeline_cache.clear()
        print(f"{removed} cached pipeline{'' if removed == 1 else 's'} removed from {shown(root)}")
        return 0
    root = pipeline_cache.cache_root()
    entries = pipeline_cache.entries()
    current = pipeline_cache.is_current(None, None)
    print(f"{shown(root)}: {len(entries)} cached pipeline{'' if len(entries) == 1 else 's'}, "
          f"{sum(size for _, size in entries) / 1e6:.1f} MB; "
          f"{'current for this version' if current else 'none current: the next run builds one'}")
    return 0


def cmd_schema(args) -> int:
    from .models import EXPORT_TABLES
    model = FactSheet if args.table is None else EXPORT_TABLES[args.table]
    print(json.dumps(model.model_json_schema(), indent=1))
    return 0


def add_filters(command) -> None:
    from .check import claim_attributes
    command.add_argument("--subject", default=None,
                         help="only subjects whose name contains this, or an organization it is the acronym or "
                              "alias of ('IOM' finds the International Organization for Migration)")
    command.add_argument("--attribute", default=None, metavar="NAME",
                         help=f"only this attribute: {', '.join(claim_attributes())}")
    command.add_argument("--kind", choices=["contradiction", "changed", "compatible"], default=None,
                         help="only conflicts (facts) of this kind")


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
    extract.add_argument("--timeout", type=seconds, default=batch.DEFAULT_TIMEOUT, metavar="SECONDS",
                         help="seconds a release may take in a worker process before it is stopped and reported "
                              f"(default {batch.DEFAULT_TIMEOUT:g}; 0: no limit; --jobs 1 runs in this process, without it)")
    extract.add_argument("--meta", default=None, metavar="FILE",
                         help="CSV or JSONL manifest: file name or path -> published, url, source (as crawlers keep them)")
    extract.add_argument("--jobs", type=positive_int, default=None,
                         help="worker processes (default: the machine's cores; one for every 50 files to do, at most)")
    extract.add_argument("--engine", choices=["local", "dask"], default="local",
                         help="dask: run the batches on a Dask cluster (pip install 'iomextract[dask]')")
    extract.add_argument("--scheduler", default=None, help="address of the Dask scheduler, with --engine dask")
    extract.set_defaults(run=cmd_extract)
    checker = sub.add_parser("check", help="report claims that disagree across documents")
    checker.add_argument("paths", nargs="*", help="fact sheets or folders of them")
    checker.add_argument("--db", default=None, help="check against everything stored in this database")
    checker.add_argument("--json", action="store_true", help="print the report as JSON")
    add_filters(checker)
    checker.add_argument("--fail-on", choices=["contradiction", "changed", "compatible"], default=None,
                         help="exit with status 3 when a conflict of this kind is found (for pipelines)")
    checker.add_argument("--save", action="store_true",
                         help="store the conflicts in the --db database (tables conflicts, conflict_statements), "
                              "replacing those of the last run")
    checker.set_defaults(run=cmd_check)
    export = sub.add_parser("export", help="flat tables (documents, entities, claims, conflicts) for spreadsheets and dataframes")
    export.add_argument("paths", nargs="*", help="fact sheets or folders of them")
    export.add_argument("--db", default=None, help="everything stored in this database (and the given fact sheets)")
    export.add_argument("--to", required=True, metavar="DIR", help="folder for one file a table")
    export.add_argument("--format", choices=["csv", "jsonl", "parquet"], default="csv",
                        help="csv (UTF-8 for spreadsheets, the default), jsonl, or parquet (pip install 'iomextract[parquet]')")
    export.set_defaults(run=cmd_export)
    browse = sub.add_parser("browse", help="open the database in Datasette, read-only (pip install 'iomextract[browse]')")
    browse.add_argument("--db", required=True, help="the database of extract --db")
    browse.add_argument("--port", type=positive_int, default=8001)
    browse.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: this machine only)")
    browse.set_defaults(run=cmd_browse)
    report = sub.add_parser("report", help="write one HTML page to review releases, claims and conflicts")
    report.add_argument("paths", nargs="*", help="fact sheets, releases (extracted first), or folders of them")
    report.add_argument("--db", default=None, help="also every document stored in this database")
    report.add_argument("--out", default="report.html", help="the HTML file to write")
    report.set_defaults(run=cmd_report)
    line = sub.add_parser("timeline", help="facts that change, their values in the order of the documents' dates")
    line.add_argument("paths", nargs="*", help="fact sheets or folders of them")
    line.add_argument("--db", default=None, help="everything stored in this database (and the given fact sheets)")
    add_filters(line)
    line.add_argument("--json", action="store_true", help="print the timeline as JSON")
    line.set_defaults(run=cmd_timeline)
    explain = sub.add_parser("explain", help="the rule and evidence behind a claim or entity of a fact sheet")
    explain.add_argument("factsheet", help="a fact sheet (JSON)")
    which = explain.add_mutually_exclusive_group()
    which.add_argument("--claim", type=int, default=None, metavar="N", help="the claim's index (0 first)")
    which.add_argument("--entity", type=int, default=None, metavar="N", help="the entity's index (0 first)")
    explain.set_defaults(run=cmd_explain)
    cache = sub.add_parser("cache", help="where the built pipeline is kept between runs, and its size")
    cache.add_argument("--clear", action="store_true", help="remove every cached pipeline (the next run builds one)")
    cache.set_defaults(run=cmd_cache)
    schema = sub.add_parser("schema", help="print the JSON Schema of a fact sheet, or of a row of an export table")
    schema.add_argument("--table", choices=["documents", "entities", "claims", "conflicts", "conflict_statements"],
                        default=None, help="the rows of this export table, each column described")
    schema.set_defaults(run=cmd_schema)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        status = args.run(args)
        sys.stdout.flush()  # here, where a closed pipe can still be told apart from our own failure
        return status
    except BrokenPipeError:
        # the reader of our output went away ("| head"): stop quietly, as a Unix tool killed by SIGPIPE
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("interrupted: every file written so far is whole", file=sys.stderr)
        return 130
    except Exception as err:  # a defect of ours: one line for the user, the traceback on request
        if os.environ.get("IOMEXTRACT_DEBUG"):
            raise
        print(f"error: internal error, please report it: {type(err).__name__}: {shown(err)} "
              f"(IOMEXTRACT_DEBUG=1 shows where)", file=sys.stderr)
        return 70
