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

Most new chunks are plain words ("migrants", "2019"): one that is letters
and digits only and no special case itself can match none, so they are
tokenized together, as one text, which stores each of them; only the rest
("Kenya's", "(IOM)") go one at a time. On a first pass over new texts that
is the difference between paying the tokenizer about twice and about once.
"""
from __future__ import annotations

from spacy.tokens import Doc

# chunks longer than this rarely come again: not worth a second tokenization
MAX_CHUNK = 40


class ChunkCachingTokenizer:
    """Wraps a spaCy ``Tokenizer``; every other attribute is the wrapped tokenizer's."""

    _own = ("tokenizer", "capacity", "known", "special")

    def __init__(self, tokenizer, capacity: int = 100_000):
        self.tokenizer = tokenizer
        self.capacity = capacity
        self.known: set[str] = set()
        self.special = frozenset(tokenizer.rules or ())
        tokenizer.max_cache_size = max(tokenizer.max_cache_size, capacity)

    def __call__(self, text: str) -> Doc:
        known = self.known
        if len(known) < self.capacity:
            new = [chunk for chunk in set(text.split()).difference(known) if len(chunk) <= MAX_CHUNK]
            plain = [chunk for chunk in new if chunk.isalnum() and chunk not in self.special]
            if plain:
                self.tokenizer(" ".join(plain))
            if len(plain) < len(new):
                for chunk in set(new).difference(plain):
                    self.tokenizer(chunk)
            known.update(new)
        return self.tokenizer(text)

    def _rules_changed(self) -> None:
        self.known.clear()  # spaCy emptied its cache: every chunk is new again
        self.special = frozenset(self.tokenizer.rules or ())

    def __getattr__(self, name: str):
        if name in ChunkCachingTokenizer._own:  # not set yet (unpickling): never look it up in the tokenizer
            raise AttributeError(name)
        return getattr(self.tokenizer, name)

    def __setattr__(self, name: str, value) -> None:
        if name in ChunkCachingTokenizer._own:
            object.__setattr__(self, name, value)
        else:  # a rule of the tokenizer
            setattr(self.tokenizer, name, value)
            self._rules_changed()

    def add_special_case(self, string: str, substrings) -> None:
        self.tokenizer.add_special_case(string, substrings)
        self._rules_changed()

    def from_bytes(self, *args, **kwargs):
        self.tokenizer.from_bytes(*args, **kwargs)
        self._rules_changed()
        return self

    def from_disk(self, *args, **kwargs):
        self.tokenizer.from_disk(*args, **kwargs)
        self._rules_changed()
        return self
