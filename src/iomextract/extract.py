"""The library API: text or files in, validated fact sheets out."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .candidates import sentence_index
from .models import ENTITY_TYPES, Claim, DocumentInfo, ExtractorInfo, FactSheet, SourceMeta
from .pipeline import build_nlp
from .components.release_header import header_facts
from .furniture import furniture_rules, mark
from .reader import SourceText, read_source
from .token_table import release_table, remember_text

_default_nlp: Language | None = None


def default_nlp() -> Language:
    global _default_nlp
    if _default_nlp is None:
        _default_nlp = build_nlp()
    return _default_nlp


def entity_records(doc: Doc) -> list:
    sentences = sentence_index(doc)
    records = []
    for ent in doc.ents:
        model = ENTITY_TYPES[ent.label_]
        attrs = {k: v for k, v in ent._.attrs.items() if k in model.model_fields}
        records.append(model(text=ent.text, start=ent.start_char, end=ent.end_char,
                             sentence=sentences[ent.start], **attrs))
    return records


def factsheet(doc: Doc, source: SourceText, doc_id: str, path: str, nlp: Language,
              meta: SourceMeta | None = None) -> FactSheet:
    published = doc._.published
    info = DocumentInfo(
        id=doc_id, path=path, sha256=source.sha256, title=doc._.title,
        published=published.isoformat() if published else None,
        published_from=header_facts(doc).published_from if published else None,
        url=meta.url if meta else None, source=meta.source if meta else None,
        characters=len(source.text), words=sum(1 for t in doc if not (t.is_space or t.is_punct)),
        encoding=source.encoding, source_format=source.source_format,
    )
    claims = [Claim.model_validate(c) for c in doc.user_data.get("iom_claims", [])]
    extractor = ExtractorInfo(version=__version__, components=list(nlp.pipe_names), model=nlp.meta.get("iomextract_model"))
    sheet = FactSheet(document=info, entities=entity_records(doc), claims=claims,
                      paragraphs=furniture_rules(nlp.meta.get("iomextract_patterns")).paragraphs(source.text),
                      extractor=extractor)
    mark(sheet, set())  # known furniture now; paragraphs repeated across documents once a batch is done
    return sheet


def make_doc(nlp: Language, text: str, published: date | None = None, published_from: str = "meta") -> Doc:
    """A Doc to run the pipeline on; ``published`` (from a manifest or page metadata) wins over the text's."""
    doc = remember_text(nlp.make_doc(text), text)
    doc._.published = published
    if published is not None:
        doc.user_data["iom_published_from"] = published_from
    return doc


def source_doc(nlp: Language, source: SourceText, meta: SourceMeta | None = None) -> Doc:
    """The Doc of a release file: the manifest's date first, then the page's metadata."""
    if meta is not None and meta.published is not None:
        return make_doc(nlp, source.text, meta.published, "meta")
    return make_doc(nlp, source.text, source.published, "html")


def extract_text(text: str, *, doc_id: str = "document", published: date | None = None,
                 nlp: Language | None = None) -> FactSheet:
    """Fact sheet of a release given as text."""
    nlp = nlp or default_nlp()
    source = SourceText(text, hashlib.sha256(text.encode("utf-8")).hexdigest(), "utf-8", "text")
    doc = nlp(make_doc(nlp, text, published))
    return factsheet(doc, source, doc_id, "", nlp)


def extract_file(path: str | Path, *, nlp: Language | None = None, meta: SourceMeta | None = None) -> FactSheet:
    """Fact sheet of a release file (.txt or .html); raises ReadError for what is not a release."""
    nlp = nlp or default_nlp()
    source = read_source(path)
    doc = nlp(source_doc(nlp, source, meta))
    return factsheet(doc, source, Path(path).stem, str(path), nlp, meta)
