"""Sentence boundaries for press releases as they come from the web.

Full stops end sentences as usual; a blank line always does; a single line
break does when the line before is short (menu items, headings) or ends a
sentence, and not when it only wraps a long line.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..patterns import load

TERMINAL = {".", "!", "?", "…"}
CLOSERS = {'"', "”", "’", "'", ")", "]"}
BULLETS = {"•", "-", "*", "–", "·", "▪"}


@Language.factory("line_sentencizer", default_config={"short_line": 45})
def make_line_sentencizer(nlp: Language, name: str, short_line: int):
    return LineSentencizer(short_line)


class LineSentencizer:
    def __init__(self, short_line: int):
        self.short_line = short_line
        self.abbreviations: set[str] = set()

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.abbreviations = {h for h in load("people.json", patterns_dir).honorifics if h.endswith(".")}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = [False] * len(doc)
        starts[0] = True
        text = doc.text
        for token in doc[:-1]:
            nxt = doc[token.i + 1]
            if token.is_space and "\n" in token.text:
                starts[token.i + 1] = self._breaks_line(token, nxt, text)
            elif token.text in TERMINAL:
                following = nxt
                while following.text in CLOSERS and following.i + 1 < len(doc):
                    following = doc[following.i + 1]
                if following.is_space or following.text[:1].isupper() or following.text[:1].isdigit() \
                        or following.text[:1] in '"“‘(' or following.text in BULLETS:
                    starts[following.i] = True
        for token, start in zip(doc, starts):
            token.is_sent_start = start
        return doc

    def _breaks_line(self, space, nxt, text: str) -> bool:
        if space.text.count("\n") > 1 or nxt.text in BULLETS:
            return True
        line_start = text.rfind("\n", 0, space.idx) + 1
        line = text[line_start : space.idx].strip()
        if not line or len(line) < self.short_line or line[-1] in TERMINAL | {":", ";"} | CLOSERS:
            return True
        return False
