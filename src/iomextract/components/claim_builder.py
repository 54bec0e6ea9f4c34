"""Claims built on the entities by the claim families of ``patterns/claims.jsonl``.

One ``phrases.PhraseSet`` holds every trigger, cue and office-kind phrase of
every family; each document is matched once and
the families read the matches of each sentence:

- count families: a FIGURE whose counted noun (its unit) belongs to the
  family, or a frame noun ("states", "people") with a cue of the family in
  the figure's clause ("observer", "workforce"); exclusion cues veto;
- year families: a trigger ("joined", "member of * since", "creation") with
  a year after it, or the release's year for events without one;
- office families: an office kind placed in a list of places;
- the role family: each person's title and org, once per person.

Subjects are found by the same slots for every family, in this order: an
office phrase ("the IOM mission in Bangladesh"), an owner in the counted
noun phrase ("IOM's membership", "the Organization's 127 Member States",
"IOM member states"), "of/with ORG" after it, the antecedent of a relative
clause ("IOM, whose members ..."), the organization or pronoun before the
anchor in its clause, and the sentence's organization that is no object of a
preposition. A clause whose subject slot holds something else ("The office
was established ...") gives no claim. Pronouns and "the Organization"
resolve to the previous sentence's subject or the release's main
organization. Every claim records its family id and the context flags
(hedged, negated, attributed_to) of the tokens it rests on.
"""
from __future__ import annotations

import re

from bisect import bisect_left
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache

from lemminflect import getLemma
from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import chosen_candidates, published_of
from ..geography import country_names
from ..patterns import CountFamily, OfficeFamily, RoleFamily, YearFamily, load
from ..phrases import PhraseSet
from ..token_table import TokenTable, token_table
from .statement_context import context_flags
from .release_context import main_organization, release_office

POSSESSIVE = {"'s", "’s", "'", "’"}
# how far (in tokens) a subject slot is looked for from its anchor: real slots are close, and a bound
# keeps a 50,000-token "sentence" (a table of numbers) from costing the square of its length
REACH = 40
VERB_FILLERS = {"is", "are", "was", "were", "has", "have", "had", "be", "been", "will", "would"}


@Language.factory("claim_builder")
def make_claim_builder(nlp: Language, name: str):
    return ClaimBuilder(nlp)


@lru_cache(maxsize=8192)
def singular(word: str) -> str:
    lemma = getLemma(word.lower(), upos="NOUN")
    return lemma[0] if lemma else word.lower()


def noun_key(words: list[str]) -> tuple[str, str]:
    """(head, compound) of a counted noun phrase, singular: "Member States" -> ("state", "member state")."""
    words = [w for w in words if w.isalpha() or "-" in w]
    if not words:
        return "", ""
    head = singular(words[-1])
    compound = f"{words[-2].lower()} {head}" if len(words) > 1 else head
    return head, compound


