"""The cross-document check: claims with the same subject, attribute and object that disagree."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .models import Claim, Conflict, ConflictClaim, ConflictReport
from .patterns import load


@dataclass(frozen=True)
class DocumentClaim:
    document: str
    published: str | None
    claim: Claim


def fixed_attributes(patterns_dir: str | None = None) -> set[str]:
    return {rule.attribute for rule in load("claims.jsonl", patterns_dir) if rule.fixed}


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


def compatible(a: Claim, b: Claim, tolerance: float = 0.1) -> bool:
    """True when two values agree once qualifiers and precision are read.

    "over 100" and 171; "nearly 2,000" and 1,950 (within ``tolerance``);
    a decade "195" and the year "1951"; equal values.
    """
    if str(a.value) == str(b.value) and (a.qualifier or "exact") == (b.qualifier or "exact"):
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


def _value_key(claim: Claim):
    return str(claim.value), claim.qualifier or "exact"


def check(items: list[DocumentClaim], focus: set[str] | None = None,
          patterns_dir: str | None = None) -> ConflictReport:
    """Conflicts among the claims; with ``focus``, only groups that involve those documents."""
    fixed = fixed_attributes(patterns_dir)
    groups: dict[tuple, list[DocumentClaim]] = defaultdict(list)
    for item in items:
        c = item.claim
        groups[(c.subject, c.attribute, c.object)].append(item)
    conflicts, corroborated = [], 0
    for (subject, attribute, obj), members in groups.items():
        if focus is not None and not any(m.document in focus for m in members):
            continue
        values = {_value_key(m.claim) for m in members}
        if len(values) == 1:
            if len({m.document for m in members}) > 1:
                corroborated += 1
            continue
        distinct = list({_value_key(m.claim): m.claim for m in members}.values())
        all_compatible = all(compatible(a, b) for i, a in enumerate(distinct) for b in distinct[i + 1:])
        note = None
        if all_compatible:
            kind = "compatible"
        elif attribute in fixed:
            kind = "contradiction"
        else:
            kind = "changed"
            if all(m.published for m in members):
                members = sorted(members, key=lambda m: m.published)
                note = "ordered by publication date"
            else:
                note = "order unknown: not every document has a publication date"
        conflicts.append(Conflict(
            subject=subject, attribute=attribute, object=obj, kind=kind, note=note,
            claims=[ConflictClaim(document=m.document, value=m.claim.value, qualifier=m.claim.qualifier,
                                  published=m.published, evidence=m.claim.evidence.text) for m in members],
        ))
    order = {"contradiction": 0, "changed": 1, "compatible": 2}
    conflicts.sort(key=lambda c: (order[c.kind], c.subject, c.attribute, c.object or ""))
    return ConflictReport(conflicts=conflicts, corroborated=corroborated)


def format_table(report: ConflictReport, width: int = 100) -> str:
    """The report as text for a terminal."""
    lines = []
    for conflict in report.conflicts:
        target = f" / {conflict.object}" if conflict.object else ""
        lines.append(f"{conflict.kind.upper()}: {conflict.subject} / {conflict.attribute}{target}"
                     + (f"  ({conflict.note})" if conflict.note else ""))
        for claim in conflict.claims:
            value = f"{claim.qualifier} {claim.value}" if claim.qualifier not in (None, "exact") else f"{claim.value}"
            evidence = claim.evidence if len(claim.evidence) <= width else claim.evidence[: width - 1] + "…"
            lines.append(f"  {claim.document:<40} {claim.published or '(no date)':<11} {value:<16} {evidence}")
        lines.append("")
    counts = {k: sum(1 for c in report.conflicts if c.kind == k) for k in ("contradiction", "changed", "compatible")}
    lines.append(f"{counts['contradiction']} contradictions, {counts['changed']} changed, "
                 f"{counts['compatible']} compatible; {report.corroborated} claims corroborated")
    return "\n".join(lines)
