"""Picks the final entities from the finders' candidates (see ``candidates.resolve``)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import resolve


@Language.factory("entity_resolver")
def make_entity_resolver(nlp: Language, name: str):
    return EntityResolver()


class EntityResolver:
    def __call__(self, doc: Doc) -> Doc:
        resolve(doc, doc._.candidates, set_ents=False)  # the person linker, last to resolve, sets doc.ents
        return doc
