"""Every entity and claim names the rule that produced it, and the rule is a line of patterns/."""
import json

from iomextract.cli import main
from iomextract.patterns import rule_index


def test_every_rule_id_resolves_to_a_line(corpus_sheets):
    index = rule_index()
    for sheet in corpus_sheets.values():
        for item in [*sheet.entities, *sheet.claims]:
            assert item.rule in index, item
            path, line, text = index[item.rule]
            assert json.loads(text)["id"] == item.rule and path.read_text().splitlines()[line - 1] == text


def test_team_releases_name_their_rules(nlp):
    from conftest import RELEASES
    from iomextract import extract_file
    index = rule_index()
    for path in RELEASES.glob("*.txt"):
        sheet = extract_file(path, nlp=nlp)
        missing = [item for item in [*sheet.entities, *sheet.claims] if item.rule not in index]
        assert missing == [], path.name


def test_explain_prints_rule_pattern_and_evidence(tmp_path, kenya, capsys):
    from iomextract.writers import write_factsheet
    path = write_factsheet(kenya, tmp_path)
    number = next(n for n, c in enumerate(kenya.claims) if c.attribute == "member_since")
    assert main(["explain", str(path), "--claim", str(number)]) == 0
    out = capsys.readouterr().out
    assert "claim" in out and "Kenya / member_since = 1983" in out
    assert "rule: member_since.since" in out and "claims.jsonl:" in out and '"triggers"' in out
    assert "The Government of Kenya has been a member state of IOM since 1983." in out
    assert main(["explain", str(path), "--entity", "0"]) == 0
    assert "entity_rules.jsonl:" in capsys.readouterr().out
    assert main(["explain", str(path), "--claim", "999"]) == 2
    assert "no claim 999" in capsys.readouterr().err
