"""Command line: ``iomextract extract|check|schema``. A thin layer over the library."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import __version__
from .extract import extract_file
from .models import FactSheet
from .pipeline import build_nlp
from .reader import ReadError
from .writers import write_factsheet

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


def cmd_extract(args) -> int:
    files, missing = release_files(args.paths)
    failed = len(missing)
    for given in missing:
        print(f"error: {given}: no such file or folder", file=sys.stderr)
    out_dir = Path(args.out)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(f"error: {out_dir}: cannot create output folder ({err.strerror})", file=sys.stderr)
        return 2
    nlp = build_nlp(model=args.model)
    started, done, words, entities = time.perf_counter(), 0, 0, 0
    for path in files:
        try:
            sheet = extract_file(path, nlp=nlp)
            write_factsheet(sheet, out_dir)
        except ReadError as err:
            failed += 1
            print(f"error: {path}: {err}", file=sys.stderr)
            continue
        except OSError as err:
            failed += 1
            print(f"error: {path}: cannot write fact sheet to {out_dir} ({err.strerror})", file=sys.stderr)
            continue
        done += 1
        words += sheet.document.words
        entities += len(sheet.entities)
    seconds = time.perf_counter() - started
    print(f"{done} documents extracted, {failed} failed, {entities} entities, "
          f"{words / seconds if seconds else 0:,.0f} words/s -> {out_dir}", file=sys.stderr)
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
    extract.set_defaults(run=cmd_extract)
    schema = sub.add_parser("schema", help="print the JSON Schema of a fact sheet")
    schema.set_defaults(run=cmd_schema)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
