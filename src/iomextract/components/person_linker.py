"""Completes PERSON entities: later surname mentions and each person's title and org.

"Mr. Mohamed Abdiker" ... "Mr. Abdiker": the surname is linked to the full
name and shares its title and org. The title is read from the text around
the first full mention: "IOM Regional Director (RD) for East and Horn of
Africa, Mr. Mohamed Abdiker", "Dimanche Sharon, Chief of Mission, IOM Kenya".
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..candidates import set_span_attrs
from ..gazetteer import Gazetteer
from ..patterns import load

LINKS = {"of", "for", "to"}


@Language.factory("person_linker")
def make_person_linker(nlp: Language, name: str):
    return PersonLinker(nlp)


class PersonLinker:
    def __init__(self, nlp: Language):
        self.titles = Gazetteer(nlp.tokenizer, ignore_case=True)

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        rules = load("people.json", patterns_dir)
        for title in rules.title_heads:
            self.titles.add(title, title)
        self.modifiers = {m.lower() for m in rules.title_modifiers}
        self.honorifics = set(rules.honorifics)

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        ent_at = {}
        for ent in ents:
            for i in range(ent.start, ent.end):
                ent_at[i] = ent
        people = {}
        for ent in ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and ent.text not in people:
                attrs = self._role(doc, ent, ent_at)
                attrs = dict(ent._.attrs, **attrs)
                set_span_attrs(ent, attrs)
                people[ent.text] = attrs
                people.setdefault(ent[-1].text, attrs)
        if not people:
            return doc
        new = []
        for token in doc:
            if token.i in ent_at:
                ent = ent_at[token.i]
                if ent.label_ == "PERSON" and len(ent) == 1 and token.text in people:
                    set_span_attrs(ent, dict(people[token.text], rule=ent._.attrs.get("rule")))
                continue
            if token.text in people and token.text[:1].isupper():
                span = Span(doc, token.i, token.i + 1, label="PERSON")
                set_span_attrs(span, dict(people[token.text], rule="person.surname"))
                new.append(span)
        if new:
            doc.ents = sorted(ents + new, key=lambda s: s.start)
        return doc

    # Roles ---------------------------------------------------------------

    def _role(self, doc: Doc, person: Span, ent_at) -> dict:
        return self._title_after(doc, person, ent_at) or self._title_before(doc, person, ent_at) or {"title": None, "org": None}

    def _find_title(self, doc, start, end):
        """The first title phrase in doc[start:end]: (start, end) of head with its modifiers."""
        i = start
        while i < end:
            for length in range(min(5, end - i), 0, -1):
                if tuple(self.titles.key(t.text) for t in doc[i:i + length]) in self.titles.table:
                    head_start = i
                    while head_start > start and doc[head_start - 1].lower_ in self.modifiers:
                        head_start -= 1
                    return head_start, i + length
            i += 1
        return None

    def _complement(self, doc, end, limit, ent_at):
        """Words after the title head: "for East and Horn of Africa" (a place) stays in the title,
        "for the Ministry of Foreign Affairs" (an org) becomes the org."""
        i = end
        if i < limit and doc[i].text == "(" and i + 2 < limit and doc[i + 2].text == ")":
            i += 3  # "(RD)"
        if i < limit and doc[i].lower_ in LINKS:
            j = i + 1
            if j < limit and doc[j].lower_ == "the":
                j += 1
            ent = ent_at.get(j)
            if ent is not None and ent.label_ == "PLACE" and ent.end <= limit:
                return self._place_list_end(doc, ent, limit, ent_at), None
            if ent is not None and ent.label_ == "ORG" and ent.end <= limit:
                return end, ent._.attrs.get("canonical")
            k = j
            while k < limit and doc[k].text[:1].isupper() and ent_at.get(k) is None:
                k += 1
            if k > j and (k == limit or doc[k].text in (",", ")")):
                return k, None  # "Cabinet Secretary for Interior"
        return end, None

    def _place_list_end(self, doc, first, limit, ent_at):
        """End of "Central America, North America and the Caribbean" in a title."""
        end, i = first.end, first.end
        while i < limit:
            if doc[i].text == "," or doc[i].lower_ in ("and", "the") or doc[i].is_space:
                i += 1
                continue
            ent = ent_at.get(i)
            if ent is None or ent.label_ != "PLACE" or ent.end > limit:
                break
            end = i = ent.end
        return end

    def _title_text(self, doc, start, head_end, title_end):
        skip = set()
        for t in doc[head_end:title_end]:  # a bracketed acronym of the title: "(RD)"
            if t.text == "(" and t.i + 2 < title_end and doc[t.i + 2].text == ")":
                skip.update(range(t.i, t.i + 3))
        text = "".join(t.text_with_ws for t in doc[start:title_end] if t.i not in skip and not t.is_space)
        return " ".join(text.split())

    def _org_before(self, doc, i, ent_at):
        """An ORG right before position i, allowing "(IOM)" and "'s" between."""
        j = i - 1
        if j >= 0 and doc[j].text in ("’s", "'s"):
            j -= 1
        if j >= 0 and doc[j].text == ")" and j >= 2 and doc[j - 2].text == "(":
            ent = ent_at.get(j - 1)
            if ent is not None and ent.label_ == "ORG":
                return ent._.attrs.get("canonical")
            j -= 3
        ent = ent_at.get(j)
        if ent is not None and ent.label_ == "ORG":
            return ent._.attrs.get("canonical")
        return None

    def _title_before(self, doc, person, ent_at):
        sentence_start = person.sent.start
        window_start = max(sentence_start, person.start - 14)
        i = person.start
        while i > window_start and (doc[i - 1].text in self.honorifics or doc[i - 1].text == "," or doc[i - 1].is_space):
            i -= 1
        found = None
        probe = window_start
        while True:
            hit = self._find_title(doc, probe, i)
            if hit is None:
                break
            found, probe = hit, hit[1]
        if found is None:
            return None
        start, head_end = found
        # the title must reach the name: only its complement may stand between
        title_end, org = self._complement(doc, head_end, i, ent_at)
        if doc[title_end:i].text.strip(" ,") and org is None:
            rest = [t for t in doc[title_end:i] if not t.is_space and t.text != ","]
            if rest and not (rest[0].text == "(" and len(rest) == 3):
                return None
        org = org or self._org_before(doc, start, ent_at)
        return {"title": self._title_text(doc, start, head_end, title_end), "org": org}

    def _title_after(self, doc, person, ent_at):
        i = person.end
        if i + 1 < len(doc) and doc[i].lower_ in ("of", "from"):
            j = i + 2 if doc[i + 1].lower_ == "the" else i + 1
            ent = ent_at.get(j)
            if ent is not None and ent.label_ == "ORG":  # "Dr. Samir Hossain of the Ministry of Health"
                return {"title": None, "org": ent._.attrs.get("canonical")}
        if i >= len(doc) or doc[i].text != ",":
            return None
        limit = min(len(doc), i + 12, person.sent.end)
        j = i + 1
        org = None
        ent = ent_at.get(j)
        if ent is not None and ent.label_ in ("ORG", "PLACE"):
            if ent.label_ == "ORG":
                org = ent._.attrs.get("canonical")
            j = ent.end
            if j < limit and doc[j].text in ("’s", "'s"):
                j += 1
        hit = self._find_title(doc, j, min(limit, j + 4))
        if hit is None or hit[0] != j:
            return None
        start, head_end = hit
        title_end, complement_org = self._complement(doc, head_end, limit, ent_at)
        org = complement_org or org
        if org is None and title_end < limit and doc[title_end].text == ",":
            ent = ent_at.get(title_end + 1)
            if ent is not None and ent.label_ == "ORG":
                org = ent._.attrs.get("canonical")
        return {"title": self._title_text(doc, start, head_end, title_end), "org": org}
