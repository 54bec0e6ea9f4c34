"""Hedges, negation and attribution, in the spirit of ConText.

Each cue of ``patterns/context.jsonl`` flags the tokens in its scope: from
the cue forward or backward to the end of its clause (a clause ends at
, ; : – ( ) or at a word such as "but" or "which"; at most MAX_SCOPE tokens),
or the whole sentence.
"IOM hopes its membership could reach 180 states" is hedged; "IOM said"
attributes its sentence to IOM. FIGURE entities get the flags
(``hedged``, ``negated``, ``attributed_to``); the claim builder reads them
for the tokens a claim rests on (``context_flags(doc)``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from ..compiled import CompiledTables
from ..candidates import chosen_candidates, entity_attrs_of, published_of
from ..patterns import load
from ..phrases import PhraseSet
from ..token_table import token_table

TERMINATORS = {"but", "however", "although", "though", "while", "whereas", "which", "who", "whose", "yet"}
MAX_SCOPE = 30  # tokens a hedge or negation reaches at most, as ConText bounds its windows


@dataclass
class ContextFlags:
    """Per token: the id of the cue that hedged or negated it; per sentence: who the sentence is attributed to."""
    hedged: list[str | None]
    negated: list[str | None]
    attributed_to: dict[int, str] = field(default_factory=dict)

    def over(self, start: int, end: int, sentence: int) -> dict:
        hedged = next((self.hedged[i] for i in range(start, end) if self.hedged[i]), None)
        negated = next((self.negated[i] for i in range(start, end) if self.negated[i]), None)
        return {"hedged": bool(hedged), "negated": bool(negated), "attributed_to": self.attributed_to.get(sentence),
                "context_rules": [r for r in (hedged, negated) if r]}


def context_flags(doc: Doc) -> ContextFlags:
    flags = doc.user_data.get("iom_context")
    if flags is None:
        flags = ContextFlags([None] * len(doc), [None] * len(doc))
    return flags


@Language.factory("statement_context")
def make_statement_context(nlp: Language, name: str):
    return StatementContext(nlp)


class StatementContext(CompiledTables):
    def __init__(self, nlp: Language):
        self.tokenizer = nlp.tokenizer
        self.matcher = PhraseSet(nlp.tokenizer)

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.cues = {}
        for cue in load("context.jsonl", patterns_dir):
            self.cues[cue.id] = cue
            self.matcher.add(cue.id, cue.terms)

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)
        flags = ContextFlags([None] * len(doc), [None] * len(doc))
        ents = chosen_candidates(doc)
        ent_at = {}
        for cand in ents:
            for i in range(cand.start, cand.end):
                ent_at[i] = cand
        clause_of, sentence_of, lower = table.clause_of, table.sentence_of, table.lower
        published = published_of(doc)
        for key, start, end in self.matcher.find(table):
            cue = self.cues[key]
            if start in ent_at and ent_at[start].label in ("DATE", "ORG", "PERSON", "PLACE"):
                continue  # "May 2019" is a date, "Will Smith" a name
            if cue.future_date and not _future_date_after(ent_at, end, published):
                continue
            if cue.flag == "attributed":
                source = self._source(table, cue, start, end, ent_at)
                if source:
                    flags.attributed_to.setdefault(sentence_of[start], source)
                continue
            target = flags.hedged if cue.flag == "hedged" else flags.negated
            for i in _scope(cue.direction, start, end, clause_of, sentence_of, lower):
                target[i] = target[i] or cue.id
        doc.user_data["iom_context"] = flags
        for cand in ents:
            if cand.label == "FIGURE":
                found = flags.over(cand.start, cand.end, sentence_of[cand.start])
                cand.attrs.update({k: v for k, v in found.items() if k != "context_rules"})
                entity_attrs_of(doc)[(table.starts[cand.start], table.ends[cand.end - 1], "FIGURE")] = dict(cand.attrs, rule=cand.rule)
        return doc

    @staticmethod
    def _source(table, cue, start, end, ent_at) -> str | None:
        """The organization or person a sentence is attributed to: "according to X", "X said", "said X"."""
        def name(cand):
            return cand.attrs.get("canonical") or table.span_text(cand.start, cand.end)

        after = end
        while after < len(table.words) and table.is_space[after]:
            after += 1
        if after < len(table.words) and table.lower[after] == "the":
            after += 1
        cand = ent_at.get(after)
        if cand is not None and cand.label in ("ORG", "PERSON"):
            # "according to IOM Director General Amy Pope": the person the phrase ends with
            clause = table.clause_of[after]
            i = cand.end
            while i < len(table.words) and table.clause_of[i] == clause:
                later = ent_at.get(i)
                if later is not None and later.label == "PERSON":
                    return name(later)
                i += 1
            return name(cand)
        if cue.source == "adjacent":
            before = start - 1
            while before >= 0 and table.is_space[before]:
                before -= 1
            cand = ent_at.get(before)
            if cand is not None and cand.label in ("ORG", "PERSON"):
                return name(cand)
        return None


def _scope(direction, start, end, clause_of, sentence_of, lower):
    """Token indices a cue at [start, end) reaches."""
    count = len(clause_of)
    if direction == "sentence":
        i = start
        while i > 0 and sentence_of[i - 1] == sentence_of[start]:
            i -= 1
        j = end
        while j < count and sentence_of[j] == sentence_of[start]:
            j += 1
        return range(i, j)
    if direction == "forward":
        j, limit = end, min(count, end + MAX_SCOPE)
        while j < limit and clause_of[j] == clause_of[start] and lower[j] not in TERMINATORS:
            j += 1
        return range(end, j)
    i, limit = start, max(0, start - MAX_SCOPE)
    while i > limit and clause_of[i - 1] == clause_of[start] and lower[i - 1] not in TERMINATORS:
        i -= 1
    return range(i, start)


def _future_date_after(ent_at, end, published) -> bool:
    """A DATE right after the cue whose year is later than the release's: "by 2030"."""
    cand = ent_at.get(end)
    if cand is None or cand.label != "DATE" or published is None:
        return False
    value = str(cand.attrs.get("value") or "")
    return value[:4].isdigit() and int(value[:4]) > published.year
