"""One key per person and one per title, so that ways of writing one of them compare equal.

Person key, a rule of thumb: ``surname|given`` where
- ``surname`` is the last name word with the particles before it ("van der
  Berg", "de Boeck"), folded (accents dropped), lower case, without hyphens,
  spaces or apostrophes: "Al-Hashimi" and "Alhashimi" are one surname;
- ``given`` is the consonant skeleton of the first given name: doubled
  letters collapsed and "ph" read as "f", then its first letter and its
  consonants ("h" after c, s, t, p, g or k left out), so Mohamed, Mohammed,
  Muhammad and Mohamad are all "mhmd", Yusuf and Youssef "ysf", Thomas and
  Tomas "tms". Names with the same consonants in the same order share a
  key: Mahmoud is "mhmd" too, so two such people with one surname in one
  corpus would be taken for one;
- middle names and initials are left out: "William Lacy Swing" is
  "swing|wlm". A given name written as an initial ("J. Okafor") keeps only
  that letter: "okafor|j", which ``same_person`` matches to any given name
  with that initial.

Title key: lower case, folded, hyphens as spaces, brackets and "the"
dropped, and the equivalents of ``patterns/titles.json`` applied, so
"Director-General", "Director General" and "General Director" are all
"director general".
"""
from __future__ import annotations

import re
from functools import lru_cache

from .token_table import fold

VOWELS = set("aeiouy")


def _skeleton(name: str) -> str:
    letters = [c for c in fold(name).lower() if c.isalpha()]
    collapsed = "".join(c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1]).replace("ph", "f")
    if not collapsed:
        return ""
    out = [collapsed[0]]
    for i, c in enumerate(collapsed[1:], 1):
        if c in VOWELS or (c == "h" and collapsed[i - 1] in "cstpgk"):
            continue
        out.append(c)
    return "".join(out)


def name_parts(name: str, particles: set[str]) -> tuple[list[str], str]:
    """(given names, surname) of a name as written."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    if len(words) <= 1:
        return [], words[0] if words else ""
    if words[0].lower() in particles:  # "Van der Berg said": a surname alone
        return [], " ".join(words)
    start = len(words) - 1
    while start > 1 and words[start - 1].lower().rstrip(".") in particles:
        start -= 1
    return words[:start], " ".join(words[start:])


def surname_key(surname: str) -> str:
    return re.sub(r"[\s\-'’.]", "", fold(surname).lower())


def person_key(name: str, particles: set[str]) -> str:
    given, surname = name_parts(name, particles)
    first = given[0] if given else ""
    return f"{surname_key(surname)}|{_skeleton(first)}"


def same_person(key_a: str, key_b: str) -> bool:
    """Keys of one person: equal, or one given name only an initial of the other."""
    surname_a, given_a = key_a.split("|", 1)
    surname_b, given_b = key_b.split("|", 1)
    if surname_a != surname_b:
        return False
    if given_a == given_b or not given_a or not given_b:
        return True
    return (len(given_a) == 1 or len(given_b) == 1) and given_a[0] == given_b[0]


def title_key(title: str, equivalents: dict[str, str]) -> str:
    return _title_key(title, tuple(sorted(equivalents.items())))


@lru_cache(maxsize=4096)
def _title_key(title: str, equivalents: tuple[tuple[str, str], ...]) -> str:
    text = fold(title).lower()
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"[-–]", " ", text)
    text = re.sub(r"\b[\w.]+['’]s?(?=\s|$)", " ", text)  # an owner ("IOM's", "the Organization's") names no other post
    text = re.sub(r"\b(the|a|an)\b", " ", text)
    text = " ".join(text.split())
    for variant, replacement in sorted(equivalents, key=lambda pair: len(pair[0]), reverse=True):
        text = re.sub(rf"\b{re.escape(variant)}\b", replacement, text)
    return " ".join(text.split())
