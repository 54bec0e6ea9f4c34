"""Releases inside archives: the response records of WARC files (warcio) and the entries of feeds (feedparser).

A release inside an archive is named by a reference, ``ARCHIVE::KEY/ID.record``: the archive's
path, the record's byte offset in a WARC file (or the entry's number in a feed), and the id its
fact sheet takes. Being a path whose stem is the id, a reference goes wherever a file name goes:
batches, worker processes, Dask tasks, the database, incremental reruns (a record is read again
by seeking to its offset, so a task needs no more of the archive than its own records).

The crawl's own metadata comes with each release: ``url`` from WARC-Target-URI (or the entry's
link), ``retrieved`` from WARC-Date (the day of the crawl, never taken for the publication date),
the archive and the record's id. The publication date is read from the page, as for HTML files,
or from the feed entry.
"""
from __future__ import annotations

import calendar
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timezone
from pathlib import Path

SEPARATOR = "::"
RECORD_SUFFIX = ".record"
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
MAX_RECORD_BYTES = 16 * 1024 * 1024


class ArchiveError(Exception):
    """An archive that cannot be read, or a record that is not there."""


@dataclass
class Member:
    """One release read from an archive."""
    data: bytes
    html: bool
    url: str | None
    retrieved: str | None  # YYYY-MM-DD, the crawl's date
    record: str | None  # WARC-Record-ID, or the feed entry's id
    published: date | None = None  # a feed entry's date
    title: str | None = None
    published_from: str = "feed"


LISTING_SUFFIXES = (".txt", ".html", ".htm")
_listings: dict[tuple[str, float], list] = {}  # the entries of the listing page read last


@lru_cache(maxsize=1)
def _date_words() -> re.Pattern:
    """A cheap first look at a file's bytes: a listing holds several dates written with a month's name
    (the month names of ``patterns/dates.json``)."""
    from .dateparse import months
    names = b"|".join(re.escape(m.encode()) for m in sorted(months(), key=len, reverse=True) if len(m) >= 3)
    return re.compile(rb"(?i)\b(?:" + names + rb")\.? \d{1,2},? \d{4}\b|\b\d{1,2} (?:" + names + rb")\.? \d{4}\b")


def is_archive(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(WARC_SUFFIXES) or name.endswith(FEED_SUFFIXES)


def is_reference(name: str | Path) -> bool:
    return SEPARATOR in str(name) and str(name).endswith(RECORD_SUFFIX)


def split(name: str | Path) -> tuple[Path, int]:
    """(archive, key) of a reference."""
    archive, rest = str(name).rsplit(SEPARATOR, 1)
    return Path(archive), int(rest.split("/", 1)[0])


def _stem(archive: Path) -> str:
    name = archive.name
    for suffix in (".gz", ".warc", ".arc", ".rss", ".atom", ".xml", ".txt", ".html", ".htm"):
        name = name[: -len(suffix)] if name.lower().endswith(suffix) else name
    return name


def reference(archive: Path, key: int, number: int) -> str:
    return f"{archive}{SEPARATOR}{key}/{_stem(archive)}-{number:05d}{RECORD_SUFFIX}"


def members(archive: Path) -> list[str]:
    """The references of the releases an archive holds, in its order."""
    if archive.name.lower().endswith(WARC_SUFFIXES):
        return [reference(archive, offset, n) for n, offset in enumerate(_warc_offsets(archive))]
    if archive.suffix.lower() in LISTING_SUFFIXES:
        return [reference(archive, index, index) for index in range(len(listing_entries(archive)))]
    return [reference(archive, index, index) for index in range(len(_feed(archive).entries))]


def read_member(name: str | Path) -> Member:
    archive, key = split(name)
    if archive.name.lower().endswith(WARC_SUFFIXES):
        return _warc_member(archive, key)
    if archive.suffix.lower() in LISTING_SUFFIXES:
        entries = listing_entries(archive)
        if not 0 <= key < len(entries):
            raise ArchiveError(f"the page lists no release {key} (it lists {len(entries)})")
        text, title, day = entries[key]
        return Member(data=text.encode("utf-8"), html=False, url=None, retrieved=None, record=None,
                      published=day, title=title, published_from="listing")
    entries = _feed(archive).entries
    if not 0 <= key < len(entries):
        raise ArchiveError(f"the feed has no entry {key} (it has {len(entries)})")
    return _feed_member(entries[key])


# WARC ------------------------------------------------------------------------------

def _warcio():
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise ArchiveError("reading WARC files needs warcio: pip install 'iomextract[crawl]'") from None
    return ArchiveIterator


def _is_release(record) -> bool:
    if record.rec_type not in ("response", "resource"):
        return False
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") if headers is not None
                    else record.rec_headers.get_header("Content-Type")) or ""
    status = headers.get_statuscode() if headers is not None else "200"
    return status == "200" and content_type.split(";")[0].strip().lower() in TEXT_TYPES


