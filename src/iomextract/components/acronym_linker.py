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

from ..candidates import Candidate
from ..gazetteer import Gazetteer
from ..geography import country_names
from ..patterns import load

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


class AcronymLinker:
    def __init__(self, nlp: Language):
        self.countries = Gazetteer(nlp.tokenizer)

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        for name, code in country_names(patterns_dir).items():
            self.countries.add(name, code)
        self.skipped = set(load("org_shapes.json", patterns_dir).connectors)  # "of", "and", ...

    def __call__(self, doc: Doc) -> Doc:
        by_end = {}
        for cand in doc._.candidates:
            if cand.label in ("ORG", "PLACE"):
                current = by_end.get(cand.end)
                if current is None or cand.priority > current.priority or \
                        (cand.priority == current.priority and cand.start < current.start):
                    by_end[cand.end] = cand
        definitions: dict[str, Candidate] = {}
        known = {doc[c.start:c.end].text for c in doc._.candidates if c.source == "known"}
        for end, long_form in by_end.items():
            if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
                short = doc[end + 1].text
                words = [t.text for t in doc[long_form.start:end] if not t.is_space]
                if SHORT_FORM.match(short) and short != words[0] and matches_initials(short, words, self.skipped):
                    if not long_form.attrs.get("acronym"):
                        long_form.attrs["acronym"] = short
                    if long_form.attrs["acronym"] == short or long_form.label == "PLACE":
                        definitions.setdefault(short, long_form)
        # an acronym used without definition, spelling the initials of an ORG of the same text ("MFA")
        for cand in by_end.values():
            if cand.label == "ORG" and not cand.attrs.get("acronym"):
                words = [t.text for t in doc[cand.start:cand.end] if not t.is_space]
                initials = "".join(w[0] for w in words if w.lower() not in self.skipped and w[:1].isupper())
                if len(initials) >= 3 and initials not in definitions and initials not in known:
                    definitions[initials] = cand
        if not definitions:
            return doc
        for token in doc:
            long_form = definitions.get(token.text)
            if long_form is None:
                continue
            attrs = dict(long_form.attrs)
            if long_form.label == "ORG":
                attrs["acronym"] = token.text
                long_form.attrs["acronym"] = token.text
            start = self._country_before(doc, token.i) if long_form.label == "ORG" else token.i
            doc._.candidates.append(Candidate(long_form.label, start, token.i + 1, "defined", attrs))
        return doc

    def _country_before(self, doc: Doc, i: int) -> int:
        """Start of "Kenya NCM": a country name right before the acronym belongs to it."""
        for length in (3, 2, 1):
            if i - length >= 0 and self.countries.get(doc[i - length:i].text):
                return i - length
        return i
