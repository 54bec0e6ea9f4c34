"""DATE candidates with TIMEX3 values.

Finds full dates in both orders, months, years in date context, decades,
centuries, IOM's "Tuesday (26/11)" and relative days. Relative expressions and
dates without a year are resolved against the publication date when the
document has one (``published_of(doc)``), else their value is null. A year that
is part of a name ("2030 Agenda", "Report 2022") is no date.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from ..compiled import CompiledTables
from ..candidates import EntityRules, candidates_of, published_of
from ..dateparse import parse_calendar_date
from ..patterns import PatternError, load
from ..token_table import token_table
from .release_header import header_facts

MONTH_ABBREVIATIONS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# every date in digits has a separator between digits ("2018-11", "24.11") or a hyphen by a month ("Nov-24"):
# found first with a cheap search, the full pattern is then tried only where a date can start
# (Python's re scans fast for a pattern that opens with one character class: the separator comes first)
SEPARATED = re.compile(r"[./-](?<=\d[./-]|[a-z.]-)\d")
# "mid-2021": the year after a hyphen first, then the word before it
HYPHEN_YEAR = re.compile(r"-\d{4}(?![\w-])")
LETTERS_BEFORE = re.compile(r"[^\W\d_]+\Z")
NUMERIC_DATE = re.compile(r"(?<![\w/.+-])(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4}|"
                          rf"{MONTH_ABBREVIATIONS}-\d{{1,2}}-\d{{4}}|\d{{1,2}}-{MONTH_ABBREVIATIONS}-\d{{4}})(?![\w/-])")

DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
DAY_RANGE = re.compile(r"^(\d{1,2})[/\-–](\d{1,2})$")
YEAR = re.compile(r"^\d{4}$")
DECADE = re.compile(r"^(\d{3})0s$")
ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})$")


RULES = {"header": "date.header", "numeric": "date.numeric", "weekday": "date.weekday", "day_month": "date.day_month", "month_day": "date.month_day",
         "decade": "date.decade", "century": "date.century", "relative": "date.relative", "year": "date.year"}


@Language.factory("date_finder")
def make_date_finder(nlp: Language, name: str):
    return DateFinder()


class DateFinder(CompiledTables):
    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.entity_rules = EntityRules(patterns_dir)
        self.entity_rules.require(*RULES.values())
        self.rules = load("dates.json", patterns_dir)
        self.low, self.high = self.rules.year_range
        self.list_joiners = set(self.rules.list_joiners)
        if not all(m.rstrip("-").isalpha() for m in self.rules.decade_modifiers):
            raise PatternError("dates.json: a decade modifier is one word of letters, with or without a hyphen")
        modifiers = "|".join(re.escape(m.rstrip("-")) for m in self.rules.decade_modifiers)
        self.part_of_year = re.compile(rf"(?<![\w-])(?:{modifiers})-(\d{{4}})(?![\w-])", re.IGNORECASE)
        self.year_prepositions = set(self.rules.year_prepositions)
        self.name_words = set(self.rules.name_words_before_year)
        self.relative = {tuple(k.split()): ("day", v) for k, v in self.rules.relative_days.items()}
        self.relative.update({tuple(k.split()): tuple(v) for k, v in self.rules.relative_periods.items()})
        self.starters = ({*self.rules.months, *self.rules.weekdays} | set(self.rules.decade_modifiers)
                         | {k[0] for k in self.relative} | {"next", "last", "this"})
        self.starters_lower = {word.lower() for word in self.starters}
        self.future_words = set(self.rules.weekday_future_words)
        self.future_words_after = {w.split()[0] for w in self.rules.weekday_future_words_after}
        self.past_words = set(self.rules.weekday_past_words)

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)
        facts = header_facts(doc)
        # relative days and dates without a year count from the story's own date, else the publication's
        published = facts.story or published_of(doc)
        found_spans = [(start, end, value, "header") for start, end, value in facts.dates]
        text = table.text
        tried = -1
        for hint in SEPARATED.finditer(text):
            word_start = max(text.rfind(" ", 0, hint.start()), text.rfind("\n", 0, hint.start())) + 1
            if word_start <= tried:
                continue
            match = NUMERIC_DATE.match(text, word_start)
            tried = word_start
            if match:
                value = parse_calendar_date(match.group(1), facts.day_first)
                if value:
                    found_spans.append((match.start(1), match.end(1), value.isoformat(), "numeric"))
        for hint in HYPHEN_YEAR.finditer(text):  # "mid-2021", "early-2019": one token, the year's value
            word = LETTERS_BEFORE.search(text, max(0, hint.start() - 20), hint.start())
            match = self.part_of_year.match(text, word.start()) if word else None
            if match and match.end() == hint.end() and self.low <= int(match.group(1)) <= self.high:
                found_spans.append((match.start(), match.end(), match.group(1), "year"))
        for start_char, end_char, value, kind in found_spans:
            span = table.token_span(start_char, end_char)
            if span:
                candidates_of(doc).append(self.entity_rules.candidate(RULES[kind], span[0], span[1], {"value": value}))
        words = table.view
        free = 0
        starters = self.starters_lower
        for k in [k for k, word in enumerate(table.position_keys(True)) if word[0].isdigit() or word in starters]:
            if k < free:
                continue
            found = self._match(words, k, published)
            if found:
                length, value, kind = found
                if kind == "month_day" and length == 1:
                    value = self._year_of_next_month(words, k) or value  # "November and December 2022"
                candidates_of(doc).append(self.entity_rules.candidate(RULES[kind], words.index[k], words.index[k + length - 1] + 1,
                                                                    {"value": value}))
                if kind == "day_month":
                    self._coordinated_days(doc, words, k, value)
                free = k + length
        return doc

    def _year_of_next_month(self, words, k: int) -> str | None:
        """"November and December 2022": a month alone joined to a month with a year is of that year."""
        month, j = self._month(words, k), k
        while month is not None and j < k + 12:  # "April, May and June 2020": along the list to its year
            if j + 1 >= len(words) or words.lower[j + 1] not in self.list_joiners or self._month(words, j + 2) is None:
                return None
            year = self._year_at(words, j + 3)
            if year is not None:
                return f"{year:04d}-{month:02d}"
            j += 2
        return None

    def _coordinated_days(self, doc, words, k: int, value: str | None) -> None:
        """"5 and 6 June", "3, 4 and 5 May 2022": the days before a day and month are dates of that month."""
        while k >= 2 and words.lower[k - 1] in self.list_joiners and DAY.match(words.text[k - 2]):
            day = int(DAY.match(words.text[k - 2]).group(1))
            if not 1 <= day <= 31:
                return
            day_value = f"{value[:-2]}{day:02d}" if value and re.fullmatch(r".+-\d{2}-\d{2}", value) else None
            candidates_of(doc).append(self.entity_rules.candidate(RULES["day_month"], words.index[k - 2],
                                                                  words.index[k - 2] + 1, {"value": day_value}))
            k -= 2

    # each matcher returns (number of words, TIMEX3 value) or None
    def _match(self, words, k, published):
        """(number of words, TIMEX3 value, kind of rule) of the date starting at word k, or None.

        Only the rules that can start with word k's kind of word are tried.
        """
        text, lower = words.text[k], words.lower[k]
        if text[:1].isdigit():
            tries = (("day_month", lambda: self._day_first(words, k, published)), ("decade", lambda: self._decade(words, k)),
                     ("century", lambda: self._century(words, k)), ("year", lambda: self._year(words, k)))
        elif self._month(words, k) is not None:
            tries = (("month_day", lambda: self._month_first(words, k, published)),)
        else:
            tries = (("weekday", lambda: self._weekday(words, k, published)), ("decade", lambda: self._decade(words, k)),
                     ("relative", lambda: self._relative(words, k, published)))
        for kind, matcher in tries:
            found = matcher()
            if found:
                return found[0], found[1], kind
        return None

    def _text(self, words, k):
        return words.text[k] if 0 <= k < len(words) else ""

    def _month(self, words, k):
        text = self._text(words, k)
        month = self.rules.months.get(text)
        if month is None and text.isupper() and len(text) > 2:
            month = self.rules.months.get(text.title())  # "JUNE 30 2016", "MARCH 3 2015"
        return month

    def _year_at(self, words, k):
        text = self._text(words, k)
        return int(text) if YEAR.match(text) and self.low <= int(text) <= self.high else None

    def _weekday(self, words, k, published):
        shift = 0
        if words.lower[k] in ("next", "last", "this") and self._text(words, k + 1) in self.rules.weekdays:
            shift = 1  # "next Monday", "last Friday"
        weekday = self.rules.weekdays.get(self._text(words, k + shift))
        if weekday is None:
            return None
        k += shift
        explicit = self._day_first(words, k + 1, published) or self._month_first(words, k + 1, published)
        if explicit:
            return 1 + shift + explicit[0], explicit[1]
        if self._text(words, k + 1) == "," and (explicit := self._day_first(words, k + 2, published)
                                                or self._month_first(words, k + 2, published)):
            return 2 + shift + explicit[0], explicit[1]
        if self._text(words, k + 1) == "(" and self._text(words, k + 3) == ")":
            match = DAY_MONTH.match(self._text(words, k + 2))
            if match:
                day, month = int(match.group(1)), int(match.group(2))
                value = _iso(published.year, month, day) if published and month <= 12 else None
                return 4 + shift, value
        value = None
        if published:
            context = set(words.lower[max(0, k - 6):k])
            after = set(words.lower[k + 1 + shift:k + 6 + shift])
            if shift and words.lower[k - 1] == "next" or (not shift and (context & self.future_words
                                                                          or after & self.future_words_after)):
                ahead = (weekday - published.weekday()) % 7 or (7 if shift else 0)
                value = _shifted(published, ahead)
            else:
                back = (published.weekday() - weekday) % 7
                if shift and words.lower[k - 1] == "last" and back == 0:
                    back = 7
                value = _shifted(published, -back)
        return 1 + shift, value

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
        listed = before in self.list_joiners and self._month(words, k - 2) is not None
        if before in self.rules.month_context_words or listed:  # "in June", "in April, May and June"
            if words.text[k] == "May" and before not in self.rules.may_context_words and not listed:
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
        for length in (3, 2, 1):
            key = tuple(words.lower[k:k + length])
            if len(key) == length and key in self.relative:
                unit, offset = self.relative[key]
                if published is None:
                    return length, None
                if unit == "day":
                    return length, _shifted(published, offset)
                return length, _period(published, unit, offset)
        return None

    def _year(self, words, k):
        year = self._year_at(words, k)
        if year is None:
            return None
        texts, lower, glued, sentence_start = words.text, words.lower, words.glued, words.sentence_start
        has_before, has_after = k > 0, k + 1 < len(texts)
        before = texts[k - 1] if has_before else ""
        after = texts[k + 1] if has_after else ""
        if before in ("-", "–") and glued[k - 1]:
            if not (k >= 2 and self._year_at(words, k - 2) and glued[k - 2]):
                return None  # "COVID-2019"-style codes; the second year of "2014-2017" is a date
        if after in ("-", "–") and glued[k]:
            following = self._text(words, k + 2)
            if self._year_at(words, k + 2):
                return 1, str(year)  # "2014-2017": two dates, one a year
            if re.fullmatch(r"\d{2}", following) and not (k + 2 < len(texts) - 1 and texts[k + 3] in ("-", "–")):
                return 3, str(year)  # "2017-18": one season, the first year
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


def _shifted(published: date, days: int) -> str | None:
    """The day ``days`` from ``published``; None past the calendar's ends (year 1 and 9999)."""
    try:
        return (published + timedelta(days=days)).isoformat()
    except OverflowError:
        return None


def _period(published: date, unit: str, offset: int) -> str | None:
    try:
        return _calendar_period(published, unit, offset)
    except OverflowError:  # "next week" of 31 December 9999
        return None


def _calendar_period(published: date, unit: str, offset: int) -> str | None:
    if not 1 <= published.year + offset <= 9999:
        return None
    if unit == "weekend":
        year, week, _ = (published + timedelta(weeks=offset)).isocalendar()
        return f"{year:04d}-W{week:02d}-WE"
    if unit == "year":
        return f"{published.year + offset:04d}"
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + offset
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    year, week, _ = (published + timedelta(weeks=offset)).isocalendar()
    return f"{year:04d}-W{week:02d}"
