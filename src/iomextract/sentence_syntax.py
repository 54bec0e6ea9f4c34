"""The shallow syntax of a sentence that claims are read with: clauses, subject slots, pronouns, offices.

``Sentence`` answers what ``claim_builder``'s families ask of one sentence:
which organization or country a phrase is about (an office phrase, an owner
in the noun phrase, "of ORG", a relative clause's antecedent, the subject
before the anchor), where a counted noun ends, what a figure without a noun
counts, and which cues stand near. ``Discourse`` carries what a sentence
leaves to the next: its subject, and the release's main organization.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache


from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from .token_table import TokenTable
from .components.release_context import COUNTRY_OFFICE_RULES

if TYPE_CHECKING:
    from .components.claim_builder import ClaimBuilder

POSSESSIVE = {"'s", "’s", "'", "’"}
# how far (in tokens) a subject slot is looked for from its anchor: real slots are close, and a bound
# keeps a 50,000-token "sentence" (a table of numbers) from costing the square of its length
REACH = 40
VERB_FILLERS = {"is", "are", "was", "were", "has", "have", "had", "be", "been", "will", "would"}


def singular(word: str, lemmas: dict[str, str]) -> str:
    """The singular of a noun: from ``lemmas`` (``lexicons.noun_lemmas``), else by lemminflect's rules."""
    lower = word.lower()
    lemma = lemmas.get(lower)
    return lemma if lemma is not None else _singular_by_rules(lower)


@lru_cache(maxsize=8192)
def _singular_by_rules(lower: str) -> str:
    """A noun lemminflect's dictionary lacks ("frobnicators"): its rules, as ``getLemma`` would apply."""
    from lemminflect import getAllLemmasOOV
    lemma = getAllLemmasOOV(lower, "NOUN").get("NOUN")
    return lemma[0] if lemma else lower


def noun_key(words: list[str], lemmas: dict[str, str]) -> tuple[str, str]:
    """(head, compound) of a counted noun phrase, singular: "Member States" -> ("state", "member state")."""
    words = [w for w in words if w.isalpha() or "-" in w]
    if not words:
        return "", ""
    head = singular(words[-1], lemmas)
    compound = f"{words[-2].lower()} {head}" if len(words) > 1 else head
    return head, compound


class Discourse:
    """What a release is about: its main organization, and the subject of the sentence before."""

    def __init__(self, main_org: str | None, published, main_acronym: str | None = None, office: str | None = None):
        self.main_org = main_org
        self.main_acronym = main_acronym
        self.published = published
        self.office = office  # the country office whose page this is
        self.previous = None
        self.previous_office = None  # the country office named last ("IOM Kenya")

    def resolve_office(self) -> str | None:
        """"The mission", "the office": the page's country office, else the office the text spoke of last."""
        return self.office or self.previous_office

    def after_sentence(self, sentence: "Sentence", found: list[dict]) -> None:
        offices = [c for c in sentence.of("ORG") if c.rule in COUNTRY_OFFICE_RULES]
        if offices:
            self.previous_office = offices[-1].attrs.get("canonical")
        else:
            self.previous_office = self._operation_in(sentence) or self.previous_office
        subjects = [c["subject"] for c in found if c.get("attribute") not in ("member_since",)]
        if subjects:
            self.previous = subjects[0]
            return
        # "GENEVA (Reuters) - The U.N. migration agency ...": a bracketed name is a credit or an acronym, no subject
        orgs = [c for c in sentence.of("ORG") if not sentence.is_object(c.start) and not sentence.in_brackets(c)]
        if orgs:
            self.previous = sentence.org_name(orgs[0])

    def _operation_in(self, sentence: "Sentence") -> str | None:
        """"IOM has worked in Mali since 1998", "IOM Chief of Mission in Mali": the main organization and one
        country after "in" name its operation there ("IOM Mali"), which "the mission" then means."""
        if not self.main_acronym or not any(c.attrs.get("canonical") == self.main_org for c in sentence.of("ORG")):
            return None
        place = sole_country_after_in(sentence.table, sentence.ents)
        return f"{self.main_acronym} {sentence.table.span_text(place.start, place.end)}" if place else None

    def resolve(self) -> str | None:
        return self.previous or self.main_org


