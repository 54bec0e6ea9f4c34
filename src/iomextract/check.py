"""The cross-document check: claims with the same subject, attribute and object that disagree.

Claims are grouped by subject (a person by their person key), attribute and
object; values compare by their key (a title by its normalized key, so
"Director-General" and "Director General" corroborate). Hedged and negated
claims are set aside, not counted. Each conflict is a ``contradiction``
(a fixed fact: founded, member_since), ``changed`` (ordered by the
documents' publication dates; boilerplate and undated statements last) or
``compatible`` ("over 100" and 171).

The likely value (``likely_value``), a small model a reader can predict:

- support: the number of independent documents stating a value. All
  boilerplate statements of it count as one; documents stating it in the
  same sentence word for word (copies of one release) count as one.
- own source: documents from the subject organization's own site (the
  ``sites`` of ``patterns/organizations.jsonl``) add 0.5 each.
- a changing fact's current value is the one stated on the latest
  publication date; with no dated statement, the best supported (on a tie:
  a value some release states in its own words over one only furniture
  states, then the smallest value), and the reasons say it is not known.
- a fixed fact's likely value is the best supported; on a tie, the earlier
  year, since a later year often dates a later step (full membership after
  observer status, a new name).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .models import Claim, Conflict, ConflictClaim, ConflictReport, Preference, SetAsideClaim, ValueScore
from .patterns import load

OWN_SOURCE_WEIGHT = 0.5


@dataclass(frozen=True)
class DocumentClaim:
    document: str
    published: str | None
    claim: Claim
    site: str = ""


def fixed_attributes(patterns_dir: str | None = None) -> set[str]:
    return {rule.attribute for rule in load("claims.jsonl", patterns_dir) if rule.fixed}


def several_valued_attributes(patterns_dir: str | None = None) -> set[str]:
    """Attributes of which a subject holds several values at once: one document stating two is no change."""
    return {rule.attribute for rule in load("claims.jsonl", patterns_dir) if getattr(rule, "several", False)}


def claim_attributes(patterns_dir: str | None = None) -> list[str]:
    """The attributes claims can have: those of the families in patterns/claims.jsonl."""
    return sorted({rule.attribute for rule in load("claims.jsonl", patterns_dir)})


def subject_matcher(query: str | None, patterns_dir: str | None = None):
    """A test of a claim's subject against what a user typed: words of the name, or an organization's
    acronym or alias ("IOM" finds the International Organization for Migration), case aside."""
    if not query:
        return lambda claim: True
    wanted = query.lower().strip()
    names = {wanted}
    for entry in load("organizations.jsonl", patterns_dir):
        if wanted in {n.lower() for n in [entry.canonical, entry.acronym or "", *entry.aliases]}:
            names.add(entry.canonical.lower())

    def matches(claim: Claim) -> bool:
        subject = claim.subject.lower()
        return any(name in subject for name in names) or wanted == (claim.subject_key or "").lower()
    return matches


def organization_sites(patterns_dir: str | None = None) -> dict[str, set[str]]:
    """Canonical organization name -> the sites it publishes on."""
    return {entry.canonical: set(entry.sites) for entry in load("organizations.jsonl", patterns_dir) if entry.sites}


def _number(value) -> float | None:
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def _interval(value: float, qualifier: str | None, tolerance: float) -> tuple[float, float]:
    if qualifier == "over":
        return value, float("inf")
    if qualifier == "under":
        return float("-inf"), value
    if qualifier == "about":
        return value * (1 - tolerance), value * (1 + tolerance)
    return value, value


def _title_with_complement(a: Claim, b: Claim, patterns_dir: str | None = None) -> bool:
    """One title is the other with a place, office or body after it: "Chief of Mission" and "Chief of
    Mission for Nepal", "Minister" and "Minister of Health" say one post, the second more fully."""
    if not (isinstance(a.value, str) and isinstance(b.value, str)):
        return False
    shorter, longer = sorted((str(value_key(a)[0]).lower(), str(value_key(b)[0]).lower()), key=len)
    if not shorter or not longer.startswith(shorter + " "):
        return False
    prepositions = set(load("titles.json", patterns_dir).complement_prepositions)
    return longer[len(shorter) + 1:].split(" ", 1)[0] in prepositions


