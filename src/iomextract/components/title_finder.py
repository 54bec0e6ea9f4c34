"""TITLE spans: job titles read with the grammar of ``patterns/titles.json``.

A title is a head ("Director", "Chief of Mission") with the modifiers
before it ("Deputy", "Regional") and complements after it ("for East and
Horn of Africa", "of Interior and Administrative Reform", "in Nigeria"),
chained. What stands before the modifiers says whose title it is: an
organization ("IOM", "IOM's", "the Organization's") or a country
("Kenya's", "Kenyan"); neither belongs to the title. A complement naming a
well-known body after "for"/"at" ("Principal Secretary for the Ministry of
...") or "of" ("Director General of IOM") gives the org and ends the title;
a complement naming a unit ("Director of the Migration Affairs Directorate")
stays in it.

Titles go to ``doc.spans["titles"]``; their attributes (text, key, org,
country, and where a name starts inside a prenominal complement) are in
``entity_attrs_of(doc)`` under the label TITLE.
"""
from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..compiled import CompiledTables
from ..candidates import EntityRules, chosen_candidates, entity_attrs_of
from ..gazetteer import Gazetteer
from ..identity import title_key
from ..lexicons import demonyms, first_names, noun_lemmas
from ..patterns import load
from ..predicate_roles import DETERMINERS
from ..predicates import RolePredicateFinder
from ..title_complements import POSSESSIVE, TitleComplements
from ..token_table import TokenTable, token_table
from .release_context import main_organization



@Language.factory("title_finder")
def make_title_finder(nlp: Language, name: str):
    return TitleFinder(nlp)




