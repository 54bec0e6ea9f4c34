"""The review page: one self-contained HTML file with highlighted releases, claims and conflicts."""
from __future__ import annotations

import hashlib
import html
import math
from collections import Counter
from dataclasses import dataclass

from datetime import date

from .check import statement_lines
from .models import ConflictReport, FactSheet, Timeline, TimelineFact

TYPE_COLOURS = {"ORG": "#7aecec", "PERSON": "#aa9cfc", "DATE": "#bfe1d9", "PLACE": "#feca74", "FIGURE": "#e4e7d2"}
KINDS = ("contradiction", "changed", "compatible")


@dataclass
class ReportDocument:
    sheet: FactSheet
    text: str | None  # the decoded text the offsets refer to; None when the release is not at hand


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _anchor(doc_id: str) -> str:
    """An HTML id for a document; ids that lost characters get a hash of the whole, so 'a b' and 'a_b' differ."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in doc_id)
    if safe != doc_id:
        safe += "-" + hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return "doc-" + safe


def entity_note(entity) -> str:
    """The normalized values of an entity, for its tooltip."""
    fields = entity.model_dump(exclude={"type", "text", "start", "end", "sentence"}, exclude_none=True)
    if entity.type == "FIGURE":
        value = fields.get("value")
        number = int(value) if float(value).is_integer() else value
        return " / ".join(str(x) for x in (number, fields.get("qualifier"), fields.get("unit")) if x is not None)
    return "; ".join(f"{k}: {v}" for k, v in fields.items()) or entity.type


def highlighted_text(doc: ReportDocument) -> str:
    """The release text with entity marks and claim evidence anchors, every piece escaped."""
    text, sheet = doc.text, doc.sheet
    anchor = _anchor(sheet.document.id)
    evidence = {}
    for claim in sheet.claims:
        evidence.setdefault((claim.evidence.start, claim.evidence.end), f"{anchor}-s{claim.sentence}")
    bounds = {0, len(text)}
    for entity in sheet.entities:
        bounds.update((entity.start, entity.end))
    for start, end in evidence:
        bounds.update((start, end))
    bounds = sorted(b for b in bounds if 0 <= b <= len(text))
    entity_at = {}
    for entity in sheet.entities:
        entity_at[entity.start] = entity
    evidence_starts = {start: eid for (start, _), eid in evidence.items()}
    parts, current_entity = [], None
    for start, end in zip(bounds, bounds[1:]):
        if current_entity is not None and start >= current_entity.end:
            current_entity = None
        current_entity = entity_at.get(start, current_entity)
        if start in evidence_starts:
            parts.append(f'<a class="anchor" id="{evidence_starts[start]}"></a>')
        ev = next((eid for (s, e), eid in evidence.items() if s <= start < e), None)
        piece = _e(text[start:end])
        if ev:
            piece = f'<span class="ev {ev}">{piece}</span>'
        if current_entity is not None:
            label = current_entity.type
            piece = (f'<mark class="ent ent-{label}" title="{_e(label + ": " + entity_note(current_entity))}">'
                     f'{piece}{"<span class=lbl>" + label + "</span>" if end == current_entity.end else ""}</mark>')
        parts.append(piece)
    return "".join(parts)


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def chart_points(fact: TimelineFact) -> list:
    """(day, number, point) of a fact's dated numeric values: a chart needs two of them."""
    return [(date.fromisoformat(p.date).toordinal(), _number(p.value), p) for p in fact.points
            if p.date and _number(p.value) is not None]


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round values for a scale from low to high, at least three: steps of 1, 2 or 5 times a power of ten."""
    span = high - low
    if span <= 0:
        return [low]
    power = 10 ** math.floor(math.log10(span / count))
    steps = sorted({m * power * scale for m in (1, 2, 5) for scale in (0.1, 1, 10)})
    ticks: list[float] = []
    for step in reversed([s for s in steps if s <= span]):  # the coarsest step that still gives three
        first = math.ceil(low / step) * step
        ticks = [round(first + i * step, 10) for i in range(int((high - first) / step + 1e-9) + 1)]
        if len(ticks) >= 3 and len(ticks) <= 2 * count:
            return ticks
    return ticks


def _tick_label(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def timeline_chart(fact: TimelineFact, anchor_of, width: int = 640, height: int = 220) -> str:
    """An inline SVG of a numeric fact's dated values, with a value scale; each point links to its sentence."""
    points = chart_points(fact)
    left, right, top, bottom = 64, 24, 20, 40
    days = [d for d, _, _ in points]
    values = [v for _, v, _ in points]
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or max(1.0, abs(high) * 0.1)
    low, high = low - pad, high + pad
    first, last = min(days), max(days)

    def x(day):
        return left + (width - left - right) * ((day - first) / (last - first) if last > first else 0.5)

    def y(value):
        return top + (height - top - bottom) * (1 - (value - low) / (high - low))

    out = [f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'aria-label="{_e(fact.subject)} {_e(fact.attribute)} over time">',
           f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" class="axis"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" class="axis"/>']
    for tick in nice_ticks(low, high):
        out.append(f'<line x1="{left}" y1="{y(tick):.1f}" x2="{width - right}" y2="{y(tick):.1f}" class="grid"/>'
                   f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" class="y-tick">{_tick_label(tick)}</text>')
    ordered = sorted(points, key=lambda item: item[0])
    if len(ordered) > 1:
        out.append('<polyline class="trend" points="' + " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v, _ in ordered) + '"/>')
    for day, value, point in ordered:
        ref = point.where[0] if point.where else None
        label = f"{point.date}: {point.value}" + (f" ({', '.join(point.documents)})" if point.documents else "")
        href = anchor_of(ref.document, ref.sentence) if ref else None
        circle = (f'<circle class="point" cx="{x(day):.1f}" cy="{y(value):.1f}" r="5"><title>{_e(label)}</title></circle>'
                  f'<text x="{x(day):.1f}" y="{y(value) - 9:.1f}" class="point-label">{_e(point.value)}</text>')
        out.append(f'<a class="point-link" href="#{_e(href)}">{circle}</a>' if href else circle)
    # the first date label starts at its point and the last ends at its own, so neither leaves the chart
    for day, anchor in ((first, "start"), (last, "end")) if last > first else ((first, "middle"),):
        out.append(f'<text x="{x(day):.1f}" y="{height - bottom + 16}" class="tick" style="text-anchor:{anchor}">'
                   f'{date.fromordinal(day).isoformat()}</text>')
    out.append("</svg>")
    return "".join(out)


def render_timeline(result: Timeline, known: set[str]) -> str:
    def anchor_of(document: str, sentence: int) -> str | None:
        return f"{_anchor(document)}-s{sentence}" if document in known else None

    out = ['<section id="timeline"><h2>Timeline</h2>']
    if not result.facts:
        out.append("<p>No fact changes across these documents.</p>")
    for number, fact in enumerate(result.facts):
        target = f" / {_e(fact.object)}" if fact.object else ""
        out.append(f'<div class="fact" id="fact-{number}"><h3>{_e(fact.subject)} / {_e(fact.attribute)}{target}</h3>')
        if len({day for day, _, _ in chart_points(fact)}) >= 2:  # one date is a row of the table, not a chart
            out.append(timeline_chart(fact, anchor_of))
        rows = [("dated", p) for p in fact.points] + [("no date", p) for p in fact.undated] + \
            [("furniture", p) for p in fact.boilerplate]
        out.append('<table class="points"><tr><th>date</th><th>value</th><th>documents</th></tr>')
        for label, point in rows:
            value = f"{point.qualifier} {point.value}" if point.qualifier not in (None, "exact") else f"{point.value}"
            links = ", ".join((f'<a href="#{anchor_of(ref.document, ref.sentence)}">{_e(ref.document)}</a>'
                               if anchor_of(ref.document, ref.sentence) else _e(ref.document)) for ref in point.where)
            muted = ' class="boilerplate"' if point.boilerplate else ""
            when = point.date if label == "dated" else label + (" (counted once)" if point.boilerplate else "")
            out.append(f"<tr{muted}><td>{_e(when)}</td><td>{_e(value)}</td><td>{links}</td></tr>")
        out.append("</table>")
        if fact.current:
            out.append(f'<p class="preferred">{_e(fact.current.reasons)}</p>')
        out.append("</div>")
    out.append("</section>")
    return "".join(out)


def render(documents: list[ReportDocument], conflicts: ConflictReport, timeline: Timeline | None = None) -> str:
    """The whole page as one string."""
    entity_counts = Counter(e.type for d in documents for e in d.sheet.entities)
    # people: one per person key (a person named in several releases is one), else per name
    people = len({e.key or e.text for d in documents for e in d.sheet.entities if e.type == "PERSON"})
    claim_count = sum(len(d.sheet.claims) for d in documents)
    kind_counts = Counter(c.kind for c in conflicts.conflicts)
    known = {d.sheet.document.id for d in documents}
    out = [PAGE_HEAD]
    out.append("<h1>iomextract review</h1>")
    out.append('<section id="overview"><h2>Overview</h2><table class="overview">')
    out.append(f"<tr><th>documents</th><td>{len(documents)}</td></tr>")
    out.append(f"<tr><th>people</th><td>{people}</td></tr>")
    for label in TYPE_COLOURS:
        out.append(f'<tr><th><mark class="ent ent-{label}">{label}</mark> mentions</th>'
                   f'<td>{entity_counts.get(label, 0)}</td></tr>')
    out.append(f"<tr><th>claims</th><td>{claim_count}</td></tr>")
    for kind in KINDS:
        out.append(f"<tr><th>{kind}</th><td>{kind_counts.get(kind, 0)}</td></tr>")
    out.append(f"<tr><th>corroborated</th><td>{conflicts.corroborated}</td></tr></table></section>")

    out.append('<section id="filters"><h2>Filters</h2>')
    for label in TYPE_COLOURS:
        out.append(f'<label><input type="checkbox" class="type-filter" value="{label}" checked> '
                   f'<mark class="ent ent-{label}">{label}</mark></label> ')
    out.append('<label>conflicts: <select id="kind-filter"><option value="">all kinds</option>'
               + "".join(f'<option value="{k}">{k}</option>' for k in KINDS) + "</select></label></section>")

    out.append('<section id="conflicts"><h2>Conflicts</h2>')
    if not conflicts.conflicts:
        out.append("<p>No claims disagree.</p>")
    for number, conflict in enumerate(conflicts.conflicts):
        target = f" / {_e(conflict.object)}" if conflict.object else ""
        out.append(f'<div class="conflict kind-{conflict.kind}" id="conflict-{number}">'
                   f'<h3><span class="kind">{conflict.kind}</span> {_e(conflict.subject)} / {_e(conflict.attribute)}{target}</h3>')
        if conflict.note:
            out.append(f'<p class="note">{_e(conflict.note)}</p>')
        out.append('<div class="sides">')
        for members, _ in statement_lines(conflict.claims):  # copies of one statement: one card
            side = members[0]
            value = f"{side.qualifier} {side.value}" if side.qualifier not in (None, "exact") else f"{side.value}"
            link = ", ".join(f'<a href="#{_anchor(m.document)}">{_e(m.document)}</a>' if m.document in known
                             else _e(m.document) for m in members[:3]) + (
                f" and {len(members) - 3} more" if len(members) > 3 else "")
            when = (f"page furniture on {len(members)} pages" + (f" of {side.site}" if side.site else "")
                    + ": not dated" if side.boilerplate and len(members) > 1
                    else "page furniture: not dated" if side.boilerplate else (side.published or "no date"))
            out.append(f'<div class="side{" boilerplate" if side.boilerplate else ""}"><div class="value">{_e(value)}</div>'
                       f'<div>{link}</div><div class="date">{_e(when)}</div>'
                       f'<blockquote class="evidence">{_e(side.evidence)}</blockquote></div>')
        out.append("</div>")
        if conflict.preferred:
            out.append(f'<p class="preferred">{_e(conflict.preferred.reasons)}</p>')
        out.append("</div>")
    if conflicts.set_aside:
        out.append('<h3>Set aside: hedged or negated</h3><ul class="set-aside">'
                   + "".join(f"<li>{_e(item.document)}: {_e(item.subject)} / {_e(item.attribute)} = {_e(item.value)} "
                             f"<small>({item.why}) {_e(item.evidence)}</small></li>" for item in conflicts.set_aside)
                   + "</ul>")
    out.append("</section>")
    if timeline is not None:
        out.append(render_timeline(timeline, known))

    out.append('<section id="documents"><h2>Documents</h2>')
    for doc in documents:
        info = doc.sheet.document
        anchor = _anchor(info.id)
        out.append(f'<details class="document" id="{anchor}"{" open" if len(documents) <= 3 else ""}>'
                   f'<summary>{_e(info.title or info.id)} <small>{_e(info.id)} · {len(doc.sheet.entities)} entities · '
                   f'{len(doc.sheet.claims)} claims · {_e(info.published or "no date")}</small></summary>')
        out.append('<table class="claims"><tr><th>subject</th><th>attribute</th><th>value</th><th>object</th><th>evidence</th></tr>')
        for claim in doc.sheet.claims:
            value = f"{claim.qualifier} {claim.value}" if claim.qualifier not in (None, "exact") else f"{claim.value}"
            flags = [name for name in ("hedged", "negated", "boilerplate") if getattr(claim, name)]
            row = f' class="{" ".join(flags)}"' if flags else ""
            out.append(f"<tr{row}><td>{_e(claim.subject)}</td><td>{_e(claim.attribute)}</td><td>{_e(value)}</td>"
                       f"<td>{_e(claim.object or '')}</td><td><a class=\"evidence-link\" href=\"#{anchor}-s{claim.sentence}\">"
                       f"sentence {claim.sentence}</a></td></tr>")
        out.append("</table>")
        if doc.text is None:
            out.append('<p class="note">The release text is not at hand; entities:</p><ul>'
                       + "".join(f"<li>{_e(e.type)}: {_e(e.text)} ({_e(entity_note(e))})</li>" for e in doc.sheet.entities)
                       + "</ul>")
        else:
            out.append(f'<div class="text">{highlighted_text(doc)}</div>')
        out.append("</details>")
    out.append("</section>")
    out.append(PAGE_SCRIPT)
    return "".join(out)


STYLE = "\n".join([
    "body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}",
    ".ent{padding:0 .2em;border-radius:.3em;line-height:1.9}",
    ".lbl{font-size:.6em;font-weight:bold;margin-left:.3em;vertical-align:middle;opacity:.7}",
    *[f".ent-{k}{{background:{v}}}" for k, v in TYPE_COLOURS.items()],
    *[f"body.hide-{k} .ent-{k}{{background:none}} body.hide-{k} .ent-{k} .lbl{{display:none}}" for k in TYPE_COLOURS],
    ".text{white-space:pre-wrap;border:1px solid #ddd;padding:1em;border-radius:.4em;background:#fff}",
    ".ev.hl{outline:2px solid #e6194b;background:#fff3b0}",
    ".conflict{border-left:.4em solid #999;padding:.2em 1em;margin:1em 0;background:#fafafa}",
    ".kind-contradiction{border-color:#e6194b}.kind-changed{border-color:#f58231}.kind-compatible{border-color:#3cb44b}",
    ".kind{text-transform:uppercase;font-size:.8em;letter-spacing:.05em}",
    ".sides{display:flex;gap:1em;flex-wrap:wrap}.side{flex:1 1 300px;background:#fff;border:1px solid #ddd;padding:.5em}",
    ".value{font-size:1.3em;font-weight:bold}.date,.note{color:#666}",
    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left}",
    "details.document{margin:1em 0}summary{cursor:pointer;font-weight:bold}",
    ".hidden{display:none}",
    ".boilerplate,.hedged,.negated{opacity:.5}.preferred{font-weight:bold;color:#1a5f2a}",
    ".chart{display:block;margin:.5em 0;background:#fff;border:1px solid #ddd}.chart .axis{stroke:#999}",
    ".chart .trend{fill:none;stroke:#4363d8;stroke-width:2}.chart .point{fill:#e6194b}",
    ".chart .point-label,.chart .tick{font-size:11px;fill:#333;text-anchor:middle}",
    ".chart .y-tick{font-size:11px;fill:#555;text-anchor:end}.chart .grid{stroke:#eee}",
])

PAGE_HEAD = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<title>iomextract review</title><style>" + STYLE + "</style></head><body>")

PAGE_SCRIPT = """<script>
document.querySelectorAll('.type-filter').forEach(function (box) {
  box.addEventListener('change', function () { document.body.classList.toggle('hide-' + box.value, !box.checked); });
});
document.getElementById('kind-filter').addEventListener('change', function (event) {
  document.querySelectorAll('.conflict').forEach(function (c) {
    c.classList.toggle('hidden', event.target.value !== '' && !c.classList.contains('kind-' + event.target.value));
  });
});
function showEvidence() {
  document.querySelectorAll('.ev.hl').forEach(function (e) { e.classList.remove('hl'); });
  var id = decodeURIComponent(location.hash.slice(1));
  if (!id) return;
  var target = document.getElementById(id);
  if (!target) return;
  var details = target.closest('details'); if (details) details.open = true;
  document.querySelectorAll('.ev.' + CSS.escape(id)).forEach(function (e) { e.classList.add('hl'); });
  target.scrollIntoView({block: 'center'});
}
window.addEventListener('hashchange', showEvidence);
showEvidence();
</script></body></html>"""
