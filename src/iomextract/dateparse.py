"""Calendar dates written the ways web pages write them, to ``datetime.date``.

ISO ("2018-11-28"), numeric ("04.12.2018" is day first; "12/04/2018" is
month first unless a part is over 12 or the caller says the text writes
days first), and words ("Tue. Nov-24-2015", "Tuesday, 4 December 2018",
"Nov. 28, 2021"): the common forms by regular expression, the rest through
dateparser. A date must name day, month and year.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .patterns import load


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    """Month names and abbreviations of ``patterns/dates.json``, lower case, without the full stop."""
    return {name.lower().rstrip("."): number for name, number in load("dates.json").months.items()}


MONTH = r"([A-Za-z]{3,9})\.?"
DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# the common ways of writing a date in words, read without dateparser (which is slow on a new string)
DAY_MONTH_YEAR = re.compile(rf"{DAY}(?:\s+of)?[\s-]+{MONTH},?[\s-]+(\d{{4}})")
MONTH_DAY_YEAR = re.compile(rf"{MONTH}[\s-]+{DAY},?[\s-]+(\d{{4}})")
ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
NUMERIC = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})")
# what a full date needs to contain before dateparser is asked: digits, and a month name or a digit separator
DATE_SHAPE = re.compile(r"\d.*(?:[./-]\d|\d[./-]|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)|"
                        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b.*\d", re.I)
# a day and a year are two numbers: a text with fewer ("May 18", "Somalia, April") states no full date
DIGIT_GROUPS = re.compile(r"\d+")
WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def filler_words() -> frozenset[str]:
    return frozenset(word.lower() for word in load("dates.json").date_filler_words)


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Lower-case words a full date may hold: month names, weekdays and their abbreviations, fillers."""
    weekdays = {name.lower()[:cut] for name in load("dates.json").weekdays for cut in range(3, len(name) + 1)}
    return frozenset(months()) | weekdays | filler_words()


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_calendar_date(text: str, day_first: bool = True) -> date | None:
    """The date a short text states, or None when it states no full date."""
    text = text.strip().strip(".,;:|()[]").strip()
    if not text or len(text) > 40 or not DATE_SHAPE.search(text) or len(DIGIT_GROUPS.findall(text)) < 2:
        return None
    text = WEEKDAY.sub("", text)
    match = ISO.fullmatch(text)
    if match:
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = NUMERIC.fullmatch(text)
    if match:
        a, separator, b, year = int(match.group(1)), match.group(2), int(match.group(3)), int(match.group(4))
        if separator == "." or a > 12 or (day_first and b <= 12):
            return _make(year, b, a)
        return _make(year, a, b)
    match = DAY_MONTH_YEAR.fullmatch(text)
    if match and match.group(2).lower() in months():
        return _make(int(match.group(3)), months()[match.group(2).lower()], int(match.group(1)))
    match = MONTH_DAY_YEAR.fullmatch(text)
    if match and match.group(1).lower() in months():
        return _make(int(match.group(3)), months()[match.group(1).lower()], int(match.group(2)))
    # "2018-11-28 Baku" and "May 21, 2017 (no": dateparser reads no date in them either, slowly
    if any(word.lower() not in calendar_words() for word in LETTERS.findall(text)):
        return None
    return _words(text)


@lru_cache(maxsize=4096)
def _words(text: str) -> date | None:
    """dateparser, cached: the same date strings recur across a batch.

    Imported here: most dates are read by the expressions above, and dateparser's tables cost
    a third of a second to load, which a run of a few releases should not pay for nothing.
    """
    import dateparser
    parsed = dateparser.parse(text, languages=["en"],
                              settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"})
    return parsed.date() if parsed else None


# a date in a URL path or a file name: "/2019/05/14/", "2019-05-14", "-24-mar-2003", "_14_May_2019"
SLUG_NUMERIC = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)")
SLUG_WORDS = re.compile(r"(?<![a-z\d])(\d{1,2})[-_]([a-z]{3,9})[-_]((?:19|20)\d{2})(?!\d)|"
                        r"(?<![a-z])([a-z]{3,9})[-_](\d{1,2})[-_]((?:19|20)\d{2})(?!\d)", re.I)


def date_in_slug(slug: str, day_first: bool = True) -> date | None:
    """The full date a URL or a file name holds, with its year first or its month in letters."""
    if not slug:
        return None
    match = SLUG_NUMERIC.search(slug)
    if match:
        return parse_calendar_date("-".join(match.groups()), day_first)
    for match in SLUG_WORDS.finditer(slug):
        day, month, year = (match.group(1), match.group(2), match.group(3)) if match.group(1) else (
            match.group(5), match.group(4), match.group(6))
        found = parse_calendar_date(f"{day} {month} {year}", day_first)
        if found:
            return found
    return None


def date_in(fragment: str, offset: int, day_first: bool, from_start: bool = False):
    """(start, end, date) of the longest run of words in a short fragment that states a full date."""
    if not re.search(r"\d", fragment[:80]):
        return None  # a full date has a day or a year
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", fragment[:80])]
    starts = [0] if from_start else range(len(words))
    for first in starts:
        if not from_start and fragment[words[first][0]:words[first][1]].lower() in filler_words():
            continue  # "on May 14, 2019" is the date "May 14, 2019"
        for last in range(min(len(words), first + 6), first, -1):
            start, end = words[first][0], words[last - 1][1]
            piece = fragment[start:end]
            stripped = piece.rstrip(".,;:|)")
            value = parse_calendar_date(stripped, day_first)
            if value:
                return offset + start, offset + start + len(stripped), value
    return None
