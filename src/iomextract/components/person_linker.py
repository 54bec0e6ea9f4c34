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

from ..compiled import CompiledTables
from ..candidates import EntityRules, chosen_candidates, entity_attrs_of, resolve, set_entities
from ..identity import name_parts, person_key, surname_key, title_key
from ..lexicons import english_words
from ..patterns import load
from ..post_time import PostTimeReader
from ..predicate_roles import ARTICLES, DETERMINERS, PredicateRoles
from ..predicates import RolePredicateFinder
from ..token_table import token_table

SURNAME_MARKS = re.compile(r"[\s\-'’.]")


@Language.factory("person_linker")
def make_person_linker(nlp: Language, name: str):
    return PersonLinker(nlp)


class PersonLinker(PredicateRoles, CompiledTables):
    def __init__(self, nlp: Language):
        self.tokenizer = nlp.tokenizer

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.rules = EntityRules(patterns_dir)
        self.rules.require("person.surname", "person.surname_speaking", "person.given_name_of")
        people = load("people.json", patterns_dir)
        self.particles = {p.lower() for p in people.name_particles}
        self.particles_longest_first = sorted(self.particles, key=len, reverse=True)
        self.honorifics = set(people.honorifics)
        self.post_nominals = set(people.post_nominals)
        self.reporting_verbs = {v.lower() for v in people.reporting_verbs if " " not in v}
        self.relatives = set(people.person_relatives)
        titles = load("titles.json", patterns_dir)
        self.predicates = RolePredicateFinder(self.tokenizer, titles.predicates)
        self.post_times = PostTimeReader(self.tokenizer, titles)
        self.title_modifiers = {m.lower() for m in titles.modifiers}
        self.equivalents = titles.equivalents
        self.english_words = english_words()

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
        self._times = self.post_times.read(table, chosen)
        roles, more_roles = self._attach_titles(table, people, titles, ent_at)
        keys = {}
        for person in people:
            name = table.span_text(person.start, person.end)
            keys[id(person)] = person_key(name, self.particles) if person.end - person.start > 1 or " " in name else None
        surnames = self._surname_table(table, people, keys)
        new = self._surname_mentions(table, surnames, ent_at)
        new += self._given_name_mentions(table, people, keys, surnames, ent_at, {c.start for c in new})
        if new:  # "Amy Pope visited. Pope, a former U.S. deputy homeland security adviser, ...": a later mention's own posts
            later_roles, later_more = self._attach_titles(table, new, titles, ent_at)
            roles.update(later_roles)
            more_roles += [(person, dict(later_roles[id(person)], sentence=table.sentence_of[person.start]))
                           for person in new if id(person) in later_roles] + later_more
        more_roles += self._predicate_roles(table, people + new, titles, roles)
        # one identity per key: the first role in text order
        role_of_key = {}
        for person in people:
            key = keys[id(person)]
            if key and key not in role_of_key and roles.get(id(person)):
                role_of_key[key] = roles[id(person)]
        for person in people + new:
            key = keys.get(id(person)) or person.attrs.get("key")
            if key is None or key.endswith("|"):  # "Amb. Kamau", "Van der Berg": the person of that surname
                owners = surnames.get(surname_key(table.span_text(person.start, person.end)), set())
                owners = owners or ({key} if key else set())
                key = next(iter(owners)) if len(owners) == 1 else None
            # a mention's own role when it names a post; else its person's ("Mr McKinley from IOM's
            # website" found an org but no post: it is still the Director General)
            own = roles.get(id(person)) or {}
            role = own if own.get("title") and not self._shortened(own, role_of_key.get(key)) else (role_of_key.get(key) or own)
            person.attrs.update({"key": key, "title": role.get("title"), "title_key": role.get("key"),
                                 "org": role.get("org"), "title_before_name": role.get("before_name", False),
                                 "title_inner": role.get("inner", False),
                                 "held": role.get("held"), "held_from": role.get("held_from"),
                                 "held_until": role.get("held_until")})
        # every post a person holds, in text order, for the claims: first mentions' and the rest
        posts: dict[str, list[dict]] = {}
        for person, role in more_roles:
            key = person.attrs.get("key")
            if key and role.get("title"):
                posts.setdefault(key, []).append(role)
        doc.user_data["iom_more_roles"] = posts
        if new:
            resolve(doc, chosen + new)
        else:
            set_entities(doc)
        return doc

    # titles ----------------------------------------------------------------

    def _attach_titles(self, table, people, titles, ent_at) -> tuple[dict, list]:
        """Each person mention's title (by id), and the further posts of coordinated titles."""
        words, lower = table.words, table.lower
        roles, used, more_roles = {}, set(), []
        starts = {}
        for t_start, t_end, attrs in titles:
            starts.setdefault(t_start, (t_start, t_end, attrs))
            if attrs.get("owner_start") is not None:
                starts.setdefault(attrs["owner_start"], (t_start, t_end, attrs))
        # apposition first: "NAME, [the] [ORG's] TITLE"
        for person in people:
            hit = self._bracketed_title(table, person, starts)  # "Ms. Maria Moita (IOM Regional Coordinator)"
            i = self._past_asides(table, self._skip(table, person.end)) if hit is None else None
            if hit is None and (i is None or words[i] != ","):
                continue
            i = self._skip(table, i + 1) if hit is None else None
            hit = hit or (starts.get(i) if i is not None else None)
            if hit is None and i is not None and lower[i] in DETERMINERS:  # "NAME, the Organization's Director"
                i = self._skip(table, i + 1)
                # "NAME, a former Minister", "the newly appointed Director": lower-case modifiers of time
                while i is not None and words[i].islower() and lower[i] in self.title_modifiers and i not in starts:
                    i = self._skip(table, i + 1)
                hit = starts.get(i) if i is not None else None
                following = self._skip(table, i + 1) if hit is None and i is not None else None
                if following is not None and words[i][:1].isupper() and words[i].isalpha() and i not in ent_at:
                    hit = starts.get(following)  # "NAME, a former European Commissioner for ...": an adjective
            if hit is None:
                continue
            t_start, t_end, attrs = hit
            role = dict(self._role(attrs), **self._times.of(t_start, attrs.get("extent_end") or t_end))
            if role["org"] is None:  # "Chief of Mission, IOM Kenya"
                j = self._skip(table, attrs.get("extent_end") or t_end)
                if j is not None and words[j] == ",":
                    k = self._skip(table, j + 1)
                    cand = ent_at.get(k) if k is not None else None
                    if cand is not None and cand.label == "ORG" and cand.start == k:
                        role["org"] = cand.attrs.get("canonical")
            roles[id(person)] = role
            used.add(t_start)
            # "NAME, a former Minister of Labour and Ambassador to Brazil": each post of a coordination
            end = attrs.get("extent_end") or t_end
            while True:
                j = self._past_brackets(table, self._skip(table, end), 8)  # "Minister of Labour (2003-2006) and ..."
                if j is None or (lower[j] not in ("and", "&") and words[j] != ","):
                    break
                k = self._skip(table, j + 1)
                if k is not None and lower[k] in ("and", "also", "a", "an", "the"):
                    k = self._skip(table, k + 1)
                more = starts.get(k) if k is not None else None
                if more is None or self._person_after(table, more, people) or more[0] in used:
                    break  # "A, Minister of X, B, Director of Y": the next title is the next person's
                extra = dict(self._role(more[2]), **self._times.of(more[0], more[2].get("extent_end") or more[1]))
                extra["org"] = extra["org"] or role["org"]
                if extra.get("held") is None and role.get("held") == "former":
                    extra["held"] = "former"  # "a former Minister of Labour and Ambassador to Brazil": both former
                more_roles.append((person, dict(extra, sentence=table.sentence_of[more[0]])))
                used.add(more[0])
                end = more[2].get("extent_end") or more[1]
        # signature and contact blocks: NAME / TITLE / ORG on lines of their own
        for person in people:
            if id(person) in roles or not self._alone_on_line(table, person.start, person.end):
                continue
            i = self._skip(table, person.end)
            hit = starts.get(i) if i is not None else None
            if hit is None or hit[0] in used:
                continue
            t_end = hit[2].get("extent_end") or hit[1]
            role = self._role(hit[2])
            j = self._skip(table, t_end)
            if j is not None and words[j] == ",":  # "Spokesperson, IOM Geneva" on one line
                k = self._skip(table, j + 1)
                cand = ent_at.get(k) if k is not None else None
                last = ent_at.get(cand.end) if cand is not None else None  # "IOM Geneva": the org and its place
                line_end = last.end if last is not None and last.label == "PLACE" and last.start == cand.end else (
                    cand.end if cand is not None else None)
                if cand is not None and cand.label == "ORG" and cand.start == k and self._alone_on_line(table, i, line_end):
                    role["org"] = role["org"] or cand.attrs.get("canonical")
                    roles[id(person)] = role
                    used.add(hit[0])
                continue
            if not self._alone_on_line(table, i, t_end):
                continue
            cand = ent_at.get(j) if j is not None else None
            if role["org"] is None and cand is not None and cand.label == "ORG" and cand.start == j \
                    and self._alone_on_line(table, cand.start, cand.end):
                role["org"] = cand.attrs.get("canonical")
            roles[id(person)] = role
            used.add(hit[0])
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
                if words[j] == "," or words[j] in self.honorifics or (len(words[j]) == 1 and words[j].isupper()):
                    i = j  # commas, honorifics and a dotless initial ("minister M Shahriar Alam")
                    continue
                break
            hit = by_end.get(i)
            if hit is not None and hit[0] in used and hit[2].get("inner_heads"):
                # "Adviser to French President, Nicolas Sarkozy": the adviser's title is taken; its last post is his
                roles[id(person)] = self._inner_role(table, hit, ent_at)
                continue
            if hit is None or hit[0] in used:
                continue
            roles[id(person)] = dict(self._role(hit[2]), before_name=True,
                                     **self._times.of(hit[0], hit[2].get("extent_end") or hit[1]))
            used.add(hit[0])
            first = self._coordinated_before(table, hit, by_end, used, people)
            if first is not None:  # "Deputy Prime Minister and Minister of Foreign Affairs Ana Costa": both hers
                more_roles.append((person, dict(self._role(first[2]), sentence=table.sentence_of[first[0]],
                                                **self._times.of(first[0], first[2].get("extent_end") or first[1]))))
                used.add(first[0])
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
        return roles, more_roles

    def _coordinated_before(self, table, hit, by_end, used, people):
        """A title joined by "and" before the title right before a name, held by no one else: the same person's."""
        if hit[2].get("owner_start") is not None:
            return None  # "The Minister of Labour and IOM Director General Amy Pope": two people's titles
        j = self._skip_back(table, hit[0])
        if j is None or table.lower[j] not in ("and", "&"):
            return None
        k = self._skip_back(table, j)
        first = by_end.get(k + 1) if k is not None else None
        if first is None or first[0] in used:
            return None
        before = self._skip_back(table, first[2].get("owner_start") or first[0])
        if before is not None and table.lower[before] in ARTICLES:
            before = self._skip_back(table, before)
        if before is not None and table.words[before] == ",":
            return None  # "Dr Basem Awadallah, the Minister of Planning and Major General Majed Al Etan"
        if before is not None and any(p.end == before + 1 for p in people):
            return None
        return first

    def _inner_role(self, table, hit, ent_at) -> dict:
        """The post a complement names at a title's end: "... to French President" -> "French President"."""
        t_start, t_end, attrs = hit
        start = attrs["inner_heads"][-1]
        j = self._skip_back(table, start)
        while j is not None and j > t_start and table.words[j][:1].isupper() and j not in ent_at:
            start, j = j, self._skip_back(table, j)  # its capitalized modifiers: "French", "Prime"
        text = " ".join(table.span_text(start, t_end).split())
        return {"title": text, "key": title_key(text, self.equivalents), "org": None, "inner": True}

    @staticmethod
    def _alone_on_line(table, start: int, end: int) -> bool:
        """Tokens [start, end) make a whole line: a line break (or the text's edge) on both sides."""
        text = table.text
        before, after = table.starts[start], table.ends[end - 1]
        line_start = text.rfind("\n", 0, before) + 1
        line_end = text.find("\n", after)
        return not text[line_start:before].strip() and not text[after:line_end if line_end >= 0 else len(text)].strip()

    @staticmethod
    def _shortened(own: dict, first: dict | None) -> bool:
        """A mention's title is the person's first one written short: "DG Vitorino" after "Director General António
        Vitorino", "RD Arriola" after "Regional Director for Asia and the Pacific Sarah Lou Arriola"."""
        if not first or not own.get("key") or not first.get("key") or own is first:
            return False
        return first["key"] == own["key"] or first["key"].startswith(own["key"] + " ")

    def _bracketed_title(self, table, person, starts):
        """A title in brackets right after a name, all the bracket holds but its organization: "Maria Moita (IOM
        Regional Coordinator for Labour Mobility)", "Ana Reis (Chief of Mission, IOM Chad)"."""
        j = self._skip(table, person.end)
        if j is None or table.words[j] != "(":
            return None
        k = self._skip(table, j + 1)
        hit = starts.get(k) if k is not None else None
        if hit is None:
            return None
        after = self._skip(table, hit[2].get("extent_end") or hit[1])
        return hit if after is not None and table.words[after] in (")", ",") else None

    def _past_asides(self, table, i: int | None) -> int | None:
        """Past what may stand between a name and its title: "(pictured)", ", 45" (an age), letters after the name."""
        words = table.words
        i = self._past_brackets(table, i, 5)
        while i is not None and words[i] in self.post_nominals:  # "Ana Reis MP, Chair of ...", "Ana Reis, PhD, ..."
            i = self._skip(table, i + 1)
        if i is not None and words[i] == ",":  # "Ana Reis, PhD, Senior Adviser"
            letters = self._skip(table, i + 1)
            after = self._skip(table, letters + 1) if letters is not None and words[letters] in self.post_nominals else None
            if after is not None and words[after] == ",":
                i = after
        if i is not None and words[i] == ",":
            age = self._skip(table, i + 1)
            after = self._skip(table, age + 1) if age is not None else None
            if age is not None and words[age].isdigit() and int(words[age]) < 120 and after is not None \
                    and words[after] == ",":
                i = after
        return i

    def _person_after(self, table, title, people) -> bool:
        """A person's name follows this title (after a comma, honorifics or none): the title is theirs."""
        i = self._skip(table, title[2].get("extent_end") or title[1])
        while i is not None and (table.words[i] == "," or table.words[i] in self.honorifics):
            i = self._skip(table, i + 1)
        return i is not None and any(p.start == i for p in people)

    @staticmethod
    def _role(attrs: dict) -> dict:
        return {"title": attrs.get("title"), "key": attrs.get("key"), "org": attrs.get("org")}

    def _past_brackets(self, table, i: int | None, reach: int) -> int | None:
        """Past a short bracketed aside at i ("(pictured)", "(2016–2020)"); i itself when there is none."""
        if i is None or table.words[i] != "(":
            return i
        close = next((j for j in range(i + 1, min(len(table.words), i + reach)) if table.words[j] == ")"), None)
        return self._skip(table, close + 1) if close is not None else i

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

    # given names --------------------------------------------------------------

    def _given_name_mentions(self, table, people, keys, surnames, ent_at, taken: set[int]):
        """A given name alone that belongs to one person named in full: "Gerard Karl Waite ... Gerard worked".

        Refused when two people share it, when it is someone's surname, an English word ("Grace"),
        or when a capitalized word follows it (then it starts another name)."""
        owners: dict[str, set[str]] = {}
        for person in people:
            key = keys[id(person)]
            words = table.span_text(person.start, person.end).split()
            if key and not key.endswith("|") and len(words) >= 2 and words[0][:1].isupper() and words[0].isalpha() \
                    and len(words[0]) > 2:
                owners.setdefault(words[0], set()).add(key)
        given = {name: next(iter(keys_)) for name, keys_ in owners.items() if len(keys_) == 1
                 and surname_key(name) not in surnames and name.lower() not in self.english_words}
        if not given:
            return []
        words, out = table.words, []
        for i in [table.positions[k] for k in table.capitalized]:
            key = given.get(words[i])
            if key is None or i in ent_at or i in taken:
                continue
            j = self._skip(table, i + 1)
            if j is not None and words[j][:1].isupper() and words[j].isalpha():
                continue  # "Gerard Smith": another name
            out.append(self.rules.candidate("person.given_name_of", i, i + 1, {"key": key}))
        return out

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
            after, before = self._skip(table, i + 1), self._skip_back(table, start)
            speaking = (after is not None and table.lower[after] in self.reporting_verbs) or (
                before is not None and table.lower[before] in self.reporting_verbs)
            rule = "person.surname_speaking" if speaking else "person.surname"
            out.append(self.rules.candidate(rule, start, i + 1, {"key": key}))
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
