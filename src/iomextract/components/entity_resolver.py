"""Picks the final entities from the finders' candidates.

Higher priority wins an overlap (a defined acronym over a city name), then
the longer span ("IOM Kenya Country Office" over "Kenya").
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..candidates import set_span_attrs


@Language.factory("entity_resolver")
def make_entity_resolver(nlp: Language, name: str):
    return EntityResolver()


class EntityResolver:
    def __call__(self, doc: Doc) -> Doc:
        ranked = sorted(doc._.candidates, key=lambda c: (-c.priority, -(doc[c.end - 1].idx + len(doc[c.end - 1]) - doc[c.start].idx), c.start))
        used = [False] * len(doc)
        chosen = []
        for cand in ranked:
            if any(used[cand.start:cand.end]):
                continue
            for i in range(cand.start, cand.end):
                used[i] = True
            chosen.append(cand)
        spans = []
        for cand in sorted(chosen, key=lambda c: c.start):
            span = Span(doc, cand.start, cand.end, label=cand.label)
            set_span_attrs(span, cand.attrs)
            spans.append(span)
        doc.ents = spans
        return doc
