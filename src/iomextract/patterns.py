"""The one loader for rule and gazetteer files in ``patterns/``.

Every file is validated into small typed rule objects that refuse unknown
keys, so a typo in a pattern file fails loudly with its file and line.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from .models import PlaceKind


class PatternError(ValueError):
    """A pattern file is missing or malformed."""


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EntityRule(Rule):
    """A way an entity is found; its id is kept on every entity it finds, its priority settles overlaps."""
    id: str
    label: Literal["ORG", "PERSON", "DATE", "PLACE", "FIGURE", "TITLE"]
    priority: int
    about: str


class OrganizationEntry(Rule):
    canonical: str
    acronym: str | None = None
    aliases: list[str] = []
    sites: list[str] = []  # where it publishes: its own pages weigh more in the likely value


class PlaceEntry(Rule):
    name: str
    kind: PlaceKind
    country: str | None = None
    aliases: list[str] = []


class CountryAlias(Rule):
    name: str
    country: str
    # a nationality adjective the lexicon lacks ("Philippine", "British"): no place, and before a title
    # it says whose post it is ("Philippine Undersecretary")
    adjective: bool = False


class CountFamily(Rule):
    """Counts by meaning: a FIGURE whose counted noun belongs to the family.

    ``nouns`` name the family on their own ("member states", "staff"); ``frame_nouns``
    ("states", "people") only with one of the ``cues`` in the figure's clause.
    ``exclude`` cues in the clause and ``exclude_unit_words`` in the counted noun
    phrase ("two new members") veto the claim, and so do ``events`` right after the
    counted noun: "Fourteen countries joined" counts an event, not the membership.
    """
    id: str
    kind: Literal["count"]
    attribute: str
    subject: Literal["org", "office"]
    nouns: list[str]
    frame_nouns: list[str] = []
    cues: list[str] = []
    exclude: list[str] = []
    exclude_unit_words: list[str] = []
    events: list[str] = []
    compound_heads: list[str] = []
    fixed: bool = False
    about: str


class YearFamily(Rule):
    """A year stated with a trigger phrase: founding, joining.

    The value is the first year in a DATE within ``window`` tokens after the
    trigger; with ``publication_year``, an event with no year in the sentence
    ("were admitted as new Member States") takes the release's year. The
    subject is found before the trigger, or with ``subject_after`` after the
    trigger's first word ("admitted Belize and Nauru as ...", "approved the
    applications of Fiji").
    """
    id: str
    kind: Literal["year"]
    attribute: str
    subject: Literal["org", "country"]
    object: Literal["org", "none"] = "none"
    triggers: list[str]
    value: Literal["after"] = "after"
    window: int = 8
    publication_year: bool = False
    subject_after: bool = False
    exclude: list[str] = []
    fixed: bool = True
    about: str


class OfficeFamily(Rule):
    """An office of a kind placed somewhere: "a field office in Mombasa"."""
    id: str
    kind: Literal["office"]
    attribute: str
    subject: Literal["office"]
    office_kinds: dict[str, list[str]]
    place_links: list[str]
    # an office of no kind set up somewhere (``generic_cues`` in the sentence: "IOM set up its office in
    # Beirut", "the IOM office in Oman opened in 1993"): in a country or its capital, the organization's
    # country office. "The IOM mission in Kenya has 300 staff" names an office as a subject; "the IOM
    # office in Nairobi functions as a hub" says no kind: neither is an office claim
    generic: list[str] = []
    generic_kind: str = "country office"
    generic_cues: list[str] = []
    fixed: bool = False
    about: str


class RoleFamily(Rule):
    """A person's title and org, as the person linker read them."""
    id: str
    kind: Literal["role"]
    attribute: str
    fixed: bool = False
    several: bool = Field(default=False, description="one subject holds several values at once (a person's posts)")
    about: str


ClaimRule = Annotated[Union[CountFamily, YearFamily, OfficeFamily, RoleFamily], Field(discriminator="kind")]


class ContextCue(Rule):
    """A cue that flags what is in its scope (ConText): hedged, negated or attributed.

    ``direction``: forward or backward from the cue to the end of its clause, or
    the whole sentence. ``future_date``: the cue counts only before a date after
    the release's publication ("by 2030"). ``source``: where the attributed
    source stands, after the cue or adjacent to it.
    """
    id: str
    flag: Literal["hedged", "negated", "attributed"]
    direction: Literal["forward", "backward", "sentence"]
    terms: list[str]
    future_date: bool = False
    source: Literal["after", "adjacent", "none"] = "none"
    about: str


