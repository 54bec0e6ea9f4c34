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


@lru_cache(maxsize=None)
def english_words() -> frozenset[str]:
    """Lower-case English words: lemminflect's lexicon and spaCy's stop words ("grace", "he", "said").

    The whole lexicon as one set, so that a component keeps it among its compiled tables (and the
    pipeline cache) instead of loading lemminflect's tables in every process that meets a name.
    """
    from lemminflect import Lemmatizer
    from spacy.lang.en.stop_words import STOP_WORDS
    lemmatizer = Lemmatizer()
    try:  # the dictionary getAllLemmas looks words up in, read whole
        words = set(lemmatizer._getLemmaDict()) | set(lemmatizer._getOverridesDict())
    except AttributeError:  # a lemminflect that keeps it elsewhere: one lookup per word, as getAllLemmas does
        return frozenset(STOP_WORDS)
    return frozenset(w for w in words if w == w.lower()) | STOP_WORDS



@lru_cache(maxsize=None)
def noun_lemmas() -> dict[str, str]:
    """Lower-case noun -> its singular, from lemminflect's dictionary ("countries" -> "country")."""
    from lemminflect import Lemmatizer
    lemmatizer = Lemmatizer()
    table = {}
    try:
        entries = [lemmatizer._getLemmaDict(), lemmatizer._getOverridesDict()]
    except AttributeError:  # a lemminflect that keeps it elsewhere: every noun is looked up by its rules
        return table
    for entries_ in entries:
        for word, lemmas in entries_.items():
            if "NOUN" in lemmas and word == word.lower():
                table[word] = lemmas["NOUN"][0]
    return table


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


# how English makes a nationality adjective of a country's name: "Ecuador" -> "Ecuadoran", "Ecuadorian";
# "Kenya" -> "Kenyan"; "Oman" -> "Omani". The lexicon gives one spelling; texts use the others too.
DEMONYM_ENDINGS = ("an", "ian", "ese", "i")


@lru_cache(maxsize=None)
def demonyms() -> dict[str, str]:
    """"Kenyan" -> "KE", "South Sudanese" -> "SS" (nationality adjectives; not places).

    countryinfo's demonyms first, then the regular forms of each one-word country name, so that
    "Ecuadoran" and "Ecuadorian" are known beside countryinfo's "Ecuadorean".
    """
    table = {}
    for code, record in country_facts().items():
        demonym = record.get("demonym")
        if demonym:
            for form in demonym.replace(" or ", ",").replace("/", ",").split(","):
                form = form.strip()
                if form and form[:1].isupper():
                    table.setdefault(form, code)
    from .patterns import load
    for alias in load("countries.jsonl"):  # irregular adjectives: "Philippine", "British"
        if alias.adjective:
            table.setdefault(alias.name, alias.country)
    given_names = first_names()  # a made-up form that is somebody's name ("Chadi") is no adjective
    for code, record in country_facts().items():
        name = record.get("name") or ""
        if not name.isalpha() or not name[:1].isupper() or len(name) < 4:
            continue
        stem = name[:-1] if name[-1] in "aey" else name
        forms = [stem + ending for ending in DEMONYM_ENDINGS] + ([name + "n"] if name[-1] == "a" else [])
        for form in forms:
            if form not in given_names:
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
