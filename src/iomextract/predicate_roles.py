"""Posts stated by a verb, and whose they are: the role side of ``predicates.py``.

"the Council elected Maria Lopes as Deputy Director General" (the verb's
object), "Jones, who served as Chief of Mission in Chad" (its subject),
"Karim Nasser was the UN envoy to the Sahel" (a form of "be", whose subject
stands right before it), "served as X (2016-2020) and as Y" (several posts
of one verb), "has been appointed the new IOM Chief of Mission" (an article
and time words before the title). ``PersonLinker`` mixes these in; it
provides the grammar (``predicates``, ``relatives``, ``post_times``) and
the token helpers (``_skip``, ``_skip_back``, ``_past_brackets``, ``_role``).
"""
from __future__ import annotations

ARTICLES = {"a", "an", "the"}
DETERMINERS = ARTICLES | {"its", "his", "her", "their", "our"}  # "as its new regional director", "NAME, his deputy"


class PredicateRoles:
    def _predicate_roles(self, table, people, titles, roles) -> list:
        """Posts stated by a verb ("was appointed Regional Director", "elected NAME as ..."): (person, role)."""
        lower = table.lower
        predicates = self.predicates.predicates(table)
        if not predicates or not people:
            return []
        title_at = {}
        for t_start, t_end, attrs in titles:
            title_at.setdefault(t_start, (t_start, t_end, attrs))
            if attrs.get("owner_start") is not None:
                title_at.setdefault(attrs["owner_start"], (t_start, t_end, attrs))
        links = self.predicates.link_ends(table)
        person_at = {p.start: p for p in people}
        by_end = {p.end: p for p in people}
        ordered = sorted(people, key=lambda p: p.start)

        def antecedent(i):  # the person named last before token i
            return next((p for p in reversed(ordered) if p.end <= i), None)

        found = []
        for predicate in predicates:
            at = self.predicates.title_at(table, predicate)
            if at is None:
                continue
            named_at = self._past_honorifics(table, at)
            if named_at in person_at:  # "the appointment of Mr. Kwame Mensah as Head of ..."
                at = named_at
            holder = None
            if not predicate.copula and (at in person_at or lower[at] in self.predicates.objects):
                # "elected Maria Lopes as", "named him head of", "chose Amy Pope to lead the agency as"
                named = person_at.get(at) or antecedent(at)
                title = self._title_after_object(table, person_at[at].end if at in person_at else at + 1,
                                                 title_at, links, person_at)
                if title is not None and not predicate.succession:
                    holder = named
            else:
                title = self._title_from(table, at, title_at)
            if title is None:
                continue
            if predicate.copula:  # "Ana Reis said the speaker was the Minister" gives Reis no post
                holder = self._subject(table, predicate.start, by_end, antecedent, window=2)
            else:
                holder = holder or self._subject(table, predicate.start, by_end, antecedent)
            if holder is None and found and found[-1][1]["sentence"] == table.sentence_of[predicate.start] \
                    and self._coordinated_verb(table, predicate.start):
                holder = found[-1][0]  # "she was Secretary of State ..., and earlier served as Ambassador"
            if holder is None:
                continue
            while title is not None:
                role = dict(self._role(title[2]), sentence=table.sentence_of[title[0]],
                            **self._times.of(title[0], title[2].get("extent_end") or title[1], predicate))
                if id(holder) not in roles:
                    roles[id(holder)] = role
                found.append((holder, role))
                title = self._coordinated_post(table, title, title_at, links)
        return found

    def _coordinated_verb(self, table, verb_start: int) -> bool:
        """The verb is the second of one subject's: "and [later] served as" right before it."""
        i = self._skip_back(table, verb_start)
        while i is not None and table.lower[i] in self.predicates.coordination_adverbs:
            i = self._skip_back(table, i)
        return i is not None and table.lower[i] == "and"

    def _coordinated_post(self, table, title, title_at, links):
        """The next post of one verb: "served as Deputy Chief of Mission in Mozambique and as Head of ..."."""
        i = self._past_brackets(table, self._skip(table, title[2].get("extent_end") or title[1]), 8)  # "(2016–2020)"
        adverbs = self.predicates.coordination_adverbs
        while i is not None and (table.lower[i] in (",", "and") or table.lower[i] in adverbs):
            if table.lower[i] == "and":
                j = self._past_aside(table, self._skip(table, i + 1))  # "and, before that, as ambassador"
                while j is not None and table.lower[j] in adverbs:
                    j = self._skip(table, j + 1)
                if j is not None and table.lower[j] == "as" and j in links:
                    return title_at.get(self.predicates.after(table, j, links) or -1)
                return None
            i = self._skip(table, i + 1)
        return None

    def _past_honorifics(self, table, i: int) -> int | None:
        while i is not None and table.words[i] in self.honorifics:
            i = self._skip(table, i + 1)
        return i

    def _past_aside(self, table, i: int | None, most: int = 5) -> int | None:
        """The word after a comma-delimited aside of a few words at ``i`` (", before that,"), else ``i``."""
        if i is None or table.words[i] != ",":
            return i
        j = self._skip(table, i + 1)
        for _ in range(most):
            if j is None or table.words[j] in (".", ";", "(", ")"):
                return i
            if table.words[j] == ",":
                return self._skip(table, j + 1)
            j = self._skip(table, j + 1)
        return i

    def _title_from(self, table, at: int | None, title_at):
        """The title starting at ``at``, or after an article and lower-case modifiers there ("was appointed
        the new IOM Chief of Mission")."""
        for _ in range(4):
            if at is None:
                return None
            if at in title_at:
                return title_at[at]
            if not (table.lower[at] in DETERMINERS or (table.words[at].islower() and table.lower[at] in self.post_times.time_words)):
                return None
            at = self._skip(table, at + 1)
        return None

    def _title_after_object(self, table, i: int, title_at, links, person_at):
        """The title after a verb's object: right after it ("named Peter Haas head of the agency", "elected her
        as Director") or after "as" further on in the clause ("chose Amy Pope to lead the agency as Director General")."""
        title = self._title_from(table, self.predicates.after(table, i, links), title_at)
        if title is not None:
            return title
        sentence = table.sentence_of[i - 1]
        for j in range(i, min(len(table.words), i + self.predicates.window)):
            if table.words[j] == ",":  # "named Sarah Lou Arriola, a Philippine diplomat, as its regional director"
                after = self._past_aside(table, j)
                if after != j and after is not None and table.lower[after] == "as" and after in links:
                    return self._title_from(table, self.predicates.after(table, after, links), title_at)
            if table.sentence_of[j] != sentence or j in person_at or table.words[j] in (",", ";", ":"):
                return None
            if table.lower[j] == "as" and j in links:
                return title_at.get(self.predicates.after(table, j, links) or -1)
        return None

    def _subject(self, table, verb_start: int, by_end, antecedent, window: int | None = None):
        """The person a verb's clause is about: a name, "who" after a name, or "he"/"she", within the window."""
        lower, sentence = table.lower, table.sentence_of[verb_start]
        i = verb_start - 1
        for _ in range(window or self.predicates.window):
            while i >= 0 and table.is_space[i]:
                i -= 1
            if i < 0 or table.sentence_of[i] != sentence:
                return None
            if i + 1 in by_end:
                return by_end[i + 1]
            if lower[i] in self.predicates.subjects:
                return antecedent(i)
            if lower[i] in self.relatives:  # "Jones, who served as ..."
                j = i - 1
                while j >= 0 and (table.is_space[j] or table.words[j] == ","):
                    j -= 1
                return by_end.get(j + 1)
            i -= 1
        return None
