"""Words per second and peak memory of the default pipeline, next to bare tokenization.

usage: python benchmarks/throughput.py [--documents 2000] [--model en_core_web_sm]

The corpus is the shared dev set plus the repository's releases when
../shared is there, else the repository's releases alone (--corpus chooses),
repeated up to --documents. Every figure is measured in this one run, so the
ratios compare like with like on the same machine.
"""
from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import spacy

import benchmark_corpus

from iomextract import build_nlp
from iomextract.extract import entity_records, make_doc

ROOT = Path(__file__).resolve().parents[1]


def corpus(documents: int, source: str) -> tuple[list[str], str]:
    texts, where = benchmark_corpus.texts(source)
    return [texts[i % len(texts)] for i in range(documents)], where


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
    parser.add_argument("--corpus", choices=["auto", "repo", "shared"], default="auto")
    args = parser.parse_args()
    texts, where = corpus(args.documents, args.corpus)
    print(f"texts: {where}")
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
