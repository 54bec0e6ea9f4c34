"""Title and publication date of a release, read from the top of its text.

Web pages start with navigation lines (``patterns/boilerplate.json``); the
title is the first real line after them. A publication date is taken from a
line near the top that holds only a date ("13 September 2019",
"Published: Friday, 13 September 2019"). A date the caller already set on
``doc._.published`` is kept.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import dateparser
from spacy.language import Language
from spacy.tokens import Doc

from ..patterns import load

# "Geneva, 14 June 2023 – The Director General ...": a dateline opening the body
DATELINE = re.compile(r"^[A-Z][A-Za-z .'’-]{1,40},\s+(\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})\s*[–—-]")
DATE_LINE = re.compile(r"^(?:[A-Za-z ]+:\s*)?(?:[A-Z][a-z]+,?\s+)?(\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})$")


@lru_cache(maxsize=4096)
def parse_date(text: str) -> date | None:
    """dateparser, cached: the same date strings recur across a batch."""
    parsed = dateparser.parse(text, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


@Language.factory("release_header", default_config={"header_lines": 40})
def make_release_header(nlp: Language, name: str, header_lines: int):
    return ReleaseHeader(header_lines)


class ReleaseHeader:
    def __init__(self, header_lines: int):
        self.header_lines = header_lines

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        rules = load("boilerplate.json", patterns_dir)
        self.boilerplate = {line.lower() for line in rules.lines}
        self.prefixes = tuple(p.lower() for p in rules.line_prefixes)

    def is_boilerplate(self, line: str) -> bool:
        lower = line.lower()
        return lower in self.boilerplate or lower.startswith(self.prefixes) or len(line) <= 1

    def __call__(self, doc: Doc) -> Doc:
        lines = [line.strip() for line in doc.text.splitlines()[: self.header_lines]]
        lines = [line for line in lines if line]
        if doc._.published is None:
            for line in lines:
                match = DATE_LINE.match(line) or DATELINE.match(line)
                if match:
                    doc._.published = parse_date(match.group(1))
                    if doc._.published:
                        break
        if doc._.title is None:
            for line in lines:
                if self.is_boilerplate(line) or DATE_LINE.match(line):
                    continue
                if len(line) > 200:
                    break  # the body has started: a page without a title line
                if line[-1] not in ".:;,":
                    doc._.title = line
                    break
        return doc
