"""PERSON mentions: runs of name words that the text marks as a person's name.

A name is a run of capitalized name words, initials ("Maria E. Santos"),
particles ("Jan van der Berg") and hyphenated parts ("Ban Ki-moon",
"Lee Jae-sung"). A run is a person when something says so, each with its
rule in ``patterns/entity_rules.jsonl``:
- an honorific before it ("Amb. Kamau"), a title before or after it
  (``doc.spans["titles"]``), a byline or credit ("By", "Photo: IOM/",
  "Reporting by"), or a contact block: strong cues;
- a reporting verb next to it ("said", "told"), a known given name as its
  first word (gender-guesser's dictionary), a shape only names have
  (initials, particles, a hyphenated given name), or coordination with a
  person ("Sipho Ndlovu and Ingrid Berg"): weaker cues, which an
  organization or country over the same words beats.

Month names are left to the date finder, whose dates win overlaps: "Jan van
der Berg" is a name, "Jan 5" a date. Runs inside a longer capitalized name ("Kofi Annan International ...
Centre") and runs of headlines written in title case need a strong cue.
Candidates are resolved together with the entities found so far.
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from ..compiled import CompiledTables
from ..candidates import EntityRules, chosen_candidates, entity_attrs_of, resolve
from ..gazetteer import Gazetteer
from ..lexicons import demonyms, english_words, first_names
from ..patterns import load
from ..token_table import token_table

INITIAL = re.compile(r"^(?:[A-Z]\.){1,2}$")
HYPHEN_SUFFIXES = {"based", "led", "run", "born", "funded", "owned", "made", "wide", "speaking", "born", "backed",
                   "bound", "style", "type", "era", "year", "day", "level"}
STRONG = ("person.honorific", "person.title", "person.credit", "person.contact")


@Language.factory("person_finder")
def make_person_finder(nlp: Language, name: str):
    return PersonFinder(nlp)


class PersonFinder(CompiledTables):
    def __init__(self, nlp: Language):
        self.tokenizer = nlp.tokenizer
        self.honorifics = Gazetteer(nlp.tokenizer)
        self.credits = Gazetteer(nlp.tokenizer)
        self.verbs = Gazetteer(nlp.tokenizer, ignore_case=True)

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.rules = EntityRules(patterns_dir)
        self.rules.require(*STRONG, "person.reporting_verb", "person.lexicon", "person.name_shape", "person.coordination")
        people = load("people.json", patterns_dir)
        for honorific in people.honorifics:
            self.honorifics.add(honorific, honorific)
        self.honorific_words = set(people.honorifics)
        for marker in people.credit_markers:
            self.credits.add(marker, marker)
        for verb in people.reporting_verbs:
            self.verbs.add(verb, verb)
        grammar = load("titles.json", patterns_dir)
        self.portfolio_words = set(grammar.complement_words)  # "Affairs", "Development": a title's, never a surname
        self.complement_prepositions = set(grammar.complement_prepositions)
        shapes = load("org_shapes.json", patterns_dir)
        places = load("place_shapes.json", patterns_dir)
        self.place_prepositions = set(places.place_prepositions)  # "in Geneva Gennady Gatilov": no part of the name
        dates = load("dates.json", patterns_dir)
        # honorifics written without a full stop ("Mr Bak", "Dr Awad") are no name words either
        self.not_names = (set(people.non_name_words) | {h for h in grammar.heads if " " not in h}
                          | {h.rstrip(".") for h in people.honorifics if " " not in h}
                          | {w for office in shapes.office_words for w in office.split()}  # "the IOM Field Office"
                          | set(shapes.head_words) | set(shapes.event_words) | set(dates.weekdays)
                          | {w.capitalize() for w in places.camp_words if " " not in w}
                          | {w for f in places.facility_heads for w in f.split()})
        self.not_names_lower = {w.lower() for w in self.not_names} | set(STOP_WORDS)  # "By", "From", "Our"
        self.particles = set(people.name_particles)
        self.contact_cues = set(people.contact_cues)
        # "Contact:", "For more information, please contact", "Issued by:": whole words, any case
        self.contact_cue_pattern = re.compile(r"\b(?:" + "|".join(sorted((re.escape(c) for c in self.contact_cues),
                                              key=len, reverse=True)) + r")\b", re.IGNORECASE)
        self.coordinators = set(people.coordinators)
        self.person_relatives = set(people.person_relatives)
        self.max_words = people.max_name_words
        self.not_name_place_kinds = set(people.not_name_place_kinds)
        # articles that open Spanish, French and Arabic names ("El", "La") open events too ("El Niño")
        self.first_names = first_names() - {p.capitalize() for p in self.particles}
        self.calendar_words = {w.lower() for w in list(dates.months) + list(dates.weekdays)}
        self.demonyms = demonyms()
        self.english_words = english_words()
        self.name_words: dict[bool, dict[str, bool]] = {False: {}, True: {}}  # by caps: word -> a name word?
        self._table = None  # the document being read (for the lines around a name)

    # what a name is made of ------------------------------------------------

    def _name_word(self, word: str, caps: bool = False) -> bool:
        answers = self.name_words[bool(caps)]
        known = answers.get(word)
        if known is None:
            if len(answers) > 100_000:  # a bound for archive-scale runs
                answers.clear()
            known = answers[word] = self._is_name_word(word, caps)
        return known

    def _is_name_word(self, word: str, caps: bool) -> bool:
        if not word[:1].isupper() or word in self.not_names or word in self.demonyms:
            return False
        core = word.replace("-", "").replace("'", "").replace("’", "")
        if not core.isalpha() or word.lower() in self.not_names_lower:
            return False
        if word.isupper():
            return caps and len(word) > 1
        return True

    def _run_end(self, words, k: int, caps: bool = False, breaks: frozenset = frozenset(),
                 full_name_breaks: frozenset = frozenset()) -> tuple[int, set[str]]:
        """End (exclusive) of the name run starting at word k, and the shapes it showed.

        A run stops before any token index in ``breaks`` (where a title ends or a name starts), and before
        one in ``full_name_breaks`` once it holds two name words (a country after a full name).
        """
        texts, lower, glued, index = words.text, words.lower, words.glued, words.index
        count = len(texts)
        if not (self._name_word(texts[k], caps) or self._initial(texts[k])):
            return k, set()
        end, name_words, shapes = k + 1, 1, set()
        while end < count and name_words < self.max_words:
            if index[end] != index[end - 1] + 1 and "\n" in words_between(words, end) \
                    and not self._wrapped_prose(index[end - 1]):
                break  # a name does not go on past the end of a line, but for a line of wrapped prose
            if index[end] in breaks or (name_words >= 2 and index[end] in full_name_breaks):
                break
            word = texts[end]
            if self._name_word(word, caps):
                end, name_words = end + 1, name_words + 1
            elif self._initial(word):
                end, shapes = end + 1, shapes | {"initial"}
            elif lower[end] in self.particles:  # "van der Berg", "de la Cruz"
                after = end
                while after < count and lower[after] in self.particles and after - end < 3:
                    after += 1
                if after < count and self._name_word(texts[after], caps):
                    end, name_words, shapes = after + 1, name_words + 1, shapes | {"particle"}
                else:
                    break
            elif word == "-" and glued[end - 1] and glued[end] and end + 1 < count:
                part = texts[end + 1]
                if self._name_word(part, caps):
                    end = end + 2
                elif part.isalpha() and part.islower() and len(part) <= 5 and part not in HYPHEN_SUFFIXES:
                    end, shapes = end + 2, shapes | {"hyphenated"}  # "Ki-moon", "Jae-sung"
                else:
                    break
            else:
                break
        while end > k + 1 and INITIAL.match(texts[end - 1]):
            end -= 1
        if INITIAL.match(texts[k]) and end == k + 1:
            return k, set()
        if INITIAL.match(texts[k]):
            shapes.add("initial")
        return end, shapes

    def _initial(self, word: str) -> bool:
        """"E." in "Maria E. Santos"; not an honorific written like initials ("H.E. Ana Reis")."""
        return bool(INITIAL.match(word)) and word not in self.honorific_words

    def _wrapped_prose(self, i: int) -> bool:
        """Token i ends a long line that only wraps a paragraph ("... to French President Nicolas\nSarkozy, ...")."""
        return self._table is not None and self._table.ends_wrapped_line(i)

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)
        self._table = table
        words = table.view
        texts, lower, index = words.text, words.lower, words.index
        count = len(texts)
        keys = table.position_keys(False)
        keys_lower = table.position_keys(True)
        existing = list(chosen_candidates(doc))
        ent_at = {}
        for cand in existing:
            for i in range(cand.start, cand.end):
                ent_at[i] = cand
        titles = [(span, entity_attrs_of(doc).get((span.start_char, span.end_char, "TITLE"), {}))
                  for span in doc.spans.get("titles", [])]
        title_ends = {span.end: attrs for span, attrs in titles}
        title_ends.update({attrs["extent_end"]: attrs for _, attrs in titles if attrs.get("extent_end")})
        title_starts = {}
        for span, attrs in titles:
            title_starts[span.start] = attrs
            if attrs.get("owner_start") is not None:
                title_starts[attrs["owner_start"]] = attrs
        name_starts = {attrs["name_start"] for _, attrs in titles if attrs.get("name_start") is not None}
        # "Amy Pope Kenya visit", "the Minister Kenya wants": a country ends a full name and is no name alone;
        # a given name that is one may start a name or end a given name ("Chad Smith", "Michael Jordan")
        countries = frozenset(c.start for c in existing if c.label == "PLACE"
                              and c.attrs.get("kind") in self.not_name_place_kinds)
        breaks = frozenset(name_starts | set(title_ends) | {span.start for span, _ in titles})
        headings = _Headings(table)
        self.contact_block = any(cue in table.text for cue in self.contact_cues)
        found = []
        consumed = 0
        for k in table.capitalized:
            if k < consumed:
                continue
            if not (self._name_word(texts[k], True) or INITIAL.match(texts[k])):
                continue  # no name starts here, even on a line in capitals: most capitalized words
            place = ent_at.get(index[k])
            if place is not None and place.label == "PLACE" and k + 1 < count and index[k + 1] >= place.end \
                    and keys[k + 1] in self.first_names and k > 0 and lower[k - 1] in self.place_prepositions:
                continue  # "... in Geneva Gennady Gatilov told": the place ends what came before the name
            credit = self._credit_before(words, keys, k, ent_at)
            caps = credit and self._caps_line(table, index[k])
            end, shapes = self._run_end(words, k, caps, breaks, countries)
            if end == k or (index[k] in countries and (end == k + 1 or keys[k] not in self.first_names)):
                continue
            if end - k > 2 and _title_case_line(table, index[k]):
                # a headline capitalizes its verb too: "IOM Director General Amy Pope Visits Chad"
                end = next((j for j in range(k + 2, end) if texts[j].lower() in self.english_words
                            and keys[j] not in self.first_names), end)
            rule = self._cue(words, keys, keys_lower, k, end, shapes, credit, ent_at, title_ends, title_starts,
                             name_starts, headings, table)
            if rule is not None:
                found.append((k, end, rule))
            consumed = end
        found += self._coordinated(words, found, headings, table)
        # "state minister M Shahriar Alam": a dotless initial between a title and the name it cues
        found = [(k - 1, end, rule) if k > 0 and len(texts[k - 1]) == 1
                 and texts[k - 1].isupper() and index[k - 1] in title_ends else (k, end, rule)
                 for k, end, rule in found]
        # a lone word that is the surname of someone named in full is the linker's to decide ("Lim said")
        surnames = {texts[end - 1] for k, end, rule in found if end - k > 1}
        found = [(k, end, rule) for k, end, rule in found if rule != "person.given_name" or texts[k] not in surnames]
        candidates = [self.rules.candidate(rule, index[k], index[end - 1] + 1, {}) for k, end, rule in found]
        if candidates:
            ages = self._ages(table, candidates, existing)
            resolve(doc, [c for c in existing if id(c) not in ages] + candidates, set_ents=False)
        return doc

    @staticmethod
    def _ages(table, people, existing) -> set[int]:
        """Ids of the FIGURE candidates that give a person's age: "Halima, 42, fled" (ages are no figures)."""
        words = table.words
        person_ends = {c.end for c in people}
        ages = set()
        for cand in existing:
            if cand.label != "FIGURE" or cand.end - cand.start != 1 or not words[cand.start].isdigit():
                continue
            if int(words[cand.start]) > 120 or cand.start < 2 or words[cand.start - 1] != ",":
                continue
            after = cand.end
            if cand.start - 1 in person_ends and after < len(words) and words[after] in (",", ")", ";"):
                ages.add(id(cand))
        return ages

    # cues -----------------------------------------------------------------

    def _cue(self, words, keys, keys_lower, k, end, shapes, credit, ent_at, title_ends, title_starts,
             name_starts, headings, table) -> str | None:
        texts, lower, index = words.text, words.lower, words.index
        count = len(texts)
        length = sum(1 for j in range(k, end) if texts[j][:1].isupper() and texts[j] != "-")
        if k > 0 and self.honorifics.ending_at(keys, k, 3):
            return "person.honorific"
        if credit and length >= 2:
            return "person.credit"
        # in a headline every word is capitalized: after a title there, an English word that is no
        # given name starts no name ("IOM Regional Director Commends Bangladesh's ..." names nobody)
        unnamed_in_heading = keys[k] not in self.first_names and texts[k].lower() in self.english_words \
            and (table.sentence_of[index[k]] in headings or _title_case_line(table, index[k]))
        if index[k] in name_starts and not unnamed_in_heading:
            return "person.title"
        previous = k - 1
        while previous >= 0 and texts[previous] == ",":
            previous -= 1
        if previous >= 2 and texts[previous] == ")" and texts[previous - 2] == "(":  # "... (IOM), Amy Pope"
            previous -= 3
        if previous >= 0 and index[previous] + 1 in title_ends and (length >= 2 or previous == k - 1) \
                and not unnamed_in_heading:
            return "person.title"  # "IOM Director General Amy Pope", "Minister of Labour, Omar Haddad"
        if end < count and texts[end] == ",":
            after = end + 1
            if after < count and lower[after] in ("a", "an", "the"):
                after += 1
            if after < count and index[after] in title_starts and length >= 2:
                return "person.title"  # "Sara Lindholm, IOM's Director of ..."
        if length >= 2 and self.contact_block and self._contact_line(table, index[k]) and (end >= count or texts[end] in (",", "(")
                                                                   or index[end] != index[end - 1] + 1):
            return "person.contact"
        if length == 1 and end == k + 1 and index[k] not in ent_at and self._introduced_by_given_name(words, keys, keys_lower, k):
            return "person.given_name"
        if length < 2 or index[k] in ent_at and ent_at[index[k]].priority > 3 and ent_at[index[k]].end >= index[end - 1] + 1:
            return None
        followed_by_name_word = end < count and texts[end][:1].isupper() and texts[end] not in (",",) \
            and index[end] == index[end - 1] + 1 and texts[end].isalpha()
        if followed_by_name_word:
            return None  # inside a longer capitalized name
        if (k > 0 and self.verbs.ending_at(keys_lower, k, 2)) or (end < count and self.verbs.lookup((keys_lower[end],))):
            return "person.reporting_verb"
        if table.sentence_of[index[k]] in headings:
            return None
        if keys[k] in self.first_names:
            return "person.lexicon"
        if self._introduced(texts, lower, end):
            return "person.introduced"
        if shapes & {"initial", "particle", "hyphenated"}:
            return "person.name_shape"
        return None

    def _introduced(self, texts, lower, end: int) -> bool:
        """Words after a name run that introduce a person: ", 34," (an age) or ", who"."""
        count = len(texts)
        if end + 1 >= count or texts[end] != ",":
            return False
        after = texts[end + 1]
        if after.isdigit() and len(after) <= 2 and end + 2 < count and texts[end + 2] in (",", ")"):
            return True
        return lower[end + 1] in self.person_relatives

    def _introduced_by_given_name(self, words, keys, keys_lower, k) -> bool:
        """Word k is a given name alone where press text introduces a person so (see person.given_name)."""
        texts, lower = words.text, words.lower
        if keys[k] not in self.first_names or not texts[k][1:].islower() or texts[k].lower() in self.english_words \
                or lower[k] in self.calendar_words:
            return False  # "He said", "Grace", "June": words before they are names
        count = len(texts)
        if (k > 0 and self.verbs.ending_at(keys_lower, k, 2)) or (k + 1 < count and self.verbs.lookup((keys_lower[k + 1],))):
            return True
        if k >= 3 and lower[k - 1] == "old" and lower[k - 3] == "year":  # "17-year-old Amina"
            return True
        if k + 2 < count and texts[k + 1] == ",":
            after = texts[k + 2]
            if after.isdigit() and len(after) <= 2 and k + 3 < count and texts[k + 3] in (",", ")"):
                return True  # "Halima, 34, ..."
            if lower[k + 2] in self.person_relatives or (lower[k + 2] in ("a", "an") and k + 3 < count and texts[k + 3].islower()):
                return True  # "Ahmed, who ...", "Halima, a mother of five"
        return False

    def _credit_before(self, words, keys, k, ent_at) -> bool:
        """A byline or credit right before word k: "By", "Photo:", "Reporting by", "Photo: IOM/"."""
        if k > 0 and self.credits.ending_at(keys, k, 3):
            return True
        if k >= 2 and words.text[k - 1] == "/" and words.index[k - 2] in ent_at:  # "Photo: IOM/Amadou Traoré"
            start = ent_at[words.index[k - 2]].start
            j = next((p for p in range(k - 2, -1, -1) if words.index[p] == start), None)
            return j is not None and j > 0 and self.credits.ending_at(keys, j, 3)
        return False

    @staticmethod
    def _caps_line(table, i: int) -> bool:
        """The line holding token i is written in capitals: "BY DANIEL OKONKWO"."""
        text = table.text
        start = text.rfind("\n", 0, table.starts[i]) + 1
        end = text.find("\n", table.starts[i])
        line = text[start:end if end >= 0 else len(text)]
        letters = [c for c in line if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)

    def _contact_line(self, table, i: int) -> bool:
        """Token i starts a line that follows a contact cue ("For more information please contact:")."""
        text = table.text
        line_start = text.rfind("\n", 0, table.starts[i]) + 1
        if text[line_start:table.starts[i]].strip():
            return False
        before = " ".join(text[max(0, line_start - 300):line_start].splitlines()[-3:])
        return self.contact_cue_pattern.search(before) is not None

    def _coordinated(self, words, found, headings, table):
        """Runs joined to a person by "and" or in a list: "Talks between Sipho Ndlovu and Ingrid Berg"."""
        texts, index = words.text, words.index
        by_start = {k: end for k, end, _ in found}
        by_end = {end: k for k, end, _ in found}
        out = []
        count = len(texts)
        for k, end, _ in list(found):
            # the run after "PERSON and"
            after = end
            if after + 1 < count and texts[after] in self.coordinators and after + 1 not in by_start:
                run_end, _ = self._run_end(words, after + 1)
                if 2 <= run_end - (after + 1) <= 3 and self._free(run_end, count, texts, index):
                    out.append((after + 1, run_end, "person.coordination"))
            # the run before "and PERSON"
            before = k - 1
            if before >= 1 and texts[before] in self.coordinators:
                start = before - 1
                while start > 0 and self._name_word(texts[start - 1]) and before - start < 3:
                    start -= 1
                run_end, _ = self._run_end(words, start)
                if run_end == before and 2 <= before - start <= 3 and start not in by_start and before not in by_end \
                        and table.sentence_of[index[start]] not in headings \
                        and not self._complement_of_a_title(texts, start, before):
                    out.append((start, before, "person.coordination"))
        return out

    def _complement_of_a_title(self, texts, start: int, end: int) -> bool:
        """"Secretary of State in charge of European Affairs and Maxime Tandonnet": the run before "and"
        is a portfolio (after "of", "for", or ending in "Affairs", "Development"), no person."""
        return (start > 0 and texts[start - 1] in self.complement_prepositions) or texts[end - 1] in self.portfolio_words

    @staticmethod
    def _free(run_end, count, texts, index) -> bool:
        return run_end >= count or not (texts[run_end][:1].isupper() and index[run_end] == index[run_end - 1] + 1)


