"""Title, publication date and dateline of a release, read from the top of its text.

Web pages start with navigation lines (``patterns/boilerplate.json``); the
title is the first real line after them. The publication date comes, in
this order, from what the caller set (``--meta``, HTML metadata), a label
line ("Posted on Tue. Nov-24-2015", "Date Publish: 2023-06-20"), a line that
is only a date, the dateline opening the body ("GENEVA, 30 November 2021 –"),
or a date in the title (``patterns/header.json``). The dateline's parts
(place, region, date, agency) are kept for the finders, so "BELEDWEYNE" is a
place and "(Horn Wire)" an organization even in capitals.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from ..compiled import CompiledTables
from ..candidates import published_of, set_published
from ..dateparse import date_in, date_in_slug, parse_calendar_date
from ..patterns import load
from ..token_table import token_table

# "December 4, 2018": the text writes months first. Found from the ", 2018" (a cheap search), then the month.
# (the pattern opens with a literal, which Python's re finds fast; the digit before it is a lookbehind)
DAY_COMMA_YEAR = re.compile(r", (?<=\d, )(?:1[89]|20)\d\d\b")
MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}$")
DIGIT = re.compile(r"\d")
# a bar or dot between spaces; the spaces as lookarounds, which keeps a long run of spaces linear
HEADER_PARTS = re.compile(r"(?<=\s)[|·•](?=\s)")
PLACE_PART = re.compile(r"^[A-Z][A-Za-z’'.\-]*(?:\s+[A-Za-z’'.\-]+){0,3}$")


def writes_month_first(text: str) -> bool:
    return any(MONTH_BEFORE.search(text[max(0, m.start() - 15):m.start()]) for m in DAY_COMMA_YEAR.finditer(text))


@dataclass
class Dateline:
    place: tuple[int, int]
    regions: list[tuple[int, int]] = field(default_factory=list)
    date: tuple[int, int] | None = None
    agency: tuple[int, int] | None = None


@dataclass
class HeaderFacts:
    title: str | None = None
    published: date | None = None
    published_from: str | None = None  # meta, html, label, date line, dateline, title
    dates: list[tuple[int, int, str]] = field(default_factory=list)  # header and dateline dates: char span, TIMEX3
    dateline: Dateline | None = None
    day_first: bool = True
    # the day the story itself is dated (its dateline, or a date line under a page's timestamp):
    # "today" and "on Tuesday" count from it, whatever day the page was posted
    story: date | None = None


def header_facts(doc: Doc) -> HeaderFacts:
    return doc.user_data.get("iom_header") or HeaderFacts()


@Language.factory("release_header")
def make_release_header(nlp: Language, name: str):
    return ReleaseHeader()


class ReleaseHeader(CompiledTables):
    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        rules = load("boilerplate.json", patterns_dir)
        self.boilerplate = {line.lower() for line in rules.lines}
        self.prefixes = tuple(p.lower() for p in rules.line_prefixes)
        self.header = load("header.json", patterns_dir)
        labels = sorted(self.header.date_labels, key=len, reverse=True)
        self.label_line = re.compile(r"^\s*(?:" + "|".join(re.escape(label) for label in labels) + r")\b\s*[:\-–|]?\s*", re.I)
        separators = "|".join(re.escape(s) for s in sorted(self.header.dateline_separators, key=len, reverse=True))
        openers = "|".join(re.escape(o) for o in sorted(self.header.byline_openers, key=len, reverse=True))
        self.byline = re.compile(rf"^(?i:{openers})\s+[A-Z]")  # the name after the opener is capitalized
        self.separator = re.compile(r"\s+(?:" + separators + r")\s+|\s*[–—―]\s*")

    def is_boilerplate(self, line: str) -> bool:
        lower = line.lower()
        return lower in self.boilerplate or lower.startswith(self.prefixes) or len(line) <= 1

    def __call__(self, doc: Doc) -> Doc:
        text = token_table(doc).text
        facts = HeaderFacts(day_first=not writes_month_first(text[:5000]))
        if published_of(doc) is not None:
            facts.published, facts.published_from = published_of(doc), doc.user_data.get("iom_published_from", "meta")
        lines = self._lines(text)
        title_at = self._title(lines, facts)
        labelled = None
        for number, (offset, line) in enumerate(lines):
            found = self._label_date(offset, line, facts.day_first)
            if found:
                self._publish(facts, found, "label")
                labelled = number
                break
        stamp = labelled  # the line of the page's timestamp, if one was found
        for number, (offset, line) in enumerate(lines):
            if number in (title_at, labelled) or (stamp is not None and number > stamp + STORY_DATE_LINES):
                continue
            found = self._date_line(offset, line, facts)
            if not found:
                continue
            if stamp is None:  # the first date line: the page's date
                self._publish(facts, found, "date line")
                stamp = number
            elif found[2] != facts.published:
                # a second date line right under the page's timestamp ("Date Publish: Friday, July 1,
                # 2016" then "JUNE 30 2016") is the story's own date
                facts.dates.append((found[0], found[1], found[2].isoformat()))
                facts.story = found[2]
                break
        facts.dateline = self._dateline(lines, title_at, text, facts)
        if facts.published is None and facts.title:
            found = date_in(facts.title, 0, facts.day_first)
            if found:
                facts.published, facts.published_from = found[2], "title"
        if facts.published is None:
            for slug, where in doc.user_data.get("iom_slugs", ()):
                found = date_in_slug(slug, facts.day_first)
                if found:
                    facts.published, facts.published_from = found, where
                    break
        if facts.story is None and facts.dateline is not None and facts.dateline.date is not None \
                and facts.published is not None:
            facts.story = self._yearless_dateline(text, facts)
        set_published(doc, facts.published)
        if doc.user_data.get("iom_title") is None:
            doc.user_data["iom_title"] = facts.title
        doc.user_data["iom_header"] = facts
        return doc

    def _lines(self, text: str) -> list[tuple[int, str]]:
        out, offset = [], 0
        for line in text.split("\n")[: self.header.header_lines]:
            if line.strip():
                out.append((offset, line))
            offset += len(line) + 1
        return out

    def _title(self, lines, facts: HeaderFacts) -> int | None:
        for number, (_, line) in enumerate(lines):
            line = line.strip()
            if self.is_boilerplate(line) or self.label_line.match(line) or self.byline.match(line) \
                    or parse_calendar_date(line, facts.day_first):
                continue
            if len(line) > 200 or (len(line) > 120 and line[-1] in ".!?\"”"):
                return None  # a paragraph: the body has started on a page without a title line
            if line[-1] not in ".:;,":
                facts.title = line
                return number
        return None

    @staticmethod
    def _publish(facts: HeaderFacts, found, how: str) -> None:
        start, end, value = found
        facts.dates.append((start, end, value.isoformat()))
        if facts.published is None:
            facts.published, facts.published_from = value, how

    def _date_line(self, offset: int, line: str, facts: HeaderFacts):
        """A header line that is a date, or holds one among parts set off by "|" or "·"
        ("News | 5 March 2024", "Mar 5, 2024 · 3 min read"), or ends a byline or a place
        ("By John Doe | March 5, 2024", "Written by Amina Yusuf on 5 March 2024", "Nairobi, 5 March 2024")."""
        if len(line.strip()) > 90:
            return None
        position = 0
        for part in HEADER_PARTS.split(line):
            begin = line.index(part, position)
            position = begin + len(part)
            stripped = part.strip()
            if not stripped or len(stripped) > 60:
                continue
            start = offset + begin + part.index(stripped)
            value = parse_calendar_date(stripped, facts.day_first)
            if value:
                return start, start + len(stripped), value
            lead = stripped.split(",")[0]
            if self.byline.match(stripped) \
                    or ("," in stripped and PLACE_PART.match(lead) and len(lead.split()) <= 3):
                found = self._full_date(stripped, start, facts)
                if found:
                    return found
        return None

    def _label_date(self, offset: int, line: str, day_first: bool):
        match = self.label_line.match(line)
        if not match or match.end() == 0:
            return None
        return date_in(line[match.end():], offset + match.end(), day_first, from_start=True)

    def _dateline(self, lines, title_at, text: str, facts: HeaderFacts) -> Dateline | None:
        """"GENEVA, 30 November 2021 – ...": the first body paragraphs that open with a dateline."""
        start = (title_at + 1) if title_at is not None else 0
        for offset, line in lines[start:start + self.header.dateline_paragraphs + 2]:
            found = self._parse_dateline(offset, line, facts)
            if found:
                return found
        return None

    def _parse_dateline(self, offset: int, line: str, facts: HeaderFacts) -> Dateline | None:
        match = self.separator.search(line[: self.header.max_dateline_chars])
        if match is None or len(line) - match.end() < 30:
            return None  # a dateline opens a paragraph of text
        prefix = line[:match.start()]
        agency = None
        # the agency in brackets ("(Horn Wire)") or between slashes, as press wires write it
        # ("NAIROBI, Kenya, May 2, 2016/PRNewswire/ --")
        bracket = re.search(r"\(([^()]{2,40})\)\s*$", prefix) or re.search(r"/([^/]{2,40})/\s*$", prefix)
        if bracket:
            agency = (offset + bracket.start(1), offset + bracket.end(1))
            prefix = prefix[:bracket.start()].rstrip()
        # a full date anywhere in the prefix ("NAIROBI, Kenya, March 3, 2024"): its commas are no part breaks
        date_span = self._full_date(prefix, offset, facts)
        if date_span is not None:
            prefix = prefix[:date_span[0] - offset].rstrip(" ,")
        parts, position = [], 0
        for piece in prefix.split(","):
            stripped = piece.strip()
            if stripped:
                begin = prefix.index(stripped, position)
                parts.append((begin, stripped))
                position = begin + len(stripped)
        if not parts or len(parts) > self.header.max_dateline_parts:
            return None
        begin, first = parts[0]
        if not PLACE_PART.match(first) or len(first.split()) > 4:
            return None
        dateline = Dateline((offset + begin, offset + begin + len(first)), agency=agency)
        for begin, part in parts[1:]:
            if re.fullmatch(r"(?:[A-Z][a-z]{2,}\.?|May)\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,}\.?", part):
                dateline.date = (offset + begin, offset + begin + len(part))  # "April 29": no year, no publication date
            elif PLACE_PART.match(part):
                dateline.regions.append((offset + begin, offset + begin + len(part)))
            else:
                return None
        if date_span is None:
            # "GENEVA – Friday 12 May 2023 – ...": the date stands between two separators
            rest = line[match.end():match.end() + 60]
            second = self.separator.search(rest)
            if second is not None:
                date_span = self._full_date(rest[:second.start()], offset + match.end(), facts)
        if date_span is not None:
            dateline.date = date_span[:2]
            self._publish(facts, date_span, "dateline")
            facts.story = date_span[2]
        return dateline

    @staticmethod
    def _yearless_dateline(text: str, facts: HeaderFacts) -> date | None:
        """"BELEDWEYNE, Somalia, April 29 –": the day of the dateline in the year of the publication date
        (the year before, when that day would come after it)."""
        start, end = facts.dateline.date
        day = parse_calendar_date(f"{text[start:end]} {facts.published.year}", facts.day_first)
        if day is not None and day > facts.published:
            day = parse_calendar_date(f"{text[start:end]} {facts.published.year - 1}", facts.day_first)
        return day

    @staticmethod
    def _full_date(fragment: str, offset: int, facts: HeaderFacts):
        """(start, end, date) of a full date that ends the fragment, else None."""
        stripped = fragment.rstrip(" ,")
        found = date_in(stripped, offset, facts.day_first)
        if found and found[1] == offset + len(stripped):
            return found
        return None


STORY_DATE_LINES = 2  # how far under the page's timestamp the story's own date line may stand
