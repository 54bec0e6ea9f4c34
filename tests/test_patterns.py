import json

import pytest

from iomextract.patterns import SCHEMAS, PatternError, load


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_shipped_pattern_files_load(name):
    assert load(name)


def test_unknown_key_is_refused_with_file_and_line(tmp_path):
    (tmp_path / "organizations.jsonl").write_text(
        json.dumps({"canonical": "A Body"}) + "\n" + json.dumps({"canonical": "B", "acronymn": "B"}) + "\n")
    with pytest.raises(PatternError, match=r"organizations.jsonl:2"):
        load("organizations.jsonl", str(tmp_path))
