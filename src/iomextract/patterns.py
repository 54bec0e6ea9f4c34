"""The one loader for rule and gazetteer files in ``patterns/``.

Every file is validated into small typed rule objects that refuse unknown
keys, so a typo in a pattern file fails loudly with its file and line.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

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


class PlaceEntry(Rule):
    name: str
    kind: PlaceKind
    country: str | None = None
    aliases: list[str] = []


class CountryAlias(Rule):
    name: str
    country: str


class ClaimRule(Rule):
    """One way a claim is stated. ``value`` says which entity fills the value slot."""
    attribute: str
    value: Literal["figure", "year", "office_kind", "title"]
    subject: Literal["org", "office", "country", "person"]
    object: Literal["org", "place", "none"] = "none"
    triggers: list[str] = []
    units: list[str] = []
    preceded_by: list[str] = []
    followed_by: list[str] = []
    office_kinds: dict[str, list[str]] = {}
    fixed: bool = False  # a fact that cannot change over time: two values contradict
    about: str = ""


class ClaimContext(Rule):
    about: str = ""
    pronouns: list[str]
    office_nouns: list[str]


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


class People(Rule):
    about: str = ""
    honorifics: list[str]
    reporting_verbs: list[str]
    credit_markers: list[str]
    contact_cues: list[str]
    non_name_words: list[str]
    name_particles: list[str]
    coordinators: list[str]
    max_name_words: int


class TitleGrammar(Rule):
    about: str = ""
    heads: list[str]
    lowercase_heads_need_context: bool
    modifiers: list[str]
    complement_prepositions: list[str]
    complement_phrases: list[str]
    place_prepositions: list[str]
    org_prepositions: list[str]
    connectors: list[str]
    complement_words: list[str]
    equivalents: dict[str, str]


class Dates(Rule):
    about: str = ""
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    relative_periods: dict[str, tuple[Literal["week", "month", "year"], int]]
    year_prepositions: list[str]
    decade_modifiers: list[str]
    month_context_words: list[str]
    may_context_words: list[str]
    name_words_before_year: list[str]
    year_range: tuple[int, int]


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


class Boilerplate(Rule):
    about: str = ""
    lines: list[str]
    line_prefixes: list[str]


# file name -> rule type; .jsonl files hold one rule a line, .json files one object.
SCHEMAS: dict[str, type[Rule]] = {
    "entity_rules.jsonl": EntityRule,
    "organizations.jsonl": OrganizationEntry,
    "places.jsonl": PlaceEntry,
    "countries.jsonl": CountryAlias,
    "claims.jsonl": ClaimRule,
    "claim_context.json": ClaimContext,
    "org_shapes.json": OrgShapes,
    "place_shapes.json": PlaceShapes,
    "people.json": People,
    "titles.json": TitleGrammar,
    "dates.json": Dates,
    "figures.json": Figures,
    "boilerplate.json": Boilerplate,
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


def _validate(schema: type[Rule], text: str, path: Path, line: int) -> Rule:
    try:
        return schema.model_validate(json.loads(text))
    except (json.JSONDecodeError, ValidationError) as err:
        raise PatternError(f"{path}:{line}: {err}") from err
