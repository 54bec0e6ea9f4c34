"""Builds the ``nlp`` object: a blank English pipeline plus the iomextract components."""
from __future__ import annotations

import spacy
from spacy.language import Language

from .candidates import Candidate, register_extensions
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
    release_header,
)
from .components.tokenizer_fixes import apply_tokenizer_fixes

READERS = ["release_header", "line_sentencizer"]
FINDERS = ["org_finder", "place_finder", "acronym_linker", "date_finder", "figure_finder",
           "person_finder", "entity_resolver", "person_linker", "claim_builder"]

MODEL_LABELS = {"ORG": "ORG", "PERSON": "PERSON"}


@Language.component("model_entities")
def model_entities(doc):
    """A statistical model's ORG and PERSON mentions as low-priority candidates: rules win overlaps."""
    for ent in doc.ents:
        label = MODEL_LABELS.get(ent.label_)
        if label:
            attrs = {"canonical": " ".join(ent.text.split()), "acronym": None} if label == "ORG" else {}
            doc._.candidates.append(Candidate(label, ent.start, ent.end, "model", attrs))
    doc.ents = []
    return doc


def build_nlp(model: str | None = None, patterns_dir: str | None = None) -> Language:
    """The extraction pipeline; ``model`` names an installed spaCy pipeline whose NER fills gaps."""
    register_extensions()
    if model:
        nlp = spacy.load(model, exclude=["lemmatizer", "parser", "senter"])
        for name in reversed(READERS):  # our sentence boundaries, before the model's components
            nlp.add_pipe(name, first=True)
        nlp.add_pipe("model_entities")
    else:
        nlp = spacy.blank("en")
        for name in READERS:
            nlp.add_pipe(name)
    nlp.meta["iomextract_model"] = model
    apply_tokenizer_fixes(nlp, patterns_dir)
    for name in FINDERS:
        nlp.add_pipe(name)
    for name in READERS + FINDERS:
        component = nlp.get_pipe(name)
        if hasattr(component, "initialize"):
            component.initialize(nlp=nlp, patterns_dir=patterns_dir)
    return nlp
