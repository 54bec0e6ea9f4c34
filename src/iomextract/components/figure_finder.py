"""FIGURE candidates: counts, money and percentages with qualifier and unit.

"over 300 staff" -> 300 / over / "staff"; "USD 35 million" -> 35000000 / USD;
"about 46%" -> 46 / about / "%". Years, ordinals, durations, ages, phone
numbers and numbers inside names are left alone.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, is_capitalized, word_positions
from ..patterns import load

NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
YEAR_LIKE = re.compile(r"^(1[89]\d\d|20\d\d|2100)$")


@Language.factory("figure_finder")
def make_figure_finder(nlp: Language, name: str):
    return FigureFinder()


class FigureFinder:
    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.rules = load("figures.json", patterns_dir)
        self.qualifiers = {tuple(k.split()): v for k, v in self.rules.qualifiers.items()}
        self.longest_qualifier = max(len(k) for k in self.qualifiers)
        self.number_words = {tuple(k.split()): v for k, v in self.rules.number_words.items()}
        self.number_starts = {k[0] for k in self.number_words}
        self.not_count = set(self.rules.not_count_units)
        self.stop_words = set(self.rules.unit_stop_words)
        self.plurals = set(self.rules.plural_nouns)
        dates = load("dates.json", patterns_dir)
        self.months = set(dates.months)
        self.year_prepositions = set(dates.year_prepositions)

    def __call__(self, doc: Doc) -> Doc:
        positions = word_positions(doc)
        words = [doc[i] for i in positions]
        k = 0
        while k < len(words):
            found = self._figure(words, k)
            if found:
                start, end, attrs = found
                doc._.candidates.append(Candidate("FIGURE", words[start].i, words[end - 1].i + 1, "figure", attrs))
                k = end
            else:
                k += 1
        return doc

    def _number(self, words, k):
        """(value, number of words) of a number written at k, or None."""
        text = words[k].text
        if text[:1].isdigit():
            return (float(text.replace(",", "")), 1) if NUMBER.match(text) else None
        if words[k].lower_ not in self.number_starts:
            return None
        for length in (3, 2, 1):
            key = tuple(w.lower_ for w in words[k:k + length])
            if len(key) == length and key in self.number_words:
                return self.rules.number_words[" ".join(key)], length
        return None

    def _figure(self, words, k):
        number = self._number(words, k)
        if number is None:
            return None
        value, length = number
        end = k + length
        text = words[k].text
        before = words[k - 1] if k else None
        after_text = words[end].lower_ if end < len(words) else ""
        if self._excluded(words, k, end, text, before, after_text):
            return None
        scale = self.rules.scale_words.get(after_text)
        if scale and (length > 1 or NUMBER.match(text)):
            value *= scale
            end += 1
        unit = None
        start = k
        currency = self.rules.currencies.get(before.text) if before is not None else None
        if currency:
            unit, start = currency, k - 1
        if end < len(words) and words[end].text in self.rules.percent_words:
            unit, end = "%", end + 1
        elif end + 1 < len(words) and f"{words[end].lower_} {words[end + 1].lower_}" in self.rules.percent_words:
            unit, end = "%", end + 2
        elif end < len(words) and words[end].text in self.rules.currencies and unit is None:
            unit, end = self.rules.currencies[words[end].text], end + 1
        qualifier = "exact"
        for q_length in range(self.longest_qualifier, 0, -1):
            key = tuple(w.lower_ for w in words[max(0, start - q_length):start])
            if len(key) == q_length and key in self.qualifiers:
                qualifier = self.qualifiers[key]
                start -= q_length
                break
        if unit is None:
            unit = self._unit(words, end) or self._unit_before(words, start)
        if unit is None and start > 0 and words[start - 1].lower_ in self.rules.age_words and value < 120:
            return None  # an age: "children under 18", "aged 25"
        if YEAR_LIKE.match(text) and (unit is None or unit == "%") and length == 1:
            return None  # a bare year-like number is the date finder's
        if length == 1 and not NUMBER.match(text) and unit is None:
            return None  # "four" with nothing counted is rarely a figure
        return start, end, {"value": value, "qualifier": qualifier, "unit": unit}

    def _excluded(self, words, k, end, text, before, after_text) -> bool:
        if after_text in self.not_count or (end < len(words) and words[end].text in self.months):
            return True
        if after_text == "-" and end + 1 < len(words) and words[end + 1].lower_ in self.not_count:
            return True  # "65-year-old", "three-day"
        if before is not None:
            if before.text in self.months or before.text in ("-", "+", "/", "#", "No.", "no.") and not before.whitespace_:
                return True
            if before.text in ("-",) and k >= 2 and NUMBER.match(words[k - 2].text):
                return True  # phone numbers and ranges written with hyphens
            if is_capitalized(before) and not before.is_sent_start and before.lower_ not in self.rules.qualifiers \
                    and before.text not in self.rules.currencies and not words[k].is_sent_start:
                return True  # "SDG 10", "Article 13", "TICAD 7"
            if before.lower_ == "in" and k >= 2 and (self._number(words, k - 2) or words[k - 2].lower_ == "one"):
                return True  # "one in seven"
        if NUMBER.match(text) and ((k + 1 < len(words) and NUMBER.match(words[k + 1].text))
                                   or (before is not None and NUMBER.match(before.text.lstrip("+")))):
            return True  # digit groups of a phone number
        if after_text in ("st", "nd", "rd", "th") or after_text == "century":
            return True
        return False

    def _unit(self, words, k):
        """The counted noun phrase after the number: up to the first plural noun."""
        unit_words = []
        for word in words[k:k + self.rules.max_unit_words]:
            lower = word.lower_
            if word.is_punct or word.like_num or lower in self.stop_words or word.is_space or word.is_sent_start:
                break
            unit_words.append(word)
            if lower in self.plurals or _looks_plural(word.text):
                return " ".join(w.text for w in unit_words)
        return None


    def _unit_before(self, words, start):
        """"the number of member states to 165": the counted noun named before the number."""
        window = [w.lower_ for w in words[max(0, start - 8):start]]
        if "number" not in window or window[-1] not in ("to", "at", "is", "was", "of", "reached", "stands"):
            return None
        after_number = window[len(window) - window[::-1].index("number"):]
        if after_number[:1] != ["of"]:
            return None
        unit_words = []
        for word in words[start - len(after_number) + 1:start - 1]:
            if word.lower_ in self.stop_words or word.is_punct:
                break
            unit_words.append(word.text)
        return " ".join(unit_words) or None


def _looks_plural(text: str) -> bool:
    lower = text.lower()
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ous"))
