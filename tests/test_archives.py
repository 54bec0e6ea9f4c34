"""Crawls: WARC files and feeds read as releases, with the crawl's metadata, in batches, reruns and Dask."""
import gzip
import html
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from iomextract import archives, batch
from iomextract.cli import main, release_files

from conftest import CORPUS, RELEASES

UNDATED = "IOM helps stranded migrants\n\nIOM, the UN Migration Agency, helped 120 stranded migrants return home.\n"


def team_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")) + sorted(RELEASES.glob("*.txt"))]


def page(text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in text.split("\n\n"))
    return f"<html><head><title>x</title></head><body>{paragraphs}</body></html>".encode("utf-8")


def write_warc(path: Path, texts: list[str], crawl_date: str = "2024-05-01T10:00:00Z") -> Path:
    """A WARC file of HTML pages, with an image, a redirect and a request between them, as a crawler writes."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for number, text in enumerate(texts):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://www.iom.int/news/release-{number}", "response", payload=io.BytesIO(page(text)),
                http_headers=headers, warc_headers_dict={"WARC-Date": crawl_date}))
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://www.iom.int/img/{number}.png", "response",
                                                          payload=io.BytesIO(b"\x89PNG"), http_headers=image))
            moved = StatusAndHeaders("301 Moved", [("Content-Type", "text/html"), ("Location", "/x")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://iom.int/news/{number}", "response",
                                                          payload=io.BytesIO(b"<html>moved</html>"), http_headers=moved))
    return path


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>IOM news</title><link>https://www.iom.int/news</link>
<item><title>IOM opens transit centre in Gode</title><link>https://www.iom.int/news/gode</link>
<guid>urn:iom:1</guid><pubDate>Tue, 14 May 2019 10:00:00 GMT</pubDate>
<description>&lt;p&gt;GENEVA – IOM opened a transit centre in Gode, Ethiopia, today for 300 returnees.
IOM Director General António Vitorino welcomed the step.&lt;/p&gt;</description></item>
<item><title>Uzbekistan joins IOM</title><link>https://www.iom.int/news/uzbekistan</link>
<pubDate>Wed, 28 Nov 2018 09:00:00 GMT</pubDate>
<description>Uzbekistan has become a member of IOM, bringing to 173 the number of member states, the
Organization said on Tuesday.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>IOM Kenya</title><id>urn:kenya</id><updated>2023-06-20T00:00:00Z</updated>
<entry><title>IOM Kenya marks forty years</title><link href="https://kenya.iom.int/news/forty-years"/>
<id>urn:kenya:40</id><updated>2023-06-20T08:00:00Z</updated>
<content type="html">&lt;p&gt;NAIROBI – Kenya has been a member state of IOM since 1983, the Cabinet Secretary said today.&lt;/p&gt;</content>
</entry></feed>"""


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crawl")
    texts = [t.rstrip("\n").replace("\n\n", f" (page {n})\n\n") + f" (page {n})\n" for n, t in
             enumerate(team_texts() * 2)] + [UNDATED]
    return write_warc(folder / "crawl.warc.gz", texts), len(texts)


def test_warc_records_are_releases_with_the_crawls_metadata(crawl, tmp_path):
    warc, count = crawl
    names = archives.members(warc)
    assert len(names) == count  # the image and the redirect are no releases
    out = tmp_path / "out"
    assert main(["extract", str(warc), "--out", str(out), "--db", str(tmp_path / "facts.db"), "--jobs", "2"]) == 0
    sheets = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
    assert sorted(sheets) == [f"crawl-{n:05d}" for n in range(count)]
    first = sheets["crawl-00000"]["document"]
    assert first["url"] == "https://www.iom.int/news/release-0" and first["retrieved"] == "2024-05-01"
    assert first["archive"] == str(warc) and first["record"].startswith("<urn:uuid:")
    assert first["source_format"] == "html" and first["title"]
    undated = sheets[f"crawl-{count - 1:05d}"]["document"]
    assert undated["published"] is None  # the crawl's date is never taken for the publication date
    kenya = next(s for s in sheets.values() if "since 1983" in json.dumps(s["claims"]))
    assert any(c["attribute"] == "member_since" and c["value"] == "1983" for c in kenya["claims"])


def test_a_rerun_over_an_archive_skips_every_record(crawl, tmp_path, capsys):
    warc, count = crawl
    out, db = tmp_path / "out", tmp_path / "facts.db"
    assert main(["extract", str(warc), "--out", str(out), "--db", str(db), "--jobs", "1"]) == 0
    capsys.readouterr()
    assert main(["extract", str(warc), "--out", str(out), "--db", str(db)]) == 0
    assert f"0 documents extracted, {count} unchanged (skipped)" in capsys.readouterr().err