def _warc_offsets(archive: Path) -> list[int]:
    ArchiveIterator = _warcio()
    offsets = []
    try:
        with open(archive, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if _is_release(record):
                    offsets.append(records.get_record_offset())
    except OSError as err:
        raise ArchiveError(f"cannot read it ({err.strerror or err})") from err
    except Exception as err:  # warcio's own errors for what is not a WARC file
        raise ArchiveError(f"not a readable WARC file ({type(err).__name__}: {err})") from err
    return offsets


def _whole_gzip_member(stream, offset: int) -> bool:
    """The gzip member at ``offset`` ends where it should: a WARC cut short (a crawl killed, a
    download broken off) decompresses without complaint up to where its data stops."""
    stream.seek(offset)
    inflater = zlib.decompressobj(wbits=31)
    while not inflater.eof:
        chunk = stream.read(64 * 1024)
        if not chunk:
            return False
        inflater.decompress(inflater.unconsumed_tail + chunk, MAX_RECORD_BYTES)
    return True


def _warc_member(archive: Path, offset: int) -> Member:
    ArchiveIterator = _warcio()
    try:
        with open(archive, "rb") as stream:
            if archive.name.lower().endswith(".gz") and not _whole_gzip_member(stream, offset):
                raise ArchiveError(f"the record at offset {offset} is cut short (a truncated archive)")
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream)), None)
            if record is None or not _is_release(record):
                raise ArchiveError(f"no page record at offset {offset}")
            data = record.content_stream().read(MAX_RECORD_BYTES + 1)
            headers = record.rec_headers
            content_type = ((record.http_headers.get_header("Content-Type") if record.http_headers is not None
                             else headers.get_header("Content-Type")) or "").lower()
    except OSError as err:
        raise ArchiveError(f"cannot read it ({err.strerror or err})") from err
    except ArchiveError:
        raise
    except Exception as err:
        raise ArchiveError(f"a damaged record at offset {offset} ({type(err).__name__}: {err})") from err
    if len(data) > MAX_RECORD_BYTES:
        raise ArchiveError(f"the record at offset {offset} is over {MAX_RECORD_BYTES // 2**20} MB: not a press release")
    warc_date = headers.get_header("WARC-Date") or ""
    return Member(data=data, html="html" in content_type, url=headers.get_header("WARC-Target-URI"),
                  retrieved=warc_date[:10] if re.match(r"\d{4}-\d{2}-\d{2}", warc_date) else None,
                  record=headers.get_header("WARC-Record-ID"))


# feeds -----------------------------------------------------------------------------

_feeds: dict[tuple[str, float], object] = {}  # a worker reads each feed once, not once an entry


def _feed(archive: Path):
    try:
        import feedparser
    except ImportError:
        raise ArchiveError("reading feeds needs feedparser: pip install 'iomextract[crawl]'") from None
    try:
        key = (str(archive), archive.stat().st_mtime)
        if key not in _feeds:
            data = archive.read_bytes()
            parsed = feedparser.parse(data)
            if not parsed.entries and (parsed.bozo or not parsed.version):
                raise ArchiveError("not an RSS or Atom feed")
            _feeds.clear()
            _feeds[key] = parsed
        return _feeds[key]
    except OSError as err:
        raise ArchiveError(f"cannot read it ({err.strerror or err})") from err


def _entry_date(entry) -> date | None:
    for field in ("published_parsed", "updated_parsed"):
        parsed = entry.get(field)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).date()
    return None


def _feed_member(entry) -> Member:
    import html as html_module
    title = entry.get("title") or ""
    body = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
    page = f"<html><body><h1>{html_module.escape(title)}</h1>\n{body}</body></html>"
    return Member(data=page.encode("utf-8"), html=True, url=entry.get("link"), retrieved=None,
                  record=entry.get("id") or entry.get("link"), published=_entry_date(entry), title=title or None)


# listing pages -----------------------------------------------------------------------

def is_listing(path: Path) -> bool:
    """A release file that is a page listing several releases, each with its title and date."""
    try:
        if path.stat().st_size > MAX_RECORD_BYTES or len(_date_words().findall(path.read_bytes())) < 2:
            return False
    except OSError:
        return False
    try:
        return len(listing_entries(path)) > 0
    except ArchiveError:
        return False


def listing_entries(path: Path) -> list[tuple[str, str, date]]:
    """(text, title, date) of each release a listing page holds, or [] when it is a page of one release.

    An entry opens with a title line and, right under it, a line that is a date ("14 May 2019",
    "Posted on May 14, 2019"); its text runs to the next entry. What comes before the first entry
    (the page's own heading, navigation) belongs to none. A release with a list of related stories
    under it is no listing: every entry must have a body of its own.
    """
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError as err:
        raise ArchiveError(f"cannot read it ({err.strerror})") from err
    if key not in _listings:  # the page is read once, not once for each of its entries
        _listings.clear()
        _listings[key] = _split_listing(path)
    return _listings[key]


def _split_listing(path: Path) -> list[tuple[str, str, date]]:
    from .dateparse import date_in
    from .patterns import load
    from .reader import ReadError, read_source
    rules = load("header.json")
    try:
        text = read_source(path).text
    except ReadError as err:
        raise ArchiveError(str(err)) from err
    lines, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((offset, line.strip()))
        offset += len(line) + 1
    heads = []
    for number in range(len(lines) - 1):
        title, below = lines[number][1], lines[number + 1][1]
        if not 10 <= len(title) <= 200 or title[-1] in ".:;," or date_in(title, 0, True) or len(below) > 60:
            continue
        found = date_in(below, 0, True)
        if found and found[1] - found[0] >= len(below) * 0.5:
            heads.append((number, title, found[2]))
    entries = []
    for k, (number, title, day) in enumerate(heads):
        start = lines[number][0]
        end = lines[heads[k + 1][0]][0] if k + 1 < len(heads) else len(text)
        body = text[lines[number + 1][0] + len(lines[number + 1][1]):end].strip()
        entries.append((text[start:end].strip() + "\n", title, day, len(body)))
    sizes = [n for *_, n in entries]
    if len(entries) < rules.listing_min_entries or min(sizes) < rules.listing_min_entry_characters \
            or max(sizes) > rules.listing_max_entry_ratio * min(sizes):
        return []
    return [(body, title, day) for body, title, day, _ in entries]
