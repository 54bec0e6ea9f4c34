"""Entity candidates: what the finders propose before ``entity_resolver`` picks.

Finders append ``Candidate`` objects to ``doc._.candidates``; the resolver keeps
the best non-overlapping ones as ``doc.ents`` and their attributes in
``doc._.entity_attrs`` (keyed by span offsets and label, because spaCy keys
span extensions by offsets only).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

# Resolver priorities: higher wins an overlap, then the longer span.
PRIORITY = {"cued_person": 6, "defined": 5, "known": 5, "office": 5, "headed": 5, "date": 5, "figure": 4,
            "shape": 4, "country": 4, "region": 4, "facility": 4, "camp": 4, "city": 3,
            "person": 3, "model": 0}


@dataclass
class Candidate:
    label: str
    start: int  # token index
    end: int  # token index, exclusive
    source: str
    attrs: dict = field(default_factory=dict)

    @property
    def priority(self) -> int:
        return PRIORITY[self.source]


def register_extensions() -> None:
    if not Doc.has_extension("candidates"):
        Doc.set_extension("candidates", getter=lambda doc: doc.user_data.setdefault("iom_candidates", []))
        Doc.set_extension("entity_attrs", getter=lambda doc: doc.user_data.setdefault("iom_entity_attrs", {}))
        Doc.set_extension("published", default=None)
        Doc.set_extension("title", default=None)
        Span.set_extension("attrs", getter=span_attrs)


def span_attrs(span: Span) -> dict:
    return span.doc._.entity_attrs.get((span.start_char, span.end_char, span.label_), {})


def set_span_attrs(span: Span, attrs: dict) -> None:
    span.doc._.entity_attrs[(span.start_char, span.end_char, span.label_)] = attrs


def fold(text: str) -> str:
    """Compare form of a name: accents dropped, curly quotes straightened."""
    if text.isascii():
        return text
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_line_wrap(token) -> bool:
    """A whitespace token that only wraps a line, inside a sentence or name."""
    return token.is_space and token.text.count("\n") <= 1


def word_positions(doc: Doc) -> list[int]:
    """Token indices of the words, skipping whitespace that only wraps a line (computed once a doc)."""
    cached = doc.user_data.get("iom_word_positions")
    if cached is None:
        cached = doc.user_data["iom_word_positions"] = [t.i for t in doc if not is_line_wrap(t)]
    return cached


def is_capitalized(token) -> bool:
    return token.text[:1].isupper()


def sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token."""
    index, number = [], -1
    for token in doc:
        if token.is_sent_start:
            number += 1
        index.append(max(number, 0))
    return index
