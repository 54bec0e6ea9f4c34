"""FIGURE candidates: counts, money and percentages with qualifier and unit.

"over 300 staff" -> 300 / over / "staff"; "USD 35 million" -> 35000000 / USD;
"about 46%" -> 46 / about / "%". Years, ordinals, durations, ages, phone
numbers and numbers inside names are left alone.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..compiled import CompiledTables
from ..candidates import EntityRules, candidates_of
from ..patterns import load
from ..token_table import WordView, token_table

NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
YEAR_LIKE = re.compile(r"^(1[89]\d\d|20\d\d|2100)$")


@Language.factory("figure_finder")
def make_figure_finder(nlp: Language, name: str):
    return FigureFinder()


class FigureFinder(CompiledTables):
    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.entity_rules = EntityRules(patterns_dir)
        self.entity_rules.require("figure.number", "figure.money", "figure.percent")
        self.rules = load("figures.json", patterns_dir)
        self.qualifiers = {tuple(k.split()): v for k, v in self.rules.qualifiers.items()}
        self.longest_qualifier = max(len(k) for k in self.qualifiers)
        self.number_words = {tuple(k.split()): v for k, v in self.rules.number_words.items()}
        self.number_starts = {k[0] for k in self.number_words}
        self.not_count = set(self.rules.not_count_units)
        self.stop_words = set(self.rules.unit_stop_words)
        self.plurals = set(self.rules.plural_nouns)
        self.currency_codes = set(self.rules.currencies.values())
        dates = load("dates.json", patterns_dir)
        self.months = set(dates.months)
        self.year_prepositions = set(dates.year_prepositions)

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)
        words = table.view
        number_starts = self.number_starts
        free = 0
        for k in [k for k, word in enumerate(table.position_keys(True)) if word[0].isdigit() or word in number_starts]:
            if k < free:
                continue
            found = self._figure(words, k)
            if found:
                start, end, attrs = found
                rule = "figure.percent" if attrs["unit"] == "%" else \
                    "figure.money" if attrs["unit"] in self.currency_codes else "figure.number"
                candidates_of(doc).append(self.entity_rules.candidate(rule, words.index[start], words.index[end - 1] + 1, attrs))
                free = end
        return doc

    def _number(self, words: WordView, k):
        """(value, number of words) of a number written at k, or None."""
        text = words.text[k]
        if text[:1].isdigit():
            return (float(text.replace(",", "")), 1) if NUMBER.match(text) else None
        if words.lower[k] not in self.number_starts:
            return None
        for length in (3, 2, 1):
            key = tuple(words.lower[k:k + length])
            if len(key) == length and key in self.number_words:
                return self.rules.number_words[" ".join(key)], length
        return None

    def _figure(self, words: WordView, k):
        number = self._number(words, k)
        if number is None:
            return None
        texts, lower = words.text, words.lower
        count = len(texts)
        value, length = number
        end = k + length
        text = texts[k]
        before = texts[k - 1] if k else None
        after_text = lower[end] if end < count else ""
        if self._excluded(words, k, end, text, before, after_text):
            return None
        scale = self.rules.scale_words.get(after_text)
        if scale and (length > 1 or NUMBER.match(text)):
            value *= scale
            end += 1
        unit = None
        start = k
        currency = self.rules.currencies.get(before) if before is not None else None
        if currency:
            unit, start = currency, k - 1
        if end < count and texts[end] in self.rules.percent_words:
            unit, end = "%", end + 1
        elif end + 1 < count and f"{lower[end]} {lower[end + 1]}" in self.rules.percent_words:
            unit, end = "%", end + 2
        elif end < count and texts[end] in self.rules.currencies and unit is None:
            unit, end = self.rules.currencies[texts[end]], end + 1
        qualifier = "exact"
        for q_length in range(self.longest_qualifier, 0, -1):
            key = tuple(lower[max(0, start - q_length):start])
            if len(key) == q_length and key in self.qualifiers:
                qualifier = self.qualifiers[key]
                start -= q_length
                break
        if unit is None:
            unit = self._unit(words, end) or self._unit_before(words, start)
        if unit is None and start > 0 and lower[start - 1] in self.rules.age_words and value < 120:
            return None  # an age: "children under 18", "aged 25"
        if YEAR_LIKE.match(text) and (unit is None or unit == "%") and length == 1:
            return None  # a bare year-like number is the date finder's
        if length == 1 and not NUMBER.match(text) and unit is None:
            return None  # "four" with nothing counted is rarely a figure
        return start, end, {"value": value, "qualifier": qualifier, "unit": unit}

    def _excluded(self, words: WordView, k, end, text, before, after_text) -> bool:
        texts, lower, glued, sentence_start = words.text, words.lower, words.glued, words.sentence_start
        count = len(texts)
        if after_text in self.not_count or (end < count and texts[end] in self.months):
            return True
        if after_text == "-" and end + 1 < count and lower[end + 1] in self.not_count:
            return True  # "65-year-old", "three-day"
        if before is not None:
            if before in self.months or before in ("-", "+", "/", "#", "No.", "no.") and glued[k - 1]:
                return True
            if before == "-" and k >= 2 and NUMBER.match(texts[k - 2]):
                return True  # phone numbers and ranges written with hyphens
            if before[:1].isupper() and not sentence_start[k - 1] and lower[k - 1] not in self.rules.qualifiers \
                    and before not in self.rules.currencies and not sentence_start[k]:
                return True  # "SDG 10", "Article 13", "TICAD 7"
            if lower[k - 1] == "in" and k >= 2 and (self._number(words, k - 2) or lower[k - 2] == "one"):
                return True  # "one in seven"
        if NUMBER.match(text) and ((k + 1 < count and NUMBER.match(texts[k + 1]))
                                   or (before is not None and NUMBER.match(before.lstrip("+")))):
            return True  # digit groups of a phone number
        if after_text in ("st", "nd", "rd", "th") or after_text == "century":
            return True
        if after_text == "." and glued[k] and k + 2 < count and texts[k + 2][:1].isupper() and text.isdigit() \
                and int(text) < 100 and (k == 0 or not glued[k - 1] and texts[k - 1][:1].isupper()
                                         or texts[k - 1].isspace()):
            return True  # menu and list numbering: "1. Home 2. Region 3. Country"
        return False

    def _unit(self, words: WordView, k):
        """The counted noun phrase after the number: up to the first plural noun."""
        unit_words = []
        texts, lower = words.text, words.lower
        for j in range(k, min(len(texts), k + self.rules.max_unit_words)):
            word = texts[j]
            if lower[j] in ("and", "or") and unit_words and j + 1 < len(texts) and texts[j + 1].isalpha() \
                    and texts[j + 1].islower() and lower[j + 1] not in self.stop_words:
                unit_words.append(word)  # "national and international staff"
                continue
            if is_punct(word) or like_num(lower[j]) or lower[j] in self.number_starts or lower[j] in self.stop_words or word.isspace() or words.sentence_start[j]:
                break
            unit_words.append(word)
            if lower[j] in self.plurals or _looks_plural(word):
                return " ".join(unit_words)
        return None

    def _unit_before(self, words: WordView, start):
        """"the number of member states to 165": the counted noun named before the number."""
        window = words.lower[max(0, start - 8):start]
        if "number" not in window or window[-1] not in ("to", "at", "is", "was", "of", "reached", "stands"):
            return None
        after_number = window[len(window) - window[::-1].index("number"):]
        if after_number[:1] != ["of"]:
            return None
        unit_words = []
        for j in range(start - len(after_number) + 1, start - 1):
            if words.lower[j] in self.stop_words or is_punct(words.text[j]):
                break
            unit_words.append(words.text[j])
        # "the number of IOM member states rose to 169": the noun phrase ends at its last plural noun
        last_plural = max((k for k, w in enumerate(unit_words) if w.lower() in self.plurals or _looks_plural(w)), default=None)
        if last_plural is not None:
            unit_words = unit_words[:last_plural + 1]
        return " ".join(unit_words) or None


def _looks_plural(text: str) -> bool:
    lower = text.lower()
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ous"))


def is_punct(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


NUMBER_WORD_RE = re.compile(r"^[\d,.]+$")


def like_num(lower: str) -> bool:
    return bool(NUMBER_WORD_RE.match(lower)) and any(ch.isdigit() for ch in lower)
