"""The pipeline cache: built once, loaded after that, rebuilt when stale or damaged, never required."""
import json
import shutil
import subprocess
import sys

import pytest

from iomextract import build_nlp, extract_file, pipeline_cache
from iomextract.components.place_finder import PlaceFinder
from iomextract.patterns import default_patterns_dir, load

from conftest import CORPUS, RELEASES


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("IOMEXTRACT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def builds(monkeypatch):
    """How many times a component's tables were built (not loaded)."""
    count = {"n": 0}
    real = PlaceFinder.initialize

    def counting(self, *args, **kwargs):
        count["n"] += 1
        return real(self, *args, **kwargs)
    monkeypatch.setattr(PlaceFinder, "initialize", counting)
    return count


def cached_folders(cache_dir):
    return sorted(cache_dir.glob(f"{pipeline_cache.PREFIX}*"))


def sheets_json(nlp) -> dict[str, dict]:
    paths = sorted(CORPUS.glob("*.txt")) + sorted(RELEASES.glob("*.txt"))
    return {p.name: json.loads(extract_file(p, nlp=nlp).model_dump_json()) for p in paths}


def test_built_once_then_loaded(cache_dir, builds):
    build_nlp()
    assert builds["n"] == 1
    [folder] = cached_folders(cache_dir)
    assert (folder / pipeline_cache.MANIFEST).is_file() and (folder / "place_finder" / "tables.pickle").is_file()
    build_nlp()
    assert builds["n"] == 1, "the second pipeline was built again instead of loaded"


def test_loaded_pipeline_gives_the_same_fact_sheets(cache_dir):
    built = build_nlp(cache=False)
    assert not cached_folders(cache_dir)
    build_nlp()  # writes the cache
    loaded = build_nlp()
    assert sheets_json(loaded) == sheets_json(built)


def test_rebuilt_after_a_pattern_file_changes(cache_dir, builds, tmp_path):
    patterns = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), patterns)
    build_nlp(patterns_dir=str(patterns))
    build_nlp(patterns_dir=str(patterns))
    assert builds["n"] == 1
    people = patterns / "people.json"
    rules = json.loads(people.read_text(encoding="utf-8"))
    rules["honorifics"].append("Zorblat")
    people.write_text(json.dumps(rules), encoding="utf-8")
    load.cache_clear()  # a process reads a pattern file once; a new run is a new process
    nlp = build_nlp(patterns_dir=str(patterns))
    assert builds["n"] == 2
    assert nlp.get_pipe("person_finder").honorifics.get("Zorblat") is not None


@pytest.mark.parametrize("damage", ["truncated", "flipped", "manifest"])
def test_rebuilt_after_damage(cache_dir, builds, damage):
    reference = build_nlp()
    [folder] = cached_folders(cache_dir)
    tables = folder / "place_finder" / "tables.pickle"
    data = tables.read_bytes()
    if damage == "truncated":
        tables.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":  # still a readable pickle, holding other names: only the hash tells
        tables.write_bytes(data.replace(b"Nairobi", b"Nairobo", 1))
    else:
        (folder / pipeline_cache.MANIFEST).write_text("{not json", encoding="utf-8")
    nlp = build_nlp()
    assert builds["n"] == 2, "a damaged cache was trusted"
    assert sheets_json(nlp) == sheets_json(reference)
    assert build_nlp() and builds["n"] == 2, "the cache was not written again after the damage"


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch, builds):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    # a folder inside a file: nobody, root included, can create it
    monkeypatch.setenv("IOMEXTRACT_CACHE_DIR", str(blocker / "cache"))
    nlp = build_nlp()
    nlp2 = build_nlp()
    assert builds["n"] == 2
    assert sheets_json(nlp) == sheets_json(nlp2)


def test_cache_command_shows_and_clears(cache_dir):
    build_nlp()
    command = [sys.executable, "-m", "iomextract", "cache"]
    shown = subprocess.run(command, capture_output=True, text=True, check=True)
    assert str(cache_dir) in shown.stdout and "1 cached pipeline," in shown.stdout
    assert "current for this version" in shown.stdout
    cleared = subprocess.run(command + ["--clear"], capture_output=True, text=True, check=True)
    assert "1 cached pipeline removed" in cleared.stdout
    assert not cached_folders(cache_dir)
