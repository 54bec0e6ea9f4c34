"""browse: Datasette on the knowledge base, read-only, with the project's metadata and canned queries."""
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from iomextract.browse import CANNED_QUERIES, metadata
from iomextract.cli import main


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_browse(db):
    """`iomextract browse` on a free port, once Datasette answers: (process, base URL)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "iomextract", "browse", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).read()
            return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"datasette did not start: {process.stderr.read()}")
            time.sleep(0.2)


@pytest.fixture(scope="module")
def datasette(knowledge_base):
    _, db = knowledge_base
    process, base = start_browse(db)
    yield base, db.stem, db
    process.terminate()
    process.wait(timeout=10)


def get_json(url: str):
    return json.loads(urllib.request.urlopen(url, timeout=30).read())


def query(datasette, name: str, **params):
    base, database, _ = datasette
    return get_json(f"{base}/{database}/{name}.json?_shape=array&{urllib.parse.urlencode(params)}")


def rows(db, sql: str, *args):
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql, args).fetchall()
    finally:
        connection.close()


def test_conflicts_query_shows_every_statement_of_check(datasette, capsys):
    _, _, db = datasette
    capsys.readouterr()
    assert main(["check", "--db", str(db), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    got = query(datasette, "conflicts")
    assert sorted((r["subject"], r["attribute"], r["value"], r["evidence"]) for r in got) == sorted(
        (c["subject"], c["attribute"], str(s["value"]), s["evidence"]) for c in report["conflicts"] for s in c["claims"])
    kenya = [r for r in got if r["subject"] == "Kenya" and r["attribute"] == "member_since"]
    assert {r["value"] for r in kenya} == {"1983", "1985"} and kenya[0]["kind"] == "contradiction"


def test_timeline_subject_and_document_queries(datasette):
    _, _, db = datasette
    timeline = query(datasette, "attribute_timeline", attribute="member_since")
    assert len(timeline) == rows(db, "SELECT COUNT(*) FROM claims WHERE attribute = 'member_since' "
                                     "AND hedged = 0 AND negated = 0")[0][0]
    assert {r["subject"] for r in timeline} >= {"Kenya"}
    about = query(datasette, "subject", subject="Kenya")
    assert about and all("Kenya" in r["subject"] or "Kenya" in (r["object"] or "") for r in about)
    facts = query(datasette, "document_facts", document="iom-kenya")
    assert len(facts) == rows(db, "SELECT COUNT(*) FROM claims c JOIN documents d ON d.sha256 = c.document "
                                  "WHERE d.id = 'iom-kenya'")[0][0] > 0
    assert [r["evidence_start"] for r in facts] == sorted(r["evidence_start"] for r in facts)


def test_search_over_evidence_and_read_only(datasette):
    base, database, _ = datasette
    found = get_json(f"{base}/{database}/claims.json?_search=1985&_shape=array")
    assert found and all("1985" in r["evidence"] for r in found)
    databases = get_json(f"{base}/-/databases.json")
    assert [d["is_mutable"] for d in databases if d["name"] == database] == [False]


def test_metadata_describes_every_table_and_query(knowledge_base):
    _, db = knowledge_base
    meta = metadata("facts")["databases"]["facts"]
    stored = {name for (name,) in rows(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                           "AND name NOT LIKE 'claims_fts%' AND name NOT LIKE 'sqlite%'")}
    assert stored - {"meta"} <= set(meta["tables"])
    for table in ("documents", "claims", "conflicts", "conflict_statements"):
        columns = {row[1] for row in rows(db, f"PRAGMA table_info({table})")}
        assert columns <= set(meta["tables"][table]["columns"]), table
    assert set(meta["queries"]) == set(CANNED_QUERIES)


def test_conflicts_page_in_a_real_browser(datasette, browser):
    from selenium.webdriver.common.by import By
    base, database, _ = datasette
    browser.get(f"{base}/{database}/conflicts")
    table = browser.find_element(By.CSS_SELECTOR, "table.rows-and-columns")
    assert "Kenya" in table.text and "member_since" in table.text
    assert "Kenya was the first African member state to join IOM in 1985" in table.text
    assert "Conflicts with their statements" in browser.page_source


def test_browse_refuses_what_is_not_a_database(tmp_path, capsys):
    assert main(["browse", "--db", str(tmp_path / "none.db")]) == 2
    assert "no such database" in capsys.readouterr().err


def test_stopping_browse_stops_its_server(knowledge_base):
    """A SIGTERM to `iomextract browse` ends Datasette too: no server is left without its parent."""
    _, db = knowledge_base
    process, base = start_browse(db)
    process.terminate()
    process.wait(timeout=20)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/-/versions.json", timeout=1).read()
        except OSError:
            return  # the port no longer answers: the server stopped with its parent
        time.sleep(0.2)
    raise AssertionError("datasette still answers after browse was stopped")