def compatible(a: Claim, b: Claim, tolerance: float = 0.1) -> bool:
    """True when two values agree once qualifiers and precision are read.

    "over 100" and 171; "nearly 2,000" and 1,950 (within ``tolerance``);
    a decade "195" and the year "1951"; equal values; a title and the same
    title with a complement ("Chief of Mission for Nepal").
    """
    if value_key(a) == value_key(b) or _title_with_complement(a, b):
        return True
    x, y = _number(a.value), _number(b.value)
    if isinstance(a.value, str) and isinstance(b.value, str) and a.value.isdigit() and b.value.isdigit():
        shorter, longer = sorted((a.value, b.value), key=len)
        return shorter != longer and longer.startswith(shorter)  # TIMEX3 precision: "195" holds "1951"
    if x is None or y is None:
        return False
    low_a, high_a = _interval(x, a.qualifier, tolerance)
    low_b, high_b = _interval(y, b.qualifier, tolerance)
    return max(low_a, low_b) <= min(high_a, high_b)


def value_key(claim: Claim):
    return (claim.value_key or str(claim.value)), claim.qualifier or "exact"


def group_key(claim: Claim) -> tuple:
    return claim.subject_key or claim.subject, claim.attribute, claim.object


def asserted(items: list[DocumentClaim]) -> tuple[list[DocumentClaim], list[SetAsideClaim]]:
    """The claims documents assert, and the hedged or negated ones set aside."""
    kept, set_aside = [], []
    for item in items:
        c = item.claim
        if c.hedged or c.negated:
            set_aside.append(SetAsideClaim(document=item.document, subject=c.subject, attribute=c.attribute,
                                           value=c.value, qualifier=c.qualifier, object=c.object,
                                           why="hedged" if c.hedged else "negated", evidence=c.evidence.text))
        else:
            kept.append(item)
    return kept, set_aside


def groups(items: list[DocumentClaim]) -> dict[tuple, list[DocumentClaim]]:
    out: dict[tuple, list[DocumentClaim]] = defaultdict(list)
    for item in items:
        out[group_key(item.claim)].append(item)
    return out


def date_of(item: DocumentClaim) -> str | None:
    """A statement's date: the years of a post the text gives ("Minister of Labour (2003-2006)"), else its
    document's publication date, unless it sits in page furniture. A career is ordered by its posts' years."""
    if item.claim.boilerplate:
        return None
    return item.claim.held_from or item.claim.held_until or item.published


def in_date_order(members: list[DocumentClaim]) -> list[DocumentClaim]:
    """Dated statements by date, then undated ones, then boilerplate."""
    return sorted(members, key=lambda m: (m.claim.boilerplate, date_of(m) is None, date_of(m) or ""))


