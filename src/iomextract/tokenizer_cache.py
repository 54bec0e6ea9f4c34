"""spaCy's tokenizer with its chunk cache kept filled.

spaCy caches how each whitespace-separated chunk of a text splits into
tokens, but it stops adding to that cache for the rest of a text once a
special case has matched (``has_special`` in spaCy's ``tokenizer.pyx``).
A newline, an em dash and "Mr." are special cases, and a release has one
in its first lines, so nearly every chunk of every release went through
the prefix, suffix and infix rules again: three quarters of the
tokenizer's time. Tokenizing a chunk alone, once, when it is first seen,
stores it in the cache; the text itself is then tokenized by the same
tokenizer as before, so the tokens are the same.
"""
from __future__ import annotations

from spacy.tokens import Doc

# chunks longer than this rarely come again: not worth a second tokenization
MAX_CHUNK = 40


class ChunkCachingTokenizer:
    """Wraps a spaCy ``Tokenizer``; every other attribute is the wrapped tokenizer's."""

    _own = ("tokenizer", "capacity", "known")

    def __init__(self, tokenizer, capacity: int = 100_000):
        self.tokenizer = tokenizer
        self.capacity = capacity
        self.known: set[str] = set()
        tokenizer.max_cache_size = max(tokenizer.max_cache_size, capacity)

    def __call__(self, text: str) -> Doc:
        known = self.known
        if len(known) < self.capacity:
            new = [chunk for chunk in set(text.split()).difference(known) if len(chunk) <= MAX_CHUNK]
            for chunk in new:
                self.tokenizer(chunk)
            known.update(new)
        return self.tokenizer(text)

    def __getattr__(self, name: str):
        if name in ChunkCachingTokenizer._own:  # not set yet (unpickling): never look it up in the tokenizer
            raise AttributeError(name)
        return getattr(self.tokenizer, name)

    def __setattr__(self, name: str, value) -> None:
        if name in ChunkCachingTokenizer._own:
            object.__setattr__(self, name, value)
        else:  # a rule of the tokenizer: spaCy empties its cache, so every chunk is new again
            setattr(self.tokenizer, name, value)
            self.known.clear()

    def add_special_case(self, string: str, substrings) -> None:
        self.tokenizer.add_special_case(string, substrings)
        self.known.clear()

    def from_bytes(self, *args, **kwargs):
        self.tokenizer.from_bytes(*args, **kwargs)
        self.known.clear()
        return self

    def from_disk(self, *args, **kwargs):
        self.tokenizer.from_disk(*args, **kwargs)
        self.known.clear()
        return self
