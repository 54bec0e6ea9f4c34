"""Which office a claim of the release's organization belongs to: the organization, or one country's mission.

GUIDELINES: staff, offices and presence stated on a country office's page or
about one country's operation belong to that office. A page about "IOM Iraq",
a sentence that opens "In Chad, ...", one that says the organization works in
one country ("has operated in Afghanistan since 1992 and has 1,000 staff"),
and a mission's office in a city ("a field office in Mombasa": IOM Kenya) name
the mission; a head office is a mission's country office or the
organization's seat. ``ClaimBuilder`` mixes these in; it provides
``office_attributes``, ``mission_office_kinds``, ``operation_words`` and
``country_name_of`` from ``patterns/claim_context.json`` and the gazetteer.
"""
from __future__ import annotations

from .components.release_context import release_office
from .sentence_syntax import sole_country_after_in


class CountryOffices:
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
            ents = ents_by_sentence.get(number, [])
            office = (self._fronted_country(table, number, ents, acronym) or page_office
                      or self._operating_country(table, ents, acronym))
            if office is None and claim["attribute"] == "office" and claim["value"] in self.mission_office_kinds:
                office = self._city_mission(table, claim, ents, acronym)
            if office is not None:
                claim["subject"] = office

    def _operating_country(self, table, ents, acronym) -> str | None:
        """"IOM has operated in Afghanistan since 1992 and has 1,000 staff" -> "IOM Afghanistan": the one
        country of the sentence, after "in" and a word of working there."""
        place = sole_country_after_in(table, ents, self.operation_words)
        return f"{acronym} {table.span_text(place.start, place.end)}" if place else None

    def _city_mission(self, table, claim, ents, acronym) -> str | None:
        """"a field office in Mombasa" -> "IOM Kenya": the mission in the country of the office's city."""
        city = next((c for c in ents if c.label == "PLACE" and c.attrs.get("kind") == "city"
                     and table.span_text(c.start, c.end) == claim.get("object")), None)
        country = self.country_name_of.get(city.attrs.get("country")) if city is not None else None
        return f"{acronym} {country}" if country else None

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
