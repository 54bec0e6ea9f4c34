import shutil
from pathlib import Path

import pytest

from iomextract import build_nlp, extract_file

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
