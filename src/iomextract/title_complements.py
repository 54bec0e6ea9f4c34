"""What follows a title's head: its complements, read with the grammar of ``patterns/titles.json``.

"of X", "for X", "to X", "in X", chained: a place ("in Nigeria", "for the
Middle East and North Africa", a bare region before a name: "Regional Director
West Africa NAME"), an organization that ends the title and gives its org
("Director General of IOM") or stays in it ("Director of IOM's Department of
...", "Head of the IOM office in Libya"), the org a pronoun stands for ("head
of the agency"), or a run of capitalized words that may end in a name
("Minister of Interior Otieno Wafula"). ``TitleFinder`` mixes these in.
"""
from __future__ import annotations

from .components.release_context import ORG_KNOWN_RULES
from .token_table import TokenTable

POSSESSIVE = {"'s", "’s"}
POSSESSIVES = POSSESSIVE | {"'", "’"}  # "Women's", "Workers'"
SENTENCE_ENDS = {".", "!", "?"}


class TitleComplements:
    """Complements after a title's head; the host provides the grammar's tables and ``_next``/``_previous``."""

    def _complement(self, table: TokenTable, end: int, capitalized: bool, ent_at, placed: bool = False):
        """One complement after position end: (kind, its end, value) or None.

        kinds: "org" (the title ends before it; value: the org), "org_in_title"
        (kept; value: the org), "place", "run" (capitalized words; value: where a
        name starts inside the run, if one does).
        """
        words, lower = table.words, table.lower
        i = self._next(table, end)
        if i is None:
            return None
        length = 0
        for phrase in self.phrases:
            if tuple(lower[i:i + len(phrase)]) == phrase:
                length = len(phrase)
                break
        if not length:
            if capitalized and words[i][:1].isupper():
                return self._bare_place(table, i, ent_at)
            if lower[i] not in self.prepositions or words[i][:1].isupper():
                return None
            length = 1
        preposition = lower[i]
        if not capitalized and preposition in self.place_prepositions and not placed:
            # "an IOM spokesman in Geneva": the place is where the person is, no part of the title
            j = self._next(table, i + 1)
            cand = ent_at.get(j) if j is not None else None
            if cand is not None and cand.label == "PLACE" and cand.start == j:
                return "outside", self._place_list_end(table, cand, ent_at), None
            return None
        j = self._next(table, i + length)
        for size in (3, 2):  # "head of the agency", "Director of the Organization": the org the pronoun stands for
            if j is None or preposition not in ("of", *self.org_prepositions) \
                    or tuple(lower[j:j + size]) not in self.org_pronouns or (j + size - 1) in ent_at:
                continue
            org = self._described_org(lower[j + size - 1], j, ent_at)
            if j + size < len(lower) and lower[j + size] in POSSESSIVE:
                # "Director of the Organization's Department of Operations": the department is in the title
                k = self._next(table, j + size + 1)
                cand = ent_at.get(k) if k is not None else None
                if cand is not None and cand.start == k and cand.label == "ORG":
                    return "org_in_title", cand.end, org
                run = self._run(table, k, ent_at) if k is not None and table.words[k][:1].isupper() else None
                return ("org_in_title", run[1], org) if run is not None else None
            return "org", j + size, org
        if j is not None and lower[j] == "the" and not (j in ent_at and ent_at[j].start == j):
            j = self._next(table, j + 1)  # "for the Middle East" may name its place with the article or without
        if j is None:
            return None
        cand = ent_at.get(j)
        if cand is not None and cand.start == j and cand.label == "ORG":
            office_end = self._office_after(table, cand.end)
            possessive = self._next(table, cand.end)
            if office_end is None and possessive is not None and table.words[possessive] in POSSESSIVE:
                office_end = self._office_after(table, possessive + 1)  # "head of IOM's office in Libya"
            if office_end is not None:  # "Head of the IOM office in Niger", "Chief of IOM mission in Nepal"
                return "office", office_end, cand.attrs.get("canonical")
            owned = self._owned_org(table, cand, ent_at)
            if owned is not None:  # "Director of IOM's Department of Operations": IOM's, in the title
                return "org_in_title", owned.end, cand.attrs.get("canonical")
            if preposition in self.org_prepositions or (preposition == "of" and cand.rule in ORG_KNOWN_RULES):
                return "org", cand.end, cand.attrs.get("canonical")
            return "org_in_title", cand.end, cand.attrs.get("canonical")
        if cand is not None and cand.start == j and cand.label == "PLACE":
            return "place", self._place_list_end(table, cand, ent_at), None
        if cand is not None:
            return None
        if not words[j][:1].isupper():
            return self._lowercase_run(table, j) if not capitalized else None
        return self._run(table, j, ent_at)

    def _head_after_modifiers(self, table: TokenTable, i: int, head_starts) -> int | None:
        """The head that the modifiers starting at i lead to ("Home" -> "Secretary"), if they lead to one."""
        for _ in range(4):
            if i is None or i in head_starts:
                return i
            if not self._is_modifier(table, i, True):
                return None
            i = self._next(table, i + 1)
        return None

    def _bare_place(self, table: TokenTable, i: int, ent_at):
        """A region or country right after a capitalized title, the person's name after it: "Regional
        Director West Africa Christopher Gascon", "Chief of Mission Kenya, Ana Reis"."""
        cand = ent_at.get(i)
        if cand is None or cand.start != i or cand.label != "PLACE" or cand.attrs.get("kind") not in self.bare_place_kinds:
            return None
        end = self._place_list_end(table, cand, ent_at)
        if self._head_after_modifiers(table, self._next(table, end), self._head_starts) is not None:
            return None  # "Assistant U.K. Home Secretary": the place opens the next title's modifiers
        comma = self._next(table, end)
        name_after = comma + 1 if comma is not None and table.words[comma] == "," else end
        return ("place", end, None) if self._name_follows(table, name_after, ent_at) else None

    def _office_after(self, table: TokenTable, end: int) -> int | None:
        """End of an office word right after an organization ("IOM office", "IOM Field Office"), if one is there."""
        i = self._next(table, end)
        if i is None:
            return None
        for words in self.office_words:
            if tuple(table.lower[i:i + len(words)]) == words:
                return i + len(words)
        return None

    def _lowercase_run(self, table: TokenTable, j: int):
        """A lower-case complement of title words ("minister for foreign affairs"), ending in a complement word."""
        words, lower = table.words, table.lower
        end, i = None, j
        while i < len(words) and (table.wrap[i] or (words[i].islower() and (
                lower[i] in self.lower_title_words or lower[i] in self.connectors))):
            if not table.wrap[i] and lower[i] in self.lower_complement_words:
                end = i + 1
            i += 1
        return ("run", end, None) if end is not None else None

    def _name_follows(self, table: TokenTable, end: int, ent_at) -> bool:
        """A person's name starts right after ``end``: a known given name, an initial, or two capitalized words."""
        words = table.words
        i = self._next(table, end)
        if i is None or not words[i][:1].isupper() or not words[i].replace(".", "").isalpha():
            return False
        if i in ent_at and not (ent_at[i].label == "PLACE" and ent_at[i].attrs.get("kind") == "city"):
            return False  # a name may share its first words with a small town ("Aung San"), not with a country
        if table.folded[i] in self.first_names or (len(words[i].rstrip(".")) == 1):
            return True
        k = self._next(table, i + 1)
        return k is not None and words[k][:1].isupper() and words[k].isalpha() and (
            k not in ent_at or ent_at[k] is ent_at[i])

    def _owned_org(self, table: TokenTable, owner, ent_at):
        """The organization right after "OWNER's", if one is there ("IOM's Department of ...")."""
        j = self._next(table, owner.end)
        if j is None or table.words[j] not in POSSESSIVE:
            return None
        k = self._next(table, j + 1)
        cand = ent_at.get(k) if k is not None else None
        return cand if cand is not None and cand.start == k and cand.label == "ORG" else None

    def _place_list_end(self, table: TokenTable, first, ent_at) -> int:
        """End of "Central America, North America and the Caribbean" in a title.

        Places joined by commas belong to the title only up to the one "and" joins:
        in "Ambassador to Ethiopia, Njeri Kamau" the comma ends the title.
        """
        words, lower = table.words, table.lower
        confirmed, joined, i = first.end, False, first.end
        while i < len(words):
            cand = ent_at.get(i)
            if cand is not None and cand.label == "PLACE" and cand.start == i:
                if joined:
                    confirmed = cand.end
                joined, i = False, cand.end
                continue
            if lower[i] in ("and", "&"):
                joined = True
            elif not (words[i] == "," or table.is_space[i] or lower[i] == "the"):
                break
            i += 1
        return confirmed

    def _run(self, table: TokenTable, j: int, ent_at):
        """A complement of capitalized words ("Interior and Administrative Reform"); a name may end it."""
        words, lower = table.words, table.lower
        run, i = [], j
        while i < len(words):
            if table.wrap[i]:
                i += 1
                continue
            if i in ent_at or words[i] in self.honorifics or (run and self._head_as_honorific(table, i)):
                break
            if words[i][:1].isupper() and any(c.isalpha() for c in words[i]):
                run.append(i)
            elif run and run[-1] == i - 1 and words[i] in POSSESSIVES and self._capitalized_next(table, i):
                pass  # "Minister of Women's Affairs", "Migrant Workers' Affairs"
            elif lower[i] in self.connectors or lower[i] in ("of", "the") or words[i] == "-":
                if not run or (lower[i] in self.connectors and self._another_person(table, self._next(table, i + 1))):
                    break
            else:
                break
            i += 1
        while run and not words[run[-1]][:1].isupper():
            run.pop()
        if not run:
            return None
        end = run[-1] + 1
        return "run", end, self._name_start(table, run) if self._no_name_follows(table, end) else None

    def _capitalized_next(self, table: TokenTable, i: int) -> bool:
        following = self._next(table, i + 1)
        return following is not None and table.words[following][:1].isupper()

    def _head_as_honorific(self, table: TokenTable, i: int) -> bool:
        """A head right before a given name opens the name ("Minister of Interior Ambassador Ana Lima")."""
        following = self._next(table, i + 1)
        return (i in self._head_starts and following is not None and table.words[following][:1].isupper()
                and table.folded[following] in self.first_names)

    def _another_person(self, table: TokenTable, i: int | None) -> bool:
        """After "and" in a complement: another title ("and Major General X") or a name ("and Maxime Tandonnet,")."""
        if i is None:
            return False
        if table.lower[i] in ("the", "a", "an"):  # "Minister of Labour and the Director General"
            following = self._next(table, i + 1)
            return following is not None and (following in self._head_starts or (
                table.lower[following] in self.modifiers and self._head_after_modifiers(
                    table, following, self._head_starts) is not None))
        if i in self._head_starts:
            return True
        words = table.words
        j = self._next(table, i + 1)
        return (table.folded[i] in self.first_names and words[i][:1].isupper() and j is not None
                and words[j][:1].isupper() and words[j] not in self.complement_words
                and table.lower[j] not in self.modifiers)

    def _no_name_follows(self, table: TokenTable, end: int) -> bool:
        """True when the words after a complement run are no name, so a name may end the run itself.

        "... Operations Ugochi Daniels opened", "said ... Ugochi Daniels, speaking at" and a
        sentence end leave the name inside the run; "..., Ugochi Daniels" puts it after the comma.
        """
        words = table.words
        following = self._next(table, end)
        if following is None or words[following][:1].islower():
            return True
        if words[following] in SENTENCE_ENDS:
            return True
        if words[following] in (",", ";"):
            after = self._next(table, following + 1)
            return after is None or not words[after][:1].isupper()
        return False

    def _name_start(self, table: TokenTable, run: list[int]) -> int | None:
        """Where a person's name starts at the end of a prenominal complement, if one does.

        "Minister of Interior and Administrative Reform Tomás Almeida opened ...": the
        name starts at the first known given name with a word after it, or else is the
        last two words when neither is a word of title complements.
        """
        words, folded = table.words, table.folded
        capitalized = [i for i in run if words[i][:1].isupper()]
        for position, i in enumerate(capitalized[1:-1], 1):
            if folded[i] in self.first_names:
                return i
        if len(capitalized) >= 3:
            tail = capitalized[-2:]
            if not any(words[i] in self.complement_words or table.lower[i] in self.modifiers for i in tail):
                return tail[0]
        return None