class ClaimBuilder:
    def __init__(self, nlp: Language):
        self.vocab = nlp.vocab
        self.tokenizer = nlp.tokenizer

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.families = load("claims.jsonl", patterns_dir)
        self.by_id = {family.id: family for family in self.families}
        self.count_families = [f for f in self.families if isinstance(f, CountFamily)]
        self.year_families = [f for f in self.families if isinstance(f, YearFamily)]
        self.office_families = [f for f in self.families if isinstance(f, OfficeFamily)]
        # the match keys that make a family worth trying in a sentence
        self.year_triggers = [(f"{f.id}|trigger", f) for f in self.year_families]
        self.office_keys = [({f"{f.id}|kind|{kind}" for kind in f.office_kinds}, f) for f in self.office_families]
        self.matcher = PhraseSet(self.tokenizer)
        for family in self.families:
            if isinstance(family, YearFamily):
                self._add(f"{family.id}|trigger", family.triggers)
                self._add(f"{family.id}|exclude", family.exclude)
            elif isinstance(family, CountFamily):
                self._add(f"{family.id}|cue", family.cues)
                self._add(f"{family.id}|exclude", family.exclude)
                self._add(f"{family.id}|event", family.events)
            elif isinstance(family, OfficeFamily):
                for kind, phrases in family.office_kinds.items():
                    self._add(f"{family.id}|kind|{kind}", phrases)
        self.countries = country_names(patterns_dir)
        context = load("claim_context.json", patterns_dir)
        self._add("count_frame", context.count_frames)
        self._add("part", context.part_cues)
        self.family_nouns = {}  # the last word of a family's nouns -> the noun ("staff", "states" -> "member states")
        for family in self.families:
            if isinstance(family, CountFamily):
                for noun in family.nouns:
                    self.family_nouns.setdefault(noun.split()[-1], noun)
        self._add("whole_organization", context.whole_organization_cues)
        self.office_attributes = set(context.office_attributes)
        # a pronoun points to the subject before (None); a description to the organization it describes
        referents = {**{p: None for p in context.pronouns}, **context.descriptions}
        self.pronouns = sorted(((tuple(p.split()), org) for p, org in referents.items()), key=lambda e: len(e[0]),
                               reverse=True)
        self.office_nouns = sorted((tuple(p.split()) for p in context.office_nouns), key=len, reverse=True)
        self.relatives = set(context.relative_pronouns)
        self.prepositions = set(context.prepositions)
        self.fillers = set(context.subject_fillers)
        self.subject_openers = set(context.subject_openers)
        # the nouns that end a pronoun of several words: "the agency", "the organization"
        self.pronoun_heads = {p.split()[-1] for p in context.pronouns if len(p.split()) > 1}
        self.pronoun_modifiers = set(context.pronoun_modifiers)
        self.family_words = set()
        for family in self.families:
            if isinstance(family, CountFamily):
                for phrase in family.nouns + family.frame_nouns + family.cues:
                    self.family_words.update(w for w in phrase.split())
        self.link_words = {family.id: set(family.place_links) for family in self.families if isinstance(family, OfficeFamily)}
        singular("states")  # lemminflect reads its tables on first use: here, not in the first document

    def _add(self, key: str, phrases: list[str]) -> None:
        self.matcher.add(key, phrases)

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)
        ents = sorted(chosen_candidates(doc), key=lambda c: c.start)
        matches_by_sentence = defaultdict(list)
        for key, start, end in self.matcher.find(table):
            matches_by_sentence[table.sentence_of[start]].append((key, start, end))
        ents_by_sentence = defaultdict(list)
        for cand in ents:
            ents_by_sentence[table.sentence_of[cand.start]].append(cand)
        flags = context_flags(doc)
        main_org = main_organization(doc)
        acronym = next((c.attrs.get("acronym") for c in ents if c.label == "ORG" and c.attrs.get("acronym")
                        and c.attrs.get("canonical") == main_org), None)
        discourse = _Discourse(main_org, published_of(doc), acronym)
        claims, seen = [], set()
        for number, (start, end) in enumerate(table.sentence_bounds):
            sentence_ents = ents_by_sentence.get(number, [])
            matches = matches_by_sentence.get(number, [])
            has_figure = any(c.label == "FIGURE" for c in sentence_ents)
            if not has_figure and not matches:
                orgs = [c for c in sentence_ents if c.label == "ORG"]
                if orgs:  # no claim here, but the sentence may say what the next one is about
                    discourse.after_sentence(_Sentence(self, table, number, start, end, orgs, [], discourse), [])
                continue
            sentence = _Sentence(self, table, number, start, end, sentence_ents, matches, discourse)
            found = []
            if has_figure:
                found += self._counts(sentence)
            if matches:
                matched = sentence.by_key.keys()
                for trigger, family in self.year_triggers:
                    if trigger in matched:
                        found += self._years(family, sentence)
                for office_keys, family in self.office_keys:
                    if not matched.isdisjoint(office_keys):
                        found += self._offices(family, sentence)
            for claim in found:
                anchor_start, anchor_end = claim.pop("anchor")
                key = (claim["subject"], claim["attribute"], str(claim["value"]), claim.get("object"))
                if key in seen:
                    continue
                seen.add(key)
                context = flags.over(anchor_start, anchor_end, number)
                claims.append(dict(claim, sentence=number, evidence=sentence.evidence(),
                                   hedged=context["hedged"], negated=context["negated"],
                                   attributed_to=context["attributed_to"]))
            discourse.after_sentence(sentence, found)
        self._to_country_offices(doc, table, claims, main_org, acronym, matches_by_sentence, ents_by_sentence)
        role = next((f for f in self.families if isinstance(f, RoleFamily)), None)
        if role is not None:
            claims += self._roles(role, table, ents, doc.user_data.get("iom_more_roles"))
        doc.user_data["iom_claims"] = claims
        return doc

    # count families ----------------------------------------------------------

    def _counts(self, s: "_Sentence") -> list[dict]:
        """Count claims: each FIGURE goes to the family it fits best (its noun, else the nearest cue)."""
        out = []
        for fig, inherited in self._coordinated_figures(s, self._figures_of_change(s)):
            compound = None
            if s.is_part(fig):
                continue  # "310 (including 290 national and 20 international staff)": the parts of a total
            unit = fig.attrs.get("unit")
            if not unit and fig.attrs.get("value") is not None:
                # "bringing to 165 the number of member states", "the 130-nation agency", "staff has grown to 310"
                compound = s.compound_noun(fig)
                unit, inherited = s.framed_noun(fig) or compound or s.noun_before(fig), True
            if not unit or unit == "%" or unit.isupper():
                continue  # no counted noun
            unit_words = unit.split()
            counted = ({w.lower() for w in unit_words}, *noun_key(unit_words))
            unit_end = fig.end if inherited else s.unit_end(fig, len(unit_words))
            fits = [(distance, order, family) for order, family in enumerate(self.count_families)
                    if (distance := self._count_fit(family, s, fig, counted, unit_end)) is not None
                    and (unit != compound or s.word_after_in(unit_end, family.compound_heads))]  # "a 5-member team"
            if not fits:
                continue
            _, _, family = min(fits, key=lambda fit: fit[:2])
            subject = s.subject(fig.start, unit_end, family.subject)
            if subject is None:
                continue
            value = fig.attrs["value"]
            out.append({"subject": subject, "attribute": family.attribute,
                        "value": int(value) if float(value).is_integer() else value,
                        "qualifier": fig.attrs.get("qualifier", "exact"), "rule": family.id,
                        "anchor": (fig.start, fig.end)})
        return out

    @staticmethod
    def _coordinated_figures(s: "_Sentence", figures):
        """Figures of one noun joined by "and": "12 international and 80 national staff" is one count, 92."""
        figures = list(figures)
        skip, out = set(), []
        for n, (fig, inherited) in enumerate(figures):
            if n in skip:
                continue
            later = figures[n + 1][0] if n + 1 < len(figures) else None
            unit = later.attrs.get("unit") if later is not None else None
            between = [s.lower[i] for i in range(fig.end, later.start) if not s.table.is_space[i]] if later else []
            if (unit and not fig.attrs.get("unit") and len(between) in (2, 3) and between[-1] == "and"
                    and all(w.isalpha() and w.islower() for w in between) and fig.attrs.get("value") is not None
                    and later.attrs.get("value") is not None and len(unit.split()) >= 2):
                total = fig.attrs["value"] + later.attrs["value"]
                noun = " ".join(unit.split()[1:])  # "national staff" -> "staff"
                out.append((replace(later, start=fig.start, attrs={**later.attrs, "value": total, "unit": noun}), True))
                skip.add(n + 1)
                continue
            out.append((fig, inherited))
        return out

    @staticmethod
    def _figures_of_change(s: "_Sentence"):
        """(figure, unit inherited) to read as counts: in "grew from 67 states to 174", the
        earlier value is no statement of the count, and the later one counts what it does."""
        figures = s.of("FIGURE")
        skipped, inherited = set(), {}
        for n, fig in enumerate(figures):
            before = s.previous_word(fig.start)
            if before is None or s.lower[before] != "from" or n + 1 >= len(figures):
                continue
            later = figures[n + 1]
            to = s.previous_word(later.start)
            if to is None or s.lower[to] != "to" or later.start - fig.end > 12:
                continue
            skipped.add(n)
            if not later.attrs.get("unit") and fig.attrs.get("unit"):
                inherited[n + 1] = replace(later, attrs={**later.attrs, "unit": fig.attrs["unit"]})
        for n, fig in enumerate(figures):
            if n not in skipped:
                yield inherited.get(n, fig), n in inherited

    @staticmethod
    def _count_fit(family: CountFamily, s: "_Sentence", fig, counted: tuple[set[str], str, str],
                   unit_end: int | None = None) -> int | None:
        """How well a figure fits a count family: 0 when its noun names the family, else the
        distance to the family's nearest cue in its clause; None when it does not fit or a
        nearer exclusion cue vetoes it ("Twelve states have applied for membership").

        ``counted`` is the figure's noun: its words in lower case, and its (head, compound) key.
        """
        unit_words, head, compound = counted
        if not unit_words.isdisjoint(family.exclude_unit_words):
            return None
        if compound in family.nouns or head in family.nouns:
            distance = 0
        elif head in family.frame_nouns and unit_end is not None and s.word_after_in(unit_end, family.compound_heads):
            distance = 0  # "the 130-nation agency"
        elif head in family.frame_nouns:
            cue = s.nearest_cue(f"{family.id}|cue", fig.start)
            if cue is None:
                return None
            distance = abs(cue - fig.start)
        else:
            return None
        veto = s.nearest_cue(f"{family.id}|exclude", fig.start)
        if veto is not None and s.nearest_figure(veto) is fig and (distance == 0 or abs(veto - fig.start) <= distance):
            return None  # the exclusion is about this figure (no other figure is nearer) and as near as the cue
        if unit_end is not None and s.event_after(f"{family.id}|event", unit_end):
            return None  # "Fourteen countries joined", "50 staff are engaged in the airlift": an event, not a total
        return distance

    # year families -----------------------------------------------------------

    def _years(self, family: YearFamily, s: "_Sentence") -> list[dict]:
        out = []
        for start, end in s.matches(f"{family.id}|trigger"):
            if s.has_match(f"{family.id}|exclude", s.clause_of(start)):
                continue
            if family.subject == "org" and s.about_an_office(start, end):
                continue  # "The IOM office in Nepal was established in 1991" dates the office, not IOM
            year = s.year_after(end, family.window)
            if year is None and family.publication_year and s.discourse.published is not None:
                year = str(s.discourse.published.year)
            if year is None:
                continue
            claim = {"attribute": family.attribute, "value": year, "rule": family.id, "anchor": (start, end)}
            if family.object == "org":
                obj = s.object_org(start, end)
                if obj is None:
                    continue
                claim["object"] = obj
            if family.subject == "country":
                countries = s.countries_after(start + 1, end) if family.subject_after else s.subject_countries(start, end)
                out += [dict(claim, subject=country) for country in countries]
                if countries:  # "Samoa joined IOM in 2018, and Fiji in 2009": the verb left out
                    out += [dict(claim, subject=country, value=later) for country, later in s.elided_after(end)]
            else:
                subject = s.subject(start, end, "org", slot_required=True)
                if subject is not None:
                    out.append(dict(claim, subject=subject))
        return out

    # office families ---------------------------------------------------------

    def _offices(self, family: OfficeFamily, s: "_Sentence") -> list[dict]:
        out = []
        prefix = f"{family.id}|kind|"
        for key, start, end in s.raw_matches:
            if not key.startswith(prefix):
                continue
            kind = key[len(prefix):]
            holder = s.ent_at.get(start)
            if holder is not None and holder.label == "ORG":
                places = s.place_list(holder.end, self.link_words[family.id])
                subject = s.owner_before(holder.start) or holder.attrs.get("canonical")
            else:
                places = s.place_list(s.after_served_region(end, self.link_words[family.id]), self.link_words[family.id])
                subject = s.subject(start, end, "office") if places else None
                before = s.previous_word(start)
                if places and subject is None and before is not None and s.lower[before] == "the" \
                        and s.clauses[before] == s.clauses[start] and s.next_word(s.start) == before:
                    subject = s.discourse.resolve()  # "The regional office for Asia ... is in Bangkok": the release's org
            if subject is None:
                continue
            for place in places:
                out.append({"subject": subject, "attribute": family.attribute, "value": kind,
                            "object": s.text(place), "rule": family.id, "anchor": (start, end)})
        return out

    # country offices -----------------------------------------------------------

    def _to_country_offices(self, doc, table, claims, main_org, acronym, matches_by_sentence, ents_by_sentence):
        """Staff and offices of the release's organization stated on a country office's page ("IOM Iraq")
        or in a sentence about one country ("In Chad, IOM employs 120 staff") are the office's."""
        if not main_org or not acronym:
            for claim in claims:  # no organization to place a head office in: it is the seat
                if claim["attribute"] == "office" and claim["value"] == "head office":
                    claim["value"] = "headquarters"
            return
        page_office = release_office(doc)
        if page_office is not None and not page_office.startswith(acronym + " "):
            page_office = None
        for claim in claims:
            if claim["attribute"] == "office" and claim["value"] == "head office":
                # a country mission's head office is its country office; the organization's, its seat
                office = page_office if claim["subject"] == main_org else claim["subject"]
                is_mission = office is not None and office.startswith(acronym + " ")
                claim["value"] = "country office" if is_mission else "headquarters"
                if is_mission:
                    claim["subject"] = office
                continue
            if claim["subject"] != main_org or claim["attribute"] not in self.office_attributes:
                continue
            if claim["attribute"] == "office" and claim["value"] == "headquarters":
                continue  # the organization's seat
            number = claim["sentence"]
            if any(key == "whole_organization" for key, _, _ in matches_by_sentence.get(number, [])):
                continue  # "IOM has 19,000 staff worldwide"
            office = self._fronted_country(table, number, ents_by_sentence.get(number, []), acronym) or page_office
            if office is not None:
                claim["subject"] = office

    @staticmethod
    def _fronted_country(table, number, ents, acronym) -> str | None:
        """"In Chad, IOM employs ..." -> "IOM Chad": a sentence that opens with "In COUNTRY,"."""
        start, end = table.sentence_bounds[number]
        i = start
        while i < end and table.is_space[i]:
            i += 1
        if i >= end or table.lower[i] != "in":
            return None
        place = next((c for c in ents if c.start == i + 1 and c.label == "PLACE" and c.attrs.get("kind") == "country"),
                     None)
        if place is None or place.end >= end or table.words[place.end] != ",":
            return None
        return f"{acronym} {table.span_text(place.start, place.end)}"

    # the role family ---------------------------------------------------------

    def _roles(self, family: RoleFamily, table: TokenTable, ents, more_posts: dict | None = None) -> list[dict]:
        """One claim per post of each person: the title of their first mention with one, then every
        further post the person linker read (coordinated titles, posts stated by a verb)."""
        claims, done, first_name = [], set(), {}
        for cand in ents:
            if cand.label != "PERSON":
                continue
            key = cand.attrs.get("key")
            text = table.span_text(cand.start, cand.end)
            if key and key not in first_name and len(text.split()) > 1:
                first_name[key] = text
            if not key or key in done or not cand.attrs.get("title") or key not in first_name:
                continue
            done.add(key)
            number = table.sentence_of[cand.start]
            start, end = table.sentence_bounds[number]
            claims.append({"subject": first_name[key], "attribute": family.attribute,
                           # "Deputy Minister of the Ministry of Labour, Jane Doe": the ministry is the object;
                           # a title in apposition ("Jane Doe, Director of the X Office") is kept as written
                           "value": (without_object(cand.attrs["title"], cand.attrs.get("org"))
                                     if cand.attrs.get("title_before_name") else cand.attrs["title"]),
                           "object": cand.attrs.get("org"), "rule": family.id, "sentence": number,
                           "evidence": _evidence(table, start, end), "subject_key": key,
                           "value_key": cand.attrs.get("title_key")})
        stated = {(c["subject_key"], c["value_key"]) for c in claims}
        for key, posts in (more_posts or {}).items():
            if key not in first_name:
                continue
            for post in posts:
                if (key, post.get("key")) in stated:
                    continue
                stated.add((key, post.get("key")))
                number = post["sentence"]
                start, end = table.sentence_bounds[number]
                claims.append({"subject": first_name[key], "attribute": family.attribute, "value": post["title"],
                               "object": post.get("org"), "rule": family.id, "sentence": number,
                               "evidence": _evidence(table, start, end), "subject_key": key,
                               "value_key": post.get("key")})
        return claims


