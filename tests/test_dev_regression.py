"""Regression guard: the copied dev set, scored by the evaluation's own scorer."""
import json
import subprocess
import sys

from conftest import DATA
from iomextract.cli import main


def test_dev_scores_stay_high(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["extract", str(DATA / "eval"), "--out", str(out)]) == 0
    scored = subprocess.run([sys.executable, str(DATA / "score.py"), str(DATA / "eval"), str(out), "--json"],
                            capture_output=True, text=True, check=True)
    result = json.loads(scored.stdout)
    assert result["bad_offsets"] == 0
    assert result["entities_micro"]["f"] >= 0.9
    assert all(v["f"] >= 0.85 for v in result["entities"].values())
    assert result["claims"]["f"] >= 0.85
    for name, (accuracy, _) in result["values"].items():
        assert accuracy >= 0.8, name
    assert main(["check", str(out), "--json"]) == 0
    report = tmp_path / "report.json"
    report.write_text(capsys.readouterr().out)
    conflicts = subprocess.run([sys.executable, str(DATA / "score_conflicts.py"), str(DATA / "eval" / "conflicts.json"),
                                str(report)], capture_output=True, text=True, cwd=DATA)
    assert conflicts.returncode == 0, conflicts.stdout
    assert "0 unexpected" in conflicts.stdout
