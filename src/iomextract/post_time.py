"""When a post is held, read with the ``times`` of ``patterns/titles.json``.

Whether it was held, is held or is to come comes from the words before its
title or in its verb ("a former Minister", "the outgoing Director General",
"will take up the post of", "she was a Senior Adviser"); its years from what
follows the title ("(2003-2006)", "from 2001 to 2006", "since 2018", "until
1992") or opens the verb's clause ("In 2010 she became", "Since 2018, she has
served as"). A past verb in the perfect with a "since" year is a post still
held. ``person_linker`` reads one ``PostTimes`` per document.
"""
from __future__ import annotations

from .patterns import TitleGrammar
from .phrases import PhraseSet
from .token_table import TokenTable

class PostTimeReader:
    def __init__(self, tokenizer, titles: TitleGrammar):
        times = titles.times
        self.phrases = PhraseSet(tokenizer)
        self.since_words = set(times.since) if times else set()
        self.until_words = set(times.until) if times else set()
        self.perfect_auxiliaries = set(times.perfect_auxiliaries) if times else set()
        self.perfect_adverbs = set(times.perfect_adverbs) if times else set()
        self.past_copulas = {tuple(c.split()) for c in (titles.predicates.past_copulas if titles.predicates else [])}
        # single time words that may stand between a verb and its title ("appointed the new Chief of Mission")
        self.time_words = {w.lower() for held in ("former", "current", "coming") for w in
                           (getattr(times, held) if times else []) if w.isalpha()}
        if times:
            for held in ("former", "current", "coming"):
                self.phrases.add(held, getattr(times, held))
            self.phrases.add("ending", times.ending_verbs)
            self.phrases.add("starting", times.starting_verbs)

    def read(self, table: TokenTable, chosen) -> "PostTimes":
        dates = sorted((c for c in chosen if c.label == "DATE"), key=lambda c: c.start)
        return PostTimes(self, table, self.phrases.find(table), dates)


class PostTimes:
    """The time words and years of one document, and the time of each post in it."""

    def __init__(self, reader: PostTimeReader, table: TokenTable, hits, dates):
        self.r, self.table, self.hits, self.dates = reader, table, hits, dates

    def of(self, t_start: int, t_end: int, predicate=None) -> dict:
        """{"held", "held_from", "held_until"} of the post whose title is [t_start, t_end), stated by ``predicate``."""
        r, table = self.r, self.table
        time = {}
        low = (predicate.start if predicate is not None else t_start) - 3
        high = predicate.end if predicate is not None else t_start + 1
        verb_kinds = {key for key, start, _ in self.hits if predicate is not None
                      and key in ("ending", "starting") and predicate.start <= start < predicate.end}
        ending, starting = "ending" in verb_kinds, "starting" in verb_kinds
        for held, start, end in self.hits:
            if held in ("ending", "starting"):
                continue
            if low <= start and end <= high + 1 and start < high:
                if held != "current" or "held" not in time:  # "will take up her new post as": coming
                    time["held"] = held
            elif predicate is not None and t_start - 3 <= start and end <= t_start:
                time.setdefault("held", held)  # "welcomed Sofia Marques as its new Chief of Mission"
        if predicate is not None and predicate.copula and "held" not in time \
                and tuple(table.lower[predicate.start:predicate.end]) in r.past_copulas:
            time["held"] = "former"  # "Before joining IOM, she was a Senior Adviser to ..."
        sentence = table.sentence_of[t_start]
        since = False
        for date in self.dates:
            full = str(date.attrs.get("value") or "")
            value = full[:4]  # "in June 2018": its year
            if not value.isdigit() or len(value) != 4 or full[4:5] not in ("", "-") \
                    or table.sentence_of[date.start] != sentence:
                continue
            before = self._back(date.start)
            word = table.lower[before] if before is not None else ""
            year_only = len(full) == 4
            if t_end <= date.start <= t_end + 8:
                if word in r.until_words or (word in ("-", "–") and "held_from" in time and year_only) \
                        or (ending and word == "in"):
                    time.setdefault("held_until", value)
                elif word in r.since_words or (word in ("(", ",") and "held_from" not in time and year_only) \
                        or (starting and word == "in"):
                    time.setdefault("held_from", value)
            elif year_only and predicate is not None and predicate.start - 8 <= date.start < predicate.start and (
                    word == "in" or word in r.since_words) and self._opens_clause(before) \
                    and "and" not in table.lower[date.end:predicate.start]:
                time.setdefault("held_from", value)  # "in 2010 she became", "Since 2018, she has served as"
                since = since or word in r.since_words
        since = since or ("held_from" in time and "held_until" not in time and self._since_after(t_end))
        if predicate is not None and time.get("held") == "former" and since and self._perfect(predicate.start):
            time["held"] = "current"  # "has served as Regional Director since 2018": held still
        return time

    def _opens_clause(self, i: int) -> bool:
        """Token i opens its sentence or follows a comma ("In 2010 she became", "Later, in 2010, she")."""
        before = self._back(i)
        table = self.table
        return before is None or table.sentence_of[before] != table.sentence_of[i] or table.words[before] == ","

    def _since_after(self, t_end: int) -> bool:
        """The year after the title opens with a "since" word ("... for Asia since 2018")."""
        for date in self.dates:
            if t_end <= date.start <= t_end + 8:
                before = self._back(date.start)
                return before is not None and self.table.lower[before] in self.r.since_words
        return False

    def _perfect(self, verb_start: int) -> bool:
        """The verb is in the perfect: "has served", "have worked", "she's headed"."""
        before = self._back(verb_start)
        if before is not None and self.table.lower[before] in self.r.perfect_adverbs:
            before = self._back(before)
        return before is not None and self.table.lower[before] in self.r.perfect_auxiliaries

    def _back(self, i: int) -> int | None:
        i -= 1
        while i >= 0 and self.table.is_space[i]:
            i -= 1
        return i if i >= 0 else None
