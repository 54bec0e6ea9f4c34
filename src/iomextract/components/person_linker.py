"""Completes PERSON entities: each person's title and org, one identity per person, surname mentions.

- Titles: a title in apposition after a name ("Sara Lindholm, IOM's Director
  of ...") belongs to that name; a title right before a name (commas and
  honorifics between) belongs to it unless the title already belongs to the
  name before it, as in lists ("A, Minister of X, B, Director of Y").
  ", ORG" after a title and "NAME of ORG" give the org.
- Identity: mentions with the same person key (``identity.person_key``) are
  one person ("Mohamed Farah" ... "Mohammed Farah"); the person's title and
  org come from the first mention that has one, and every mention carries them.
- Surname mentions: a per-document table of the surnames of people named in
  full; a capitalized surname elsewhere is a candidate for that person, and a
  surname two people share is refused. Candidates are resolved with the other
  entities, so an organization or country over the same word wins.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import EntityRules, chosen_candidates, entity_attrs_of, resolve, set_entities
from ..identity import name_parts, person_key, surname_key
from ..patterns import load
from ..token_table import token_table

ARTICLES = {"a", "an", "the"}
SURNAME_MARKS = re.compile(r"[\s\-'’.]")


@Language.factory("person_linker")
def make_person_linker(nlp: Language, name: str):
    return PersonLinker()


class PersonLinker:
    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.rules = EntityRules(patterns_dir)
        self.rules.require("person.surname")
        people = load("people.json", patterns_dir)
        self.particles = {p.lower() for p in people.name_particles}
        self.particles_longest_first = sorted(self.particles, key=len, reverse=True)
        self.honorifics = set(people.honorifics)

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)
        chosen = list(chosen_candidates(doc))
        people = [c for c in chosen if c.label == "PERSON"]
        if not people:
            set_entities(doc)  # the last to decide entities: sets doc.ents
            return doc
        titles = []
        for span in doc.spans.get("titles", []):
            attrs = entity_attrs_of(doc).get((span.start_char, span.end_char, "TITLE"), {})
            titles.append((span.start, span.end, attrs))
        ent_at = {}
        for cand in chosen:
            for i in range(cand.start, cand.end):
                ent_at[i] = cand
        roles = self._attach_titles(table, people, titles, ent_at)
        keys = {}
        for person in people:
            name = table.span_text(person.start, person.end)
            keys[id(person)] = person_key(name, self.particles) if person.end - person.start > 1 or " " in name else None
        # one identity per key: the first role in text order
        role_of_key = {}
        for person in people:
            key = keys[id(person)]
            if key and key not in role_of_key and roles.get(id(person)):
                role_of_key[key] = roles[id(person)]
        surnames = self._surname_table(table, people, keys)
        new = self._surname_mentions(table, surnames, ent_at)
        for person in people + new:
            key = keys.get(id(person)) or person.attrs.get("key")
            if key is None or key.endswith("|"):  # "Amb. Kamau", "Van der Berg": the person of that surname
                owners = surnames.get(surname_key(table.span_text(person.start, person.end)), set())
                owners = owners or ({key} if key else set())
                key = next(iter(owners)) if len(owners) == 1 else None
            role = roles.get(id(person)) or role_of_key.get(key) or {}
            person.attrs.update({"key": key, "title": role.get("title"), "title_key": role.get("key"),
                                 "org": role.get("org")})
        if new:
            resolve(doc, chosen + new)
        else:
            set_entities(doc)
        return doc

    # titles ----------------------------------------------------------------

    def _attach_titles(self, table, people, titles, ent_at) -> dict:
        words, lower = table.words, table.lower
        roles, used = {}, set()
        starts = {}
        for t_start, t_end, attrs in titles:
            starts.setdefault(t_start, (t_start, t_end, attrs))
            if attrs.get("owner_start") is not None:
                starts.setdefault(attrs["owner_start"], (t_start, t_end, attrs))
        # apposition first: "NAME, [the] [ORG's] TITLE"
        for person in people:
            i = self._skip(table, person.end)
            if i is None or words[i] != ",":
                continue
            i = self._skip(table, i + 1)
            hit = starts.get(i) if i is not None else None
            if hit is None and i is not None and lower[i] in ARTICLES:  # "NAME, the Organization's Director"
                i = self._skip(table, i + 1)
                hit = starts.get(i) if i is not None else None
            if hit is None:
                continue
            t_start, t_end, attrs = hit
            role = self._role(attrs)
            if role["org"] is None:  # "Chief of Mission, IOM Kenya"
                j = self._skip(table, attrs.get("extent_end") or t_end)
                if j is not None and words[j] == ",":
                    k = self._skip(table, j + 1)
                    cand = ent_at.get(k) if k is not None else None
                    if cand is not None and cand.label == "ORG" and cand.start == k:
                        role["org"] = cand.attrs.get("canonical")
            roles[id(person)] = role
            used.add(t_start)
        # then titles before names: "TITLE [for ORG][,] [Amb.] NAME"
        by_end = {}
        for t_start, t_end, attrs in titles:
            by_end[attrs.get("extent_end") or t_end] = (t_start, t_end, attrs)
            by_end.setdefault(t_end, (t_start, t_end, attrs))
        for person in people:
            if id(person) in roles:
                continue
            i = person.start
            while i not in by_end:
                j = self._skip_back(table, i)
                if j is None:
                    break
                if words[j] == ")":  # "(IOM)", "(PS)"
                    opening = next((o for o in range(j - 1, max(-1, j - 4), -1) if words[o] == "("), None)
                    if opening is not None:
                        i = opening
                        continue
                if words[j] == "," or words[j] in self.honorifics:
                    i = j
                    continue
                break
            hit = by_end.get(i)
            if hit is None or hit[0] in used:
                continue
            roles[id(person)] = self._role(hit[2])
            used.add(hit[0])
        # "NAME of ORG": the org without a title
        for person in people:
            if id(person) in roles:
                continue
            i = self._skip(table, person.end)
            if i is not None and lower[i] in ("of", "from"):
                j = self._skip(table, i + 1)
                if j is not None and lower[j] == "the":
                    j = self._skip(table, j + 1)
                cand = ent_at.get(j) if j is not None else None
                if cand is not None and cand.label == "ORG" and cand.start == j:
                    roles[id(person)] = {"title": None, "key": None, "org": cand.attrs.get("canonical")}
        return roles

    @staticmethod
    def _role(attrs: dict) -> dict:
        return {"title": attrs.get("title"), "key": attrs.get("key"), "org": attrs.get("org")}

    @staticmethod
    def _skip(table, i: int) -> int | None:
        while i < len(table.words) and table.is_space[i]:
            i += 1
        return i if i < len(table.words) else None

    @staticmethod
    def _skip_back(table, i: int) -> int | None:
        i -= 1
        while i >= 0 and table.is_space[i]:
            i -= 1
        return i if i >= 0 else None

    # surnames ---------------------------------------------------------------

    def _surname_table(self, table, people, keys) -> dict[str, set[str]]:
        """Surname key -> the person keys with that surname."""
        surnames: dict[str, set[str]] = {}
        for person in people:
            key = keys[id(person)]
            if key and not key.endswith("|"):
                _, surname = name_parts(table.span_text(person.start, person.end), self.particles)
                surnames.setdefault(surname_key(surname), set()).add(key)
        return surnames

    def _surname_mentions(self, table, surnames, ent_at):
        """Candidates for capitalized surnames outside any PERSON; ambiguous ones are refused."""
        words = table.words
        folded = table.folded
        owners_of: dict[str, set[str]] = {}
        for skey, owners in surnames.items():
            owners_of.setdefault(skey, set()).update(owners)
        for person_keys in surnames.values():  # "van der Berg" is also called "Berg"
            for key in person_keys:
                for rest in _without_particles(key.split("|")[0], self.particles_longest_first):
                    owners_of.setdefault(rest, set()).add(key)
        last_words = {skey: next(iter(owners)) for skey, owners in owners_of.items() if len(owners) == 1}
        if not last_words:
            return []
        out = []
        positions = table.positions
        for i in [positions[k] for k in table.capitalized]:
            if i in ent_at and ent_at[i].label == "PERSON":
                continue
            word = folded[i]
            # most words hold none of the characters a surname key drops: lower case is their key
            key = last_words.get(surname_key(word) if SURNAME_MARKS.search(word) else word.lower())
            start = i
            if key is None:
                continue
            # "de Boeck", "van der Berg": a particle before the surname belongs to it
            j = i - 1
            while j >= 0 and (table.is_space[j] and "\n" not in words[j] or table.lower[j] in self.particles):
                if table.lower[j] in self.particles:
                    start = j
                j -= 1
            cand = self.rules.candidate("person.surname", start, i + 1, {"key": key})
            out.append(cand)
        return out


def _without_particles(surname: str, particles_longest_first: list[str]) -> list[str]:
    """"vanderberg" -> ["derberg", "berg"]: a surname key without its leading particles, one at a time."""
    out, rest = [], surname
    while True:
        particle = next((p for p in particles_longest_first if rest.startswith(p) and len(rest) > len(p) + 2), None)
        if particle is None:
            return out
        rest = rest[len(particle):]
        out.append(rest)
