"""What the pattern files promise: typed rules with ids, and a loader that names the file and line of a mistake."""
import json
import shutil

import pytest

from iomextract.patterns import SCHEMAS, PatternError, default_patterns_dir, load, rule_index

RULE_FILES = ["claims.jsonl", "context.jsonl", "entity_rules.jsonl"]


@pytest.mark.parametrize("name", RULE_FILES)
def test_every_rule_has_a_unique_id(name):
    rules = load(name)
    ids = [rule.id for rule in rules]
    assert rules and all(ids) and len(ids) == len(set(ids))


def test_rule_ids_are_unique_across_files():
    index = rule_index()
    assert sum(len(load(name)) for name in RULE_FILES) == len(index)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_shipped_files_have_no_unknown_keys(name):
    """The loader validates every line against the file's schema; the shipped files pass."""
    loaded = load(name)
    assert loaded if name.endswith(".json") else len(loaded) > 0


def test_unknown_key_is_refused_with_file_and_line(tmp_path):
    (tmp_path / "organizations.jsonl").write_text(
        json.dumps({"canonical": "A Body"}) + "\n" + json.dumps({"canonical": "B", "acronymn": "B"}) + "\n")
    with pytest.raises(PatternError, match=r"organizations.jsonl:2.*acronymn"):
        load("organizations.jsonl", str(tmp_path))


def test_a_field_of_another_claim_kind_is_refused(tmp_path):
    """Claim families are a union on 'kind': a count family has no triggers."""
    family = {"id": "x", "kind": "count", "attribute": "staff_count", "subject": "org", "nouns": ["staff"],
              "triggers": ["employ"], "about": "wrong"}
    (tmp_path / "claims.jsonl").write_text(json.dumps(family) + "\n")
    with pytest.raises(PatternError, match=r"claims.jsonl:1.*triggers"):
        load("claims.jsonl", str(tmp_path))


def test_broken_json_is_refused_with_file_and_line(tmp_path):
    (tmp_path / "context.jsonl").write_text('{"id": "a", "flag": "hedged", "direction": "forward", "terms": ["x"], "about": ""}\n'
                                            '{"id": "b",\n')
    with pytest.raises(PatternError, match=r"context.jsonl:2"):
        load("context.jsonl", str(tmp_path))


def test_a_duplicate_rule_id_is_refused(tmp_path):
    folder = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), folder)
    with open(folder / "context.jsonl", "a") as handle:
        handle.write(json.dumps({"id": "negation.not", "flag": "negated", "direction": "forward", "terms": ["no"],
                                 "about": "a second rule with a taken id"}) + "\n")
    with pytest.raises(PatternError, match="negation.not.*used twice"):
        rule_index(str(folder))


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(PatternError, match=r"dates.json: cannot read"):
        load("dates.json", str(tmp_path))
