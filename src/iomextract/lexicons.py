"""Word lists that come from packages made for them, loaded once per process.

- First names: gender-guesser's dictionary (about 61,000 given names of
  many countries, Arabic, African and Asian ones included).
- Demonyms, official spellings and capitals of countries: countryinfo.
"""
from __future__ import annotations

from functools import lru_cache

from .token_table import fold


@lru_cache(maxsize=None)
def first_names() -> frozenset[str]:
    """Folded given names ("Jose", "Mohamed", "Ingrid"); compound ones by their first part too."""
    from gender_guesser.detector import Detector
    names = set()
    for name in Detector(case_sensitive=True).names:
        folded = fold(name)
        names.add(folded)
        names.add(folded.replace(" ", "-").split("-")[0])  # "Abdel Aziz", "Jean-Pierre"
    return frozenset(n for n in names if len(n) > 1 and n[:1].isupper())


@lru_cache(maxsize=4096)
def english_word(word: str) -> bool:
    """The word is also an English word (lemminflect's lexicon, spaCy's stop words): "Grace", "He", "Said"."""
    from lemminflect import getAllLemmas
    from spacy.lang.en.stop_words import STOP_WORDS
    lower = word.lower()
    return lower in STOP_WORDS or bool(getAllLemmas(lower))


@lru_cache(maxsize=None)
def country_facts() -> dict[str, dict]:
    """ISO alpha-2 code -> countryinfo's record (name, demonym, altSpellings, capital, ...)."""
    from countryinfo import CountryInfo
    facts = {}
    for record in CountryInfo.all().values():
        code = (record.get("ISO") or {}).get("alpha2")
        if code:
            facts[code] = record
    return facts


@lru_cache(maxsize=None)
def demonyms() -> dict[str, str]:
    """"Kenyan" -> "KE", "South Sudanese" -> "SS" (nationality adjectives; not places)."""
    table = {}
    for code, record in country_facts().items():
        demonym = record.get("demonym")
        if demonym:
            for form in demonym.replace(" or ", ",").replace("/", ",").split(","):
                form = form.strip()
                if form and form[:1].isupper():
                    table.setdefault(form, code)
    return table


@lru_cache(maxsize=None)
def official_country_names() -> dict[str, str]:
    """Longer official spellings: "Republic of Kenya", "Russian Federation", "Ivory Coast" -> code."""
    table = {}
    for code, record in country_facts().items():
        for spelling in record.get("altSpellings") or []:
            if len(spelling) > 3 and spelling.isascii() and spelling[:1].isupper() and "," not in spelling:
                table.setdefault(spelling, code)
    return table


@lru_cache(maxsize=None)
def capitals() -> dict[str, str]:
    """ISO alpha-2 code -> the capital's name."""
    return {code: record["capital"] for code, record in country_facts().items() if record.get("capital")}
