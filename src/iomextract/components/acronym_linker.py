"""Acronyms defined in the text, "National Coordination Mechanism on Migration (NCM)".

Like scispacy's AbbreviationDetector: a short form in brackets right after a
found ORG or PLACE whose initials it matches. The long form gets the acronym;
every use of the short form in the document (and "Kenya NCM", a country
before it) becomes a mention of the same entity.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..compiled import CompiledTables
from ..candidates import Candidate, EntityRules, candidates_of
from ..gazetteer import Gazetteer
from ..geography import country_names
from ..patterns import load
from ..token_table import token_table

SHORT_FORM = re.compile(r"^[A-Z][A-Za-z0-9&\-]{1,9}$")


@Language.factory("acronym_linker")
def make_acronym_linker(nlp: Language, name: str):
    return AcronymLinker(nlp)


def matches_initials(short: str, long_words: list[str], skipped: set[str]) -> bool:
    """The short form's capitals are, in order, initials of the long form's words (``skipped`` ones aside)."""
    letters = [c for c in short if c.isupper() or c.isdigit()]
    initials = [w[0] for w in long_words if w.lower() not in skipped and w[:1].isalnum()]
    if not letters or not initials or letters[0] != initials[0].upper():
        return False
    # every letter of the short form must be consumed in order by word initials (or letters inside a word)
    joined = " ".join(long_words)
    position = 0
    for letter in letters:
        position = joined.upper().find(letter, position)
        if position < 0:
            return False
        position += 1
    used_initials = sum(1 for w in initials if w.upper() in letters)
    return used_initials >= max(2, len(letters) - 1) or (len(letters) <= 2 and used_initials >= 1)


class AcronymLinker(CompiledTables):
    def __init__(self, nlp: Language):
        self.tokenizer = nlp.tokenizer
        self.countries = Gazetteer(nlp.tokenizer)

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.rules = EntityRules(patterns_dir)
        self.rules.require("org.acronym_defined", "org.acronym_initials", "place.acronym_defined")
        for name, code in country_names(patterns_dir).items():
            self.countries.add(name, code)
        self.skipped = set(load("org_shapes.json", patterns_dir).connectors)  # "of", "and", ...

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)
        words = table.words
        by_end = {}
        for cand in candidates_of(doc):
            if cand.label in ("ORG", "PLACE"):
                current = by_end.get(cand.end)
                if current is None or cand.priority > current.priority or \
                        (cand.priority == current.priority and cand.start < current.start):
                    by_end[cand.end] = cand
        definitions: dict[str, tuple[Candidate, str]] = {}
        known = {table.span_text(c.start, c.end) for c in candidates_of(doc) if c.rule == "org.known"}
        for end, long_form in by_end.items():
            if end + 2 < len(words) and words[end] == "(" and words[end + 2] == ")":
                short = words[end + 1]
                long_words = [words[i] for i in range(long_form.start, end) if not table.is_space[i]]
                if SHORT_FORM.match(short) and short != long_words[0] and matches_initials(short, long_words, self.skipped):
                    if not long_form.attrs.get("acronym"):
                        long_form.attrs["acronym"] = short
                    if long_form.attrs["acronym"] == short or long_form.label == "PLACE":
                        rule = "org.acronym_defined" if long_form.label == "ORG" else "place.acronym_defined"
                        definitions.setdefault(short, (long_form, rule))
        # an acronym used without definition, spelling the initials of an ORG of the same text ("MFA")
        for cand in by_end.values():
            if cand.label == "ORG" and not cand.attrs.get("acronym"):
                long_words = [words[i] for i in range(cand.start, cand.end) if not table.is_space[i]]
                initials = "".join(w[0] for w in long_words if w.lower() not in self.skipped and w[:1].isupper())
                if len(initials) >= 3 and initials not in definitions and initials not in known:
                    definitions[initials] = (cand, "org.acronym_initials")
        if not definitions:
            return doc
        for i in [i for i, word in enumerate(words) if word in definitions]:
            word = words[i]
            long_form, rule = definitions[word]
            attrs = dict(long_form.attrs)
            if long_form.label == "ORG":
                attrs["acronym"] = word
                long_form.attrs["acronym"] = word
            start = self._country_before(table, i) if long_form.label == "ORG" else i
            candidates_of(doc).append(self.rules.candidate(rule, start, i + 1, attrs))
        return doc

    def _country_before(self, table, i: int) -> int:
        """Start of "Kenya NCM": a country name right before the acronym belongs to it."""
        keys = table.folded
        for length in (3, 2, 1):
            if i - length >= 0 and self.countries.lookup(tuple(keys[j] for j in range(i - length, i) if not table.is_space[j])):
                return i - length
        return i