def likely_value(members: list[DocumentClaim], fixed: bool, sites: dict[str, set[str]]) -> Preference:
    """The likely (fixed facts) or current (changing facts) value of a group, with scores and reasons."""
    by_value: dict[tuple, list[DocumentClaim]] = defaultdict(list)
    for member in members:
        by_value[value_key(member.claim)].append(member)
    scores = []
    for statements in by_value.values():
        first = statements[0].claim
        owner = first.object if first.attribute == "member_since" else first.subject
        own_sites = sites.get(owner or "", set())
        own = len({s.document for s in statements if s.site and s.site in own_sites and not s.claim.boilerplate})
        dated = [date_of(s) for s in statements if date_of(s)]
        support = _independent_documents(statements)
        scores.append(ValueScore(value=first.value, qualifier=first.qualifier, support=support, own_source=own,
                                 latest=max(dated) if dated else None, score=support + OWN_SOURCE_WEIGHT * own))
    if not fixed and any(s.latest for s in scores):
        best = max(scores, key=lambda s: (s.latest or "", s.score))
        what = "date" if len(best.latest or "") == 4 else "publication date"  # a post's year, or a release's date
        reasons = f"current {_show(best)}: stated on {best.latest}, the latest {what} of the values"
        return Preference(value=best.value, qualifier=best.qualifier, reasons=reasons, scores=scores)
    furniture_only = {id(score) for score, statements in zip(scores, by_value.values())
                      if all(s.claim.boilerplate for s in statements)}
    # ties: for a fixed fact the earlier year; else a value some release states in its own words over furniture
    ranked = sorted(scores, key=lambda s: (-s.score, _year(s.value) if fixed else id(s) in furniture_only, str(s.value)))
    best = ranked[0]
    tied = [s for s in ranked if s.score == best.score]
    reasons = f"{'likely' if fixed else 'best supported'} {_show(best)}: {_support_text(best)}"
    others = [s for s in ranked if s is not best]
    if others:
        reasons += " against " + ", ".join(f"{_support_text(s)} for {_show(s)}" for s in others)
    if len(tied) > 1:
        reasons += ("; equal support, so the earlier year (a later year often dates a later step)" if fixed else
                    "; equal support: a tie, shown by the value a release states in its own words, then the smallest")
    if not fixed:
        reasons += "; no statement is dated, so which is current is not known"
    return Preference(value=best.value, qualifier=best.qualifier, reasons=reasons, scores=scores)


def _independent_documents(statements: list[DocumentClaim]) -> int:
    """Documents stating a value, with all boilerplate as one and copies of one text as one."""
    by_document: dict[str, list[Claim]] = defaultdict(list)
    for statement in statements:
        by_document[statement.document].append(statement.claim)
    seen_texts: set[str] = set()
    support, furniture_counted = 0, False
    for claims in by_document.values():
        texts = {c.evidence.text for c in claims if not c.boilerplate}
        if not texts:
            support += 0 if furniture_counted else 1
            furniture_counted = True
        elif not texts <= seen_texts:
            seen_texts |= texts
            support += 1
    return support


def _year(value) -> int:
    text = str(value)
    return int(text[:4]) if text[:4].isdigit() else 0


def _show(score: ValueScore) -> str:
    return f"{score.qualifier} {score.value}" if score.qualifier not in (None, "exact") else str(score.value)


def _support_text(score: ValueScore) -> str:
    count = int(score.support) if float(score.support).is_integer() else score.support
    text = f"{count} independent document{'s' if score.support != 1 else ''}"
    if score.own_source:
        text += f" ({score.own_source} from the organization's own site)"
    return text


def check(items: list[DocumentClaim], focus: set[str] | None = None,
          patterns_dir: str | None = None) -> ConflictReport:
    """Conflicts among the claims; with ``focus``, only groups that involve those documents."""
    fixed = fixed_attributes(patterns_dir)
    several = several_valued_attributes(patterns_dir)
    sites = organization_sites(patterns_dir)
    items, set_aside = asserted(items)
    conflicts, corroborated = [], 0
    for (_, attribute, obj), members in groups(items).items():
        if focus is not None and not any(m.document in focus for m in members):
            continue
        values = {value_key(m.claim) for m in members}
        if attribute in several and len({m.document for m in members}) == 1:
            continue  # "a former Minister of Labour and Ambassador to Brazil": two posts, no change
        if len(values) == 1:
            if len({m.document for m in members}) > 1:
                corroborated += 1
            continue
        distinct = list({value_key(m.claim): m.claim for m in members}.values())
        all_compatible = all(compatible(a, b) for i, a in enumerate(distinct) for b in distinct[i + 1:])
        note, preferred = None, None
        if all_compatible:
            kind = "compatible"
        elif attribute in fixed:
            kind = "contradiction"
            preferred = likely_value(members, True, sites)
        else:
            kind = "changed"
            members = in_date_order(members)
            dated = [m for m in members if date_of(m)]
            if len(dated) == len(members):
                note = "ordered by date" if attribute in several else "ordered by publication date"
            elif dated:
                note = "dated statements by publication date, then undated and boilerplate ones"
            else:
                note = "order unknown: no statement is dated (boilerplate is not dated by its page)"
            preferred = likely_value(members, False, sites)
        conflicts.append(Conflict(
            subject=members[0].claim.subject, attribute=attribute, object=obj, kind=kind, note=note,
            claims=[ConflictClaim(document=m.document, value=m.claim.value, qualifier=m.claim.qualifier,
                                  published=m.published, evidence=m.claim.evidence.text, boilerplate=m.claim.boilerplate,
                                  attributed_to=m.claim.attributed_to, rule=m.claim.rule, site=m.site)
                    for m in members],
            preferred=preferred,
        ))
    order = {"contradiction": 0, "changed": 1, "compatible": 2}
    conflicts.sort(key=lambda c: (order[c.kind], c.subject, c.attribute, c.object or ""))
    if focus is not None:
        set_aside = [s for s in set_aside if s.document in focus]
    return ConflictReport(conflicts=conflicts, corroborated=corroborated, set_aside=set_aside)


