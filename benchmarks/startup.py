"""Start-up of small runs, as whole processes: the floor, a cold and a warm cache, a rerun, 200 releases.

usage: python benchmarks/startup.py [--rounds 5] [--documents 200] [--baseline-src DIR]

Every contender is a whole ``python -m iomextract`` process (or the floor, ``import spacy;
spacy.blank('en')``), timed from start to exit; the contenders take turns in each round, so a slow
phase of a shared machine falls on all alike, and the medians are compared with the floor measured
in this run. Peak memory is the largest sum of the resident memory of a process and its children
(``processes.tree_rss``); forked workers share pages with their parent, which such a sum counts twice.

- cold: ``extract corpus`` (2 releases, default jobs) with an empty pipeline cache
- warm: the same with the cache written
- rerun: the same again where every fact sheet is current
- N releases with ``--jobs 1`` and ``--jobs 2`` (warm cache; the texts of ``benchmark_corpus`` in
  turn, each paragraph tagged with its number, so no two are the same text)
- the machine's own ceiling for ``--jobs 2``: two processes of pure Python arithmetic run at once,
  against the same two one after the other. On a shared or throttled 2-core machine this is well
  under 2x, and no split of the work across two workers can beat it.

Peak memory is given twice: the resident sum (each forked worker counted whole, pages shared with
its parent included) and the proportional sum (Pss: a shared page split among its sharers), which
is what the run costs the machine.

``--baseline-src`` runs every contender a second time with that source tree first on the path
(an older checkout's ``src``, e.g. from ``git worktree add /tmp/base REV``): "today" in the same run.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import benchmark_corpus
from processes import timed

ROOT = Path(__file__).resolve().parents[1]
FLOOR = [sys.executable, "-c", "import spacy; spacy.blank('en')"]
SPIN = "total = 0\nfor number in range(6_000_000):\n    total += number"
# two processes of SPIN, at once ("parallel") or one after the other ("serial")
TWO_SPINS = ("import subprocess, sys\n"
             "spin = [sys.executable, '-c', sys.argv[2]]\n"
             "if sys.argv[1] == 'parallel':\n"
             "    for process in [subprocess.Popen(spin) for _ in range(2)]:\n"
             "        process.wait()\n"
             "else:\n"
             "    for _ in range(2):\n"
             "        subprocess.run(spin)\n")
MACHINE = {"machine: 2 processes at once": [sys.executable, "-c", TWO_SPINS, "parallel", SPIN],
           "machine: 2 processes in turn": [sys.executable, "-c", TWO_SPINS, "serial", SPIN]}


def numbered_releases(folder: Path, count: int) -> str:
    """``count`` releases, no two the same text; where their sources came from."""
    folder.mkdir(parents=True)
    sources, where = benchmark_corpus.texts()
    for number in range(count):
        text = sources[number % len(sources)].rstrip("\n").replace("\n\n", f" (no. {number})\n\n")
        (folder / f"release-{number:04d}.txt").write_text(f"{text} (no. {number})\n", encoding="utf-8")
    return where


def extract(*args) -> list[str]:
    return [sys.executable, "-m", "iomextract", "extract", *map(str, args)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--baseline-src", default=None, help="a source tree to measure as 'today' in this run")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="iomextract-startup-"))
    try:
        print(f"{args.documents} releases made from: {numbered_releases(work / 'many', args.documents)}")
        trees = {"now": str(ROOT / "src")}
        if args.baseline_src:
            trees["today"] = str(Path(args.baseline_src).resolve())
        n = args.documents
        contenders = [("floor", None), *((name, None) for name in MACHINE)]
        for tree in trees:
            contenders += [(f"{tree}: cold", tree), (f"{tree}: warm", tree), (f"{tree}: rerun", tree),
                           (f"{tree}: {n} --jobs 1", tree), (f"{tree}: {n} --jobs 2", tree)]
        results: dict[str, list] = {name: [] for name, _ in contenders}
        for round_ in range(args.rounds):
            for name, tree in contenders:
                env = dict(os.environ)
                if tree is None:
                    results[name].append(timed(MACHINE.get(name, FLOOR), env))
                    continue
                env["PYTHONPATH"] = trees[tree]
                cache = work / f"cache-{tree}"
                env["IOMEXTRACT_CACHE_DIR"] = str(cache)
                out = work / f"out-{tree}"
                kind = name.split(": ", 1)[1]
                if kind == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                    command = extract(ROOT / "corpus", "--out", out, "--force")
                elif kind == "warm":
                    command = extract(ROOT / "corpus", "--out", out, "--force")
                elif kind == "rerun":
                    command = extract(ROOT / "corpus", "--out", out)
                else:
                    jobs = kind.rsplit(" ", 1)[1]
                    command = extract(work / "many", "--out", work / f"out-{tree}-many", "--force", "--jobs", jobs)
                results[name].append(timed(command, env))
            print(f"round {round_ + 1}/{args.rounds} done", file=sys.stderr)
        def median(name: str) -> float:
            return statistics.median(run.seconds for run in results[name])

        floor = median("floor")
        print(f"{'run':<30} {'median s':>9} {'min':>6} {'max':>6} {'above floor':>12} {'RSS MB':>7} {'Pss MB':>7}")
        for name, runs in results.items():
            seconds = [run.seconds for run in runs]
            print(f"{name:<30} {median(name):>9.2f} {min(seconds):>6.2f} {max(seconds):>6.2f} "
                  f"{median(name) - floor:>+12.2f} {max(run.peak for run in runs) / 2**20:>7.0f} "
                  f"{max(run.peak_pss for run in runs) / 2**20:>7.0f}")
        ceiling = median("machine: 2 processes in turn") / median("machine: 2 processes at once")
        print(f"this machine: 2 processes at once finish {ceiling:.2f}x sooner than in turn (the most --jobs 2 can gain)")
        for tree in trees:
            ratio = median(f"{tree}: {n} --jobs 1") / median(f"{tree}: {n} --jobs 2")
            print(f"{tree}: {n} releases, --jobs 2 is {ratio:.2f}x --jobs 1")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