class ClaimContext(Rule):
    about: str = ""
    pronouns: list[str]
    descriptions: dict[str, str] = {}
    office_nouns: list[str]
    relative_pronouns: list[str]
    prepositions: list[str]
    subject_fillers: list[str]
    subject_openers: list[str] = []
    pronoun_modifiers: list[str] = []
    count_frames: list[str] = []
    part_cues: list[str] = []
    office_attributes: list[str] = []
    # offices of a country's mission: the organization's office of these kinds in a city is its mission's
    # there ("IOM opened a field office in Mombasa" -> IOM Kenya)
    mission_office_kinds: list[str] = []
    # words before "in COUNTRY" that say the organization works there: its staff and offices stated in that
    # sentence are that country's mission ("IOM has operated in Afghanistan since 1992 and has 1,000 staff")
    operation_words: list[str] = []
    whole_organization_cues: list[str] = []


class OrgShapes(Rule):
    about: str = ""
    head_words: list[str]
    leading_head_words: list[str]
    lowercase_leading_head_words: list[str]
    connectors: list[str]
    excluded_words: list[str]
    event_words: list[str]
    office_words: list[str]


class PlaceShapes(Rule):
    about: str = ""
    camp_words: list[str]
    facility_heads: list[str]
    country_shape_heads: list[str]
    numbered_camp_words: list[str]
    city_min_population: int
    city_population_without_country_context: int
    excluded_city_names: list[str]
    cue_phrases: dict[str, Literal["city", "region", "country", "facility"]]
    capital_cues: list[str]
    place_nouns_after: dict[str, Literal["city", "region", "facility"]]
    place_prepositions: list[str]
    subdivision_words: list[str] = []


class People(Rule):
    about: str = ""
    honorifics: list[str]
    # letters after a name ("Ana Reis MP, Chair of ..."): between a name and its title, as an honorific is before it
    post_nominals: list[str] = []
    reporting_verbs: list[str]
    credit_markers: list[str]
    contact_cues: list[str]
    non_name_words: list[str]
    name_particles: list[str]
    coordinators: list[str]
    max_name_words: int
    person_relatives: list[str] = []
    # places no name starts with or runs into, unless the word is also a given name ("Chad", "Jordan")
    not_name_place_kinds: list[str] = []


class RolePredicates(Rule):
    """Verbs that state a post in predicate position: "was appointed Regional Director", "served as Chief"."""
    about: str = ""
    verbs: list[str]
    successions: list[str] = []
    # "Jones was the agency's envoy to the Sahel": a post after a form of "be" and an article; its subject
    # stands right before the verb
    copulas: list[str] = []
    copula_links: list[str] = []
    # forms of "be" whose post is a past one ("she was a Senior Adviser")
    past_copulas: list[str] = []
    # words between "and" and the next "as" of one verb's posts ("served as X and later as Y")
    coordination_adverbs: list[str] = []
    links: list[str]
    objects: list[str] = []
    subjects: list[str] = []
    window: int = 8


class RoleTimes(Rule):
    """Words that say a post was held, is held or is to come, and that open its years."""
    about: str = ""
    former: list[str]
    current: list[str]
    coming: list[str]
    since: list[str]
    until: list[str]
    # time words that name a post of their own and stay in its title ("Acting Director General")
    kept_in_title: list[str] = []
    # a past verb after these with a "since" year states a post still held ("has served as ... since 2018")
    perfect_auxiliaries: list[str] = []
    # words between a perfect's auxiliary and its verb ("has also served", "have long worked")
    perfect_adverbs: list[str] = []
    # verbs that end a post: "in YEAR" after their title is the year it ended ("retired as ... in 2015")
    ending_verbs: list[str] = []
    # verbs that start a post: "in YEAR" after their title is the year it began ("was appointed ... in 2019")
    starting_verbs: list[str] = []


class TitleGrammar(Rule):
    about: str = ""
    predicates: RolePredicates | None = None
    times: RoleTimes | None = None
    heads: list[str]
    # modifiers written closed up with a one-word head are a head too ("Undersecretary", "Vicepresident")
    closed_prefixes: list[str] = []
    lowercase_heads_need_context: bool
    modifiers: list[str]
    complement_prepositions: list[str]
    complement_phrases: list[str]
    place_prepositions: list[str]
    # kinds of place that may follow a capitalized title with no preposition when a name comes next
    # ("IOM Regional Director West Africa Christopher Gascon", "Chief of Mission Kenya Ana Reis")
    bare_place_kinds: list[str] = []
    # heads whose "in PLACE" is the post's in lower case too ("chief of mission in Libya")
    placed_heads: list[str] = []
    org_prepositions: list[str]
    connectors: list[str]
    complement_words: list[str]
    equivalents: dict[str, str]


