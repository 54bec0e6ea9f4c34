"""Longest-match lookup of token sequences, the mechanism behind every name list."""
from __future__ import annotations

from spacy.tokens import Doc

from .candidates import fold, word_positions


class Gazetteer:
    """Maps names (as token sequences) to payloads and finds them in a Doc.

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

    def key(self, words) -> tuple[str, ...]:
        return tuple(fold(w).lower() if self.ignore_case else fold(w) for w in words)

    def phrase_ending_at(self, keys: list[str], k: int, max_words: int = 5) -> bool:
        """True when a name of the table ends right before word k."""
        for length in range(min(max_words, self.longest, k), 0, -1):
            if tuple(keys[k - length:k]) in self.table:
                return True
        return False

    def add(self, name: str, payload, overwrite: bool = False) -> None:
        words = [t.text for t in self.tokenizer(name) if not t.is_space]
        key = self.key(words)
        if key and (overwrite or key not in self.table):
            self.table[key] = payload
            self.first_words.add(key[0])
            self.longest = max(self.longest, len(key))

    def get(self, name: str):
        return self.table.get(self.key([t.text for t in self.tokenizer(name) if not t.is_space]))

    def find(self, doc: Doc, positions: list[int] | None = None):
        """Yield (start, end, payload) token spans, longest match first, not overlapping."""
        positions = word_positions(doc) if positions is None else positions
        words = self.key([doc[i].text for i in positions])
        k = 0
        while k < len(positions):
            if words[k] not in self.first_words:
                k += 1
                continue
            for length in range(min(self.longest, len(positions) - k), 0, -1):
                payload = self.table.get(words[k : k + length])
                if payload is not None:
                    yield positions[k], positions[k + length - 1] + 1, payload
                    k += length
                    break
            else:
                k += 1
