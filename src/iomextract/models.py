"""The records of a fact sheet. Every JSON shape the tool writes is defined here."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "4"  # 4: publication dates read from a URL or a file name, releases read from archives; 3: the time of a role; 2: rule ids, context flags, person and title keys; older sheets load

Qualifier = Literal["exact", "over", "under", "about"]
PlaceKind = Literal["country", "city", "region", "camp", "facility", "continent", "sea"]
# Claim attributes are defined by patterns/claims.jsonl (see GUIDELINES.md for the standard set).
Attribute = Annotated[str, Field(pattern=r"^[a-z][a-z_]*$")]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(Record):
    boilerplate: bool = Field(default=False, description="inside a paragraph every page of a site repeats")
    text: str
    start: int = Field(ge=0, description="character offset into the decoded document text")
    end: int = Field(ge=0)
    sentence: int = Field(ge=0, description="index of the sentence holding the mention")
    rule: str | None = Field(default=None, description="id of the rule in patterns/ that found it")


class OrgEntity(Mention):
    type: Literal["ORG"] = "ORG"
    canonical: str
    acronym: str | None = None


class PersonEntity(Mention):
    type: Literal["PERSON"] = "PERSON"
    title: str | None = None
    title_key: str | None = Field(default=None, description="the title normalized: variants of one title share it")
    org: str | None = None
    key: str | None = Field(default=None, description="one key per person: 'surname|given-name skeleton'")


class DateEntity(Mention):
    type: Literal["DATE"] = "DATE"
    value: str | None = Field(description="TIMEX3 value: 2019-09-13, 2019-09, 2019, 195 (1950s), 20 (21st century)")


class PlaceEntity(Mention):
    type: Literal["PLACE"] = "PLACE"
    kind: PlaceKind
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    lat: float | None = None
    lon: float | None = None


class StatementFlags(Record):
    """What a statement is, besides true or false: hedged, negated, someone else's, page furniture."""
    hedged: bool = Field(default=False, description="a plan, hope, target or future: 'could reach 180 states by 2030'")
    negated: bool = False
    attributed_to: str | None = Field(default=None, description="the org or person the sentence cites: 'IOM said'")
    boilerplate: bool = Field(default=False, description="inside a paragraph every page of a site repeats")


class FigureEntity(StatementFlags, Mention):
    type: Literal["FIGURE"] = "FIGURE"
    value: float
    qualifier: Qualifier = "exact"
    unit: str | None = None


Entity = Annotated[
    Union[OrgEntity, PersonEntity, DateEntity, PlaceEntity, FigureEntity], Field(discriminator="type")
]


class Evidence(Record):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Claim(StatementFlags, Record):
    subject: str
    attribute: Attribute
    value: int | float | str
    qualifier: Qualifier | None = None
    object: str | None = None
    evidence: Evidence
    sentence: int = Field(ge=0)
    rule: str | None = Field(default=None, description="id of the claim family in patterns/claims.jsonl")
    subject_key: str | None = Field(default=None, description="for people: the person key, one per person")
    value_key: str | None = Field(default=None, description="for titles: the normalized title")
    held: Literal["former", "current", "coming"] | None = Field(
        default=None, description="role: a post once held ('former'), held ('incumbent') or to come ('newly elected')")
    held_from: str | None = Field(default=None, description="role: the year the post began, as the text gives it")
    held_until: str | None = Field(default=None, description="role: the year the post ended, as the text gives it")


PublishedFrom = Literal["meta", "html", "feed", "listing", "label", "date line", "dateline", "title", "url", "file name"]


class SourceMeta(Record):
    """What a crawler knows of a release: a row of an ``extract --meta`` manifest."""
    file: str = Field(min_length=1, description="the release's file name or path")
    published: date | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="the site or outlet, e.g. iom.int")


class DocumentInfo(Record):
    id: str
    path: str
    sha256: str
    title: str | None = None
    published: str | None = Field(default=None, description="YYYY-MM-DD")
    published_from: PublishedFrom | None = Field(default=None, description="where the publication date was read")
    url: str | None = None
    source: str | None = None
    retrieved: str | None = Field(default=None, description="YYYY-MM-DD the crawl fetched it (WARC-Date): not its publication")
    archive: str | None = Field(default=None, description="the WARC file or feed it was read from")
    record: str | None = Field(default=None, description="its WARC-Record-ID, or the feed entry's id")
    characters: int
    words: int
    encoding: str = "utf-8"
    source_format: Literal["text", "html"] = Field(
        default="text", description="html: offsets refer to the text extracted from the HTML"
    )

    @field_validator("published")
    @classmethod
    def _calendar_date(cls, value: str | None) -> str | None:
        """A real calendar date written YYYY-MM-DD: the check, timeline and report order by it."""
        if value is not None:
            try:
                parsed = date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{value!r} is not a date written YYYY-MM-DD") from None
            if parsed.isoformat() != value:
                raise ValueError(f"{value!r} is not a date written YYYY-MM-DD")
        return value


