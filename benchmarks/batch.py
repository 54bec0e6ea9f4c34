"""Archive-scale runs of ``iomextract extract``: jobs, memory, incremental reruns.

usage: python benchmarks/batch.py [--documents 10000] [--small 2000]

Writes a folder of releases (the repository's texts repeated under new
names), then times whole command runs: --jobs 1, --jobs 2, and a second,
incremental run. Peak memory is the largest sum of the resident memory of
the run's process and all its children, sampled every 50 ms. Bare
spacy.blank("en") tokenization of the same texts is measured in this run.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
import tempfile
from pathlib import Path

import spacy

import benchmark_corpus
from processes import timed

ROOT = Path(__file__).resolve().parents[1]


def texts() -> list[str]:
    return benchmark_corpus.texts()[0]


def make_folder(folder: Path, documents: int) -> list[str]:
    folder.mkdir(parents=True)
    sources = texts()
    written = []
    for i in range(documents):
        text = sources[i % len(sources)]
        (folder / f"release-{i:06d}.txt").write_text(text, encoding="utf-8")
        written.append(text)
    return written


def run(folder: Path, out: Path, jobs: int) -> tuple[float, int]:
    command = [sys.executable, "-m", "iomextract", "extract", str(folder), "--out", str(out), "--jobs", str(jobs)]
    seconds, peak, err, _ = timed(command)
    print(f"    {err.strip().splitlines()[-1]}")
    return seconds, peak


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--small", type=int, default=2000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="iomextract-bench-"))
    try:
        blank = spacy.blank("en")
        written = make_folder(work / "big", args.documents)
        make_folder(work / "small", args.small)
        words = sum(sum(1 for t in blank.tokenizer(x) if not (t.is_space or t.is_punct)) for x in written)
        started = time.perf_counter()
        for text in written:
            blank.tokenizer(text)
        bare = words / (time.perf_counter() - started)
        print(f"{args.documents} documents, {words:,} words; bare tokenizer {bare:,.0f} words/s")
        results = {}
        for label, folder, jobs in [("small --jobs 2", "small", 2), ("--jobs 1", "big", 1), ("--jobs 2", "big", 2)]:
            out = work / f"out-{label.replace(' ', '')}"
            print(f"{label}:")
            seconds, peak = run(work / folder, out, jobs)
            results[label] = (seconds, peak)
            folder_words = words if folder == "big" else words * args.small / args.documents
            print(f"    {seconds:.1f} s, {folder_words / seconds:,.0f} words/s end to end "
                  f"({folder_words / seconds / bare:.1%} of bare tokenizer), peak memory {peak / 2**20:,.0f} MB")
        print("incremental rerun (--jobs 2, nothing changed):")
        rerun, peak = run(work / "big", work / "out---jobs2", 2)
        first = results["--jobs 2"][0]
        print(f"    {rerun:.1f} s = {rerun / first:.1%} of the first run (target < 5%)")
        print(f"speed-up --jobs 2 / --jobs 1: {results['--jobs 1'][0] / first:.2f}x (target >= 1.6x)")
        print(f"peak memory {args.small} docs: {results['small --jobs 2'][1] / 2**20:,.0f} MB; "
              f"{args.documents} docs: {results['--jobs 2'][1] / 2**20:,.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
