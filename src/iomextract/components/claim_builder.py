"""Claims built on the entities, by the rules in ``patterns/claims.jsonl``.

A rule names the attribute, which entity fills the value (a FIGURE with a
given unit, a year after a trigger phrase, an office kind, a person's title)
and how subject and object are found. Subjects are canonical names; "It"
and "the mission in Kenya" are resolved; lists of places expand to one claim
each. Claims go to ``doc._.claims`` as dicts shaped like ``models.Claim``.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..geography import country_names
from ..patterns import load



@Language.factory("claim_builder")
def make_claim_builder(nlp: Language, name: str):
    return ClaimBuilder()


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


class ClaimBuilder:
    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.rules = load("claims.jsonl", patterns_dir)
        self.countries = country_names(patterns_dir)
        context = load("claim_context.json", patterns_dir)
        self.pronouns = set(context.pronouns)
        nouns = "|".join(re.escape(n) for n in sorted(context.office_nouns, key=len, reverse=True))
        self.office_phrase = re.compile(rf"\b(?:the\s+)?(?:[A-Z]{{2,}}\s+)?(?:{nouns})\s+in\s+$", re.I)

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        with_acronym = Counter(e._.attrs.get("acronym") for e in ents if e.label_ == "ORG" and e._.attrs.get("acronym"))
        self.main_acronym = with_acronym.most_common(1)[0][0] if with_acronym else None
        doc.user_data["iom_text"] = doc.text  # Doc.text is rebuilt on every access
        claims, seen = [], set()
        previous_subject = None
        for number, sent in enumerate(doc.sents):
            found = []
            context = _Sentence(doc, sent, ents, previous_subject, self.pronouns)
            for rule in self.rules:
                found += getattr(self, f"_{rule.value}")(rule, context)
            for claim in found:
                key = (claim["subject"], claim["attribute"], str(claim["value"]), claim.get("object"))
                if key not in seen:
                    seen.add(key)
                    claims.append(dict(claim, sentence=number, evidence=context.evidence))
            subjects = [c["subject"] for c in found if c["attribute"] != "role"]
            orgs = context.of("ORG")
            if subjects:
                previous_subject = subjects[0]
            elif orgs:
                previous_subject = orgs[0]._.attrs.get("canonical")
        doc.user_data["iom_claims"] = claims
        del doc.user_data["iom_text"]
        return doc

    # value kinds -----------------------------------------------------------

    def _figure(self, rule, ctx):
        out = []
        units = {_norm(u) for u in rule.units}
        for fig in ctx.of("FIGURE"):
            attrs = fig._.attrs
            if _norm(attrs.get("unit") or "") not in units:
                continue
            before = _norm(ctx.text[ctx.sent.start_char:fig.start_char])
            after = _norm(ctx.text[fig.end_char:ctx.sent.end_char])
            after = after[len(_norm(attrs.get("unit") or "")):].strip() if after.startswith(_norm(attrs.get("unit") or "")) else after
            if rule.preceded_by and not any(before.endswith(_norm(p)) for p in rule.preceded_by):
                continue
            if rule.followed_by and not any(after.startswith(_norm(p)) for p in rule.followed_by):
                continue
            subject = self._subject(rule.subject, ctx, fig)
            if subject:
                value = attrs["value"]
                out.append({"subject": subject, "attribute": rule.attribute, "value": int(value) if float(value).is_integer() else value,
                            "qualifier": attrs.get("qualifier", "exact")})
        return out

    def _year(self, rule, ctx):
        out = []
        for start, end in ctx.find(rule.triggers):
            date = next((d for d in ctx.of("DATE") if start <= d.start <= end + 8
                         and re.fullmatch(r"\d{3,4}", str(d._.attrs.get("value") or ""))), None)
            if date is None:
                continue
            claim = {"attribute": rule.attribute, "value": date._.attrs["value"]}
            if rule.object == "org":  # "member state of IOM since 1983", "an IOM member since 2016"
                obj = next((o for o in ctx.of("ORG") if end <= o.start <= date.start + 1), None) or \
                    next((o for o in reversed(ctx.of("ORG")) if start - 3 <= o.start and o.end <= start), None)
                if obj is None:
                    continue
                claim["object"] = obj._.attrs.get("canonical")
            subject = self._subject(rule.subject, ctx, ctx.doc[start:end], exclude=claim.get("object"))
            if subject:
                out.append(dict(claim, subject=subject))
        return out

    def _office_kind(self, rule, ctx):
        out = []
        for kind, phrases in rule.office_kinds.items():
            for start, end in ctx.find(phrases, ignore_case=False):
                holder = next((o for o in ctx.of("ORG") if o.start <= start and end <= o.end), None)
                if holder is not None:  # "IOM Kenya Country Office is in the capital, Nairobi"
                    place = next((p for p in ctx.of("PLACE") if p.start >= holder.end), None)
                    if place is None or not re.match(r"^\s*(?:is|are)?\s*(?:located|based)?\s*in\b",
                                                     ctx.text[holder.end_char:place.start_char]):
                        continue
                    out.append({"subject": holder._.attrs.get("canonical"), "attribute": rule.attribute, "value": kind,
                                "object": place.text})
                    continue
                places = ctx.place_list(end)
                subject = self._subject(rule.subject, ctx, ctx.doc[start:end])
                for place in places:
                    if subject:
                        out.append({"subject": subject, "attribute": rule.attribute, "value": kind, "object": place.text})
        return out

    def _title(self, rule, ctx):
        out = []
        for person in ctx.of("PERSON"):
            attrs = person._.attrs
            if len(person) > 1 and attrs.get("title"):
                out.append({"subject": person.text, "attribute": rule.attribute, "value": attrs["title"],
                            "object": attrs.get("org")})
        return out

    # subjects --------------------------------------------------------------

    def _subject(self, kind, ctx, anchor: Span, exclude=None):
        if kind == "country":
            return ctx.country_before(anchor.start, self.countries)
        if kind == "office":
            office = self._office_phrase(ctx, anchor)
            if office:
                return office
            offices = [o for o in ctx.of("ORG") if o.start < anchor.start and self.main_acronym
                       and (o._.attrs.get("canonical") or "").startswith(self.main_acronym + " ")]
            if offices:
                return offices[-1]._.attrs["canonical"]
        orgs = [o._.attrs.get("canonical") for o in ctx.of("ORG") if o._.attrs.get("canonical") != exclude]
        if ctx.starts_with_pronoun() and ctx.previous_subject and (not orgs or kind == "office"):
            return ctx.previous_subject
        if orgs:
            return orgs[0]  # the sentence's first organization is most often its subject
        return ctx.previous_subject if ctx.starts_with_pronoun() else None

    def _office_phrase(self, ctx, anchor):
        """"The mission in Kenya" -> "IOM Kenya" (the document's main organization's office)."""
        if not self.main_acronym:
            return None
        for place in ctx.of("PLACE"):
            if place.start < anchor.start and place._.attrs.get("kind") == "country":
                text = ctx.text[ctx.sent.start_char:place.start_char]
                if self.office_phrase.search(text):
                    return f"{self.main_acronym} {place.text}"
        return None


class _Sentence:
    """A sentence with its entities and the helpers the rules share."""

    def __init__(self, doc, sent, ents, previous_subject, pronouns):
        self.doc, self.sent, self.previous_subject, self.pronouns = doc, sent, previous_subject, pronouns
        self.text = doc.user_data["iom_text"]
        self.ents = [e for e in ents if sent.start <= e.start < sent.end]
        text = self.text[sent.start_char:sent.end_char]
        lead = len(text) - len(text.lstrip())
        self.evidence = {"text": text.strip(), "start": sent.start_char + lead,
                         "end": sent.start_char + lead + len(text.strip())}

    def of(self, label):
        return [e for e in self.ents if e.label_ == label]

    def find(self, phrases, ignore_case=True):
        """(start, end) token spans of the phrases in the sentence."""
        sentence = self.evidence["text"]
        phrases = [p for p in phrases if (p.lower() in sentence.lower() if ignore_case else p in sentence)]
        if not phrases:
            return []
        words = [t for t in self.sent if not t.is_space]
        texts = [t.lower_ if ignore_case else t.text for t in words]
        hits = []
        for phrase in phrases:
            parts = re.findall(r"[\w']+|[^\w\s]", phrase.lower() if ignore_case else phrase)
            for k in range(len(words) - len(parts) + 1):
                if texts[k:k + len(parts)] == parts:
                    hits.append((words[k].i, words[k + len(parts) - 1].i + 1))
        return sorted(set(hits))

    def place_list(self, end):
        """Places listed after "in": "in Kakuma, Dadaab and Mombasa"."""
        doc = self.doc
        i = end
        while i < self.sent.end and doc[i].is_space:
            i += 1
        if i >= self.sent.end or doc[i].lower_ != "in":
            return []
        places = []
        i += 1
        by_start = {e.start: e for e in self.of("PLACE")}
        while i < self.sent.end:
            if doc[i].is_space or doc[i].text == "," or doc[i].lower_ in ("and", "the"):
                if doc[i].lower_ == "and" and i + 1 < len(doc) and doc[i + 1].i not in by_start and not doc[i + 1].is_space:
                    if places and doc[i - 1].text != ",":
                        break
                i += 1
                continue
            place = by_start.get(i)
            if place is None:
                break
            places.append(place)
            i = place.end
        return places

    def starts_with_pronoun(self):
        words = [t.lower_ for t in self.sent if not t.is_space][:2]
        return bool(words) and (words[0] in self.pronouns or " ".join(words) in self.pronouns)

    def country_before(self, i, countries):
        for ent in reversed([e for e in self.ents if e.start < i]):
            if ent.label_ == "PLACE" and ent._.attrs.get("kind") == "country":
                return ent.text
            if ent.label_ == "ORG":
                for name in countries:
                    if ent.text.endswith(" " + name):
                        return name
        return None