class Paragraph(Record):
    """A paragraph (a line of web text) and its content hash, to tell page furniture from the release's words."""
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    hash: str = Field(description="sha1 of the text with whitespace collapsed and quotes straightened (16 hex)")
    furniture: Literal["known", "repeated"] | None = Field(
        default=None, description="page furniture: a known furniture line, or repeated across the site's documents")


class ExtractorInfo(Record):
    version: str
    components: list[str]
    model: str | None = None


class FactSheet(Record):
    schema_version: Literal["1", "2", "3", "4"] = SCHEMA_VERSION
    document: DocumentInfo
    entities: list[Entity]
    claims: list[Claim]
    paragraphs: list[Paragraph] = []
    extractor: ExtractorInfo


ENTITY_TYPES = {
    "ORG": OrgEntity,
    "PERSON": PersonEntity,
    "DATE": DateEntity,
    "PLACE": PlaceEntity,
    "FIGURE": FigureEntity,
}


# The cross-document check ------------------------------------------------------

ConflictKind = Literal["contradiction", "changed", "compatible"]


class ConflictClaim(Record):
    document: str
    value: int | float | str
    qualifier: Qualifier | None = None
    published: str | None = None
    evidence: str
    boilerplate: bool = False
    attributed_to: str | None = None
    rule: str | None = None
    site: str = Field(default="", description="the site of the document (its URL's host), for page furniture")


class ValueScore(Record):
    """How well the statements of one value are supported (see ``check.likely_value``)."""
    value: int | float | str
    qualifier: Qualifier | None = None
    support: float = Field(description="independent documents: boilerplate counts once, copies of one text once")
    own_source: int = Field(description="documents from the subject organization's own site")
    latest: str | None = Field(default=None, description="the latest publication date of a dated statement")
    score: float


class Preference(Record):
    value: int | float | str
    qualifier: Qualifier | None = None
    reasons: str = Field(description="one line a reader can check against the scores")
    scores: list[ValueScore]


class Conflict(Record):
    subject: str
    attribute: str
    object: str | None = None
    kind: ConflictKind
    note: str | None = Field(default=None, description="e.g. that the order of 'changed' values is unknown")
    claims: list[ConflictClaim]
    preferred: Preference | None = Field(default=None, description="the likely value, or the current one of a changing fact")


class SetAsideClaim(Record):
    """A claim no conflict counts: hedged (a plan, hope or target) or negated."""
    document: str
    subject: str
    attribute: str
    value: int | float | str
    qualifier: Qualifier | None = None
    object: str | None = None
    why: Literal["hedged", "negated"]
    evidence: str


class ConflictReport(Record):
    conflicts: list[Conflict]
    corroborated: int = Field(description="groups of claims from two or more documents that agree exactly")
    set_aside: list[SetAsideClaim] = Field(default=[], description="hedged and negated claims, left out of conflicts")


# The timeline ----------------------------------------------------------------------

class EvidenceRef(Record):
    document: str
    sentence: int


class TimelinePoint(Record):
    value: int | float | str
    qualifier: Qualifier | None = None
    date: str | None = Field(default=None, description="the publication date of the documents stating it")
    documents: list[str]
    evidence: list[str]
    where: list[EvidenceRef] = Field(default=[], description="the sentences stating it")
    boilerplate: bool = False


class TimelineFact(Record):
    subject: str
    attribute: str
    object: str | None = None
    points: list[TimelinePoint] = Field(description="dated values in date order")
    undated: list[TimelinePoint] = Field(description="values from documents with no publication date: not guessed")
    boilerplate: list[TimelinePoint] = Field(description="values in page furniture: undated, counted once")
    current: Preference | None = None


class Timeline(Record):
    facts: list[TimelineFact]


# Export tables ---------------------------------------------------------------------
# One flat row per document, entity, claim, conflict and conflict statement: what `export` writes
# (CSV, JSON lines, Parquet) and what a spreadsheet or dataframe reads. Every column is described.