def without_object(title: str, org: str | None) -> str:
    """A role's title without the organization that is its object: "Head of the Crisis Centre" -> "Head"."""
    if not org:
        return title
    words, org_words = title.split(), org.split()
    n = len(org_words)
    if len(words) > n + 1 and [w.lower() for w in words[-n:]] == [w.lower() for w in org_words]:
        rest = words[:-n]
        if rest[-1].lower() == "the":
            rest = rest[:-1]
        if len(rest) > 1 and rest[-1].lower() in ("of", "for", "at", "with"):
            return " ".join(rest[:-1])
    return title


class _Discourse:
    """What a release is about: its main organization, and the subject of the sentence before."""

    def __init__(self, main_org: str | None, published, main_acronym: str | None = None):
        self.main_org = main_org
        self.main_acronym = main_acronym
        self.published = published
        self.previous = None

    def after_sentence(self, sentence: "_Sentence", found: list[dict]) -> None:
        subjects = [c["subject"] for c in found if c.get("attribute") not in ("member_since",)]
        if subjects:
            self.previous = subjects[0]
            return
        orgs = [c for c in sentence.of("ORG") if not sentence.is_object(c.start)]
        if orgs:
            self.previous = orgs[0].attrs.get("canonical")

    def resolve(self) -> str | None:
        return self.previous or self.main_org