class Sentence:
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
        return evidence_of(self.table, self.start, self.end)

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

    def org_after_compound(self, i: int) -> str | None:
        """The organization a compound count describes: "the 54-member African Union", "the 193-nation UN"."""
        j = self.next_word(i)
        if j is not None and self.words[j] == "-" and j + 1 < self.end:  # past "-member"
            j = self.next_word(j + 2)
        cand = self.ent_at.get(j) if j is not None else None
        if cand is None or cand.start != j or cand.label != "ORG":
            return None
        after = self.next_word(cand.end)
        if after is not None and self.words[after].islower() and self.lower[after] in self.b.noun_lemmas \
                and self.lower[after] not in STOP_WORDS:
            return None  # "a 5-member IOM team": the team's members
        return self.org_name(cand)

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
                counted = self.previous_word(i - len(noun.split()) + 1)
                if counted is not None and counted in self.ent_at and self.ent_at[counted].label == "FIGURE":
                    return None  # "1,200 staff and 12 sub-offices": the noun counts the figure before it
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

    def in_brackets(self, cand) -> bool:
        before, after = self.previous_word(cand.start), self.next_word(cand.end)
        return before is not None and after is not None and self.words[before] == "(" and self.words[after] == ")"

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
                    j + 2 < self.end and self.words[j + 1] == "-" and (self.lower[j + 2] in ("based", "led")
                                                                         or self.words[j].replace(",", "").isdigit()))):
                j += 3 if self.lower[j] not in self.b.pronoun_modifiers else 1
            if j > i + 1 and j < self.end and self.lower[j] in self.b.pronoun_heads and self.table.space_after[j - 1]:
                return j - i + 1, None
        return 0, None

    def org_name(self, cand) -> str | None:
        if cand.label != "ORG":
            return None
        article = self.previous_word(cand.start)
        if article is not None and self.lower[article] == "the":  # "the U.N. migration agency" is IOM, not the UN
            length, described = self._pronoun(article)
            if described and article + length > cand.end:
                return described
        return cand.attrs.get("canonical")

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
            if self.office_noun_subject(a, clause):  # "The mission has 310 staff", "Its office employs 92"
                return self.discourse.resolve_office()
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

    def operation_in_country(self, b: int) -> str | None:
        """"400 staff in Yemen" -> "IOM Yemen": one country right after what is counted; "" for a list of
        countries ("in Chad and Niger"), None when no country follows."""
        i = self.next_word(b)
        if i is None or self.lower[i] != "in":
            return None
        place = self.ent_at.get(self.next_word(i + 1) if self.next_word(i + 1) is not None else -1)
        acronym = self._main_acronym()
        if place is None or place.label != "PLACE" or place.attrs.get("kind") != "country" or not acronym:
            return None
        after = self.next_word(place.end)
        if after is not None and (self.lower[after] in ("and", "&", "or") or (
                self.words[after] == "," and self.ent_at.get(self.next_word(after + 1) or -1) is not None)):
            return ""  # "staff in Chad and Niger": no one country's
        return f"{acronym} {self.text(place)}"

    def office_noun_subject(self, a: int, clause: int) -> bool:
        """The clause before a opens with "the"/"its" and an office noun that names no place ("The mission's staff")."""
        first = self.next_word(self.clause_first.get(clause, self.start))
        if first is None or first >= a or self.lower[first] not in ("the", "its", "our", "this"):
            return False
        k = self.next_word(first + 1)
        for noun in self.b.office_nouns:
            if k is not None and tuple(self.lower[k:k + len(noun)]) == noun:
                after = self.next_word(k + len(noun))
                return after is not None and after <= a and self.lower[after] not in ("in", "of", "for", "at")
        return False

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
                                        or singular(self.words[nxt], self.b.noun_lemmas) in self.b.family_words):
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
        if before is not None and self.words[before] == ")":  # "the Intergovernmental Authority on Development (IGAD), a bloc founded in 1986"
            opening = next((i for i in range(before - 1, max(self.start, before - 6) - 1, -1) if self.words[i] == "("), None)
            before = self.previous_word(opening) if opening is not None else before
        cand = self.ent_at.get(before) if before is not None else None
        if cand is not None:
            return self.org_name(cand) if cand.label == "ORG" else None
        return self.pronoun_ending_at(before)

    def sentence_org(self, a: int) -> str | None:
        """The sentence's organization that is no object of a preposition: nearest before a, else first after."""
        orgs = [c for c in self.ents_between(a - 2 * REACH, a + 2 * REACH, "ORG")
                if not self.is_object(c.start) and not is_government(c)]
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
            # the main clause's subject, where it starts: "After joining IOM in 1985, Kenya ..."; not
            # "Before joining IOM in 2019, she was a lawyer in Brazil"
            after = next((c for c in self.ents_between(b, b + REACH) if self.clauses[c.start] != clause), None)
            opener = next((i for i in range(b, after.start if after else b) if self.clauses[i] != clause
                           and not self.table.is_space[i] and self.words[i] != ","), None) if after else None
            if after is None or not self.country_of(after) or (opener is not None and self.lower[opener] != "the"):
                return []
            return self._country_list([after])
        comma = self.previous_word(first) if first is not None else None
        before = self.previous_word(comma) if comma is not None and self.words[comma] == "," else None
        cand = self.ent_at.get(before) if before is not None else None
        if (cand is None or not self.country_of(cand)) and before is not None and self.clauses[before] != clause:
            cand = self._before_parenthetical(self.clauses[before])
        if cand is None or not self.country_of(cand):
            return self._country_list([cand]) if cand is not None else []  # "Peru, an IOM member since 1964, ..."
        if self.is_object(cand.start):
            return []  # "Rui Costa, a former Ambassador to Brazil, joined IOM": Brazil is no one's subject
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
        after = [c for c in self.ents_between(a, a + REACH, "ORG") if not is_government(c)]
        if after:
            return self.org_name(after[0])
        before = [c for c in self.ents_between(a - REACH, a, "ORG") if c.end <= a and not is_government(c)]
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

    def fronted_year(self, trigger_start: int) -> str | None:
        """"In 2002, Mexico joined IOM": the year of an "In YEAR," that opens the sentence, before the trigger."""
        first = self.next_word(self.start)
        if first is None or self.lower[first] != "in":
            return None
        cand = self.ent_at.get(self.next_word(first + 1) or -1)
        comma = self.next_word(cand.end) if cand is not None else None
        if cand is None or cand.label != "DATE" or comma is None or self.words[comma] != "," or comma >= trigger_start:
            return None
        value = str(cand.attrs.get("value") or "")
        return value[:4] if len(value) >= 4 and value[:4].isdigit() else None

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


def sole_country_after_in(table: TokenTable, ents, words_before: set[str] | None = None):
    """The one country a sentence names, when "in" stands right before it (and one of ``words_before`` before
    that: "operated in Afghanistan"); None when it names none or several ("in Libya and Tunisia")."""
    countries = [c for c in ents if c.label == "PLACE" and c.attrs.get("kind") == "country"]
    if len({c.attrs.get("country") for c in countries}) != 1:
        return None
    place = countries[0]
    before = _word_before(table, place.start)
    if before is None or table.lower[before] != "in":
        return None
    if words_before is not None:
        verb = _word_before(table, before)
        if verb is None or table.lower[verb] not in words_before:
            return None
    return place


def _word_before(table: TokenTable, i: int) -> int | None:
    i -= 1
    while i >= 0 and table.is_space[i]:
        i -= 1
    return i if i >= 0 else None


def is_government(cand) -> bool:
    return (cand.attrs.get("canonical") or "").lower().startswith("government of")


def evidence_of(table: TokenTable, start: int, end: int) -> dict:
    text = table.text[table.starts[start]:table.ends[end - 1]] if end > start else ""
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    return {"text": stripped, "start": table.starts[start] + lead, "end": table.starts[start] + lead + len(stripped)}
