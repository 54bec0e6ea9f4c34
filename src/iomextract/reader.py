"""Reads a release file into text: decoding, HTML to text, and refusing what is not a release."""
from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

MAX_CHARACTERS = 1_000_000  # a press release is a few thousand; also spaCy's max_length (pipeline.build_nlp)
# refused before reading: parsing a 100 MB page takes 18 s and 1.9 GB only to find its text too long
MAX_FILE_BYTES = 16 * 1024 * 1024
# spaCy's tokenizer strips prefix and suffix punctuation one character at a time, copying the rest of the
# word each time: a run of n brackets or quotes costs n squared (2,000 take 0.7 s, 200,000 would take hours).
# No release has a run of hundreds of punctuation marks without a space; such a text is refused.
# The underscore is a word character to Python's regexes but punctuation to the tokenizer: it counts.
MAX_PUNCTUATION_RUN = 500
PUNCTUATION_MARK = r"(?:[^\w\s]|_)"
PUNCTUATION_RUN = re.compile(r"(?<![^\w\s])(?<!_)%s{%d,}" % (PUNCTUATION_MARK, MAX_PUNCTUATION_RUN))  # from a run's start only: linear
FALLBACK_ENCODING = "cp1252"
BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header",
              "footer", "ul", "ol", "table", "blockquote", "title", "figcaption", "nav"}
# elements whose content a browser never shows as text (form controls draw theirs as widgets, not prose)
SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "textarea", "select", "option", "datalist",
                "iframe", "object"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
# Invisible format characters of web text (soft hyphen, zero-width space and joiners, direction marks,
# word joiner, BOM): inside a word they would split it, so the pipeline reads the text without them
# and offsets are mapped back to the text as given.
FORMAT_CHARACTER = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
                              "\U000e0001-\U000e007f]")
# a file's first bytes that say it is no text release, whatever its name
BINARY_SIGNATURES = {b"%PDF-": "a PDF", b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
                     b"\x1f\x8b": "gzip-compressed", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
                     b"GIF8": "a GIF image", b"SQLite format 3\x00": "an SQLite database"}
