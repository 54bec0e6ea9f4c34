"""Longest-match lookup of token sequences, the mechanism behind every name list.

Names are tokenized once, when they are added; lookups at run time compare
tuples of token keys from the document's token table, so no lookup runs
the tokenizer.
"""
from __future__ import annotations

from .token_table import TokenTable, fold


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
        self.longest = 0

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
            self.longest = max(self.longest, len(key))

    def get(self, name: str):
        """Payload of a name given as a string (tokenizes it: for set-up and tests, not for loops)."""
        return self.table.get(self.words_of(name))

    def lookup(self, words: tuple[str, ...]):
        """Payload of a name given as token keys."""
        return self.table.get(words)

    def ending_at(self, keys: list[str], k: int, max_words: int = 5) -> bool:
        """True when a name of the table ends right before keys[k]."""
        for length in range(min(max_words, self.longest, k), 0, -1):
            if tuple(keys[k - length:k]) in self.table:
                return True
        return False

    def find(self, table: TokenTable, positions: list[int] | None = None, keys: list[str] | None = None):
        """Yield (start, end, payload) token spans, longest match first, not overlapping."""
        positions = table.positions if positions is None else positions
        keys = self.keys(table) if keys is None else keys
        first_words = self.first_words
        k, count = 0, len(positions)
        while k < count:
            if keys[positions[k]] not in first_words:
                k += 1
                continue
            for length in range(min(self.longest, count - k), 0, -1):
                payload = self.table.get(tuple(keys[positions[j]] for j in range(k, k + length)))
                if payload is not None:
                    yield positions[k], positions[k + length - 1] + 1, payload
                    k += length
                    break
            else:
                k += 1