class DocumentRow(Record):
    id: str = Field(description="the document's id (its file name without extension)")
    path: str = Field(description="the file it was read from")
    url: str | None = Field(default=None, description="where it was published (manifest or HTML metadata)")
    site: str = Field(description="the URL's host without 'www.', else the source; '' when neither is known")
    published: str | None = Field(default=None, description="publication date, YYYY-MM-DD")
    published_from: PublishedFrom | None = Field(default=None, description="where the publication date was read")
    title: str | None = Field(default=None, description="the release's headline")
    words: int = Field(description="words in the text")
    sha256: str = Field(description="hash of the file's bytes: the same text has the same hash")


class EntityRow(Record):
    document: str = Field(description="id of the document")
    type: str = Field(description="ORG, PERSON, DATE, PLACE or FIGURE")
    text: str = Field(description="the mention as written")
    normalized: str | None = Field(default=None, description="canonical name (ORG), title (PERSON), TIMEX3 value "
                                   "(DATE), country code (PLACE) or number (FIGURE)")
    start: int = Field(description="character offset of the mention in the document's text")
    end: int = Field(description="character offset just past the mention")
    sentence: int = Field(description="index of the sentence holding it")
    rule: str | None = Field(default=None, description="id of the rule in patterns/ that found it")
    attributes: str = Field(description="every other attribute, as JSON")


class ClaimRow(Record):
    document: str = Field(description="id of the document stating it")
    url: str | None = Field(default=None, description="the document's URL")
    published: str | None = Field(default=None, description="the document's publication date, YYYY-MM-DD")
    subject: str = Field(description="who or what the claim is about")
    attribute: str = Field(description="what is stated: founded, member_since, member_state_count, role, ...")
    object: str | None = Field(default=None, description="the other party: the organization a country joined, a role's organization")
    value: str = Field(description="the value stated (a year, a count, a title)")
    qualifier: Qualifier | None = Field(default=None, description="exact, over, under or about, for counts")
    held: Literal["former", "current", "coming"] | None = Field(default=None, description="role: a post once held, held, or to come")
    held_from: str | None = Field(default=None, description="role: the year the post began")
    held_until: str | None = Field(default=None, description="role: the year the post ended")
    hedged: bool = Field(description="a plan, hope, target or future, not a fact")
    negated: bool = Field(description="stated as not so")
    attributed_to: str | None = Field(default=None, description="the org or person the sentence cites")
    boilerplate: bool = Field(description="in a paragraph every page of the site repeats (page furniture)")
    rule: str | None = Field(default=None, description="id of the claim family in patterns/claims.jsonl")
    evidence: str = Field(description="the sentence stating it")
    evidence_start: int = Field(description="character offset of the evidence in the document's text")
    evidence_end: int = Field(description="character offset just past the evidence")


class ConflictRow(Record):
    conflict: int = Field(description="number of the conflict, 1 first")
    kind: ConflictKind = Field(description="contradiction, changed (a value over time) or compatible")
    subject: str = Field(description="who or what the values are about")
    attribute: str = Field(description="the attribute whose values differ")
    object: str | None = Field(default=None, description="the other party, if any")
    likely_value: str | None = Field(default=None, description="the likely value (or the current one of a changing fact)")
    likely_qualifier: Qualifier | None = Field(default=None, description="its qualifier")
    reasons: str | None = Field(default=None, description="why that value: support, own site, latest date")
    note: str | None = Field(default=None, description="e.g. that the order of changed values is unknown")
    statements: int = Field(description="how many statements the conflict holds")


class ConflictStatementRow(Record):
    conflict: int = Field(description="number of the conflict it belongs to")
    document: str = Field(description="id of the document stating it")
    url: str | None = Field(default=None, description="the document's URL")
    published: str | None = Field(default=None, description="the document's publication date")
    value: str = Field(description="the value this statement gives")
    qualifier: Qualifier | None = Field(default=None, description="its qualifier")
    evidence: str = Field(description="the sentence stating it")
    boilerplate: bool = Field(description="page furniture")
    attributed_to: str | None = Field(default=None, description="whom the sentence cites")
    rule: str | None = Field(default=None, description="id of the claim family")


EXPORT_TABLES: dict[str, type[Record]] = {
    "documents": DocumentRow, "entities": EntityRow, "claims": ClaimRow,
    "conflicts": ConflictRow, "conflict_statements": ConflictStatementRow,
}
