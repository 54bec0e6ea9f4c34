"""Sentence boundaries for press releases as they come from the web.

Full stops end sentences as usual; a blank line always does; a single line
break does when the line before is short (menu items, headings) or ends a
sentence, and not when it only wraps a long line. A sentence longer than
``max_tokens`` (a text without full stops: a crawl's run-on line) is cut,
after a comma or semicolon where one is near, so that no claim's evidence is
a whole page.
"""
from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..compiled import CompiledTables
from ..patterns import load
from ..token_table import token_table

TERMINAL = {".", "!", "?", "…"}
CLOSERS = {'"', "”", "’", "'", ")", "]"}
BULLETS = {"•", "-", "*", "–", "·", "▪"}
CLAUSE_ENDS = {",", ";", ":"}


@Language.factory("line_sentencizer", default_config={"short_line": 45, "max_tokens": 250})
def make_line_sentencizer(nlp: Language, name: str, short_line: int, max_tokens: int):
    return LineSentencizer(short_line, max_tokens)


class LineSentencizer(CompiledTables):
    def __init__(self, short_line: int, max_tokens: int = 250):
        self.short_line = short_line
        self.max_tokens = max_tokens
        self.abbreviations: set[str] = set()

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.abbreviations = {h for h in load("people.json", patterns_dir).honorifics if h.endswith(".")}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        table = token_table(doc)
        texts, spaces, offsets, text = table.words, table.is_space, table.starts, table.text
        starts = [0]
        count = len(texts)
        # only line breaks and terminal punctuation can end a sentence: the rest of the tokens are never visited
        for i in [i for i, word in enumerate(texts) if word in TERMINAL or (spaces[i] and "\n" in word)]:
            if i + 1 >= count:
                continue
            current = texts[i]
            if spaces[i]:
                if self._breaks_line(current, texts[i + 1], offsets[i], text):
                    starts.append(i + 1)
            else:
                following = i + 1
                while texts[following] in CLOSERS and following + 1 < count:
                    following += 1
                word = texts[following]
                if spaces[following] or word[:1].isupper() or word[:1].isdigit() or word[:1] in '"“‘(' or word in BULLETS:
                    starts.append(following)
        starts = self._cut_long(sorted(set(starts)), texts, count)
        flags = numpy.full(count, -1, dtype="int32")
        flags[starts] = 1
        doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
        table.set_sentences(starts)
        return doc

    def _cut_long(self, starts: list[int], texts: list[str], count: int) -> list[int]:
        limit = self.max_tokens
        if all(b - a <= limit for a, b in zip(starts, starts[1:] + [count])):
            return starts
        cut = []
        for a, b in zip(starts, starts[1:] + [count]):
            cut.append(a)
            while b - a > limit:
                end = a + limit
                # the last clause end in the final fifth of the window, else the window's end
                near = next((i + 1 for i in range(end - 1, end - limit // 5, -1) if texts[i] in CLAUSE_ENDS), end)
                cut.append(near)
                a = near
        return cut

    def _breaks_line(self, space: str, following: str, offset: int, text: str) -> bool:
        if space.count("\n") > 1 or following in BULLETS:
            return True
        line_start = text.rfind("\n", 0, offset) + 1
        line = text[line_start:offset].strip()
        if not line or len(line) < self.short_line or line[-1] in TERMINAL | {":", ";"} | CLOSERS:
            return True
        return False
