"""The library API: text or files in, validated fact sheets out."""
from __future__ import annotations

import gc
import hashlib
import threading
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from pydantic import TypeAdapter

from .candidates import chosen_candidates, published_of, set_published
from .models import ENTITY_TYPES, Claim, DocumentInfo, Entity, ExtractorInfo, FactSheet, SourceMeta
from .pipeline import build_nlp
from .components.release_header import header_facts
from .furniture import furniture_rules, mark
from .reader import SourceText, check_text, fold_format_characters, read_source
from .token_table import remember_text, token_table

_default_nlp: Language | None = None


def default_nlp() -> Language:
    global _default_nlp
    if _default_nlp is None:
        _default_nlp = build_nlp()
    return _default_nlp


ENTITY_LIST = TypeAdapter(list[Entity])
CLAIM_LIST = TypeAdapter(list[Claim])
ENTITY_FIELDS = {label: set(model.model_fields) for label, model in ENTITY_TYPES.items()}


def entity_records(doc: Doc) -> list:
    """The validated entity records of a processed Doc (one validation call for all of them)."""
    table = token_table(doc)
    records = []
    for cand in chosen_candidates(doc):
        fields = ENTITY_FIELDS[cand.label]
        record = {key: value for key, value in cand.attrs.items() if key in fields}
        record.update(type=cand.label, text=table.span_text(cand.start, cand.end), start=table.starts[cand.start],
                      end=table.ends[cand.end - 1], sentence=table.sentence_of[cand.start], rule=cand.rule)
        records.append(record)
    return ENTITY_LIST.validate_python(records)


def factsheet(doc: Doc, source: SourceText, doc_id: str, path: str, nlp: Language,
              meta: SourceMeta | None = None) -> FactSheet:
    published = published_of(doc)
    info = DocumentInfo(
        id=doc_id, path=path, sha256=source.sha256, title=doc.user_data.get("iom_title"),
        published=published.isoformat() if published else None,
        published_from=header_facts(doc).published_from if published else None,
        url=(meta.url if meta and meta.url else source.url), source=meta.source if meta else None,
        retrieved=source.retrieved, archive=source.archive, record=source.record,
        characters=len(source.text), words=sum(1 for t in doc if not (t.is_space or t.is_punct)),
        encoding=source.encoding, source_format=source.source_format,
    )
    claims = CLAIM_LIST.validate_python(doc.user_data.get("iom_claims", []))
    extractor = ExtractorInfo(version=__version__, components=list(nlp.pipe_names), model=nlp.meta.get("iomextract_model"))
    sheet = FactSheet(document=info, entities=entity_records(doc), claims=claims,
                      paragraphs=furniture_rules(nlp.meta.get("iomextract_patterns")).paragraphs(source.pipeline_text),
                      extractor=extractor)
    if source.positions is not None:
        unfold(sheet, source)
    mark(sheet, set())  # known furniture now; paragraphs repeated across documents once a batch is done
    return sheet


def unfold(sheet: FactSheet, source: SourceText) -> None:
    """Offsets and texts of a sheet made from ``source.folded``, moved to the text as given."""
    text = source.text
    for item in sheet.entities:
        item.start, item.end = source.original_span(item.start, item.end)
        item.text = text[item.start:item.end]
    for claim in sheet.claims:
        evidence = claim.evidence
        evidence.start, evidence.end = source.original_span(evidence.start, evidence.end)
        evidence.text = text[evidence.start:evidence.end]
    for paragraph in sheet.paragraphs:
        paragraph.start, paragraph.end = source.original_span(paragraph.start, paragraph.end)


_pause_lock = threading.Lock()
_pauses = 0
_collector_was_enabled = False


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while one release is processed.

    A release allocates tens of thousands of short-lived objects (tokens, candidates, records),
    which set off many collections that find next to nothing: pausing saves about 15% of the
    time (benchmarks/throughput.py). Cycles made meanwhile are collected once it runs again.
    Nested and concurrent pauses (threads of a Dask worker) run it again only when the last ends.
    """
    global _pauses, _collector_was_enabled
    with _pause_lock:
        if _pauses == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _collector_was_enabled:
                gc.enable()


def make_doc(nlp: Language, text: str, published: date | None = None, published_from: str = "meta") -> Doc:
    """A Doc to run the pipeline on; ``published`` (from a manifest or page metadata) wins over the text's."""
    doc = remember_text(nlp.make_doc(text), text)
    set_published(doc, published)
    if published is not None:
        doc.user_data["iom_published_from"] = published_from
    return doc


def source_doc(nlp: Language, source: SourceText, meta: SourceMeta | None = None, path: str | Path | None = None) -> Doc:
    """The Doc of a release file: the manifest's date first, then the page's metadata; the URL and the
    file's name are kept for a date the text does not give ("/2019/05/14/", "...-24-mar-2003.txt")."""
    if meta is not None and meta.published is not None:
        doc = make_doc(nlp, source.pipeline_text, meta.published, "meta")
    else:
        doc = make_doc(nlp, source.pipeline_text, source.published, source.published_from)
    url = meta.url if meta is not None and meta.url else source.url
    doc.user_data["iom_slugs"] = [(url, "url")] if url else []
    if path is not None and source.archive is None:  # a record's id names the archive: no slug of the page
        doc.user_data["iom_slugs"].append((Path(path).stem, "file name"))
    return doc


def extract_text(text: str, *, doc_id: str = "document", published: date | None = None,
                 nlp: Language | None = None) -> FactSheet:
    """Fact sheet of a release given as text.

    Raises TypeError for what is not a str (or ``published`` not a date), ReadError for text that is
    no release (see ``reader.check_text``).
    """
    if published is not None and not isinstance(published, date):
        raise TypeError(f"published must be a datetime.date, not {type(published).__name__}")
    text = check_text(text)
    nlp = nlp or default_nlp()
    source = fold_format_characters(SourceText(text, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
                                               "utf-8", "text"))
    with collector_paused():
        return factsheet(nlp(make_doc(nlp, source.pipeline_text, published)), source, doc_id, "", nlp)


def extract_file(path: str | Path, *, nlp: Language | None = None, meta: SourceMeta | None = None) -> FactSheet:
    """Fact sheet of a release file (.txt or .html); raises ReadError for what is not a release."""
    if not isinstance(path, (str, Path)):
        raise TypeError(f"path must be a str or Path, not {type(path).__name__}")
    source = read_source(path)
    nlp = nlp or default_nlp()
    with collector_paused():
        return factsheet(nlp(source_doc(nlp, source, meta, path)), source, Path(path).stem, str(path), nlp, meta)
