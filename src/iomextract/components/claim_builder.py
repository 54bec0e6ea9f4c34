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

Subjects are found (``sentence_syntax.Sentence``) by the same slots for every family, in this order: an
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

from collections import defaultdict
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ..compiled import CompiledTables
from ..country_offices import CountryOffices
from ..candidates import chosen_candidates, published_of
from ..geography import country_names
from ..patterns import CountFamily, OfficeFamily, RoleFamily, YearFamily, load
from ..phrases import PhraseSet
from ..lexicons import capitals, noun_lemmas
from ..sentence_syntax import Discourse, Sentence, evidence_of, noun_key
from ..token_table import TokenTable, token_table
from .release_context import main_organization, release_office
from .statement_context import context_flags


@Language.factory("claim_builder")
def make_claim_builder(nlp: Language, name: str):
    return ClaimBuilder(nlp)


class ClaimBuilder(CompiledTables, CountryOffices):
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
        self.office_keys = [({f"{f.id}|kind|{kind}" for kind in f.office_kinds} | {f"{f.id}|generic"}, f)
                            for f in self.office_families]
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
                self._add(f"{family.id}|generic", family.generic)
                self._add(f"{family.id}|generic_cue", family.generic_cues)
        self.countries = country_names(patterns_dir)
        self.country_name_of = {}  # ISO code -> the country's name, the first spelling the gazetteer gives
        for name, code in self.countries.items():
            self.country_name_of.setdefault(code, name)
        self.capitals = capitals()  # ISO code -> capital: an office there is the country's
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
        self.mission_office_kinds = set(context.mission_office_kinds)
        self.operation_words = set(context.operation_words)
        # "the X Office" is an office, no organization of its own (GUIDELINES): a title keeps it
        self.office_words = {w.lower() for phrase in load("org_shapes.json", patterns_dir).office_words for w in phrase.split()}
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
        self.noun_lemmas = noun_lemmas()

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
        discourse = Discourse(main_org, published_of(doc), acronym, office=release_office(doc))
        claims, seen = [], set()
        for number, (start, end) in enumerate(table.sentence_bounds):
            sentence_ents = ents_by_sentence.get(number, [])
            matches = matches_by_sentence.get(number, [])
            has_figure = any(c.label == "FIGURE" for c in sentence_ents)
            if not has_figure and not matches:
                orgs = [c for c in sentence_ents if c.label == "ORG"]
                if orgs:  # no claim here, but the sentence may say what the next one is about
                    discourse.after_sentence(Sentence(self, table, number, start, end, orgs, [], discourse), [])
                continue
            sentence = Sentence(self, table, number, start, end, sentence_ents, matches, discourse)
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

    def _counts(self, s: "Sentence") -> list[dict]:
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
            counted = ({w.lower() for w in unit_words}, *noun_key(unit_words, self.noun_lemmas))
            unit_end = fig.end if inherited else s.unit_end(fig, len(unit_words))
            described = s.org_after_compound(unit_end)  # "the 54-member African Union"
            fits = [(distance, order, family) for order, family in enumerate(self.count_families)
                    if (distance := self._count_fit(family, s, fig, counted, unit_end, described)) is not None
                    and (unit != compound or s.word_after_in(unit_end, family.compound_heads)
                         or described is not None)]  # not "a 5-member team"
            if not fits:
                continue
            _, _, family = min(fits, key=lambda fit: fit[:2])
            subject = (described if unit == compound else None) or s.subject(fig.start, unit_end, family.subject)
            if subject is None:
                continue
            if family.subject == "office" and subject == s.discourse.main_org:
                operation = s.operation_in_country(unit_end)  # "IOM employs 400 staff in Yemen"
                if operation == "":
                    continue  # "300 staff in Chad and Niger": a part of the organization's, no office's
                subject = operation or subject
            value = fig.attrs["value"]
            out.append({"subject": subject, "attribute": family.attribute,
                        "value": int(value) if float(value).is_integer() else value,
                        "qualifier": fig.attrs.get("qualifier", "exact"), "rule": family.id,
                        "anchor": (fig.start, fig.end)})
        return out

    @staticmethod
    def _coordinated_figures(s: "Sentence", figures):
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
    def _figures_of_change(s: "Sentence"):
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
    def _count_fit(family: CountFamily, s: "Sentence", fig, counted: tuple[set[str], str, str],
                   unit_end: int | None = None, described: str | None = None) -> int | None:
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
        elif head in family.frame_nouns and unit_end is not None and (
                s.word_after_in(unit_end, family.compound_heads) or described is not None):
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

    def _years(self, family: YearFamily, s: "Sentence") -> list[dict]:
        out = []
        for start, end in s.matches(f"{family.id}|trigger"):
            if s.has_match(f"{family.id}|exclude", s.clause_of(start)):
                continue
            if family.subject == "org" and s.about_an_office(start, end):
                continue  # "The IOM office in Nepal was established in 1991" dates the office, not IOM
            year = s.year_after(end, family.window) or s.fronted_year(start)
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

    def _offices(self, family: OfficeFamily, s: "Sentence") -> list[dict]:
        out = []
        prefix, generic = f"{family.id}|kind|", f"{family.id}|generic"
        kinded_ends = {end for key, _, end in s.raw_matches if key.startswith(prefix)}
        for key, start, end in s.raw_matches:
            if key == generic and end not in kinded_ends:
                out += self._generic_offices(family, s, start, end)
                continue
            if not key.startswith(prefix):
                continue
            kind = key[len(prefix):]
            holder = s.ent_at.get(start)
            if holder is not None and holder.label == "ORG":
                places = s.place_list(holder.end, self.link_words[family.id])
                subject = s.owner_before(holder.start) or holder.attrs.get("canonical")
            else:
                places = s.place_list(s.after_served_region(end, self.link_words[family.id]), self.link_words[family.id])
                before = s.previous_word(start)
                owner = s.ent_at.get(before) if before is not None else None
                if places and owner is not None and owner.label == "ORG":  # "the Head of the IOM field office in X"
                    subject = s.owner_before(owner.start) or owner.attrs.get("canonical")
                else:
                    subject = s.subject(start, end, "office") if places else None
                if places and subject is None and before is not None and s.lower[before] == "the" \
                        and s.clauses[before] == s.clauses[start] and s.next_word(s.start) == before:
                    subject = s.discourse.resolve()  # "The regional office for Asia ... is in Bangkok": the release's org
            if subject is None:
                continue
            for place in places:
                out.append({"subject": subject, "attribute": family.attribute, "value": kind,
                            "object": s.text(place), "rule": family.id, "anchor": (start, end)})
        return out

    def _generic_offices(self, family: OfficeFamily, s: "Sentence", start: int, end: int) -> list[dict]:
        """"IOM set up its office in Beirut", "the IOM office in Oman opened": an office of no kind, set up in
        a country or in its capital by an organization, is the organization's country office there."""
        links = self.link_words[family.id]
        before = s.previous_word(start)
        owner = s.ent_at.get(before) if before is not None else None
        if owner is not None and owner.label == "ORG":
            subject = s.owner_before(owner.start) or owner.attrs.get("canonical")
        elif before is not None and s.lower[before] in ("its", "their"):
            subject = s.subject(start, end, "office")
        else:
            return []
        if not any(key == f"{family.id}|generic_cue" for key, _, _ in s.raw_matches):
            return []  # an office named, not one set up somewhere
        places = [p for p in s.place_list(end, links) if p.attrs.get("kind") == "country" or (
            p.attrs.get("kind") == "city" and self.capitals.get(p.attrs.get("country")) == s.text(p))]
        if subject is None or not places:
            return []
        return [{"subject": subject, "attribute": family.attribute, "value": family.generic_kind,
                 "object": s.text(place), "rule": family.id, "anchor": (start, end)} for place in places]

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
            if cand.attrs.get("title_inner"):
                continue  # "Adviser to French President, Nicolas Sarkozy": his title, read from hers, states no claim
            done.add(key)
            number = table.sentence_of[cand.start]
            start, end = table.sentence_bounds[number]
            claims.append({"subject": first_name[key], "attribute": family.attribute,
                           "value": self._post(cand.attrs["title"], cand.attrs.get("org")),
                           "object": cand.attrs.get("org"), "rule": family.id, "sentence": number,
                           "evidence": evidence_of(table, start, end), "subject_key": key,
                           "value_key": cand.attrs.get("title_key"), **_time_fields(cand.attrs)})
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
                claims.append({"subject": first_name[key], "attribute": family.attribute,
                               "value": self._post(post["title"], post.get("org")),
                               "object": post.get("org"), "rule": family.id, "sentence": number,
                               "evidence": evidence_of(table, start, end), "subject_key": key,
                               "value_key": post.get("key"), **_time_fields(post)})
        return claims


    def _post(self, title: str, org: str | None) -> str:
        """The title a role claim states: without the organization that is its object ("Deputy Minister of the
        Ministry of Labour" -> "Deputy Minister", "Head of the Crisis Management Centre" -> "Head"), but with an
        office, which is no organization of its own ("Director of the French Office for Immigration")."""
        if org and self.office_words.isdisjoint(w.lower() for w in org.split()):
            return without_object(title, org)
        return title


def _time_fields(role: dict) -> dict:
    """The time of a post, as the claim's optional fields."""
    return {field: role[field] for field in ("held", "held_from", "held_until") if role.get(field)}


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


