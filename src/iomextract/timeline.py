"""The timeline: every fact that changes, its values in the order of the documents' dates.

A fact changes when one subject, attribute and object has two or more values
(fixed facts, such as a founding year, are the check's contradictions, not a
timeline). A value is dated by the publication date of the document that
states it; statements in page furniture are not dated by the page and are
listed apart, counted once; statements from undated documents are listed
apart too, never guessed into the order. Hedged and negated claims are left out.
"""
from __future__ import annotations

from collections import defaultdict

from .check import (DocumentClaim, value_key, asserted, date_of, fixed_attributes, groups, likely_value,
                    organization_sites, subject_matcher)
from .models import EvidenceRef, Timeline, TimelineFact, TimelinePoint


def timeline(items: list[DocumentClaim], subject: str | None = None, attribute: str | None = None,
             patterns_dir: str | None = None) -> Timeline:
    fixed = fixed_attributes(patterns_dir)
    sites = organization_sites(patterns_dir)
    items, _ = asserted(items)
    about = subject_matcher(subject, patterns_dir)
    facts = []
    for (_, fact_attribute, obj), members in groups(items).items():
        if fact_attribute in fixed or (attribute and fact_attribute != attribute):
            continue
        name = members[0].claim.subject
        if not about(members[0].claim):
            continue
        if len({value_key(m.claim) for m in members}) < 2:
            continue
        dated = [m for m in members if date_of(m)]
        undated = [m for m in members if not date_of(m) and not m.claim.boilerplate]
        furniture = [m for m in members if m.claim.boilerplate]
        facts.append(TimelineFact(
            subject=name, attribute=fact_attribute, object=obj,
            points=sorted(_points(dated, by_date=True), key=lambda p: (p.date, str(p.value))),
            undated=_points(undated), boilerplate=_points(furniture, boilerplate=True),
            current=likely_value(members, False, sites)))
    facts.sort(key=lambda f: (f.subject, f.attribute, f.object or ""))
    return Timeline(facts=facts)


def _points(members: list[DocumentClaim], by_date: bool = False, boilerplate: bool = False) -> list[TimelinePoint]:
    """Statements grouped by value (and date): one point per value and date, with its documents and evidence."""
    grouped: dict[tuple, list[DocumentClaim]] = defaultdict(list)
    for member in members:
        grouped[(date_of(member) if by_date else None, value_key(member.claim))].append(member)
    points = []
    for (date, _), statements in grouped.items():
        first = statements[0].claim
        points.append(TimelinePoint(
            value=first.value, qualifier=first.qualifier, date=date,
            documents=sorted({s.document for s in statements}),
            evidence=list(dict.fromkeys(s.claim.evidence.text for s in statements)),
            where=[EvidenceRef(document=s.document, sentence=s.claim.sentence) for s in statements],
            boilerplate=boilerplate))
    return points


MAX_LISTED = 3  # documents named on a line; the rest are counted


def format_timeline(result: Timeline, width: int = 90) -> str:
    """The timeline as text for a terminal."""
    lines = []

    def row(label: str, point: TimelinePoint) -> str:
        value = f"{point.qualifier} {point.value}" if point.qualifier not in (None, "exact") else str(point.value)
        evidence = " ".join(point.evidence[0].split())  # one line, however the page wrapped it
        evidence = evidence if len(evidence) <= width else evidence[: width - 1] + "…"
        documents = point.documents
        shown_documents = ", ".join(documents) if len(documents) <= MAX_LISTED else (
            f"{', '.join(documents[:MAX_LISTED])} and {len(documents) - MAX_LISTED} more")
        if point.boilerplate and len(documents) > 1:
            shown_documents = f"page furniture on {len(documents)} pages: {shown_documents}"
        return f"  {label:<12} {value:<14} {shown_documents}\n  {'':<12} {'':<14} “{evidence}”"

    for fact in result.facts:
        target = f" / {fact.object}" if fact.object else ""
        lines.append(f"{fact.subject} / {fact.attribute}{target}")
        lines += [row(point.date, point) for point in fact.points]
        lines += [row("(no date)", point) for point in fact.undated]
        lines += [row("(furniture)", point) + "  [counted once, not dated]" for point in fact.boilerplate]
        if fact.current:
            lines.append(f"  -> {fact.current.reasons}")
        lines.append("")
    count = len(result.facts)
    lines.append(f"{count} fact{'' if count == 1 else 's'} that change{'s' if count == 1 else ''}")
    return "\n".join(lines)
