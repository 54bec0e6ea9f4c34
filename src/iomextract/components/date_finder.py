"""DATE candidates with TIMEX3 values.

Finds full dates in both orders, months, years in date context, decades,
centuries, IOM's "Tuesday (26/11)" and relative days. Relative expressions and
dates without a year are resolved against the publication date when the
document has one (``doc._.published``), else their value is null. A year that
is part of a name ("2030 Agenda", "Report 2022") is no date.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import EntityRules
from ..patterns import load
from ..token_table import token_table

DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
DAY_RANGE = re.compile(r"^(\d{1,2})[/\-–](\d{1,2})$")
YEAR = re.compile(r"^\d{4}$")
DECADE = re.compile(r"^(\d{3})0s$")
ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})$")


RULES = {"weekday": "date.weekday", "day_month": "date.day_month", "month_day": "date.month_day",
         "decade": "date.decade", "century": "date.century", "relative": "date.relative", "year": "date.year"}


@Language.factory("date_finder")
def make_date_finder(nlp: Language, name: str):
    return DateFinder()


class DateFinder:
    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.entity_rules = EntityRules(patterns_dir)
        self.entity_rules.require(*RULES.values())
        self.rules = load("dates.json", patterns_dir)
        self.low, self.high = self.rules.year_range
        self.year_prepositions = set(self.rules.year_prepositions)
        self.name_words = set(self.rules.name_words_before_year)
        self.starters = ({*self.rules.months, *self.rules.weekdays} | set(self.rules.decade_modifiers)
                         | {k.split()[0] for k in self.rules.relative_periods} | set(self.rules.relative_days))

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        words = token_table(doc).view
        texts = words.text
        starters = self.starters
        k = 0
        while k < len(texts):
            text = texts[k]
            if not (text[:1].isdigit() or text in starters or text.lower() in starters):
                k += 1
                continue
            found = self._match(words, k, published)
            if found:
                length, value, kind = found
                doc._.candidates.append(self.entity_rules.candidate(RULES[kind], words.index[k], words.index[k + length - 1] + 1,
                                                                    {"value": value}))
                k += length
            else:
                k += 1
        return doc

    # each matcher returns (number of words, TIMEX3 value) or None
    def _match(self, words, k, published):
        """(number of words, TIMEX3 value, kind of rule) of the date starting at word k, or None."""
        for kind, matcher in (("weekday", lambda: self._weekday(words, k, published)),
                              ("day_month", lambda: self._day_first(words, k, published)),
                              ("month_day", lambda: self._month_first(words, k, published)),
                              ("decade", lambda: self._decade(words, k)),
                              ("century", lambda: self._century(words, k)),
                              ("relative", lambda: self._relative(words, k, published)),
                              ("year", lambda: self._year(words, k))):
            found = matcher()
            if found:
                return found[0], found[1], kind
        return None

    def _text(self, words, k):
        return words.text[k] if 0 <= k < len(words) else ""

    def _month(self, words, k):
        return self.rules.months.get(self._text(words, k))

    def _year_at(self, words, k):
        text = self._text(words, k)
        return int(text) if YEAR.match(text) and self.low <= int(text) <= self.high else None

    def _weekday(self, words, k, published):
        weekday = self.rules.weekdays.get(self._text(words, k))
        if weekday is None:
            return None
        explicit = self._day_first(words, k + 1, published) or self._month_first(words, k + 1, published)
        if explicit:
            return 1 + explicit[0], explicit[1]
        if self._text(words, k + 1) == "," and (explicit := self._day_first(words, k + 2, published)
                                                or self._month_first(words, k + 2, published)):
            return 2 + explicit[0], explicit[1]
        if self._text(words, k + 1) == "(" and self._text(words, k + 3) == ")":
            match = DAY_MONTH.match(self._text(words, k + 2))
            if match:
                day, month = int(match.group(1)), int(match.group(2))
                value = _iso(published.year, month, day) if published and month <= 12 else None
                return 4, value
        value = None
        if published:
            back = (published.weekday() - weekday) % 7
            value = (published - timedelta(days=back)).isoformat()
        return 1, value

    def _day_first(self, words, k, published):
        text = self._text(words, k)
        match = DAY.match(text) or DAY_RANGE.match(text)
        if not match or not 1 <= int(match.group(1)) <= 31:
            return None
        shift = 1 if self._text(words, k + 1) == "of" else 0  # "the 25th of June"
        month = self._month(words, k + 1 + shift)
        if month is None:
            return None
        day = int(match.group(1))
        after = k + 2 + shift
        year = self._year_at(words, after)
        if year is None and self._text(words, after) == "," and self._year_at(words, after + 1):
            return after + 2 - k, _iso(self._year_at(words, after + 1), month, day)
        if year:
            return after + 1 - k, _iso(year, month, day)
        return after - k, (_iso(published.year, month, day) if published else None)

    def _month_first(self, words, k, published):
        month = self._month(words, k)
        if month is None:
            return None
        text = self._text(words, k + 1)
        match = DAY.match(text) or DAY_RANGE.match(text)
        if match and not YEAR.match(text) and 1 <= int(match.group(1)) <= 31:
            day = int(match.group(1))
            offset = 2
            if self._text(words, k + 2) == ",":
                offset = 3
            year = self._year_at(words, k + offset)
            if year:
                return offset + 1, _iso(year, month, day)
            return 2, (_iso(published.year, month, day) if published else None)
        year = self._year_at(words, k + 1)
        if year:
            return 2, f"{year:04d}-{month:02d}"
        before = words.lower[k - 1] if k else ""
        if before in self.rules.month_context_words:
            if words.text[k] == "May" and before not in self.rules.may_context_words:
                return None  # "May" is a verb more often than a month
            return 1, (f"{published.year:04d}-{month:02d}" if published else None)
        return None

    def _decade(self, words, k):
        start = k
        if self._text(words, k).lower() in self.rules.decade_modifiers:
            k += 1 if self._text(words, k + 1) != "-" else 2
        match = DECADE.match(self._text(words, k))
        if not match:
            return None
        return k - start + 1, match.group(1)

    def _century(self, words, k):
        match = ORDINAL.match(self._text(words, k))
        if match and self._text(words, k + 1).lower() == "century":
            return 2, f"{int(match.group(1)) - 1:02d}"
        return None

    def _relative(self, words, k, published):
        text = self._text(words, k).lower()
        pair = f"{text} {self._text(words, k + 1).lower()}"
        if pair in self.rules.relative_periods:
            unit, offset = self.rules.relative_periods[pair]
            return 2, (_period(published, unit, offset) if published else None)
        if text in self.rules.relative_days:
            value = (published + timedelta(days=self.rules.relative_days[text])).isoformat() if published else None
            return 1, value
        return None

    def _year(self, words, k):
        year = self._year_at(words, k)
        if year is None:
            return None
        texts, lower, glued, sentence_start = words.text, words.lower, words.glued, words.sentence_start
        has_before, has_after = k > 0, k + 1 < len(texts)
        before = texts[k - 1] if has_before else ""
        after = texts[k + 1] if has_after else ""
        if before == "-" and glued[k - 1]:
            return None  # "COVID-2019"-style codes
        if after == "-" and glued[k]:
            return None  # "2023-kenya.pdf", compound names
        if has_before and not sentence_start[k - 1] and before[:1].isupper() \
                and lower[k - 1] not in self.year_prepositions and self.rules.months.get(before) is None:
            return None  # "Report 2022", "SDG 2030"
        if before in self.name_words:
            return None
        if has_after and after[:1].isupper() and not sentence_start[k + 1] \
                and (not has_before or lower[k - 1] not in self.year_prepositions):
            return None  # "2030 Agenda", "its 2018 Migration Profile"
        return 1, str(year)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _period(published: date, unit: str, offset: int) -> str:
    if unit == "year":
        return str(published.year + offset)
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + offset
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    year, week, _ = (published + timedelta(weeks=offset)).isocalendar()
    return f"{year:04d}-W{week:02d}"
