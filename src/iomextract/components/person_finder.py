"""PERSON candidates: names that the text marks as people.

A run of capitalized words is a name when an honorific ("Mr.", "Amb.", "HE")
or a job title ("Director General", "Chief of Mission") stands before it, a
title follows it after a comma, a reporting verb ("said") stands next to it,
or a photo credit ("©") introduces it.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import EntityRules, fold, word_positions
from ..gazetteer import Gazetteer
from ..geography import country_names
from ..patterns import load

@Language.factory("person_finder")
def make_person_finder(nlp: Language, name: str):
    return PersonFinder(nlp)


class PersonFinder:
    def __init__(self, nlp: Language):
        self.titles = Gazetteer(nlp.tokenizer, ignore_case=True)
        self.honorifics = Gazetteer(nlp.tokenizer)
        self.verbs = Gazetteer(nlp.tokenizer, ignore_case=True)
        self.countries = Gazetteer(nlp.tokenizer)

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.rules = EntityRules(patterns_dir)
        rules = load("people.json", patterns_dir)
        for title in rules.title_heads:
            self.titles.add(title, title)
        for honorific in rules.honorifics:
            self.honorifics.add(honorific, honorific)
        for verb in rules.reporting_verbs:
            self.verbs.add(verb, verb)
        for name in country_names(patterns_dir):
            self.countries.add(name, name)
        self.credit_markers = set(rules.credit_markers)
        self.non_name_words = set(rules.non_name_words)
        self.particles = set(rules.name_particles)

    def __call__(self, doc: Doc) -> Doc:
        positions = word_positions(doc)
        words = [doc[i] for i in positions]
        folded = [fold(w.text) for w in words]
        lowered = [f.lower() for f in folded]
        self.keys = {self.titles: lowered, self.honorifics: folded, self.verbs: lowered}
        taken = set()
        for k in range(len(words)):
            if k in taken:
                continue
            name_end = self._name_end(words, k)
            if name_end == k:
                continue
            min_words = 2
            cued = self._cued_before(words, k)
            if cued == "honorific":
                min_words = 1
            if name_end - k < min_words:
                continue
            if cued in ("honorific", "title", "credit"):
                rule = "person.cued"
            elif cued in ("verb", "apposition") or self._cued_after(words, name_end):
                rule = "person.weak"  # weaker cue: an ORG or PLACE over the same words wins
            else:
                continue
            doc._.candidates.append(self.rules.candidate(rule, words[k].i, words[name_end - 1].i + 1, {}))
            taken.update(range(k, name_end))
        return doc

    def _is_name_word(self, word) -> bool:
        text = word.text
        return (text[:1].isupper() and any(c.islower() for c in text) and text not in self.non_name_words
                and text.replace("-", "").replace("'", "").isalpha() and self.countries.get(text) is None)

    def _name_end(self, words, k) -> int:
        """End (exclusive) of the name starting at k, or k when none does."""
        if k >= len(words) or not self._is_name_word(words[k]):
            return k
        end = k + 1
        while end < len(words) and end - k < 5:
            word = words[end]
            if self._is_name_word(word) and not words[end - 1].text.endswith(("’s", "'s")):
                end += 1
            elif word.lower_ in self.particles and end + 1 < len(words) and self._is_name_word(words[end + 1]):
                end += 2
            elif word.text == "-" and not words[end - 1].whitespace_ and end + 1 < len(words) \
                    and self._is_name_word(words[end + 1]):
                end += 2
            else:
                break
            if words[end - 1].whitespace_.count("\n"):
                break
        return end

    def _ends_at(self, gazetteer, words, k, max_words=5):
        return gazetteer.ending_at(self.keys[gazetteer], k, max_words)

    def _cued_before(self, words, k):
        if k == 0:
            return None
        if self._ends_at(self.honorifics, words, k):
            return "honorific"
        if self._ends_at(self.titles, words, k) and words[k - 1].text[:1].isupper():
            return "title"
        if self._ends_at(self.verbs, words, k, 2):
            return "verb"
        if words[k - 1].text in self.credit_markers or (k >= 2 and (
                f"{words[k - 2].text} {words[k - 1].text}" in self.credit_markers
                or f"{words[k - 2].text}{words[k - 1].text}" in self.credit_markers)):
            return "credit"
        if words[k - 1].text == "," and self._title_in_clause(words, k - 1):
            return "apposition"  # "The Director General of IOM, Amy Pope, said"
        return None

    def _title_in_clause(self, words, k, reach=12) -> bool:
        """A title phrase among the words before k, within the same sentence."""
        for j in range(k, max(0, k - reach), -1):
            if self._ends_at(self.titles, words, j) and words[j - 1].text[:1].isupper():
                return True
            if words[j - 1].is_sent_start:
                break
        return False

    def _cued_after(self, words, end) -> bool:
        if end >= len(words):
            return False
        if words[end].text == ",":
            keys = self.keys[self.titles]
            return any(self.titles.ending_at(keys, j, 5) for j in range(end + 2, min(len(words), end + 7) + 1))
        return bool(self.verbs.get(words[end].text))
