"""Builds the ``nlp`` object: a blank English pipeline plus the iomextract components."""
from __future__ import annotations

import gc

import spacy
from spacy.language import Language

from . import pipeline_cache
from .candidates import EntityRules, candidates_of, register_extensions
from .components import (  # noqa: F401  importing registers the factories
    acronym_linker,
    claim_builder,
    date_finder,
    entity_resolver,
    figure_finder,
    line_sentencizer,
    org_finder,
    person_finder,
    person_linker,
    place_finder,
    release_context,
    release_header,
    statement_context,
    title_finder,
)
from .compiled import CompiledTables
from .components.tokenizer_fixes import apply_tokenizer_fixes
from .tokenizer_cache import ChunkCachingTokenizer
from .reader import MAX_CHARACTERS

READERS = ["release_header", "line_sentencizer"]
FINDERS = ["org_finder", "place_finder", "acronym_linker", "date_finder", "figure_finder", "entity_resolver",
           "release_context", "title_finder", "person_finder", "person_linker", "statement_context", "claim_builder"]

MODEL_RULES = {"ORG": "org.model", "PERSON": "person.model"}


@Language.factory("model_entities")
def make_model_entities(nlp: Language, name: str):
    return ModelEntities()


class ModelEntities(CompiledTables):
    """A statistical model's ORG and PERSON mentions as low-priority candidates: rules win overlaps."""

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.rules = EntityRules(patterns_dir)
        self.rules.require(*MODEL_RULES.values())

    def __call__(self, doc):
        for ent in doc.ents:
            rule = MODEL_RULES.get(ent.label_)
            if rule:
                attrs = {"canonical": " ".join(ent.text.split()), "acronym": None} if ent.label_ == "ORG" else {}
                candidates_of(doc).append(self.rules.candidate(rule, ent.start, ent.end, attrs))
        doc.ents = []
        return doc


def _skeleton(model: str | None, patterns_dir: str | None) -> Language:
    """The pipeline with its components added, none initialized yet."""
    if model:
        nlp = spacy.load(model, exclude=["lemmatizer", "parser", "senter"])
        for name in reversed(READERS):  # our sentence boundaries, before the model's components
            nlp.add_pipe(name, first=True)
        nlp.add_pipe("model_entities")
    else:
        nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "iomextract.web_tokenizer.v1",
                                                              "patterns_dir": patterns_dir}}})
        for name in READERS:
            nlp.add_pipe(name)
    nlp.max_length = MAX_CHARACTERS  # one limit: the reader refuses longer texts by name before spaCy sees them
    nlp.meta["iomextract_model"] = model
    nlp.meta["iomextract_patterns"] = patterns_dir
    if model:
        apply_tokenizer_fixes(nlp, patterns_dir)
    for name in FINDERS:
        nlp.add_pipe(name)
    return nlp


def _ours(nlp: Language, model: str | None) -> dict:
    """Our components that compile tables (the model's own are trained already: never initialized)."""
    names = READERS + FINDERS + (["model_entities"] if model else [])
    return {name: nlp.get_pipe(name) for name in names if hasattr(nlp.get_pipe(name), "initialize")}


def build_nlp(model: str | None = None, patterns_dir: str | None = None, cache: bool = True) -> Language:
    """The extraction pipeline; ``model`` names an installed spaCy pipeline whose NER fills gaps.

    With ``cache``, the components' tables come from the pipeline cache when it is current, and are
    written to it when they had to be built (``pipeline_cache``).
    """
    register_extensions()
    nlp = _skeleton(model, patterns_dir)
    key = pipeline_cache.cache_key(model, patterns_dir) if cache else None
    # The gazetteers are some 300,000 objects that live as long as the process: the cyclic garbage
    # collector would walk them again and again while they are made or loaded, and then on every
    # full collection, about once per document. It waits until they are there, and then freezes
    # them, which leaves them out of its walks (a quarter of the pipeline's time on long texts).
    gc.disable()
    try:
        loaded = key is not None and pipeline_cache.load(_ours(nlp, model), key)
        if not loaded:
            if key is not None:  # a failed load may have filled some components: start from new ones
                nlp = _skeleton(model, patterns_dir)
            for component in _ours(nlp, model).values():
                component.initialize(nlp=nlp, patterns_dir=patterns_dir)
            if key is not None:
                pipeline_cache.save(_ours(nlp, model), key)
            gc.collect()  # what building left behind, before it is frozen for good
    finally:
        gc.enable()
    # after the components have tokenized their name lists, whose chunks would only fill the cache
    nlp.tokenizer = ChunkCachingTokenizer(nlp.tokenizer)
    gc.freeze()
    return nlp
