"""Trigger phrases of pattern files, and the matcher that finds them.

A phrase is written as words separated by spaces, in base form:

- ``join``: any inflection ("join", "joins", "joined", "joining"), any case,
  from lemminflect;
- ``=founded``: this form only (any case);
- ``(a|an)``: one of the words; ``(full|new)?``: optional;
- ``*``: up to six other words; ``**``: up to twelve.

So ``become (a|an)? (full|new)? member of`` matches "became a full member of"
and "has become a member of". Hyphenated words ("sub-office") are split the
way the tokenizer splits them.

``PhraseSet`` matches many phrases at once. spaCy's ``Matcher`` evaluates
set-membership predicates in Python for every token and pattern state; here
only the words that can start a phrase are looked at, since triggers are rare.
Matching runs over the document's words (line wraps skipped), case-insensitively.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getAllInflections

from .token_table import TokenTable

GAPS = {"*": 6, "**": 12}
# closed-class words that lemminflect would inflect as if they were verbs or nouns ("as" -> "ass")
FUNCTION_WORDS = {"a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "as", "since", "from", "into",
                  "and", "or", "its", "their", "it", "up", "back", "no", "not"}


class PhraseError(ValueError):
    """A phrase that cannot be compiled."""


@dataclass(frozen=True)
class Step:
    forms: frozenset[str] | None  # None: a gap of up to ``gap`` words
    optional: bool = False
    gap: int = 0


@lru_cache(maxsize=None)
def inflections(word: str) -> tuple[str, ...]:
    """The word and its inflected forms, lower case ("become": became, becoming, ...)."""
    word = word.lower()
    if not word.isalpha() or word in FUNCTION_WORDS:
        return (word,)
    forms = {word} | {form.lower() for group in getAllInflections(word).values() for form in group}
    return tuple(sorted(forms))


def _alternatives(element: str) -> tuple[list[str], bool]:
    optional = element.endswith("?") and len(element) > 1
    if optional:
        element = element[:-1]
    if element.startswith("(") and element.endswith(")"):
        return [a for a in element[1:-1].split("|") if a], optional
    return [element], optional


def compile_phrase(phrase: str, tokenizer) -> tuple[Step, ...]:
    """The steps of one phrase."""
    steps: list[Step] = []
    for element in phrase.split():
        if element in GAPS:
            steps.append(Step(None, gap=GAPS[element]))
            continue
        alternatives, optional = _alternatives(element)
        pieces = []
        for alternative in alternatives:
            exact = alternative.startswith("=")
            pieces.append(([t.text for t in tokenizer(alternative.lstrip("="))], exact))
        if len(pieces) > 1 and any(len(words) != 1 for words, _ in pieces):
            raise PhraseError(f"{phrase!r}: an alternative of {element!r} is more than one token")
        if len(pieces) == 1 and len(pieces[0][0]) > 1:  # "sub-office": the last token inflects
            words, exact = pieces[0]
            if optional:
                raise PhraseError(f"{phrase!r}: {element!r} is several tokens and cannot be optional")
            for position, word in enumerate(words):
                last = position == len(words) - 1
                steps.append(Step(frozenset(inflections(word) if last and not exact else (word.lower(),))))
            continue
        forms = {form for words, exact in pieces for form in ((words[0].lower(),) if exact else inflections(words[0]))}
        steps.append(Step(frozenset(forms), optional=optional))
    if not steps or steps[0].forms is None or steps[0].optional:
        raise PhraseError(f"{phrase!r}: a phrase must start with a word that is not optional")
    return tuple(steps)


class PhraseSet:
    """Phrases under keys; ``find`` returns (key, start, end) token spans in text order.

    At each word the longest phrase of a key counts; a match overlapping an earlier one of its key does not.
    """

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.by_first: dict[str, list[tuple[str, tuple[Step, ...]]]] = {}

    def add(self, key: str, phrases: list[str]) -> None:
        for phrase in phrases:
            steps = compile_phrase(phrase, self.tokenizer)
            for form in steps[0].forms:
                self.by_first.setdefault(form, []).append((key, steps))

    def find(self, table: TokenTable) -> list[tuple[str, int, int]]:
        lower, index = table.position_keys(True), table.positions
        by_first = self.by_first
        best: dict[tuple[str, int], int] = {}
        for k in [k for k, word in enumerate(lower) if word in by_first]:
            for key, steps in by_first[lower[k]]:
                end = _longest(steps, 1, k + 1, lower)
                if end is not None and end > best.get((key, k), -1):
                    best[(key, k)] = end
        found = []
        taken_until: dict[str, int] = {}
        for (key, k), end in sorted(best.items(), key=lambda item: (item[0][1], item[0][0])):
            if k < taken_until.get(key, 0):
                continue  # overlaps the match of this key that starts before it
            taken_until[key] = end
            found.append((key, index[k], index[end - 1] + 1))
        return found


def _longest(steps: tuple[Step, ...], s: int, k: int, lower: list[str]) -> int | None:
    """The furthest word position where steps[s:] can end when they start at word k, or None."""
    if s == len(steps):
        return k
    step = steps[s]
    if step.forms is None:
        ends = [_longest(steps, s + 1, k + g, lower) for g in range(step.gap + 1) if k + g <= len(lower)]
        ends = [e for e in ends if e is not None]
        return max(ends) if ends else None
    best = None
    if k < len(lower) and lower[k] in step.forms:
        best = _longest(steps, s + 1, k + 1, lower)
    if step.optional:
        skipped = _longest(steps, s + 1, k, lower)
        if skipped is not None and (best is None or skipped > best):
            best = skipped
    return best
