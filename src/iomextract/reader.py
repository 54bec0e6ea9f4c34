"""Reads a release file into text: decoding, HTML to text, and refusing what is not a release."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

MAX_CHARACTERS = 2_000_000  # a press release is a few thousand; a 50 MB "release" is a mistake
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
SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg"}


class ReadError(Exception):
    """A file that cannot be read as a release; the message names the reason."""


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: str) -> str:
    """The text, checked to be safe to tokenize; each lone surrogate (from str input) becomes one U+FFFD."""
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
    text: str
    sha256: str
    encoding: str
    source_format: str  # "text" or "html"
    published: date | None = None  # from the page's metadata (HTML only)


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
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in SKIPPED_TAGS and self.skipping:
            self.skipping -= 1
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element a line."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def decode(data: bytes, name: str) -> tuple[str, str]:
    if not data.strip():
        raise ReadError("empty file")
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


def read_source(path: str | Path) -> SourceText:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise ReadError("file not found (removed during the run?)") from err
    except OSError as err:
        raise ReadError(f"cannot read: {err.strerror}") from err
    text, encoding = decode(data, path.name)
    source_format, published = "text", None
    if path.suffix.lower() in (".html", ".htm"):
        published = html_published(text)
        text, source_format = html_to_text(text), "html"
    text = check_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    return SourceText(text, hashlib.sha256(data).hexdigest(), encoding, source_format, published)