BOMS = [(b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le")]  # UTF-32 first: its LE BOM starts like UTF-16's


class ReadError(Exception):
    """A file that cannot be read as a release; the message names the reason."""


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: str) -> str:
    """The text, checked to be safe to tokenize; each lone surrogate (from str input) becomes one U+FFFD."""
    if not isinstance(text, str):
        raise TypeError(f"a release's text must be a str, not {type(text).__name__}")
    if not text.strip():
        raise ReadError("no text")
    if len(text) > MAX_CHARACTERS:
        raise ReadError(f"too large: {len(text):,} characters, over the {MAX_CHARACTERS:,} a release may have")
    run = PUNCTUATION_RUN.search(text)
    if run:
        length = len(re.match(PUNCTUATION_MARK + "*", text[run.start():]).group())
        raise ReadError(f"a run of {length:,} punctuation marks or symbols without a space at character "
                        f"{run.start():,}: refused, since the tokenizer's work grows with the square of such a run")
    # one for one, so that offsets into the returned text are offsets into the given one
    return LONE_SURROGATE.sub("\ufffd", text)


@dataclass
class SourceText:
    text: str  # what offsets refer to
    sha256: str
    encoding: str
    source_format: str  # "text" or "html"
    published: date | None = None  # from the page's metadata (HTML only)
    folded: str | None = None  # the text without invisible format characters, when it had any
    positions: list[int] | None = None  # index in ``text`` of each character of ``folded``, and len(text) last
    published_from: str = "html"  # where ``published`` came from: the page's metadata, or a feed entry
    # a release read from an archive (``archives``): where the crawl found it
    url: str | None = None
    retrieved: str | None = None
    archive: str | None = None
    record: str | None = None

    @property
    def pipeline_text(self) -> str:
        return self.folded if self.folded is not None else self.text

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets into ``text`` of a span of ``pipeline_text``."""
        if self.positions is None:
            return start, end
        return self.positions[start], (self.positions[end - 1] + 1 if end > start else self.positions[start])


def fold_format_characters(source: SourceText) -> SourceText:
    """``source`` with ``folded`` and ``positions`` set when its text holds invisible format characters."""
    if FORMAT_CHARACTER.search(source.text) is None:
        return source
    kept = [i for i, ch in enumerate(source.text) if not FORMAT_CHARACTER.match(ch)]
    source.folded = "".join(source.text[i] for i in kept)
    source.positions = kept + [len(source.text)]
    return source


def html_published(html: str) -> date | None:
    """The publication date a page's metadata states (meta tags, JSON-LD, URL), by htmldate.

    Only the metadata: dates in the visible text are the release header's to read.
    """
    from htmldate import find_date
    try:
        found = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None
    return date.fromisoformat(found) if found else None


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_tag: str | None = None  # the element whose content is not shown, and how deep in it we are
        self.hidden_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.in_pre = 0  # inside <pre>, line breaks of the source are the text's

    @staticmethod
    def _hides(tag: str, attrs) -> bool:
        if tag in SKIPPED_TAGS:
            return True
        for name, value in attrs:
            if name == "hidden" or (name == "style" and value and HIDDEN_STYLE.search(value)):
                return True
        return False

    def handle_starttag(self, tag, attrs):
        if self.hidden_tag is not None:
            self.hidden_depth += tag == self.hidden_tag
            return
        if tag not in VOID_TAGS and self._hides(tag, attrs):
            self.hidden_tag, self.hidden_depth = tag, 1
            return
        if tag == "title":
            self.in_title = True
        self.in_pre += tag == "pre"
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.hidden_tag is not None:
            if tag == self.hidden_tag:
                self.hidden_depth -= 1
                if self.hidden_depth == 0:
                    self.hidden_tag = None
            return
        if tag == "title":
            self.in_title = False
        if tag == "pre" and self.in_pre:
            self.in_pre -= 1
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.hidden_tag is not None:
            return
        if self.in_title:
            self.title.append(data)
        else:  # a line break in the HTML source is a space on the page; blocks and <br> break lines
            self.parts.append(data if self.in_pre else data.replace("\r", " ").replace("\n", " "))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element a line.

    Hidden elements (``hidden``, ``display:none``, form controls) are no text. Nor is markup the
    parser could not read: an unclosed ``<!--`` or a tag whose attribute quote never closes hides
    the rest of the page from a browser, so what follows it is dropped here too.
    """
    parser = _TextExtractor()
    parser.feed(html)
    if not parser.rawdata.lstrip().startswith("<"):  # what is left is text (a trailing '&...'), not broken markup
        parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def decode(data: bytes, name: str) -> tuple[str, str]:
    if not data.strip():
        raise ReadError("empty file")
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise ReadError(f"{kind}, not a text release")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as err:
                raise ReadError(f"starts with a {encoding} byte order mark but is not {encoding} (byte {err.start})") from err
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (NUL bytes), not a text release")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode(FALLBACK_ENCODING)
    except UnicodeDecodeError as err:
        raise ReadError(f"neither UTF-8 nor {FALLBACK_ENCODING} text (byte {err.start})") from err
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > len(text) / 100:
        raise ReadError("binary file (control characters), not a text release")
    return text, FALLBACK_ENCODING


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ReadError naming what it is otherwise.

    FIFOs and devices are never opened (a FIFO blocks, /dev/zero never ends), and a file that grows
    while it is read is cut off at the limit, not read to the end.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError as err:
        raise ReadError("file not found (removed during the run?)") from err
    except OSError as err:
        raise ReadError(f"cannot read: {err.strerror}") from err
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(f"not a regular file ({file_kind(info.st_mode)})")
    if info.st_size > limit:
        raise ReadError(f"too large: {info.st_size:,} bytes, over the {limit:,} a release file may have")
    try:
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as err:
        raise ReadError(f"cannot read: {err.strerror}") from err
    if len(data) > limit:
        raise ReadError(f"too large: over the {limit:,} bytes a release file may have")
    return data


def file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a file"


def read_source(path: str | Path) -> SourceText:
    from . import archives
    if archives.is_reference(path):
        return _read_member(path)
    path = Path(path)
    data = read_bytes(path)
    text, encoding = decode(data, path.name)
    source_format, published = "text", None
    if path.suffix.lower() in (".html", ".htm"):
        published = html_published(text)
        text, source_format = html_to_text(text), "html"
    text = check_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    return fold_format_characters(SourceText(text, hashlib.sha256(data).hexdigest(), encoding, source_format, published))


def _read_member(name: str | Path) -> SourceText:
    """A release inside a WARC file or a feed, with the crawl's metadata."""
    from . import archives
    archive, _ = archives.split(name)
    try:
        member = archives.read_member(name)
    except archives.ArchiveError as err:
        raise ReadError(str(err)) from err
    text, encoding = decode(member.data, Path(str(name)).name)
    source_format, published = "text", member.published
    if member.html:
        published = published or html_published(text)
        text, source_format = html_to_text(text), "html"
    text = check_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    source = SourceText(text, hashlib.sha256(member.data).hexdigest(), encoding, source_format, published,
                        published_from=member.published_from if member.published else "html", url=member.url, retrieved=member.retrieved, archive=str(archive), record=member.record)
    return fold_format_characters(source)