def plural(count: int, word: str, many: str | None = None) -> str:
    """"1 contradiction", "2 contradictions", "1 fact that changes"."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def statement_lines(claims: list[ConflictClaim]) -> list[tuple[list[ConflictClaim], str]]:
    """A conflict's statements with their copies together: (the statements, the kind of group).

    Page furniture of one value on one site is one line however many pages print it ("furniture");
    documents that state one value in the same sentence word for word are one line ("copies").
    """
    groups: dict[tuple, list[ConflictClaim]] = {}
    for claim in claims:
        key = (("furniture", claim.site, claim.value, claim.qualifier) if claim.boilerplate
               else ("copies", claim.value, claim.qualifier, " ".join(claim.evidence.split()).lower()))
        groups.setdefault(key, []).append(claim)
    return [(members, key[0]) for key, members in groups.items()]


def format_table(report: ConflictReport, width: int = 100) -> str:
    """The report as text for a terminal: each distinct statement of a conflict once."""
    lines = []
    for conflict in report.conflicts:
        target = f" / {conflict.object}" if conflict.object else ""
        lines.append(f"{conflict.kind.upper()}: {conflict.subject} / {conflict.attribute}{target}"
                     + (f"  ({conflict.note})" if conflict.note else ""))
        for members, kind in statement_lines(conflict.claims):
            claim = members[0]
            value = f"{claim.qualifier} {claim.value}" if claim.qualifier not in (None, "exact") else f"{claim.value}"
            evidence = " ".join(claim.evidence.split())  # one line, however the page wrapped it
            evidence = evidence if len(evidence) <= width else evidence[: width - 1] + "…"
            if kind == "furniture" and len(members) > 1:
                where = f" of {claim.site}" if claim.site else ""
                lines.append(f"  {value} — page furniture on {len(members)} pages{where}: {evidence}")
                continue
            dates = sorted({m.published for m in members if m.published})
            date = "(furniture)" if claim.boilerplate else (
                (dates[0] if len(dates) == 1 else f"{dates[0]}…{dates[-1]}") if dates else "(no date)")
            document = claim.document if len(members) == 1 else f"{claim.document} and {plural(len(members) - 1, 'other')}"
            lines.append(f"  {document:<40} {date:<11} {value:<16} {evidence}")
        if conflict.preferred:
            lines.append(f"  -> {conflict.preferred.reasons}")
        lines.append("")
    if report.set_aside:
        lines.append("SET ASIDE (hedged or negated, in no conflict):")
        for item in report.set_aside:
            lines.append(f"  {item.document:<40} {item.why:<8} {item.subject} / {item.attribute} = {item.value}")
        lines.append("")
    counts = {k: sum(1 for c in report.conflicts if c.kind == k) for k in ("contradiction", "changed", "compatible")}
    lines.append(f"{plural(counts['contradiction'], 'contradiction')}, {counts['changed']} changed, "
                 f"{counts['compatible']} compatible; {plural(report.corroborated, 'claim')} corroborated; "
                 f"{len(report.set_aside)} set aside")
    return "\n".join(lines)
