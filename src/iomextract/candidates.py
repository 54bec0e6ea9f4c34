"""Entity candidates: what the finders propose before the resolver picks.

Finders append ``Candidate`` objects to ``doc._.candidates``; ``resolve``
keeps the best non-overlapping ones as ``doc.ents`` and their attributes in
``doc._.entity_attrs`` (keyed by span offsets and label, because spaCy keys
span extensions by offsets only). Every candidate names the rule of
``patterns/entity_rules.jsonl`` that proposed it; the rule gives its
priority, and its id is kept on the entity.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Doc, Span

from .patterns import PatternError, load
from .token_table import fold, token_table  # noqa: F401  (fold is re-exported for the finders)


@dataclass(slots=True)
class Candidate:
    label: str
    start: int  # token index
    end: int  # token index, exclusive
    rule: str  # id of the rule that proposed it
    attrs: dict = field(default_factory=dict)
    priority: int = 0


class EntityRules:
    """The entity rules of ``patterns/entity_rules.jsonl``, to make candidates that carry their rule."""

    def __init__(self, patterns_dir: str | None = None):
        self.by_id = {rule.id: rule for rule in load("entity_rules.jsonl", patterns_dir)}

    def require(self, *ids: str) -> None:
        missing = [i for i in ids if i not in self.by_id]
        if missing:
            raise PatternError(f"entity_rules.jsonl: no rule with id {', '.join(missing)}")

    def candidate(self, rule_id: str, start: int, end: int, attrs: dict | None = None) -> Candidate:
        rule = self.by_id[rule_id]
        return Candidate(rule.label, start, end, rule_id, attrs if attrs is not None else {}, rule.priority)


def candidates_of(doc: Doc) -> list[Candidate]:
    """The candidates found so far (``doc._.candidates``; components use this: ``doc._`` costs an object a call)."""
    return doc.user_data.setdefault("iom_candidates", [])


def entity_attrs_of(doc: Doc) -> dict:
    """Attributes of entities and titles by (start_char, end_char, label) (``doc._.entity_attrs``)."""
    return doc.user_data.setdefault("iom_entity_attrs", {})


def published_of(doc: Doc):
    """The publication date (``doc._.published``)."""
    return doc.user_data.get("iom_published")


def set_published(doc: Doc, value) -> None:
    doc.user_data["iom_published"] = value


def register_extensions() -> None:
    if not Doc.has_extension("candidates"):
        Doc.set_extension("candidates", getter=candidates_of)
        Doc.set_extension("entity_attrs", getter=entity_attrs_of)
        Doc.set_extension("published", getter=published_of, setter=set_published)
        Doc.set_extension("title", getter=lambda doc: doc.user_data.get("iom_title"),
                          setter=lambda doc, value: doc.user_data.__setitem__("iom_title", value))
        Doc.set_extension("table", getter=token_table)
        Span.set_extension("attrs", getter=span_attrs)


def span_attrs(span: Span) -> dict:
    return entity_attrs_of(span.doc).get((span.start_char, span.end_char, span.label_), {})


def resolve(doc: Doc, candidates: list[Candidate], set_ents: bool = True) -> None:
    """Keep the best non-overlapping candidates (``chosen_candidates``) and, with ``set_ents``, set ``doc.ents``.

    Higher priority wins an overlap (a defined acronym over a city name), then
    the longer span ("IOM Kenya Country Office" over "Kenya"), then the earlier.
    Components in the middle of the pipeline read the chosen candidates; the
    last one to resolve sets ``doc.ents`` once.
    """
    table = token_table(doc)
    starts, ends = table.starts, table.ends
    ranked = sorted(candidates, key=lambda c: (-c.priority, -(ends[c.end - 1] - starts[c.start]), c.start))
    used = bytearray(len(doc))
    chosen = []
    for cand in ranked:
        if used.find(1, cand.start, cand.end) != -1:
            continue
        used[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    doc.user_data["iom_chosen"] = chosen
    if set_ents:
        set_entities(doc)


def set_entities(doc: Doc) -> None:
    """Set ``doc.ents`` (and their attributes) from the chosen candidates, without resolving again."""
    table = token_table(doc)
    starts, ends = table.starts, table.ends
    attrs_by_span = entity_attrs_of(doc)
    chosen = chosen_candidates(doc)
    # IOB codes and labels in one array: no Span object a token (B=3, I=1, O=2)
    count = len(doc)
    iob, types = [2] * count, [0] * count
    label_ids = {}
    for cand in chosen:
        attrs_by_span[(starts[cand.start], ends[cand.end - 1], cand.label)] = dict(cand.attrs, rule=cand.rule)
        length = cand.end - cand.start
        iob[cand.start:cand.end] = [3] + [1] * (length - 1)
        label_id = label_ids.get(cand.label)
        if label_id is None:
            label_id = label_ids[cand.label] = doc.vocab.strings.add(cand.label)
        types[cand.start:cand.end] = [label_id] * length
    # array("Q") reads the Python ints in one C loop: numpy.array does it an object at a time
    columns = numpy.frombuffer(array("Q", iob + types), dtype=numpy.uint64).reshape(2, count).T.copy()
    doc.from_array([ENT_IOB, ENT_TYPE], columns)


def chosen_candidates(doc: Doc) -> list[Candidate]:
    """The candidates behind ``doc.ents``, in text order."""
    return doc.user_data.get("iom_chosen", [])


def is_line_wrap(token) -> bool:
    """A whitespace token that only wraps a line, inside a sentence or name."""
    return token.is_space and token.text.count("\n") <= 1


def word_positions(doc: Doc) -> list[int]:
    """Token indices of the words, skipping whitespace that only wraps a line."""
    return token_table(doc).positions


def sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token."""
    return token_table(doc).sentence_of