class _Sentence:
    """One sentence with its entities and matches, and the slots every family shares."""

    def __init__(self, builder: ClaimBuilder, table: TokenTable, number, start, end, ents, matches, discourse):
        self.b, self.table, self.number, self.start, self.end = builder, table, number, start, end
        self.ents, self.raw_matches, self.discourse = ents, matches, discourse
        self.ent_at = {}
        for cand in ents:
            for i in range(cand.start, cand.end):
                self.ent_at[i] = cand
        self.words, self.lower = table.words, table.lower
        self.clauses = table.clause_of
        self.by_key = defaultdict(list)
        for key, m_start, m_end in matches:
            self.by_key[key].append((m_start, m_end))
        self._clause_first: dict[int, int] | None = None
        self.by_label: dict[str, list] = {}
        self.ent_starts = [c.start for c in ents]

    # plumbing ----------------------------------------------------------------

    @property
    def clause_first(self) -> dict[int, int]:
        """Clause number -> its first token, for the clauses of this sentence (made on first use)."""
        if self._clause_first is None:
            first, clauses = {}, self.clauses
            for i in range(self.start, self.end):
                first.setdefault(clauses[i], i)
            self._clause_first = first
        return self._clause_first

    def ents_between(self, low: int, high: int, label: str | None = None) -> list:
        """The entities starting in [low, high), in text order (a bisect: no scan of the sentence)."""
        found = self.ents[bisect_left(self.ent_starts, low):bisect_left(self.ent_starts, high)]
        return [c for c in found if c.label == label] if label else found

    def of(self, label: str):
        found = self.by_label.get(label)
        if found is None:
            found = self.by_label[label] = [c for c in self.ents if c.label == label]
        return found

    def text(self, cand) -> str:
        return self.table.span_text(cand.start, cand.end)

    def evidence(self) -> dict:
        return _evidence(self.table, self.start, self.end)

    def matches(self, key: str):
        return self.by_key.get(key, [])

    def clause_of(self, i: int) -> int:
        return self.clauses[i]

    def has_match(self, key: str, clause: int, before: int | None = None) -> bool:
        return any(self.clauses[m_start] == clause and (before is None or m_start < before)
                   for m_start, _ in self.by_key.get(key, []))

    def nearest_cue(self, key: str, i: int) -> int | None:
        """Start of the cue of that key nearest to token i, in i's clause."""
        clause = self.clauses[i]
        starts = [m_start for m_start, _ in self.by_key.get(key, []) if self.clauses[m_start] == clause]
        return min(starts, key=lambda m: abs(m - i)) if starts else None

    def about_an_office(self, start: int, end: int) -> bool:
        """The trigger's subject or object is an office: "The IOM office in Oman (was) opened",
        "set up its office in Beirut", "opened its first sub-office"."""
        fillers, lower = self.b.fillers, self.lower
        i = self.previous_word(start)
        while i is not None and lower[i] in fillers:
            i = self.previous_word(i)
        if i is not None and i in self.ent_at and self.ent_at[i].label == "PLACE":  # "office in Oman"
            j = self.previous_word(self.ent_at[i].start)
            i = self.previous_word(j) if j is not None and lower[j] in ("in", "at") else i
        if i is not None and self._office_noun_ending_at(i):
            return True
        k = self.next_word(end)
        for _ in range(3):  # "set up its (new|first) office"
            if k is None:
                return False
            if self._office_noun_starting_at(k):
                return True
            if lower[k] not in ("its", "their", "a", "an", "the", "new", "first", "own"):
                return False
            k = self.next_word(k + 1)
        return False

    def _office_noun_ending_at(self, i: int) -> bool:
        return any(tuple(self.lower[i - len(noun) + 1:i + 1]) == noun for noun in self.b.office_nouns)

    def _office_noun_starting_at(self, i: int) -> bool:
        return any(tuple(self.lower[i:i + len(noun)]) == noun for noun in self.b.office_nouns)

    def elided_after(self, i: int) -> list[tuple[str, str]]:
        """(country, year) of "..., and COUNTRY in YEAR" after token i: a statement whose verb is left out."""
        found = []
        for cand in self.of("PLACE"):
            if cand.start <= i or not self.country_of(cand):
                continue
            before = self.previous_word(cand.start)
            if before is None or self.lower[before] != "and":
                continue
            j = self.next_word(cand.end)
            k = self.next_word(j + 1) if j is not None and self.lower[j] in ("in", "since") else None
            date = self.ent_at.get(k) if k is not None else None
            if date is not None and date.label == "DATE" and re.fullmatch(r"\d{4}", str(date.attrs.get("value"))):
                found.append((self.country_of(cand), date.attrs["value"]))
        return found

    def word_after_in(self, i: int, words: list[str]) -> bool:
        """The word after token i (past a glued hyphenated noun) is one of ``words``."""
        j = self.next_word(i)
        if j is not None and self.words[j] == "-" and j + 1 < self.end:
            j = self.next_word(j + 2)
        return j is not None and self.lower[j] in words

    def event_after(self, key: str, i: int) -> bool:
        """A phrase of that key starts within two words after token i (the counted noun's end)."""
        first = self.next_word(i)
        if first is None:
            return False
        second = self.next_word(first + 1)
        return any(m_start in (first, second) for m_start, _ in self.by_key.get(key, []))

    def is_part(self, fig) -> bool:
        """A part cue stands right before the figure ("including 290 national ...", "(of whom 20 ...")."""
        i = self.previous_word(fig.start)
        if i is not None and self.words[i] == "(":
            i = self.previous_word(i)
        return i is not None and any(start <= i < end for start, end in self.by_key.get("part", []))

    def compound_noun(self, fig) -> str | None:
        """"the 130-nation agency": the noun glued to a figure by a hyphen."""
        i = fig.end
        if i + 1 < self.end and self.words[i] == "-" and not self.table.space_after[i - 1] \
                and self.words[i + 1].isalpha() and self.words[i + 1].islower():
            return self.words[i + 1]
        return None

    def noun_before(self, fig) -> str | None:
        """"IOM Kenya staff has grown to 310": a family's noun before a figure that has none, in its clause."""
        clause = self.clauses[fig.start]
        for i in range(fig.start - 1, max(self.start, fig.start - 8) - 1, -1):
            if self.clauses[i] != clause:
                return None
            noun = self.b.family_nouns.get(self.lower[i])
            if noun is not None and (noun == self.lower[i] or self.lower[i - len(noun.split()) + 1:i + 1] == noun.split()):
                return noun
        return None

    def framed_noun(self, fig) -> str | None:
        """The noun a figure without one counts through "the number of NOUN" in its clause, near it."""
        clause = self.clauses[fig.start]
        for m_start, m_end in self.by_key.get("count_frame", []):
            if self.clauses[m_start] != clause or abs(m_start - fig.start) > 12:
                continue
            words, i = [], self.next_word(m_end)
            while i is not None and len(words) < 3:
                cand = self.ent_at.get(i)
                if cand is not None and cand.label == "ORG" and not words:  # "the number of IOM member states"
                    i = self.next_word(cand.end)
                    continue
                if cand is not None or not self.words[i].isalpha() or self.lower[i] in self.b.prepositions \
                        or self.lower[i] in ("the", "and", "its", "their"):
                    break
                words.append(self.words[i])
                i = self.next_word(i + 1)
            if words:
                return " ".join(words)
        return None

    def nearest_figure(self, i: int):
        """The FIGURE of i's clause nearest to token i (within REACH)."""
        clause = self.clauses[i]
        figures = [c for c in self.of("FIGURE") if self.clauses[c.start] == clause and abs(c.start - i) <= REACH]
        return min(figures, key=lambda c: min(abs(c.start - i), abs(c.end - i))) if figures else None

    def next_word(self, i: int) -> int | None:
        while i < self.end and self.table.is_space[i]:
            i += 1
        return i if i < self.end else None

    def previous_word(self, i: int) -> int | None:
        i -= 1
        while i >= self.start and self.table.is_space[i]:
            i -= 1
        return i if i >= self.start else None

    def unit_end(self, fig, unit_length: int) -> int:
        """End of a figure's counted noun after it ("over 300 staff"), or the figure's end."""
        i, taken = fig.end, 0
        while i < self.end and taken < unit_length:
            if not self.table.is_space[i]:
                taken += 1
            i += 1
        return i

    # entities in slots -------------------------------------------------------

    def is_object(self, i: int) -> bool:
        """The entity at i is the object of a preposition: "member of the UNCT", "with IOM"."""
        j = self.previous_word(i)
        if j is not None and self.lower[j] == "the":
            j = self.previous_word(j)
        return j is not None and self.lower[j] in self.b.prepositions

    def pronoun_at(self, i: int) -> int:
        """Length of an org pronoun or description starting at i ("It", "the Organization", "the migration agency"), or 0."""
        return self._pronoun(i)[0]

    def referent(self, i: int) -> str | None:
        """The organization the pronoun or description at i points to."""
        return self._pronoun(i)[1] or self.discourse.resolve()

    def _pronoun(self, i: int) -> tuple[int, str | None]:
        for pronoun, org in self.b.pronouns:
            if tuple(self.lower[i:i + len(pronoun)]) == pronoun:
                return len(pronoun), org
        if self.lower[i] == "the":  # "the Geneva-based agency", "the intergovernmental organization"
            j = i + 1
            while j < min(self.end, i + 5) and (self.lower[j] in self.b.pronoun_modifiers or (
                    j + 2 < self.end and self.words[j + 1] == "-" and self.lower[j + 2] in ("based", "led"))):
                j += 3 if self.lower[j] not in self.b.pronoun_modifiers else 1
            if j > i + 1 and j < self.end and self.lower[j] in self.b.pronoun_heads and self.table.space_after[j - 1]:
                return j - i + 1, None
        return 0, None

    def org_name(self, cand) -> str | None:
        return cand.attrs.get("canonical") if cand.label == "ORG" else None

    def owner_before(self, i: int) -> str | None:
        """"IOM's Regional Office", "the Organization's headquarters": the owner right before i."""
        j = self.previous_word(i)
        if j is None or self.words[j] not in POSSESSIVE:
            return None
        k = self.previous_word(j)
        if k is None:
            return None
        cand = self.ent_at.get(k)
        if cand is not None:
            return self.org_name(cand)
        for length in range(4, 0, -1):
            first = k - length + 1
            if first >= self.start and self.pronoun_at(first) == length:
                return self.referent(first)
        return None

    # subjects ----------------------------------------------------------------

    def subject(self, a: int, b: int, kind: str, slot_required: bool = False) -> str | None:
        """The organization (or office) a statement anchored at [a, b) is about, or None."""
        clause = self.clauses[a]
        if kind == "office":
            office = self.office_phrase(a)
            if office:
                return office
        j = self.previous_word(a)
        if j is not None and self.lower[j] in ("its", "their"):  # "Since its creation in 1951, IOM ..."
            return self.sentence_org(b) if self.fronted(clause) else self.discourse.resolve()
        owner = self.noun_phrase_owner(a, b, clause)
        if owner is not False:
            return owner
        of_org = None if slot_required else self.org_after(b, clause)  # "members of IOM"; not "founded as X"
        if of_org:
            return of_org
        relative = self.relative_antecedent(clause)
        if relative:
            return relative
        left = self.clause_left(a, clause)
        if left is not False:
            return left
        if slot_required and self.clauses[self.start] != clause and not self.fronted(clause):
            appositive = self.appositive_org(clause)
            return appositive
        return self.sentence_org(a)

    def office_phrase(self, a: int) -> str | None:
        """"The IOM mission in Bangladesh", "the mission in Kenya" -> "IOM Bangladesh"."""
        acronym = self._main_acronym()
        for place in self.of("PLACE"):
            if place.start >= a or place.attrs.get("kind") != "country":
                continue
            j = self.previous_word(place.start)
            if j is None or self.lower[j] != "in":
                continue
            k = self.previous_word(j)
            for noun in self.b.office_nouns:
                first = k - len(noun) + 1 if k is not None else -1
                if first >= self.start and tuple(self.lower[first:k + 1]) == noun:
                    org = self.ent_at.get(self.previous_word(first)) if self.previous_word(first) is not None else None
                    prefix = org.attrs.get("acronym") if org is not None and org.label == "ORG" else acronym
                    if prefix:
                        return f"{prefix} {self.text(place)}"
        return self._country_office(a, acronym)

    def _country_office(self, a: int, acronym: str | None) -> str | None:
        """"Its Kenya mission", "IOM's Kenya office", "the Kenya mission" before a -> "IOM Kenya"."""
        for place in self.of("PLACE"):
            if place.start >= a or place.attrs.get("kind") != "country":
                continue
            k = self.next_word(place.end)
            if k is None or not any(tuple(self.lower[k:k + len(noun)]) == noun for noun in self.b.office_nouns):
                continue
            j = self.previous_word(place.start)
            if j is None:
                continue
            owner = self.previous_word(j) if self.words[j] in POSSESSIVE else j
            org = self.ent_at.get(owner) if owner is not None else None
            if org is not None and org.label == "ORG" and org.attrs.get("acronym"):
                return f"{org.attrs['acronym']} {self.text(place)}"
            if self.lower[j] in ("its", "the") and acronym:
                return f"{acronym} {self.text(place)}"
        return None

    def _main_acronym(self) -> str | None:
        for cand in self.of("ORG"):
            if cand.attrs.get("canonical") == self.discourse.main_org and cand.attrs.get("acronym"):
                return cand.attrs.get("acronym")
        return self.discourse.main_acronym

    def noun_phrase_owner(self, a: int, b: int, clause: int):
        """An owner in the anchor's noun phrase: "the Organization's 127 ...", "IOM's membership", "IOM member states".

        Returns the owner, None when the slot holds something else ("the hospital's 300 staff"), or False.
        """
        i = a - 1
        while i >= max(self.start, a - REACH) and self.clauses[i] == clause:
            word = self.words[i]
            if word in POSSESSIVE:
                owner = self.owner_before(i + 1)
                if owner:
                    return owner
                if i == self.previous_word(a) or (self.previous_word(a) is not None
                                                  and self.lower[self.previous_word(a)] in ("over", "some", "about")):
                    return None  # "the hospital's 300 staff"
            cand = self.ent_at.get(i)
            if cand is not None and cand.label == "ORG" and cand.end == i + 1:
                nxt = self.next_word(cand.end)
                if nxt is not None and (self.words[nxt] in POSSESSIVE or self.lower[nxt] in self.b.family_words
                                        or singular(self.words[nxt]) in self.b.family_words):
                    return self.org_name(cand)
            i -= 1
        return False

    def org_after(self, b: int, clause: int) -> str | None:
        """"... members of the International Organization for Migration", "observer status with IOM"."""
        i = b
        while i < min(self.end, b + REACH) and self.clauses[i] == clause:
            cand = self.ent_at.get(i)
            if cand is not None and cand.label == "ORG" and cand.start == i and self.is_object(i):
                return self.org_name(cand)
            i += 1
        return None

    def relative_antecedent(self, clause: int) -> str | None:
        """"IOM, which has 175 member states": the organization before ", which"."""
        first = self.next_word(self.clause_first.get(clause, self.end))
        if first is None or self.lower[first] not in self.b.relatives:
            return None
        comma = self.previous_word(first)
        before = self.previous_word(comma) if comma is not None else None
        cand = self.ent_at.get(before) if before is not None else None
        return self.org_name(cand) if cand is not None else self.pronoun_ending_at(before)

    def pronoun_ending_at(self, i: int | None) -> str | None:
        """"The agency, which ...", "The organization, founded in ...": the referent of a pronoun ending at i."""
        if i is None:
            return None
        for pronoun, _ in self.b.pronouns:
            first = i - len(pronoun) + 1
            if first >= self.start and len(pronoun) > 1 and tuple(self.lower[first:i + 1]) == pronoun:
                return self.referent(first)
        return None

    def clause_left(self, a: int, clause: int):
        """The subject before the anchor in its clause: an organization or a pronoun.

        Returns the subject, None when the slot holds something else, or False when it is empty.
        """
        words = [i for i in range(max(self.start, a - REACH), a) if self.clauses[i] == clause and not self.table.is_space[i]]
        if not words:
            return False
        orgs = [self.ent_at[i] for i in words if i in self.ent_at and self.ent_at[i].label == "ORG"
                and self.ent_at[i].start == i and not self.is_object(i)]
        if orgs:
            return self.org_name(orgs[-1])
        if self.pronoun_at(words[0]):
            return self.referent(words[0])
        # "Ms. Pope added that the Organization opened ...": a pronoun opening a subordinate subject
        for before, i in reversed(list(zip(words, words[1:]))):
            if self.lower[before] in self.b.subject_openers and self.pronoun_at(i):
                return self.referent(i)
        # a noun phrase and a verb before the anchor make a subject of its own: "The office was established ..."
        determiners = [i for i in words if self.lower[i] in ("the", "a", "an", "this", "these", "those")]
        occupied = bool(determiners) and any(self.lower[i] in VERB_FILLERS for i in words if i > determiners[0])
        return None if occupied else False

    def fronted(self, clause: int) -> bool:
        """The clause opens the sentence, or follows a label: "Established in 1951, IOM ...", "About IOM: Founded in ..."."""
        if self.clauses[self.start] == clause:
            return True
        first = self.clause_first.get(clause)
        before = self.previous_word(first) if first is not None else None
        return before is not None and self.words[before] in (":", "–", "—", "-")

    def appositive_org(self, clause: int) -> str | None:
        """"IOM, founded in 1951, ...": the organization right before the clause."""
        first = self.clause_first.get(clause)
        comma = self.previous_word(first) if first is not None else None
        before = self.previous_word(comma) if comma is not None else None
        cand = self.ent_at.get(before) if before is not None else None
        if cand is not None:
            return self.org_name(cand) if cand.label == "ORG" else None
        return self.pronoun_ending_at(before)

    def sentence_org(self, a: int) -> str | None:
        """The sentence's organization that is no object of a preposition: nearest before a, else first after."""
        orgs = [c for c in self.ents_between(a - 2 * REACH, a + 2 * REACH, "ORG")
                if not self.is_object(c.start) and not _is_government(c)]
        before = [c for c in orgs if c.end <= a]
        if before:
            return self.org_name(before[-1])
        after = [c for c in orgs if c.start >= a]
        if after:
            return self.org_name(after[0])
        first = next((i for i in range(self.start, self.end) if not self.table.is_space[i]), None)
        if first is not None and self.pronoun_at(first):
            return self.referent(first)
        # "With 175 Member States ..., the agency employs ...": a pronoun opening a later clause
        for clause_start in sorted(set(self.clause_first.values())):
            i = self.next_word(clause_start)
            if i is not None and i != first and self.pronoun_at(i) and not self.is_object(i):
                return self.referent(i)
        return None

    # countries and objects ---------------------------------------------------

    def country_of(self, cand) -> str | None:
        if cand.label == "PLACE" and cand.attrs.get("kind") == "country":
            return self.text(cand)
        if cand.label == "ORG":
            canonical = cand.attrs.get("canonical") or ""
            lower = canonical.lower()
            for prefix in ("government of the ", "government of "):  # "the Government of Kenya"
                if lower.startswith(prefix):
                    name = canonical[len(prefix):]
                    return name if name in self.b.countries else None
        return None

    def _country_list(self, cands) -> list[str]:
        return [c for c in (self.country_of(cand) for cand in cands) if c]

    def subject_countries(self, a: int, b: int) -> list[str]:
        """Countries a membership statement is about: before the trigger, or after a fronted clause."""
        clause = self.clauses[a]
        possessive = self._possessive_country(a, clause)
        if possessive:
            return [possessive]
        before = [c for c in self.ents_between(a - REACH, a) if c.end <= a and self.clauses[c.start] == clause
                  and self.country_of(c) and not self.is_object(c.start)]
        if before:
            group = [before[-1]]
            for cand in reversed(before[:-1]):  # "Cuba and Tajikistan", "China, Tuvalu and Solomon Islands"
                between = [self.lower[i] for i in range(cand.end, group[0].start) if not self.table.is_space[i]]
                if all(w in (",", "and", "&") for w in between):
                    group.insert(0, cand)
                else:
                    break
            return self._country_list(group)
        first = self.clause_first.get(clause)
        dash = self.previous_word(first) if first is not None else None
        if dash is not None and self.words[dash] in ("—", "–"):  # "new member states—Tuvalu and Solomon Islands—join"
            cand = self.ent_at.get(self.previous_word(dash) if self.previous_word(dash) is not None else -1)
            if cand is not None and self.country_of(cand):
                return self._country_list(self._country_group_ending_with(cand))
        if self.fronted(clause):
            after = next((c for c in self.ents_between(b, b + REACH) if self.clauses[c.start] != clause
                          and self.country_of(c)), None)
            return self._country_list([after] if after else [])
        comma = self.previous_word(first) if first is not None else None
        before = self.previous_word(comma) if comma is not None and self.words[comma] == "," else None
        cand = self.ent_at.get(before) if before is not None else None
        if (cand is None or not self.country_of(cand)) and before is not None and self.clauses[before] != clause:
            cand = self._before_parenthetical(self.clauses[before])
        if cand is None or not self.country_of(cand):
            return self._country_list([cand]) if cand is not None else []  # "Peru, an IOM member since 1964, ..."
        return self._country_list(self._country_group_ending_with(cand))  # "Two new members, Tuvalu and Nauru, joined"

    def _country_group_ending_with(self, last) -> list:
        """The countries coordinated up to ``last``: "Tuvalu and Solomon Islands", "Fiji, Samoa and Tonga"."""
        group = [last]
        while True:
            i = self.previous_word(group[0].start)
            while i is not None and self.lower[i] in (",", "and", "&"):
                i = self.previous_word(i)
            cand = self.ent_at.get(i) if i is not None else None
            if cand is None or cand in group or not self.country_of(cand) or i == self.previous_word(group[0].start):
                return group
            group.insert(0, cand)

    def _before_parenthetical(self, clause: int):
        """"Somalia, which had observer status since 1993, became ...": the entity before a clause set off by commas."""
        first = self.next_word(self.clause_first.get(clause, self.end))
        if first is None or not (self.lower[first] in self.b.relatives or self.lower[first] in ("a", "an", "the")):
            return None
        comma = self.previous_word(first)
        before = self.previous_word(comma) if comma is not None and self.words[comma] == "," else None
        return self.ent_at.get(before) if before is not None else None

    def _possessive_country(self, a: int, clause: int) -> str | None:
        i = a - 1
        while i >= max(self.start, a - REACH) and self.clauses[i] == clause:
            if self.words[i] in POSSESSIVE:
                cand = self.ent_at.get(self.previous_word(i) if self.previous_word(i) is not None else -1)
                if cand is not None and self.country_of(cand):
                    return self.country_of(cand)
            i -= 1
        return None

    def countries_after(self, b: int, trigger_end: int) -> list[str]:
        """"approved the applications of Fiji and Samoa", "admitted Belize and Nauru as new members"."""
        first = next((c for c in self.ents_between(b, b + REACH) if self.country_of(c)), None)
        if first is None or first.start > trigger_end + 3:
            return []
        group, i = [], first.start
        while i < self.end:
            cand = self.ent_at.get(i)
            if cand is not None and cand.start == i and self.country_of(cand):
                group.append(cand)
                i = cand.end
                continue
            if self.table.is_space[i] or self.words[i] in (",", "and", "&") and group or self.lower[i] == "the":
                i += 1
                continue
            break
        return self._country_list(group)

    def object_org(self, a: int, b: int) -> str | None:
        """The organization a membership is of: after the trigger, else before it, else the release's."""
        after = [c for c in self.ents_between(a, a + REACH, "ORG") if not _is_government(c)]
        if after:
            return self.org_name(after[0])
        before = [c for c in self.ents_between(a - REACH, a, "ORG") if c.end <= a and not _is_government(c)]
        if before:
            return self.org_name(before[-1])
        return self.discourse.main_org

    # values ------------------------------------------------------------------

    def year_after(self, end: int, window: int) -> str | None:
        """The year of the first DATE starting within ``window`` tokens after ``end``."""
        for cand in self.ents_between(end, min(self.end, end + window), "DATE"):
            value = str(cand.attrs.get("value") or "")
            if len(value) >= 4 and value[:4].isdigit():
                return value[:4]
        return None

    def after_served_region(self, end: int, links: set[str]) -> int:
        """After "for West and Central Africa" in "the regional office for West and Central Africa is in Dakar"."""
        j = self.next_word(end)
        if j is None or self.lower[j] not in ("for", "of"):
            return end
        k = self.next_word(j + 1)
        if k is not None and self.lower[k] == "the":
            k = self.next_word(k + 1)
        cand = self.ent_at.get(k) if k is not None else None
        if cand is None or cand.label != "PLACE" or cand.start != k:
            return end
        region_end = cand.end
        while True:  # "Asia and the Pacific", "Central America, North America and the Caribbean"
            i = self.next_word(region_end)
            while i is not None and self.lower[i] in (",", "and", "the"):
                i = self.next_word(i + 1)
            nxt = self.ent_at.get(i) if i is not None and i > region_end else None
            if nxt is None or nxt.label != "PLACE" or nxt.start != i:
                break
            region_end = nxt.end
        after = self.next_word(region_end)
        return region_end if after is not None and self.lower[after] in links else end

    def place_list(self, end: int, links: set[str]) -> list:
        """Places after an office kind: "in Kakuma, Dadaab and Mombasa", "are in Geneva, Switzerland"."""
        i, steps, linked = end, 0, False
        while i < self.end and steps < 8:
            if self.table.is_space[i]:
                i += 1
                continue
            if i in self.ent_at and self.ent_at[i].label == "PLACE" and self.ent_at[i].start == i:
                break
            if self.lower[i] not in links:
                return []
            linked = linked or self.lower[i] in ("in", "at")
            i, steps = i + 1, steps + 1
        if not linked and not self.lower[end - 1].endswith("ed"):  # "headquartered Geneva" needs no "in"
            return []
        places = []
        while i < self.end:
            cand = self.ent_at.get(i)
            if cand is not None and cand.label == "PLACE" and cand.start == i:
                if places and cand.attrs.get("kind") == "country" and places[-1].attrs.get("country") == cand.attrs.get("country") \
                        and places[-1].attrs.get("kind") != "country":
                    i = cand.end  # "Geneva, Switzerland": the country of the city before
                    continue
                places.append(cand)
                i = cand.end
                continue
            if self.table.is_space[i] or self.words[i] == "," or self.lower[i] in ("the",):
                i += 1
                continue
            if self.lower[i] == "and":
                nxt = self.next_word(i + 1)
                if nxt is not None and self.lower[nxt] == "the":
                    nxt = self.next_word(nxt + 1)
                if nxt is not None and nxt in self.ent_at and self.ent_at[nxt].label == "PLACE":
                    i += 1
                    continue
            break
        return places


def _is_government(cand) -> bool:
    return (cand.attrs.get("canonical") or "").lower().startswith("government of")


def _evidence(table: TokenTable, start: int, end: int) -> dict:
    text = table.text[table.starts[start]:table.ends[end - 1]] if end > start else ""
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    return {"text": stripped, "start": table.starts[start] + lead, "end": table.starts[start] + lead + len(stripped)}