def _title_case_line(table, i: int) -> bool:
    """Token i is on a line of a headline's shape: no full stop at its end, its words capitalized."""
    text = table.text
    start = text.rfind("\n", 0, table.starts[i]) + 1
    end = text.find("\n", table.starts[i])
    line = text[start:end if end >= 0 else len(text)].strip()
    words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
    return bool(line) and line[-1] not in ".!?\"”" and len(words) >= 3 \
        and sum(1 for w in words if w[:1].isupper()) / len(words) > 0.7


def words_between(words, k: int) -> str:
    """The text of the line wraps between word k-1 and word k."""
    return "\n" if words.index[k] != words.index[k - 1] + 1 else ""


class _Headings:
    """Sentences that are no prose: headlines and menu lines, with most words capitalized and no full stop.

    Worked out per sentence when first asked (``number in headings``), since most sentences are never asked.
    """

    def __init__(self, table):
        self.table = table
        self.known: dict[int, bool] = {}

    def __contains__(self, number: int) -> bool:
        if number not in self.known:
            start, end = self.table.sentence_bounds[number]
            sentence = [w for w in self.table.words[start:end] if not w.isspace()]
            alpha = [w for w in sentence if w.isalpha() and len(w) > 3]
            heading = not any(w.isalpha() and w.islower() and len(w) > 1 for w in sentence)  # "Take Action"
            if not heading and sentence[-1] not in (".", "!", "?", "”", '"') and len(alpha) >= 3:
                heading = sum(1 for w in alpha if w[:1].isupper()) / len(alpha) > 0.7
            self.known[number] = heading
        return self.known[number]
