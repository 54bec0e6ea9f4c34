"""Reading release files: what is text, what is refused and why (issue 20's reader defects)."""
import os

import pytest

from iomextract import extract_file
from iomextract.reader import MAX_CHARACTERS, MAX_FILE_BYTES, ReadError, html_to_text, read_source

FOUNDED = "IOM was founded in 1951 and has 175 member states."


@pytest.mark.parametrize("data, reason", [
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nIOM was founded in 1951.\n", "a PDF"),
    (b"PK\x03\x04" + b"IOM was founded in 1951." * 10, "ZIP"),
    (b"\x1f\x8b\x08\x00" + b"IOM" * 20, "gzip"),
    (b"SQLite format 3\x00" + b"IOM was founded in 1951." * 10, "SQLite"),
])
def test_defect_01_binary_formats_without_nul_bytes_are_refused(tmp_path, data, reason):
    path = tmp_path / "release.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=reason):
        read_source(path)


@pytest.mark.parametrize("html", [
    f'<p>Intro.</p><p style="display:none">{FOUNDED}</p>',
    f'<p>Intro.</p><div style="color: red; visibility: hidden">{FOUNDED}</div>',
    f'<p>Intro.</p><section hidden><p>{FOUNDED}</p></section>',
    f'<p>Intro.</p><textarea>{FOUNDED}</textarea>',
    f'<p>Intro.</p><select><option>{FOUNDED}</option></select>',
    f'<p>Intro.</p><!-- {FOUNDED}',
    f'<p>Intro.</p><a href="/x>{FOUNDED}</a>',
    f'<p>Intro.</p><div hidden><div><p>inner</p></div>{FOUNDED}</div>',
])
def test_defect_04_hidden_and_unparsed_markup_is_no_text(html):
    text = html_to_text(f"<html><body>{html}</body></html>")
    assert "Intro." in text
    assert "1951" not in text and "<" not in text


@pytest.mark.parametrize("html, shown", [
    ('<div hidden>gone</div><p>IOM was founded in 1951.</p>', "IOM was founded in 1951."),  # after a hidden block
    ('<p>A <img src="x.png" hidden> picture and <br hidden>IOM.</p>', "A picture and\nIOM."),  # void elements hide nothing
    ('<p>Fish &amp; chips &lt;b&gt; are text.</p>', "Fish & chips <b> are text."),  # escaped markup is text
])
def test_visible_text_around_hidden_parts_stays(html, shown):
    assert shown in html_to_text(f"<html><body>{html}</body></html>")


@pytest.mark.parametrize("bom, encoding", [
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
])
def test_defect_19_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, nlp, bom, encoding):
    path = tmp_path / "release.txt"
    path.write_bytes(bom + FOUNDED.encode(encoding))
    source = read_source(path)
    assert source.text.startswith("IOM was founded") and source.encoding == encoding
    sheet = extract_file(path, nlp=nlp)
    assert {c.attribute for c in sheet.claims} >= {"founded", "member_state_count"}


def test_defect_19_a_fifo_is_named_not_opened(tmp_path):
    fifo = tmp_path / "release.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="not a regular file .a FIFO."):
        read_source(fifo)  # opening it would block for ever


def test_defect_13_a_device_is_never_read(tmp_path):
    with pytest.raises(ReadError, match="character device"):
        read_source("/dev/zero")


def test_defect_20_a_huge_file_is_refused_by_its_size_before_it_is_parsed(tmp_path, monkeypatch):
    path = tmp_path / "page.html"
    with open(path, "wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    parsed = []
    monkeypatch.setattr("iomextract.reader.html_to_text", lambda html: parsed.append(html))
    with pytest.raises(ReadError, match="too large: .* bytes"):
        read_source(path)
    assert not parsed


def test_defect_06_one_character_limit_refused_by_name(tmp_path, nlp):
    assert nlp.max_length >= MAX_CHARACTERS  # spaCy never refuses what the reader lets through
    path = tmp_path / "long.txt"
    path.write_text(("IOM has 175 member states. " * 40_000)[:MAX_CHARACTERS + 5], encoding="utf-8")
    with pytest.raises(ReadError, match="too large: .* characters"):
        read_source(path)


def test_line_breaks_of_the_html_source_are_spaces_but_blocks_and_pre_keep_theirs():
    from iomextract.reader import html_to_text
    text = html_to_text("<p>bringing to 173 the number of member states, the\nOrganization said</p>"
                        "<p>one<br>two</p><pre>kept\nbreak</pre>")
    assert "member states, the Organization said" in text
    assert "one\ntwo" in text and "kept\nbreak" in text