class TitleFinder(TitleComplements, CompiledTables):
    def __init__(self, nlp: Language):
        self.heads = Gazetteer(nlp.tokenizer, ignore_case=True)
        self.tokenizer = nlp.tokenizer
        self._head_starts: set[int] = set()
        self._predicate_starts: set[int] = set()

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.rules = EntityRules(patterns_dir)
        self.rules.require("title.grammar")
        grammar = load("titles.json", patterns_dir)
        self.grammar = grammar
        # an organization's office inside a title's complement ("Head of the IOM Field Office in Kharkiv")
        self.office_words = sorted({tuple(t.lower_ for t in self.tokenizer(w)) for w in load("org_shapes.json",
                                   patterns_dir).office_words}, key=len, reverse=True)
        self.predicates = RolePredicateFinder(self.tokenizer, grammar.predicates)
        for head in grammar.heads:
            self.heads.add(head, head)
            if " " not in head and "-" not in head:  # "Undersecretary", "Vicepresident"
                for prefix in grammar.closed_prefixes:
                    self.heads.add(prefix + head.lower(), prefix + head.lower())
        self.modifiers = {m.lower() for m in grammar.modifiers}
        self.prepositions = set(grammar.complement_prepositions)
        self.phrases = [tuple(p.split()) for p in grammar.complement_phrases]
        self.place_prepositions = set(grammar.place_prepositions)
        self.bare_place_kinds = set(grammar.bare_place_kinds)
        self.placed_heads = {h.lower() for h in grammar.placed_heads}
        self.org_prepositions = set(grammar.org_prepositions)
        self.connectors = set(grammar.connectors)
        self.complement_words = set(grammar.complement_words)
        self.lower_complement_words = {w.lower() for w in grammar.complement_words}
        self.lower_title_words = self.lower_complement_words | self.modifiers
        self.equivalents = grammar.equivalents
        times = grammar.times
        self.time_words = {tuple(w.lower().split()) for held in ("former", "current", "coming")
                           for w in (getattr(times, held) if times else [])} - {(w,) for w in (times.kept_in_title if times else [])}
        self.demonyms = demonyms()
        self.first_names = first_names()
        self.nouns = frozenset(noun_lemmas())  # a lower-case word inside a title's modifiers is a noun
        # an honorific opens the name after a title ("Head of Sub-Office Ms. Efua Owusu"); those that are
        # heads too ("Ambassador") are titles of their own
        heads = {h.lower() for h in grammar.heads}
        honorifics = set(load("people.json", patterns_dir).honorifics)
        self.honorifics = {h for h in honorifics if h.lower() not in heads}
        self.honorific_heads = honorifics - self.honorifics
        context = load("claim_context.json", patterns_dir)
        self.org_pronouns = {tuple(p.lower().split()) for p in context.pronouns}

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)
        ent_at = {}
        for cand in chosen_candidates(doc):
            for i in range(cand.start, cand.end):
                ent_at[i] = cand
        main_org = None
        spans, attrs_by_span = [], entity_attrs_of(doc)
        taken_until = -1
        heads = [hit[:2] for hit in self.heads.find(table)]
        head_starts = {start for start, _ in heads}
        self._head_starts = head_starts  # a complement run stops before "and <head>": another person's title
        self._predicate_starts = self.predicates.title_starts(table) if heads else set()
        for start, end in heads:
            if start in ent_at or (end - 1) in ent_at:
                continue
            following = self._next(table, end)
            if following is not None and following in ent_at and ent_at[following].label == "PLACE" \
                    and ent_at[following].attrs.get("kind") == "country":
                following = self._next(table, ent_at[following].end)  # "Assistant U.K. Home Secretary"
                if following is not None and self._is_modifier(table, following, True):
                    following = self._head_after_modifiers(table, following, head_starts)
            if table.lower[start] in self.modifiers and self._head_within(table, following, head_starts, ent_at,
                                                                          table.words[start][:1].isupper()):
                continue  # "Deputy" in "Deputy Minister", "Deputy Homeland Security Adviser" modifies the next head
            # modifiers never reach into the title before: "Minister of Labour and Ambassador to Brazil" is two
            if spans and spans[-1].end == start and end - start == 1 and table.words[start] in self.honorific_heads:
                continue  # "Minister of Interior Ambassador Ana Lima": a rank before the name, not a second post
            title = self._title(table, start, end, ent_at, floor=max(taken_until, 0))
            if title is None or title["start"] < taken_until:
                continue
            if title.get("org") == "":  # "the Organization's": the release's own organization
                main_org = main_org or main_organization(doc)
                title["org"] = main_org
            # heads inside a complement ("Adviser to Prime Minister, Boris Johnson"): the name after may hold that post
            title["inner_heads"] = [h for h in sorted(head_starts) if title["start"] < h < title["end"]
                                    and title["start"] < self._modifiers_start(table, h, table.words[h][:1].isupper(),
                                                                                ent_at, title["start"] + 1)]
            span = Span(doc, title.pop("start"), title.pop("end"), label="TITLE")
            attrs_by_span[(span.start_char, span.end_char, "TITLE")] = title
            spans.append(span)
            taken_until = span.end
        doc.spans["titles"] = spans
        return doc

    # the parts of a title ------------------------------------------------

    def _title(self, table: TokenTable, head_start: int, head_end: int, ent_at, floor: int = 0) -> dict | None:
        words, lower = table.words, table.lower
        capitalized = words[head_start][:1].isupper()
        start = self._modifiers_start(table, head_start, capitalized, ent_at, floor)
        start = self._after_time_words(table, start, head_start)
        org, country, prefix_start = self._owner(table, start, ent_at)
        bare = False  # a lower-case title with neither owner nor article: a title only right before a name
        if not capitalized and prefix_start is None:
            opened = self._lowercase_start(table, start, ent_at)
            if opened is None:
                bare = True
            else:
                start = self._after_time_words(table, opened, head_start)  # "the new head of ..."
                org, country, prefix_start = self._owner(table, opened, ent_at)
        end = head_end
        skipped = []
        following = self._next(table, end)
        if following is not None and words[following] == "(":  # "Regional Director (RD) for ..."
            close = self._next(table, following + 1)
            close = self._next(table, close + 1) if close is not None else None
            if close is not None and words[close] == ")":
                skipped.append((following, close + 1))
                end = close + 1
        # "IOM's chief of mission in Libya": a mission's place is its head's in any case
        placed = " ".join(table.lower[i] for i in range(head_start, head_end) if not table.is_space[i]) in self.placed_heads
        name_start = None
        extent_end = None  # where an org complement that ends the title ends
        while True:
            step = self._complement(table, end, capitalized, ent_at, placed=placed)
            if step is None:
                break
            kind, complement_end, value = step
            if kind in ("org", "outside"):
                org = org or value
                extent_end = complement_end
                break
            if kind in ("org_in_title", "office"):
                org = org or value
                end = complement_end
                if kind == "office":  # an office's place is part of the title, in any case ("head of the IOM office in Libya")
                    capitalized_after = capitalized
                    capitalized = True
                    step = self._complement(table, end, capitalized, ent_at)
                    capitalized = capitalized_after
                    if step is not None and step[0] == "place":
                        end = step[1]
                elif capitalized:
                    end = self._coordinated_org_end(table, end, ent_at) or end
                continue
            end = complement_end
            if kind == "run":
                name_start = value
                if name_start is not None:
                    end = name_start
                    break
        if bare and start not in self._predicate_starts and not self._name_follows(table, extent_end or end, ent_at) \
                and not self._after_a_name(table, start, ent_at):
            # "the minister said" has its article, "was named head of the agency" its verb, "foreign minister
            # Ana Costa" its name; "minister of health" alone is no one's title
            return None
        text = self._text(table, start, end, skipped)
        return {"start": start, "end": end, "title": text, "key": title_key(text, self.equivalents), "org": org,
                "country": country, "capitalized": capitalized, "name_start": name_start, "owner_start": prefix_start,
                "extent_end": extent_end or end, "rule": "title.grammar"}

    def _after_a_name(self, table: TokenTable, start: int, ent_at) -> bool:
        """A lower-case title in apposition to a name: "Sergio Ruiz, head of ...", "said Paul Dube, spokesman for"."""
        comma = self._previous(table, start)
        if comma is None or table.words[comma] != ",":
            return False
        last = self._previous(table, comma)
        before = self._previous(table, last) if last is not None else None
        return last is not None and before is not None and last not in ent_at and before not in ent_at \
            and table.words[last][:1].isupper() and table.words[before][:1].isupper() \
            and table.words[last].isalpha() and table.folded[before] in self.first_names

    def _after_time_words(self, table: TokenTable, start: int, head_start: int) -> int:
        """The title starts after the words that only say when its post is held ("Outgoing", "Newly elected")."""
        lower = table.lower
        moved = True
        while moved and start < head_start:
            moved = False
            for words in self.time_words:
                if tuple(lower[start:start + len(words)]) == words and start + len(words) <= head_start:
                    start = self._next(table, start + len(words)) or head_start
                    moved = True
                    break
        return min(start, head_start)

    def _next(self, table: TokenTable, i: int) -> int | None:
        """The next token at or after i that is not a line wrap."""
        while i < len(table.words) and table.wrap[i]:
            i += 1
        return i if i < len(table.words) else None

    def _previous(self, table: TokenTable, i: int) -> int | None:
        """The last token before i that is not a line wrap."""
        i -= 1
        while i >= 0 and table.wrap[i]:
            i -= 1
        return i if i >= 0 else None

    def _word_before(self, table: TokenTable, i: int) -> str:
        j = self._previous(table, i)
        return table.lower[j] if j is not None else ""

    def _modifiers_start(self, table: TokenTable, head_start: int, capitalized: bool, ent_at, floor: int = 0) -> int:
        """First token of the modifiers before a head: "Senior Protection", "Media and Communications"."""
        words, lower = table.words, table.lower
        start = head_start
        while True:
            j = self._previous(table, start)
            if j is None or j < floor or table.is_space[j]:
                return start
            if j in ent_at:
                # "Assistant U.K. Home Secretary": a country between modifiers is part of the title
                cand = ent_at[j]
                k = self._previous(table, cand.start) if capitalized and cand.label == "PLACE" \
                    and cand.attrs.get("kind") == "country" and cand.end == start else None
                if k is not None and k >= floor and k not in ent_at and self._is_modifier(table, k, capitalized) \
                        and table.lower[k] in self.modifiers:
                    start = k
                    continue
                return start
            if self._is_modifier(table, j, capitalized):
                start = j
                continue
            if table.words[j] == "-" and not table.space_after[j]:  # "Vice-Chancellor": a modifier joined by a hyphen
                k = self._previous(table, j)
                if k is not None and k >= floor and k not in ent_at and not table.space_after[k] \
                        and (self._is_modifier(table, k, capitalized) or table.lower[k] + "-" in self.modifiers):
                    start = k
                    continue
            compound = self._compound_start(table, j, ent_at) if capitalized else None
            if compound is not None:  # "Post-Crisis Specialist"
                start = compound
                continue
            if lower[j] in self.connectors:  # "Media and Communications": a modifier on both sides
                k = self._previous(table, j)
                if k is not None and k >= floor and k not in ent_at and (self._is_modifier(table, k, capitalized)
                                                          or (capitalized and self._compound_start(table, k, ent_at) is not None)):
                    start = k if self._is_modifier(table, k, capitalized) else self._compound_start(table, k, ent_at)
                    continue
            bridged = self._bridged_modifiers(table, j, ent_at, floor, capitalized)
            if bridged is not None:  # "Deputy Homeland Security Adviser", "deputy homeland security adviser"
                start = bridged
                continue
            return start

    def _coordinated_org_end(self, table: TokenTable, end: int, ent_at) -> int | None:
        """"to the United Nations and Other International Organizations": a second organization of the complement,
        capitalized words after "and" that name no one and hold no other title."""
        j = self._next(table, end)
        if j is None or table.lower[j] != "and":
            return None
        k = self._next(table, j + 1)
        if k is None or k in self._head_starts or self._another_person(table, k):
            return None
        step = self._run(table, k, ent_at)
        if step is None or any(i in self._head_starts for i in range(k, step[1])):
            return None
        return step[2] if step[2] is not None else step[1]  # a name may end the run: "... Communities Paul Dube"

    def _bridge_word(self, table: TokenTable, i: int, ent_at, capitalized: bool) -> bool:
        """A word of no known kind that may stand inside a title's modifiers, written as the title is."""
        word = table.words[i]
        if i in ent_at or not word.isalpha() or table.folded[i] in self.first_names:
            return False
        return word[:1].isupper() if capitalized else word.islower() and table.lower[i] in self.nouns

    def _head_within(self, table: TokenTable, i: int | None, head_starts, ent_at, capitalized: bool) -> bool:
        """A head starts at i, or after up to two words that would bridge to it (``_bridged_modifiers``)."""
        for _ in range(3):
            if i is None:
                return False
            if i in head_starts:
                return True
            if not self._bridge_word(table, i, ent_at, capitalized):
                return False
            i = self._next(table, i + 1)
        return False

    def _bridged_modifiers(self, table: TokenTable, j: int, ent_at, floor: int, capitalized: bool) -> int | None:
        """Up to two words of no known kind between a modifier and what it modifies are modifiers too:
        "Deputy [Homeland] Security Adviser", "Senior [Cybersecurity] Officer". Returns the modifier's token."""
        for _ in range(2):
            if j < floor or not self._bridge_word(table, j, ent_at, capitalized):
                return None
            k = self._previous(table, j)
            if k is None or k < floor:
                return None
            if k not in ent_at and self._is_modifier(table, k, capitalized) and table.lower[k] in self.modifiers:
                return k
            j = k
        return None

    def _is_modifier(self, table: TokenTable, j: int, capitalized: bool) -> bool:
        word = table.words[j]
        if word[:1].isupper() != capitalized:
            return False
        if capitalized and 2 <= len(word) <= 6 and word.isupper() and word.isalpha():
            return True  # a programme's acronym: "VHR Operations Assistant", "DTM Officer" (orgs are entities)
        # in a capitalized title, the words of complements modify too: "Emergency Operations Officer"
        return table.lower[j] in self.modifiers or (capitalized and word in self.complement_words)

    @staticmethod
    def _compound_start(table: TokenTable, j: int, ent_at) -> int | None:
        """First token of a capitalized hyphenated compound ending at j ("Post-Crisis"), else None."""
        words = table.words
        if j < 2 or words[j - 1] != "-" or not words[j][:1].isupper() or not words[j - 2][:1].isupper():
            return None
        if not (words[j].isalpha() and words[j - 2].isalpha()) or table.space_after[j - 2] or table.space_after[j - 1]:
            return None
        if any(i in ent_at for i in (j - 2, j)):
            return None
        return j - 2

    def _lowercase_start(self, table: TokenTable, start: int, ent_at) -> int | None:
        """Start of a lower-case title after an article: "a ministry spokesman", "the district commissioner",
        "a former U.S. deputy homeland security adviser" (a country or nationality between: the title's owner)."""
        words = table.words
        for _ in range(4):
            j = self._previous(table, start)
            if j is None:
                return None
            if table.lower[j] in DETERMINERS:
                return start
            if words[j] in POSSESSIVE:
                return start
            cand = ent_at.get(j)
            country = (cand.start if cand is not None and cand.label == "PLACE" and cand.attrs.get("kind") == "country"
                       else j if words[j] in self.demonyms else None)
            if country is not None:
                k = self._previous(table, country)
                while k is not None and words[k].islower() and (table.lower[k],) in self.time_words:
                    k = self._previous(table, k)
                return start if k is not None and table.lower[k] in DETERMINERS else None
            if not (words[j].isalpha() and words[j].islower()) or words[j] in STOP_WORDS:
                return None
            start = j
        return None

    def _owner(self, table: TokenTable, start: int, ent_at):
        """(org, country, first token) of what stands before a title and owns it, or (None, None, None)."""
        words, lower = table.words, table.lower
        j = self._previous(table, start)
        # "IOM's outgoing Director General": a lower-case modifier between the owner and a capitalized title
        while j is not None and words[start][:1].isupper() and lower[j] in self.modifiers and words[j].islower():
            j = self._previous(table, j)
        if j is None:
            return None, None, None
        if words[j] == ")" and j >= 2 and words[j - 2] == "(" and (j - 1) in ent_at:  # "IOM (IOM) Regional Director"
            cand = ent_at[j - 1]
            before = ent_at.get(j - 3)
            owner = before if before is not None and before.label == "ORG" else cand
            org, country = self._org_or_country(owner)
            return org, country, owner.start
        if lower[j] == "its" and words[start][:1].isupper():  # "Amy Pope, its Director General": the org before
            return self._described_org("its", j, ent_at), None, j
        if words[j] in POSSESSIVE:
            owner = self._previous(table, j)
            if owner is None:
                return None, None, None
            cand = ent_at.get(owner)
            if cand is not None:
                org, country = self._org_or_country(cand)
                return org, country, cand.start
            for length in (3, 2, 1):  # "the Organization's", "its"
                first = owner - length + 1
                if first >= 0 and tuple(lower[first:owner + 1]) in self.org_pronouns:
                    return self._described_org(lower[owner], first, ent_at), None, first
            return None, None, None
        cand = ent_at.get(j)
        if cand is not None and cand.label == "ORG":
            return cand.attrs.get("canonical"), None, cand.start
        if cand is not None and cand.label == "PLACE" and cand.attrs.get("kind") == "country":
            return None, cand.attrs.get("country"), cand.start  # "Slovak Republic Ambassador"
        if words[j] in self.demonyms:
            return None, self.demonyms[words[j]], j  # "Kenyan Cabinet Secretary"
        return None, None, None

    @staticmethod
    def _described_org(head: str, before: int, ent_at) -> str:
        """"the agency's" after "the Somali Disaster Management Agency": the nearest organization
        before whose name has the pronoun's noun; "" (the release's own) when none has."""
        if head in ("it", "its"):
            return ""
        for i in range(before - 1, max(-1, before - 150), -1):
            cand = ent_at.get(i)
            if cand is not None and cand.label == "ORG" and cand.start == i:
                canonical = cand.attrs.get("canonical") or ""
                if head in canonical.lower().split():
                    return canonical
        return ""

    @staticmethod
    def _org_or_country(cand):
        if cand.label == "ORG":
            return cand.attrs.get("canonical"), None
        if cand.label == "PLACE" and cand.attrs.get("kind") == "country":
            return None, cand.attrs.get("country")
        return None, None

    @staticmethod
    def _text(table: TokenTable, start: int, end: int, skipped) -> str:
        parts = []
        for i in range(start, end):
            if any(a <= i < b for a, b in skipped):
                continue
            parts.append(table.words[i] + (" " if table.space_after[i] else ""))
        return " ".join("".join(parts).split())
