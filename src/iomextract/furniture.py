"""Page furniture: paragraphs that every page of a site prints, told apart from what a release says.

iom.int prints "WHO WE ARE ... with 175 member states ..." above every
release, old ones included; that count is the site's, not the release's.
A paragraph is furniture when it starts with a known furniture line of
``patterns/boilerplate.json``, or when its content hash (whitespace
collapsed, quotes straightened) recurs in ``min_documents`` documents of one
site (the host of a document's URL, else its ``source``, else one site for
all). Fact sheets keep the hash of every paragraph, so the counts come from
fact sheets or the database, never from a second pass over the texts.
Entities and claims inside furniture are marked ``boilerplate``.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from functools import lru_cache
from urllib.parse import urlparse

from .models import DocumentInfo, FactSheet, Paragraph
from .patterns import load

QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def normalized(text: str) -> str:
    return " ".join(text.translate(QUOTES).split())


def paragraph_hash(text: str) -> str:
    return hashlib.sha1(normalized(text).encode("utf-8")).hexdigest()[:16]


class Furniture:
    """Known furniture lines and the thresholds of repeated paragraphs."""

    def __init__(self, patterns_dir: str | None = None):
        rules = load("boilerplate.json", patterns_dir)
        self.lines = {line.lower() for line in rules.lines}
        self.prefixes = tuple(prefix.lower() for prefix in rules.furniture_prefixes)
        self.min_documents = rules.min_documents
        self.min_characters = rules.min_characters

    def known(self, text: str) -> bool:
        lower = normalized(text).lower()
        return lower in self.lines or lower.startswith(self.prefixes)

    def paragraphs(self, text: str) -> list[Paragraph]:
        """Every non-empty line of a text, with its hash and whether it is known furniture."""
        out = []
        for match in re.finditer(r"[^\n]+", text):
            line = match.group()
            if not line.strip():
                continue
            start = match.start() + len(line) - len(line.lstrip())
            end = match.end() - (len(line) - len(line.rstrip()))
            out.append(Paragraph(start=start, end=end, hash=paragraph_hash(line),
                                 furniture="known" if self.known(line) else None))
        return out

    def countable(self, paragraph: Paragraph) -> bool:
        """Long enough that repeating it across pages says it is furniture."""
        return paragraph.end - paragraph.start >= self.min_characters


@lru_cache(maxsize=None)
def furniture_rules(patterns_dir: str | None = None) -> Furniture:
    return Furniture(patterns_dir)


def site_of(document: DocumentInfo) -> str:
    return site_from(document.url, document.source)


def site_from(url: str | None, source: str | None) -> str:
    """The site a document comes from: its URL's host without "www.", else its source."""
    if url:
        host = urlparse(url).netloc.lower()
        return host[4:] if host.startswith("www.") else host
    return (source or "").lower()


def paragraph_counts(sheets: list[FactSheet], furniture: Furniture) -> dict[tuple[str, str], set[str]]:
    """(site, hash) -> the documents (sha256) that print that paragraph."""
    counts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sheet in sheets:
        site = site_of(sheet.document)
        for paragraph in sheet.paragraphs:
            if furniture.countable(paragraph):
                counts[(site, paragraph.hash)].add(sheet.document.sha256)
    return counts


def repeated(counts: dict[tuple[str, str], set[str] | int], furniture: Furniture) -> set[tuple[str, str]]:
    """The (site, hash) keys of paragraphs printed by enough documents to be furniture."""
    return {key for key, documents in counts.items()
            if (documents if isinstance(documents, int) else len(documents)) >= furniture.min_documents}


def mark(sheet: FactSheet, furniture_keys: set[tuple[str, str]]) -> bool:
    """Set the furniture of a sheet's paragraphs and the boilerplate flags of what they hold; True when any changed.

    ``furniture_keys``: the (site, hash) keys of repeated paragraphs. An entity is inside furniture when
    its span is; a claim when the sentence stating it starts there.
    """
    site = site_of(sheet.document)
    changed = False
    spans = []
    for paragraph in sheet.paragraphs:
        if paragraph.furniture != "known":
            furniture = "repeated" if (site, paragraph.hash) in furniture_keys else None
            if paragraph.furniture != furniture:
                paragraph.furniture, changed = furniture, True
        if paragraph.furniture:
            spans.append((paragraph.start, paragraph.end))

    def inside(start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in spans)

    for entity in sheet.entities:
        flag = inside(entity.start, entity.end)
        if entity.boilerplate != flag:
            entity.boilerplate, changed = flag, True
    for claim in sheet.claims:
        flag = inside(claim.evidence.start, claim.evidence.start + 1)
        if claim.boilerplate != flag:
            claim.boilerplate, changed = flag, True
    return changed


def mark_all(sheets: list[FactSheet], furniture: Furniture,
             stored: dict[tuple[str, str], set[str]] | None = None) -> list[FactSheet]:
    """Mark the furniture of a set of sheets (counted with ``stored`` counts too); the sheets that changed."""
    counts = paragraph_counts(sheets, furniture)
    for key, documents in (stored or {}).items():
        counts.setdefault(key, set()).update(documents)
    keys = repeated(counts, furniture)
    return [sheet for sheet in sheets if mark(sheet, keys)]
