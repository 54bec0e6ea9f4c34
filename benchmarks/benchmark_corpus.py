"""The texts the benchmarks run on: the shared dev set when it is there, else the repository's own texts.

The seed releases (``corpus/``) and the team-written releases
(``tests/data/releases/``) are always there; ``../shared/eval/dev`` is
there in CI and on the team's machines. Ratios are measured against a
baseline on the same texts in the same run, so either choice is fair.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DEV = ROOT.parent / "shared" / "eval" / "dev"


def texts(source: str = "auto") -> tuple[list[str], str]:
    """(texts, a description of where they came from); ``source`` is auto, repo or shared."""
    repo = sorted(ROOT.glob("corpus/*.txt")) + sorted(ROOT.glob("tests/data/releases/*.txt"))
    use_shared = source == "shared" or (source == "auto" and SHARED_DEV.is_dir())
    if source == "shared" and not SHARED_DEV.is_dir():
        raise SystemExit(f"{SHARED_DEV} is not there; use --corpus repo")
    paths = sorted(SHARED_DEV.glob("*.txt")) + repo if use_shared else repo
    where = f"{SHARED_DEV} + repository texts" if use_shared else "repository texts (corpus/, tests/data/releases/)"
    return [p.read_text(encoding="utf-8") for p in paths], where
