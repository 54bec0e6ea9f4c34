"""Words per second and peak memory of the default pipeline, next to bare tokenization.

usage: python benchmarks/throughput.py [--documents 2000] [--model en_core_web_sm]

The corpus is the repository's releases (corpus/ and tests/data/eval/)
repeated up to --documents. Every figure is measured in this one run, so the
ratios compare like with like on the same machine.
"""
from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import spacy

from iomextract import build_nlp
from iomextract.extract import entity_records, make_doc

ROOT = Path(__file__).resolve().parents[1]


def corpus(documents: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("corpus/*.txt")) + sorted(ROOT.glob("tests/data/eval/*.txt"))]
    return [texts[i % len(texts)] for i in range(documents)]


def words_in(texts, tokenizer) -> int:
    return sum(sum(1 for t in tokenizer(text) if not (t.is_space or t.is_punct)) for text in texts)


def timed(label, run, texts, words):
    started = time.perf_counter()
    run(texts)
    seconds = time.perf_counter() - started
    rate = words / seconds
    print(f"{label:<34} {seconds:8.2f} s {rate:12,.0f} words/s")
    return rate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--model", default="en_core_web_sm")
    args = parser.parse_args()
    texts = corpus(args.documents)
    blank = spacy.blank("en")
    words = words_in(texts, blank.tokenizer)
    print(f"{len(texts)} documents, {words:,} words")
    bare = timed("bare spacy.blank('en') tokenizer", lambda ts: [blank.tokenizer(t) for t in ts], texts, words)
    nlp = build_nlp()

    def ours(ts):
        for text in ts:
            entity_records(nlp(make_doc(nlp, text)))
    rate = timed("iomextract default pipeline", ours, texts, words)
    print(f"  = {rate / bare:.1%} of the bare tokenizer (target >= 10%)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory so far (tokenizer + iomextract): {peak:,.0f} MB")
    try:
        model = spacy.load(args.model)
    except OSError:
        print(f"{args.model} is not installed: no comparison with it")
    else:
        model_rate = timed(args.model, lambda ts: [None for _ in model.pipe(ts)], texts, words)
        print(f"  iomextract = {rate / model_rate:.1f}x {args.model} (target >= 5x)")


if __name__ == "__main__":
    main()
