"""Role predicates: verbs that state a post, read with the ``predicates`` of ``patterns/titles.json``.

"was appointed Regional Director", "served as Chief of Mission", "in 2010 she
became Deputy Director General", "the Council elected Maria Lopes as Deputy
Director General", "named him head of the agency", "succeeds Ana Reis as
Chief of Mission". ``title_finder`` reads where such a verb lets a title
start (a lower-case "head of the agency" is a title there); ``person_linker``
reads whose post it is: the verb's object when it has one ("elected Maria
Lopes as ..."), else its subject, and always the subject of a succession.
"""
from __future__ import annotations

from dataclasses import dataclass

from .patterns import RolePredicates
from .phrases import PhraseSet
from .token_table import TokenTable


_last: tuple = (None, None, {})  # (table, grammar, hits) of the document being read


@dataclass(frozen=True)
class Predicate:
    start: int  # the verb's first token
    end: int  # after the verb
    succession: bool
    copula: bool = False  # "was the United Nations envoy to the Sahel": the subject stands right before it


class RolePredicateFinder:
    def __init__(self, tokenizer, grammar: RolePredicates | None):
        self.phrases = PhraseSet(tokenizer)
        self.links = PhraseSet(tokenizer)
        self.copula_links = PhraseSet(tokenizer)
        self.objects: set[str] = set()
        self.subjects: set[str] = set()
        self.coordination_adverbs: set[str] = set()
        self.window = 10
        self.signature = grammar.model_dump_json() if grammar is not None else ""
        if grammar is not None:
            self.phrases.add("post", grammar.verbs)
            self.phrases.add("succession", grammar.successions)
            self.phrases.add("copula", grammar.copulas)
            self.links.add("link", grammar.links)
            self.copula_links.add("link", grammar.copula_links)
            self.objects = {o.lower() for o in grammar.objects}
            self.subjects = {o.lower() for o in grammar.subjects}
            self.coordination_adverbs = {a.lower() for a in grammar.coordination_adverbs}
            self.window = grammar.window

    def predicates(self, table: TokenTable) -> list[Predicate]:
        """The verbs of a post in a document, found once and kept on its table for the next component."""
        cache = self._cache(table)
        if "predicates" not in cache:
            found = {}
            for key, start, end in self.phrases.find(table):  # "has been" over "been"; one predicate per verb
                if key != "copula" or not any(s <= start < e for s, e in found):
                    found[(start, end)] = Predicate(start, end, key == "succession", key == "copula")
            cache["predicates"] = sorted(found.values(), key=lambda p: (p.start, -p.end))
        return cache["predicates"]

    def title_at(self, table: TokenTable, predicate: Predicate) -> int | None:
        """Where the verb's title (or its object) may start: past one link phrase of its kind."""
        return self.after(table, predicate.end, self.copula_link_ends(table) if predicate.copula else self.link_ends(table))

    def copula_link_ends(self, table: TokenTable) -> dict[int, int]:
        cache = self._cache(table)
        if "copula_links" not in cache:
            cache["copula_links"] = {start: end for _, start, end in self.copula_links.find(table)}
        return cache["copula_links"]

    def link_ends(self, table: TokenTable) -> dict[int, int]:
        """Start -> end of each link phrase ("as", "to the post of")."""
        cache = self._cache(table)
        if "links" not in cache:
            ends: dict[int, int] = {}
            for _, start, end in self.links.find(table):
                ends[start] = max(end, ends.get(start, 0))
            cache["links"] = ends
        return cache["links"]

    def _cache(self, table: TokenTable) -> dict:
        """The hits of the document last read with this grammar: title_finder finds them, person_linker reuses them."""
        global _last
        entry = _last  # read once: threads of a Dask worker may each be reading a document
        if entry[0] is not table or entry[1] != self.signature:
            entry = _last = (table, self.signature, {})
        return entry[2]

    def after(self, table: TokenTable, i: int, links: dict[int, int]) -> int | None:
        """Where a title may start at or after token i: past spaces and one link phrase."""
        i = skip_spaces(table, i)
        if i is not None and i in links:
            i = skip_spaces(table, links[i])
        return i

    def title_starts(self, table: TokenTable) -> set[int]:
        """Tokens where a verb of a post lets a title start (for lower-case titles without an article)."""
        links = self.link_ends(table)
        starts = set()
        for predicate in self.predicates(table):
            at = self.title_at(table, predicate)
            if at is None:
                continue
            starts.add(at)
            if predicate.copula:
                continue
            # "named Peter Haas head of the agency": a lower-case title right after a capitalized object
            for j in range(predicate.end + 1, min(len(table.words), predicate.end + 5)):
                if table.words[j - 1][:1].isupper() and table.words[j][:1].islower():
                    starts.add(j)
                    break
            if table.lower[at] in self.objects:  # "named him head of the agency"
                following = self.after(table, at + 1, links)
                if following is not None:
                    starts.add(following)
            # "elected Maria Lopes as deputy director general": "as" within the window after the verb
            for j in range(predicate.end, min(len(table.words), predicate.end + self.window)):
                if j in links and table.lower[j] == "as":
                    following = skip_spaces(table, links[j])
                    if following is not None:
                        starts.add(following)
                    break
            starts |= self._coordinated_starts(table, predicate.end, links)
        return starts

    def _coordinated_starts(self, table: TokenTable, end: int, links) -> set[int]:
        """Where the later posts of one verb start: "served as Minister of Labour and, before that, as ambassador
        to Kuwait" (an "as" a few words after "and", in the verb's sentence)."""
        starts, sentence = set(), table.sentence_of[end - 1]
        for j in range(end + 1, min(len(table.words), end + 40)):
            if table.sentence_of[j] != sentence:
                break
            if table.lower[j] == "as" and j in links and "and" in table.lower[max(end, j - 7):j]:
                following = skip_spaces(table, links[j])
                if following is not None:
                    starts.add(following)
        return starts


def skip_spaces(table: TokenTable, i: int) -> int | None:
    while i < len(table.words) and table.is_space[i]:
        i += 1
    return i if i < len(table.words) else None
