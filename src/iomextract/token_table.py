"""Token attributes computed once per document and shared by every component.

Each component used to walk ``doc`` token by token, creating Token objects
and rebuilding ``doc.text`` on every pass. ``token_table(doc)`` reads the
offsets once with ``doc.to_array`` and keeps plain Python lists that the
components index directly.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_left
from itertools import accumulate

import numpy

from spacy.attrs import IDX, IS_SPACE, LENGTH, SPACY
from spacy.tokens import Doc

TEXT_KEY = "iom_text"
CLAUSE_PUNCTUATION = {",", ";", ":", "–", "—", "(", ")", "[", "]"}
TABLE_KEY = "iom_table"


def fold(text: str) -> str:
    """Compare form of a name: accents dropped, curly quotes straightened."""
    if text.isascii():
        return text
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    # a word of combining marks alone keeps them: no word folds to nothing
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)) or text


WRAPPED_LINE = 45  # characters: a line this long that breaks inside a sentence wraps prose (as line_sentencizer reads it)


class TokenTable:
    """Plain lists over the tokens of one document.

    ``positions`` are the indices of the tokens that are not whitespace
    wrapping a line inside a sentence: finders match names over them, so
    "Kenya Red\nCross" is one name. Lists that only some components need
    (lower case, folded, clauses) are made on first use.
    """

    __slots__ = ("text", "words", "starts", "ends", "space_after", "is_space", "wrap", "positions",
                 "sentence_of", "sentence_bounds", "_lower", "_folded", "_folded_lower", "_view", "_clause_of",
                 "_position_keys", "_capitalized", "_starts")

    def __init__(self, doc: Doc, text: str):
        self.text = text
        count = len(doc)
        if count:
            columns = doc.to_array([IDX, LENGTH, SPACY, IS_SPACE])
            starts, lengths = columns[:, 0], columns[:, 1]
            self.starts = starts.tolist()
            self.ends = (starts + lengths).tolist()
            self.space_after = columns[:, 2].astype(bool).tolist()
            space = columns[:, 3].astype(bool)
        else:
            self.starts, self.ends, self.space_after, space = [], [], [], numpy.zeros(0, dtype=bool)
        self.words = [text[start:end] for start, end in zip(self.starts, self.ends)]
        self.is_space = space.tolist()
        wrap = numpy.zeros(count, dtype=bool)
        for i in numpy.flatnonzero(space).tolist():
            wrap[i] = self.words[i].count("\n") <= 1
        self.wrap = wrap.tolist()
        self.positions = numpy.flatnonzero(~wrap).tolist()
        self.sentence_of: list[int] = [0] * count
        self.sentence_bounds: list[tuple[int, int]] = [(0, count)] if count else []
        self._lower: list[str] | None = None
        self._folded: list[str] | None = None
        self._folded_lower: list[str] | None = None
        self._view: WordView | None = None
        self._clause_of: list[int] | None = None
        self._position_keys: dict[bool, list[str]] = {}
        self._capitalized: list[int] | None = None
        self._starts: dict[bool, list[int]] = {}

    @property
    def lower(self) -> list[str]:
        if self._lower is None:
            self._lower = [word.lower() for word in self.words]
        return self._lower

    @property
    def folded(self) -> list[str]:
        if self._folded is None:
            self._folded = [word if word.isascii() else fold(word) for word in self.words]
        return self._folded

    @property
    def folded_lower(self) -> list[str]:
        if self._folded_lower is None:
            self._folded_lower = [lower if word.isascii() else fold(word).lower()
                                  for word, lower in zip(self.words, self.lower)]
        return self._folded_lower

    @property
    def view(self) -> "WordView":
        if self._view is None:
            self._view = WordView(self)
        return self._view

    @property
    def capitalized(self) -> list[int]:
        """Indices k into ``positions`` of the words that start with a capital: where names can start."""
        if self._capitalized is None:
            words, positions = self.words, self.positions
            self._capitalized = [k for k, i in enumerate(positions) if words[i][:1].isupper()]
        return self._capitalized

    def position_keys(self, ignore_case: bool) -> list[str]:
        """The folded (and lower-cased, with ``ignore_case``) text of each word of ``positions``."""
        keys = self._position_keys.get(ignore_case)
        if keys is None:
            source = self.folded_lower if ignore_case else self.folded
            keys = self._position_keys[ignore_case] = [source[i] for i in self.positions]
        return keys

    def starts_of(self, ignore_case: bool, first_words: dict[bool, set[str]]) -> list[int]:
        """Indices k into ``positions`` of the words that start a name of any gazetteer (one scan a document)."""
        starts = self._starts.get(ignore_case)
        if starts is None:
            words = first_words[ignore_case]
            starts = self._starts[ignore_case] = [k for k, key in enumerate(self.position_keys(ignore_case))
                                                  if key in words]
        return starts

    @property
    def clause_of(self) -> list[int]:
        """Clause number of every token: a clause ends at a sentence end or at , ; : – — ( ) [ ].

        A short bracket ("(IOM)", "(26/11)") is part of its clause, not a clause of its own.
        """
        if self._clause_of is None:
            words, count = self.words, len(self.words)
            marks = bytearray(count)
            for start, _ in self.sentence_bounds:
                marks[start] = 1
            punctuation = [i for i, word in enumerate(words) if word in CLAUSE_PUNCTUATION or word == "-"]
            short_brackets = set()
            for i in punctuation:
                if words[i] in ("(", "["):
                    close = next((j for j in range(i + 1, min(count, i + 6)) if words[j] in (")", "]")), None)
                    if close is not None:
                        short_brackets.update((i, close))
            for i in punctuation:
                if i + 1 < count and i not in short_brackets and (
                        words[i] != "-" or (self.space_after[i] and i and self.space_after[i - 1])):
                    marks[i + 1] = 1
            self._clause_of = list(accumulate(marks))
        return self._clause_of

    def set_sentences(self, starts: list[int]) -> None:
        """Sentence numbers from the token indices that start a sentence (sorted, first is 0)."""
        bounds = list(zip(starts, starts[1:] + [len(self.words)]))
        sentence_of = []
        for number, (start, end) in enumerate(bounds):
            sentence_of.extend([number] * (end - start))
        self.sentence_bounds, self.sentence_of = bounds, sentence_of
        self._view = None
        self._clause_of = None

    def token_span(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """Token indices [start, end) of a character span that starts and ends on token boundaries, else None."""
        first = bisect_left(self.starts, start_char)
        if first >= len(self.starts) or self.starts[first] != start_char:
            return None
        last = bisect_left(self.ends, end_char)
        if last >= len(self.ends) or self.ends[last] != end_char:
            return None
        return first, last + 1

    def ends_wrapped_line(self, i: int) -> bool:
        """Token i ends a long line that only wraps a paragraph ("... to French President Nicolas\nSarkozy").

        A short line ends a block line instead: a name, a title, an office of a signature."""
        text, end = self.text, self.ends[i]
        line = text[text.rfind("\n", 0, end) + 1:end]
        return len(line) >= WRAPPED_LINE and line[-1:].isalpha()

    def line_break_between(self, i: int, j: int) -> bool:
        """A line ends between tokens i and j (i < j), and it is no wrap of prose."""
        return "\n" in self.text[self.ends[i]:self.starts[j]] and not self.ends_wrapped_line(i)

    def span_text(self, start: int, end: int) -> str:
        """Text of tokens [start, end) as written."""
        return self.text[self.starts[start]:self.ends[end - 1]] if end > start else ""

    def is_capitalized(self, i: int) -> bool:
        return self.words[i][:1].isupper()


class WordView:
    """The words of a document (its tokens but the line wraps) as parallel lists, indexed 0..n-1.

    ``index[k]`` is the token index of word k; ``text`` and ``lower`` its text; ``glued[k]`` says no
    whitespace follows it; ``sentence_start[k]`` that it opens a sentence. The last two are made on
    first use.
    """

    __slots__ = ("table", "index", "text", "lower", "_glued", "_sentence_start")

    def __init__(self, table: TokenTable):
        positions = table.positions
        words, lower = table.words, table.lower
        self.table = table
        self.index = positions
        self.text = [words[i] for i in positions]
        self.lower = [lower[i] for i in positions]
        self._glued: list[bool] | None = None
        self._sentence_start: list[bool] | None = None

    @property
    def glued(self) -> list[bool]:
        if self._glued is None:
            space_after = self.table.space_after
            self._glued = [not space_after[i] for i in self.index]
        return self._glued

    @property
    def sentence_start(self) -> list[bool]:
        if self._sentence_start is None:
            sentence_of = self.table.sentence_of
            self._sentence_start = [i == 0 or sentence_of[i - 1] != sentence_of[i] for i in self.index]
        return self._sentence_start

    def __len__(self) -> int:
        return len(self.index)


def remember_text(doc: Doc, text: str) -> Doc:
    """Keep the text a Doc was made from, so ``doc.text`` is never rebuilt from its tokens."""
    doc.user_data[TEXT_KEY] = text
    return doc


def token_table(doc: Doc) -> TokenTable:
    table = doc.user_data.get(TABLE_KEY)
    if table is None:
        text = doc.user_data.get(TEXT_KEY)
        if text is None:
            text = doc.user_data[TEXT_KEY] = doc.text
        table = doc.user_data[TABLE_KEY] = TokenTable(doc, text)
    return table


def release_table(doc: Doc) -> None:
    """Drop the cached lists once the pipeline is done with the document."""
    doc.user_data.pop(TABLE_KEY, None)
