import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# The tests build their pipeline cache in a folder of their own (command-line runs in subprocesses
# inherit it): a run of the suite never reads or writes the user's cache.
os.environ["IOMEXTRACT_CACHE_DIR"] = tempfile.mkdtemp(prefix="iomextract-test-cache-")
atexit.register(shutil.rmtree, os.environ["IOMEXTRACT_CACHE_DIR"], True)

from iomextract import build_nlp, extract_file  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DATA = Path(__file__).parent / "data"
RELEASES = DATA / "releases"  # short releases the team wrote, in the registers of real ones


@pytest.fixture(scope="session")
def nlp():
    return build_nlp()


@pytest.fixture(scope="session")
def corpus_sheets(nlp):
    """Fact sheets of the two seed releases, by document id."""
    return {path.stem: extract_file(path, nlp=nlp) for path in sorted(CORPUS.glob("*.txt"))}


@pytest.fixture(scope="session")
def kenya(corpus_sheets):
    return corpus_sheets["iom-kenya"]


@pytest.fixture(scope="session")
def partnership(corpus_sheets):
    return corpus_sheets["iom-appreciates-kenya-partnership"]


def release_folder(folder: Path, with_team_releases: bool = False) -> Path:
    """A folder of copies of the seed releases (and of the team-written releases)."""
    folder.mkdir()
    sources = list(CORPUS.glob("*.txt")) + (list(RELEASES.glob("*.txt")) if with_team_releases else [])
    for path in sources:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def releases(tmp_path):
    return release_folder(tmp_path / "in")


@pytest.fixture
def ents(nlp):
    """Entities of a short text as (type, text, attrs) tuples."""
    def run(text):
        doc = nlp(text)
        return [(e.label_, e.text, e._.attrs) for e in doc.ents]
    return run


def numbered_releases(folder: Path, count: int) -> Path:
    """``count`` distinct releases: the seed and team releases in turn, each paragraph tagged with the number."""
    folder.mkdir()
    sources = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt")) + sorted(RELEASES.glob("*.txt"))]
    for number in range(count):
        text = sources[number % len(sources)].rstrip("\n").replace("\n\n", f" (no. {number})\n\n")
        (folder / f"release-{number:04d}.txt").write_text(f"{text} (no. {number})\n", encoding="utf-8")
    return folder


def extract_command(*args: str) -> list[str]:
    """The ``iomextract extract`` command line, run by this Python."""
    return [sys.executable, "-m", "iomextract", "extract", *map(str, args)]


def stored_releases(db: Path, out: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    """What a database holds and what fact sheets a folder holds: id -> fact sheet (as JSON), each.

    The database's own rows of entities and claims must be those of its fact sheet.
    """
    import json
    import sqlite3
    connection = sqlite3.connect(db)
    in_db = {}
    for sha256, doc_id, factsheet in connection.execute("SELECT sha256, id, factsheet FROM documents"):
        sheet = json.loads(factsheet)
        rows = {table: connection.execute(f"SELECT COUNT(*) FROM {table} WHERE document = ?", (sha256,)).fetchone()[0]
                for table in ("entities", "claims", "paragraphs")}
        assert rows == {table: len(sheet[table]) for table in rows}, doc_id
        in_db[doc_id] = sheet
    connection.close()
    on_disk = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in out.glob("*.json")}
    return in_db, on_disk


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through selenium, for the pages a person opens."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,2000"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def knowledge_base(tmp_path_factory):
    """A database of the seed and team releases with its conflicts stored: (fact sheet folder, database)."""
    from iomextract.cli import main
    root = tmp_path_factory.mktemp("kb")
    folder = release_folder(root / "in", with_team_releases=True)
    out, db = root / "out", root / "facts.db"
    assert main(["extract", str(folder), "--out", str(out), "--db", str(db), "--jobs", "1"]) == 0
    assert main(["check", "--db", str(db), "--save"]) == 0
    return out, db