class Dates(Rule):
    about: str = ""
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    relative_periods: dict[str, tuple[Literal["week", "weekend", "month", "year"], int]]
    weekday_future_words: list[str]
    # cues after a weekday that make it the coming one ("On Wednesday he is scheduled to visit"); not
    # "will", which follows a past weekday as often ("On Tuesday IOM said it will ...")
    weekday_future_words_after: list[str] = []
    weekday_past_words: list[str]
    year_prepositions: list[str]
    decade_modifiers: list[str]
    month_context_words: list[str]
    may_context_words: list[str]
    name_words_before_year: list[str]
    year_range: tuple[int, int]
    list_joiners: list[str] = []
    # the words other than month and weekday names a full date may hold ("4th of December 2018 at 10:00");
    # a text with any other word is no date, and dateparser is not asked
    date_filler_words: list[str] = []


class Figures(Rule):
    about: str = ""
    qualifiers: dict[str, Literal["over", "under", "about", "exact"]]
    number_words: dict[str, float]
    scale_words: dict[str, float]
    currencies: dict[str, str]
    percent_words: list[str]
    not_count_units: list[str]
    plural_nouns: list[str]
    unit_stop_words: list[str]
    age_words: list[str]
    max_unit_words: int


class Header(Rule):
    about: str = ""
    date_labels: list[str]
    dateline_separators: list[str]
    max_dateline_chars: int
    max_dateline_parts: int
    header_lines: int
    dateline_paragraphs: int
    byline_openers: list[str] = ["by"]
    # a page listing releases (a press-room archive, a feed aggregation): at least this many entries,
    # each a title line, a date line under it and a body of at least this many characters, none
    # more than ``listing_max_entry_ratio`` times the shortest (a release over its "related news" is
    # one long story and a few short lines)
    listing_min_entries: int = 2
    listing_min_entry_characters: int = 100
    listing_max_entry_ratio: float = 10


class Boilerplate(Rule):
    about: str = ""
    lines: list[str]
    line_prefixes: list[str]
    furniture_prefixes: list[str]
    min_documents: int
    min_characters: int


# file name -> rule type; .jsonl files hold one rule a line, .json files one object.
SCHEMAS: dict[str, object] = {
    "entity_rules.jsonl": EntityRule,
    "organizations.jsonl": OrganizationEntry,
    "places.jsonl": PlaceEntry,
    "countries.jsonl": CountryAlias,
    "claims.jsonl": ClaimRule,
    "context.jsonl": ContextCue,
    "claim_context.json": ClaimContext,
    "org_shapes.json": OrgShapes,
    "place_shapes.json": PlaceShapes,
    "people.json": People,
    "titles.json": TitleGrammar,
    "dates.json": Dates,
    "figures.json": Figures,
    "boilerplate.json": Boilerplate,
    "header.json": Header,
}


def default_patterns_dir() -> Path:
    """``patterns/`` at the project root (editable install) or shipped in the package."""
    source_tree = Path(__file__).resolve().parents[2] / "patterns"
    if source_tree.is_dir():
        return source_tree
    return Path(str(resources.files("iomextract") / "pattern_files"))


@lru_cache(maxsize=None)
def load(name: str, directory: str | None = None):
    """Load and validate one pattern file: a list of rules (.jsonl) or one rule (.json)."""
    schema = SCHEMAS.get(name)
    if schema is None:
        raise PatternError(f"unknown pattern file {name!r}; known: {sorted(SCHEMAS)}")
    path = Path(directory) if directory else default_patterns_dir()
    path = path / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise PatternError(f"{path}: cannot read pattern file ({err.strerror})") from err
    if name.endswith(".json"):
        return _validate(schema, text, path, 1)
    rules = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            rules.append(_validate(schema, line, path, number))
    return rules


@lru_cache(maxsize=None)
def _adapter(schema) -> TypeAdapter:
    return TypeAdapter(schema)


def _validate(schema, text: str, path: Path, line: int) -> Rule:
    try:
        return _adapter(schema).validate_python(json.loads(text))
    except json.JSONDecodeError as err:
        raise PatternError(f"{path}:{line}: not JSON ({err.msg})") from err
    except ValidationError as err:
        problems = "; ".join(f"{'.'.join(str(part) for part in e['loc']) or 'rule'}: {e['msg']}" for e in err.errors())
        raise PatternError(f"{path}:{line}: {problems}") from err


def rule_index(directory: str | None = None) -> dict[str, tuple[Path, int, str]]:
    """Every rule id of the JSONL pattern files -> (file, line number, the line), for ``explain``."""
    base = Path(directory) if directory else default_patterns_dir()
    index: dict[str, tuple[Path, int, str]] = {}
    for name in sorted(SCHEMAS):
        if not name.endswith(".jsonl"):
            continue
        path = base / name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                rule_id = json.loads(line).get("id")
                if rule_id:
                    if rule_id in index:
                        raise PatternError(f"{path}:{number}: rule id {rule_id!r} is used twice")
                    index[rule_id] = (path, number, line)
    return index
