"""Longest-match lookup of token sequences, the mechanism behind every name list.

Names are tokenized once, when they are added; lookups at run time compare
tuples of token keys from the document's token table, so no lookup runs
the tokenizer.
"""
from __future__ import annotations

from .token_table import TokenTable, fold


# the first words of every gazetteer, by case-sensitivity: one scan of a document finds the words
# any gazetteer can start with, and each gazetteer then filters that short list
FIRST_WORDS: dict[bool, set[str]] = {False: set(), True: set()}


class Gazetteer:
    """Maps names (as token sequences) to payloads and finds them in a document.

    Names are compared in folded form (accents dropped, quotes straightened),
    case-sensitively unless ``ignore_case``; single line wraps inside a name
    are skipped, so "Kenya Red\\nCross" is found.
    """

    def __init__(self, tokenizer, ignore_case: bool = False):
        self.tokenizer = tokenizer
        self.ignore_case = ignore_case
        self.table: dict[tuple[str, ...], object] = {}
        self.first_words: set[str] = set()
        self.longest_from: dict[str, int] = {}  # first word -> the longest name starting with it
        self.last_words: set[str] = set()
        self.longest = 0

    def __setstate__(self, state: dict) -> None:
        """Loaded from the pipeline cache: its first words join the scan of every gazetteer again."""
        self.__dict__.update(state)
        FIRST_WORDS[self.ignore_case].update(self.first_words)

    def key(self, word: str) -> str:
        return fold(word).lower() if self.ignore_case else fold(word)

    def keys(self, table: TokenTable) -> list[str]:
        """The lookup key of every token of a document."""
        return table.folded_lower if self.ignore_case else table.folded

    def words_of(self, name: str) -> tuple[str, ...]:
        return tuple(self.key(t.text) for t in self.tokenizer(name) if not t.is_space)

    def add(self, name: str, payload, overwrite: bool = False) -> None:
        key = self.words_of(name)
        if key and (overwrite or key not in self.table):
            self.table[key] = payload
            self.first_words.add(key[0])
            FIRST_WORDS[self.ignore_case].add(key[0])
            self.longest_from[key[0]] = max(self.longest_from.get(key[0], 0), len(key))
            self.last_words.add(key[-1])
            self.longest = max(self.longest, len(key))

    def get(self, name: str):
        """Payload of a name given as a string (tokenizes it: for set-up and tests, not for loops)."""
        return self.table.get(self.words_of(name))

    def lookup(self, words: tuple[str, ...]):
        """Payload of a name given as token keys."""
        return self.table.get(words)

    def ending_at(self, keys: list[str], k: int, max_words: int = 5) -> bool:
        """True when a name of the table ends right before keys[k]."""
        if k == 0 or keys[k - 1] not in self.last_words:
            return False
        for length in range(min(max_words, self.longest, k), 0, -1):
            if tuple(keys[k - length:k]) in self.table:
                return True
        return False

    def find(self, table: TokenTable, positions: list[int] | None = None, keys: list[str] | None = None):
        """Yield (start, end, payload) token spans, longest match first, not overlapping."""
        longest_from, names = self.longest_from, self.table
        if positions is None:
            positions = table.positions
            word_keys = table.position_keys(self.ignore_case)
            starts = [k for k in table.starts_of(self.ignore_case, FIRST_WORDS) if word_keys[k] in longest_from]
        else:
            keys = self.keys(table) if keys is None else keys
            word_keys = [keys[i] for i in positions]
            starts = [k for k, word in enumerate(word_keys) if word in longest_from]
        count = len(word_keys)
        last_words = self.last_words
        free = 0
        for k in starts:
            if k < free:
                continue
            for length in range(min(longest_from[word_keys[k]], count - k), 0, -1):
                if word_keys[k + length - 1] not in last_words:
                    continue  # no name ends with that word: no tuple to build
                payload = names.get(tuple(word_keys[k:k + length]))
                if payload is not None:
                    yield positions[k], positions[k + length - 1] + 1, payload
                    free = k + length
                    break
