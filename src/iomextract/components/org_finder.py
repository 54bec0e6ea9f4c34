"""ORG candidates: known bodies, IOM-style country offices, and organization name shapes."""
from __future__ import annotations

import re
from bisect import bisect_left

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from ..compiled import CompiledTables
from ..candidates import EntityRules, candidates_of
from ..gazetteer import Gazetteer
from ..geography import country_names
from ..patterns import load
from ..token_table import TokenTable, token_table
from .release_header import header_facts

CREDIT = re.compile(r"\[([^\[\]\n]{2,120})\]\s*$")


@Language.factory("org_finder")
def make_org_finder(nlp: Language, name: str):
    return OrgFinder(nlp)


GLUED_WORDS = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
LEADING_THE = re.compile(r"^(?i:the) ")


def canonical_name(text: str) -> str:
    """Collapse whitespace, split glued words ("AfricanUnion"), drop a leading "the"."""
    text = " ".join(text.split())
    text = GLUED_WORDS.sub(" ", text)
    text = LEADING_THE.sub("", text)
    return text[:1].upper() + text[1:]


class OrgFinder(CompiledTables):
    def __init__(self, nlp: Language):
        self.tokenizer = nlp.tokenizer
        self.known = Gazetteer(nlp.tokenizer)
        self.countries = Gazetteer(nlp.tokenizer)
        self.office_words = Gazetteer(nlp.tokenizer)
        self.shapes = None

    def initialize(self, get_examples=None, *, nlp=None, patterns_dir=None):
        self.rules = EntityRules(patterns_dir)
        self.rules.require("org.known", "org.office", "org.headed", "org.shape", "org.agency", "org.credit")
        for entry in load("organizations.jsonl", patterns_dir):
            payload = {"canonical": entry.canonical, "acronym": entry.acronym}
            for name in [entry.canonical, *entry.aliases, *([entry.acronym] if entry.acronym else [])]:
                self.known.add(name, payload)
        for name, code in country_names(patterns_dir).items():
            self.countries.add(name, code)
        self.shapes = load("org_shapes.json", patterns_dir)
        for word in self.shapes.office_words:
            self.office_words.add(word, word)
        # the office kinds of the office claim family, as the tokenizer splits them ("sub - office")
        self.office_kinds = {" ".join(t.lower_ for t in self.tokenizer(phrase.lstrip("=")))
                             for family in load("claims.jsonl", patterns_dir) if getattr(family, "office_kinds", None)
                             for phrases in family.office_kinds.values() for phrase in phrases}
        self.heads = set(self.shapes.head_words)
        self.leading_heads = set(self.shapes.leading_head_words) | set(self.shapes.lowercase_leading_head_words)
        self.connectors = set(self.shapes.connectors)
        self.excluded = set(self.shapes.excluded_words)
        self.event_words = set(self.shapes.event_words)
        self.lowercase_leading = set(self.shapes.lowercase_leading_head_words)
        self.head_or_leading = self.heads | self.leading_heads
        grammar = load("titles.json", patterns_dir)
        self.title_words = {w.lower() for w in grammar.modifiers} | {h.lower() for h in grammar.heads if " " not in h}
        self.portfolio_words = set(grammar.complement_words)  # "Interior", "Foreign Affairs": a title's portfolio

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)
        positions = table.positions
        found = [hit for hit in self.known.find(table) if not _in_caps_heading(table, *hit[:2])]
        candidates = candidates_of(doc)
        for start, end, payload in found:
            candidates.append(self.rules.candidate("org.known", start, end, dict(payload)))
        for start, end, payload in found:
            if payload["acronym"]:
                k = bisect_left(positions, end)
                if k < len(positions) and positions[k] == end:
                    self._office(table, candidates, positions[k:k + 8], start, end, payload["acronym"])
        candidates.extend(self._dateline_and_credits(doc, table))
        for start, end in self._name_shapes(table):
            if self.countries.lookup(tuple(table.folded[i] for i in range(start, end) if not table.wrap[i])):
                continue  # "Russian Federation" is a country's name, not an organization's
            if " ".join(table.lower[i] for i in range(start, end) if not table.is_space[i]) in self.office_kinds:
                continue  # "its Country Office in Gabon", "Head Office": an office, stated as an office claim
            first = table.words[start]
            if first in self.portfolio_words and self._after_a_title(table, start):
                continue  # "Cabinet Secretary for Interior and Coordination of National Government": a portfolio
            if end - start == 1 and (first in self.head_or_leading or first.lower() in self.head_or_leading):
                continue  # a head word alone names no organization ("Head of Office in Juba")
            # "Council of the European Union": a name led by its head word holds whatever known name it contains
            rule = "org.headed" if first in self.leading_heads or first.lower() in self.leading_heads else "org.shape"
            canonical = canonical_name(table.span_text(start, end))
            candidates.append(self.rules.candidate(rule, start, end, {"canonical": canonical, "acronym": None}))
        return doc

    def _after_a_title(self, table: TokenTable, start: int) -> bool:
        """The words before ``start`` are a title's head or modifier and "for"/"of" ("Secretary for")."""
        j = start - 1
        while j >= 0 and table.is_space[j]:
            j -= 1
        if j < 0 or table.lower[j] not in ("for", "of"):
            return False
        j -= 1
        while j >= 0 and table.is_space[j]:
            j -= 1
        return j >= 0 and table.lower[j] in self.title_words

    def _dateline_and_credits(self, doc: Doc, table: TokenTable):
        """The agency of a dateline ("(Horn Wire)") and outlets credited at the end ("[Reuters / The Nation]")."""
        spans = []
        dateline = header_facts(doc).dateline
        if dateline is not None and dateline.agency:
            spans.append(("org.agency", *dateline.agency))
        match = CREDIT.search(table.text[-400:])
        if match:
            base = len(table.text) - len(table.text[-400:]) + match.start(1)
            position = 0
            for part in re.split(r"[/;|]", match.group(1)):
                stripped = part.strip()
                if stripped[:1].isupper():
                    begin = match.group(1).index(stripped, position)
                    spans.append(("org.credit", base + begin, base + begin + len(stripped)))
                    position = begin + len(stripped)
        out = []
        for rule, start_char, end_char in spans:
            span = table.token_span(start_char, end_char)
            if span:
                words = tuple(table.folded[i] for i in range(*span) if not table.is_space[i])
                known = self.known.lookup(words)
                attrs = dict(known) if known else {"canonical": canonical_name(table.span_text(*span)), "acronym": None}
                out.append(self.rules.candidate(rule, span[0], span[1], attrs))
        return out

    def _office(self, table: TokenTable, candidates, after: list[int], org_start: int, org_end: int, acronym: str):
        """"IOM Kenya", "IOM Somalia Office", "IOM Regional Office for East and Horn of Africa", "EU Delegation to Kenya"."""
        if not after or not table.words[after[0]][:1].isupper():
            return  # an office is named by capitalized words right after the acronym
        country = next(self.countries.find(table, after[:6]), None)
        if country and country[0] == after[0]:
            end = country[1]
            rest = [i for i in after if i >= end]
            office = next(self.office_words.find(table, rest[:3]), None)
            if office and rest and office[0] == rest[0]:
                end = office[1]
            canonical = f"{acronym} {table.span_text(org_end, country[1])}"
            candidates.append(self.rules.candidate("org.office", org_start, end, {"canonical": canonical, "acronym": None}))
            return
        office = next(self.office_words.find(table, after[:3]), None)
        # "EU Delegation to Kenya", "IOM Regional Office for Asia"; an office *in* a place ("the IOM Field
        # Office in Kharkiv") is an office of its organization, stated as an office claim, no organization
        if office and office[0] == after[0] and office[1] < len(table.words) \
                and table.lower[office[1]] in ("for", "to"):
            end = self._capitalized_run_end(table, office[1] + 1)
            if end > office[1] + 1:
                canonical = canonical_name(table.span_text(org_start, end))
                candidates.append(self.rules.candidate("org.office", org_start, end, {"canonical": canonical, "acronym": None}))

    def _capitalized_run_end(self, table: TokenTable, i: int) -> int:
        end = i
        words, lower = table.words, table.lower
        # capitalized words, and connectors right after one: "East and Horn of Africa"
        while i < len(words) and (words[i][:1].isupper() or (lower[i] in self.connectors and end == i)):
            if words[i][:1].isupper():
                end = i + 1
            i += 1
        return end

    # Name shapes ---------------------------------------------------------

    def _is_name_word(self, word: str) -> bool:
        return word[:1].isupper() and word not in self.excluded and any(c.isalpha() for c in word)

    def _runs(self, table: TokenTable):
        """Runs of capitalized words joined by connectors and hyphens, as lists of token indices.

        A run starts at a capitalized word (or a lower-case leading head such as "government of");
        only those are visited, so most words of a text are never looked at.
        """
        words, lower, space_after, positions = table.words, table.lower, table.space_after, table.positions
        count = len(positions)
        heads = self.head_or_leading
        starts = table.capitalized
        name_words = {positions[k] for k in starts if words[positions[k]] not in self.excluded}
        if self.lowercase_leading:
            starts = sorted(set(starts) | {k for k, i in enumerate(positions) if lower[i] in self.lowercase_leading})
        # a run that holds no head word is never used: start runs only near head words
        joinable = self.connectors | {"-", "&"} | self.lowercase_leading

        def in_run(k: int) -> bool:
            i = positions[k]
            return i in name_words or lower[i] in joinable

        near_heads = set()
        for h in [k for k in starts if words[positions[k]] in heads or lower[positions[k]] in heads]:
            if h in near_heads:  # its run was walked from an earlier head (walking it again is quadratic)
                continue
            a, b = h, h
            while a > 0 and in_run(a - 1):
                a -= 1
            while b + 1 < count and in_run(b + 1):
                b += 1
            near_heads.update(range(a, b + 1))
        starts = [k for k in starts if k in near_heads]
        consumed = -1
        for k in starts:
            if k <= consumed:
                continue
            run: list[int] = []
            has_head = False
            j = k
            line_ended = False
            while j < count:
                i = positions[j]
                word = words[i]
                if run and table.line_break_between(run[-1], i):
                    line_ended = True  # a name stops at the end of a block line: "NAME\nTitle\nMinistry of ..."
                    break
                if i in name_words or (lower[i] in self.lowercase_leading and j + 1 < count
                                                and lower[positions[j + 1]] in ("of", "for")):
                    run.append(i)
                    has_head = has_head or word in heads or lower[i] in heads
                elif run and lower[i] in self.connectors and not (lower[i] == "the" and lower[run[-1]] not in ("of", "for", "on")):
                    run.append(i)
                elif run and word in ("-", "&") and not space_after[run[-1]]:
                    run.append(i)
                else:
                    break
                j += 1
            consumed = j - 1 if line_ended else j  # the next line may start a name of its own
            if run and has_head:  # a run with no head word is no organization's name
                yield run

    def _name_shapes(self, table: TokenTable):
        all_words, lower = table.words, table.lower
        for run in self._runs(table):
            while run and not self._is_name_word(all_words[run[-1]]):
                run.pop()
            while run and not (self._is_name_word(all_words[run[0]]) or lower[run[0]] in self.leading_heads):
                run.pop(0)
            words = [all_words[i] for i in run]
            # "Director of the Migration Affairs Directorate": a title before "of" is no part of the name
            lead = 0
            while lead < len(words) and words[lead].lower() in self.title_words and words[lead] not in self.leading_heads:
                lead += 1
            if 0 < lead < len(words) and words[lead] in ("of", "for"):
                lead += 2 if lead + 1 < len(words) and words[lead + 1] == "the" else 1
                run, words = run[lead:], words[lead:]
            # "Staff of the Directorate of ...": the name starts at a leading head after a connector
            for p in range(1, len(words)):
                if words[p] in self.leading_heads and words[p - 1] in self.connectors:
                    run, words = run[p:], words[p:]
                    break
            if any(w in self.event_words for w in words):
                cut = next(k for k, w in enumerate(words) if w in self.event_words)
                run, words = run[:cut], words[:cut]
            head_at = [k for k, w in enumerate(words) if w in self.heads or (k == 0 and w.lower() in self.leading_heads)]
            if not head_at:
                continue
            last = head_at[-1]
            end_k = last
            if last + 1 < len(words) and words[last + 1] in ("of", "for", "on"):
                end_k = len(words) - 1
                for k in range(last + 2, len(words) - 1):
                    if words[k] == "in" or (words[k] == "and" and (self.known.lookup((words[k + 1],)) or words[k + 1].isupper())):
                        end_k = k - 1
                        break
            elif last + 2 < len(words) and words[last + 1] == "-":
                end_k = last + 2  # "Working Group-Kenya"
            elif last == 0 and words[0] not in self.heads:
                continue
            while end_k > 0 and not self._is_name_word(all_words[run[end_k]]):
                end_k -= 1
            if end_k == 0 and len(words) == 1 and words[0] in self.heads:
                continue  # a bare head word ("Office") is no name
            yield run[0], run[end_k] + 1


def _in_caps_heading(table: TokenTable, start: int, end: int) -> bool:
    """An all-capitals word next to other all-capitals words: "WHO WE ARE" is a heading."""
    if not table.span_text(start, end).isupper():
        return False
    words = table.words
    neighbours = [words[i] for i in (start - 1, end) if 0 <= i < len(words) and words[i].isalpha()]
    # English words in capitals ("WHO WE ARE"), not another acronym ("said IOM VHR Operations Assistant")
    return any(w.isupper() and len(w) > 1 and w.lower() in STOP_WORDS for w in neighbours)