def test_dask_reads_records_by_their_offsets(crawl, tmp_path):
    from dask import distributed
    warc, count = crawl
    files = [Path(n) for n in archives.members(warc)][:6]
    batch.run(files, tmp_path / "local", jobs=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        summary = batch.run(files, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    assert summary.done == 6
    for path in (tmp_path / "local").glob("*.json"):
        assert json.loads(path.read_text()) == json.loads((tmp_path / "dask" / path.name).read_text())


@pytest.mark.parametrize("kind, content", [("rss", RSS), ("atom", ATOM)])
def test_a_feed_gives_one_release_per_entry(tmp_path, kind, content):
    feed = tmp_path / f"news.{kind}"
    feed.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(feed), "--out", str(out), "--jobs", "1"]) == 0
    sheets = sorted((json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")),
                    key=lambda s: s["document"]["id"])
    if kind == "rss":
        assert [s["document"]["title"] for s in sheets] == ["IOM opens transit centre in Gode", "Uzbekistan joins IOM"]
        gode, uzbekistan = sheets
        assert (gode["document"]["published"], gode["document"]["published_from"]) == ("2019-05-14", "feed")
        assert gode["document"]["url"] == "https://www.iom.int/news/gode"
        assert {e["text"]: e.get("value") for e in gode["entities"] if e["type"] == "DATE"}["today"] == "2019-05-14"
        assert any(c["attribute"] == "member_state_count" and c["value"] == 173 for c in uzbekistan["claims"])
    else:
        (entry,) = sheets
        assert entry["document"]["published"] == "2023-06-20" and entry["document"]["record"] == "urn:kenya:40"
        assert any(c["attribute"] == "member_since" and c["value"] == "1983" for c in entry["claims"])


@pytest.mark.parametrize("damage", ["garbage", "truncated", "not a feed"])
def test_a_damaged_archive_is_one_line_and_the_batch_goes_on(crawl, tmp_path, capsys, damage):
    warc, _ = crawl
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(UNDATED, encoding="utf-8")
    if damage == "garbage":
        bad = folder / "bad.warc.gz"
        bad.write_bytes(gzip.compress(b"this is no WARC record at all\r\n\r\n"))
    elif damage == "truncated":
        bad = folder / "bad.warc.gz"
        bad.write_bytes(warc.read_bytes()[:700])
    else:
        bad = folder / "bad.rss"
        bad.write_text("<html><body>a page, not a feed</body></html>", encoding="utf-8")
    capsys.readouterr()
    code = main(["extract", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 1 and (tmp_path / "out" / "good.json").is_file()
    lines = [line for line in err.splitlines() if "bad." in line]
    assert lines and all(line.startswith(f"error: {bad}") for line in lines) and "Traceback" not in err


def test_a_sitemap_in_a_folder_is_no_feed(tmp_path):
    (tmp_path / "sitemap.xml").write_text("<urlset><url><loc>https://iom.int/</loc></url></urlset>", encoding="utf-8")
    files, problems, skipped = release_files([str(tmp_path)])
    assert files == [] and problems == [] and skipped[".xml"] == 1


LISTING = """IOM Press Room

IOM opens transit centre in Gode
14 May 2019
GENEVA – IOM opened a transit centre in Gode, Ethiopia, today for 300 returnees. The centre will offer health
care, meals and counselling to migrants returning from the Gulf, IOM said in a statement.

Uzbekistan becomes a member of IOM
28 November 2018
Uzbekistan has become a member of the International Organization for Migration. The Council admitted the
country on Tuesday, officials said in Geneva after the vote of the member states.

IOM Kenya marks forty years
20 June 2023
NAIROBI – Kenya has been a member state of IOM since 1983, the Cabinet Secretary for Interior said today at a
ceremony in Nairobi marking forty years of cooperation.
"""


def test_a_listing_page_is_one_release_per_entry_with_its_own_date(tmp_path):
    page = tmp_path / "press-room.txt"
    page.write_text(LISTING, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(page), "--out", str(out), "--jobs", "1"]) == 0
    sheets = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
    assert sorted(sheets) == ["press-room-00000", "press-room-00001", "press-room-00002"]
    documents = [sheets[k]["document"] for k in sorted(sheets)]
    assert [(d["title"], d["published"], d["published_from"]) for d in documents] == [
        ("IOM opens transit centre in Gode", "2019-05-14", "listing"),
        ("Uzbekistan becomes a member of IOM", "2018-11-28", "listing"),
        ("IOM Kenya marks forty years", "2023-06-20", "listing")]
    kenya = sheets["press-room-00002"]
    assert {e["text"]: e.get("value") for e in kenya["entities"] if e["type"] == "DATE"}["today"] == "2023-06-20"
    assert "Gode" not in json.dumps(kenya["entities"])  # each entry its own text


def test_a_release_with_related_stories_under_it_is_no_listing(tmp_path):
    story = "\n\n".join(team_texts()[:1])
    related = "".join(f"\nRelated: IOM story number {n}\n{n + 1} March 2021\nShort teaser of the story {n}.\n"
                      for n in range(3))
    page = tmp_path / "release.txt"
    page.write_text(story + "\n" + related, encoding="utf-8")
    files, problems, _ = release_files([str(page)])
    assert files == [page] and problems == []
