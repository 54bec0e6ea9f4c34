"""What a release is about, as a reader takes it from the page: its main organization and its office.

- The main organization: the well-known body its headline names; else the
  one it names most, a full name counting twice an acronym, so a biography
  of an IOM head that mentions the UN in passing stays IOM's. A description
  (``claim_context.json``: "the U.N. migration agency") names its
  organization as a full name does; the "U.N." inside it names nobody.
- The office: a country office the headline names ("IOM Iraq", "IOM Iraq
  Mission Profile", "IOM in Chad"). Its page states facts of that office: staff and
  offices of the release's organization are the office's
  (``claim_builder`` moves them), unless the sentence says it speaks of the
  whole organization ("worldwide", ``patterns/claim_context.json``).

Both go to ``doc.user_data`` ("iom_main_org", "iom_release_office"), read by
``title_finder``, ``claim_builder`` and ``person_linker``.
"""
from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import chosen_candidates
from ..compiled import CompiledTables
from ..patterns import load
from ..token_table import token_table

ORG_KNOWN_RULES = {"org.known", "org.acronym_defined", "org.acronym_initials"}
COUNTRY_OFFICE_RULES = {"org.office"}


@Language.factory("release_context")
def make_release_context(nlp: Language, name: str):
    return ReleaseContext()


def descriptions(patterns_dir: str | None = None) -> dict[tuple[str, ...], str]:
    """The lower-case words of each description ("the", "u.n.", "migration", "agency") -> its organization."""
    return {tuple(words.split()): org for words, org in load("claim_context.json", patterns_dir).descriptions.items()}


def main_organization(doc: Doc) -> str | None:
    """The organization the release is about (computed here when the component did not run)."""
    if "iom_main_org" not in doc.user_data:
        ReleaseContext()(doc)
    return doc.user_data["iom_main_org"]


def release_office(doc: Doc) -> str | None:
    """The country office whose page the release is, if it is one."""
    if "iom_release_office" not in doc.user_data:
        ReleaseContext()(doc)
    return doc.user_data["iom_release_office"]


class ReleaseContext(CompiledTables):
    def __init__(self):
        self.descriptions: dict[tuple[str, ...], str] | None = None
        self.openings: set[tuple[str, ...]] = set()  # "the migration", "the u.n.": where a description may start

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.descriptions = descriptions(patterns_dir)
        self.openings = {words[:2] for words in self.descriptions}

    def __call__(self, doc: Doc) -> Doc:
        if self.descriptions is None:  # made outside a pipeline (``main_organization``)
            self.initialize()
        table = token_table(doc)
        described = self._described(table)
        orgs = [c for c in chosen_candidates(doc) if c.label == "ORG" and c.start not in described]
        headline = self._headline_tokens(doc, table)
        in_headline = [c for c in orgs if headline and headline[0] <= c.start < headline[1]]
        known_in_headline = [c for c in in_headline if c.rule in ORG_KNOWN_RULES]
        offices = [c for c in in_headline if c.rule in COUNTRY_OFFICE_RULES]
        main = known_in_headline[0].attrs.get("canonical") if known_in_headline else None
        if main is None:
            counts = Counter({org: 2 * n for org, n in Counter(described.values()).items()})
            for c in orgs:
                if c.rule in ORG_KNOWN_RULES:
                    acronym = c.attrs.get("acronym")
                    written = table.span_text(c.start, c.end)
                    counts[c.attrs.get("canonical")] += 1 if acronym and written == acronym else 2
            main = counts.most_common(1)[0][0] if counts else None
        doc.user_data["iom_main_org"] = main
        office = offices[0].attrs.get("canonical") if offices else None
        if office is None and known_in_headline:  # a page about "IOM in Chad"
            office = self._org_in_country(doc, table, known_in_headline[0])
        doc.user_data["iom_release_office"] = office
        return doc

    def _described(self, table) -> dict[int, str]:
        """Token -> organization, for the tokens of each description in the text."""
        found, lower, longest = {}, table.lower, max(map(len, self.descriptions), default=0)
        for i in (i for i in range(len(lower) - 1) if (lower[i], lower[i + 1]) in self.openings):
            for size in range(min(longest, len(lower) - i), 1, -1):
                org = self.descriptions.get(tuple(lower[i:i + size]))
                if org is not None:
                    found.update(dict.fromkeys(range(i, i + size), org))
                    break
        return found

    @staticmethod
    def _org_in_country(doc: Doc, table, org) -> str | None:
        """"IOM in Chad" -> "IOM Chad": an organization, "in", a country, right after each other."""
        acronym = org.attrs.get("acronym")
        i = org.end
        while i < len(table.words) and table.is_space[i]:
            i += 1
        if not acronym or i >= len(table.words) or table.lower[i] != "in":
            return None
        place = next((c for c in chosen_candidates(doc) if c.start == i + 1 or (c.start == i + 2 and table.is_space[i + 1])),
                     None)
        if place is None or place.label != "PLACE" or place.attrs.get("kind") != "country":
            return None
        return f"{acronym} {table.span_text(place.start, place.end)}"

    @staticmethod
    def _headline_tokens(doc: Doc, table) -> tuple[int, int] | None:
        """Token range of the headline the release header read, where it stands in the text."""
        title = doc.user_data.get("iom_title")
        if not title:
            return None
        at = table.text.find(title)
        if at < 0 or at > 2000:
            return None
        start = next((i for i, s in enumerate(table.starts) if s >= at), None)
        end = next((i for i, s in enumerate(table.starts) if s >= at + len(title)), len(table.starts))
        return (start, end) if start is not None else None
