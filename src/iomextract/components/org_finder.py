"""ORG candidates: known bodies, IOM-style country offices, and organization name shapes."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, is_capitalized, word_positions
from ..gazetteer import Gazetteer
from ..geography import country_names
from ..patterns import load


@Language.factory("org_finder")
def make_org_finder(nlp: Language, name: str):
    return OrgFinder(nlp)


def canonical_name(text: str) -> str:
    """Collapse whitespace, split glued words ("AfricanUnion"), drop a leading "the"."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", text)
    text = re.sub(r"^(?i:the) ", "", text)
    return text[:1].upper() + text[1:]


class OrgFinder:
    def __init__(self, nlp: Language):
        self.tokenizer = nlp.tokenizer
        self.known = Gazetteer(nlp.tokenizer)
        self.countries = Gazetteer(nlp.tokenizer)
        self.office_words = Gazetteer(nlp.tokenizer)
        self.shapes = None

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        for entry in load("organizations.jsonl", patterns_dir):
            payload = {"canonical": entry.canonical, "acronym": entry.acronym}
            for name in [entry.canonical, *entry.aliases, *( [entry.acronym] if entry.acronym else [])]:
                self.known.add(name, payload)
        for name, code in country_names(patterns_dir).items():
            self.countries.add(name, code)
        self.shapes = load("org_shapes.json", patterns_dir)
        for word in self.shapes.office_words:
            self.office_words.add(word, word)
        self.heads = set(self.shapes.head_words)
        self.leading_heads = set(self.shapes.leading_head_words) | set(self.shapes.lowercase_leading_head_words)
        self.connectors = set(self.shapes.connectors)
        self.excluded = set(self.shapes.excluded_words)
        self.event_words = set(self.shapes.event_words)

    def __call__(self, doc: Doc) -> Doc:
        positions = word_positions(doc)
        found = [hit for hit in self.known.find(doc, positions) if not _in_caps_heading(doc, *hit[:2])]
        for start, end, payload in found:
            doc._.candidates.append(Candidate("ORG", start, end, "known", dict(payload)))
        for start, end, payload in found:
            if payload["acronym"]:
                self._office(doc, positions, end, start, payload["acronym"])
        for start, end in self._name_shapes(doc, positions):
            text = doc[start:end].text
            # "Council of the European Union": a name led by its head word holds whatever known name it contains
            source = "headed" if doc[start].text in self.leading_heads or doc[start].lower_ in self.leading_heads else "shape"
            doc._.candidates.append(Candidate("ORG", start, end, source, {"canonical": canonical_name(text), "acronym": None}))
        return doc

    def _office(self, doc: Doc, positions: list[int], org_end: int, org_start: int, acronym: str) -> None:
        """"IOM Kenya", "IOM Somalia Office", "IOM Regional Office for East and Horn of Africa"."""
        k = positions.index(org_end) if org_end in positions else None
        if k is None:
            return
        rest = positions[k:]
        country = next(self.countries.find(doc, rest[:6]), None)
        if country and country[0] == rest[0]:
            end = country[1]
            after = [i for i in rest if i >= end]
            office = next(self.office_words.find(doc, after[:3]), None)
            if office and office[0] == after[0]:
                end = office[1]
            canonical = f"{acronym} {doc[org_end:country[1]].text}"
            doc._.candidates.append(Candidate("ORG", org_start, end, "office", {"canonical": canonical, "acronym": None}))
            return
        office = next(self.office_words.find(doc, rest[:3]), None)
        if office and office[0] == rest[0] and office[1] < len(doc) and doc[office[1]].lower_ in ("for", "in"):
            end = self._capitalized_run_end(doc, office[1] + 1)
            if end > office[1] + 1:
                canonical = canonical_name(doc[org_start:end].text)
                doc._.candidates.append(Candidate("ORG", org_start, end, "office", {"canonical": canonical, "acronym": None}))

    def _capitalized_run_end(self, doc: Doc, i: int) -> int:
        end = i
        # capitalized words, and connectors right after one: "East and Horn of Africa"
        while i < len(doc) and (is_capitalized(doc[i]) or (doc[i].lower_ in self.connectors and end == i)):
            if is_capitalized(doc[i]):
                end = i + 1
            i += 1
        return end

    # Name shapes ---------------------------------------------------------

    def _is_name_word(self, token) -> bool:
        return is_capitalized(token) and token.text not in self.excluded and any(c.isalpha() for c in token.text)

    def _runs(self, doc: Doc, positions: list[int]):
        """Runs of capitalized words joined by connectors and hyphens, as lists of token indices."""
        run: list[int] = []
        for k, i in enumerate(positions):
            token = doc[i]
            prev = doc[run[-1]] if run else None
            if self._is_name_word(token) or (token.lower_ in self.shapes.lowercase_leading_head_words
                                             and k + 1 < len(positions) and doc[positions[k + 1]].lower_ in ("of", "for")):
                run.append(i)
            elif run and token.lower_ in self.connectors and not (token.lower_ == "the" and prev.lower_ not in ("of", "for", "on")):
                run.append(i)
            elif run and token.text in ("-", "&") and not prev.whitespace_:
                run.append(i)
            else:
                if run:
                    yield run
                run = []
        if run:
            yield run

    def _name_shapes(self, doc: Doc, positions: list[int]):
        for run in self._runs(doc, positions):
            while run and not self._is_name_word(doc[run[-1]]):
                run.pop()
            while run and not (self._is_name_word(doc[run[0]]) or doc[run[0]].lower_ in self.leading_heads):
                run.pop(0)
            words = [doc[i].text for i in run]
            # "Staff of the Directorate of ...": the name starts at a leading head after a connector
            for p in range(1, len(words)):
                if words[p] in self.leading_heads and words[p - 1] in self.connectors:
                    run, words = run[p:], words[p:]
                    break
            if any(w in self.event_words for w in words):
                cut = next(k for k, w in enumerate(words) if w in self.event_words)
                run, words = run[:cut], words[:cut]
            head_at = [k for k, w in enumerate(words) if w in self.heads or (k == 0 and w.lower() in self.leading_heads)]
            if not head_at:
                continue
            last = head_at[-1]
            end_k = last
            if last + 1 < len(words) and words[last + 1] in ("of", "for", "on"):
                end_k = len(words) - 1
                for k in range(last + 2, len(words) - 1):
                    if words[k] == "in" or (words[k] == "and" and (self.known.get(words[k + 1]) or words[k + 1].isupper())):
                        end_k = k - 1
                        break
            elif last + 2 < len(words) and words[last + 1] == "-":
                end_k = last + 2  # "Working Group-Kenya"
            elif last == 0 and words[0] not in self.heads:
                continue
            while end_k > 0 and not self._is_name_word(doc[run[end_k]]):
                end_k -= 1
            if end_k == 0 and len(words) == 1 and words[0] in self.heads:
                continue  # a bare head word ("Office") is no name
            yield run[0], run[end_k] + 1


def _in_caps_heading(doc: Doc, start: int, end: int) -> bool:
    """An all-capitals word next to other all-capitals words: "WHO WE ARE" is a heading."""
    if not doc[start:end].text.isupper():
        return False
    neighbours = [doc[i] for i in (start - 1, end) if 0 <= i < len(doc) and doc[i].is_alpha]
    return any(t.text.isupper() and len(t) > 1 for t in neighbours)
